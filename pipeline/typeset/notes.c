/* notes.c — a document's footnotes: each marker in the text (①) links to
 * its note, and each note, set after the 落款 as GB/T 9704 sets a 附注,
 * links back to the first marker of it.  cairo 1.16 links only to named
 * destinations: the marker's is noteref-DOC-N, the note's note-DOC-N (N
 * the note's place among the document's notes). */
#include "figure.h"

#include <string.h>

/* Blocks whose markers the typesetter draws (a table cell's and an
 * attachment's stay as text, unlinked). */
static gboolean
anchored_kind(gb_block_kind k)
{
	return k == GB_BLOCK_PARA || k == GB_BLOCK_HEADING || k == GB_BLOCK_ITEM
	    || k == GB_BLOCK_NOTE || k == GB_BLOCK_IMAGE;
}

/* The place (1, 2, …) of the note with MARK among DOC's notes; 0 if none. */
static int
note_index(const gb_document *doc, const char *mark)
{
	int n = 0;
	for (guint i = 0; i < doc->blocks->len; i++) {
		const gb_block *b = doc->blocks->pdata[i];
		if (b->kind != GB_BLOCK_NOTE)
			continue;
		n++;
		if (g_strcmp0(b->marker, mark) == 0)
			return n;
	}
	return 0;
}

/* The block and the index in its refs of the first marker MARK in DOC. */
static const gb_block *
first_ref(const gb_document *doc, const char *mark, guint *at)
{
	for (guint i = 0; i < doc->blocks->len; i++) {
		const gb_block *b = doc->blocks->pdata[i];
		for (guint k = 0; b->noterefs && k < b->noterefs->len; k++)
			if (strcmp(g_array_index(b->noterefs, gb_noteref, k).mark, mark) == 0) {
				*at = k;
				return b;
			}
	}
	return NULL;
}

static void
add_anchor(element *e, int src, char *link, char *dest)
{
	if (!e->anchors)
		e->anchors = g_array_new(FALSE, FALSE, sizeof(el_anchor));
	el_anchor a = { src, link, dest };
	g_array_append_val(e->anchors, a);
}

void
notes_anchor(ctx *c, element *e, const gb_document *doc, const gb_block *b, int prefix)
{
	(void)c;
	if (!e || !b->noterefs || !anchored_kind(b->kind))
		return;
	for (guint k = 0; k < b->noterefs->len; k++) {
		const gb_noteref *r = &g_array_index(b->noterefs, gb_noteref, k);
		int n = note_index(doc, r->mark);
		if (!n)
			continue;
		guint at;
		gboolean first = first_ref(doc, r->mark, &at) == b && at == k;
		int src = prefix + (int)(g_utf8_offset_to_pointer(b->text, r->start) - b->text);
		add_anchor(e, src, g_strdup_printf("note-%s-%d", doc->id, n),
		    first ? g_strdup_printf("noteref-%s-%d", doc->id, n) : NULL);
	}
}

void
notes_push(ctx *c, GArray *els, const gb_document *doc)
{
	gboolean any = FALSE;
	int n = 0;
	for (guint i = 0; i < doc->blocks->len; i++) {
		const gb_block *b = doc->blocks->pdata[i];
		if (b->kind != GB_BLOCK_NOTE)
			continue;
		n++;
		if (!any) {
			element *l = el_push_text(c, els, GB_STYLE_BODY, "P", "注：", doc->file, b->line);
			l->keep_next = TRUE;
			any = TRUE;
		}
		char *s = g_strdup_printf("%s%s", b->marker, b->text);
		element *e = el_push_text(c, els, GB_STYLE_BODY, "Note", s, doc->file, b->line);
		e->dest = g_strdup_printf("note-%s-%d", doc->id, n);
		guint at;
		const gb_block *ref = first_ref(doc, b->marker, &at);
		if (ref && anchored_kind(ref->kind))	/* back to the marker */
			add_anchor(e, 0, g_strdup_printf("noteref-%s-%d", doc->id,
			    note_index(doc, b->marker)), NULL);
		/* markers inside the note's own text */
		notes_anchor(c, e, doc, b, (int)strlen(b->marker));
		g_free(s);
	}
}

void
notes_emit_anchors(ctx *c, gb_page *page, const element *e, int i, double left, double top)
{
	if (!e->anchors)
		return;
	const gb_line *ln = &g_array_index(e->tb.lines, gb_line, i);
	const gb_glyph *gl = (const gb_glyph *)e->tb.glyphs->data;
	const double *xs = (const double *)c->xs->data;	/* tb_emit_line's */
	for (guint k = 0; k < e->anchors->len; k++) {
		const el_anchor *a = &g_array_index(e->anchors, el_anchor, k);
		for (int g = ln->start; g < ln->end; g++) {
			if (gl[g].src != a->src)
				continue;
			double x0 = left + xs[g - ln->start], x1 = x0 + gl[g].adv;
			if (a->dest)
				page_add_dest(c->out, page, a->dest, x0, top);
			if (a->link)
				page_add_link(c->out, page, x0, top, x1, top + e->tb.st->pitch, a->link);
			break;
		}
	}
}

void
notes_clear_anchors(element *e)
{
	for (guint k = 0; e->anchors && k < e->anchors->len; k++) {
		el_anchor *a = &g_array_index(e->anchors, el_anchor, k);
		g_free(a->link);
		g_free(a->dest);
	}
	if (e->anchors)
		g_array_free(e->anchors, TRUE);
	e->anchors = NULL;
}
