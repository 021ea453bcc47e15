/* floor.c — the benchmark's floor (SPEC §8): the running text of a document
 * tree laid out by a bare Pango loop and painted by cairo into one PDF with
 * nothing else, the least this stack can cost for one edition of the issue.
 *
 * usage: floor --layout LAYOUT.ini [--fonts fonts.conf] [--family NAME] TREE -o OUT.pdf
 *
 * It takes the text of every para, heading and item record of the tree (no
 * titles, tables, furniture, cover or contents), sets each as one PangoLayout
 * at the type area's width in the body size of the layout (the 2-em indent,
 * justified), and paints it line by line on the layout's grid (lines-per-page,
 * else the body pitch), turning the page when the next line does not fit.
 * Pango at 72 dpi, no hinted metrics, no glyph-position rounding, as the
 * pipeline sets it.  Not part of the pipeline: it shares no module with it.
 * Prints "pages N"; exit 1 on a bad tree or layout, 2 on usage or I/O. */
#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MM (72.0 / 25.4)

/* The page design the floor follows, all in points. */
typedef struct {
	double width, height;           /* the trim */
	double top, bottom, inner, outer; /* the margins; inner is the binding side */
	double size;                    /* the body type size */
	double pitch;                   /* baseline to baseline */
} floor_page;

/* The painter's state across paragraphs: where the next line goes. */
typedef struct {
	cairo_t *cr;
	const floor_page *page;
	int pages;           /* pages begun */
	int line_on_page;    /* lines painted on the current page */
	int lines_per_page;
} floor_painter;

/* parse_length: "26mm", "3 cm", "11pt", "11" → points; FALSE if not a length. */
static gboolean parse_length(const char *text, double *points)
{
	char *end;
	double v = g_ascii_strtod(text, &end);
	if (end == text)
		return FALSE;
	while (*end == ' ')
		end++;
	if (*end == '\0' || strcmp(end, "pt") == 0)
		*points = v;
	else if (strcmp(end, "mm") == 0)
		*points = v * MM;
	else if (strcmp(end, "cm") == 0)
		*points = v * 10 * MM;
	else
		return FALSE;
	return TRUE;
}

/* layout_length: GROUP.KEY of the layout in points, FALLBACK when absent;
 * FALSE (with the message printed) when it is there and not a length. */
static gboolean layout_length(GKeyFile *kf, const char *path, const char *group,
			      const char *key, double fallback, double *points)
{
	char *text = g_key_file_get_value(kf, group, key, NULL);
	if (!text) {
		*points = fallback;
		return TRUE;
	}
	g_strstrip(text);
	gboolean ok = parse_length(text, points);
	if (!ok)
		fprintf(stderr, "%s: error: [%s] %s=%s is not a length\n", path, group, key, text);
	g_free(text);
	return ok;
}

/* read_page_design: the trim, margins, body size and pitch of LAYOUT.ini.
 * The defaults are the pipeline's (pipeline/lib/layout.c) for what a layout
 * leaves out. */
static gboolean read_page_design(const char *path, floor_page *page)
{
	GKeyFile *kf = g_key_file_new();
	GError *error = NULL;
	if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &error)) {
		fprintf(stderr, "%s: error: %s\n", path, error->message);
		g_error_free(error);
		g_key_file_free(kf);
		return FALSE;
	}
	double pitch;
	gboolean ok = layout_length(kf, path, "page", "trim-width", 210 * MM, &page->width) &&
		layout_length(kf, path, "page", "trim-height", 297 * MM, &page->height) &&
		layout_length(kf, path, "page", "margin-top", 37 * MM, &page->top) &&
		layout_length(kf, path, "page", "margin-bottom", 35 * MM, &page->bottom) &&
		layout_length(kf, path, "page", "margin-inner", 28 * MM, &page->inner) &&
		layout_length(kf, path, "page", "margin-outer", 26 * MM, &page->outer) &&
		layout_length(kf, path, "body", "size", 12, &page->size) &&
		layout_length(kf, path, "body", "pitch", 0, &pitch);
	int lines = g_key_file_get_integer(kf, "grid", "lines-per-page", NULL);
	g_key_file_free(kf);
	if (!ok)
		return FALSE;
	double area = page->height - page->top - page->bottom;
	/* the grid decides the pitch where the layout has one, as in the pipeline */
	page->pitch = lines > 0 ? area / lines : pitch > 0 ? pitch : page->size * 20 / 12;
	if (page->width - page->inner - page->outer <= 0 || area < page->pitch || page->size <= 0) {
		fprintf(stderr, "%s: error: the type area is empty\n", path);
		return FALSE;
	}
	return TRUE;
}

