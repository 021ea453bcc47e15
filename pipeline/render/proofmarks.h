/* proofmarks.h — the marks of the proof (SPEC §5 "The proof"): for every
 * parse warning the page list carries, a highlight over the characters it
 * is about and a note with its message, its source FILE:LINE and the word
 * 校样.  Found in the page list (its `source` records) before the pages
 * are freed, added to the finished web edition with libqpdf (cairo 1.16
 * writes no annotations). */
#ifndef GONGBAO_PROOFMARKS_H
#define GONGBAO_PROOFMARKS_H

#include "pages.h"

#include <qpdf/qpdf-c.h>

typedef struct gb_proofmarks gb_proofmarks;

/* The marks of every warning of PAGES, with their places on its pages.
 * A warning whose characters stand on the pages gets a highlight over
 * them (a quadrilateral a line, a highlight a page it spans) and a note
 * beside it; one without a place, or whose block is not on the pages,
 * a note beside its document's title (the cover: no document). */
gb_proofmarks *proofmarks_collect(const gb_pages *pages);
void proofmarks_free(gb_proofmarks *marks);
/* How many warnings (notes) and highlights there are. */
guint proofmarks_notes(const gb_proofmarks *marks);
guint proofmarks_highlights(const gb_proofmarks *marks);

/* Adds the annotations to the PDF Q (the web edition, one PDF page a list
 * page, PAGE_HEIGHT its height in points), dated DATE (a PDF date).
 * FALSE if qpdf reports an error (its message then in qpdf). */
gboolean proofmarks_apply(const gb_proofmarks *marks, qpdf_data q, double page_height,
    const char *date);

#endif
