/* paint.c — cairo paints the page list: every glyph at the x the
 * typesetter gave it, one cluster per character so that the PDF maps each
 * glyph back to its Unicode text.  pdfpost.c finishes what cairo writes. */
#include "paint.h"
#include "diag.h"
#include "image.h"
#include "structure.h"
#include "util.h"

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
	const gb_pages *pages;
	const char *name;
	GError **error;
	FT_Library ft;
	GHashTable *faces;	/* font id → cairo_font_face_t* */
	cairo_surface_t *surface;
	cairo_t *cr;
	GArray *glyphs;		/* scratch for a run */
	GArray *clusters;
	/* The web edition's marks (structure.h): the page list's tags open
	 * on this page, how many of them are Artifacts, and whether a
	 * piece's cairo tag is open. */
	GPtrArray *tags;
	int artifacts;
	gboolean piece_open;
	/* What is set on the cairo context, so that a run in the same font,
	 * size and gray as the last one sets nothing (each set makes cairo
	 * look up a scaled font or build a pattern). */
	int cur_font;
	double cur_size, cur_gray;
	GByteArray *pdf;
} painter;

static const cairo_user_data_key_t ft_face_key;

static cairo_status_t
write_to_bytes(void *closure, const unsigned char *data, unsigned int length)
{
	g_byte_array_append(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

static void
done_ft_face(void *face)
{
	FT_Done_Face(face);
}

/* Fonts are read with pread, not mapped: a CJK collection is 20-30 MB, and
 * a mapped file counts in full against the memory of a run once cairo has
 * walked its glyph table. */
typedef struct {
	FT_StreamRec rec;
	int fd;
} font_stream;

static unsigned long
font_stream_read(FT_Stream s, unsigned long offset, unsigned char *buf, unsigned long count)
{
	font_stream *fs = (font_stream *)s;
	if (count == 0)		/* a seek: nonzero means failure */
		return offset > s->size ? 1 : 0;
	ssize_t got = pread(fs->fd, buf, count, (off_t)offset);
	return got < 0 ? 0 : (unsigned long)got;
}

static void
font_stream_close(FT_Stream s)
{
	font_stream *fs = (font_stream *)s;
	close(fs->fd);
	g_free(fs);
}

static FT_Error
open_face(FT_Library ft, const char *file, int index, FT_Face *face)
{
	/* a regular file (a FIFO would block FreeType's first read) of a
	 * font's size at most */
	gint64 size;
	int fd = gb_open_input(file, GB_MAX_FONT_INPUT, &size, NULL);
	if (fd < 0)
		return FT_Err_Cannot_Open_Resource;
	if (size <= 0) {
		close(fd);
		return FT_Err_Cannot_Open_Resource;
	}
	font_stream *fs = g_new0(font_stream, 1);
	fs->fd = fd;
	fs->rec.size = (unsigned long)size;
	fs->rec.read = font_stream_read;
	fs->rec.close = font_stream_close;
	FT_Open_Args args = { .flags = FT_OPEN_STREAM, .stream = &fs->rec };
	/* FreeType closes the stream (font_stream_close) with the face, and on
	 * failure. */
	return FT_Open_Face(ft, &args, index, face);
}

/* Opens every font of the header once; the FT_Face lives as long as the
 * cairo font face that wraps it. */
static gboolean
open_fonts(painter *pt)
{
	if (FT_Init_FreeType(&pt->ft) != 0) {
		diag_set_error(pt->error, pt->name, 0, DIAG_PAINT_FREETYPE);
		return FALSE;
	}
	for (guint i = 0; i < pt->pages->fonts->len; i++) {
		const gb_font *f = &g_array_index(pt->pages->fonts, gb_font, i);
		FT_Face face;
		if (open_face(pt->ft, f->file, f->index, &face) != 0) {
			diag_set_error(pt->error, pt->name, f->line, DIAG_PAINT_FONT_OPEN, f->id,
			    f->file, f->index);
			return FALSE;
		}
		/* No hinting: a PDF is not a pixel grid, and hinting CJK outlines
		 * is most of the cost of loading their glyphs. */
		cairo_font_face_t *cf = cairo_ft_font_face_create_for_ft_face(face,
		    FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP);
		if (cairo_font_face_set_user_data(cf, &ft_face_key, face, done_ft_face)
		    != CAIRO_STATUS_SUCCESS) {
			cairo_font_face_destroy(cf);
			FT_Done_Face(face);
			diag_set_error(pt->error, pt->name, f->line, DIAG_PAINT_FONT_CAIRO, f->id,
			    f->file);
			return FALSE;
		}
		g_hash_table_insert(pt->faces, GINT_TO_POINTER(f->id), cf);
	}
	return TRUE;
}

static void
set_gray(painter *pt, double gray)
{
	if (gray != pt->cur_gray) {
		cairo_set_source_rgb(pt->cr, gray, gray, gray);
		pt->cur_gray = gray;
	}
}

static gboolean
paint_text(painter *pt, const gb_page *page, const gb_item *it)
{
	cairo_font_face_t *cf = g_hash_table_lookup(pt->faces, GINT_TO_POINTER(it->font));
	FT_Face face = cairo_font_face_get_user_data(cf, &ft_face_key);

	g_array_set_size(pt->glyphs, (guint)it->n_chars);
	g_array_set_size(pt->clusters, (guint)it->n_chars);
	cairo_glyph_t *g = (cairo_glyph_t *)(void *)pt->glyphs->data;
	cairo_text_cluster_t *c = (cairo_text_cluster_t *)(void *)pt->clusters->data;
	const char *p = it->text;
	for (int i = 0; i < it->n_chars; i++) {
		gunichar ch = g_utf8_get_char(p);
		const char *next = g_utf8_next_char(p);
		FT_UInt index = FT_Get_Char_Index(face, ch);
		if (index == 0) {
			char buf[8] = { 0 };
			g_unichar_to_utf8(ch, buf);
			diag_set_error(pt->error, pt->name, it->line, DIAG_PAINT_NO_GLYPH,
			    page->number, it->font, pages_font(pt->pages, it->font)->family, buf,
			    ch);
			return FALSE;
		}
		g[i].index = index;
		g[i].x = it->x + it->offsets[i];
		g[i].y = it->y;
		c[i].num_bytes = (int)(next - p);
		c[i].num_glyphs = 1;
		p = next;
	}
	if (it->font != pt->cur_font) {
		cairo_set_font_face(pt->cr, cf);
		pt->cur_font = it->font;
		pt->cur_size = -1;
	}
	if (it->size != pt->cur_size) {
		cairo_set_font_size(pt->cr, it->size);
		pt->cur_size = it->size;
	}
	set_gray(pt, it->gray);
	cairo_show_text_glyphs(pt->cr, it->text, (int)(p - it->text), g, it->n_chars, c,
	    it->n_chars, 0);
	return TRUE;
}

/* Single quotes and backslashes are escaped in cairo's attribute strings. */
static char *
quote_attr(const char *s)
{
	GString *q = g_string_new(NULL);
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			g_string_append_c(q, '\\');
		g_string_append_c(q, *s);
	}
	return g_string_free(q, FALSE);
}

/* The web edition's marks: one cairo tag around each piece, never
 * nested, which the finishing rewrites (structure.h). */
static void
end_piece(painter *pt)
{
	if (pt->piece_open)
		cairo_tag_end(pt->cr, structure_piece_tag(pt->tags->pdata[pt->tags->len - 1],
		    pt->artifacts > 0));
	pt->piece_open = FALSE;
}

static void
mark_item(painter *pt, const gb_item *it)
{
	if (structure_item_breaks(it->kind))
		end_piece(pt);
	if (it->kind == GB_ITEM_BEGIN) {
		g_ptr_array_add(pt->tags, (gpointer)it->text);
		if (strcmp(it->text, "Artifact") == 0)
			pt->artifacts++;
	} else if (it->kind == GB_ITEM_END && pt->tags->len) {
		if (strcmp(pt->tags->pdata[pt->tags->len - 1], "Artifact") == 0)
			pt->artifacts--;
		g_ptr_array_set_size(pt->tags, pt->tags->len - 1);
	} else if (structure_item_paints(it->kind) && !pt->piece_open && pt->tags->len) {
		cairo_tag_begin(pt->cr, structure_piece_tag(pt->tags->pdata[pt->tags->len - 1],
		    pt->artifacts > 0), NULL);
		pt->piece_open = TRUE;
	}
}

/* Links and destinations. */
static void
paint_structure(painter *pt, const gb_item *it)
{
	cairo_t *cr = pt->cr;
	char *name, *attr;
	switch (it->kind) {
	case GB_ITEM_LINK:
		/* a link out of the PDF (uri:…, FORMATS.md) is a URI action */
		name = quote_attr(pages_link_uri(it->text) ? pages_link_uri(it->text) : it->text);
		attr = g_strdup_printf("rect=[%.2f %.2f %.2f %.2f] %s='%s'", it->x, it->y,
		    it->x1 - it->x, it->y1 - it->y, pages_link_uri(it->text) ? "uri" : "dest", name);
		cairo_tag_begin(cr, CAIRO_TAG_LINK, attr);
		cairo_tag_end(cr, CAIRO_TAG_LINK);
		g_free(attr);
		g_free(name);
		break;
	case GB_ITEM_DEST:
		name = quote_attr(it->text);
		attr = g_strdup_printf("name='%s' x=%.2f y=%.2f", name, it->x, it->y);
		cairo_tag_begin(cr, CAIRO_TAG_DEST, attr);
		cairo_tag_end(cr, CAIRO_TAG_DEST);
		g_free(attr);
		g_free(name);
		break;
	default:
		break;
	}
}

static gboolean
paint_page(painter *pt, const gb_page *page)
{
	cairo_t *cr = pt->cr;
	for (guint i = 0; i < page->items->len; i++) {
		const gb_item *it = page_item(page, i);
		mark_item(pt, it);
		switch (it->kind) {
		case GB_ITEM_TEXT:
			if (!paint_text(pt, page, it))
				return FALSE;
			break;
		case GB_ITEM_RULE:
			set_gray(pt, it->gray);
			cairo_set_line_width(cr, it->width);
			cairo_move_to(cr, it->x, it->y);
			cairo_line_to(cr, it->x1, it->y1);
			cairo_stroke(cr);
			break;
		case GB_ITEM_BOX:
			set_gray(pt, it->gray);
			cairo_rectangle(cr, it->x, it->y, it->w, it->h);
			cairo_fill(cr);
			break;
		case GB_ITEM_BEGIN:
		case GB_ITEM_END:
		case GB_ITEM_LINK:
		case GB_ITEM_DEST:
			paint_structure(pt, it);
			if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
				diag_set_error(pt->error, pt->name, it->line, DIAG_PAINT_TAG,
				    page->number, it->kind == GB_ITEM_END ? "end" :
				    it->kind == GB_ITEM_BEGIN ? "begin" : "link or dest",
				    it->text, cairo_status_to_string(cairo_status(cr)));
				return FALSE;
			}
			break;
		case GB_ITEM_IMAGE:
			if (!image_paint(cr, page, it, pt->name, pt->error))
				return FALSE;
			pt->cur_font = -1;	/* the source is the image's now */
			pt->cur_gray = -1;
			break;
		case GB_ITEM_TOC:
		case GB_ITEM_TITLE:
			break;	/* for the check, nothing to paint */
		}
	}
	end_piece(pt);
	g_ptr_array_set_size(pt->tags, 0);
	pt->artifacts = 0;
	return TRUE;
}

