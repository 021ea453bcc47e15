/* verify.c — the checks of `gongbao-check`: reads both PDF editions back with
 * poppler-glib (text, fonts, links, bookmarks, labels, metadata) and libqpdf
 * (what poppler-glib cannot see: page boxes, output intents, /Lang, /ID,
 * MarkInfo) and compares every page with what the page list put on it. */
#include "verify.h"

#include "diag.h"
#include "pages.h"
#include "util.h"

#include <cairo.h>
#include <math.h>
#include <poppler.h>
#include <qpdf/qpdf-c.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Lengths are compared to this many points: the page list writes two
 * decimals and the renderer may write millimetres converted to points. */
#define BOX_TOLERANCE 0.05
/* A character of the PDF stands where the page list put it if its origin is
 * this close (cairo writes positions to a thousandth of a point or so). */
#define CHAR_TOLERANCE 0.75
/* Failures of one group in one file shown before "另有N处" sums the rest. */
#define MAX_SHOWN 12
/* Characters of context either side of a difference in the text. */
#define CONTEXT 6

enum { FILE_LIST, FILE_PRINT, FILE_WEB, FILE_N };

typedef struct {
	int file;		/* FILE_PRINT or FILE_WEB */
	const char *path;
	const char *title;	/* 印刷版, 电子版 */
	PopplerDocument *doc;
	qpdf_data qpdf;		/* NULL if libqpdf could not read it */
	int n;			/* its pages */
	int padding;		/* print: blank pages before the back page */
	int pad_at;		/* index of the first padding page */
} edition;

typedef struct {
	const gb_pages *pages;
	gb_check_report *report;
	char *names[FILE_N];
	GPtrArray *by_group[GB_CHECK_N];
	int shown[GB_CHECK_N][FILE_N];
	int hidden[GB_CHECK_N][FILE_N];
	GHashTable *dest_page;	/* dest name → list index */
	GHashTable *title_page;	/* document ID → list index */
	guint seq;		/* failures recorded, to keep sorting stable */
} checker;

G_DEFINE_QUARK(gb-check-error-quark, gb_check_error)

/* --- failures ------------------------------------------------------------ */

static void
failure_free(gpointer p)
{
	gb_check_failure *f = p;
	g_free(f->file);
	g_free(f->where);
	g_free(f->message);
	g_free(f);
}

/* Records a failure of GROUP in FILE with the message of diagnostic ID
 * (a DIAG_ name of the table) formatted from the arguments that follow. */
#define fail(ck, group, file, page, where, ID, ...) \
	fail_((ck), (group), (file), (page), (where), ID, diag_text(ID, ##__VA_ARGS__))

/* Records a failure with MESSAGE (taken) of diagnostic ID. */
static void
fail_(checker *ck, gb_check_group group, int file, int page, const char *where,
    gb_diag_id id, char *message)
{
	ck->report->failed[group]++;
	/* the same fault on many pages (no TrimBox anywhere) is one line */
	GPtrArray *list = ck->by_group[group];
	for (guint i = 0; i < list->len && page > 0; i++) {
		gb_check_failure *f = list->pdata[i];
		if (f->page > 0 && f->count > 0 && strcmp(f->file, ck->names[file]) == 0
		    && strcmp(f->message, message) == 0) {
			f->count++;
			g_free(message);
			return;
		}
	}
	if (ck->shown[group][file] >= MAX_SHOWN) {
		ck->hidden[group][file]++;
		g_free(message);
		return;
	}
	ck->shown[group][file]++;
	gb_check_failure *f = g_new0(gb_check_failure, 1);
	f->message = message;
	f->group = group;
	f->id = diag_name(id);
	f->file = g_strdup(ck->names[file]);
	f->page = page;
	f->count = 1;
	f->seq_file = file;
	f->seq = ck->seq++;
	f->where = g_strdup(where ? where : "");
	g_ptr_array_add(list, f);
}

/* --- naming pages ---------------------------------------------------------- */

/* 第12页（第14面）: the folio (or the label where none is printed) and the
 * page's place in the file, so that an editor finds it either way. */
static char *
where_list_page(const gb_page *p, int index_in_file)
{
	if (p->folio && *p->folio)
		return g_strdup_printf("第%s页（第%d面）", p->folio, index_in_file);
	return g_strdup_printf("%s（第%d面）", p->label, index_in_file);
}

/* The list page shown on page I (0-based) of edition E, or -1 for a
 * padding page or a page beyond the list. */
static int
list_index(const checker *ck, const edition *e, int i)
{
	int n_list = (int)ck->pages->pages->len;
	if (e->padding > 0 && i >= e->pad_at) {
		if (i < e->pad_at + e->padding)
			return -1;
		i -= e->padding;
	}
	return i < n_list ? i : -1;
}

static int
pdf_index(const edition *e, int list_i)
{
	if (e->padding > 0 && list_i >= e->pad_at)
		return list_i + e->padding;
	return list_i;
}

static char *
where_pdf_page(const checker *ck, const edition *e, int i)
{
	int li = list_index(ck, e, i);
	if (li >= 0)
		return where_list_page(pages_page(ck->pages, (guint)li), i + 1);
	if (e->padding > 0 && i >= e->pad_at && i < e->pad_at + e->padding)
		return g_strdup_printf("补空白页（第%d面）", i + 1);
	return g_strdup_printf("第%d面", i + 1);
}

/* --- libqpdf helpers --------------------------------------------------------- */

typedef struct { double x0, y0, x1, y1; } rect;

static gboolean
qpdf_rect(qpdf_data q, qpdf_oh arr, rect *r)
{
	double v[4];
	if (!arr || !qpdf_oh_is_array(q, arr) || qpdf_oh_get_array_n_items(q, arr) != 4)
		return FALSE;
	for (int i = 0; i < 4; i++) {
		qpdf_oh item = qpdf_oh_get_array_item(q, arr, i);
		gboolean num = qpdf_oh_is_number(q, item);
		v[i] = num ? qpdf_oh_get_numeric_value(q, item) : 0;
		qpdf_oh_release(q, item);
		if (!num)
			return FALSE;
	}
	r->x0 = MIN(v[0], v[2]);
	r->x1 = MAX(v[0], v[2]);
	r->y0 = MIN(v[1], v[3]);
	r->y1 = MAX(v[1], v[3]);
	return TRUE;
}

/* A page's KEY, looked up the /Parent chain for the inheritable ones. */
static gboolean
page_box(qpdf_data q, qpdf_oh page, const char *key, gboolean inherit, rect *r)
{
	qpdf_oh node = qpdf_oh_new_object(q, page);
	gboolean found = FALSE;
	for (int depth = 0; depth < 64 && node; depth++) {
		if (qpdf_oh_has_key(q, node, key)) {
			qpdf_oh v = qpdf_oh_get_key(q, node, key);
			found = qpdf_rect(q, v, r);
			qpdf_oh_release(q, v);
			break;
		}
		if (!inherit)
			break;
		qpdf_oh parent = qpdf_oh_get_key(q, node, "/Parent");
		qpdf_oh_release(q, node);
		node = 0;
		if (qpdf_oh_is_dictionary(q, parent))
			node = parent;
		else
			qpdf_oh_release(q, parent);
	}
	if (node)
		qpdf_oh_release(q, node);
	return found;
}

static gboolean
near(double a, double b)
{
	return fabs(a - b) <= BOX_TOLERANCE;
}

static gboolean
rect_near(const rect *a, const rect *b)
{
	return near(a->x0, b->x0) && near(a->y0, b->y0) && near(a->x1, b->x1) && near(a->y1, b->y1);
}

static double
mm(double pt)
{
	return pt * 25.4 / 72.0;
}

/* --- the text of a page -------------------------------------------------------- */

typedef struct {
	gunichar c;
	double x, y, size;	/* origin, on the PDF page (poppler's space) */
	const char *run;	/* the text run, for context */
	int index;		/* character in the run */
	int match;		/* index into the PDF's characters, -1 none */
	gboolean same;		/* matched the same character */
} want_char;

typedef struct {
	gunichar c;
	double x1, y1, x2, y2;
	int pos;		/* character index in the poppler text */
	int match;
} got_char;

typedef struct {
	char *text;		/* poppler_page_get_text */
	GArray *chars;		/* of got_char, whitespace left out */
	int *by_x;		/* indices into chars sorted by x1 */
} page_text;

static int
cmp_by_x(const void *a, const void *b, void *data)
{
	const got_char *g = (const got_char *)(const void *)((GArray *)data)->data;
	double xa = g[*(const int *)a].x1, xb = g[*(const int *)b].x1;
	return xa < xb ? -1 : xa > xb;
}

static void
page_text_load(page_text *t, PopplerPage *page)
{
	PopplerRectangle *rects = NULL;
	guint n_rects = 0;
	t->text = poppler_page_get_text(page);
	t->chars = g_array_new(FALSE, FALSE, sizeof(got_char));
	if (!t->text)
		t->text = g_strdup("");
	if (!poppler_page_get_text_layout(page, &rects, &n_rects))
		n_rects = 0;
	int pos = 0;
	for (const char *p = t->text; *p && (guint)pos < n_rects; p = g_utf8_next_char(p), pos++) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_isspace(c))
			continue;
		got_char g = { c, rects[pos].x1, rects[pos].y1, rects[pos].x2, rects[pos].y2, pos, -1 };
		g_array_append_val(t->chars, g);
	}
	g_free(rects);
	t->by_x = g_new(int, t->chars->len + 1);
	for (guint i = 0; i < t->chars->len; i++)
		t->by_x[i] = (int)i;
	g_qsort_with_data(t->by_x, (gint)t->chars->len, sizeof(int), cmp_by_x, t->chars);
}

