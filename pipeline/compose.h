/* compose.h — page composition: the issue's document tree set into pages
 * (cover, 目录, documents, tables, running heads, folios, colophon) with
 * the line rules of cjk.h and the layout's page rules (keeps, widows,
 * orphans, repeated table heads). */
#ifndef GONGBAO_COMPOSE_H
#define GONGBAO_COMPOSE_H

/* pages.h and tree.h both define types named gb_meta and gb_warning; until
 * one of them is renamed, pages.h's are seen here as gb_page_meta and
 * gb_page_warning so that a file can read a tree and build a page list. */
#define gb_meta gb_page_meta
#define gb_warning gb_page_warning
#include "pages.h"
#undef gb_meta
#undef gb_warning
#include "tree.h"

#include "fonts.h"
#include "layout.h"

/* Sets TREE (read from TREE_NAME, for messages) in LAYOUT.  Returns the
 * page list, or NULL when the input has errors; each error is printed on
 * stderr as "FILE:LINE: error: …" (a character no font has, …). */
gb_pages *compose_issue(const gb_tree *tree, const char *tree_name,
    const gb_layout *layout, gb_fonts *fonts);

#endif
