/* text.c — the page text group of gongbao-check: every character of a page
 * as poppler reads it back, paired by place with what the page list put
 * there; a lost or swapped page named by the list page it shows instead;
 * and whether a page is blank exactly when the list leaves it blank. */
#include "checker.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

/* A character of the PDF stands where the page list put it if its origin is
 * this close (cairo writes positions to a thousandth of a point or so). */
#define CHAR_TOLERANCE 0.75
/* Characters of context either side of a difference in the text. */
#define CONTEXT 6

typedef struct {
	gunichar c;
	double x, y, size;	/* origin, on the PDF page (poppler's space) */
	const char *run;	/* the text run, for context */
	const gb_item *item;	/* the run: where it comes from */
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

static int
cmp_by_x(const void *a, const void *b, void *data)
{
	const got_char *g = (const got_char *)(const void *)((GArray *)data)->data;
	double xa = g[*(const int *)a].x1, xb = g[*(const int *)b].x1;
	return xa < xb ? -1 : xa > xb;
}

void
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

void
page_text_clear(page_text *t)
{
	g_free(t->text);
	g_array_free(t->chars, TRUE);
	g_free(t->by_x);
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
				it->text, it, k, -1, FALSE };
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

/* The source line of the run W stands in (the page list's `source`
 * record), to be said after a difference; "" for furniture. */
static char *
source_of(const checker *ck, const want_char *w)
{
	const char *file = w && w->item->src_doc
	    ? pages_document_file(ck->pages, w->item->src_doc) : NULL;
	return file ? diag_text(DIAG_CHECK_TEXT_SOURCE, file, w->item->src_line) : g_strdup("");
}

/* The list's character nearest to the PDF's G: where an excess stands. */
static const want_char *
nearest_want(GArray *wants, const got_char *g)
{
	const want_char *best = NULL;
	double best_d = 0;
	for (guint wi = 0; wi < wants->len; wi++) {
		const want_char *w = &g_array_index(wants, want_char, wi);
		double d = fabs(w->x - g->x1) + fabs(w->y - g->y2);
		if (!best || d < best_d) {
			best = w;
			best_d = d;
		}
	}
	return best;
}

/* Reports the first difference after match_chars: in page-list order if a
 * character of the list is wrong or missing, else the first character the
 * PDF has in excess; with the source line of the run it is in. */
static void
fail_text(checker *ck, int file, int page, const char *where, GArray *wants, page_text *t,
    int diffs)
{
	const got_char *g = (const got_char *)(const void *)t->chars->data;
	const want_char *first = NULL;
	const got_char *extra = NULL;
	for (guint wi = 0; wi < wants->len && !first; wi++)
		if (!g_array_index(wants, want_char, wi).same)
			first = &g_array_index(wants, want_char, wi);
	for (guint i = 0; !first && i < t->chars->len && !extra; i++)
		if (g[i].match < 0)
			extra = &g[i];
	char *src = source_of(ck, first ? first : extra ? nearest_want(wants, extra) : NULL);
	char *total = diffs > 1 ? g_strdup_printf("%s，此面共%d处不同", src, diffs) : g_strdup(src);
	g_free(src);
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

/* The text check of one page, and when it fails badly, whether the page
 * shows a neighbouring page of the list instead (a lost or swapped page). */
gboolean
verify_text(checker *ck, edition *e, int i, int li, const char *where, page_text *t,
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

/* Whether anything is painted inside the trim: the page rendered small on
 * white.  Used only for pages that should be blank or show no text.  -1
 * when it cannot be rendered (cairo's status in *WHY): a page larger than
 * any image cairo makes. */
static int
page_has_ink(PopplerPage *page, double offx, double offy, double tw, double th,
    const char **why)
{
	const double scale = 0.25;	/* 18 dpi is enough to see any mark */
	double w, h;
	poppler_page_get_size(page, &w, &h);
	/* cairo's images end at 32,767 pixels a side (and the cast below with
	 * them): a page larger than that is not painted */
	if (!(w * scale < 32767 && h * scale < 32767)) {
		*why = cairo_status_to_string(CAIRO_STATUS_INVALID_SIZE);
		return -1;
	}
	int pw = (int)ceil(w * scale), ph = (int)ceil(h * scale);
	if (pw <= 0 || ph <= 0)
		return FALSE;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	poppler_page_render(page, cr);
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	const unsigned char *data = cairo_image_surface_get_data(s);
	if (st != CAIRO_STATUS_SUCCESS || !data) {
		*why = cairo_status_to_string(st != CAIRO_STATUS_SUCCESS ? st : CAIRO_STATUS_NULL_POINTER);
		cairo_surface_destroy(s);
		return -1;
	}
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


void
verify_blank(checker *ck, edition *e, int i, int li, const char *where, PopplerPage *page,
    const page_text *t, double offx, double offy)
{
	const gb_pages *pl = ck->pages;
	gboolean list_text = FALSE, list_draws = FALSE;
	if (li >= 0)
		list_draws = page_draws(pages_page(pl, (guint)li), &list_text);
	gboolean pdf_text = t->chars->len > 0;
	const char *why = NULL;
	int ink = 0;
	if ((list_draws && !pdf_text && !list_text) || (!list_draws && !pdf_text))
		ink = page_has_ink(page, offx, offy, pl->trim_width, pl->trim_height, &why);
	if (ink < 0)
		fail(ck, GB_CHECK_BLANK, e->file, i + 1, where, DIAG_CHECK_PAGE_RENDER, why);
	else if (list_draws && !pdf_text) {
		if (list_text || !ink)
			fail(ck, GB_CHECK_BLANK, e->file, i + 1, where,
			    DIAG_CHECK_BLANK_NO_CONTENT);
	} else if (!list_draws) {
		if (pdf_text)
			fail(ck, GB_CHECK_BLANK, e->file, i + 1, where, DIAG_CHECK_BLANK_HAS_TEXT);
		else if (ink)
			fail(ck, GB_CHECK_BLANK, e->file, i + 1, where, DIAG_CHECK_BLANK_HAS_INK);
	}
}
