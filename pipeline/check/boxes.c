/* boxes.c — the fonts and boxes groups of gongbao-check: every font of an
 * edition embedded and none Type 3 (from the font dictionaries, as libqpdf
 * reads them), and each page's size, TrimBox and BleedBox. */
#include "checker.h"

#include <math.h>
#include <string.h>

/* Lengths are compared to this many points: the page list writes two
 * decimals and the renderer may write millimetres converted to points. */
#define BOX_TOLERANCE 0.05

/* --- boxes as libqpdf reads them --------------------------------------------- */

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

void
verify_fonts(checker *ck, edition *e)
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

/* --- the page boxes ------------------------------------------------------------------ */

/* Where the trim's top left corner stands in poppler's page space (the
 * CropBox, y down): from the TrimBox, or the trim centred on the page. */
void
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

void
trim_corner(const checker *ck, const edition *e, qpdf_oh qpage, double *x, double *y)
{
	rect media, trim;
	*x = *y = 0;
	if (!e->qpdf || !qpage)
		return;
	if (page_box(e->qpdf, qpage, "/TrimBox", FALSE, &trim)) {
		*x = trim.x0;
		*y = trim.y0;
	} else if (page_box(e->qpdf, qpage, "/MediaBox", TRUE, &media)) {
		*x = media.x0 + (media.x1 - media.x0 - ck->pages->trim_width) / 2;
		*y = media.y0 + (media.y1 - media.y0 - ck->pages->trim_height) / 2;
	}
}

void
verify_boxes(checker *ck, edition *e, int i, const char *where, qpdf_oh qpage, double w,
    double h)
{
	const gb_pages *pl = ck->pages;
	/* the print page: the trim, the bleed, and the slug beyond it (pages.h) */
	double b = e->file == FILE_PRINT ? pl->bleed : 0;
	double o = e->file == FILE_PRINT ? b + GB_SLUG : 0;
	double want_w = pl->trim_width + 2 * o, want_h = pl->trim_height + 2 * o;
	if (!near(w, want_w) || !near(h, want_h))
		fail(ck, GB_CHECK_BOXES, e->file, i + 1, where,
		    DIAG_CHECK_PAGE_SIZE, mm(w), mm(h), mm(want_w), mm(want_h),
		    e->file == FILE_PRINT ? "（成品尺寸加四边出血及裁切标记位）" : "（成品尺寸）");
	if (e->file != FILE_PRINT || !e->qpdf || !qpage)
		return;
	rect media, trim, bleed;
	if (!page_box(e->qpdf, qpage, "/MediaBox", TRUE, &media))
		return;
	rect want_trim = { media.x0 + o, media.y0 + o, media.x0 + o + pl->trim_width,
		media.y0 + o + pl->trim_height };
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
