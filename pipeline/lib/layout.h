/* layout.h — a page layout (layouts/NAME.ini) in memory: the trim, margins,
 * body grid and the face, size and spacing of every element of the issue.
 * Lengths are held in points; the file may write them in mm, cm or pt. */
#ifndef GONGBAO_LAYOUT_H
#define GONGBAO_LAYOUT_H

#include <glib.h>

typedef enum { GB_ALIGN_LEFT, GB_ALIGN_CENTER, GB_ALIGN_RIGHT, GB_ALIGN_JUSTIFY } gb_align;

/* How one element is set: [body], [title], [heading1] … */
typedef struct {
	int role;		/* fonts.h GB_ROLE_* */
	double size;		/* type size, pt */
	double pitch;		/* baseline to baseline, pt */
	double tracking;	/* added to every character's advance, pt */
	gb_align align;
	double indent;		/* first-line indent, em */
	double before, after;	/* space above and below the block, pt */
} gb_style;

typedef enum {
	GB_STYLE_BODY, GB_STYLE_TITLE, GB_STYLE_NUMBER, GB_STYLE_VALIDITY,
	GB_STYLE_ADDRESSEE, GB_STYLE_H1, GB_STYLE_H2, GB_STYLE_H3, GB_STYLE_H4,
	GB_STYLE_ITEM, GB_STYLE_SIGNATURE, GB_STYLE_RELATED,
	GB_STYLE_ATTACHMENT_LABEL, GB_STYLE_ATTACHMENT_TITLE,
	GB_STYLE_TABLE, GB_STYLE_TABLE_HEAD, GB_STYLE_BANJI,
	GB_STYLE_RUNNING_HEAD, GB_STYLE_FOLIO,
	GB_STYLE_COVER_TITLE, GB_STYLE_COVER_ISSUE, GB_STYLE_COVER_LINE,
	GB_STYLE_TOC_HEADING, GB_STYLE_TOC_SECTION, GB_STYLE_TOC_ENTRY, GB_STYLE_TOC_NOTE,
	GB_STYLE_SECTION, GB_STYLE_COLOPHON_TITLE, GB_STYLE_COLOPHON,
	GB_STYLE_COUNT
} gb_style_id;

typedef struct {
	char *name;		/* gazette-a4 */
	double trim_width, trim_height, bleed;
	double margin_top, margin_bottom, margin_inner, margin_outer;
	/* the 版心 (type area) is derived from the trim and margins */
	double body_width, body_height;
	int chars_per_line;	/* 0: no character grid */
	int lines_per_page;	/* 0: the body pitch as given */
	double cjk_latin_space;	/* em */
	int widow, orphan;	/* lines a paragraph must leave at a page's head / foot */
	gboolean document_new_page;
	gboolean section_heading;	/* print the section's name before its first document */
	gboolean running_head;
	double running_head_gap;	/* baseline of the head above the type area, pt */
	double running_head_rule;	/* rule width under it, 0 none */
	double folio_gap;	/* from the foot of the type area to the folio's baseline */
	double folio_inset;	/* from the type area's outer edge, em of the folio */
	char *folio_format;	/* "— %s —" */
	double table_rule, table_frame;	/* rule widths, pt */
	double table_padding;	/* cell padding, pt */
	double banji_rule;	/* 版记 rules, pt */
	gboolean toc_validity;	/* show the validity mark in the 目录 */
	gb_style styles[GB_STYLE_COUNT];
} gb_layout;

/* Loads a layout from PATH; on error returns NULL and sets ERROR to a
 * message naming the file and the key. */
gb_layout *layout_load(const char *path, GError **error);
/* The layout NAME (layouts/NAME.ini, found by gb_data_path) or the file
 * NAME when it contains a '/' or ends in .ini. */
gb_layout *layout_find(const char *name, GError **error);
void layout_free(gb_layout *layout);

/* "12.5mm", "3 cm", "16pt", "16" (points) → points; FALSE if malformed. */
gboolean layout_parse_length(const char *text, double *points);

#endif