static void
page_text_clear(page_text *t)
{
	g_free(t->text);
	g_array_free(t->chars, TRUE);
	g_free(t->by_x);
}

/* The text without whitespace, for finding a title on the page. */
static char *
squeeze(const char *s)
{
	GString *out = g_string_new(NULL);
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (!g_unichar_isspace(c))
			g_string_append_unichar(out, c);
	}
	return g_string_free(out, FALSE);
}

static GArray *
wants_of_page(const gb_page *p, double offx, double offy)
{
	GArray *w = g_array_new(FALSE, FALSE, sizeof(want_char));
	for (guint i = 0; i < p->items->len; i++) {
		const gb_item *it = page_item(p, i);
		if (it->kind != GB_ITEM_TEXT)
			continue;
		int k = 0;
		for (const char *s = it->text; *s && k < it->n_chars; s = g_utf8_next_char(s), k++) {
			gunichar c = g_utf8_get_char(s);
			if (g_unichar_isspace(c))
				continue;
			want_char wc = { c, it->x + it->offsets[k] + offx, it->y + offy, it->size,
				it->text, k, -1, FALSE };
			g_array_append_val(w, wc);
		}
	}
	return w;
}

/* Whether got character G could be the one drawn at W's origin: its left
 * edge at W's x and W's baseline inside its box. */
static gboolean
at_place(const want_char *w, const got_char *g, double tol)
{
	return fabs(g->x1 - w->x) <= tol && w->y >= g->y1 - 1 && w->y <= g->y2 + 1;
}

/* Pairs the page list's characters with the PDF's by place: first the same
 * character at the same origin, then the same character within an em on the
 * same line (ligatures, which poppler splits evenly), then any character at
 * the same origin (a substitution).  Returns the number of differences. */
static int
match_chars(GArray *wants, page_text *t)
{
	got_char *g = (got_char *)(void *)t->chars->data;
	int ng = (int)t->chars->len;
	for (int i = 0; i < ng; i++)
		g[i].match = -1;
	for (guint wi = 0; wi < wants->len; wi++) {
		g_array_index(wants, want_char, wi).match = -1;
		g_array_index(wants, want_char, wi).same = FALSE;
	}
	for (int pass = 0; pass < 3; pass++) {
		for (guint wi = 0; wi < wants->len; wi++) {
			want_char *w = &g_array_index(wants, want_char, wi);
			if (w->match >= 0)
				continue;
			double tol = pass == 1 ? MAX(w->size, 2 * CHAR_TOLERANCE) : CHAR_TOLERANCE;
			/* binary search for the first x1 >= w->x - tol */
			int lo = 0, hi = ng;
			while (lo < hi) {
				int mid = (lo + hi) / 2;
				if (g[t->by_x[mid]].x1 < w->x - tol)
					lo = mid + 1;
				else
					hi = mid;
			}
			int best = -1;
			double best_d = 0;
			for (int k = lo; k < ng && g[t->by_x[k]].x1 <= w->x + tol; k++) {
				got_char *c = &g[t->by_x[k]];
				if (c->match >= 0 || !at_place(w, c, tol))
					continue;
				if (pass < 2 && c->c != w->c)
					continue;
				/* boxes of substituted fonts can span two lines: the
				 * nearest box centre (about 0.35 em above the baseline
				 * for CJK fonts) decides */
				double d = fabs(c->x1 - w->x)
				    + fabs((c->y1 + c->y2) / 2 - (w->y - 0.35 * w->size));
				if (best < 0 || d < best_d) {
					best = t->by_x[k];
					best_d = d;
				}
			}
			if (best >= 0) {
				w->match = best;
				w->same = g[best].c == w->c;
				g[best].match = (int)wi;
			}
		}
	}
	int diffs = 0;
	for (guint wi = 0; wi < wants->len; wi++)
		if (!g_array_index(wants, want_char, wi).same)
			diffs++;
	for (int i = 0; i < ng; i++)
		if (g[i].match < 0)
			diffs++;
	return diffs;
}

static void
append_context(GString *s, const char *text, int index)
{
	int n = (int)g_utf8_strlen(text, -1);
	int from = MAX(0, index - CONTEXT), to = MIN(n, index + CONTEXT + 1);
	if (from > 0)
		g_string_append(s, "…");
	const char *a = g_utf8_offset_to_pointer(text, from);
	const char *b = g_utf8_offset_to_pointer(text, to);
	/* a report line stays one line: poppler's text has line breaks */
	for (const char *p = a; p < b; p++)
		if (*p != '\n' && *p != '\r' && *p != '\t')
			g_string_append_c(s, *p);
	if (to < n)
		g_string_append(s, "…");
}

static gboolean
unmapped(gunichar c)
{
	return c == 0xFFFD || (c >= 0xE000 && c <= 0xF8FF) || c < 0x20;
}

static void
append_char(GString *s, gunichar c)
{
	if (c < 0x20)
		g_string_append_printf(s, "U+%04X", c);
	else
		g_string_append_unichar(s, c);
}

static char *
context_of(const char *text, int index)
{
	GString *s = g_string_new(NULL);
	append_context(s, text, index);
	return g_string_free(s, FALSE);
}

static char *
char_string(gunichar c)
{
	GString *s = g_string_new(NULL);
	append_char(s, c);
	return g_string_free(s, FALSE);
}

/* Reports the first difference after match_chars: in page-list order if a
 * character of the list is wrong or missing, else the first character the
 * PDF has in excess. */
static void
fail_text(checker *ck, int file, int page, const char *where, GArray *wants, page_text *t,
    int diffs)
{
	const got_char *g = (const got_char *)(const void *)t->chars->data;
	const want_char *first = NULL;
	for (guint wi = 0; wi < wants->len && !first; wi++)
		if (!g_array_index(wants, want_char, wi).same)
			first = &g_array_index(wants, want_char, wi);
	char *total = diffs > 1 ? g_strdup_printf("，此面共%d处不同", diffs) : g_strdup("");
	if (first) {
		char *ctx = context_of(first->run, first->index);
		char *want = char_string(first->c);
		if (first->match < 0) {
			fail(ck, GB_CHECK_TEXT, file, page, where, DIAG_CHECK_TEXT_MISSING, want, ctx, total);
		} else if (unmapped(g[first->match].c)) {
			fail(ck, GB_CHECK_TEXT, file, page, where, DIAG_CHECK_TEXT_UNMAPPED, ctx, want, total);
		} else {
			char *got = char_string(g[first->match].c);
			fail(ck, GB_CHECK_TEXT, file, page, where, DIAG_CHECK_TEXT_CHANGED, ctx, want, got,
			    total);
			g_free(got);
		}
		g_free(ctx);
		g_free(want);
	} else {
		const got_char *extra = NULL;
		for (guint i = 0; i < t->chars->len && !extra; i++)
			if (g[i].match < 0)
				extra = &g[i];
		if (extra) {
			char *ctx = context_of(t->text, extra->pos);
			char *got = char_string(extra->c);
			if (unmapped(extra->c))
				fail(ck, GB_CHECK_TEXT, file, page, where,
				    DIAG_CHECK_TEXT_EXTRA_UNMAPPED, got, ctx, total);
			else
				fail(ck, GB_CHECK_TEXT, file, page, where, DIAG_CHECK_TEXT_EXTRA,
				    got, ctx, total);
			g_free(ctx);
			g_free(got);
		}
	}
	g_free(total);
}

/* --- opening -------------------------------------------------------------------- */

/* The PDF as poppler is given it: DATA with, if the catalog has
 * /OutputIntents, an incremental update that takes them out.  poppler
 * builds colour transforms from a lone output intent's profile for every
 * page it reads (for the sRGB profile that is most of the check's time);
 * text, fonts, links and labels do not depend on it, and libqpdf checks
 * the intents on the file as it is.  NULL: give poppler DATA as it is. */
