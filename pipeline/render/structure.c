/* structure.c — the web edition's structure tree, planned from the page
 * list and written with libqpdf: cairo's marks rewritten as MCIDs and
 * artifacts, its tree replaced by Document → Sect → elements (PDF/UA-1). */
#include "structure.h"

#include "pdfstream.h"
#include "content.h"
#include "diag.h"

#include <stdlib.h>
#include <string.h>

gboolean
structure_item_paints(gb_item_kind kind)
{
	return kind == GB_ITEM_TEXT || kind == GB_ITEM_RULE || kind == GB_ITEM_BOX
	    || kind == GB_ITEM_IMAGE;
}

gboolean
structure_item_breaks(gb_item_kind kind)
{
	return kind == GB_ITEM_BEGIN || kind == GB_ITEM_END || kind == GB_ITEM_LINK
	    || kind == GB_ITEM_DEST;
}

const char *
structure_piece_tag(const char *tag, gboolean artifact)
{
	if (artifact)
		return "NonStruct";	/* cairo 1.16 refuses "Artifact" */
	return strcmp(tag, "Link") == 0 ? "Span" : strcmp(tag, "Title") == 0 ? "H1" : tag;
}

/* --- the plan ------------------------------------------------------------- */

typedef struct node node;

typedef enum { KID_NODE, KID_MCID, KID_OBJR } kid_kind;

typedef struct {
	kid_kind kind;
	node *n;		/* NODE */
	int page;		/* MCID OBJR: the page (from 0) */
	int number;		/* MCID: the MCID; OBJR: the link of the page */
} kid;

struct node {
	const char *type;	/* a standard structure type */
	node *parent;		/* NULL: the Document */
	GArray *kids;		/* of kid, in reading order */
	char *id;		/* Sect: the document's identifier */
	GString *text;		/* Link: its words */
	char *contents;		/* Link: its annotation's description */
	gboolean has_objr;
	/* the last text set in it, so that a paragraph broken by a page
	 * break goes on in the same element */
	const char *src_doc;
	int src_line, src_part, src_end;
	guint index;		/* in gb_structure.nodes */
};

typedef struct {
	node *n;		/* NULL: an artifact */
	const char *tag;	/* the cairo tag the painter marks it with */
	const char *artifact;	/* /Pagination or /Layout */
	int mcid;
} piece;

typedef struct {
	node *link;
	const char *dest;
} plink;

typedef struct {
	GArray *pieces;		/* of piece */
	GArray *links;		/* of plink, in the order of the page's link records */
	int mcids;
} ppage;

struct gb_structure {
	GPtrArray *nodes;	/* node*, owned, nodes->pdata[0] the Document */
	GPtrArray *pages;	/* ppage*, one a page of the list */
	GStringChunk *strings;
};

static node *
node_new(gb_structure *s, node *parent, const char *type)
{
	node *n = g_new0(node, 1);
	n->type = type;
	n->parent = parent;
	n->kids = g_array_new(FALSE, FALSE, sizeof(kid));
	n->index = s->nodes->len;
	g_ptr_array_add(s->nodes, n);
	if (parent) {
		kid k = { .kind = KID_NODE, .n = n };
		g_array_append_val(parent->kids, k);
	}
	return n;
}

static void
node_free(node *n)
{
	g_array_free(n->kids, TRUE);
	g_free(n->id);
	g_free(n->contents);
	if (n->text)
		g_string_free(n->text, TRUE);
	g_free(n);
}

void
structure_free(gb_structure *s)
{
	if (!s)
		return;
	g_ptr_array_free(s->nodes, TRUE);
	for (guint i = 0; i < s->pages->len; i++) {
		ppage *pp = s->pages->pdata[i];
		g_array_free(pp->pieces, TRUE);
		g_array_free(pp->links, TRUE);
		g_free(pp);
	}
	g_ptr_array_free(s->pages, TRUE);
	g_string_chunk_free(s->strings);
	g_free(s);
}

/* What the walk over the pages keeps. */
typedef struct {
	gb_structure *s;
	const gb_pages *pages;
	node *root;
	node *sect;		/* where top-level elements go; NULL: the root */
	gb_page_kind last_kind;
	node *last_top;		/* the last top-level element of the page before */
	GHashTable *titles;	/* document ID → title, for links to it */
} walk;

/* No /T: poppler's pdfinfo prints a title's UTF-16 bytes as they are;
 * a Sect's H1 says what it is. */
