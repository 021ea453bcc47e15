/* proofmarks.c — the proof's highlights and notes (proofmarks.h).  The
 * page list says for every run of text which characters of which block it
 * sets (`source DOC LINE PART OFFSET`, FORMATS.md); a warning says which
 * characters of which block it is about (its anchor).  Where the two meet
 * is where the mark goes: no guessing from the text. */
#include "proofmarks.h"
#include "util.h"

#include <math.h>
#include <string.h>

/* A rectangle over characters of one line, in trim coordinates (points
 * from the top left, y downwards). */
typedef struct {
	double x0, x1, top, bottom;
} quad;

/* The highlight of one page. */
typedef struct {
	int page;		/* index in the list */
	GArray *quads;		/* of quad */
} highlight;

typedef struct {
	char *note;		/* what the note says */
	int note_page;
	double note_x, note_y;	/* top left of the note's icon */
	GPtrArray *highlights;	/* highlight*, in page order */
} mark;

struct gb_proofmarks {
	GPtrArray *marks;	/* mark* in the order of the warnings */
};

/* A run of text with a source: where it stands. */
typedef struct {
	int page;
	const gb_item *it;
} run_ref;

#define NOTE_SIZE 14.0

static void
highlight_free(gpointer p)
{
	highlight *h = p;
	g_array_free(h->quads, TRUE);
	g_free(h);
}

static void
mark_free(gpointer p)
{
	mark *m = p;
	g_free(m->note);
	g_ptr_array_unref(m->highlights);
	g_free(m);
}

void
proofmarks_free(gb_proofmarks *marks)
{
	if (!marks)
		return;
	g_ptr_array_unref(marks->marks);
	g_free(marks);
}

guint
proofmarks_notes(const gb_proofmarks *marks)
{
	return marks->marks->len;
}

guint
proofmarks_highlights(const gb_proofmarks *marks)
{
	guint n = 0;
	for (guint i = 0; i < marks->marks->len; i++)
		n += ((mark *)marks->marks->pdata[i])->highlights->len;
	return n;
}

static char *
block_key(const char *doc, int line, int part)
{
	return g_strdup_printf("%s\x1f%d\x1f%d", doc, line, part);
}

static void
runs_free(gpointer p)
{
	g_array_free(p, TRUE);
}

/* Every run with a source, by block, in page order. */
static GHashTable *
index_runs(const gb_pages *pages)
{
	GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, runs_free);
	for (guint i = 0; i < pages->pages->len; i++) {
		const gb_page *pg = pages_page(pages, i);
		for (guint j = 0; j < pg->items->len; j++) {
			const gb_item *it = page_item(pg, j);
			if (it->kind != GB_ITEM_TEXT || !it->src_doc)
				continue;
			char *key = block_key(it->src_doc, it->src_line, it->src_part);
			GArray *runs = g_hash_table_lookup(t, key);
			if (!runs) {
				runs = g_array_new(FALSE, FALSE, sizeof(run_ref));
				g_hash_table_insert(t, key, runs);
			} else {
				g_free(key);
			}
			run_ref r = { (int)i, it };
			g_array_append_val(runs, r);
		}
	}
	return t;
}

/* The extent of character K of run IT: to the next character's origin, or
 * its width (an em for a wide character, about half for others). */
static quad
char_quad(const gb_item *it, int k)
{
	const char *p = g_utf8_offset_to_pointer(it->text, k);
	gunichar cp = g_utf8_get_char(p);
	quad q;
	q.x0 = it->x + it->offsets[k];
	if (k + 1 < it->n_chars)
		q.x1 = it->x + it->offsets[k + 1];
	else
		q.x1 = q.x0 + (g_unichar_iswide(cp) ? it->size : 0.55 * it->size);
	/* the ideographic em box: 0.88 em above the baseline, 0.12 below */
	q.top = it->y - 0.88 * it->size;
	q.bottom = it->y + 0.12 * it->size;
	return q;
}

/* Adds Q on PAGE to M, joined to the last quadrilateral when it continues
 * the same line. */
static void
add_quad(mark *m, int page, quad q)
{
	highlight *h = m->highlights->len ? m->highlights->pdata[m->highlights->len - 1] : NULL;
	if (!h || h->page != page) {
		h = g_new0(highlight, 1);
		h->page = page;
		h->quads = g_array_new(FALSE, FALSE, sizeof(quad));
		g_ptr_array_add(m->highlights, h);
	}
	if (h->quads->len) {
		quad *last = &g_array_index(h->quads, quad, h->quads->len - 1);
		double size = last->bottom - last->top;
		if (fabs(last->top - q.top) < 0.5 && fabs(last->bottom - q.bottom) < 0.5
		    && q.x0 >= last->x0 - 0.01 && q.x0 <= last->x1 + size) {
			last->x1 = MAX(last->x1, q.x1);
			return;
		}
	}
	g_array_append_val(h->quads, q);
}

