/* paint.h — paints a page list into a PDF with cairo: the one painting of
 * the web edition, of which pdfpost.c makes the web edition, the proof and
 * (printed.c) the print edition.  A painter only: every position comes
 * from the page list. */
#ifndef GONGBAO_PAINT_H
#define GONGBAO_PAINT_H

#include "pages.h"

typedef enum { GB_EDITION_PRINT, GB_EDITION_WEB } gb_edition;


/* A PDF painted by cairo (or put together by libqpdf), not yet finished
 * by pdfpost: its bytes, and where the finishing's scratch files go
 * (BESIDE an output, NULL: in the temporary directory; gb_scratch_open). */
typedef struct {
	GBytes *bytes;
	const char *beside;
} gb_painted;

/* The PDF cairo makes of PAGES (NAME for messages), not yet finished by
 * pdfpost; DATE_ISO ("2026-03-15T00:00:00+08:00") is its creation date,
 * so that cairo never stamps the clock.  NULL with an error of the table
 * (GB_DIAG_ERROR, diag-render.def) on failure: an E entry at the page
 * list's record when the list asks for what cannot be painted (a font face
 * that does not open, a character its font has no glyph for), an S entry
 * when cairo fails. */
GBytes *paint_pdf(const gb_pages *pages, const char *name, const char *date_iso,
    GError **error);

#endif