static node *
new_sect(walk *w)
{
	node *n = node_new(w->s, w->root, "Sect");
	w->sect = n;
	return n;
}

/* The text item that opens the element begun at item I of PAGE, NULL if
 * none. */
static const gb_item *
first_text(const gb_page *page, guint i)
{
	int depth = 0;
	for (; i < page->items->len; i++) {
		const gb_item *it = page_item(page, i);
		if (it->kind == GB_ITEM_BEGIN)
			depth++;
		else if (it->kind == GB_ITEM_END && --depth == 0)
			return NULL;
		else if (it->kind == GB_ITEM_TEXT)
			return it;
	}
	return NULL;
}

/* Whether the element TYPE begun at item I of PAGE, the first at the top
 * of its page, continues LAST, the last of the page before: a TOC, table
 * or list does when it is of the same type; a paragraph when its text
 * goes on in the same block of the same document. */
static gboolean
continues(const node *last, const char *type, const gb_page *page, guint i)
{
	if (!last || strcmp(last->type, type) != 0)
		return FALSE;
	if (strcmp(type, "TOC") == 0 || strcmp(type, "Table") == 0 || strcmp(type, "L") == 0)
		return TRUE;
	if (strcmp(type, "P") != 0 || !last->src_doc)
		return FALSE;
	const gb_item *t = first_text(page, i);
	return t && t->src_doc && strcmp(t->src_doc, last->src_doc) == 0
	    && t->src_line == last->src_line && t->src_part == last->src_part
	    && t->src_offset >= last->src_end && t->src_offset > 0;
}

/* The Link's description (/Contents): 转到：the document's title in the
 * 目录, the line's own words elsewhere (相关解读：…), else where it goes. */
static char *
link_contents(walk *w, const node *link, const char *dest)
{
	if (link->contents)
		return g_strdup(link->contents);
	if (link->text && link->text->len)
		return g_strdup(link->text->str);
	if (g_str_has_prefix(dest, "doc-")) {
		const char *t = g_hash_table_lookup(w->titles, dest + 4);
		return g_strdup_printf("转到：%s", t ? t : dest + 4);
	}
	const char *n = strrchr(dest, '-');
	if (g_str_has_prefix(dest, "note-") && n)
		return g_strdup_printf("转到：注释%s", n + 1);
	if (g_str_has_prefix(dest, "noteref-") && n)
		return g_strdup_printf("返回：注释%s的引用处", n + 1);
	return g_strdup_printf("转到：%s", dest);
}

/* One page's walk: the tags open on it (NULL for an Artifact), whether a
 * piece is open, what the continuation and the Notes need. */
typedef struct {
	walk *w;
	const gb_page *page;
	int pi;
	ppage *pp;
	GPtrArray *stack;
	int artifacts;
	gboolean open, first;
	node *last_top;
	const char *last_dest;
} pagewalk;

/* The cover, the 目录 (over all its pages), the back page: a Sect each;
 * a run of body pages: the Sect of each document from its destination
 * on. */
static void
page_sect(walk *w, const gb_page *page)
{
	if (page->kind == GB_PAGE_COVER)
		new_sect(w);
	else if (page->kind == GB_PAGE_TOC && w->last_kind != GB_PAGE_TOC)
		new_sect(w);
	else if (page->kind == GB_PAGE_BACK)
		new_sect(w);
	else if (page->kind == GB_PAGE_BODY && w->last_kind != GB_PAGE_BODY
	    && w->last_kind != GB_PAGE_BLANK)
		w->sect = NULL;
	if (page->kind != GB_PAGE_BLANK)
		w->last_kind = page->kind;
}

static void
walk_begin(pagewalk *pw, const gb_item *it, guint i, node *parent)
{
	gb_structure *s = pw->w->s;
	if (pw->artifacts || strcmp(it->text, "Artifact") == 0) {
		pw->artifacts++;
		g_ptr_array_add(pw->stack, NULL);
		return;
	}
	const char *type = strcmp(it->text, "Link") == 0 ? "Link"
	    : structure_piece_tag(it->text, FALSE);
	node *n;
	node *last = pw->w->last_top;
	if (!pw->stack->len && pw->first && continues(last, type, pw->page, i)
	    && last->parent == parent)
		n = last;
	else
		n = node_new(s, parent, g_string_chunk_insert_const(s->strings, type));
	if (!pw->stack->len)
		pw->first = FALSE;
	/* PDF/UA: a Note has an ID, unique in the file: its destination's
	 * name (note-d3-1), set just before it */
	if (strcmp(type, "Note") == 0 && !n->id)
		n->id = pw->last_dest && g_str_has_prefix(pw->last_dest, "note-")
		    ? g_strdup(pw->last_dest) : g_strdup_printf("note-%u", n->index);
	g_ptr_array_add(pw->stack, n);
}