/* Marks the characters [START, START + LEN) of the block whose runs are
 * RUNS, each once (a table's head row repeats on the next page: the first
 * one is marked).  FALSE if none of them is on the pages. */
static gboolean
mark_span(mark *m, GArray *runs, int start, int len)
{
	gboolean *done = g_new0(gboolean, len);
	gboolean any = FALSE;
	for (guint i = 0; i < runs->len; i++) {
		const run_ref *r = &g_array_index(runs, run_ref, i);
		const gb_item *it = r->it;
		int from = MAX(start, it->src_offset), to = MIN(start + len, it->src_offset + it->n_chars);
		for (int o = from; o < to; o++) {
			if (done[o - start])
				continue;
			done[o - start] = TRUE;
			add_quad(m, r->page, char_quad(it, o - it->src_offset));
			any = TRUE;
		}
	}
	g_free(done);
	return any;
}

/* The character of RUNS nearest to block offset AT (a warning about a
 * character the typesetter does not set, a doubled space): marked instead. */
static gboolean
mark_nearest(mark *m, GArray *runs, int at)
{
	const run_ref *best = NULL;
	int best_k = 0, best_d = G_MAXINT;
	for (guint i = 0; i < runs->len; i++) {
		const run_ref *r = &g_array_index(runs, run_ref, i);
		int k = CLAMP(at - r->it->src_offset, 0, r->it->n_chars - 1);
		int d = abs(r->it->src_offset + k - at);
		if (d < best_d) {
			best = r;
			best_k = k;
			best_d = d;
		}
	}
	if (!best)
		return FALSE;
	add_quad(m, best->page, char_quad(best->it, best_k));
	return TRUE;
}

/* The notes placed on a page, by row band (y / NOTE_BAND) for a quick
 * look-up: a page of the proof can have hundreds. */
#define NOTE_BAND 16.0

static void
bands_free(gpointer p)
{
	g_hash_table_destroy(p);
}

static void
band_free(gpointer p)
{
	g_array_free(p, TRUE);
}

/* Whether a note's icon at (X, Y) would cover one of those in BANDS. */
static gboolean
taken(GHashTable *bands, double x, double y)
{
	int b = (int)floor(y / NOTE_BAND);
	for (int k = b - 1; k <= b + 1; k++) {
		GArray *at = g_hash_table_lookup(bands, GINT_TO_POINTER(k));
		for (guint i = 0; at && i + 1 < at->len; i += 2)
			if (fabs(g_array_index(at, double, i) - x) < NOTE_SIZE + 1
			    && fabs(g_array_index(at, double, i + 1) - y) < NOTE_SIZE + 1)
				return TRUE;
	}
	return FALSE;
}

static void
take(GHashTable *bands, double x, double y)
{
	gpointer key = GINT_TO_POINTER((int)floor(y / NOTE_BAND));
	GArray *at = g_hash_table_lookup(bands, key);
	if (!at) {
		at = g_array_new(FALSE, FALSE, sizeof(double));
		g_hash_table_insert(bands, key, at);
	}
	g_array_append_val(at, x);
	g_array_append_val(at, y);
}

/* A note's icon on PAGE in a margin: in one of the NCOLS columns COLS, at
 * Y or the first free row below it (then above it), clear of the notes
 * already placed (PLACED: page + 1 → its bands); on the first column at Y
 * when the margins are full. */
static void
place_clear(mark *m, int page, const double *cols, int ncols, double y, double height,
    GHashTable *placed)
{
	GHashTable *bands = g_hash_table_lookup(placed, GINT_TO_POINTER(page + 1));
	if (!bands) {
		bands = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, band_free);
		g_hash_table_insert(placed, GINT_TO_POINTER(page + 1), bands);
	}
	double step = NOTE_SIZE + 2, bottom = height - NOTE_SIZE - 2;
	int rows = MAX(1, (int)((bottom - 2) / step));
	double x = cols[0], fy = y;
	gboolean found = FALSE;
	for (int r = 0; r < rows && !found; r++) {
		double ry = y + r * step;
		if (ry > bottom)	/* below the page: the rows above Y */
			ry = y - (r - (int)((bottom - y) / step)) * step;
		for (int c = 0; c < ncols && !found && ry >= 2; c++)
			if (!taken(bands, cols[c], ry)) {
				x = cols[c];
				fy = ry;
				found = TRUE;
			}
	}
	take(bands, x, fy);
	m->note_page = page;
	m->note_x = x;
	m->note_y = fy;
}

