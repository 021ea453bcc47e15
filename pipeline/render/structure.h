/* structure.h — the tagged electronic edition (PDF/UA-1, SPEC §5): the
 * structure tree planned from the page list's tags, and written into the
 * PDF by the finishing with libqpdf, where cairo 1.16 falls short. */
#ifndef GONGBAO_STRUCTURE_H
#define GONGBAO_STRUCTURE_H

#include "pages.h"

#include <qpdf/qpdf-c.h>

/* How the painter and the finishing share the work: cairo 1.16 can mark
 * content (cairo_tag_begin writes "/TAG <</MCID n>> BDC"), but it cannot
 * write an artifact, a Document over pages, a Sect per document, a Link
 * holding its annotation, /Scope, /Tabs or /Contents.  So the painter
 * marks each *piece* — a run of painting items (text, rule, box, image)
 * with no begin, end, link or dest between them, inside some tag — with
 * one cairo tag of its own, never nested, named structure_piece_tag();
 * the finishing walks the same pieces in the same order
 * (structure_plan), rewrites each mark as what it is (an MCID of its
 * element, or /Artifact), drops cairo's tree and writes its own.  Both
 * read the page list's records in order, so they cannot disagree about
 * which mark is which; the finishing refuses a page where they do. */

/* Whether an item of this kind is painted (and so belongs to a piece). */
gboolean structure_item_paints(gb_item_kind kind);
/* Whether an item of this kind ends the piece that is open. */
gboolean structure_item_breaks(gb_item_kind kind);
/* The cairo tag of a piece whose innermost tag is TAG (ARTIFACT: some
 * tag open is an Artifact): never "Link", which cairo takes for a link. */
const char *structure_piece_tag(const char *tag, gboolean artifact);

typedef struct gb_structure gb_structure;

/* The tree of PAGES (read before the pages are freed): Document; the
 * cover, the 目录, the back page and each document a Sect (the
 * document's identifier its /ID); the elements as the
 * page list tags them, Title written H1; a TOC, Table or list broken by a
 * page break continued as one element, and so is a paragraph whose text
 * goes on where it stopped. */
gb_structure *structure_plan(const gb_pages *pages);
void structure_free(gb_structure *s);

/* Writes the plan into Q (cairo's PDF of the web edition, its pages those
 * planned): every piece's mark rewritten, cairo's links in Link elements
 * (OBJR) with /StructParent and /Contents, /Tabs /S on pages with links,
 * TH with /Scope, the StructTreeRoot and its ParentTree.  FALSE with an
 * error of the table (DIAG_STRUCTURE_*, naming the page) when cairo's
 * marks are not the pieces planned. */
gboolean structure_apply(const gb_structure *s, qpdf_data q, const char *name, GError **error);

/* Drops cairo's own structure tree from Q before anything loads every
 * object of the file (qpdf does, the first time an object is made
 * indirect): its elements, the ParentTree's arrays and the root, each
 * replaced by null as it is read, the catalog's /StructTreeRoot removed.
 * Neither edition keeps it, and at the corpus it is 70,000 objects,
 * most of what qpdf would hold.  Pages, annotations and marked content
 * stay as they are. */
void structure_drop_painted(qpdf_data q);

#endif
