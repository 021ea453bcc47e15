/* pages.h — the page list (`gongbao-pages 3`, pipeline/FORMATS.md): what
 * the typesetter decided, in memory (pages.c), and its only writer
 * (pageswrite.c) and reader (pagesread.c).  The typesetter builds it with
 * the pages_add_* / page_add_* functions and writes it; render, check and
 * distribute read it and walk the structs below. */
#ifndef GONGBAO_PAGES_H
#define GONGBAO_PAGES_H

#define GB_PAGES_VERSION 4

#include <glib.h>
#include <stdio.h>

#include "diag.h"

/* The structs are public for reading; build them only through the
 * functions below (the strings and offsets belong to the gb_pages). */

typedef enum {
	GB_PAGE_COVER, GB_PAGE_TOC, GB_PAGE_BODY, GB_PAGE_BLANK, GB_PAGE_BACK
} gb_page_kind;

typedef enum {
	GB_ITEM_TEXT,		/* font size x y gray text offsets n_chars */
	GB_ITEM_RULE,		/* x y (start) x1 y1 (end) width gray */
	GB_ITEM_BOX,		/* x y (top left) w h gray */
	GB_ITEM_BEGIN,		/* text = structure tag ("P", "H1" …) */
	GB_ITEM_END,		/* text = structure tag */
	GB_ITEM_LINK,		/* x y (top left) x1 y1 (bottom right) text = dest */
	GB_ITEM_DEST,		/* text = name, x y */
	GB_ITEM_TOC,		/* doc folio text = title */
	GB_ITEM_TITLE,		/* doc text = title */
	GB_ITEM_IMAGE		/* x y (top left) w h text = file, colour */
} gb_item_kind;

typedef struct {
	gb_item_kind kind;
	int line;		/* of its record in the file read, 0 if built */
	int font;		/* TEXT: a gb_font id */
	int n_chars;		/* TEXT: characters in text = entries in offsets */
	double size;		/* TEXT: points */
	double x, y;
	double x1, y1;
	double w, h;		/* BOX */
	double width;		/* RULE: stroke width */
	double gray;		/* TEXT RULE BOX: 0 black … 1 white */
	const char *text;
	const char *doc;	/* TOC TITLE: document ID (d3) */
	const char *folio;	/* TOC */
	const double *offsets;	/* TEXT: x of each character relative to x */
	gboolean colour;	/* IMAGE: the file has colour (print: converted) */
	const char *alt;	/* IMAGE: the alternative text (its caption) */
	/* TEXT: where its characters come from (a `source` record): the
	 * characters SRC_OFFSET … of the text of block SRC_LINE (cell
	 * SRC_PART) of document SRC_DOC; SRC_DOC NULL for furniture. */
	const char *src_doc;
	int src_line, src_part, src_offset;
} gb_item;

typedef struct {
	int number;		/* 1, 2, … in the issue */
	int line;		/* of its `page` record in the file read, 0 if built */
	gb_page_kind kind;
	const char *label;	/* what a viewer shows: 封面, 目录1, 12, 封底 */
	const char *folio;	/* printed folio, NULL where none is printed */
	GArray *items;		/* of gb_item, in painting order */
} gb_page;

typedef struct {
	int id;
	const char *role;	/* song fang kai hei title */
	const char *file;	/* the path on this machine (resolved when read) */
	const char *name;	/* the file's base name, as the list says it */
	int index;		/* face in a .ttc */
	const char *family;
	int line;		/* of its `font` record in the file read, 0 if built */
} gb_font;

typedef struct { const char *key, *value; int line; } gb_page_meta;
/* A parse warning (the tree's warning record): KIND its diagnostic's name,
 * ANCHOR its place in a block of text (anchor.line 0: none). */
typedef struct {
	const char *file;
	int line;
	const char *kind;
	gb_anchor anchor;
	const char *message;
} gb_page_warning;
/* A document of the issue: its tree ID, its source file and its stable
 * identifier (2026-5-3). */
typedef struct { const char *id, *file, *identifier; } gb_page_document;
typedef struct { int level; const char *dest, *title; } gb_outline;