/* Where a document's title stands: the page of its `title` record and the
 * first run of the document there (its title's first line). */
typedef struct {
	int page;
	double y;
} title_at;

static GHashTable *
index_titles(const gb_pages *pages)
{
	GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	for (guint i = 0; i < pages->pages->len; i++) {
		const gb_page *pg = pages_page(pages, i);
		title_at *open = NULL;
		const char *doc = NULL;
		for (guint j = 0; j < pg->items->len; j++) {
			const gb_item *it = page_item(pg, j);
			if (it->kind == GB_ITEM_TITLE && !g_hash_table_contains(t, it->doc)) {
				open = g_new0(title_at, 1);
				open->page = (int)i;
				open->y = NOTE_SIZE;
				doc = it->doc;
				g_hash_table_insert(t, (gpointer)doc, open);
			} else if (open && it->kind == GB_ITEM_TEXT && it->src_doc
			    && strcmp(it->src_doc, doc) == 0) {
				open->y = it->y - it->size;
				open = NULL;
			}
		}
	}
	return t;
}

/* Where a note of a warning without a place goes: in the margins of the
 * page of the title of document DOC from the title's line down, else of the
 * first page; clear of the notes already there. */
static void
place_unanchored(mark *m, GHashTable *titles, const char *doc, double width,
    double height, GHashTable *placed)
{
	const title_at *t = doc ? g_hash_table_lookup(titles, doc) : NULL;
	/* the left margin, then the right one */
	double cols[6] = { 4, 4 + NOTE_SIZE + 2, 4 + 2 * (NOTE_SIZE + 2) };
	for (int i = 0; i < 3; i++)
		cols[3 + i] = width - 4 - NOTE_SIZE - i * (NOTE_SIZE + 2);
	if (t)
		place_clear(m, t->page, cols, 6, t->y, height, placed);
	else
		place_clear(m, 0, cols, 6, NOTE_SIZE, height, placed);
}

static char *
note_text(const gb_page_warning *w, gboolean placed)
{
	return g_strdup_printf("校样（不得发布）\n%s:%d：%s\n（%s%s）", w->file, w->line,
	    w->message, w->kind, placed ? "" : "；此警告在页面上没有位置");
}

static mark *
mark_warning(const gb_pages *pages, const gb_page_warning *w, GHashTable *docs,
    GHashTable *runs, GHashTable *titles, GHashTable *stacked)
{
	mark *m = g_new0(mark, 1);
	m->highlights = g_ptr_array_new_with_free_func(highlight_free);
	const char *doc = g_hash_table_lookup(docs, w->file);
	GArray *block = NULL;
	if (doc && w->anchor.line > 0) {
		char *key = block_key(doc, w->anchor.line, w->anchor.part);
		block = g_hash_table_lookup(runs, key);
		g_free(key);
	}
	/* a warning of no length is about the character at START */
	int len = MAX(w->anchor.length, 1);
	gboolean placed = block && (mark_span(m, block, w->anchor.start, len)
	    || mark_nearest(m, block, w->anchor.start));
	m->note = note_text(w, placed);
	if (placed) {
		/* in the outer margin, level with the first line marked */
		const highlight *h = m->highlights->pdata[0];
		const quad *q = &g_array_index(h->quads, quad, 0);
		double cols[3];
		for (int c = 0; c < 3; c++)
			cols[c] = pages->trim_width - 8 - NOTE_SIZE - c * (NOTE_SIZE + 2);
		place_clear(m, h->page, cols, 3, (q->top + q->bottom - NOTE_SIZE) / 2,
		    pages->trim_height, stacked);
	} else {
		place_unanchored(m, titles, doc, pages->trim_width, pages->trim_height, stacked);
	}
	return m;
}