static void
walk_link(pagewalk *pw, const gb_item *it, node *top, node *parent)
{
	gb_structure *s = pw->w->s;
	node *link = top && strcmp(top->type, "Link") == 0 && !top->has_objr ? top
	    : node_new(s, parent, "Link");
	link->has_objr = TRUE;
	kid k = { .kind = KID_OBJR, .page = pw->pi, .number = (int)pw->pp->links->len };
	g_array_append_val(link->kids, k);
	plink l = { link, g_string_chunk_insert_const(s->strings, it->text) };
	g_array_append_val(pw->pp->links, l);
}

static void
walk_dest(pagewalk *pw, const gb_item *it)
{
	walk *w = pw->w;
	pw->last_dest = it->text;
	if (g_str_has_prefix(it->text, "doc-")) {
		/* the Sect's ID is the document's stable identifier */
		const gb_page_document *d = pages_document(w->pages, it->text + 4);
		node *n = new_sect(w);
		n->id = g_strdup(d && d->identifier ? d->identifier : it->text + 4);
	} else if (g_str_has_prefix(it->text, "sec-") && w->sect && w->sect->kids->len)
		w->sect = NULL;	/* a section's heading stands between the Sects;
				 * where none is printed (gbt9704) the section's
				 * dest follows its first document's */
}

/* A painting item: the first of a piece opens it (an MCID of the
 * innermost element, or an artifact); a Link keeps its words, an element
 * where its text comes from. */
static void
walk_paint(pagewalk *pw, const gb_item *it, node *top)
{
	ppage *pp = pw->pp;
	if (!pw->open) {
		piece p = { .n = top, .tag = structure_piece_tag(top ? top->type : "",
		    pw->artifacts > 0), .mcid = -1 };
		if (!top)
			p.artifact = it->kind == GB_ITEM_TEXT ? "Pagination" : "Layout";
		else {
			p.mcid = pp->mcids++;
			kid k = { .kind = KID_MCID, .page = pw->pi, .number = p.mcid };
			g_array_append_val(top->kids, k);
		}
		g_array_append_val(pp->pieces, p);
		pw->open = TRUE;
	}
	if (!top || it->kind != GB_ITEM_TEXT)
		return;
	if (strcmp(top->type, "Link") == 0) {
		if (!top->text)
			top->text = g_string_new(NULL);
		g_string_append(top->text, it->text);
	}
	if (it->src_doc) {
		top->src_doc = it->src_doc;
		top->src_line = it->src_line;
		top->src_part = it->src_part;
		top->src_end = it->src_offset + it->n_chars;
	}
}

static void
plan_page(walk *w, const gb_page *page, int pi, ppage *pp)
{
	page_sect(w, page);
	pagewalk pw = { .w = w, .page = page, .pi = pi, .pp = pp, .stack = g_ptr_array_new(),
		.first = TRUE };
	for (guint i = 0; i < page->items->len; i++) {
		const gb_item *it = page_item(page, i);
		if (structure_item_breaks(it->kind))
			pw.open = FALSE;
		node *top = pw.stack->len ? pw.stack->pdata[pw.stack->len - 1] : NULL;
		node *parent = top ? top : w->sect ? w->sect : w->root;
		switch (it->kind) {
		case GB_ITEM_BEGIN:
			walk_begin(&pw, it, i, parent);
			break;
		case GB_ITEM_END:
			if (!pw.stack->len)
				break;	/* the reader keeps them balanced */
			if (!top)
				pw.artifacts--;
			g_ptr_array_set_size(pw.stack, pw.stack->len - 1);
			if (top && !pw.stack->len)
				pw.last_top = top;
			break;
		case GB_ITEM_LINK:
			walk_link(&pw, it, top, parent);
			break;
		case GB_ITEM_DEST:
			walk_dest(&pw, it);
			break;
		case GB_ITEM_TOC:
			for (guint k = pw.stack->len; k-- > 0;) {
				node *n = pw.stack->pdata[k];
				if (n && strcmp(n->type, "Link") == 0) {
					g_free(n->contents);
					n->contents = g_strdup_printf("转到：%s", it->text);
					break;
				}
			}
			break;
		case GB_ITEM_TITLE:
			g_hash_table_replace(w->titles, (gpointer)it->doc, (gpointer)it->text);
			break;
		default:
			if (structure_item_paints(it->kind) && pw.stack->len)
				walk_paint(&pw, it, top);
			break;
		}
	}
	g_ptr_array_free(pw.stack, TRUE);
	w->last_top = pw.last_top;
}

