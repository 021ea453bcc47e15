/* chars.h — the characters of a document's source that an editor cannot
 * have meant, or that no font of the layout can print (SPEC §3 "errors,
 * characters"), each an error at its line and column. */
#ifndef GONGBAO_CHARS_H
#define GONGBAO_CHARS_H

#include <glib.h>

#include "diag.h"

typedef struct gb_chars gb_chars;

/* The fonts of layout LAYOUT (a name as issue.ini gives it, NULL for the
 * typesetter's default), loaded as the typesetter loads them, for the
 * coverage test.  Without a font configuration the coverage is not
 * checked, and DIAGS gets a warning saying so. */
gb_chars *chars_new(const char *layout, gb_diags *diags);
void chars_free(gb_chars *chars);

/* Reports every character of TEXT (LEN bytes of valid UTF-8: FILE's whole
 * text after a BOM at its start, so that line 1 column 1 is TEXT's first
 * character) that is private use, U+FFFD, a control or an invisible format
 * character, and every one no font of the layout covers: one error per
 * character, with its line, column, code point and the characters around
 * it. */
void chars_check(gb_chars *chars, gb_diags *diags, const char *file, const char *text,
    gsize len);

/* The same for the file PATH (issue.ini), read whole, a BOM at its start
 * skipped; nothing if it cannot be read or is not UTF-8 (its reader says
 * so). */
void chars_check_file(gb_chars *chars, gb_diags *diags, const char *path);

#endif
