/* image.h — paints a page list's image record: the file decoded by
 * gdk-pixbuf (PNG, JPEG), in colour (a JPEG keeps its own bytes in the
 * PDF); the print edition, made of the same painting, has it in gray
 * (printed.c). */
#ifndef GONGBAO_RENDER_IMAGE_H
#define GONGBAO_RENDER_IMAGE_H

#include <cairo.h>
#include <glib.h>
#include <qpdf/qpdf-c.h>

#include "pages.h"

/* Paints image item IT of page PAGE (NAME the page list, for messages)
 * into CR.  FALSE with an error of the table (at the record's line) if
 * the file cannot be read or decoded. */
gboolean image_paint(cairo_t *cr, const gb_page *page, const gb_item *it, const char *name,
    GError **error);

/* The alternative text of every image of PAGES in order (char*). */
GPtrArray *image_alts(const gb_pages *pages);
/* Gives each Figure of the tagged PDF Q (cairo 1.16 cannot) the
 * alternative text ALTS (image_alts) of its image: /Alt, the caption.
 * FALSE if the Figures and the images do not pair up one to one (each
 * image must be tagged Figure alone). */
gboolean image_set_alt(qpdf_data q, const GPtrArray *alts);

#endif
