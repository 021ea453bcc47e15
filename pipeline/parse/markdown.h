/* markdown.h — a document's Markdown body (CommonMark + GFM tables, parsed
 * by cmark-gfm) turned into the blocks of the document tree. */
#ifndef GONGBAO_MARKDOWN_H
#define GONGBAO_MARKDOWN_H

#include <glib.h>

#include "proof.h"
#include "tree.h"

/* Where a body comes from: its file (for messages), the issue directory
 * (images are its images/…) and where its problems are reported. */
typedef struct md_source {
	const char *file;
	const char *dir;
	gb_diags *diags;
} md_source;

/* Parses BODY (LEN bytes of valid UTF-8) and appends its blocks to DOC.
 * LINE_OFFSET is the number of source lines before the body, so that
 * every block carries its line in the file.  Each text is handed to
 * PROOF (may be NULL) for the proofreading warnings.  Footnotes become
 * note blocks with their markers in the text, images figure blocks
 * checked against SRC's images/ (an error naming the line if one is
 * missing or does not decode); HTML blocks are warned about.  SRC may be
 * NULL (a unit test): nothing is reported, and images keep their alt text. */
void markdown_read_body(gb_document *doc, const char *body, gsize len, int line_offset,
    gb_proof *proof, const md_source *src);
/* markdown_read_body without a source. */
void markdown_add_body(gb_document *doc, const char *body, gsize len, int line_offset,
    gb_proof *proof);

#endif
