/* figure.h — figures and notes in the flow: an image block as an image
 * element and its caption (figure.c), a document's footnotes as its notes
 * (注) with links both ways to their markers (notes.c), and a table too
 * wide for the type area set as paragraphs (figure.c).  Internal to
 * typeset/. */
#ifndef GONGBAO_FIGURE_H
#define GONGBAO_FIGURE_H

#include "flow.h"

/* The image resolution a figure's natural size is taken at. */
#define FIGURE_DPI 150.0

/* Image block B of DOC as an image element and its caption. */
void figure_push(ctx *c, GArray *els, const gb_document *doc, const gb_block *b);
/* Places image element E (kept on one page with NEXT, its caption). */
void figure_place(flow *f, element *e, const element *next);
/* The columns a table can have in the type area; a table B with more is
 * warned about and set row by row as paragraphs: TRUE if it was. */
gboolean figure_wide_table(ctx *c, GArray *els, const gb_document *doc, const gb_block *b);

/* --- notes.c ------------------------------------------------------------ */

/* The footnote markers of B onto E, the element B's text was set in with
 * PREFIX bytes before it (an item's marker). */
void notes_anchor(ctx *c, element *e, const gb_document *doc, const gb_block *b,
    int prefix);
/* The notes of DOC (its note blocks), after a label 注：; none if it has
 * none. */
void notes_push(ctx *c, GArray *els, const gb_document *doc);
/* The links and destinations of E's anchors on line I, drawn from LEFT
 * with its top at TOP. */
void notes_emit_anchors(ctx *c, gb_page *page, const element *e, int i, double left,
    double top);
void notes_clear_anchors(element *e);

#endif
