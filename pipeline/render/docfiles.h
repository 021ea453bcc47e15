/* docfiles.h — one PDF per document of the issue (SPEC §5, "Per-document
 * files and identifiers"), made in the same run as the web edition and from
 * the same painting: each document's pages copied out of cairo's PDF with
 * libqpdf (its fonts and images the issue's, not painted again), given
 * their own destinations, page labels (the folios) and bookmarks
 * (the title and its headings), a link to a page of another document made
 * a link to that document's file, then finished exactly as the web
 * edition is (pdfpost_finish: the tagged structure of its pages, XMP with
 * its own metadata, PDF/A-2u, /Lang, linearized, signed). */
#ifndef GONGBAO_DOCFILES_H
#define GONGBAO_DOCFILES_H

#include "pages.h"
#include "pdfpost.h"
#include "signkey.h"

typedef struct gb_docfiles gb_docfiles;

/* What the files of PAGES (read from NAME) need, taken before its pages
 * are freed: each document's pages, structure, metadata, destinations,
 * bookmarks.  NULL with an error of the table when a document stands on no
 * page. */
gb_docfiles *docfiles_plan(const gb_pages *pages, const char *name, GError **error);
void docfiles_free(gb_docfiles *d);

/* Writes every file from CAIRO_PDF (paint_pdf's web painting), dated and
 * signed as the web edition (SIGNER NULL: unsigned), into a new directory
 * beside DIR, not yet DIR itself: FALSE with an error of the table, and
 * nothing left, if any file cannot be made. */
gboolean docfiles_write(gb_docfiles *d, const gb_painted *cairo_pdf, const char *dir,
    const gb_pdf_date *date, const gb_signkey *signer, GError **error);
/* Puts the directory docfiles_write made in the place of DIR (exchanged
 * in one step when DIR exists, the old one then removed). */
gboolean docfiles_commit(gb_docfiles *d, GError **error);
/* Removes what docfiles_write made, if it was not committed. */
void docfiles_abort(gb_docfiles *d);

#endif
