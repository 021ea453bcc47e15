/* image.c — the images of a document body, checked at parse time: where
 * they may come from (the images/), that each is a regular file of
 * a bounded size, and that gdk-pixbuf decodes it as PNG or JPEG.  The tree
 * carries its pixel size and whether it has colour (the print edition
 * converts it to gray, and the check report says so). */
#include "image.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>
#include <sys/stat.h>

/* A map or chart, even at 600 dpi over A3, stays well under this. */
#define IMAGE_MAX_BYTES (64 * 1024 * 1024)

/* images/NAME…: relative, inside images/, no way up. */
static gboolean
url_allowed(const char *url)
{
	if (!g_str_has_prefix(url, "images/") || strstr(url, "\\"))
		return FALSE;
	char **parts = g_strsplit(url, "/", -1);
	gboolean ok = TRUE;
	for (int i = 1; parts[i]; i++)
		if (!*parts[i] || strcmp(parts[i], ".") == 0 || strcmp(parts[i], "..") == 0)
			ok = FALSE;
	g_strfreev(parts);
	return ok;
}

/* Some pixel whose channels differ by more than a rounding step. */
static gboolean
has_colour(const GdkPixbuf *pb)
{
	int w = gdk_pixbuf_get_width(pb), h = gdk_pixbuf_get_height(pb);
	int n = gdk_pixbuf_get_n_channels(pb), stride = gdk_pixbuf_get_rowstride(pb);
	const guchar *px = gdk_pixbuf_read_pixels(pb);
	if (n < 3)
		return FALSE;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			const guchar *p = px + (gsize)y * stride + (gsize)x * n;
			if (ABS(p[0] - p[1]) > 2 || ABS(p[1] - p[2]) > 2 || ABS(p[0] - p[2]) > 2)
				return TRUE;
		}
	return FALSE;
}

/* Decodes the LEN bytes of DATA; the format's name in *FORMAT. */
static GdkPixbuf *
decode(const char *data, gsize len, char **format, GError **error)
{
	GdkPixbufLoader *ld = gdk_pixbuf_loader_new();
	GdkPixbuf *pb = NULL;
	if (gdk_pixbuf_loader_write(ld, (const guchar *)data, len, error)
	    && gdk_pixbuf_loader_close(ld, error)) {
		pb = gdk_pixbuf_loader_get_pixbuf(ld);
		if (pb)
			g_object_ref(pb);
		GdkPixbufFormat *f = gdk_pixbuf_loader_get_format(ld);
		*format = f ? gdk_pixbuf_format_get_name(f) : NULL;
	} else {
		gdk_pixbuf_loader_close(ld, NULL);
	}
	g_object_unref(ld);
	return pb;
}

gboolean
image_check(const md_source *src, int line, const char *url, gb_image_info *info)
{
	memset(info, 0, sizeof *info);
	url = url ? url : "";
	if (!url_allowed(url)) {
		diag_emit(src->diags, src->file, line, DIAG_IMAGE_PLACE, url);
		return FALSE;
	}
	char *path = g_build_filename(src->dir, url, NULL);
	struct stat st;
	char *data = NULL, *format = NULL;
	gsize len = 0;
	GError *err = NULL;
	GdkPixbuf *pb = NULL;
	if (stat(path, &st) != 0) {
		diag_emit(src->diags, src->file, line, DIAG_IMAGE_MISSING, url);
	} else if (!S_ISREG(st.st_mode)) {
		diag_emit(src->diags, src->file, line, DIAG_IMAGE_NOT_FILE, url);
	} else if (st.st_size > IMAGE_MAX_BYTES) {
		diag_emit(src->diags, src->file, line, DIAG_IMAGE_TOO_LARGE, url,
		    IMAGE_MAX_BYTES >> 20);
	} else if (!g_file_get_contents(path, &data, &len, &err)) {
		diag_emit(src->diags, src->file, line, DIAG_IMAGE_UNREADABLE, url, err->message);
	} else if (!(pb = decode(data, len, &format, &err))) {
		diag_emit(src->diags, src->file, line, DIAG_IMAGE_BROKEN, url,
		    err ? err->message : "?");
	} else if (!format || (strcmp(format, "png") != 0 && strcmp(format, "jpeg") != 0)) {
		diag_emit(src->diags, src->file, line, DIAG_IMAGE_FORMAT, url,
		    format ? format : "?");
	} else {
		info->path = path;
		path = NULL;
		info->width = gdk_pixbuf_get_width(pb);
		info->height = gdk_pixbuf_get_height(pb);
		info->colour = has_colour(pb);
	}
	if (err)
		g_error_free(err);
	if (pb)
		g_object_unref(pb);
	g_free(format);
	g_free(data);
	g_free(path);
	return info->path != NULL;
}