static GString *
without_output_intents(qpdf_data q, const char *data, gsize len)
{
	qpdf_oh root = qpdf_get_root(q);
	int id = qpdf_oh_get_object_id(q, root), gen = qpdf_oh_get_generation(q, root);
	if (id <= 0 || !qpdf_oh_has_key(q, root, "/OutputIntents")) {
		qpdf_oh_release(q, root);
		return NULL;
	}
	/* where the last cross-reference section starts */
	const char *tail = len > 1024 ? data + len - 1024 : data, *sx = NULL;
	for (const char *p = tail; (p = g_strstr_len(p, data + len - p, "startxref")); p++)
		sx = p;
	long prev = sx ? strtol(sx + 9, NULL, 10) : 0;
	qpdf_oh trailer = qpdf_get_trailer(q);
	qpdf_oh size = qpdf_oh_get_key(q, trailer, "/Size");
	long n_objects = qpdf_oh_is_integer(q, size) ? (long)qpdf_oh_get_int_value(q, size) : 0;
	if (!sx || prev <= 0 || n_objects <= id) {
		qpdf_oh_release(q, root);
		return NULL;
	}

	GString *out = g_string_sized_new(len + 4096);
	g_string_append_len(out, data, (gssize)len);
	g_string_append_c(out, '\n');
	gsize obj_at = out->len;
	g_string_append_printf(out, "%d %d obj\n<<", id, gen);
	qpdf_oh_begin_dict_key_iter(q, root);
	GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
	while (qpdf_oh_dict_more_keys(q))
		g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
	for (guint i = 0; i < keys->len; i++) {
		const char *key = keys->pdata[i];
		if (strcmp(key, "/OutputIntents") == 0)
			continue;
		qpdf_oh name = qpdf_oh_new_name(q, key);
		g_string_append_printf(out, " %s ", qpdf_oh_unparse(q, name));
		qpdf_oh v = qpdf_oh_get_key(q, root, key);
		g_string_append(out, qpdf_oh_unparse(q, v));
		qpdf_oh_release(q, v);
		qpdf_oh_release(q, name);
	}
	g_ptr_array_free(keys, TRUE);
	g_string_append(out, " >>\nendobj\n");
	gsize xref_at = out->len;
	g_string_append_printf(out, "xref\n0 1\n0000000000 65535 f \n%d 1\n%010lu %05d n \n", id,
	    (unsigned long)obj_at, gen);
	g_string_append_printf(out, "trailer\n<< /Size %ld /Root %d %d R /Prev %ld", n_objects, id,
	    gen, prev);
	const char *keep[] = { "/Info", "/ID" };
	for (int i = 0; i < 2; i++)
		if (qpdf_oh_has_key(q, trailer, keep[i])) {
			qpdf_oh v = qpdf_oh_get_key(q, trailer, keep[i]);
			g_string_append_printf(out, " %s %s", keep[i], qpdf_oh_unparse(q, v));
			qpdf_oh_release(q, v);
		}
	g_string_append_printf(out, " >>\nstartxref\n%lu\n%%%%EOF\n", (unsigned long)xref_at);
	qpdf_oh_release(q, size);
	qpdf_oh_release(q, trailer);
	qpdf_oh_release(q, root);
	return out;
}

static gboolean
open_edition(checker *ck, edition *e)
{
	GError *err = NULL;
	char *data = NULL;
	gsize len = 0;
	if (!g_file_get_contents(e->path, &data, &len, &err)) {
		fail(ck, GB_CHECK_OPEN, e->file, 0, "", DIAG_CHECK_PDF_OPEN, e->title, err->message);
		g_clear_error(&err);
		return FALSE;
	}
	/* libqpdf reads the file itself, as it needs it: only one copy of a
	 * large edition stays in memory, poppler's */
	e->qpdf = qpdf_init();
	qpdf_silence_errors(e->qpdf);
	qpdf_set_suppress_warnings(e->qpdf, QPDF_TRUE);
	if (qpdf_read(e->qpdf, e->path, NULL) & QPDF_ERRORS) {
		qpdf_error qe = qpdf_get_error(e->qpdf);
		fail(ck, GB_CHECK_OPEN, e->file, 0, "", DIAG_CHECK_PDF_STRUCTURE, e->title,
		    qe ? qpdf_get_error_full_text(e->qpdf, qe) : "libqpdf无法读取");
		qpdf_cleanup(&e->qpdf);
		e->qpdf = NULL;
	}
	GString *patched = e->qpdf ? without_output_intents(e->qpdf, data, len) : NULL;
	GBytes *bytes;
	if (patched) {
		g_free(data);
		bytes = g_string_free_to_bytes(patched);
	} else {
		bytes = g_bytes_new_take(data, len);
	}
	e->doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	g_bytes_unref(bytes);
	if (!e->doc) {
		fail(ck, GB_CHECK_OPEN, e->file, 0, "", DIAG_CHECK_PDF_OPEN, e->title,
		    err ? err->message : "不是PDF文件");
		g_clear_error(&err);
		return FALSE;
	}
	e->n = poppler_document_get_n_pages(e->doc);
	return TRUE;
}

static void
close_edition(edition *e)
{
	if (e->doc)
		g_object_unref(e->doc);
	if (e->qpdf)
		qpdf_cleanup(&e->qpdf);
}

/* The print edition adds the blank pages the page list's `padding` record
 * says (the typesetter's decision) before the back page; the web edition
 * is the page list page for page. */
static void
check_page_count(checker *ck, edition *e)
{
	int n_list = (int)ck->pages->pages->len;
	if (e->file == FILE_WEB) {
		if (e->n != n_list)
			fail(ck, GB_CHECK_OPEN, e->file, 0, "", DIAG_CHECK_PAGE_COUNT_WEB,
			    e->n, n_list);
		return;
	}
	int want_pad = ck->pages->print_padding;
	int pad = e->n - n_list;
	e->pad_at = pages_padding_at(ck->pages);
	e->padding = pad >= 0 && pad <= want_pad ? pad : 0;
	if (pad != want_pad)
		fail(ck, GB_CHECK_OPEN, e->file, 0, "",
		    DIAG_CHECK_PAGE_COUNT_PRINT,
		    e->n, n_list + want_pad, n_list, want_pad);
}

/* --- fonts ------------------------------------------------------------------------- */

static void
check_fonts_poppler(checker *ck, edition *e)
{
	PopplerFontInfo *info = poppler_font_info_new(e->doc);
	for (int i = 0; i < e->n; i++) {
		PopplerFontsIter *it = NULL;
		/* each scan of one page returns the fonts first used on it */
		if (!poppler_font_info_scan(info, 1, &it) || !it)
			continue;
		char *where = where_pdf_page(ck, e, i);
		do {
			const char *name = poppler_fonts_iter_get_name(it);
			if (!name)
				name = "（无名字体）";
			if (poppler_fonts_iter_get_font_type(it) == POPPLER_FONT_TYPE_TYPE3)
				fail(ck, GB_CHECK_FONTS, e->file, i + 1, where,
				    DIAG_CHECK_FONT_TYPE3, name);
			else if (!poppler_fonts_iter_is_embedded(it))
				fail(ck, GB_CHECK_FONTS, e->file, i + 1, where, DIAG_CHECK_FONT_NOT_EMBEDDED, name);
			else if (e->file == FILE_PRINT && !poppler_fonts_iter_is_subset(it))
				fail(ck, GB_CHECK_FONTS, e->file, i + 1, where, DIAG_CHECK_FONT_NOT_SUBSET, name);
		} while (poppler_fonts_iter_next(it));
		poppler_fonts_iter_free(it);
		g_free(where);
	}
	poppler_font_info_free(info);
}

/* The fonts as libqpdf reads them: each font dictionary once, at the first
 * page that uses it.  poppler_font_info_scan builds every font of every
 * page again (CMaps and all), which costs as much as reading the text;
 * this walks dictionaries only. */
typedef struct {
	checker *ck;
	edition *e;
	GHashTable *seen;	/* object ids of fonts and form XObjects */
	int page;
	char *where;
} font_walk;

static gboolean
first_time(font_walk *w, qpdf_oh oh)
{
	int id = qpdf_oh_get_object_id(w->e->qpdf, oh);
	if (id <= 0)
		return TRUE;	/* a direct object: cannot be met twice */
	return g_hash_table_add(w->seen, GINT_TO_POINTER(id));
}

static gboolean
has_font_file(qpdf_data q, qpdf_oh font)
{
	qpdf_oh desc = qpdf_oh_get_key(q, font, "/FontDescriptor");
	gboolean embedded = qpdf_oh_is_dictionary(q, desc)
	    && (qpdf_oh_has_key(q, desc, "/FontFile") || qpdf_oh_has_key(q, desc, "/FontFile2")
	    || qpdf_oh_has_key(q, desc, "/FontFile3"));
	qpdf_oh_release(q, desc);
	return embedded;
}