gb_proofmarks *
proofmarks_collect(const gb_pages *pages)
{
	gb_proofmarks *pm = g_new0(gb_proofmarks, 1);
	pm->marks = g_ptr_array_new_with_free_func(mark_free);
	GHashTable *docs = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < pages->documents->len; i++) {
		const gb_page_document *d = &g_array_index(pages->documents, gb_page_document, i);
		if (!g_hash_table_contains(docs, d->file))
			g_hash_table_insert(docs, (gpointer)d->file, (gpointer)d->id);
	}
	GHashTable *runs = index_runs(pages);
	GHashTable *titles = index_titles(pages);
	GHashTable *stacked = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
	    bands_free);
	for (guint i = 0; i < pages->warnings->len; i++) {
		const gb_page_warning *w = &g_array_index(pages->warnings, gb_page_warning, i);
		g_ptr_array_add(pm->marks, mark_warning(pages, w, docs, runs, titles, stacked));
	}
	g_hash_table_destroy(stacked);
	g_hash_table_destroy(runs);
	g_hash_table_destroy(titles);
	g_hash_table_destroy(docs);
	return pm;
}

/* --- into the PDF ----------------------------------------------------------- */

static void
put_num(GString *s, double v)
{
	char buf[G_ASCII_DTOSTR_BUF_SIZE];
	g_ascii_formatd(buf, sizeof buf, "%.2f", fabs(v) < 0.005 ? 0 : v);
	g_string_append(s, buf);
}

/* An appearance stream (a form XObject over BBOX) drawing CONTENT. */
static qpdf_oh
appearance(qpdf_data q, const double *bbox, const char *content, gboolean multiply)
{
	GString *d = g_string_new("<< /Type /XObject /Subtype /Form /BBox [");
	for (int i = 0; i < 4; i++) {
		put_num(d, bbox[i]);
		g_string_append_c(d, ' ');
	}
	g_string_append(d, "]");
	if (multiply)
		g_string_append(d, " /Resources << /ExtGState << /G0 << /Type /ExtGState "
		    "/BM /Multiply /ca 1 /CA 1 >> >> >>");
	g_string_append(d, " >>");
	qpdf_oh s = qpdf_oh_new_stream(q);
	qpdf_oh dict = qpdf_oh_parse(q, d->str);
	qpdf_oh null = qpdf_oh_new_null(q);
	qpdf_oh_replace_stream_data(q, s, (const unsigned char *)content, strlen(content), null,
	    null);
	/* replace_stream_data keeps the stream's own dictionary: fill it */
	qpdf_oh sd = qpdf_oh_get_dict(q, s);
	static const char *keys[] = { "/Type", "/Subtype", "/BBox", "/Resources" };
	for (guint i = 0; i < G_N_ELEMENTS(keys); i++)
		if (qpdf_oh_has_key(q, dict, keys[i]))
			qpdf_oh_replace_key(q, sd, keys[i], qpdf_oh_get_key(q, dict, keys[i]));
	g_string_free(d, TRUE);
	qpdf_oh ap = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, ap, "/N", s);
	return ap;
}

/* Appends annotation dictionary A (made indirect) to the /Annots of PAGE. */
static void
add_annot(qpdf_data q, qpdf_oh page, qpdf_oh a)
{
	qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
	if (!qpdf_oh_is_array(q, annots)) {
		annots = qpdf_oh_new_array(q);
		qpdf_oh_replace_key(q, page, "/Annots", annots);
	}
	qpdf_oh_append_item(q, annots, qpdf_make_indirect_object(q, a));
}

/* The common keys of the proof's annotations. */
static qpdf_oh
annot_new(qpdf_data q, const char *subtype, const double *rect, const mark *m,
    const char *date, int serial)
{
	GString *d = g_string_new("<< /Type /Annot /Subtype ");
	g_string_append(d, subtype);
	g_string_append(d, " /Rect [");
	for (int i = 0; i < 4; i++) {
		put_num(d, rect[i]);
		g_string_append_c(d, ' ');
	}
	g_string_append_printf(d, "] /C [1 0.85 0] /NM (gongbao-proof-%d) >>", serial);
	qpdf_oh a = qpdf_oh_parse(q, d->str);
	g_string_free(d, TRUE);
	qpdf_oh_replace_key(q, a, "/Contents", qpdf_oh_new_unicode_string(q, m->note));
	qpdf_oh_replace_key(q, a, "/T", qpdf_oh_new_unicode_string(q, "校样"));
	qpdf_oh_replace_key(q, a, "/Subj", qpdf_oh_new_unicode_string(q, "校样（不得发布）"));
	qpdf_oh_replace_key(q, a, "/M", qpdf_oh_new_string(q, date));
	return a;
}

