/* textblock.h — the typesetter's context and its text blocks: a piece of
 * text shaped and broken by cjk.c in one style inside a box of the type
 * area, and drawn line by line into the page list.  Internal to typeset/. */
#ifndef GONGBAO_TEXTBLOCK_H
#define GONGBAO_TEXTBLOCK_H

#include "cjk.h"
#include "diag.h"
#include "fonts.h"
#include "layout.h"
#include "pages.h"
#include "tree.h"

#define EPS 0.01

/* What every part of the composition shares for one issue. */
typedef struct {
	const gb_layout *L;
	const gb_tree *tree;
	gb_fonts *fonts;
	gb_pages *out;		/* the page list: fonts are registered here */
	gb_diags *diags;	/* where errors go */
	GHashTable *font_ids;	/* role << 8 | face → id + 1 */
	int next_font;
	GString *utf8;		/* scratch for runs */
	GArray *xs;		/* scratch: x of each character of a line */
	GArray *offs;		/* scratch: offsets of a run */
	GHashTable *folios;	/* document ID → folio where its title stands */
	GHashTable *reported;	/* FILE:LINE:character of errors already reported */
	char *gazette_title;
	char *issue_short;	/* 2026年第5期 */
	char *issue_long;	/* 2026年第5期（总第245期） */
	char *date_text;	/* 2026年3月15日 */
	char *ini;		/* issue.ini, for messages about its text */
} ctx;

/* A piece of text set in one style inside a box of the type area. */
typedef struct {
	const gb_style *st;
	GArray *glyphs;
	GArray *lines;
	double box_x, box_w;	/* relative to the type area's left edge */
	double indent;		/* first line, pt */
	gb_align align;
	/* Where its characters come from (tb_source): characters SRC_FIRST …
	 * SRC_FIRST + SRC_LEN - 1 of the text set are those from SRC_BASE on
	 * of the text of block SRC_LINE (cell SRC_PART) of document SRC_DOC.
	 * SRC_DOC NULL: furniture, no source. */
	const char *src_doc;
	int src_line, src_part, src_first, src_base, src_len;
} tblock;

/* The page list's font id of FACE in ROLE, registered on first use. */
int tb_font(ctx *c, int role, int face);
/* Shapes and breaks TEXT into TB: BOX_X and BOX_W relative to the type
 * area, the first line indented INDENT_EM ems.  A character no font has is
 * an error naming FILE and LINE, the place an editor can fix it. */
void tb_set(ctx *c, tblock *tb, const gb_style *st, const char *text, double box_x,
    double box_w, double indent_em, gb_align align, const char *file, int line);
/* Says where TB's characters come from (see tblock): its text's
 * characters FIRST … FIRST + LEN - 1 are the block's from BASE on (LEN -1:
 * to the end).  Every text run drawn of them gets a source record, split
 * where the characters set are not one for one those of the block. */
void tb_source(tblock *tb, const char *doc, int line, int part, int first, int base, int len);
void tb_clear(tblock *tb);
int tb_count(const tblock *tb);
/* The baseline of a line of ST whose line box starts at TOP. */
double tb_baseline(const gb_style *st, double top);
/* Narrows a centred block to the least width that keeps its line count. */
void tb_balance(tblock *tb);
/* Draws line I of TB with its top at TOP; AREA_X is the type area's left
 * edge.  *LEFT and *RIGHT (if not NULL) get the ink extent. */
void tb_emit_line(ctx *c, gb_page *page, const tblock *tb, int i, double area_x, double top,
    double *left, double *right);
/* Text outside the flow (cover, heads, colophon): one block at TOP, inside
 * structure TAG unless NULL; returns the y below it. */
double tb_draw(ctx *c, gb_page *page, const gb_style *st, const char *text, double area_x,
    double box_x, double box_w, gb_align align, double top, const char *tag);
/* A rule from (X0, Y0) to (X1, Y1), W thick, as an artifact. */
void tb_rule(ctx *c, gb_page *page, double x0, double y0, double x1, double y1, double w);

#endif