static void
check_font_dict(font_walk *w, qpdf_oh font)
{
	qpdf_data q = w->e->qpdf;
	qpdf_oh base = qpdf_oh_get_key(q, font, "/BaseFont");
	char *name = g_strdup(qpdf_oh_is_name(q, base) ? qpdf_oh_get_name(q, base) + 1 : "（无名字体）");
	qpdf_oh_release(q, base);
	gboolean subset = strlen(name) > 7 && name[6] == '+';
	for (int i = 0; i < 6 && subset; i++)
		subset = name[i] >= 'A' && name[i] <= 'Z';
	gboolean embedded;
	if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, font, "/Subtype"), "/Type3")) {
		fail(w->ck, GB_CHECK_FONTS, w->e->file, w->page, w->where, DIAG_CHECK_FONT_TYPE3, name);
		g_free(name);
		return;
	}
	if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, font, "/Subtype"), "/Type0")) {
		qpdf_oh kids = qpdf_oh_get_key(q, font, "/DescendantFonts");
		qpdf_oh cid = qpdf_oh_get_array_item(q, kids, 0);
		embedded = qpdf_oh_is_dictionary(q, cid) && has_font_file(q, cid);
		qpdf_oh_release(q, cid);
		qpdf_oh_release(q, kids);
	} else {
		embedded = has_font_file(q, font);
	}
	if (!embedded)
		fail(w->ck, GB_CHECK_FONTS, w->e->file, w->page, w->where, DIAG_CHECK_FONT_NOT_EMBEDDED,
		    name);
	else if (w->e->file == FILE_PRINT && !subset)
		fail(w->ck, GB_CHECK_FONTS, w->e->file, w->page, w->where, DIAG_CHECK_FONT_NOT_SUBSET,
		    name);
	g_free(name);
}

static void
walk_resources(font_walk *w, qpdf_oh res, int depth)
{
	qpdf_data q = w->e->qpdf;
	if (!qpdf_oh_is_dictionary(q, res) || depth > 16)
		return;
	const char *kinds[] = { "/Font", "/XObject" };
	for (int k = 0; k < 2; k++) {
		qpdf_oh dict = qpdf_oh_get_key(q, res, kinds[k]);
		if (!qpdf_oh_is_dictionary(q, dict)) {
			qpdf_oh_release(q, dict);
			continue;
		}
		GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
		qpdf_oh_begin_dict_key_iter(q, dict);
		while (qpdf_oh_dict_more_keys(q))
			g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
		for (guint i = 0; i < keys->len; i++) {
			qpdf_oh v = qpdf_oh_get_key(q, dict, keys->pdata[i]);
			if (k == 0 && qpdf_oh_is_dictionary(q, v) && first_time(w, v)) {
				check_font_dict(w, v);
			} else if (k == 1 && qpdf_oh_is_stream(q, v) && first_time(w, v)) {
				qpdf_oh xd = qpdf_oh_get_dict(q, v);
				if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, xd, "/Subtype"), "/Form")) {
					qpdf_oh sub = qpdf_oh_get_key(q, xd, "/Resources");
					walk_resources(w, sub, depth + 1);
					qpdf_oh_release(q, sub);
				}
				qpdf_oh_release(q, xd);
			}
			qpdf_oh_release(q, v);
		}
		g_ptr_array_free(keys, TRUE);
		qpdf_oh_release(q, dict);
	}
}

static void
check_fonts(checker *ck, edition *e)
{
	if (!e->qpdf) {
		check_fonts_poppler(ck, e);
		return;
	}
	qpdf_data q = e->qpdf;
	font_walk w = { ck, e, g_hash_table_new(NULL, NULL), 0, NULL };
	int n = qpdf_get_num_pages(q);
	for (int i = 0; i < n; i++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
		/* /Resources is inheritable */
		qpdf_oh node = qpdf_oh_new_object(q, page), res = 0;
		for (int depth = 0; depth < 64 && node && !res; depth++) {
			if (qpdf_oh_has_key(q, node, "/Resources")) {
				res = qpdf_oh_get_key(q, node, "/Resources");
				break;
			}
			qpdf_oh parent = qpdf_oh_get_key(q, node, "/Parent");
			qpdf_oh_release(q, node);
			node = qpdf_oh_is_dictionary(q, parent) ? parent : 0;
		}
		w.page = i + 1;
		w.where = where_pdf_page(ck, e, i);
		if (res)
			walk_resources(&w, res, 0);
		g_free(w.where);
		qpdf_oh_release(q, res);
		qpdf_oh_release(q, node);
		qpdf_oh_release(q, page);
	}
	g_hash_table_destroy(w.seen);
}

/* --- one page ------------------------------------------------------------------------ */

/* Where the trim's top left corner stands in poppler's page space (the
 * CropBox, y down): from the TrimBox, or the trim centred on the page. */
static void
trim_origin(const checker *ck, const edition *e, qpdf_oh qpage, double w, double h,
    double *offx, double *offy)
{
	rect crop, trim;
	const gb_pages *pl = ck->pages;
	if (e->qpdf && qpage && (page_box(e->qpdf, qpage, "/CropBox", TRUE, &crop)
	    || page_box(e->qpdf, qpage, "/MediaBox", TRUE, &crop))
	    && page_box(e->qpdf, qpage, "/TrimBox", FALSE, &trim)) {
		*offx = trim.x0 - crop.x0;
		*offy = crop.y1 - trim.y1;
		return;
	}
	*offx = (w - pl->trim_width) / 2;
	*offy = (h - pl->trim_height) / 2;
}

static void
check_boxes(checker *ck, edition *e, int i, const char *where, qpdf_oh qpage, double w,
    double h)
{
	const gb_pages *pl = ck->pages;
	double b = e->file == FILE_PRINT ? pl->bleed : 0;
	double want_w = pl->trim_width + 2 * b, want_h = pl->trim_height + 2 * b;
	if (!near(w, want_w) || !near(h, want_h))
		fail(ck, GB_CHECK_BOXES, e->file, i + 1, where,
		    DIAG_CHECK_PAGE_SIZE, mm(w), mm(h), mm(want_w),
		    mm(want_h), e->file == FILE_PRINT ? "（成品尺寸加四边出血）" : "（成品尺寸）");
	if (e->file != FILE_PRINT || !e->qpdf || !qpage)
		return;
	rect media, trim, bleed;
	if (!page_box(e->qpdf, qpage, "/MediaBox", TRUE, &media))
		return;
	rect want_trim = { media.x0 + b, media.y0 + b, media.x0 + b + pl->trim_width,
		media.y0 + b + pl->trim_height };
	rect want_bleed = { want_trim.x0 - b, want_trim.y0 - b, want_trim.x1 + b, want_trim.y1 + b };
	if (!page_box(e->qpdf, qpage, "/TrimBox", FALSE, &trim))
		fail(ck, GB_CHECK_BOXES, e->file, i + 1, where, DIAG_CHECK_TRIMBOX_MISSING);
	else if (!rect_near(&trim, &want_trim))
		fail(ck, GB_CHECK_BOXES, e->file, i + 1, where,
		    DIAG_CHECK_TRIMBOX_WRONG,
		    trim.x0, trim.y0, trim.x1, trim.y1, want_trim.x0, want_trim.y0, want_trim.x1,
		    want_trim.y1);
	if (!page_box(e->qpdf, qpage, "/BleedBox", FALSE, &bleed))
		fail(ck, GB_CHECK_BOXES, e->file, i + 1, where, DIAG_CHECK_BLEEDBOX_MISSING);
	else if (!rect_near(&bleed, &want_bleed))
		fail(ck, GB_CHECK_BOXES, e->file, i + 1, where,
		    DIAG_CHECK_BLEEDBOX_WRONG,
		    bleed.x0, bleed.y0, bleed.x1, bleed.y1, want_bleed.x0, want_bleed.y0,
		    want_bleed.x1, want_bleed.y1);
}

/* Whether anything is painted inside the trim: the page rendered small on
 * white.  Used only for pages that should be blank or show no text. */
