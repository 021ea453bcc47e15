/* printed.h — the print edition made from the web edition's painting
 * (SPEC §5, "Both editions are one painting"): the same content streams,
 * each page placed in a sheet larger by the bleed and the slug, with crop
 * marks in the slug, the padding pages for saddle stitching inserted, in
 * gray (pdfpost.c makes the colour operators gray, this the images);
 * no links, bookmarks, destinations or structure.  What the page list says
 * of the print order is taken before the list is freed (printed_plan). */
#ifndef GONGBAO_PRINTED_H
#define GONGBAO_PRINTED_H

#include "pages.h"

#include <qpdf/qpdf-c.h>

/* Crop marks continue the trim's edges in the slug (pages.h): each starts
 * GB_CROP_OFFSET_MM outside the bleed and runs GB_CROP_LENGTH_MM, so that
 * it lies wholly outside the BleedBox and inside the page. */
#define GB_CROP_OFFSET_MM 3.0
#define GB_CROP_LENGTH_MM 5.0
_Static_assert(GB_CROP_OFFSET_MM + GB_CROP_LENGTH_MM < GB_SLUG_MM,
    "crop marks fit in the slug");
#define GB_CROP_LINE_WIDTH 0.25

typedef struct gb_print_plan gb_print_plan;

/* The print edition of PAGES: its trim, bleed, the print order (the list's
 * pages with its padding pages, pages_print_order) and every page's label. */
gb_print_plan *printed_plan(const gb_pages *pages);
void printed_plan_free(gb_print_plan *plan);

/* Makes Q, which holds the web edition's painting of the list PLAN was
 * made of (paint_pdf, not yet finished), the print edition's painting:
 * after it pdfpost finishes it as print (boxes, gray content, PDF/X).  The
 * content streams are left unfiltered, for pdfpost to rewrite once.
 * FALSE with ERROR (a diagnostic naming NAME) when the painting is not
 * the list's (another page count) or qpdf fails. */
gboolean printed_derive(qpdf_data q, const gb_print_plan *plan, const char *name,
    GError **error);

#endif
