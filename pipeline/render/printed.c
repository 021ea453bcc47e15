/* printed.c — the print edition derived from the web edition's painting
 * with libqpdf (printed.h): the pages' content streams are the web
 * edition's, placed at the trim's offset on a sheet of trim + bleed +
 * slug, so that both editions show the same glyphs at the same places by
 * construction. */
#include "printed.h"

#include "diag.h"
#include "paint.h"
#include "pdfstream.h"

#include <stdlib.h>
#include <string.h>


struct gb_print_plan {
	double width, height, bleed;	/* the trim, the bleed on every side */
	int list_pages;			/* pages of the list: of the painting */
	int n;				/* pages of the print edition */
	int *order;			/* each one's list page, -1 a padding page */
	char **labels;			/* each one's page label */
};

gb_print_plan *
printed_plan(const gb_pages *pages)
{
	gb_print_plan *plan = g_new0(gb_print_plan, 1);
	plan->width = pages->trim_width;
	plan->height = pages->trim_height;
	plan->bleed = pages->bleed;
	plan->list_pages = (int)pages->pages->len;
	plan->n = pages_print_order(pages, &plan->order);
	plan->labels = g_new0(char *, plan->n + 1);
	for (int i = 0; i < plan->n; i++) {
		const gb_page *pg = plan->order[i] >= 0 ? pages_page(pages, (guint)plan->order[i])
		    : NULL;
		/* a padding page is blank paper: named so in the viewer */
		plan->labels[i] = g_strdup(pg ? pg->label : "空白");
	}
	return plan;
}

void
printed_plan_free(gb_print_plan *plan)
{
	if (!plan)
		return;
	g_free(plan->order);
	g_strfreev(plan->labels);
	g_free(plan);
}

typedef struct {
	qpdf_data q;
	const gb_print_plan *plan;
	const char *name;
	GError **error;
	double offset;		/* the trim's from the sheet's edge: bleed + slug */
	GHashTable *seen;	/* object ids of the images and forms done */
} deriver;

static gboolean
failed(deriver *d, const char *doing)
{
	if (!qpdf_has_error(d->q))
		return FALSE;
	qpdf_error e = qpdf_get_error(d->q);
	diag_set_error(d->error, d->name, 0, DIAG_PDFPOST_QPDF, doing,
	    e ? qpdf_get_error_full_text(d->q, e) : "?");
	return TRUE;
}

/* A number for a content stream or an array: three decimals at most, no
 * trailing zeros, the same on every machine. */
static void
append_num(GString *s, double v)
{
	char buf[G_ASCII_DTOSTR_BUF_SIZE];
	g_ascii_formatd(buf, sizeof buf, "%.3f", v);
	char *e = buf + strlen(buf) - 1;
	while (e > buf && *e == '0')
		*e-- = '\0';
	if (*e == '.')
		*e = '\0';
	g_string_append(s, strcmp(buf, "-0") == 0 ? "0" : buf);
}

/* The crop marks, in the slug outside the bleed: each continues a trim
 * edge from GB_CROP_OFFSET_MM outside the BleedBox for GB_CROP_LENGTH_MM
 * (paint.h), in black. */
static void
append_crop_marks(GString *s, const deriver *d)
{
	const gb_print_plan *p = d->plan;
	double mm = 72.0 / 25.4, o = d->offset;
	double from = p->bleed + GB_CROP_OFFSET_MM * mm, to = from + GB_CROP_LENGTH_MM * mm;
	double xs[2] = { o, o + p->width }, ys[2] = { o, o + p->height };
	g_string_append(s, "q 0 G ");
	append_num(s, GB_CROP_LINE_WIDTH);
	g_string_append(s, " w 0 J\n");
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 2; j++) {
			double x = xs[i], y = ys[j];
			double dx = i ? 1 : -1, dy = j ? 1 : -1;	/* away from the trim */
			double seg[2][4] = {
				{ x + dx * from, y, x + dx * to, y },
				{ x, y + dy * from, x, y + dy * to },
			};
			for (int k = 0; k < 2; k++) {
				append_num(s, seg[k][0]);
				g_string_append_c(s, ' ');
				append_num(s, seg[k][1]);
				g_string_append(s, " m ");
				append_num(s, seg[k][2]);
				g_string_append_c(s, ' ');
				append_num(s, seg[k][3]);
				g_string_append(s, " l\n");
			}
		}
	g_string_append(s, "S Q\n");
}

/* Sets KEY of D to the new object O, letting go of O's handle. */
static void
put(qpdf_data q, qpdf_oh d, const char *key, qpdf_oh o)
{
	qpdf_oh_replace_key(q, d, key, o);
	qpdf_oh_release(q, o);
}

/* A new unfiltered stream of DATA: pdfpost rewrites it to gray and
 * compresses it then. */
static qpdf_oh
plain_stream(qpdf_data q, const GString *data)
{
	qpdf_oh s = qpdf_oh_new_stream(q);
	qpdf_oh null = qpdf_oh_new_null(q);
	qpdf_oh_replace_stream_data(q, s, (const unsigned char *)data->str, data->len, null, null);
	qpdf_oh_release(q, null);
	return s;
}

