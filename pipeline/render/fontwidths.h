/* fontwidths.h — cairo 1.16 lists the width of every glyph of a CID font
 * in /W, nearly all of them the same; this rewrites each CIDFontType0/2's
 * /W and /DW compactly with the same width for every CID.
 *
 * The ToUnicode CMaps stay as cairo writes them, one bfchar line a glyph,
 * though a reader parses them again on every page: the compact form, a
 * bfrange a run of codes with the characters as an array (`<0001> <00ff>
 * [<793a> <8303> …]`), took the corpus's check from 9.3 to 8.4 s CPU, but
 * Ghostscript 10.0 (Debian 12) reads every character of such a font wrong
 * once an array holds more than two (txtwrite of the sample pages, and
 * a pdfwrite copy keeps the wrong text; 2026-12-03), as it misreads a
 * plain bfrange (distribute/distfix.c). */
#ifndef GONGBAO_FONTWIDTHS_H
#define GONGBAO_FONTWIDTHS_H

#include <glib.h>
#include <qpdf/qpdf-c.h>

/* The object numbers of every CID font dictionary of Q (CIDFontType0
 * and CIDFontType2), in their order: one walk of Q's objects for both
 * fontwidths_compact and fontsubset_flatten. */
GArray *fontwidths_cid_fonts(qpdf_data q);

/* Every CID font of FONTS: /DW the most common width, /W only the CIDs whose
 * width differs, runs of one width as `first last w`, the rest as
 * `first [w …]`. A /W it cannot read is left as it is. FALSE only when
 * qpdf fails (its error is then Q's). With GONGBAO_KEEP_CAIRO_WIDTHS set
 * in the environment it leaves cairo's widths (the tests' reference). */
gboolean fontwidths_compact(qpdf_data q, const GArray *fonts);

#endif
