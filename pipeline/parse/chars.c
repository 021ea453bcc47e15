/* chars.c — characters nobody can see, found before anything is typeset:
 * every character of a document's source (front matter and body, line by
 * line as in the file) that is private use, U+FFFD, a control or an
 * invisible format character (unseen.h), and every one that no font of the
 * layout covers by the typesetter's own test (cjk_face_for).  Each is an
 * error at FILE:LINE:COLUMN naming its code point, with the characters
 * around it shown, the unseen ones as 【U+XXXX】: an editor cannot find
 * what the message cannot show. */
#include "chars.h"
#include "cjk.h"
#include "fonts.h"
#include "layout.h"
#include "unseen.h"
#include "util.h"

#include <string.h>

#define DEFAULT_LAYOUT "gazette-a4"	/* the typesetter's, without a layout key */
#define AROUND 5	/* characters of context on each side */

struct gb_chars {
	char *layout;	/* its name, for the message */
	gb_fonts *fonts;	/* NULL: coverage not checked */
	int roles[GB_ROLE_COUNT];	/* the roles the layout sets text in */
	int n_roles;
	guint8 *bmp;	/* the answer of uncovered() per BMP code point: 0 not yet,
			 * 1 covered, 2 not (fonts_face_for caches per role) */
};

/* The roles of LAYOUT's styles; every role if it does not load (the
 * typesetter says why). */
static void
layout_roles(gb_chars *c)
{
	gboolean used[GB_ROLE_COUNT] = { 0 };
	GError *err = NULL;
	gb_layout *L = layout_find(c->layout, &err);
	for (int i = 0; L && i < GB_STYLE_COUNT; i++)
		if (L->styles[i].role >= 0 && L->styles[i].role < GB_ROLE_COUNT)
			used[L->styles[i].role] = TRUE;
	for (int role = 0; role < GB_ROLE_COUNT; role++)
		if (used[role] || !L)
			c->roles[c->n_roles++] = role;
	if (err)
		g_error_free(err);
	layout_free(L);
}

gb_chars *
chars_new(const char *layout, gb_diags *diags)
{
	gb_chars *c = g_new0(gb_chars, 1);
	c->layout = g_strdup(layout ? layout : DEFAULT_LAYOUT);
	char *conf = gb_data_path("fonts/fonts.conf");
	GError *err = NULL;
	if (conf)
		c->fonts = fonts_load(conf, &err);
	if (!c->fonts)
		diag_emit(diags, conf ? conf : "fonts/fonts.conf", 0, DIAG_CHAR_NO_FONTS_CONF,
		    err ? err->message : "找不到 fonts/fonts.conf");
	if (err)
		g_error_free(err);
	g_free(conf);
	if (c->fonts)
		layout_roles(c);
	c->bmp = g_new0(guint8, 0x10000);
	return c;
}

void
chars_free(gb_chars *c)
{
	if (!c)
		return;
	fonts_free(c->fonts);
	g_free(c->bmp);
	g_free(c->layout);
	g_free(c);
}

/* A role of the layout cannot draw CP, not even with the fallback between
 * roles: the typesetter would refuse it. */
static gboolean
uncovered(gb_chars *c, gunichar cp)
{
	if (!c->fonts)
		return FALSE;
	if (cp < 0x10000 && c->bmp[cp])
		return c->bmp[cp] == 2;
	gboolean none = FALSE;
	for (int i = 0; !none && i < c->n_roles; i++)
		none = cjk_face_for(c->fonts, c->roles[i], cp) == -1;
	if (cp < 0x10000)
		c->bmp[cp] = none ? 2 : 1;
	return none;
}

static gboolean
line_end(const char *p, const char *end)
{
	return p >= end || *p == '\n' || *p == '\r';
}

/* The characters around the one at P in its line [LINE, END): a few each
 * side, the one at P always as 【U+XXXX】 when MARK, every unseen one so. */
static char *
context(const char *line, const char *p, const char *end, gboolean mark)
{
	const char *from = p;
	for (int i = 0; i < AROUND && from > line; i++)
		from = g_utf8_find_prev_char(line, from);
	GString *s = g_string_new(NULL);
	for (const char *q = from; q < p; q = g_utf8_next_char(q))
		unseen_append(s, g_utf8_get_char(q));
	gunichar cp = g_utf8_get_char(p);
	if (mark)
		g_string_append_printf(s, "【U+%04X】", (unsigned)cp);
	else
		unseen_append(s, cp);
	const char *q = g_utf8_next_char(p);
	for (int i = 0; i < AROUND && !line_end(q, end); i++, q = g_utf8_next_char(q))
		unseen_append(s, g_utf8_get_char(q));
	return g_string_free(s, FALSE);
}

/* The error of the character CP at P, if it is one. */
static void
check_char(gb_chars *c, gb_diags *diags, const char *file, int line, int column,
    const char *line_start, const char *p, const char *end)
{
	gunichar cp = g_utf8_get_char(p);
	gb_unseen kind = unseen_kind(cp);
	if (kind == GB_UNSEEN_NONE && !uncovered(c, cp))
		return;
	char *around = context(line_start, p, end, kind != GB_UNSEEN_NONE);
	unsigned u = (unsigned)cp;
	switch (kind) {
	case GB_UNSEEN_PRIVATE:
		diag_emit_at(diags, file, line, column, NULL, DIAG_CHAR_PRIVATE, u, around);
		break;
	case GB_UNSEEN_REPLACEMENT:
		diag_emit_at(diags, file, line, column, NULL, DIAG_CHAR_REPLACEMENT, around);
		break;
	case GB_UNSEEN_CONTROL:
		diag_emit_at(diags, file, line, column, NULL, DIAG_CHAR_CONTROL, u, around);
		break;
	case GB_UNSEEN_FORMAT:
		diag_emit_at(diags, file, line, column, NULL, DIAG_CHAR_FORMAT, u,
		    unseen_format_name(cp), around);
		break;
	case GB_UNSEEN_NONE: {
		GString *shown = g_string_new(NULL);
		unseen_append(shown, cp);
		diag_emit_at(diags, file, line, column, NULL, DIAG_CHAR_NO_FONT, shown->str, u,
		    around, c->layout);
		g_string_free(shown, TRUE);
		break;
	}
	}
	g_free(around);
}

void
chars_check(gb_chars *c, gb_diags *diags, const char *file, const char *text, gsize len)
{
	const char *end = text + len, *line_start = text;
	int line = 1, column = 1;
	for (const char *p = text; p < end; p = g_utf8_next_char(p)) {
		if (*p == '\n') {
			line++;
			column = 1;
			line_start = p + 1;
			continue;
		}
		check_char(c, diags, file, line, column, line_start, p, end);
		column++;
	}
}

void
chars_check_file(gb_chars *c, gb_diags *diags, const char *path)
{
	char *text;
	gsize len;
	if (!gb_read_input(path, GB_MAX_TEXT_INPUT, &text, &len, NULL))
		return;
	const char *start = text;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		start += 3;
		len -= 3;
	}
	if (g_utf8_validate(start, (gssize)len, NULL))
		chars_check(c, diags, path, start, len);
	g_free(text);
}
