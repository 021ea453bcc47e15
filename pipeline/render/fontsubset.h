/* fontsubset.h — a document's own file carries the glyphs its pages show,
 * not the whole issue's: cairo embeds one subset of each face for the
 * whole issue (a megabyte and more of CJK outlines), and each document's
 * file copied out of it would carry all of it.  Each CID-keyed CFF font
 * program is cut down by HarfBuzz's subsetter to the CIDs the file's
 * content streams show, every glyph keeping its number, so that the
 * content streams, /W and the ToUnicode CMap stay as they are; the
 * subset gets a tag of its own (ISO 32000-1, 9.6.4). */
#ifndef GONGBAO_FONTSUBSET_H
#define GONGBAO_FONTSUBSET_H

#include <glib.h>
#include <qpdf/qpdf-c.h>

/* Every Type0 font of Q with an Identity-H encoding and a CIDFontType0C
 * program that the pages of Q show (their content and the forms they
 * draw): its program cut down to the CIDs shown.  A font also used where
 * this does not read (a form beyond the nesting it follows, an annotation's
 * appearance) is not cut, nor one HarfBuzz or FreeType cannot read back.
 * FALSE only when qpdf fails (its error is then Q's). */
gboolean fontsubset_apply(qpdf_data q);

/* The CFF program of every CIDFont of FONTS (the object numbers of
 * fontwidths_cid_fonts: cairo's subsets of the glyphs) with its
 * subroutines written into the glyphs that call them, every glyph kept
 * at its number: cairo 1.16 keeps each font's local and global
 * subroutines whole, most of them called by no glyph of the subset (the
 * corpus's body face: 28,684 subroutines, 471 KB of its 919).  FALSE
 * only when qpdf fails.  With GONGBAO_KEEP_CAIRO_FONTS set in the
 * environment it leaves cairo's programs (the tests' reference). */
gboolean fontsubset_flatten(qpdf_data q, const GArray *fonts);

/* The CFF font program DATA (LEN bytes) with only the glyphs of the CIDs
 * in CIDS (a set of GUINT_TO_POINTER, .notdef always kept; NULL: all),
 * each at its own glyph number; NULL if it cannot be made or read back with as many glyphs.
 * For the tests. */
GBytes *fontsubset_cff(const guchar *data, gsize len, GHashTable *cids);

#endif