static gboolean
page_has_ink(PopplerPage *page, double offx, double offy, double tw, double th)
{
	const double scale = 0.25;	/* 18 dpi is enough to see any mark */
	double w, h;
	poppler_page_get_size(page, &w, &h);
	int pw = (int)ceil(w * scale), ph = (int)ceil(h * scale);
	if (pw <= 0 || ph <= 0)
		return FALSE;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	poppler_page_render(page, cr);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	const unsigned char *data = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	/* one pixel in from the trim, so crop marks outside it do not count */
	int x0 = MAX(0, (int)floor(offx * scale) + 1), y0 = MAX(0, (int)floor(offy * scale) + 1);
	int x1 = MIN(pw, (int)ceil((offx + tw) * scale) - 1);
	int y1 = MIN(ph, (int)ceil((offy + th) * scale) - 1);
	gboolean ink = FALSE;
	for (int y = y0; y < y1 && !ink; y++) {
		const guint32 *row = (const guint32 *)(const void *)(data + (gsize)y * stride);
		for (int x = x0; x < x1; x++)
			if ((row[x] & 0xFFFFFF) != 0xFFFFFF) {
				ink = TRUE;
				break;
			}
	}
	cairo_surface_destroy(s);
	return ink;
}

static gboolean
page_draws(const gb_page *p, gboolean *text)
{
	gboolean draws = FALSE;
	*text = FALSE;
	for (guint i = 0; i < p->items->len; i++) {
		gb_item_kind k = page_item(p, i)->kind;
		if (k == GB_ITEM_TEXT)
			*text = TRUE;
		if (k == GB_ITEM_TEXT || k == GB_ITEM_RULE || k == GB_ITEM_BOX)
			draws = TRUE;
	}
	return draws;
}

/* The text check of one page, and when it fails badly, whether the page
 * shows a neighbouring page of the list instead (a lost or swapped page). */
static gboolean
check_text(checker *ck, edition *e, int i, int li, const char *where, page_text *t,
    double offx, double offy)
{
	GArray *wants = wants_of_page(pages_page(ck->pages, (guint)li), offx, offy);
	int diffs = match_chars(wants, t);
	if (diffs == 0) {
		g_array_free(wants, TRUE);
		return TRUE;
	}
	int other = -1;
	if (diffs * 2 >= (int)MAX(wants->len, t->chars->len)) {
		int n_list = (int)ck->pages->pages->len;
		for (int d = 1; d <= 2 && other < 0; d++)
			for (int sign = -1; sign <= 1 && other < 0; sign += 2) {
				int oi = li + sign * d;
				if (oi < 0 || oi >= n_list)
					continue;
				GArray *ow = wants_of_page(pages_page(ck->pages, (guint)oi), offx, offy);
				if (ow->len > 0 && match_chars(ow, t) == 0)
					other = oi;
				g_array_free(ow, TRUE);
			}
	}
	if (other >= 0) {
		const gb_page *op = pages_page(ck->pages, (guint)other);
		char *ow = where_list_page(op, pdf_index(e, other) + 1);
		fail(ck, GB_CHECK_TEXT, e->file, i + 1, where,
		    DIAG_CHECK_PAGE_ORDER, ow);
		g_free(ow);
	} else {
		match_chars(wants, t);	/* again: the search above reset the marks */
		fail_text(ck, e->file, i + 1, where, wants, t, diffs);
	}
	g_array_free(wants, TRUE);
	return FALSE;
}

/* The page of a destination, 1-based, or 0 if it names none. */
static int
dest_page_num(PopplerDocument *doc, PopplerDest *d)
{
	if (!d)
		return 0;
	if (d->type == POPPLER_DEST_NAMED) {
		PopplerDest *r = d->named_dest ? poppler_document_find_dest(doc, d->named_dest) : NULL;
		int n = r ? r->page_num : 0;
		if (r)
			poppler_dest_free(r);
		return n;
	}
	return d->page_num;
}

static int
action_page(PopplerDocument *doc, PopplerAction *a)
{
	if (!a || a->type != POPPLER_ACTION_GOTO_DEST)
		return -1;
	return dest_page_num(doc, a->goto_dest.dest);
}

static char *
where_list_index(const checker *ck, const edition *e, int li)
{
	return where_list_page(pages_page(ck->pages, (guint)li), pdf_index(e, li) + 1);
}

/* The title of document DOC as the 目录 names it, for messages. */
static const char *
toc_title_of(const gb_page *p, const char *dest)
{
	for (guint k = 0; k < p->items->len; k++) {
		const gb_item *it = page_item(p, k);
		if (it->kind == GB_ITEM_TOC && g_str_has_prefix(dest, "doc-")
		    && strcmp(dest + 4, it->doc) == 0)
			return it->text;
	}
	return NULL;
}

/* What a destination is called where an editor sees it: its bookmark's
 * title, else the title of its document, else its name. */
static const char *
dest_title(const checker *ck, const char *dest)
{
	const gb_pages *pl = ck->pages;
	for (guint k = 0; k < pl->outline->len; k++) {
		const gb_outline *o = &g_array_index(pl->outline, gb_outline, k);
		if (strcmp(o->dest, dest) == 0)
			return o->title;
	}
	gpointer li;
	if (g_str_has_prefix(dest, "doc-")
	    && g_hash_table_lookup_extended(ck->title_page, dest + 4, NULL, &li)) {
		const gb_page *p = pages_page(pl, (guint)GPOINTER_TO_INT(li));
		for (guint k = 0; k < p->items->len; k++) {
			const gb_item *it = page_item(p, k);
			if (it->kind == GB_ITEM_TITLE && strcmp(it->doc, dest + 4) == 0)
				return it->text;
		}
	}
	return dest;
}

typedef struct {
	rect area;		/* y down, on the trim */
	int page;		/* 1-based target in the PDF, 0 none, -1 not a go-to */
	gboolean used;
} pdf_link;

static void
check_links(checker *ck, edition *e, int i, int li, const char *where, PopplerPage *page,
    double h, double offx, double offy)
{
	const gb_page *p = pages_page(ck->pages, (guint)li);
	GList *maps = poppler_page_get_link_mapping(page);
	GArray *links = g_array_new(FALSE, FALSE, sizeof(pdf_link));
	for (GList *m = maps; m; m = m->next) {
		PopplerLinkMapping *lm = m->data;
		pdf_link l = { { lm->area.x1 - offx, h - lm->area.y2 - offy, lm->area.x2 - offx,
			h - lm->area.y1 - offy }, action_page(e->doc, lm->action), FALSE };
		g_array_append_val(links, l);
	}
	poppler_page_free_link_mapping(maps);

	for (guint k = 0; k < p->items->len; k++) {
		const gb_item *it = page_item(p, k);
		if (it->kind != GB_ITEM_LINK)
			continue;
		const char *toc = toc_title_of(p, it->text);
		char *what = toc ? g_strdup_printf("目录中“%s”的链接", toc)
		    : g_strdup_printf("到“%s”的链接", dest_title(ck, it->text));
		pdf_link *found = NULL;
		for (guint j = 0; j < links->len && !found; j++) {
			pdf_link *l = &g_array_index(links, pdf_link, j);
			double cx = (l->area.x0 + l->area.x1) / 2, cy = (l->area.y0 + l->area.y1) / 2;
			if (!l->used && cx >= MIN(it->x, it->x1) - 2 && cx <= MAX(it->x, it->x1) + 2
			    && cy >= MIN(it->y, it->y1) - 2 && cy <= MAX(it->y, it->y1) + 2)
				found = l;
		}
		gpointer target = NULL;
		gboolean known = g_hash_table_lookup_extended(ck->dest_page, it->text, NULL, &target);
		int want = known ? pdf_index(e, GPOINTER_TO_INT(target)) + 1 : 0;
		if (!found) {
			fail(ck, GB_CHECK_LINKS, e->file, i + 1, where, DIAG_CHECK_LINK_MISSING, what);
		} else {
			found->used = TRUE;
			if (found->page != want) {
				char *wt = known ? where_list_index(ck, e, GPOINTER_TO_INT(target)) : g_strdup("?");
				if (found->page > 0) {
					char *gt = where_pdf_page(ck, e, found->page - 1);
					fail(ck, GB_CHECK_LINKS, e->file, i + 1, where, DIAG_CHECK_LINK_WRONG,
					    what, gt, wt);
					g_free(gt);
				} else {
					fail(ck, GB_CHECK_LINKS, e->file, i + 1, where,
					    DIAG_CHECK_LINK_NO_TARGET, what, wt);
				}
				g_free(wt);
			}
		}
		g_free(what);
	}
	for (guint j = 0; j < links->len; j++) {
		pdf_link *l = &g_array_index(links, pdf_link, j);
		if (l->used || l->page < 0)
			continue;
		char *gt = l->page > 0 ? where_pdf_page(ck, e, l->page - 1) : g_strdup("无效目标");
		fail(ck, GB_CHECK_LINKS, e->file, i + 1, where, DIAG_CHECK_LINK_EXTRA, gt);
		g_free(gt);
	}

	/* every 目录 line is a link to its document in the web edition; where
	 * the page list has that link, the loop above has checked it */
	for (guint k = 0; k < p->items->len; k++) {
		const gb_item *it = page_item(p, k);
		if (it->kind != GB_ITEM_TOC)
			continue;
		gpointer target;
		if (!g_hash_table_lookup_extended(ck->title_page, it->doc, NULL, &target))
			continue;	/* reported by check_toc */
		gboolean listed = FALSE;
		for (guint j = 0; j < p->items->len && !listed; j++) {
			const gb_item *l = page_item(p, j);
			listed = l->kind == GB_ITEM_LINK && g_str_has_prefix(l->text, "doc-")
			    && strcmp(l->text + 4, it->doc) == 0;
		}
		if (listed)
			continue;
		int want = pdf_index(e, GPOINTER_TO_INT(target)) + 1;
		gboolean has = FALSE;
		for (guint j = 0; j < links->len && !has; j++)
			has = g_array_index(links, pdf_link, j).page == want;
		if (!has)
			fail(ck, GB_CHECK_LINKS, e->file, i + 1, where, DIAG_CHECK_TOC_NO_LINK,
			    it->text, want);
	}
	g_array_free(links, TRUE);
}