gb_structure *
structure_plan(const gb_pages *pages)
{
	gb_structure *s = g_new0(gb_structure, 1);
	s->nodes = g_ptr_array_new_with_free_func((GDestroyNotify)node_free);
	s->pages = g_ptr_array_new();
	s->strings = g_string_chunk_new(4096);
	walk w = { .s = s, .pages = pages, .last_kind = GB_PAGE_BLANK,
		.titles = g_hash_table_new(g_str_hash, g_str_equal) };
	w.root = node_new(s, NULL, "Document");
	for (guint i = 0; i < pages->pages->len; i++) {
		ppage *pp = g_new0(ppage, 1);
		pp->pieces = g_array_new(FALSE, FALSE, sizeof(piece));
		pp->links = g_array_new(FALSE, FALSE, sizeof(plink));
		g_ptr_array_add(s->pages, pp);
		plan_page(&w, pages_page(pages, i), (int)i, pp);
	}
	/* the descriptions once every title is known (the 目录 comes first) */
	for (guint i = 0; i < s->pages->len; i++) {
		ppage *pp = s->pages->pdata[i];
		for (guint k = 0; k < pp->links->len; k++) {
			plink *l = &g_array_index(pp->links, plink, k);
			if (!l->link->contents)
				l->link->contents = link_contents(&w, l->link, l->dest);
		}
	}
	g_hash_table_destroy(w.titles);
	return s;
}

/* --- writing it ------------------------------------------------------------- */

typedef struct {
	const gb_structure *s;
	qpdf_data q;
	const char *name;
	GError **error;
	qpdf_oh *elems;		/* the StructElem of each node */
	qpdf_oh *pages;		/* the page objects */
	qpdf_oh **annots;	/* each page's link annotations */
	/* the names and small numbers every element has, one object each:
	 * direct objects that nothing changes can be shared, and the tree
	 * of a large issue holds hundreds of thousands of them */
	GHashTable *names;	/* "/P" → its name's handle */
	GArray *numbers;	/* N → the integer N's handle, 0 until made */
} writer;

static qpdf_oh
name_of(writer *wr, const char *name)
{
	gpointer h = g_hash_table_lookup(wr->names, name);
	if (!h) {
		h = GSIZE_TO_POINTER(qpdf_oh_new_name(wr->q, name));
		g_hash_table_insert(wr->names, g_strdup(name), h);
	}
	return (qpdf_oh)GPOINTER_TO_SIZE(h);
}

/* The integer N (an MCID: a page's count of pieces bounds it). */
static qpdf_oh
number_of(writer *wr, guint n)
{
	if (n >= wr->numbers->len)
		g_array_set_size(wr->numbers, (guint)n + 1);
	qpdf_oh *h = &g_array_index(wr->numbers, qpdf_oh, n);
	if (!*h)
		*h = qpdf_oh_new_integer(wr->q, n);
	return *h;
}

/* FALSE, with the error ID (of the table) at page PAGE (from 1). */
#define failed(wr, page, ID, what) \
	(diag_set_error((wr)->error, (wr)->name, 0, ID, (page), (what)), FALSE)

static qpdf_oh
stream_of(qpdf_data q, const GString *data)
{
	return pdfstream_new(q, data->str, data->len);
}

/* Sets KEY of dictionary D to the new object O and lets go of O's handle:
 * the C API keeps every handle until it is released, and a large issue's
 * tree would hold hundreds of thousands of them to the end. */
static void
put(qpdf_data q, qpdf_oh d, const char *key, qpdf_oh o)
{
	qpdf_oh_replace_key(q, d, key, o);
	qpdf_oh_release(q, o);
}

