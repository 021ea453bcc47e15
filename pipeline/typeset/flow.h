/* flow.h — the flow engine: a document as a list of elements (text blocks,
 * table rows, 目录 entries, page breaks) placed one after another onto
 * pages with the layout's keeps, widows and orphans.  Internal to typeset/. */
#ifndef GONGBAO_FLOW_H
#define GONGBAO_FLOW_H

#include "textblock.h"

typedef enum { EL_TEXT, EL_ROW, EL_TOC, EL_BREAK, EL_IMAGE } el_kind;

/* A link or a destination on one character of a text element (a
 * footnote's marker): SRC its byte offset in the text set. */
typedef struct {
	int src;
	char *link, *dest;
} el_anchor;

typedef struct table table;

typedef struct {
	el_kind kind;
	tblock tb;		/* TEXT; TOC: the entry's title */
	tblock note;		/* TOC: 发文字号 and validity */
	const char *tag;	/* structure tag of TEXT */
	const char *wrap;	/* TEXT: a tag around TAG on every page (LI around
				 * LBody, TOCI around a 目录 section's P), or NULL */
	const char *group;	/* TOC or Table: a tag around consecutive elements */
	const void *owner;	/* what the group belongs to */
	double before, after;
	gboolean keep_next;	/* keep with the first lines of the next element */
	gboolean whole;		/* never split across pages */
	gboolean rule_above, rule_below;
	gboolean at_foot;	/* set at the foot of the page (版记) */
	double rule_width;
	char *dest, *dest2;	/* destinations at its top */
	char *title_doc, *title_text;	/* a title record (TOC: the entry's) */
	char *link;		/* a link over its lines */
	char *folio;		/* TOC */
	table *tbl;		/* ROW */
	int row;
	GArray *anchors;	/* TEXT: el_anchor, NULL if none (notes.c) */
	const char *image;	/* IMAGE: the file (figure.c) */
	double img_w, img_h;	/* IMAGE: the size it is set at */
	gboolean colour;	/* IMAGE */
	const char *alt;	/* IMAGE: its alternative text, the caption */
} element;

typedef struct {
	gboolean head;
	int line;
	double height;
	tblock *cells;
} trow;

struct table {
	int ncols;
	double *colx, *colw;
	GPtrArray *rows;	/* trow* */
	int nhead;
};

typedef struct {
	ctx *c;
	gb_pages *pages;	/* where the pages go (a scratch list) */
	gb_page *page;
	gb_page_kind kind;
	int count;		/* pages made */
	int first_folio;
	double top, bottom, y, x0;
	gboolean empty;
	const char *group;	/* open group tag */
	const void *owner;
	GPtrArray *reserved;	/* pages made beforehand, used before new ones */
} flow;

/* A new element of KIND at the end of ELS, all else zero. */
element *el_push(GArray *els, el_kind kind);
/* A block of TEXT in style SID as one element, tagged TAG. */
element *el_push_text(ctx *c, GArray *els, gb_style_id sid, const char *tag, const char *text,
    const char *file, int line);
/* Frees what the elements hold and empties ELS. */
void elements_clear(GArray *els);

/* Places the elements one after another, then (flow_finish) closes the
 * open structure group. */
void flow_run(flow *f, GArray *els);
void flow_finish(flow *f);
/* Ends the page (if any) and starts the next, with its furniture. */
void flow_new_page(flow *f);
/* Opens structure GROUP of OWNER around the elements that follow, closing
 * another one; NULL closes. */
void flow_open_group(flow *f, const char *group, const void *owner);
void flow_close_group(flow *f);

#endif
