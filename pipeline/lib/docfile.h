/* docfile.h — a document's own PDF (SPEC §5, "Per-document files and
 * identifiers"): its file name and its pages of the issue, the one
 * answer the renderer (render/docfiles.c), the check (check/docfiles.c)
 * and the distribution share. */
#ifndef GONGBAO_DOCFILE_H
#define GONGBAO_DOCFILE_H

#include "pages.h"

/* The characters of the title a file name keeps. */
#define GB_DOCFILE_TITLE_CHARS 24

/* "2026-5-3-示范市人民政府关于印发2026年政务公开工作要点.pdf": the
 * identifier, a hyphen, the first GB_DOCFILE_TITLE_CHARS letters and
 * digits of the title (every space, punctuation mark, slash or other
 * character a file system or a URL dislikes left out), ".pdf"; at most
 * about 100 bytes.  The identifier alone where there is no title. */
char *docfile_name(const gb_page_document *d);

/* The list pages (indices from 0, FIRST … LAST) a document stands on:
 * from its destination (`dest doc-DOC`) or its first text to its last
 * text, and the body pages after that hold no other document. */
typedef struct {
	guint first, last;
} docfile_range;

/* Every document's range in one walk of the page list: document id →
 * docfile_range; a document that stands on no page has none. */
GHashTable *docfile_ranges(const gb_pages *pages);

/* The link to a document of an issue whose directory is DIR (a relative
 * path, "" for the linking file's own directory): its per-document file
 * FILE (relative to DIR) when it has one, else page FIRST_PAGE (from 1) of
 * the web edition, DIR/web.pdf#page=N; a URI with everything but
 * ASCII and '/' percent-encoded.  The one form of such links, from a later
 * issue's citation (parse) and from the annual index (archive). */
char *docfile_link(const char *dir, const char *file, int first_page);

#endif
