/* layout.c — reads a layout file (layouts/NAME.ini, a GLib key file) into a
 * gb_layout: page geometry, the body grid and one gb_style per element.
 * The keys are documented at the top of layouts/gazette-a4.ini. */
#include "layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fonts.h"
#include "util.h"

#define MM (72.0 / 25.4)

static const char *const style_groups[GB_STYLE_COUNT] = {
	[GB_STYLE_BODY] = "body", [GB_STYLE_TITLE] = "title",
	[GB_STYLE_NUMBER] = "number", [GB_STYLE_VALIDITY] = "validity",
	[GB_STYLE_ADDRESSEE] = "addressee", [GB_STYLE_H1] = "heading1",
	[GB_STYLE_H2] = "heading2", [GB_STYLE_H3] = "heading3",
	[GB_STYLE_H4] = "heading4", [GB_STYLE_ITEM] = "item",
	[GB_STYLE_SIGNATURE] = "signature", [GB_STYLE_RELATED] = "related",
	[GB_STYLE_ATTACHMENT_LABEL] = "attachment-label",
	[GB_STYLE_ATTACHMENT_TITLE] = "attachment-title",
	[GB_STYLE_TABLE] = "table", [GB_STYLE_TABLE_HEAD] = "table-head",
	[GB_STYLE_BANJI] = "banji", [GB_STYLE_RUNNING_HEAD] = "running-head",
	[GB_STYLE_FOLIO] = "folio", [GB_STYLE_COVER_TITLE] = "cover-title",
	[GB_STYLE_COVER_ISSUE] = "cover-issue", [GB_STYLE_COVER_LINE] = "cover-line",
	[GB_STYLE_TOC_HEADING] = "toc-heading", [GB_STYLE_TOC_SECTION] = "toc-section",
	[GB_STYLE_TOC_ENTRY] = "toc-entry", [GB_STYLE_TOC_NOTE] = "toc-note",
	[GB_STYLE_SECTION] = "section", [GB_STYLE_COLOPHON_TITLE] = "colophon-title",
	[GB_STYLE_COLOPHON] = "colophon",
};

