/* table.h — tables in the flow: a table block as row elements, and a row
 * placed on pages.  Internal to typeset/. */
#ifndef GONGBAO_TABLE_H
#define GONGBAO_TABLE_H

#include "flow.h"

/* Table B of DOC as row elements appended to ELS, its columns fitted to
 * the type area (nothing for a table without rows). */
void table_push(ctx *c, GArray *els, const gb_document *doc, const gb_block *b);
/* Places row element E; NEXT (or NULL) is the element after it. */
void table_place_row(flow *f, element *e, const element *next);
/* Frees T and its rows (the first row element owns it). */
void table_free(table *t);

#endif
