/* document.h — a gazette document as flow elements.  Internal to typeset/. */
#ifndef GONGBAO_DOCUMENT_H
#define GONGBAO_DOCUMENT_H

#include "flow.h"

/* DOC as elements appended to ELS, in reading order: FIRST_IN_SECTION
 * brings the section heading (destination sec-SECTION_NO), FIRST_DOC says
 * no page break goes before it. */
void document_elements(ctx *c, GArray *els, const gb_document *doc, gboolean first_in_section,
    int section_no, gboolean first_doc);
/* The title as printed: "（无标题）" when a hand-written tree has none. */
const char *document_print_title(const gb_document *doc);

#endif