gboolean
layout_parse_length(const char *text, double *points)
{
	char *end;
	double v = g_ascii_strtod(text, &end);
	if (end == text || !isfinite(v))
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

/* One loader for every key, so that each bad value is reported the same
 * way: "FILE:0: error: [group] key：what is wrong" (LAYOUT_BAD_VALUE). */
typedef struct {
	GKeyFile *kf;
	const char *path;
	GError **error;
	gboolean failed;
	double line;		/* the body's pitch, once known: "1line" */
} reader;

static void
fail(reader *r, const char *group, const char *key, const char *what)
{
	if (!r->failed)
		diag_set_error(r->error, r->path, 0, DIAG_LAYOUT_BAD_VALUE, group, key, what);
	r->failed = TRUE;
}

static char *
get_string(reader *r, const char *group, const char *key)
{
	char *s = g_key_file_get_string(r->kf, group, key, NULL);
	if (s)
		g_strstrip(s);
	return s;
}

static void
get_length(reader *r, const char *group, const char *key, double *out)
{
	char *s = get_string(r, group, key);
	char *end;
	if (s && r->line > 0 && g_str_has_suffix(s, "line")) {
		/* in body lines, so that spaces keep the grid */
		double v = g_ascii_strtod(s, &end);
		if (end == s || strcmp(end, "line") != 0 || !isfinite(v))
			fail(r, group, key, "行数应写作数字加 line，如 1line");
		else
			*out = v * r->line;
	} else if (s && !layout_parse_length(s, out)) {
		fail(r, group, key, "长度应写作数字加单位 mm、cm、pt（或 line：正文行距）");
	}
	/* what a PDF page holds (FORMATS.md, "Limits"); nothing so small that
	 * a count of lines divided by it leaves the integers */
	if (s && (fabs(*out) > 14400 || (*out != 0 && fabs(*out) < 0.01)))
		fail(r, group, key, "长度应为0或绝对值 0.01pt 至 14400pt（PDF 页面的范围）");
	g_free(s);
}

static void
get_number(reader *r, const char *group, const char *key, double *out)
{
	char *s = get_string(r, group, key);
	if (s) {
		char *end;
		double v = g_ascii_strtod(s, &end);
		if (end == s || *end || !isfinite(v))
			fail(r, group, key, "应为数字");
		else
			*out = v;
	}
	g_free(s);
}

static void
get_int(reader *r, const char *group, const char *key, int *out)
{
	double v = *out;
	get_number(r, group, key, &v);
	if (v < 0 || v != floor(v) || v > 10000)
		fail(r, group, key, "应为非负整数");
	else
		*out = (int)v;
}

static void
get_bool(reader *r, const char *group, const char *key, gboolean *out)
{
	char *s = get_string(r, group, key);
	if (s) {
		if (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0)
			*out = TRUE;
		else if (strcmp(s, "false") == 0 || strcmp(s, "no") == 0)
			*out = FALSE;
		else
			fail(r, group, key, "应为 true 或 false");
	}
	g_free(s);
}

/* A style: the keys given in its group over DEFAULTS.  A size given
 * without a pitch keeps the body's ratio of pitch to size. */
static void
get_style(reader *r, const char *group, const gb_style *body, gb_style *st)
{
	char *s = get_string(r, group, "font");
	if (s) {
		int role = fonts_role_from_name(s);
		if (role < 0)
			fail(r, group, "font", "字体角色应为 song、fang、kai、hei 或 title");
		else
			st->role = role;
	}
	g_free(s);
	double size = 0, pitch = 0;
	get_length(r, group, "size", &size);
	get_length(r, group, "pitch", &pitch);
	if (size > 0) {
		if (body && size != body->size && st->tracking == body->tracking)
			st->tracking = 0;
		st->size = size;
		if (pitch <= 0 && body)
			st->pitch = size * body->pitch / body->size;
	}
	if (pitch > 0)
		st->pitch = pitch;
	get_length(r, group, "tracking", &st->tracking);
	s = get_string(r, group, "align");
	if (s) {
		if (strcmp(s, "left") == 0)
			st->align = GB_ALIGN_LEFT;
		else if (strcmp(s, "center") == 0)
			st->align = GB_ALIGN_CENTER;
		else if (strcmp(s, "right") == 0)
			st->align = GB_ALIGN_RIGHT;
		else if (strcmp(s, "justify") == 0)
			st->align = GB_ALIGN_JUSTIFY;
		else
			fail(r, group, "align", "应为 left、center、right 或 justify");
	}
	g_free(s);
	get_number(r, group, "indent", &st->indent);
	get_length(r, group, "before", &st->before);
	get_length(r, group, "after", &st->after);
	if (st->size <= 0 || st->size > 200 || st->pitch <= 0)
		fail(r, group, "size", "字号和行距应为正数");
}

/* [page]: A4 with GB/T 9704 margins unless the file says otherwise. */
static void
read_page(reader *r, gb_layout *l)
{
	l->trim_width = 210 * MM;
	l->trim_height = 297 * MM;
	l->margin_top = 37 * MM;
	l->margin_inner = 28 * MM;
	l->margin_outer = 26 * MM;
	l->margin_bottom = 35 * MM;
	get_length(r, "page", "trim-width", &l->trim_width);
	get_length(r, "page", "trim-height", &l->trim_height);
	get_length(r, "page", "bleed", &l->bleed);
	get_length(r, "page", "margin-top", &l->margin_top);
	get_length(r, "page", "margin-bottom", &l->margin_bottom);
	get_length(r, "page", "margin-inner", &l->margin_inner);
	get_length(r, "page", "margin-outer", &l->margin_outer);
	l->body_width = l->trim_width - l->margin_inner - l->margin_outer;
	l->body_height = l->trim_height - l->margin_top - l->margin_bottom;
	if (!r->failed && (l->body_width < 72 || l->body_height < 72 || l->bleed < 0))
		fail(r, "page", "margin-inner", "版心太小：页边距之和超出了成品尺寸");
}

/* [grid]: characters per line, lines per page, the page rules. */
static void
read_grid(reader *r, gb_layout *l)
{
	l->widow = 2;
	l->orphan = 2;
	get_int(r, "grid", "chars-per-line", &l->chars_per_line);
	get_int(r, "grid", "lines-per-page", &l->lines_per_page);
	get_number(r, "grid", "cjk-latin-space", &l->cjk_latin_space);
	if (l->cjk_latin_space < 0 || l->cjk_latin_space > 0.25)
		fail(r, "grid", "cjk-latin-space", "应在 0 到 0.25 之间（单位 em）");
	get_int(r, "grid", "widow", &l->widow);
	get_int(r, "grid", "orphan", &l->orphan);
}

/* Style I before its group is read: the body's, with the alignment and
 * indent its element has in a gazette. */
static void
style_default(gb_style *st, const gb_style *body, int i)
{
	*st = *body;
	st->align = GB_ALIGN_JUSTIFY;
	st->indent = 0;
	switch (i) {
	case GB_STYLE_TITLE: case GB_STYLE_NUMBER: case GB_STYLE_VALIDITY:
	case GB_STYLE_ATTACHMENT_TITLE: case GB_STYLE_COVER_TITLE:
	case GB_STYLE_COVER_ISSUE: case GB_STYLE_COVER_LINE:
	case GB_STYLE_TOC_HEADING: case GB_STYLE_COLOPHON_TITLE:
	case GB_STYLE_FOLIO:
		st->align = GB_ALIGN_CENTER;
		break;
	case GB_STYLE_H1: case GB_STYLE_H2: case GB_STYLE_H3: case GB_STYLE_H4:
	case GB_STYLE_ITEM:
		st->indent = 2;
		break;
	case GB_STYLE_SIGNATURE:
		st->align = GB_ALIGN_RIGHT;
		break;
	case GB_STYLE_ATTACHMENT_LABEL: case GB_STYLE_ADDRESSEE:
	case GB_STYLE_RUNNING_HEAD: case GB_STYLE_SECTION:
		st->align = GB_ALIGN_LEFT;
		break;
	default:
		break;
	}
}

/* [body] and every other style group. */
static void
read_styles(reader *r, gb_layout *l)
{
	gb_style *body = &l->styles[GB_STYLE_BODY];
	*body = (gb_style){ .role = GB_ROLE_SONG, .size = 12, .pitch = 20,
	    .align = GB_ALIGN_JUSTIFY, .indent = 2 };
	get_style(r, "body", NULL, body);
	/* The grid decides the body's pitch and tracking: N characters fill
	 * the measure exactly, M lines the type area. */
	if (l->chars_per_line > 0)
		body->tracking = l->body_width / l->chars_per_line - body->size;
	if (l->lines_per_page > 0)
		body->pitch = l->body_height / l->lines_per_page;
	r->line = body->pitch;
	for (int i = 1; i < GB_STYLE_COUNT; i++) {
		style_default(&l->styles[i], body, i);
		get_style(r, style_groups[i], body, &l->styles[i]);
	}
}

/* [document], [running-head] and [folio]. */
static void
read_document_and_furniture(reader *r, gb_layout *l)
{
	char *start = get_string(r, "document", "start");
	l->document_new_page = TRUE;
	if (start) {
		if (strcmp(start, "new-page") == 0)
			l->document_new_page = TRUE;
		else if (strcmp(start, "continue") == 0)
			l->document_new_page = FALSE;
		else
			fail(r, "document", "start", "应为 new-page 或 continue");
	}
	g_free(start);
	get_bool(r, "document", "section-heading", &l->section_heading);

	l->running_head_gap = 8 * MM;
	get_bool(r, "running-head", "show", &l->running_head);
	get_length(r, "running-head", "gap", &l->running_head_gap);
	get_length(r, "running-head", "rule", &l->running_head_rule);

	l->folio_gap = 7 * MM + l->styles[GB_STYLE_FOLIO].size;
	l->folio_inset = 1;
	get_length(r, "folio", "gap", &l->folio_gap);
	get_number(r, "folio", "inset", &l->folio_inset);
	l->folio_format = get_string(r, "folio", "format");
	if (!l->folio_format)
		l->folio_format = g_strdup("— %s —");
	else if (!strstr(l->folio_format, "%s") || strchr(strstr(l->folio_format, "%s") + 1, '%'))
		fail(r, "folio", "format", "应含一个且仅一个 %s（页码）");
}

/* [table], [banji] and [toc]. */
static void
read_rules(reader *r, gb_layout *l)
{
	l->table_rule = 0.5;
	l->table_frame = 1;
	l->table_padding = 3;
	get_length(r, "table", "rule", &l->table_rule);
	get_length(r, "table", "frame", &l->table_frame);
	get_length(r, "table", "padding", &l->table_padding);
	l->banji_rule = 0.75;
	get_length(r, "banji", "rule", &l->banji_rule);
	l->toc_validity = TRUE;
	get_bool(r, "toc", "validity", &l->toc_validity);
}

gb_layout *
layout_load(const char *path, GError **error)
{
	char *text;
	gsize len;
	if (!gb_read_input(path, GB_MAX_TEXT_INPUT, &text, &len, error))
		return NULL;
	int nul = gb_nul_line(text, len);
	if (nul) {
		diag_set_error(error, path, nul, DIAG_UTIL_NUL);
		g_free(text);
		return NULL;
	}
	GKeyFile *kf = g_key_file_new();
	GError *err = NULL;
	gboolean loaded = g_key_file_load_from_data(kf, text, len, G_KEY_FILE_NONE, &err);
	g_free(text);
	if (!loaded) {
		diag_set_error(error, path, 0, DIAG_LAYOUT_UNREADABLE, err->message);
		g_error_free(err);
		g_key_file_free(kf);
		return NULL;
	}
	reader r = { kf, path, error, FALSE, 0 };
	gb_layout *l = g_new0(gb_layout, 1);
	char *base = g_path_get_basename(path);
	char *dot = strrchr(base, '.');
	if (dot && strcmp(dot, ".ini") == 0)
		*dot = '\0';
	l->name = base;
	read_page(&r, l);
	read_grid(&r, l);
	read_styles(&r, l);
	read_document_and_furniture(&r, l);
	read_rules(&r, l);
	g_key_file_free(kf);
	if (r.failed) {
		layout_free(l);
		return NULL;
	}
	return l;
}

gb_layout *
layout_find(const char *name, GError **error)
{
	if (strchr(name, '/') || g_str_has_suffix(name, ".ini"))
		return layout_load(name, error);
	char *rel = g_strdup_printf("layouts/%s.ini", name);
	char *path = gb_data_path(rel);
	if (!path)
		diag_set_error(error, rel, 0, DIAG_LAYOUT_NOT_FOUND, name);
	g_free(rel);
	if (!path)
		return NULL;
	gb_layout *l = layout_load(path, error);
	g_free(path);
	return l;
}

void
layout_free(gb_layout *layout)
{
	if (!layout)
		return;
	g_free(layout->name);
	g_free(layout->folio_format);
	g_free(layout);
}