/* unescape: the tree's escapes \\ \t \n undone in place (FORMATS.md). */
static void unescape(char *s)
{
	char *out = s;
	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			*out++ = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
}

/* running_text: the text a tree record puts in the body, or NULL for a record
 * the floor does not set.  FIELDS is the record split at its TABs; the item's
 * marker stands before its text, as the pipeline prints it. */
static char *running_text(char **fields, guint n)
{
	if (strcmp(fields[0], "para") == 0 && n == 3)
		return g_strdup(fields[2]);
	if (strcmp(fields[0], "heading") == 0 && n == 4)
		return g_strdup(fields[3]);
	if (strcmp(fields[0], "item") == 0 && n == 4)
		return g_strconcat(fields[2], " ", fields[3], NULL);
	return NULL;
}

static void turn_page(floor_painter *p)
{
	if (p->pages > 0)
		cairo_show_page(p->cr);
	p->pages++;
	p->line_on_page = 0;
}

/* paint_paragraph: LAYOUT's lines on the grid, from the next free line on,
 * a new page when the page is full.  The baseline of a line stands at its
 * ascent below the top of its grid cell. */
static void paint_paragraph(floor_painter *p, PangoLayout *layout)
{
	const floor_page *page = p->page;
	PangoLayoutIter *iter = pango_layout_get_iter(layout);
	do {
		if (p->pages == 0 || p->line_on_page == p->lines_per_page)
			turn_page(p);
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(iter);
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(iter, NULL, &logical);
		double ascent = (double)(pango_layout_iter_get_baseline(iter) - logical.y) / PANGO_SCALE;
		/* odd pages are rectos: the binding side is on the left */
		double left = p->pages % 2 ? page->inner : page->outer;
		cairo_move_to(p->cr, left + (double)logical.x / PANGO_SCALE,
			      page->top + p->line_on_page * page->pitch + ascent);
		pango_cairo_show_layout_line(p->cr, line);
		p->line_on_page++;
	} while (pango_layout_iter_next_line(iter));
	pango_layout_iter_free(iter);
}

/* new_body_layout: one PangoLayout for every paragraph, set up as the
 * pipeline sets its text: 72 dpi, unhinted metrics, unrounded positions. */
static PangoLayout *new_body_layout(cairo_t *cr, const floor_page *page, const char *family)
{
	PangoContext *context = pango_cairo_create_context(cr);
	pango_cairo_context_set_resolution(context, 72);
	cairo_font_options_t *options = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(context, options);
	cairo_font_options_destroy(options);
	pango_context_set_round_glyph_positions(context, FALSE);
	PangoLayout *layout = pango_layout_new(context);
	g_object_unref(context);
	PangoFontDescription *font = pango_font_description_from_string(family);
	pango_font_description_set_absolute_size(font, page->size * PANGO_SCALE);
	pango_layout_set_font_description(layout, font);
	pango_font_description_free(font);
	pango_layout_set_width(layout, (int)((page->width - page->inner - page->outer) * PANGO_SCALE));
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_justify(layout, TRUE);
	pango_layout_set_indent(layout, (int)(2 * page->size * PANGO_SCALE));
	return layout;
}

/* set_tree: every running paragraph of the tree at PATH, painted in order.
 * Returns 0, 1 when the file is not a document tree, 2 when it cannot be read. */