static qpdf_oh
media_box(deriver *d)
{
	GString *s = g_string_new("[0 0 ");
	append_num(s, d->plan->width + 2 * d->offset);
	g_string_append_c(s, ' ');
	append_num(s, d->plan->height + 2 * d->offset);
	g_string_append_c(s, ']');
	qpdf_oh box = qpdf_oh_parse(d->q, s->str);
	g_string_free(s, TRUE);
	return box;
}

static gboolean gray_resources(deriver *d, qpdf_oh resources, int depth);

/* An image of the web edition in gray, as the print edition had it
 * painted (image.c: Rec. 601 luma of the colours laid on white). */
static gboolean
gray_image(deriver *d, qpdf_oh x)
{
	qpdf_data q = d->q;
	qpdf_oh dict = qpdf_oh_get_dict(q, x);
	qpdf_oh cs = qpdf_oh_get_key(q, dict, "/ColorSpace");
	gboolean rgb = qpdf_oh_is_name_and_equals(q, cs, "/DeviceRGB");
	qpdf_oh mask = qpdf_oh_get_key(q, dict, "/ImageMask");
	gboolean gray = qpdf_oh_is_name_and_equals(q, cs, "/DeviceGray")
	    || (qpdf_oh_is_bool(q, mask) && qpdf_oh_get_bool_value(q, mask));
	qpdf_oh_release(q, mask);
	qpdf_oh_release(q, cs);
	int w = qpdf_oh_get_int_value_as_int(q, qpdf_oh_get_key(q, dict, "/Width"));
	int h = qpdf_oh_get_int_value_as_int(q, qpdf_oh_get_key(q, dict, "/Height"));
	int bpc = qpdf_oh_get_int_value_as_int(q, qpdf_oh_get_key(q, dict, "/BitsPerComponent"));
	gboolean ok = gray;
	if (rgb && bpc == 8 && w > 0 && h > 0 && !qpdf_oh_has_key(q, dict, "/SMask")) {
		unsigned char *buf = NULL;
		size_t len = 0;
		QPDF_BOOL filtered = QPDF_FALSE;
		if (!(qpdf_oh_get_stream_data(q, x, qpdf_dl_all, &filtered, &buf, &len)
		    & QPDF_ERRORS) && filtered && len == (size_t)w * (size_t)h * 3) {
			guchar *g = g_malloc(len / 3);
			for (size_t i = 0; i < len / 3; i++) {
				const unsigned char *p = buf + 3 * i;
				g[i] = (guchar)((299 * p[0] + 587 * p[1] + 114 * p[2] + 500) / 1000);
			}
			pdfstream_replace(q, x, g, len / 3);
			put(q, dict, "/ColorSpace", qpdf_oh_new_name(q, "/DeviceGray"));
			g_free(g);
			ok = TRUE;
		}
		free(buf);
	}
	qpdf_oh_release(q, dict);
	if (!ok && !failed(d, "image"))
		diag_set_error(d->error, d->name, 0, DIAG_PDFPOST_COLOUR_IMAGE);
	return ok;
}

/* Every image of RESOURCES, and of the forms and patterns in it, gray. */
static gboolean
gray_resources(deriver *d, qpdf_oh resources, int depth)
{
	qpdf_data q = d->q;
	if (depth > 16 || !qpdf_oh_is_dictionary(q, resources))
		return TRUE;
	static const char *const kinds[] = { "/XObject", "/Pattern" };
	gboolean ok = TRUE;
	for (guint k = 0; ok && k < G_N_ELEMENTS(kinds); k++) {
		qpdf_oh dict = qpdf_oh_get_key(q, resources, kinds[k]);
		if (qpdf_oh_is_dictionary(q, dict)) {
			qpdf_oh_begin_dict_key_iter(q, dict);
			GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
			while (qpdf_oh_dict_more_keys(q))
				g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
			for (guint i = 0; ok && i < keys->len; i++) {
				qpdf_oh x = qpdf_oh_get_key(q, dict, keys->pdata[i]);
				int id = qpdf_oh_get_object_id(q, x);
				if (qpdf_oh_is_stream(q, x)
				    && (!id || g_hash_table_add(d->seen, GINT_TO_POINTER(id)))) {
					qpdf_oh xd = qpdf_oh_get_dict(q, x);
					qpdf_oh sub = qpdf_oh_get_key(q, xd, "/Subtype");
					if (qpdf_oh_is_name_and_equals(q, sub, "/Image"))
						ok = gray_image(d, x);
					else
						ok = gray_resources(d, qpdf_oh_get_key(q, xd, "/Resources"),
						    depth + 1);
					qpdf_oh_release(q, sub);
					qpdf_oh_release(q, xd);
				}
				qpdf_oh_release(q, x);
			}
			g_ptr_array_free(keys, TRUE);
		}
		qpdf_oh_release(q, dict);
	}
	qpdf_oh_release(q, resources);
	return ok;
}

/* Web page PAGE as a print page: the sheet, the content placed in it, the
 * marks; no links or structure. */
