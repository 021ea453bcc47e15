/* pdfpost.h — finishes cairo's PDF with libqpdf into the print edition
 * (boxes, gray-only content, PDF/X-4 output intent) or the web edition
 * (XMP, PDF/A-2u markers, sRGB intent, /Lang, /ID, linearized). */
#ifndef GONGBAO_PDFPOST_H
#define GONGBAO_PDFPOST_H

#include "pages.h"
#include "paint.h"
#include "printed.h"
#include "proofmarks.h"
#include "signkey.h"
#include "structure.h"

#include <stdio.h>

/* pdfpost_content_to_gray's error (the message a line of the table
 * without file and line); every other function here fails with an error
 * of the table itself (GB_DIAG_ERROR, diag-render.def): an E entry when
 * the content cannot be printed in gray or the list's date is wrong, an S
 * entry when qpdf or a colour profile fails. */
#define GB_PDFPOST_ERROR (gb_pdfpost_error_quark())
GQuark gb_pdfpost_error_quark(void);
enum { GB_PDFPOST_ERROR_INPUT = 1 };

#define GB_CMYK_PROFILE "/usr/share/color/icc/ghostscript/default_cmyk.icc"
#define GB_SRGB_PROFILE "/usr/share/color/icc/sRGB.icc"

/* The one date both editions carry (creation and modification). */
typedef struct {
	char xmp[32];		/* 2026-03-15T00:00:00+08:00 */
	char pdf[32];		/* D:20260315000000+08'00' */
	gint64 seconds;	/* the same instant in Unix time, for the signature */
} gb_pdf_date;

/* The date (meta `date`, at midnight China time), else
 * SOURCE_DATE_EPOCH, else 1970-01-01: never the clock, so that two
 * renders give the same bytes. */
gboolean pdfpost_date(const gb_pages *pages, const char *name, gb_pdf_date *date,
    GError **error);

/* Rewrites a content stream so that it sets colour only in gray:
 * "g g g rg" → "g g", "RG" → "G", "0 0 0 k k" → "1-k g"; any other
 * colour is an error.  Exposed for the unit tests. */
gboolean pdfpost_content_to_gray(const guchar *in, gsize len, GString *out, GError **error);

/* Reads painting P into Q (NAME: its name in libqpdf's messages). */
QPDF_ERROR_CODE pdfpost_read_painted(qpdf_data q, const gb_painted *p, const char *name);

/* Finishes CAIRO_PDF (paint_pdf's output, or one made so) and writes the edition to OUT
 * (the web edition's Figures get ALTS, image_alts of the list painted;
 * its structure tree is TREE, structure_plan of it; NULL for print);
 * nothing is written unless the whole PDF is made and reads back clean.
 * PROOF (NULL for an edition): the web edition made the proof, with these
 * marks, not linearized (it is read once, on this machine).  SIGNER (NULL:
 * unsigned): the web edition is signed with it at DATE (sign.h); the
 * print edition and the proof never are. */
gboolean pdfpost_finish(const gb_painted *cairo_pdf, const gb_pages *pages, const GPtrArray *alts,
    const gb_structure *tree, const char *name, gb_edition edition, const gb_pdf_date *date,
    const gb_proofmarks *proof, const gb_signkey *signer, FILE *out, GError **error);
/* Finishes the print edition made of the web edition's painting
 * WEB_PAINTING (paint_pdf of the list for the web edition) as PLAN says
 * (printed.h), into OUT: one painting for both editions (SPEC §5). */
gboolean pdfpost_finish_print(const gb_painted *web_painting, const gb_pages *pages,
    const gb_print_plan *plan, const char *name, const gb_pdf_date *date, FILE *out,
    GError **error);

#endif
