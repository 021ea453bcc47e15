/* paint.h — paints a page list into a PDF with cairo, as the print or the
 * web edition.  A painter only: every position comes from the page list. */
#ifndef GONGBAO_PAINT_H
#define GONGBAO_PAINT_H

#include "pages.h"

typedef enum { GB_EDITION_PRINT, GB_EDITION_WEB } gb_edition;


/* Crop marks continue the trim's edges in the slug (pages.h): each starts
 * GB_CROP_OFFSET_MM outside the bleed and runs GB_CROP_LENGTH_MM, so that
 * it lies wholly outside the BleedBox and inside the page. */
#define GB_CROP_OFFSET_MM 3.0
#define GB_CROP_LENGTH_MM 5.0
_Static_assert(GB_CROP_OFFSET_MM + GB_CROP_LENGTH_MM < GB_SLUG_MM,
    "crop marks fit in the slug");
#define GB_CROP_LINE_WIDTH 0.25

/* The PDF cairo makes of PAGES (NAME for messages), not yet finished by
 * pdfpost; DATE_ISO ("2026-03-15T00:00:00+08:00") is its creation date,
 * so that cairo never stamps the clock.  NULL with an error of the table
 * (GB_DIAG_ERROR, diag-render.def) on failure: an E entry at the page
 * list's record when the list asks for what cannot be painted (a font face
 * that does not open, a character its font has no glyph for), an S entry
 * when cairo fails. */
GBytes *paint_pdf(const gb_pages *pages, const char *name, gb_edition edition,
    const char *date_iso, GError **error);

#endif