static int set_tree(const char *path, floor_painter *p, PangoLayout *layout)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "%s: error: %s\n", path, strerror(errno));
		return 2;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long number = 0;
	int status = 0;
	while ((len = getline(&line, &cap, f)) >= 0) {
		number++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (number == 1) {
			if (strncmp(line, "gongbao-tree\t", 13) != 0) {
				fprintf(stderr, "%s:1: error: not a gongbao-tree file\n", path);
				status = 1;
				break;
			}
			continue;
		}
		char **fields = g_strsplit(line, "\t", 0);
		guint n = g_strv_length(fields);
		char *text = n > 0 ? running_text(fields, n) : NULL;
		g_strfreev(fields);
		if (!text)
			continue;
		unescape(text);
		pango_layout_set_text(layout, text, -1);
		g_free(text);
		paint_paragraph(p, layout);
	}
	if (ferror(f)) {
		fprintf(stderr, "%s: error: %s\n", path, strerror(errno));
		status = 2;
	}
	free(line);
	fclose(f);
	return status;
}

/* paint_floor: the whole PDF at OUT from the tree; the status as set_tree's. */
static int paint_floor(const char *tree, const floor_page *page, const char *family,
		       const char *out, int *pages)
{
	cairo_surface_t *surface = cairo_pdf_surface_create(out, page->width, page->height);
	if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "%s: error: %s\n", out, cairo_status_to_string(cairo_surface_status(surface)));
		cairo_surface_destroy(surface);
		return 2;
	}
	cairo_t *cr = cairo_create(surface);
	PangoLayout *layout = new_body_layout(cr, page, family);
	floor_painter p = { cr, page, 0, 0, (int)((page->height - page->top - page->bottom) / page->pitch + 1e-6) };
	int status = set_tree(tree, &p, layout);
	if (status == 0 && p.pages == 0)
		turn_page(&p); /* a tree without text still makes a PDF: one empty page */
	g_object_unref(layout);
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	if (status == 0 && cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "%s: error: %s\n", out, cairo_status_to_string(cairo_surface_status(surface)));
		status = 2;
	}
	cairo_surface_destroy(surface);
	*pages = p.pages;
	return status;
}

int main(int argc, char **argv)
{
	char *layout_path = NULL, *fonts = NULL, *family = NULL, *out = NULL;
	GOptionEntry entries[] = {
		{ "layout", 0, 0, G_OPTION_ARG_FILENAME, &layout_path, "the layout (layouts/NAME.ini)", "FILE" },
		{ "fonts", 0, 0, G_OPTION_ARG_FILENAME, &fonts, "the fontconfig file to load alone (fonts/fonts.conf)", "FILE" },
		{ "family", 0, 0, G_OPTION_ARG_STRING, &family, "the body family (Noto Serif CJK SC)", "NAME" },
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, "the PDF to write", "FILE" },
		{ NULL, 0, 0, 0, NULL, NULL, NULL },
	};
	GOptionContext *options = g_option_context_new("TREE — the benchmark's floor (SPEC §8)");
	g_option_context_add_main_entries(options, entries, NULL);
	GError *error = NULL;
	gboolean parsed = g_option_context_parse(options, &argc, &argv, &error);
	g_option_context_free(options);
	int status = 2;
	floor_page page;
	if (!parsed || argc != 2 || !layout_path || !out) {
		fprintf(stderr, "floor: %s (see --help)\n", error ? error->message : "usage: floor --layout LAYOUT.ini TREE -o OUT.pdf");
		g_clear_error(&error);
	} else if (!read_page_design(layout_path, &page)) {
		status = 1;
	} else {
		/* fontconfig reads the pipeline's configuration alone, as the stages do */
		if (fonts) {
			/* fontconfig takes a relative name as one in its own folder */
			char *absolute = g_canonicalize_filename(fonts, NULL);
			g_setenv("FONTCONFIG_FILE", absolute, TRUE);
			g_free(absolute);
		}
		/* a whole PDF or none: painted beside OUT and renamed */
		char *tmp = g_strconcat(out, ".tmp", NULL);
		int pages = 0;
		status = paint_floor(argv[1], &page, family ? family : "Noto Serif CJK SC", tmp, &pages);
		if (status == 0 && g_rename(tmp, out) != 0) {
			fprintf(stderr, "%s: error: %s\n", out, strerror(errno));
			status = 2;
		}
		if (status != 0)
			g_unlink(tmp);
		else
			printf("pages %d\n", pages);
		g_free(tmp);
	}
	g_free(layout_path);
	g_free(fonts);
	g_free(family);
	g_free(out);
	return status;
}