/* Appends the new object O to array A, so. */
static void
append(qpdf_data q, qpdf_oh a, qpdf_oh o)
{
	qpdf_oh_append_item(q, a, o);
	qpdf_oh_release(q, o);
}

/* The name of the BDC whose operands start at IN[START]: "P" of
 * "/P << /MCID 3 >> BDC". */
static char *
bdc_tag(const guchar *in, gsize len, gsize start)
{
	gsize pos = start;
	gb_tok t = content_next(in, len, &pos);
	if (t.kind != GB_TOK_NAME)
		return g_strdup("");
	return g_strndup((const char *)in + t.start + 1, t.end - t.start - 1);
}

/* Page PI's content with cairo's marks rewritten: each piece's BDC as
 * its element's MCID or as an artifact, cairo's empty Link marks left
 * out (the links are in the tree as OBJR), and its text in literal
 * strings (content_literal_text). */
static gboolean
rewrite_page(writer *wr, int pi, const ppage *pp)
{
	qpdf_data q = wr->q;
	unsigned char *buf = NULL;
	size_t len = 0;
	if (qpdf_oh_get_page_content_data(q, wr->pages[pi], &buf, &len) & QPDF_ERRORS) {
		free(buf);
		return failed(wr, pi + 1, DIAG_STRUCTURE_CONTENT, "qpdf");
	}
	GString *out = g_string_sized_new(len + 64 * pp->pieces->len);
	GArray *keep = g_array_new(FALSE, FALSE, sizeof(gboolean));	/* per open mark */
	gsize pos = 0, copied = 0, operands = G_MAXSIZE;
	guint next = 0;
	gboolean ok = TRUE;
	for (;;) {
		gb_tok t = content_next(buf, len, &pos);
		if (t.kind == GB_TOK_END)
			break;
		if (t.kind != GB_TOK_OPERATOR) {
			if (operands == G_MAXSIZE)
				operands = t.start;
			continue;
		}
		gsize from = operands == G_MAXSIZE ? t.start : operands;
		operands = G_MAXSIZE;
		if (content_is_op(buf, &t, "BDC") || content_is_op(buf, &t, "BMC")) {
			char *tag = bdc_tag(buf, len, from);
			gboolean kept = strcmp(tag, "Link") != 0;
			g_string_append_len(out, (const char *)buf + copied, from - copied);
			if (kept && next == pp->pieces->len) {
				ok = failed(wr, pi + 1, DIAG_STRUCTURE_MARKS, tag);
				g_free(tag);
				break;
			}
			if (kept) {
				const piece *p = &g_array_index(pp->pieces, piece, next++);
				if (strcmp(tag, p->tag) != 0) {
					ok = failed(wr, pi + 1, DIAG_STRUCTURE_MARKS, tag);
					g_free(tag);
					break;
				}
				if (p->n)
					g_string_append_printf(out, "/%s <</MCID %d>> BDC", p->n->type,
					    p->mcid);
				else
					g_string_append_printf(out, "/Artifact <</Type /%s>> BDC",
					    p->artifact);
			}
			g_free(tag);
			g_array_append_val(keep, kept);
			copied = t.end;
		} else if (content_is_op(buf, &t, "EMC") && keep->len) {
			gboolean kept = g_array_index(keep, gboolean, keep->len - 1);
			g_array_set_size(keep, keep->len - 1);
			if (!kept) {
				g_string_append_len(out, (const char *)buf + copied, from - copied);
				copied = t.end;
			}
		}
	}
	if (ok && next != pp->pieces->len)
		ok = failed(wr, pi + 1, DIAG_STRUCTURE_MARKS, "EMC");
	if (ok) {
		g_string_append_len(out, (const char *)buf + copied, len - copied);
		GString *lit = content_literal_text((const guchar *)out->str, out->len);
		put(q, wr->pages[pi], "/Contents", stream_of(q, lit));
		g_string_free(lit, TRUE);
	}
	free(buf);
	g_string_free(out, TRUE);
	g_array_free(keep, TRUE);
	return ok;
}

/* Page PI's annotations are cairo's links, in the order of the page's
 * link records: each gets its description and its key in the
 * ParentTree; the page reads them in the order of the structure. */