static gboolean
place_page(deriver *d, qpdf_oh page)
{
	qpdf_data q = d->q;
	unsigned char *buf = NULL;
	size_t len = 0;
	if (qpdf_oh_get_page_content_data(q, page, &buf, &len) & QPDF_ERRORS) {
		free(buf);
		if (!failed(d, "page content"))
			diag_set_error(d->error, d->name, 0, DIAG_PDFPOST_QPDF, "page content", "?");
		return FALSE;
	}
	GString *s = g_string_sized_new(len + 512);
	g_string_append(s, "q 1 0 0 1 ");
	append_num(s, d->offset);
	g_string_append_c(s, ' ');
	append_num(s, d->offset);
	g_string_append(s, " cm\n");
	g_string_append_len(s, (const char *)buf, (gssize)len);
	g_string_append(s, "\nQ\n");
	append_crop_marks(s, d);
	free(buf);
	put(q, page, "/Contents", plain_stream(q, s));
	g_string_free(s, TRUE);
	put(q, page, "/MediaBox", media_box(d));
	static const char *const gone[] = { "/Annots", "/StructParents", "/Tabs", "/CropBox" };
	for (guint k = 0; k < G_N_ELEMENTS(gone); k++)
		qpdf_oh_remove_key(q, page, gone[k]);
	return gray_resources(d, qpdf_oh_get_key(q, page, "/Resources"), 0) && !failed(d, "page");
}

/* A padding page: the sheet with its marks only. */
static qpdf_oh
blank_page(deriver *d)
{
	qpdf_data q = d->q;
	GString *s = g_string_new(NULL);
	append_crop_marks(s, d);
	qpdf_oh page = qpdf_oh_parse(q, "<< /Type /Page /Resources << >> >>");
	put(q, page, "/MediaBox", media_box(d));
	put(q, page, "/Contents", plain_stream(q, s));
	g_string_free(s, TRUE);
	qpdf_oh indirect = qpdf_make_indirect_object(q, page);
	qpdf_oh_release(q, page);
	return indirect;
}

/* The page labels of the print order: one a page, as the viewer shows
 * them (the folios, 封面, 空白 for padding). */
static void
set_labels(deriver *d, qpdf_oh root)
{
	qpdf_data q = d->q;
	qpdf_oh nums = qpdf_oh_new_array(q);
	for (int i = 0; i < d->plan->n; i++) {
		qpdf_oh_append_item(q, nums, qpdf_oh_new_integer(q, i));
		qpdf_oh label = qpdf_oh_new_dictionary(q);
		put(q, label, "/P", qpdf_oh_new_unicode_string(q, d->plan->labels[i]));
		qpdf_oh_append_item(q, nums, label);
		qpdf_oh_release(q, label);
	}
	qpdf_oh tree = qpdf_oh_new_dictionary(q);
	put(q, tree, "/Nums", nums);
	put(q, root, "/PageLabels", tree);
}

gboolean
printed_derive(qpdf_data q, const gb_print_plan *plan, const char *name, GError **error)
{
	deriver d = { .q = q, .plan = plan, .name = name, .error = error,
		.offset = plan->bleed + GB_SLUG,
		.seen = g_hash_table_new(g_direct_hash, g_direct_equal) };
	int n = qpdf_get_num_pages(q);
	gboolean ok = !failed(&d, "pages");
	if (ok && n != plan->list_pages) {
		diag_set_error(error, name, 0, DIAG_PRINTED_PAGES, n, plan->list_pages);
		ok = FALSE;
	}
	/* the web edition's navigation and structure are not the paper's */
	qpdf_oh root = qpdf_get_root(q);
	static const char *const gone[] = { "/Outlines", "/Names", "/Dests", "/StructTreeRoot",
		"/MarkInfo", "/PageMode", "/OpenAction", "/ViewerPreferences", "/Lang" };
	for (guint k = 0; ok && k < G_N_ELEMENTS(gone); k++)
		qpdf_oh_remove_key(q, root, gone[k]);
	qpdf_oh *pages = g_new0(qpdf_oh, n > 0 ? n : 1);
	for (int i = 0; ok && i < n; i++) {
		pages[i] = qpdf_get_page_n(q, (size_t)i);
		ok = place_page(&d, pages[i]);
	}
	/* the padding pages where the print order has them */
	qpdf_oh prev = 0;
	for (int i = 0; ok && i < plan->n; i++) {
		int src = plan->order[i];
		if (src >= 0) {
			prev = pages[src];
			continue;
		}
		qpdf_oh blank = blank_page(&d);
		if (prev)
			qpdf_add_page_at(q, q, blank, QPDF_FALSE, prev);
		else
			qpdf_add_page(q, q, blank, QPDF_TRUE);
		prev = blank;
		ok = !failed(&d, "padding page");
	}
	if (ok) {
		set_labels(&d, root);
		ok = !failed(&d, "page labels");
	}
	qpdf_oh_release(q, root);
	g_free(pages);
	g_hash_table_destroy(d.seen);
	return ok;
}