/* The page list's text of page P in painting order, without whitespace. */
static char *
list_text(const gb_page *p)
{
	GString *s = g_string_new(NULL);
	for (guint k = 0; k < p->items->len; k++) {
		const gb_item *it = page_item(p, k);
		if (it->kind == GB_ITEM_TEXT)
			for (const char *c = it->text; *c; c = g_utf8_next_char(c))
				if (!g_unichar_isspace(g_utf8_get_char(c)))
					g_string_append_unichar(s, g_utf8_get_char(c));
	}
	return g_string_free(s, FALSE);
}

/* Every document title the page list puts on the page is in its text: in
 * the text as poppler orders it, or, where poppler orders the lines of a
 * title otherwise (a title beside other text), in the page list's text of a
 * page whose characters all stand where the page list put them. */
static void
check_titles(checker *ck, edition *e, int i, int li, const char *where, page_text *t,
    gboolean text_ok)
{
	const gb_page *p = pages_page(ck->pages, (guint)li);
	char *text = NULL, *listed = NULL;
	for (guint k = 0; k < p->items->len; k++) {
		const gb_item *it = page_item(p, k);
		if (it->kind != GB_ITEM_TITLE)
			continue;
		if (!text) {
			text = squeeze(t->text);
			listed = text_ok ? list_text(p) : g_strdup("");
		}
		char *title = squeeze(it->text);
		if (!strstr(text, title) && !strstr(listed, title))
			fail(ck, GB_CHECK_LINKS, e->file, i + 1, where, DIAG_CHECK_TITLE_ABSENT, it->text);
		g_free(title);
	}
	g_free(text);
	g_free(listed);
}

static void
check_page(checker *ck, edition *e, int i, gboolean labels)
{
	const gb_pages *pl = ck->pages;
	PopplerPage *page = poppler_document_get_page(e->doc, i);
	if (!page)
		return;
	char *where = where_pdf_page(ck, e, i);
	int li = list_index(ck, e, i);
	qpdf_oh qpage = e->qpdf ? qpdf_get_page_n(e->qpdf, (size_t)i) : 0;
	double w, h, offx, offy;
	poppler_page_get_size(page, &w, &h);
	trim_origin(ck, e, qpage, w, h, &offx, &offy);
	check_boxes(ck, e, i, where, qpage, w, h);
	if (qpage)
		qpdf_oh_release(e->qpdf, qpage);

	page_text t;
	page_text_load(&t, page);
	gboolean list_text = FALSE, list_draws = FALSE;
	if (li >= 0) {
		const gb_page *p = pages_page(pl, (guint)li);
		list_draws = page_draws(p, &list_text);
		gboolean text_ok = check_text(ck, e, i, li, where, &t, offx, offy);
		check_titles(ck, e, i, li, where, &t, text_ok);
		if (e->file == FILE_WEB)
			check_links(ck, e, i, li, where, page, h, offx, offy);
		if (labels) {
			char *label = poppler_page_get_label(page);
			if (g_strcmp0(label, p->label) != 0)
				fail(ck, GB_CHECK_META, e->file, i + 1, where, DIAG_CHECK_LABEL,
				    label ? label : "", p->label);
			g_free(label);
		}
	}
	gboolean pdf_text = t.chars->len > 0;
	if (list_draws && !pdf_text) {
		if (list_text || !page_has_ink(page, offx, offy, pl->trim_width, pl->trim_height))
			fail(ck, GB_CHECK_BLANK, e->file, i + 1, where,
			    DIAG_CHECK_BLANK_NO_CONTENT);
	} else if (!list_draws) {
		if (pdf_text)
			fail(ck, GB_CHECK_BLANK, e->file, i + 1, where, DIAG_CHECK_BLANK_HAS_TEXT);
		else if (page_has_ink(page, offx, offy, pl->trim_width, pl->trim_height))
			fail(ck, GB_CHECK_BLANK, e->file, i + 1, where, DIAG_CHECK_BLANK_HAS_INK);
	}
	page_text_clear(&t);
	g_free(where);
	g_object_unref(page);
}

/* --- the whole document ------------------------------------------------------------ */

typedef struct {
	int level;
	char *title;
	int page;
} bookmark;

static void
collect_bookmarks(PopplerDocument *doc, PopplerIndexIter *it, int level, GArray *out)
{
	do {
		PopplerAction *a = poppler_index_iter_get_action(it);
		bookmark b = { level, g_strdup(a && a->any.title ? a->any.title : ""),
			action_page(doc, a) };
		g_array_append_val(out, b);
		if (a)
			poppler_action_free(a);
		PopplerIndexIter *child = poppler_index_iter_get_child(it);
		if (child) {
			collect_bookmarks(doc, child, level + 1, out);
			poppler_index_iter_free(child);
		}
	} while (poppler_index_iter_next(it));
}

static void
check_outline(checker *ck, edition *e)
{
	const gb_pages *pl = ck->pages;
	GArray *marks = g_array_new(FALSE, FALSE, sizeof(bookmark));
	PopplerIndexIter *it = poppler_index_iter_new(e->doc);
	if (it) {
		collect_bookmarks(e->doc, it, 1, marks);
		poppler_index_iter_free(it);
	}
	guint n = MIN(marks->len, pl->outline->len);
	for (guint k = 0; k < n; k++) {
		const gb_outline *o = &g_array_index(pl->outline, gb_outline, k);
		const bookmark *b = &g_array_index(marks, bookmark, k);
		gpointer target = NULL;
		gboolean known = g_hash_table_lookup_extended(ck->dest_page, o->dest, NULL, &target);
		int want = known ? pdf_index(e, GPOINTER_TO_INT(target)) + 1 : 0;
		if (strcmp(b->title, o->title) != 0) {
			fail(ck, GB_CHECK_LINKS, e->file, 0, "", DIAG_CHECK_BOOKMARK_TITLE, k + 1,
			    b->title, o->title);
		} else if (b->level != o->level) {
			fail(ck, GB_CHECK_LINKS, e->file, 0, "", DIAG_CHECK_BOOKMARK_LEVEL, o->title,
			    b->level, o->level);
		} else if (b->page != want) {
			char *wt = known ? where_list_index(ck, e, GPOINTER_TO_INT(target)) : g_strdup("?");
			char *gt = b->page > 0 ? where_pdf_page(ck, e, b->page - 1) : g_strdup("无效目标");
			fail(ck, GB_CHECK_LINKS, e->file, 0, "", DIAG_CHECK_BOOKMARK_TARGET, o->title, gt, wt);
			g_free(wt);
			g_free(gt);
		}
	}
	if (marks->len < pl->outline->len)
		fail(ck, GB_CHECK_LINKS, e->file, 0, "", DIAG_CHECK_BOOKMARKS_FEWER,
		    marks->len, pl->outline->len,
		    g_array_index(pl->outline, gb_outline, marks->len).title);
	else if (marks->len > pl->outline->len)
		fail(ck, GB_CHECK_LINKS, e->file, 0, "", DIAG_CHECK_BOOKMARKS_MORE,
		    marks->len, pl->outline->len, g_array_index(marks, bookmark, n).title);
	for (guint k = 0; k < marks->len; k++)
		g_free(g_array_index(marks, bookmark, k).title);
	g_array_free(marks, TRUE);
}

/* The value of an XMP property, as an element or as an attribute. */
static char *
xmp_value(const char *xmp, const char *prop)
{
	char *open = g_strdup_printf("<%s>", prop);
	char *attr = g_strdup_printf("%s=", prop);
	char *value = NULL;
	const char *p;
	if ((p = strstr(xmp, open))) {
		p += strlen(open);
		const char *end = strchr(p, '<');
		if (end)
			value = g_strndup(p, (gsize)(end - p));
	} else if ((p = strstr(xmp, attr))) {
		p += strlen(attr);
		char quote = *p;
		if (quote == '"' || quote == '\'') {
			const char *end = strchr(p + 1, quote);
			if (end)
				value = g_strndup(p + 1, (gsize)(end - p - 1));
		}
	}
	g_free(open);
	g_free(attr);
	if (value)
		g_strstrip(value);
	return value;
}

