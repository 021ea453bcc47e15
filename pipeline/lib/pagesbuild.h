/* pagesbuild.h — what the page list's reader (pagesread.c) builds with
 * beside pages.h: the model's string store and a text run already checked.
 * Not for the stages. */
#ifndef GONGBAO_PAGESBUILD_H
#define GONGBAO_PAGESBUILD_H

#include "pages.h"

/* S kept in the list's string store, shared with equal strings. */
const char *pages_str_const(gb_pages *pages, const char *s);
/* page_add_text without its checks, for a run the reader has checked. */
void pages_text_add(gb_pages *pages, gb_page *page, int font, double size, double x,
    double y, double gray, const char *text, const double *offsets, int n);

#endif
