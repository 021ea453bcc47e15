/* image.c — an image of the page list painted with cairo: decoded by
 * gdk-pixbuf, laid on white (the page is paper: no transparency reaches
 * the PDF), scaled into its box, in its colours, a JPEG its original
 * bytes (cairo embeds them as they are, so the PDF stays compact); the
 * print edition makes them gray (printed.c). */
#include "image.h"
#include "diag.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>
#include <sys/stat.h>

#define IMAGE_MAX_BYTES (64 * 1024 * 1024)

/* The pixbuf's pixels over white as a cairo RGB24 surface. */
static cairo_surface_t *
surface_of(GdkPixbuf *pb)
{
	int w = gdk_pixbuf_get_width(pb), h = gdk_pixbuf_get_height(pb);
	int n = gdk_pixbuf_get_n_channels(pb), stride = gdk_pixbuf_get_rowstride(pb);
	gboolean alpha = gdk_pixbuf_get_has_alpha(pb);
	const guchar *px = gdk_pixbuf_read_pixels(pb);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		return s;
	cairo_surface_flush(s);
	guchar *out = cairo_image_surface_get_data(s);
	int ostride = cairo_image_surface_get_stride(s);
	for (int y = 0; y < h; y++) {
		guint32 *row = (guint32 *)(void *)(out + (gsize)y * ostride);
		for (int x = 0; x < w; x++) {
			const guchar *p = px + (gsize)y * stride + (gsize)x * n;
			int r = p[0], g = n >= 3 ? p[1] : p[0], b = n >= 3 ? p[2] : p[0];
			if (alpha) {
				int a = p[n - 1];
				r = (r * a + 255 * (255 - a)) / 255;
				g = (g * a + 255 * (255 - a)) / 255;
				b = (b * a + 255 * (255 - a)) / 255;
			}
			row[x] = (guint32)r << 16 | (guint32)g << 8 | (guint32)b;
		}
	}
	cairo_surface_mark_dirty(s);
	return s;
}

/* The bytes of FILE, a regular file of bounded size, or NULL. */
static char *
read_image_file(const char *file, gsize *len, GError **err)
{
	struct stat st;
	if (stat(file, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > IMAGE_MAX_BYTES) {
		g_set_error_literal(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
		    "不存在、不是普通文件或大于 64 MB");
		return NULL;
	}
	char *data;
	return g_file_get_contents(file, &data, len, err) ? data : NULL;
}

gboolean
image_paint(cairo_t *cr, const gb_page *page, const gb_item *it, const char *name,
    GError **error)
{
	GError *err = NULL;
	gsize len = 0;
	char *data = read_image_file(it->text, &len, &err);
	GdkPixbuf *pb = NULL;
	char *format = NULL;
	if (data) {
		GdkPixbufLoader *ld = gdk_pixbuf_loader_new();
		if (gdk_pixbuf_loader_write(ld, (const guchar *)data, len, &err)
		    && gdk_pixbuf_loader_close(ld, &err)) {
			pb = gdk_pixbuf_loader_get_pixbuf(ld);
			if (pb)
				g_object_ref(pb);
			GdkPixbufFormat *f = gdk_pixbuf_loader_get_format(ld);
			format = f ? gdk_pixbuf_format_get_name(f) : NULL;
		} else {
			gdk_pixbuf_loader_close(ld, NULL);
		}
		g_object_unref(ld);
	}
	if (!pb) {
		diag_set_error(error, name, it->line, DIAG_PAINT_IMAGE, page->number, it->text,
		    err ? err->message : "无法解码");
		if (err)
			g_error_free(err);
		g_free(data);
		g_free(format);
		return FALSE;
	}
	cairo_surface_t *s = surface_of(pb);
	int pw = gdk_pixbuf_get_width(pb), ph = gdk_pixbuf_get_height(pb);
	g_object_unref(pb);
	if (g_strcmp0(format, "jpeg") == 0
	    && cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, (const guchar *)data, len,
		g_free, data) == CAIRO_STATUS_SUCCESS)
		data = NULL;	/* the surface owns it now */
	g_free(data);
	g_free(format);
	cairo_save(cr);
	cairo_translate(cr, it->x, it->y);
	cairo_scale(cr, it->w / pw, it->h / ph);
	cairo_set_source_surface(cr, s, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_rectangle(cr, 0, 0, pw, ph);
	cairo_fill(cr);
	cairo_restore(cr);
	cairo_status_t st = cairo_status(cr);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		diag_set_error(error, name, it->line, DIAG_PAINT_CAIRO, cairo_status_to_string(st));
		return FALSE;
	}
	return TRUE;
}

/* The Figure structure elements under NODE in the order cairo wrote them
 * (the order of the page list's `begin Figure`), into FIGS; every other
 * handle it takes let go (the C API keeps each until then, and the tree
 * of a large issue has tens of thousands of elements). */
static void
collect_figures(qpdf_data q, qpdf_oh node, GArray *figs, int depth)
{
	gboolean kept = FALSE;
	if (depth > 256) {
		/* too deep for a tree of ours */
	} else if (qpdf_oh_is_array(q, node)) {
		int n = qpdf_oh_get_array_n_items(q, node);
		for (int i = 0; i < n; i++)
			collect_figures(q, qpdf_oh_get_array_item(q, node, i), figs, depth + 1);
	} else if (qpdf_oh_is_dictionary(q, node)) {
		qpdf_oh s = qpdf_oh_get_key(q, node, "/S");
		kept = qpdf_oh_is_name_and_equals(q, s, "/Figure");
		qpdf_oh_release(q, s);
		if (kept)
			g_array_append_val(figs, node);
		collect_figures(q, qpdf_oh_get_key(q, node, "/K"), figs, depth + 1);
	}
	if (!kept)
		qpdf_oh_release(q, node);
}

GPtrArray *
image_alts(const gb_pages *pages)
{
	GPtrArray *alts = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < pages->pages->len; i++) {
		const gb_page *page = pages_page(pages, i);
		for (guint j = 0; j < page->items->len; j++) {
			const gb_item *it = page_item(page, j);
			if (it->kind == GB_ITEM_IMAGE)
				g_ptr_array_add(alts, g_strdup(it->alt ? it->alt : ""));
		}
	}
	return alts;
}

gboolean
image_set_alt(qpdf_data q, const GPtrArray *alts)
{
	GArray *figs = g_array_new(FALSE, FALSE, sizeof(qpdf_oh));
	qpdf_oh root = qpdf_get_root(q);
	qpdf_oh tree = qpdf_oh_get_key(q, root, "/StructTreeRoot");
	collect_figures(q, qpdf_oh_get_key(q, tree, "/K"), figs, 0);
	qpdf_oh_release(q, tree);
	qpdf_oh_release(q, root);
	gboolean ok = alts->len == figs->len;
	for (guint k = 0; ok && k < figs->len; k++)
		if (*(const char *)alts->pdata[k]) {
			qpdf_oh alt = qpdf_oh_new_unicode_string(q, alts->pdata[k]);
			qpdf_oh_replace_key(q, g_array_index(figs, qpdf_oh, k), "/Alt", alt);
			qpdf_oh_release(q, alt);
		}
	for (guint k = 0; k < figs->len; k++)
		qpdf_oh_release(q, g_array_index(figs, qpdf_oh, k));
	g_array_free(figs, TRUE);
	return ok;
}
