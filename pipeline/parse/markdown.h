/* markdown.h — a document's Markdown body (CommonMark + GFM tables, parsed
 * by cmark-gfm) turned into the blocks of the document tree. */
#ifndef GONGBAO_MARKDOWN_H
#define GONGBAO_MARKDOWN_H

#include <glib.h>

#include "proof.h"
#include "tree.h"

/* Parses BODY (LEN bytes of valid UTF-8) and appends its blocks to DOC.
 * LINE_OFFSET is the number of source lines before the body, so that
 * every block carries its line in the file.  Each text is handed to
 * PROOF (may be NULL) for the proofreading warnings. */
void markdown_add_body(gb_document *doc, const char *body, gsize len, int line_offset,
    gb_proof *proof);

#endif