typedef struct {
	const char *layout;
	double trim_width, trim_height;
	double bleed;
	int print_padding;	/* blank pages the print edition inserts before
				 * its back page; -1 until the typesetter sets it */
	GArray *meta;		/* of gb_page_meta, in the order set */
	GArray *fonts;		/* of gb_font */
	GArray *documents;	/* of gb_page_document, in print order */
	GArray *warnings;	/* of gb_page_warning */
	GArray *outline;	/* of gb_outline, in reading order */
	GPtrArray *pages;	/* of gb_page*, pages->pdata[i]->number == i + 1 */
	/* private */
	GStringChunk *strings;
	GPtrArray *blocks;	/* offset storage */
	GHashTable *doc_index;	/* document ID → index in documents + 1 */
	gsize block_used, block_size;
} gb_pages;

/* The print edition's page (SPEC §5): the trim, the bleed on every side
 * (its BleedBox), and beyond the bleed a slug of GB_SLUG_MM on every side
 * that holds the crop marks, wholly outside the BleedBox.  10 mm: a mark
 * starts 3 mm outside the bleed (a preflight flags marks that reach into
 * it; 3 mm clears any bleed tolerance), runs 5 mm, and stops 2 mm short
 * of the paper's edge, which a RIP may clip (render/paint.h). */
#define GB_SLUG_MM 10.0
#define GB_SLUG (GB_SLUG_MM * 72.0 / 25.4)	/* in points */

#define GB_PAGES_ERROR (gb_pages_error_quark())
GQuark gb_pages_error_quark(void);
/* Error codes: the file is wrong (exit 1: an E entry of the table), or it
 * cannot be read (exit 2: an S entry).  The message is a whole diagnostic
 * of the table (diag-lib.def), "NAME:LINE: error: …". */
enum { GB_PAGES_ERROR_INPUT = 1, GB_PAGES_ERROR_SYSTEM = 2 };

/* --- building ---------------------------------------------------------- */

gb_pages *pages_new(const char *layout, double trim_width, double trim_height, double bleed);
void pages_free(gb_pages *pages);

/* Sets (or replaces) a meta record: title gazette issue date publisher
 * editor serial lang subject keywords. */
void pages_set_meta(gb_pages *pages, const char *key, const char *value);
/* Face INDEX of FILE (its path; the list names it by its base name) of
 * FAMILY, used for ROLE.  FALSE if ID is already defined. */
gboolean pages_add_font(gb_pages *pages, int id, const char *role, const char *file,
    int index, const char *family);
/* The typesetter's decision: the print edition inserts PADDING blank
 * pages before its back page (at the end if there is none). */
void pages_set_print_padding(gb_pages *pages, int padding);
/* ANCHOR NULL: no place. */
void pages_add_warning(gb_pages *pages, const char *file, int line, const char *kind,
    const gb_anchor *anchor, const char *message);
/* Document DOC (a tree ID) of source FILE with stable identifier IDENT;
 * FALSE if DOC is already there. */
gboolean pages_add_document(gb_pages *pages, const char *doc, const char *file,
    const char *ident);
/* Document DOC, or NULL; the source file of document DOC, or NULL. */
const gb_page_document *pages_document(const gb_pages *pages, const char *doc);
const char *pages_document_file(const gb_pages *pages, const char *doc);
void pages_add_outline(gb_pages *pages, int level, const char *dest, const char *title);

/* Appends page pages->pages->len + 1.  FOLIO NULL (or "-") when none is
 * printed. */
gb_page *pages_add_page(gb_pages *pages, gb_page_kind kind, const char *label, const char *folio);

/* A run of TEXT (valid UTF-8, not empty) with the x of each of its N
 * characters relative to X (OFFSETS[0] is 0).  FALSE, and nothing added,
 * if N is not the number of characters or the text is not valid UTF-8. */
gboolean page_add_text(gb_pages *pages, gb_page *page, int font, double size, double x,
    double y, double gray, const char *text, const double *offsets, int n);
/* Says that the text run last added to PAGE is the characters OFFSET …
 * of the text of block LINE (cell PART of a table row, else 0) of
 * document DOC: a contiguous slice, one character of the run for one of
 * the block.  FALSE, nothing set, if PAGE's last item is not a text run. */
gboolean page_text_source(gb_pages *pages, gb_page *page, const char *doc, int line,
    int part, int offset);
void page_add_rule(gb_pages *pages, gb_page *page, double x0, double y0, double x1,
    double y1, double width, double gray);
void page_add_box(gb_pages *pages, gb_page *page, double x, double y, double w, double h,
    double gray);
