/* furniture.h — page furniture: running heads and folios, the 目录, the
 * cover, the back page.  Internal to typeset/. */
#ifndef GONGBAO_FURNITURE_H
#define GONGBAO_FURNITURE_H

#include "flow.h"

/* The running head and folio FOLIO of the body page F has just begun. */
void furniture_body_page(flow *f, int folio);
/* The 目录 as elements: the folios of c->folios, "?" where unknown. */
void furniture_toc(ctx *c, GArray *els);
/* The cover and the back page, appended to the page list. */
void furniture_cover(ctx *c);
void furniture_back(ctx *c);

#endif
