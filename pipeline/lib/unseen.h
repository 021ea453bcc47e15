/* unseen.h — characters nobody can see (SPEC §3 "errors, characters"):
 * which code points an editor cannot have meant, and how a message shows
 * a character that would be invisible in it (【U+E010】). */
#ifndef GONGBAO_UNSEEN_H
#define GONGBAO_UNSEEN_H

#include <glib.h>

/* Why a character cannot be one an editor meant. */
typedef enum {
	GB_UNSEEN_NONE,		/* an ordinary character (TAB, LF and CR too) */
	GB_UNSEEN_PRIVATE,	/* private use: U+E000–U+F8FF, planes 15 and 16 */
	GB_UNSEEN_REPLACEMENT,	/* U+FFFD, the trace of a wrong decoding */
	GB_UNSEEN_CONTROL,	/* C0 but TAB LF CR, DEL, C1 U+0080–U+009F */
	GB_UNSEEN_FORMAT	/* U+200B–U+200F, U+2060–U+2064, U+FEFF */
} gb_unseen;

gb_unseen unseen_kind(gunichar cp);
/* A private-use code point: no font's glyph for it is ever used. */
gboolean unseen_is_private(gunichar cp);
/* An invisible format character (U+200B…): it cannot carry meaning, and
 * gongbao-parse --fix removes it. */
gboolean unseen_is_format(gunichar cp);
/* The Chinese name of a format character (零宽空格), "" for others. */
const char *unseen_format_name(gunichar cp);
/* Appends CP to S as it is, or as 【U+XXXX】 where a reader would not
 * see it: the characters above, any other control, format, unassigned or
 * private-use code point, a variation selector, and every space but
 * U+0020 and U+3000. */
void unseen_append(GString *s, gunichar cp);

#endif