static gboolean
link_annotations(writer *wr, int pi, const ppage *pp, int *key)
{
	qpdf_data q = wr->q;
	qpdf_oh page = wr->pages[pi];
	qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
	int n = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
	if (n != (int)pp->links->len) {
		char what[32];
		g_snprintf(what, sizeof what, "%d/%u", n, pp->links->len);
		return failed(wr, pi + 1, DIAG_STRUCTURE_LINKS, what);
	}
	wr->annots[pi] = g_new0(qpdf_oh, n + 1);
	for (int k = 0; k < n; k++) {
		qpdf_oh a = qpdf_oh_get_array_item(q, annots, k);
		const plink *l = &g_array_index(pp->links, plink, k);
		put(q, a, "/Contents", qpdf_oh_new_unicode_string(q, l->link->contents));
		put(q, a, "/StructParent", qpdf_oh_new_integer(q, (*key)++));
		wr->annots[pi][k] = a;
	}
	qpdf_oh_release(q, annots);
	if (n)
		put(q, page, "/Tabs", qpdf_oh_new_name(q, "/S"));
	put(q, page, "/StructParents", qpdf_oh_new_integer(q, pi));
	return TRUE;
}

/* The page of N's first marked content or annotation, -1 if none. */
static int
node_page(const node *n)
{
	for (guint k = 0; k < n->kids->len; k++) {
		const kid *c = &g_array_index(n->kids, kid, k);
		if (c->kind != KID_NODE)
			return c->page;
	}
	return -1;
}

static void
write_node(writer *wr, const node *n, qpdf_oh tree_root)
{
	qpdf_data q = wr->q;
	qpdf_oh e = wr->elems[n->index];
	qpdf_oh_replace_key(q, e, "/Type", name_of(wr, "/StructElem"));
	char *type = g_strconcat("/", n->type, NULL);
	qpdf_oh_replace_key(q, e, "/S", name_of(wr, type));
	g_free(type);
	qpdf_oh_replace_key(q, e, "/P", n->parent ? wr->elems[n->parent->index] : tree_root);
	int pg = node_page(n);
	if (pg >= 0)
		qpdf_oh_replace_key(q, e, "/Pg", wr->pages[pg]);
	if (n->id)
		put(q, e, "/ID", qpdf_oh_new_string(q, n->id));
	if (strcmp(n->type, "TH") == 0)	/* the head rows are a table's only TH */
		put(q, e, "/A", qpdf_oh_parse(q, "<< /O /Table /Scope /Column >>"));
	qpdf_oh kids = qpdf_oh_new_array(q);
	for (guint k = 0; k < n->kids->len; k++) {
		const kid *c = &g_array_index(n->kids, kid, k);
		if (c->kind == KID_NODE) {
			qpdf_oh_append_item(q, kids, wr->elems[c->n->index]);
		} else if (c->kind == KID_MCID && c->page == pg) {
			qpdf_oh_append_item(q, kids, number_of(wr, (guint)c->number));
		} else {
			qpdf_oh o = qpdf_oh_new_dictionary(q);
			gboolean mcr = c->kind == KID_MCID;
			qpdf_oh_replace_key(q, o, "/Type", name_of(wr, mcr ? "/MCR" : "/OBJR"));
			qpdf_oh_replace_key(q, o, "/Pg", wr->pages[c->page]);
			if (mcr)
				qpdf_oh_replace_key(q, o, "/MCID", number_of(wr, (guint)c->number));
			else
				qpdf_oh_replace_key(q, o, "/Obj", wr->annots[c->page][c->number]);
			append(q, kids, o);
		}
	}
	put(q, e, "/K", kids);
}

/* The ParentTree: each page's MCIDs to their elements, each link
 * annotation's key to its Link. */
static qpdf_oh
parent_tree(writer *wr, int npages)
{
	qpdf_data q = wr->q;
	const gb_structure *s = wr->s;
	qpdf_oh nums = qpdf_oh_new_array(q);
	for (int pi = 0; pi < npages; pi++) {
		const ppage *pp = s->pages->pdata[pi];
		qpdf_oh arr = qpdf_oh_new_array(q);
		for (guint k = 0; k < pp->pieces->len; k++) {
			const piece *p = &g_array_index(pp->pieces, piece, k);
			if (p->n)
				qpdf_oh_append_item(q, arr, wr->elems[p->n->index]);
		}
		append(q, nums, qpdf_oh_new_integer(q, pi));
		append(q, nums, qpdf_make_indirect_object(q, arr));
		qpdf_oh_release(q, arr);
	}
	int key = npages;
	for (int pi = 0; pi < npages; pi++) {
		const ppage *pp = s->pages->pdata[pi];
		for (guint k = 0; k < pp->links->len; k++) {
			const plink *l = &g_array_index(pp->links, plink, k);
			append(q, nums, qpdf_oh_new_integer(q, key++));
			qpdf_oh_append_item(q, nums, wr->elems[l->link->index]);
		}
	}
	qpdf_oh tree = qpdf_oh_new_dictionary(q);
	put(q, tree, "/Nums", nums);
	qpdf_oh indirect = qpdf_make_indirect_object(q, tree);
	qpdf_oh_release(q, tree);
	return indirect;
}

