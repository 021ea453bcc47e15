/* distfix.h — the repair of a libharu 2.3 PDF before it is written: its
 * /ToUnicode CMap is replaced by a valid one (see distfix.c). */
#ifndef GONGBAO_DISTFIX_H
#define GONGBAO_DISTFIX_H

#include <glib.h>

/* The character codes a libharu document can use: its UTF-8 encoder
 * writes a BMP character as the 2-byte code of the same value. */
#define GB_DIST_CODES 0x10000

/* Writes PDF (LEN bytes, as libharu made it with FONT, a TrueType file,
 * through the UTF-8 encoder) to PATH (a temporary name renamed), every Type0 font's
 * /ToUnicode replaced by a CMap of bfchar blocks that maps each
 * code c with USED[c] set (GB_DIST_CODES entries) to U+c.  The map is
 * proved before it is written: the font's CIDToGIDMap must give every used
 * code the glyph FreeType finds for that character in FONT.  FALSE with
 * ERROR when the PDF is not what libharu 2.3 makes or cannot be written. */
gboolean gb_dist_fix_tounicode(const char *path, const guchar *pdf, gsize len, const char *font,
    const guint8 *used, GError **error);

/* The ToUnicode CMap of USED (identity, as above) appended to OUT: a
 * 2-byte codespace and bfchar blocks of at most 100 codes each.  FALSE
 * (OUT unchanged) if a used code is a surrogate, which is no character. */
gboolean gb_dist_tounicode_cmap(GString *out, const guint8 *used);

#endif