/* The output intent of subtype S (/GTS_PDFX, /GTS_PDFA1) and the colour
 * space of its profile ("RGB ", "CMYK", "GRAY"); FALSE if there is none. */
static gboolean
output_intent(qpdf_data q, const char *subtype, char space[5], gboolean *has_condition)
{
	gboolean found = FALSE;
	qpdf_oh root = qpdf_get_root(q);
	qpdf_oh intents = qpdf_oh_get_key(q, root, "/OutputIntents");
	int n = qpdf_oh_is_array(q, intents) ? qpdf_oh_get_array_n_items(q, intents) : 0;
	strcpy(space, "");
	*has_condition = FALSE;
	for (int i = 0; i < n && !found; i++) {
		qpdf_oh oi = qpdf_oh_get_array_item(q, intents, i);
		qpdf_oh s = qpdf_oh_get_key(q, oi, "/S");
		if (qpdf_oh_is_name_and_equals(q, s, subtype)) {
			found = TRUE;
			*has_condition = qpdf_oh_has_key(q, oi, "/OutputConditionIdentifier");
			qpdf_oh prof = qpdf_oh_get_key(q, oi, "/DestOutputProfile");
			unsigned char *buf = NULL;
			size_t len = 0;
			if (qpdf_oh_is_stream(q, prof)
			    && !(qpdf_oh_get_stream_data(q, prof, qpdf_dl_generalized, NULL, &buf, &len)
			    & QPDF_ERRORS) && buf && len >= 20) {
				memcpy(space, buf + 16, 4);
				space[4] = '\0';
			}
			free(buf);
			qpdf_oh_release(q, prof);
		}
		qpdf_oh_release(q, s);
		qpdf_oh_release(q, oi);
	}
	qpdf_oh_release(q, intents);
	qpdf_oh_release(q, root);
	return found;
}

static char *
qpdf_root_string(qpdf_data q, const char *key)
{
	qpdf_oh root = qpdf_get_root(q);
	qpdf_oh v = qpdf_oh_get_key(q, root, key);
	char *s = qpdf_oh_is_string(q, v) ? g_strdup(qpdf_oh_get_utf8_value(q, v)) : NULL;
	qpdf_oh_release(q, v);
	qpdf_oh_release(q, root);
	return s;
}

static gboolean
has_file_id(qpdf_data q)
{
	qpdf_oh trailer = qpdf_get_trailer(q);
	qpdf_oh id = qpdf_oh_get_key(q, trailer, "/ID");
	gboolean ok = qpdf_oh_is_array(q, id) && qpdf_oh_get_array_n_items(q, id) == 2;
	for (int i = 0; ok && i < 2; i++) {
		qpdf_oh part = qpdf_oh_get_array_item(q, id, i);
		ok = qpdf_oh_is_string(q, part);
		qpdf_oh_release(q, part);
	}
	qpdf_oh_release(q, id);
	qpdf_oh_release(q, trailer);
	return ok;
}

static gboolean
is_tagged(qpdf_data q)
{
	qpdf_oh root = qpdf_get_root(q);
	qpdf_oh mark = qpdf_oh_get_key(q, root, "/MarkInfo");
	qpdf_oh marked = qpdf_oh_get_key(q, mark, "/Marked");
	gboolean ok = qpdf_oh_is_bool(q, marked) && qpdf_oh_get_bool_value(q, marked)
	    && qpdf_oh_has_key(q, root, "/StructTreeRoot");
	qpdf_oh_release(q, marked);
	qpdf_oh_release(q, mark);
	qpdf_oh_release(q, root);
	return ok;
}

static gboolean
has_page_labels(qpdf_data q)
{
	qpdf_oh root = qpdf_get_root(q);
	gboolean has = qpdf_oh_has_key(q, root, "/PageLabels");
	qpdf_oh_release(q, root);
	return has;
}

static void
check_info_string(checker *ck, edition *e, const char *what, char *got, const char *want)
{
	if (!got || !*got)
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_INFO_MISSING, what);
	else if (want && strcmp(got, want) != 0)
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_INFO_WRONG, what, got, want);
	g_free(got);
}

static void
check_metadata(checker *ck, edition *e)
{
	const gb_pages *pl = ck->pages;
	const char *title = pages_meta(pl, "title");
	const char *publisher = pages_meta(pl, "publisher");
	char *author = poppler_document_get_author(e->doc);
	check_info_string(ck, e, "标题（Title）", poppler_document_get_title(e->doc), title);
	if (author && *author && publisher && strcmp(author, publisher) != 0
	    && g_strcmp0(author, pages_meta(pl, "editor")) != 0)
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_INFO_WRONG,
		    "作者（Author）", author, publisher);
	else if (!author || !*author)
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_INFO_MISSING, "作者（Author）");
	g_free(author);
	if (pages_meta(pl, "subject"))
		check_info_string(ck, e, "主题（Subject）", poppler_document_get_subject(e->doc),
		    pages_meta(pl, "subject"));
	if (pages_meta(pl, "keywords"))
		check_info_string(ck, e, "关键词（Keywords）", poppler_document_get_keywords(e->doc),
		    pages_meta(pl, "keywords"));
	/* both editions carry the issue's date, never the clock (SPEC §5) */
	const char *date = pages_meta(pl, "date");
	GDateTime *created = poppler_document_get_creation_date_time(e->doc);
	if (!created) {
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_INFO_MISSING, "创建日期（CreationDate）");
	} else {
		char *day = g_date_time_format(created, "%Y-%m-%d");
		if (date && day && strcmp(day, date) != 0)
			fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_DATE_WRONG, day, date);
		g_free(day);
		g_date_time_unref(created);
	}

	char *xmp = poppler_document_get_metadata(e->doc);
	if (!xmp) {
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_XMP_MISSING);
	} else if (e->file == FILE_WEB) {
		char *part = xmp_value(xmp, "pdfaid:part");
		char *conf = xmp_value(xmp, "pdfaid:conformance");
		if (g_strcmp0(part, "2") != 0 || g_ascii_strcasecmp(conf ? conf : "", "U") != 0)
			fail(ck, GB_CHECK_META, e->file, 0, "",
			    DIAG_CHECK_XMP_PDFA);
		g_free(part);
		g_free(conf);
	} else {
		char *x = xmp_value(xmp, "pdfxid:GTS_PDFXVersion");
		if (!x || !g_str_has_prefix(x, "PDF/X-4"))
			fail(ck, GB_CHECK_META, e->file, 0, "",
			    DIAG_CHECK_XMP_PDFX);
		g_free(x);
	}
	if (xmp && date && !strstr(xmp, date))
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_XMP_DATE, date);
	if (xmp && title) {
		char *escaped = g_markup_escape_text(title, -1);
		if (!strstr(xmp, escaped))
			fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_XMP_TITLE, title);
		g_free(escaped);
	}
	g_free(xmp);

	if (!e->qpdf)
		return;
	qpdf_data q = e->qpdf;
	if (!has_file_id(q))
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_NO_ID);
	char space[5];
	gboolean condition;
	if (e->file == FILE_PRINT) {
		if (!output_intent(q, "/GTS_PDFX", space, &condition))
			fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_PDFX_INTENT_MISSING);
		else if (!*space || !condition)
			fail(ck, GB_CHECK_META, e->file, 0, "",
			    DIAG_CHECK_PDFX_INTENT_INCOMPLETE);
		return;
	}
	if (!output_intent(q, "/GTS_PDFA1", space, &condition))
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_PDFA_INTENT_MISSING);
	else if (strcmp(space, "RGB ") != 0)
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_PDFA_INTENT_NOT_RGB);
	const char *want_lang = pages_meta(pl, "lang") ? pages_meta(pl, "lang") : "zh-CN";
	char *lang = qpdf_root_string(q, "/Lang");
	if (g_strcmp0(lang, want_lang) != 0)
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_LANG,
		    lang ? lang : "", want_lang);
	g_free(lang);
	if (!is_tagged(q))
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_UNTAGGED);
	if (qpdf_is_encrypted(q))
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_ENCRYPTED);
	if (!qpdf_is_linearized(q))
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_NOT_LINEARIZED);
}