gboolean
structure_apply(const gb_structure *s, qpdf_data q, const char *name, GError **error)
{
	int npages = qpdf_get_num_pages(q);
	if (npages != (int)s->pages->len) {
		diag_set_error(error, name, 0, DIAG_STRUCTURE_PAGES, npages, s->pages->len);
		return FALSE;
	}
	writer wr = { .s = s, .q = q, .name = name, .error = error,
		.elems = g_new0(qpdf_oh, s->nodes->len),
		.pages = g_new0(qpdf_oh, npages + 1),
		.annots = g_new0(qpdf_oh *, npages + 1),
		.names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
		.numbers = g_array_new(FALSE, TRUE, sizeof(qpdf_oh)) };
	gboolean ok = TRUE;
	int key = npages;
	for (int pi = 0; ok && pi < npages; pi++) {
		wr.pages[pi] = qpdf_get_page_n(q, (size_t)pi);
		ok = rewrite_page(&wr, pi, s->pages->pdata[pi])
		    && link_annotations(&wr, pi, s->pages->pdata[pi], &key);
	}
	if (ok) {
		qpdf_oh root = qpdf_get_root(q);
		qpdf_oh tree = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));
		for (guint i = 0; i < s->nodes->len; i++) {
			qpdf_oh d = qpdf_oh_new_dictionary(q);
			wr.elems[i] = qpdf_make_indirect_object(q, d);
			qpdf_oh_release(q, d);
		}
		for (guint i = 0; i < s->nodes->len; i++)
			write_node(&wr, s->nodes->pdata[i], tree);
		put(q, tree, "/Type", qpdf_oh_new_name(q, "/StructTreeRoot"));
		qpdf_oh_replace_key(q, tree, "/K", wr.elems[0]);
		put(q, tree, "/ParentTree", parent_tree(&wr, npages));
		put(q, tree, "/ParentTreeNextKey", qpdf_oh_new_integer(q, key));
		/* cairo's tree goes: nothing refers to it any more */
		qpdf_oh_replace_key(q, root, "/StructTreeRoot", tree);
		ok = !qpdf_has_error(q);
		if (!ok)
			diag_set_error(error, name, 0, DIAG_STRUCTURE_CONTENT, 0, "qpdf");
	}
	for (int pi = 0; pi < npages; pi++)
		g_free(wr.annots[pi]);
	g_free(wr.annots);
	g_free(wr.pages);
	g_free(wr.elems);
	GHashTableIter it;
	gpointer h;
	g_hash_table_iter_init(&it, wr.names);
	while (g_hash_table_iter_next(&it, NULL, &h))
		qpdf_oh_release(q, (qpdf_oh)GPOINTER_TO_SIZE(h));
	g_hash_table_destroy(wr.names);
	for (guint i = 0; i < wr.numbers->len; i++)
		if (g_array_index(wr.numbers, qpdf_oh, i))
			qpdf_oh_release(q, g_array_index(wr.numbers, qpdf_oh, i));
	g_array_free(wr.numbers, TRUE);
	return ok;
}

/* --- cairo's tree ---------------------------------------------------------- */

/* Whether O is a structure element: a dictionary with /S that is not a
 * marked-content or object reference. */
static gboolean
is_struct_elem(qpdf_data q, qpdf_oh o)
{
	if (!qpdf_oh_is_dictionary(q, o) || !qpdf_oh_has_key(q, o, "/S"))
		return FALSE;
	qpdf_oh t = qpdf_oh_get_key(q, o, "/Type");
	gboolean ref = qpdf_oh_is_name_and_equals(q, t, "/MCR")
	    || qpdf_oh_is_name_and_equals(q, t, "/OBJR");
	qpdf_oh_release(q, t);
	return !ref;
}