static void
apply_highlight(qpdf_data q, const highlight *h, const mark *m, double H, const char *date,
    int serial)
{
	double rect[4] = { 1e9, 1e9, -1e9, -1e9 };
	GString *qp = g_string_new("[");
	GString *content = g_string_new("/G0 gs 1 0.85 0 rg\n");
	for (guint i = 0; i < h->quads->len; i++) {
		const quad *k = &g_array_index(h->quads, quad, i);
		double top = H - k->top, bottom = H - k->bottom;
		/* upper left, upper right, lower left, lower right: the order
		 * viewers read (Acrobat's, not the figure of ISO 32000) */
		double pts[8] = { k->x0, top, k->x1, top, k->x0, bottom, k->x1, bottom };
		for (int j = 0; j < 8; j++) {
			put_num(qp, pts[j]);
			g_string_append_c(qp, ' ');
		}
		put_num(content, k->x0);
		g_string_append_c(content, ' ');
		put_num(content, bottom);
		g_string_append_c(content, ' ');
		put_num(content, k->x1 - k->x0);
		g_string_append_c(content, ' ');
		put_num(content, top - bottom);
		g_string_append(content, " re f\n");
		rect[0] = MIN(rect[0], k->x0);
		rect[1] = MIN(rect[1], bottom);
		rect[2] = MAX(rect[2], k->x1);
		rect[3] = MAX(rect[3], top);
	}
	g_string_append(qp, "]");
	qpdf_oh a = annot_new(q, "/Highlight", rect, m, date, serial);
	qpdf_oh_replace_key(q, a, "/QuadPoints", qpdf_oh_parse(q, qp->str));
	qpdf_oh_replace_key(q, a, "/F", qpdf_oh_new_integer(q, 4));
	qpdf_oh_replace_key(q, a, "/AP", appearance(q, rect, content->str, TRUE));
	add_annot(q, qpdf_get_page_n(q, (size_t)h->page), a);
	g_string_free(qp, TRUE);
	g_string_free(content, TRUE);
}

/* The appearance every note shares: its icon, a small yellow sheet with
 * lines, drawn in its own box (a viewer maps the box onto the note's
 * rectangle).  Returns its object number. */
static int
note_icon(qpdf_data q)
{
	GString *c = g_string_new("0.5 w 1 0.85 0 rg 0 0 0 RG\n");
	g_string_append_printf(c, "0.5 0.5 %g %g re B\n", NOTE_SIZE - 1, NOTE_SIZE - 1);
	for (int i = 1; i <= 3; i++) {
		double ly = NOTE_SIZE - i * NOTE_SIZE / 4;
		g_string_append_printf(c, "3 %g m %g %g l S\n", ly, NOTE_SIZE - 3, ly);
	}
	double box[4] = { 0, 0, NOTE_SIZE, NOTE_SIZE };
	qpdf_oh ap = appearance(q, box, c->str, FALSE);
	g_string_free(c, TRUE);
	return qpdf_oh_get_object_id(q, qpdf_oh_get_key(q, ap, "/N"));
}

/* The note: a /Text annotation (shown by Evince, Okular, Firefox and
 * Acrobat alike) with the icon ICON. */
static void
apply_note(qpdf_data q, const mark *m, double H, const char *date, int serial, int icon)
{
	double x = m->note_x, y = H - m->note_y - NOTE_SIZE;
	double rect[4] = { x, y, x + NOTE_SIZE, y + NOTE_SIZE };
	qpdf_oh a = annot_new(q, "/Text", rect, m, date, serial);
	qpdf_oh_replace_key(q, a, "/Name", qpdf_oh_new_name(q, "/Comment"));
	qpdf_oh_replace_key(q, a, "/Open", qpdf_oh_new_bool(q, QPDF_FALSE));
	/* printable, at the same size whatever the zoom */
	qpdf_oh_replace_key(q, a, "/F", qpdf_oh_new_integer(q, 4 | 8 | 16));
	qpdf_oh ap = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, ap, "/N", qpdf_get_object_by_id(q, icon, 0));
	qpdf_oh_replace_key(q, a, "/AP", ap);
	add_annot(q, qpdf_get_page_n(q, (size_t)m->note_page), a);
}

gboolean
proofmarks_apply(const gb_proofmarks *marks, qpdf_data q, double page_height, const char *date)
{
	int serial = 0;
	int icon = marks->marks->len ? note_icon(q) : 0;
	for (guint i = 0; i < marks->marks->len && !qpdf_has_error(q); i++) {
		const mark *m = marks->marks->pdata[i];
		for (guint j = 0; j < m->highlights->len; j++)
			apply_highlight(q, m->highlights->pdata[j], m, page_height, date, ++serial);
		apply_note(q, m, page_height, date, ++serial, icon);
		/* the objects stay in the PDF; their handles need not */
		qpdf_oh_release_all(q);
	}
	return !qpdf_has_error(q);
}