static void
check_edition(checker *ck, edition *e)
{
	if (!open_edition(ck, e))
		return;
	check_page_count(ck, e);
	check_metadata(ck, e);
	check_fonts(ck, e);
	gboolean labels = e->file == FILE_WEB || (e->qpdf && has_page_labels(e->qpdf));
	for (int i = 0; i < e->n; i++)
		check_page(ck, e, i, labels);
	if (e->file == FILE_WEB)
		check_outline(ck, e);
}

/* 目录 entries against the page list itself: each entry's folio is the
 * folio of the page that carries the document's title. */
static void
check_toc(checker *ck)
{
	const gb_pages *pl = ck->pages;
	for (guint i = 0; i < pl->pages->len; i++) {
		const gb_page *p = pages_page(pl, i);
		for (guint k = 0; k < p->items->len; k++) {
			const gb_item *it = page_item(p, k);
			if (it->kind != GB_ITEM_TOC)
				continue;
			char *where = where_list_page(p, (int)i + 1);
			gpointer target;
			if (!g_hash_table_lookup_extended(ck->title_page, it->doc, NULL, &target)) {
				fail(ck, GB_CHECK_LINKS, FILE_LIST, (int)i + 1, where,
				    DIAG_CHECK_TOC_NO_TITLE, it->text, it->doc);
			} else {
				const gb_page *tp = pages_page(pl, (guint)GPOINTER_TO_INT(target));
				if (g_strcmp0(tp->folio, it->folio) != 0) {
					char *tw = where_list_page(tp, tp->number);
					fail(ck, GB_CHECK_LINKS, FILE_LIST, (int)i + 1, where,
					    DIAG_CHECK_TOC_FOLIO, it->text, it->folio, tw);
					g_free(tw);
				}
			}
			g_free(where);
		}
	}
}

static void
index_pages(checker *ck)
{
	const gb_pages *pl = ck->pages;
	ck->dest_page = g_hash_table_new(g_str_hash, g_str_equal);
	ck->title_page = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < pl->pages->len; i++) {
		const gb_page *p = pages_page(pl, i);
		for (guint k = 0; k < p->items->len; k++) {
			const gb_item *it = page_item(p, k);
			if (it->kind == GB_ITEM_DEST)
				g_hash_table_insert(ck->dest_page, (gpointer)it->text, GINT_TO_POINTER(i));
			else if (it->kind == GB_ITEM_TITLE
			    && !g_hash_table_contains(ck->title_page, it->doc))
				g_hash_table_insert(ck->title_page, (gpointer)it->doc, GINT_TO_POINTER(i));
		}
	}
}

/* --- the report ---------------------------------------------------------------------- */

static char *
display_name(const char *path, const char *other)
{
	char *base = g_path_get_basename(path);
	char *other_base = g_path_get_basename(other);
	gboolean clash = strcmp(base, other_base) == 0;
	g_free(other_base);
	if (clash) {
		g_free(base);
		return g_strdup(path);
	}
	return base;
}

static void
warning_free(gpointer p)
{
	gb_check_warning *w = p;
	g_free(w->file);
	g_free(w->message);
	g_free(w);
}

/* In a group: the page list's failures, the print edition's, the web
 * edition's; in each, the file's own before its pages', pages in order. */
static int
cmp_failures(gconstpointer a, gconstpointer b)
{
	const gb_check_failure *x = *(gb_check_failure *const *)a;
	const gb_check_failure *y = *(gb_check_failure *const *)b;
	if (x->seq_file != y->seq_file)
		return x->seq_file - y->seq_file;
	if (x->page != y->page)
		return x->page - y->page;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

gb_check_report *
gb_check_issue(const char *pages_path, const char *print_path, const char *web_path,
    GError **error)
{
	const char *inputs[] = { pages_path, print_path, web_path };
	for (int i = 0; i < 3; i++)
		if (!g_file_test(inputs[i], G_FILE_TEST_IS_REGULAR)) {
			char *msg = diag_text(DIAG_CHECK_NO_FILE);
			g_set_error(error, GB_CHECK_ERROR, GB_CHECK_ERROR_SYSTEM, "%s: %s: %s", inputs[i],
			    diag_level_name(diag_level(DIAG_CHECK_NO_FILE)), msg);
			g_free(msg);
			return NULL;
		}
	GError *err = NULL;
	gb_pages *pl = pages_load(pages_path, &err);
	if (!pl) {
		/* pages_load's message is a whole diagnostic already */
		g_set_error_literal(error, GB_CHECK_ERROR,
		    g_error_matches(err, GB_PAGES_ERROR, GB_PAGES_ERROR_INPUT)
		    ? GB_CHECK_ERROR_INPUT : GB_CHECK_ERROR_SYSTEM, err ? err->message : pages_path);
		g_clear_error(&err);
		return NULL;
	}

	gb_check_report *r = g_new0(gb_check_report, 1);
	r->pages_file = g_strdup(pages_path);
	r->print_file = g_strdup(print_path);
	r->web_file = g_strdup(web_path);
	const char *gazette = pages_meta(pl, "gazette");
	const char *issue = pages_meta(pl, "issue");
	r->gazette = g_strdup(gazette ? gazette : pages_meta(pl, "title") ? pages_meta(pl, "title") : "");
	r->issue = g_strdup(issue ? issue : "");
	r->list_pages = (int)pl->pages->len;
	r->failures = g_ptr_array_new();
	r->warnings = g_ptr_array_new();
	for (guint i = 0; i < pl->warnings->len; i++) {
		const gb_page_warning *w = &g_array_index(pl->warnings, gb_page_warning, i);
		gb_check_warning *cw = g_new0(gb_check_warning, 1);
		cw->file = g_strdup(w->file);
		cw->line = w->line;
		cw->message = g_strdup(w->message);
		g_ptr_array_add(r->warnings, cw);
	}

	checker ck = { .pages = pl, .report = r };
	ck.names[FILE_LIST] = g_path_get_basename(pages_path);
	ck.names[FILE_PRINT] = display_name(print_path, web_path);
	ck.names[FILE_WEB] = display_name(web_path, print_path);
	for (int g = 0; g < GB_CHECK_N; g++)
		ck.by_group[g] = g_ptr_array_new();
	index_pages(&ck);

	edition print = { .file = FILE_PRINT, .path = print_path, .title = "印刷版" };
	edition web = { .file = FILE_WEB, .path = web_path, .title = "电子版" };
	check_toc(&ck);
	/* one edition in memory at a time: a year's volume is large */
	check_edition(&ck, &print);
	r->print_pages = print.doc ? print.n : -1;
	close_edition(&print);
	check_edition(&ck, &web);
	r->web_pages = web.doc ? web.n : -1;
	close_edition(&web);

	for (int g = 0; g < GB_CHECK_N; g++) {
		for (int f = 0; f < FILE_N; f++)
			if (ck.hidden[g][f]) {
				gb_check_failure *more = g_new0(gb_check_failure, 1);
				more->group = (gb_check_group)g;
				more->file = g_strdup(ck.names[f]);
				more->where = g_strdup("");
				more->message = diag_text(DIAG_CHECK_MORE, ck.hidden[g][f]);
				more->id = diag_name(DIAG_CHECK_MORE);
				more->seq_file = f;
				more->page = G_MAXINT;	/* last of its file */
				g_ptr_array_add(ck.by_group[g], more);
			}
		g_ptr_array_sort(ck.by_group[g], cmp_failures);
		for (guint k = 0; k < ck.by_group[g]->len; k++) {
			gb_check_failure *f = ck.by_group[g]->pdata[k];
			if (f->page == G_MAXINT)
				f->page = 0;
			if (f->count > 1) {
				char *where = g_strdup_printf("%s等%d面", f->where, f->count);
				g_free(f->where);
				f->where = where;
			}
			g_ptr_array_add(r->failures, f);
		}
		g_ptr_array_free(ck.by_group[g], TRUE);
	}
	for (int f = 0; f < FILE_N; f++)
		g_free(ck.names[f]);
	g_hash_table_destroy(ck.dest_page);
	g_hash_table_destroy(ck.title_page);
	pages_free(pl);
	return r;
}

void
gb_check_report_free(gb_check_report *r)
{
	if (!r)
		return;
	g_free(r->pages_file);
	g_free(r->print_file);
	g_free(r->web_file);
	g_free(r->gazette);
	g_free(r->issue);
	/* the elements are freed here, so that a report can be made by hand */
	for (guint i = 0; i < r->failures->len; i++)
		failure_free(r->failures->pdata[i]);
	for (guint i = 0; i < r->warnings->len; i++)
		warning_free(r->warnings->pdata[i]);
	g_ptr_array_free(r->failures, TRUE);
	g_ptr_array_free(r->warnings, TRUE);
	g_free(r);
}

gboolean
gb_check_report_passed(const gb_check_report *r)
{
	for (int g = 0; g < GB_CHECK_N; g++)
		if (r->failed[g])
			return FALSE;
	return TRUE;
}
