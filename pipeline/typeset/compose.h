/* compose.h — page composition: the issue's document tree set into pages
 * (cover, 目录, documents, tables, running heads, folios, colophon) with
 * the line rules of cjk.h and the layout's page rules (keeps, widows,
 * orphans, repeated table heads). */
#ifndef GONGBAO_COMPOSE_H
#define GONGBAO_COMPOSE_H

#include "diag.h"
#include "pages.h"
#include "tree.h"

#include "fonts.h"
#include "layout.h"

/* Sets TREE (read from TREE_NAME, for messages) in LAYOUT.  Returns the
 * page list, or NULL when the input has errors; each error goes into DIAGS
 * with the file and line an editor can fix (a character no font has, …). */
gb_pages *compose_issue(const gb_tree *tree, const char *tree_name,
    const gb_layout *layout, gb_fonts *fonts, gb_diags *diags);

#endif