static void
add_outline(painter *pt)
{
	const GArray *outline = pt->pages->outline;
	int parents[8] = { CAIRO_PDF_OUTLINE_ROOT };	/* id of the last entry per level */
	for (guint i = 0; i < outline->len; i++) {
		const gb_outline *o = &g_array_index(outline, gb_outline, i);
		int level = CLAMP(o->level, 1, 7);
		int parent = CAIRO_PDF_OUTLINE_ROOT;
		for (int l = level - 1; l >= 1; l--)
			if (parents[l]) {
				parent = parents[l];
				break;
			}
		char *name = quote_attr(o->dest);
		char *attr = g_strdup_printf("dest='%s'", name);
		int id = cairo_pdf_surface_add_outline(pt->surface, parent, o->title, attr,
		    level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
		g_free(attr);
		g_free(name);
		parents[level] = id;
		for (int l = level + 1; l < 8; l++)
			parents[l] = 0;
	}
}

static void
set_metadata(painter *pt, const char *date_iso)
{
	static const struct { cairo_pdf_metadata_t what; const char *key; } keys[] = {
		{ CAIRO_PDF_METADATA_TITLE, "title" },
		{ CAIRO_PDF_METADATA_AUTHOR, "publisher" },
		{ CAIRO_PDF_METADATA_SUBJECT, "subject" },
		{ CAIRO_PDF_METADATA_KEYWORDS, "keywords" },
	};
	for (guint i = 0; i < G_N_ELEMENTS(keys); i++) {
		const char *v = pages_meta(pt->pages, keys[i].key);
		if (v && *v)
			cairo_pdf_surface_set_metadata(pt->surface, keys[i].what, v);
	}
	cairo_pdf_surface_set_metadata(pt->surface, CAIRO_PDF_METADATA_CREATOR, "gongbao");
	cairo_pdf_surface_set_metadata(pt->surface, CAIRO_PDF_METADATA_CREATE_DATE, date_iso);
	cairo_pdf_surface_set_metadata(pt->surface, CAIRO_PDF_METADATA_MOD_DATE, date_iso);
}

static gboolean
cairo_ok(painter *pt)
{
	cairo_status_t st = pt->cr ? cairo_status(pt->cr) : CAIRO_STATUS_SUCCESS;
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(pt->surface);
	if (st == CAIRO_STATUS_SUCCESS)
		return TRUE;
	diag_set_error(pt->error, pt->name, 0, DIAG_PAINT_CAIRO, cairo_status_to_string(st));
	return FALSE;
}

static gboolean
paint_all(painter *pt, const char *date_iso)
{
	const gb_pages *p = pt->pages;
	/* cairo deflates the content streams: qpdf's linearization writes the
	 * file twice and keeps them as they are (pdfpost.c).  The print edition
	 * made alone is made of the same painting, byte for byte, so that it is
	 * the same file whichever run makes it. */
	g_unsetenv("CAIRO_DEBUG_PDF");
	pt->surface = cairo_pdf_surface_create_for_stream(write_to_bytes, pt->pdf, p->trim_width,
	    p->trim_height);
	pt->cr = cairo_create(pt->surface);
	if (!cairo_ok(pt))
		return FALSE;
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_set_font_options(pt->cr, fo);
	cairo_font_options_destroy(fo);
	set_metadata(pt, date_iso);
	add_outline(pt);

	gboolean ok = TRUE;
	for (guint i = 0; ok && i < p->pages->len; i++) {
		const gb_page *page = pages_page(p, i);
		cairo_pdf_surface_set_page_label(pt->surface, page->label);
		cairo_save(pt->cr);
		pt->cur_font = -1;	/* cairo_restore forgets them */
		pt->cur_size = pt->cur_gray = -1;
		ok = paint_page(pt, page);
		cairo_restore(pt->cr);
		if (ok) {
			cairo_show_page(pt->cr);
			ok = cairo_ok(pt);
		}
	}
	cairo_destroy(pt->cr);
	pt->cr = NULL;
	cairo_surface_finish(pt->surface);
	return ok && cairo_ok(pt);
}

GBytes *
paint_pdf(const gb_pages *pages, const char *name, const char *date_iso, GError **error)
{
	painter pt = {
		.pages = pages, .name = name, .error = error,
		.faces = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
		    (GDestroyNotify)cairo_font_face_destroy),
		.glyphs = g_array_new(FALSE, FALSE, sizeof(cairo_glyph_t)),
		.clusters = g_array_new(FALSE, FALSE, sizeof(cairo_text_cluster_t)),
		.pdf = g_byte_array_sized_new(1 << 20),
		.tags = g_ptr_array_new(),
	};
	gboolean ok = open_fonts(&pt) && paint_all(&pt, date_iso);
	if (pt.cr)
		cairo_destroy(pt.cr);
	if (pt.surface)
		cairo_surface_destroy(pt.surface);
	g_hash_table_destroy(pt.faces);
	/* cairo keeps scaled fonts in caches; empty them so that every FT_Face
	 * is done before its library. */
	cairo_debug_reset_static_data();
	if (pt.ft)
		FT_Done_FreeType(pt.ft);
	g_array_free(pt.glyphs, TRUE);
	g_array_free(pt.clusters, TRUE);
	g_ptr_array_free(pt.tags, TRUE);
	if (!ok) {
		g_byte_array_free(pt.pdf, TRUE);
		return NULL;
	}
	return g_byte_array_free_to_bytes(pt.pdf);
}
