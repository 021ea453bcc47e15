/* tree.h — the document tree (`gongbao-tree 2`, pipeline/FORMATS.md): what
 * gongbao-parse hands to gongbao-typeset.  The only place the tree is
 * written and read; the structures below are that format in memory. */
#ifndef GONGBAO_TREE_H
#define GONGBAO_TREE_H

#include <glib.h>
#include <stdio.h>

#include "diag.h"
#include "docmeta.h"

/* A key and its value: gazette/issue keys (line 0) and document meta
 * (LINE the source line of the key, 0 for derived keys). */
typedef struct gb_meta {
	char *key;
	char *value;
	int line;
} gb_meta;

typedef enum gb_block_kind {
	GB_BLOCK_PARA,
	GB_BLOCK_HEADING,
	GB_BLOCK_ATTACHMENT,	/* a `#` heading beginning with 附件: new page */
	GB_BLOCK_ITEM,
	GB_BLOCK_TABLE,
	GB_BLOCK_IMAGE,		/* a figure: images/… with its caption */
	GB_BLOCK_NOTE		/* a footnote's text, set among the notes (注) */
} gb_block_kind;

/* A footnote's marker in a block's text: MARK (①, or [51] past ㊿) stands
 * at character START of the text and refers to the note of that MARK. */
typedef struct gb_noteref {
	int start;
	char *mark;
} gb_noteref;

/* A table row: exactly NCOLS cells of its table. */
typedef struct gb_row {
	int line;
	gboolean head;
	char **cells;		/* ncols strings */
} gb_row;

typedef struct gb_block {
	gb_block_kind kind;
	int line;		/* source line where the block starts */
	int level;		/* HEADING: 1..4 */
	char *marker;		/* ITEM: "1." "2." … or "·" */
	char *text;		/* PARA HEADING ATTACHMENT ITEM; NULL for TABLE */
	int ncols;		/* TABLE */
	char *align;		/* TABLE: ncols letters l c r - */
	GPtrArray *rows;	/* TABLE: gb_row*, head rows first; NULL otherwise */
	/* IMAGE: the file (issue directory as given joined with images/…), its
	 * size in pixels and whether any pixel has colour; TEXT the caption,
	 * MARKER unused.  NOTE: MARKER the mark, TEXT the note. */
	char *path;
	int px_width, px_height;
	gboolean colour;
	GArray *noterefs;	/* gb_noteref of the text, NULL if none */
	char *uri;		/* PARA ITEM: the words link to this URI (`link`), or NULL */
} gb_block;

typedef struct gb_document {
	char *id;		/* d1, d2, … in print order */
	char *file;		/* ISSUE_DIR/docs/NAME.md as the user named it */
	int line;		/* line of the opening `---` */
	const char *section;	/* name of the section it stands in (owned by it) */
	GPtrArray *meta;	/* gb_meta*, in source order, derived keys after */
	gb_docmeta fm;		/* the same, typed: the front matter's fields */
	GPtrArray *blocks;	/* gb_block* */
} gb_document;

typedef struct gb_section {
	char *name;
	GPtrArray *documents;	/* gb_document*, in print order */
} gb_section;

/* A parse warning carried to the check and the proof: KIND its name in
 * the diagnostics table (diag_name, "halfwidth-punct"), ANCHOR its place
 * in a block of text (anchor.line 0: none). */
typedef struct gb_warning {
	char *file;
	int line;
	char *kind;
	gb_anchor anchor;
	char *message;
} gb_warning;

typedef struct gb_tree {
	GPtrArray *gazette;	/* gb_meta*: [gazette] of issue.ini */
	GPtrArray *issue;	/* gb_meta*: [issue] plus name and dir */
	GPtrArray *sections;	/* gb_section*, in [sections] order */
	GPtrArray *warnings;	/* gb_warning* */
} gb_tree;

/* --- building (gongbao-parse) -------------------------------------------- */

gb_tree *tree_new(void);
void tree_free(gb_tree *tree);

void tree_add_gazette(gb_tree *tree, const char *key, const char *value);
void tree_add_issue(gb_tree *tree, const char *key, const char *value);
gb_section *tree_add_section(gb_tree *tree, const char *name);
gb_document *tree_add_document(gb_section *section, const char *id,
    const char *file, int line);
/* ANCHOR NULL: the warning has no place in a block of text. */
void tree_add_warning(gb_tree *tree, const char *file, int line, const char *kind,
    const gb_anchor *anchor, const char *message);
/* A document not yet in a section (the parser reads documents before it
 * knows their order); section_take_document gives it to SECTION. */
gb_document *document_new(const char *id, const char *file, int line);
void document_free(gb_document *doc);
void section_take_document(gb_section *section, gb_document *doc);

void document_add_meta(gb_document *doc, const char *key, const char *value, int line);
gb_block *document_add_text(gb_document *doc, gb_block_kind kind, int line,
    const char *text);
gb_block *document_add_heading(gb_document *doc, int level, int line, const char *text);
gb_block *document_add_item(gb_document *doc, int line, const char *marker,
    const char *text);
/* ALIGN may be NULL ("-" for every column). */
gb_block *document_add_table(gb_document *doc, int line, int ncols, const char *align);
/* A row of empty cells; fill them with table_set_cell. */
gb_row *table_add_row(gb_block *table, int line, gboolean head);
void table_set_cell(gb_block *table, gb_row *row, int column, const char *text);
/* An image block (see gb_block) and a note block with MARK. */
gb_block *document_add_image(gb_document *doc, int line, const char *path, int px_width,
    int px_height, gboolean colour, const char *caption);
gb_block *document_add_note(gb_document *doc, int line, const char *mark, const char *text);
/* A footnote marker MARK at character START of B's text. */
void block_add_noteref(gb_block *b, int start, const char *mark);
/* B's words (a PARA or an ITEM) link to URI in the web edition (the
 * annual index's entries to their documents' files). */
void block_set_link(gb_block *b, const char *uri);

/* --- reading (gongbao-typeset and others) -------------------------------- */

/* The value of the first KEY, or NULL. */
/* A key and value (copied) of LINE, and its free function for GPtrArrays. */
gb_meta *meta_new(const char *key, const char *value, int line);
void meta_free(gpointer meta);
const char *meta_lookup(const GPtrArray *meta, const char *key);
const char *tree_gazette(const gb_tree *tree, const char *key);
const char *tree_issue(const gb_tree *tree, const char *key);
const char *document_meta(const gb_document *doc, const char *key);
const gb_meta *document_meta_entry(const gb_document *doc, const char *key);
/* Every document in print order (a new array of borrowed pointers; free it
 * with g_ptr_array_unref) and the number of documents. */
GPtrArray *tree_documents(const gb_tree *tree);
guint tree_document_count(const gb_tree *tree);
const gb_document *tree_find_document(const gb_tree *tree, const char *id);

/* --- the text format ----------------------------------------------------- */

/* Writes TREE in `gongbao-tree 2`; FALSE if the stream reported an error. */
gboolean tree_write(FILE *out, const gb_tree *tree);
/* Reads a tree; NAME is the file name used in messages.  On a malformed
 * tree returns NULL and sets ERROR (domain GB_DIAG_ERROR, a TREE_ entry of
 * the diagnostics table) to "NAME:LINE: error: …". */
gb_tree *tree_read(FILE *in, const char *name, GError **error);

#endif