/* Structure tags: the PDF standard structure types (P, H1…H6, Table, TR,
 * TH, TD, TOC, TOCI, L, LI, Lbl, LBody, Span, Figure …) and Title and
 * Artifact; they nest and close on the page they open (the reader refuses
 * anything else). */
void page_begin(gb_pages *pages, gb_page *page, const char *tag);
void page_end(gb_pages *pages, gb_page *page, const char *tag);
void page_add_link(gb_pages *pages, gb_page *page, double x0, double y0, double x1,
    double y1, const char *dest);
/* A link's DEST that goes outside the PDF is `uri:URI` (FORMATS.md): the
 * URI, or NULL for a destination name. */
const char *pages_link_uri(const char *dest);
/* TRUE if URI is one a link may go to: printable ASCII without spaces,
 * quotes or backslashes (non-ASCII percent-encoded, RFC 3986), not empty. */
gboolean pages_uri_ok(const char *uri);
void page_add_dest(gb_pages *pages, gb_page *page, const char *name, double x, double y);
void page_add_toc(gb_pages *pages, gb_page *page, const char *doc, const char *folio,
    const char *title);
void page_add_title(gb_pages *pages, gb_page *page, const char *doc, const char *title);
/* An image FILE (a path as the tree gives it) filling the W × H box at
 * (X, Y); COLOUR if it has colour; ALT the alternative text of the Figure
 * it stands in (its caption). */
void page_add_image(gb_pages *pages, gb_page *page, double x, double y, double w, double h,
    gboolean colour, const char *file, const char *alt);

/* --- reading them ------------------------------------------------------ */

static inline gb_page *
pages_page(const gb_pages *pages, guint i)
{
	return g_ptr_array_index(pages->pages, i);
}

static inline const gb_item *
page_item(const gb_page *page, guint i)
{
	return &g_array_index(page->items, gb_item, i);
}

/* The value of meta KEY, or NULL. */
const char *pages_meta(const gb_pages *pages, const char *key);
/* The font with ID, or NULL. */
const gb_font *pages_font(const gb_pages *pages, int id);
/* A kind's name in the format ("cover" "toc" "body" "blank" "back"), and
 * the kind of a name (-1 if it names none). */
const char *pages_kind_name(gb_page_kind kind);
int pages_kind_from_name(const char *name);

/* The print edition's page order: for each print page the index of the
 * list page it shows, or -1 for one of the print_padding blanks.  The
 * blanks stand before the last page when it is the back cover, which
 * stays last; else at the end (pages_padding_at).  Returns the print page
 * count, the list's pages and the padding; *ORDER is newly allocated
 * (g_free). */
int pages_print_order(const gb_pages *pages, int **order);
/* The index of the list page the print edition's blanks stand before
 * (the back cover), or the page count when they stand at the end. */
int pages_padding_at(const gb_pages *pages);

/* --- the text format ----------------------------------------------------- */

/* Writes PAGES as `gongbao-pages 3`; numbers with at most two decimals.
 * FALSE on a write error (errno tells). */
gboolean pages_write(FILE *f, const gb_pages *pages);

/* Reads a page list; NAME is the file name for messages.  On a bad file
 * returns NULL with an error whose message is a whole diagnostic:
 * "NAME:LINE: error: what is wrong".  Refuses another format or version,
 * an unknown keyword, a wrong number of fields, a bad number, a text run
 * whose offsets do not match its characters, an undefined font or
 * destination, unbalanced begin/end on a page, a missing `padding` and a
 * missing `end`.  Every font is resolved again through fonts/fonts.conf
 * (gb_data_path, fonts.c): one this machine does not have, or has in
 * another file, is refused at its record. */
gb_pages *pages_read(FILE *f, const char *name, GError **error);
/* pages_read on the file PATH ("-" is standard input). */
gb_pages *pages_load(const char *path, GError **error);
/* The header of the page list PATH only (the records before the first
 * page, checked as pages_load does, fonts not resolved), for a stage that
 * needs the typesetter's decisions but not its pages. */
gb_pages *pages_load_header(const char *path, GError **error);

/* A page list's error (GB_PAGES_ERROR) as the one table's
 * (GB_DIAG_ERROR), for diag_print_error(); a copy, to be freed. */
GError *pages_error_to_diag(const GError *error);

#endif