/* Replaces object ID of Q by null (a new null each time: the object
 * replaced takes it over as itself). */
static void
drop_object(qpdf_data q, int id)
{
	qpdf_oh null = qpdf_oh_new_null(q);
	qpdf_replace_object(q, id, 0, null);
	qpdf_oh_release(q, null);
}

/* Pushes the object number of O onto IDS when O is indirect. */
static void
push_indirect(qpdf_data q, qpdf_oh o, GArray *ids)
{
	if (qpdf_oh_is_indirect(q, o)) {
		int id = qpdf_oh_get_object_id(q, o);
		g_array_append_val(ids, id);
	}
}

/* Pushes the indirect objects of the array or object KIDS. */
static void
push_kids(qpdf_data q, qpdf_oh kids, GArray *ids)
{
	if (!qpdf_oh_is_array(q, kids)) {
		push_indirect(q, kids, ids);
		return;
	}
	int n = qpdf_oh_get_array_n_items(q, kids);
	for (int i = 0; i < n; i++) {
		qpdf_oh k = qpdf_oh_get_array_item(q, kids, i);
		push_indirect(q, k, ids);
		qpdf_oh_release(q, k);
	}
}

void
structure_drop_painted(qpdf_data q)
{
	qpdf_oh root = qpdf_get_root(q);
	qpdf_oh tree = qpdf_oh_get_key(q, root, "/StructTreeRoot");
	if (!qpdf_oh_is_dictionary(q, tree)) {
		qpdf_oh_release(q, tree);
		qpdf_oh_release(q, root);
		return;
	}
	GArray *elems = g_array_new(FALSE, FALSE, sizeof(int));
	GArray *nodes = g_array_new(FALSE, FALSE, sizeof(int));	/* of the ParentTree */
	qpdf_oh k = qpdf_oh_get_key(q, tree, "/K");
	push_kids(q, k, elems);
	qpdf_oh_release(q, k);
	qpdf_oh parents = qpdf_oh_get_key(q, tree, "/ParentTree");
	push_indirect(q, parents, nodes);
	qpdf_oh_release(q, parents);
	/* each element read, its kids noted, then it goes: what is held at
	 * any time is the elements not yet read */
	while (elems->len) {
		int id = g_array_index(elems, int, elems->len - 1);
		g_array_set_size(elems, elems->len - 1);
		qpdf_oh e = qpdf_get_object_by_id(q, id, 0);
		if (is_struct_elem(q, e)) {
			qpdf_oh kids = qpdf_oh_get_key(q, e, "/K");
			push_kids(q, kids, elems);
			qpdf_oh_release(q, kids);
			drop_object(q, id);
		}
		qpdf_oh_release(q, e);
	}
	/* the number tree: its nodes and the arrays of elements it maps to */
	while (nodes->len) {
		int id = g_array_index(nodes, int, nodes->len - 1);
		g_array_set_size(nodes, nodes->len - 1);
		qpdf_oh node = qpdf_get_object_by_id(q, id, 0);
		if (qpdf_oh_is_dictionary(q, node) && !is_struct_elem(q, node)
		    && !qpdf_oh_has_key(q, node, "/Type")) {
			qpdf_oh kids = qpdf_oh_get_key(q, node, "/Kids");
			push_kids(q, kids, nodes);
			qpdf_oh_release(q, kids);
			qpdf_oh nums = qpdf_oh_get_key(q, node, "/Nums");
			int n = qpdf_oh_is_array(q, nums) ? qpdf_oh_get_array_n_items(q, nums) : 0;
			for (int i = 1; i < n; i += 2) {
				qpdf_oh v = qpdf_oh_get_array_item(q, nums, i);
				if (qpdf_oh_is_indirect(q, v) && qpdf_oh_is_array(q, v))
					drop_object(q, qpdf_oh_get_object_id(q, v));
				qpdf_oh_release(q, v);
			}
			qpdf_oh_release(q, nums);
			drop_object(q, id);
		}
		qpdf_oh_release(q, node);
	}
	qpdf_oh_remove_key(q, root, "/StructTreeRoot");
	if (qpdf_oh_is_indirect(q, tree))
		drop_object(q, qpdf_oh_get_object_id(q, tree));
	qpdf_oh_release(q, tree);
	qpdf_oh_release(q, root);
	g_array_free(elems, TRUE);
	g_array_free(nodes, TRUE);
}
