/* compose.c — sets an issue's document tree into pages, in print order:
 * cover, 目录 (its pages counted by a dry run, filled in last when the
 * folios are known), the documents, the colophon.  Text goes through cjk.c
 * line by line; this file decides where blocks go: keeps, widows and
 * orphans, repeated table heads, running heads, folios, links. */
#include "compose.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cjk.h"

#define EPS 0.01

/* --- context and text blocks ------------------------------------------- */

typedef struct {
	const gb_layout *L;
	const gb_tree *tree;
	gb_fonts *fonts;
	gb_pages *out;		/* the page list: fonts are registered here */
	GHashTable *font_ids;	/* role << 8 | face → id + 1 */
	int next_font;
	int errors;
	GString *utf8;		/* scratch for runs */
	GArray *xs;		/* scratch: x of each character of a line */
	GArray *offs;		/* scratch: offsets of a run */
	GHashTable *folios;	/* document ID → folio where its title stands */
	GHashTable *reported;	/* error messages already printed */
	char *gazette_title;
	char *issue_short;	/* 2026年第5期 */
	char *issue_long;	/* 2026年第5期（总第245期） */
	char *date_text;	/* 2026年3月15日 */
	const char *ini;	/* issue.ini, for messages about its text */
} ctx;

/* A piece of text set in one style inside a box of the type area. */
typedef struct {
	const gb_style *st;
	GArray *glyphs;
	GArray *lines;
	double box_x, box_w;	/* relative to the type area's left edge */
	double indent;		/* first line, pt */
	gb_align align;
} tblock;

static int
font_id(ctx *c, int role, int face)
{
	gpointer key = GINT_TO_POINTER(role << 8 | face);
	int id = GPOINTER_TO_INT(g_hash_table_lookup(c->font_ids, key));
	if (id)
		return id - 1;
	id = c->next_font++;
	pages_add_font(c->out, id, fonts_role_name(role), fonts_face_file(c->fonts, face),
	    fonts_face_index(c->fonts, face), fonts_face_family(c->fonts, face));
	g_hash_table_insert(c->font_ids, key, GINT_TO_POINTER(id + 1));
	return id;
}

/* Shapes and breaks TEXT.  A character no font has is an error reported
 * with FILE and LINE, the place an editor can fix it. */
static void
tb_set(ctx *c, tblock *tb, const gb_style *st, const char *text, double box_x, double box_w,
    double indent_em, gb_align align, const char *file, int line)
{
	tb->st = st;
	tb->box_x = box_x;
	tb->box_w = box_w;
	tb->indent = indent_em * (st->size + st->tracking);
	tb->align = align;
	if (!tb->glyphs) {
		tb->glyphs = g_array_new(FALSE, FALSE, sizeof(gb_glyph));
		tb->lines = g_array_new(FALSE, FALSE, sizeof(gb_line));
	}
	gb_textstyle ts = { st->role, st->size, st->tracking, c->L->cjk_latin_space };
	gunichar missing = 0;
	if (!cjk_shape(c->fonts, &ts, text ? text : "", tb->glyphs, &missing)) {
		char buf[8];
		buf[g_unichar_to_utf8(missing, buf)] = '\0';
		char *msg = g_strdup_printf("%s:%d: error: 字符“%s”（U+%04X）无可用字体",
		    file ? file : "-", line > 0 ? line : 1, buf, missing);
		/* a title is set in the 目录 too: say it once */
		if (g_hash_table_add(c->reported, msg))
			fprintf(stderr, "%s\n", msg);
		c->errors++;
	}
	cjk_break(tb->glyphs, box_w - tb->indent, box_w, tb->lines);
}

static void
tb_clear(tblock *tb)
{
	if (tb->glyphs) {
		g_array_free(tb->glyphs, TRUE);
		g_array_free(tb->lines, TRUE);
	}
	tb->glyphs = tb->lines = NULL;
}

static int
tb_count(const tblock *tb)
{
	return tb->lines ? (int)tb->lines->len : 0;
}

static double
baseline(const gb_style *st, double top)
{
	/* the em box centred in the line box; the ideographic em box's
	 * middle is 0.38 em above the baseline */
	return top + st->pitch / 2 + 0.38 * st->size;
}

/* Narrows a centred block to the least width that keeps its number of
 * lines, so that a title's lines come out even. */
static void
tb_balance(tblock *tb)
{
	int n = tb_count(tb);
	if (n < 2)
		return;
	double lo = tb->box_w / n, hi = tb->box_w;
	GArray *trial = g_array_new(FALSE, FALSE, sizeof(gb_line));
	for (int i = 0; i < 14; i++) {
		double mid = (lo + hi) / 2;
		cjk_break(tb->glyphs, mid - tb->indent, mid, trial);
		if ((int)trial->len > n)
			lo = mid;
		else
			hi = mid;
	}
	cjk_break(tb->glyphs, hi - tb->indent, hi, tb->lines);
	tb->box_x += (tb->box_w - hi) / 2;
	tb->box_w = hi;
	g_array_free(trial, TRUE);
}

/* Draws line I of TB with its top at TOP; AREA_X is the type area's left
 * edge.  *LEFT and *RIGHT get the ink extent for link areas. */
static void
tb_emit_line(ctx *c, gb_page *page, const tblock *tb, int i, double area_x, double top,
    double *left, double *right)
{
	const gb_line *ln = &g_array_index(tb->lines, gb_line, i);
	const gb_glyph *gl = (const gb_glyph *)tb->glyphs->data;
	int len = ln->end - ln->start;
	g_array_set_size(c->xs, len);
	g_array_set_size(c->offs, len);
	double *xs = (double *)c->xs->data, *offs = (double *)c->offs->data;
	double m = tb->box_w - (ln->start == 0 ? tb->indent : 0);
	gboolean justify = tb->align == GB_ALIGN_JUSTIFY && !ln->last;
	if (justify) {
		/* a narrow table cell may break a line far short of its width:
		 * spread over its gaps that would leave holes; set it flush left */
		int gaps = ln->end - ln->start - 1;
		double slack = m - cjk_line_width(tb->glyphs, ln);
		justify = gaps > 0 && slack / gaps <= 0.5 * tb->st->size;
	}
	double w = cjk_place(tb->glyphs, ln, m, justify, xs);
	double x = area_x + tb->box_x + (ln->start == 0 ? tb->indent : 0);
	if (tb->align == GB_ALIGN_CENTER)
		x += (m - w) / 2;
	else if (tb->align == GB_ALIGN_RIGHT)
		x += m - w;
	if (left)
		*left = x;
	if (right)
		*right = x + w;
	double y = baseline(tb->st, top);
	int ve = ln->end;
	while (ve > ln->start + 1 && gl[ve - 1].cls == GB_CL_SPACE)
		ve--;
	for (int k = ln->start; k < ve;) {
		int face = gl[k].face, e = k;
		g_string_truncate(c->utf8, 0);
		while (e < ve && gl[e].face == face) {
			g_string_append_unichar(c->utf8, gl[e].cp);
			offs[e - k] = xs[e - ln->start] - xs[k - ln->start];
			e++;
		}
		page_add_text(c->out, page, font_id(c, tb->st->role, face), tb->st->size,
		    x + xs[k - ln->start], y, 0, c->utf8->str, offs, e - k);
		k = e;
	}
}

/* Text drawn outside the flow (cover, heads, colophon): one block at TOP,
 * returns the y below it. */
static double
draw_text(ctx *c, gb_page *page, const gb_style *st, const char *text, double area_x,
    double box_x, double box_w, gb_align align, double top, const char *tag)
{
	tblock tb = { 0 };
	tb_set(c, &tb, st, text, box_x, box_w, 0, align, c->ini, 1);
	if (tag)
		page_begin(c->out, page, tag);
	for (int i = 0; i < tb_count(&tb); i++, top += st->pitch)
		tb_emit_line(c, page, &tb, i, area_x, top, NULL, NULL);
	if (tag)
		page_end(c->out, page, tag);
	tb_clear(&tb);
	return top;
}

static void
artifact_rule(ctx *c, gb_page *page, double x0, double y0, double x1, double y1, double w)
{
	page_begin(c->out, page, "Artifact");
	page_add_rule(c->out, page, x0, y0, x1, y1, w, 0);
	page_end(c->out, page, "Artifact");
}

/* --- the flow: elements placed on pages ---------------------------------- */

typedef enum { EL_TEXT, EL_ROW, EL_TOC, EL_BREAK } el_kind;

typedef struct table table;

typedef struct {
	el_kind kind;
	tblock tb;		/* TEXT; TOC: the entry's title */
	tblock note;		/* TOC: 发文字号 and validity */
	const char *tag;	/* structure tag of TEXT */
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
	double group_bottom_rule;	/* Table: frame under its last row */
} flow;

static void
table_free(table *t)
{
	for (guint r = 0; r < t->rows->len; r++) {
		trow *row = t->rows->pdata[r];
		for (int k = 0; k < t->ncols; k++)
			tb_clear(&row->cells[k]);
		g_free(row->cells);
		g_free(row);
	}
	g_ptr_array_free(t->rows, TRUE);
	g_free(t->colx);
	g_free(t->colw);
	g_free(t);
}

static void
element_clear(element *e)
{
	tb_clear(&e->tb);
	tb_clear(&e->note);
	g_free(e->dest);
	g_free(e->dest2);
	g_free(e->title_doc);
	g_free(e->title_text);
	g_free(e->link);
	g_free(e->folio);
	/* a table is owned by its first row */
	if (e->kind == EL_ROW && e->row == 0)
		table_free(e->tbl);
}

static void
clear_elements(GArray *els)
{
	for (guint i = 0; i < els->len; i++)
		element_clear(&g_array_index(els, element, i));
	g_array_set_size(els, 0);
}

static void
close_group(flow *f)
{
	if (!f->group)
		return;
	if (strcmp(f->group, "Table") == 0) {
		const table *t = f->owner;
		double x0 = f->x0 + t->colx[0];
		double x1 = f->x0 + t->colx[t->ncols - 1] + t->colw[t->ncols - 1];
		artifact_rule(f->c, f->page, x0, f->y, x1, f->y, f->c->L->table_frame);
	}
	page_end(f->c->out, f->page, f->group);
	f->group = NULL;
	f->owner = NULL;
}

static void
open_group(flow *f, const char *group, const void *owner)
{
	if (f->group && f->owner == owner)
		return;
	close_group(f);
	if (!group)
		return;
	page_begin(f->c->out, f->page, group);
	f->group = group;
	f->owner = owner;
}

static char *
folio_text(const gb_layout *L, int folio)
{
	char num[16];
	g_snprintf(num, sizeof num, "%d", folio);
	GString *s = g_string_new("");
	const char *p = strstr(L->folio_format, "%s");
	g_string_append_len(s, L->folio_format, p - L->folio_format);
	g_string_append(s, num);
	g_string_append(s, p + 2);
	return g_string_free(s, FALSE);
}

/* Running head and folio of a body page; artifacts, not content. */
static void
page_furniture(flow *f, int folio)
{
	ctx *c = f->c;
	const gb_layout *L = c->L;
	gboolean recto = folio % 2 != 0;
	if (L->running_head) {
		const gb_style *st = &L->styles[GB_STYLE_RUNNING_HEAD];
		double top = f->top - L->running_head_gap - st->pitch / 2 - 0.38 * st->size;
		page_begin(c->out, f->page, "Artifact");
		/* the gazette's title on the outer side, the issue on the inner */
		draw_text(c, f->page, st, recto ? c->issue_short : c->gazette_title, f->x0, 0,
		    L->body_width, GB_ALIGN_LEFT, top, NULL);
		draw_text(c, f->page, st, recto ? c->gazette_title : c->issue_short, f->x0, 0,
		    L->body_width, GB_ALIGN_RIGHT, top, NULL);
		if (L->running_head_rule > 0) {
			double ry = f->top - L->running_head_gap + 0.4 * st->size;
			page_add_rule(c->out, f->page, f->x0, ry, f->x0 + L->body_width, ry,
			    L->running_head_rule, 0);
		}
		page_end(c->out, f->page, "Artifact");
	}
	const gb_style *st = &L->styles[GB_STYLE_FOLIO];
	char *text = folio_text(L, folio);
	double inset = L->folio_inset * st->size;
	double top = f->top + L->body_height + L->folio_gap - st->pitch / 2 - 0.38 * st->size;
	page_begin(c->out, f->page, "Artifact");
	draw_text(c, f->page, st, text, f->x0, recto ? 0 : inset, L->body_width - inset,
	    recto ? GB_ALIGN_RIGHT : GB_ALIGN_LEFT, top, NULL);
	page_end(c->out, f->page, "Artifact");
	g_free(text);
}

static void
new_page(flow *f)
{
	const gb_layout *L = f->c->L;
	if (f->page)
		close_group(f);
	f->count++;
	int folio = f->first_folio + f->count - 1;
	char *label, *folio_s = NULL;
	if (f->kind == GB_PAGE_BODY) {
		label = g_strdup_printf("%d", folio);
		folio_s = g_strdup(label);
	} else {
		label = g_strdup_printf("目录%d", f->count);
	}
	if (f->reserved && (guint)f->count <= f->reserved->len)
		f->page = f->reserved->pdata[f->count - 1];
	else
		f->page = pages_add_page(f->pages, f->kind, label, folio_s);
	g_free(label);
	g_free(folio_s);
	/* odd folios are rectos, bound on the left */
	gboolean recto = f->kind == GB_PAGE_BODY ? folio % 2 != 0 : f->count % 2 != 0;
	f->x0 = recto ? L->margin_inner : L->margin_outer;
	f->top = L->margin_top;
	f->bottom = L->margin_top + L->body_height;
	f->y = f->top;
	f->empty = TRUE;
	if (f->kind == GB_PAGE_BODY)
		page_furniture(f, folio);
}

/* Body-pitch lines sit on the grid: after a title or a table the next
 * body line goes to the next grid line, not half a line off it. */
static void
snap(flow *f, double pitch)
{
	const gb_layout *L = f->c->L;
	if (L->lines_per_page <= 0 || fabs(pitch - L->styles[GB_STYLE_BODY].pitch) > EPS)
		return;
	double k = ceil((f->y - f->top) / pitch - 0.02);
	f->y = f->top + k * pitch;
}

/* What the next element needs on this page for a keep: its space above
 * and its first two lines (a row, an entry: all of it). */
static double
keep_height(const element *next)
{
	switch (next->kind) {
	case EL_TEXT: {
		int n = tb_count(&next->tb);
		if (!next->whole && n > 2)
			n = 2;
		return next->before + n * next->tb.st->pitch;
	}
	case EL_ROW:
		return next->before + ((trow *)next->tbl->rows->pdata[next->row])->height;
	case EL_TOC:
		return tb_count(&next->tb) * next->tb.st->pitch
		    + (next->note.st ? tb_count(&next->note) * next->note.st->pitch : 0);
	default:
		return 0;
	}
}

static void
emit_text_lines(flow *f, element *e, int from, int n)
{
	ctx *c = f->c;
	double pitch = e->tb.st->pitch;
	if (from == 0) {
		if (e->dest)
			page_add_dest(c->out, f->page, e->dest, f->x0, f->y);
		if (e->dest2)
			page_add_dest(c->out, f->page, e->dest2, f->x0, f->y);
		if (e->title_doc) {
			page_add_title(c->out, f->page, e->title_doc, e->title_text);
			g_hash_table_replace(c->folios, g_strdup(e->title_doc),
			    g_strdup(f->page->folio ? f->page->folio : "-"));
		}
		if (e->rule_above)
			artifact_rule(c, f->page, f->x0, f->y, f->x0 + c->L->body_width, f->y,
			    e->rule_width);
	}
	if (n == 0)
		return;	/* an empty title still has its destination */
	double left = 1e9, right = -1e9, top = f->y;
	page_begin(c->out, f->page, e->tag);
	for (int i = from; i < from + n; i++) {
		double l, r;
		tb_emit_line(c, f->page, &e->tb, i, f->x0, f->y, &l, &r);
		left = MIN(left, l);
		right = MAX(right, r);
		f->y += pitch;
	}
	page_end(c->out, f->page, e->tag);
	if (e->link && n > 0)
		page_add_link(c->out, f->page, left, top, right, f->y, e->link);
	if (from + n == tb_count(&e->tb) && e->rule_below)
		artifact_rule(c, f->page, f->x0, f->y, f->x0 + c->L->body_width, f->y,
		    e->rule_width);
	f->empty = FALSE;
}

/* A short element kept with the next one: its whole height joins the
 * chain of what must stand together. */
static gboolean
short_keep(const element *e)
{
	return e->kind == EL_TEXT && e->keep_next && (e->whole || tb_count(&e->tb) <= 3);
}

/* What the elements after I that must stay with it need on the page: the
 * whole of each short kept element (title, 发文字号, heading …) and the
 * first lines of the element that ends the chain. */
static double
keep_chain(GArray *els, guint i)
{
	double h = 0;
	for (guint j = i + 1; j < els->len; j++) {
		const element *e = &g_array_index(els, element, j);
		if (e->kind == EL_BREAK)
			break;
		if (!short_keep(e) || j + 1 == els->len) {
			h += keep_height(e);
			break;
		}
		h += e->before + tb_count(&e->tb) * e->tb.st->pitch + e->after;
	}
	return h;
}

static void
place_text(flow *f, GArray *els, guint i)
{
	element *e = &g_array_index(els, element, i);
	const gb_layout *L = f->c->L;
	double pitch = e->tb.st->pitch;
	int n = tb_count(&e->tb);
	if (!f->empty)
		f->y += e->before;
	snap(f, pitch);
	if (e->whole || short_keep(e)) {
		double need = n * pitch;
		if (e->keep_next)
			need += e->after + keep_chain(els, i);
		if (f->y + need > f->bottom + EPS && !f->empty) {
			new_page(f);
			snap(f, pitch);
		}
	}
	open_group(f, e->group, e->owner);
	if (e->at_foot && f->y + n * pitch <= f->bottom + EPS)
		f->y = f->bottom - n * pitch - e->after;
	if (n == 0)
		emit_text_lines(f, e, 0, 0);
	int k = 0;
	while (k < n) {
		int avail = (int)floor((f->bottom - f->y + EPS) / pitch);
		int rem = n - k, take;
		if (avail >= rem && e->keep_next && !short_keep(e) && !f->empty
		    && f->y + rem * pitch + e->after + keep_chain(els, i) > f->bottom + EPS) {
			/* a long paragraph kept with what follows (the 落款):
			 * its last lines go over with it */
			take = rem - MAX(L->widow, 2);
			if (k == 0 && take < L->orphan)
				take = 0;
		} else if (avail >= rem || e->whole) {
			take = avail >= rem || f->empty ? rem : 0;
		} else {
			take = avail;
			if (rem - take < L->widow)
				take = rem - L->widow;
			if (k == 0 && take < L->orphan)
				take = 0;
		}
		if (take <= 0 && f->empty)
			take = avail > 0 ? MIN(avail, rem) : 1;	/* taller than a page */
		if (take > rem)
			take = rem;
		if (take > 0) {
			emit_text_lines(f, e, k, take);
			k += take;
		}
		if (k < n) {
			new_page(f);
			open_group(f, e->group, e->owner);
		}
	}
	f->y += e->after;
}

/* Draws lines [FROM, FROM + COUNT) of every cell of row R, HEIGHT high:
 * a whole row, or the part of a row too tall for a page that fits on this
 * one. */
static void
draw_row_lines(flow *f, const table *t, const trow *r, int from, int count, double height)
{
	ctx *c = f->c;
	const gb_layout *L = c->L;
	if (f->owner != t) {
		open_group(f, "Table", t);
		artifact_rule(c, f->page, f->x0 + t->colx[0], f->y,
		    f->x0 + t->colx[t->ncols - 1] + t->colw[t->ncols - 1], f->y, L->table_frame);
	}
	double top = f->y;
	page_begin(c->out, f->page, "TR");
	for (int k = 0; k < t->ncols; k++) {
		const tblock *cell = &r->cells[k];
		page_begin(c->out, f->page, r->head ? "TH" : "TD");
		double y = top + L->table_padding;
		int end = MIN(tb_count(cell), from + count);
		for (int i = from; i < end; i++, y += cell->st->pitch)
			tb_emit_line(c, f->page, cell, i, f->x0, y, NULL, NULL);
		page_end(c->out, f->page, r->head ? "TH" : "TD");
	}
	page_end(c->out, f->page, "TR");
	double bottom = top + height;
	page_begin(c->out, f->page, "Artifact");
	for (int k = 0; k <= t->ncols; k++) {
		double x = f->x0 + (k < t->ncols ? t->colx[k] : t->colx[k - 1] + t->colw[k - 1]);
		double w = k == 0 || k == t->ncols ? L->table_frame : L->table_rule;
		page_add_rule(c->out, f->page, x, top, x, bottom, w, 0);
	}
	page_add_rule(c->out, f->page, f->x0 + t->colx[0], bottom,
	    f->x0 + t->colx[t->ncols - 1] + t->colw[t->ncols - 1], bottom,
	    L->table_rule, 0);
	page_end(c->out, f->page, "Artifact");
	f->y = bottom;
	f->empty = FALSE;
}

static void
draw_row(flow *f, const table *t, const trow *r)
{
	draw_row_lines(f, t, r, 0, INT_MAX, r->height);
}

/* A new page for the rest of a table: the head rows again on top. */
static void
table_page(flow *f, const table *t)
{
	new_page(f);
	for (int i = 0; i < t->nhead; i++)
		draw_row(f, t, t->rows->pdata[i]);
}

static double
head_height(const table *t)
{
	double h = 0;
	for (int i = 0; i < t->nhead; i++)
		h += ((trow *)t->rows->pdata[i])->height;
	return h;
}

/* The lines of row R and their pitch (the largest of its cells'). */
static int
row_lines(const trow *r, int ncols, double *pitch)
{
	int n = 0;
	*pitch = 0;
	for (int k = 0; k < ncols; k++) {
		n = MAX(n, tb_count(&r->cells[k]));
		if (r->cells[k].st)
			*pitch = MAX(*pitch, r->cells[k].st->pitch);
	}
	return n;
}

/* A row taller than a page is the one row that splits: as many of its
 * lines as fit on each page, the head rows repeated above the rest. */
static void
place_tall_row(flow *f, const table *t, const trow *r)
{
	double pad = f->c->L->table_padding, pitch;
	int n = row_lines(r, t->ncols, &pitch), done = 0;
	while (done < n) {
		int fit = pitch > 0 ? (int)floor((f->bottom - f->y - 2 * pad + EPS) / pitch) : n;
		if (fit <= 0 && !f->empty) {
			table_page(f, t);
			continue;
		}
		int take = MIN(MAX(fit, 1), n - done);
		draw_row_lines(f, t, r, done, take, take * pitch + 2 * pad);
		done += take;
		if (done < n)
			table_page(f, t);
	}
}

static void
place_row(flow *f, element *e, const element *next)
{
	const table *t = e->tbl;
	const trow *r = t->rows->pdata[e->row];
	if (e->row == 0 && !f->empty)
		f->y += e->before;
	double room = f->bottom - f->top - (r->head ? 0 : head_height(t));
	gboolean tall = !r->head && r->height > room + EPS;
	double need = tall ? 0 : r->height;
	if (e->keep_next && next && next->kind == EL_ROW) {
		/* the head keeps with the first body row, or with the first
		 * lines of one too tall for any page */
		const trow *nr = next->tbl->rows->pdata[next->row];
		double pitch;
		row_lines(nr, t->ncols, &pitch);
		need += nr->height > room ? pitch + 2 * f->c->L->table_padding : nr->height;
	}
	if (f->y + need > f->bottom + EPS && !f->empty) {
		if (r->head)
			new_page(f);
		else
			table_page(f, t);
	}
	if (tall)
		place_tall_row(f, t, r);
	else
		draw_row(f, t, r);
	if (e->row + 1 == (int)t->rows->len) {
		close_group(f);
		f->y += e->after;
	}
}

static void
place_toc(flow *f, element *e)
{
	ctx *c = f->c;
	double h = keep_height(e);
	if (f->y + h > f->bottom + EPS && !f->empty)
		new_page(f);
	open_group(f, e->group, e->owner);
	double top = f->y, left = 1e9, right = -1e9;
	page_begin(c->out, f->page, "TOCI");
	page_add_toc(c->out, f->page, e->title_doc, e->folio, e->title_text);
	int n = tb_count(&e->tb);
	const gb_style *st = e->tb.st;
	for (int i = 0; i < n; i++) {
		double l, r;
		tb_emit_line(c, f->page, &e->tb, i, f->x0, f->y, &l, &r);
		left = MIN(left, l);
		right = MAX(right, r);
		if (i == n - 1) {
			/* dot leaders from the title to the folio, on a common
			 * half-em grid so that the dots of all entries line up */
			tblock fb = { 0 };
			tb_set(c, &fb, st, e->folio, 0, c->L->body_width, 0, GB_ALIGN_RIGHT,
			    c->ini, 1);
			double fl, fr;
			tb_emit_line(c, f->page, &fb, 0, f->x0, f->y, &fl, &fr);
			tb_clear(&fb);
			double step = st->size / 2;
			double x = f->x0 + ceil((r + st->size / 2 - f->x0) / step) * step;
			GString *dots = g_string_new("");
			GArray *offs = g_array_new(FALSE, FALSE, sizeof(double));
			double x1 = fl - st->size / 2;
			for (double d = x; d + st->size * 0.3 <= x1; d += step) {
				double off = d - x;
				g_string_append_c(dots, '.');
				g_array_append_val(offs, off);
			}
			if (offs->len > 0) {
				int face = fonts_face_for(c->fonts, st->role, '.');
				page_add_text(c->out, f->page, font_id(c, st->role, face), st->size, x,
				    baseline(st, f->y), 0, dots->str, (double *)offs->data,
				    (int)offs->len);
			}
			g_string_free(dots, TRUE);
			g_array_free(offs, TRUE);
			right = MAX(right, fr);
		}
		f->y += st->pitch;
	}
	for (int i = 0; i < tb_count(&e->note); i++) {
		tb_emit_line(c, f->page, &e->note, i, f->x0, f->y, NULL, NULL);
		f->y += e->note.st->pitch;
	}
	page_end(c->out, f->page, "TOCI");
	page_add_link(c->out, f->page, left, top, right, f->y, e->link);
	f->empty = FALSE;
}

/* Places the elements one after another. */
static void
flow_run(flow *f, GArray *els)
{
	for (guint i = 0; i < els->len; i++) {
		element *e = &g_array_index(els, element, i);
		const element *next = i + 1 < els->len ? &g_array_index(els, element, i + 1) : NULL;
		if (!f->page && e->kind != EL_BREAK)
			new_page(f);
		switch (e->kind) {
		case EL_BREAK:
			if (!f->page || !f->empty)
				new_page(f);
			break;
		case EL_TEXT:
			if (!e->group)
				close_group(f);
			place_text(f, els, i);
			break;
		case EL_ROW:
			place_row(f, e, next);
			break;
		case EL_TOC:
			place_toc(f, e);
			break;
		}
	}
}

static void
flow_finish(flow *f)
{
	if (f->page)
		close_group(f);
}

/* --- documents into elements --------------------------------------------- */

static element *
push(GArray *els, el_kind kind)
{
	element e = { 0 };
	e.kind = kind;
	g_array_append_val(els, e);
	return &g_array_index(els, element, els->len - 1);
}

/* A block of text in style SID as one element. */
static element *
push_text(ctx *c, GArray *els, gb_style_id sid, const char *tag, const char *text,
    const char *file, int line)
{
	const gb_style *st = &c->L->styles[sid];
	element *e = push(els, EL_TEXT);
	e->tag = tag;
	e->before = st->before;
	e->after = st->after;
	tb_set(c, &e->tb, st, text, 0, c->L->body_width, st->indent, st->align, file, line);
	return e;
}

/* The title as printed: the parser insists on one, but a hand-written
 * tree may lack it, and an entry of the 目录 needs words to link. */
static const char *
document_title(const gb_document *doc)
{
	const char *t = document_meta(doc, "title");
	return t && *t ? t : "（无标题）";
}

static int
meta_line(const gb_document *doc, const char *key)
{
	const gb_meta *m = document_meta_entry(doc, key);
	return m ? m->line : doc->line;
}

/* Lines a table takes when its columns are W wide: each row as tall as
 * its fullest cell, a cell's lines estimated from its one-line width. */
static double
table_lines(const double *cell, int nrows, int ncols, const double *w, double pad)
{
	double total = 0;
	for (int r = 0; r < nrows; r++) {
		double most = 1;
		for (int k = 0; k < ncols; k++)
			most = MAX(most, ceil((cell[r * ncols + k] - pad) / (w[k] - pad) - 1e-6));
		total += most;
	}
	return total;
}

/* Column widths: each column gets at least its widest unbreakable piece;
 * the rest of the measure goes an em at a time to the column where it
 * saves the most lines, so that 序号 and 文号 stay on one line and the long
 * columns share what is left. */
static void
table_columns(ctx *c, table *t, const gb_block *b)
{
	const gb_layout *L = c->L;
	double pad = 2 * L->table_padding;
	int nrows = (int)b->rows->len, ncols = t->ncols;
	double *want = g_new0(double, ncols), *least = g_new0(double, ncols);
	double *cell = g_new0(double, (gsize)nrows * ncols);
	for (int r = 0; r < nrows; r++) {
		const gb_row *row = b->rows->pdata[r];
		for (int k = 0; k < ncols; k++) {
			tblock tb = { 0 };
			const gb_style *st = &L->styles[row->head ? GB_STYLE_TABLE_HEAD : GB_STYLE_TABLE];
			tb_set(c, &tb, st, row->cells[k], 0, 1e6, 0, GB_ALIGN_LEFT, NULL, 0);
			double w = tb_count(&tb) ? cjk_line_width(tb.glyphs, &g_array_index(tb.lines, gb_line, 0)) : 0;
			cell[r * ncols + k] = w + pad;
			want[k] = MAX(want[k], w + pad);
			least[k] = MAX(least[k], cjk_widest_unit(tb.glyphs) + pad);
			tb_clear(&tb);
		}
	}
	double total = 0, total_least = 0, m = L->body_width;
	for (int k = 0; k < ncols; k++) {
		least[k] = MAX(least[k], 2 * L->styles[GB_STYLE_TABLE].size + pad);
		want[k] = MAX(want[k], least[k]);
		total += want[k];
		total_least += least[k];
	}
	if (total <= m || total_least >= m) {
		for (int k = 0; k < ncols; k++)
			t->colw[k] = total <= m ? want[k] * m / total : least[k] * m / total_least;
	} else {
		double step = L->styles[GB_STYLE_TABLE].size, left = m - total_least;
		for (int k = 0; k < ncols; k++)
			t->colw[k] = least[k];
		while (left > EPS) {
			/* the widening (up to ten steps) that saves the most lines
			 * for its width: a column may need two ems before its
			 * cells lose a line */
			double now = table_lines(cell, nrows, ncols, t->colw, pad);
			int best = -1;
			double best_rate = 0, best_d = 0;
			for (int k = 0; k < ncols; k++) {
				double need = want[k] - t->colw[k];
				for (int n = 1; n <= 10 && need > EPS; n++) {
					double d = MIN(n * step, MIN(left, need));
					t->colw[k] += d;
					double rate = (now - table_lines(cell, nrows, ncols, t->colw, pad)) / d;
					t->colw[k] -= d;
					if (rate > best_rate + 1e-9) {
						best = k;
						best_rate = rate;
						best_d = d;
					}
					if (d >= MIN(left, need))
						break;
				}
			}
			if (best < 0) {
				/* no line to save: to the column furthest from its want */
				for (int k = 0; k < ncols; k++)
					if (want[k] - t->colw[k] > EPS
					    && (best < 0 || want[k] - t->colw[k] > want[best] - t->colw[best]))
						best = k;
				if (best < 0)
					break;
				best_d = MIN(step, MIN(left, want[best] - t->colw[best]));
			}
			t->colw[best] += best_d;
			left -= best_d;
		}
		/* every column has what it wants: the rest in proportion */
		double sum = 0;
		for (int k = 0; k < ncols; k++)
			sum += t->colw[k];
		for (int k = 0; k < ncols; k++)
			t->colw[k] *= m / sum;
	}
	double x = 0;
	for (int k = 0; k < ncols; k++) {
		t->colx[k] = x;
		x += t->colw[k];
	}
	g_free(want);
	g_free(least);
	g_free(cell);
}

static void
push_table(ctx *c, GArray *els, const gb_document *doc, const gb_block *b)
{
	const gb_layout *L = c->L;
	if (b->ncols <= 0 || !b->rows || b->rows->len == 0)
		return;
	table *t = g_new0(table, 1);
	t->ncols = b->ncols;
	t->colx = g_new0(double, t->ncols);
	t->colw = g_new0(double, t->ncols);
	t->rows = g_ptr_array_new();
	table_columns(c, t, b);
	for (guint r = 0; r < b->rows->len; r++) {
		const gb_row *src = b->rows->pdata[r];
		trow *row = g_new0(trow, 1);
		row->head = src->head;
		row->line = src->line;
		if (src->head && (int)r == t->nhead)
			t->nhead++;
		row->cells = g_new0(tblock, t->ncols);
		int lines = 1;
		const gb_style *st = &L->styles[src->head ? GB_STYLE_TABLE_HEAD : GB_STYLE_TABLE];
		for (int k = 0; k < t->ncols; k++) {
			char a = b->align && (int)strlen(b->align) > k ? b->align[k] : '-';
			gb_align al = src->head ? st->align : a == 'c' ? GB_ALIGN_CENTER
			    : a == 'r' ? GB_ALIGN_RIGHT : GB_ALIGN_JUSTIFY;
			tb_set(c, &row->cells[k], st, src->cells[k], t->colx[k] + L->table_padding,
			    t->colw[k] - 2 * L->table_padding, 0, al, doc->file, src->line);
			lines = MAX(lines, tb_count(&row->cells[k]));
		}
		row->height = lines * st->pitch + 2 * L->table_padding;
		g_ptr_array_add(t->rows, row);
	}
	const gb_style *ts = &L->styles[GB_STYLE_TABLE];
	for (guint r = 0; r < t->rows->len; r++) {
		element *e = push(els, EL_ROW);
		e->tbl = t;
		e->row = (int)r;
		e->before = ts->before > 0 ? ts->before : L->styles[GB_STYLE_BODY].pitch / 2;
		e->after = ts->after > 0 ? ts->after : L->styles[GB_STYLE_BODY].pitch / 2;
		/* the head rows stay with the first body row */
		e->keep_next = ((trow *)t->rows->pdata[r])->head;
	}
}

static char *
with_colon(const char *to)
{
	if (g_str_has_suffix(to, "："))
		return g_strdup(to);
	if (g_str_has_suffix(to, ":"))
		return g_strdup_printf("%.*s：", (int)strlen(to) - 1, to);
	return g_strdup_printf("%s：", to);
}

/* 附件 / 附件1 / 附件：标题 / 附件1：标题 → the label and the title. */
static void
split_attachment(const char *text, char **label, char **title)
{
	const char *p = text + strlen("附件");
	while (*p && (g_ascii_isdigit(*p) || *p == '.' || *p == '-'))
		p++;
	*label = g_strndup(text, p - text);
	while (*p == ' ' || *p == ':')
		p++;
	if (g_str_has_prefix(p, "："))
		p += strlen("：");
	if (g_str_has_prefix(p, "　"))
		p += strlen("　");
	*title = *p ? g_strdup(p) : NULL;
}

static void
push_signature(ctx *c, GArray *els, const gb_document *doc)
{
	const gb_layout *L = c->L;
	const char *issuer = document_meta(doc, "issuer");
	const char *date = document_meta(doc, "date-text");
	if (!date)
		date = document_meta(doc, "date");
	const gb_style *st = &L->styles[GB_STYLE_SIGNATURE];
	/* GB/T 9704: the date right-aligned, [signature] indent characters in
	 * from the right edge; the issuer centred over the date */
	double right = L->body_width - st->indent * (st->size + st->tracking);
	tblock probe = { 0 };
	double dw = 0;
	if (date) {
		tb_set(c, &probe, st, date, 0, right, 0, GB_ALIGN_RIGHT, doc->file,
		    meta_line(doc, "date"));
		dw = tb_count(&probe) ? cjk_line_width(probe.glyphs,
		    &g_array_index(probe.lines, gb_line, 0)) : 0;
		tb_clear(&probe);
	}
	if (issuer) {
		element *e = push(els, EL_TEXT);
		e->tag = "P";
		e->before = st->before;
		e->whole = TRUE;
		e->keep_next = date != NULL;
		tb_set(c, &probe, st, issuer, 0, L->body_width, 0, GB_ALIGN_LEFT, doc->file,
		    meta_line(doc, "issuer"));
		double iw = tb_count(&probe) ? cjk_line_width(probe.glyphs,
		    &g_array_index(probe.lines, gb_line, 0)) : 0;
		tb_clear(&probe);
		double centre = date ? right - dw / 2 : right - iw / 2;
		double x = MAX(0, MIN(centre - iw / 2, L->body_width - iw));
		tb_set(c, &e->tb, st, issuer, x, MIN(iw + 0.5, L->body_width - x), 0,
		    GB_ALIGN_CENTER, doc->file, meta_line(doc, "issuer"));
	}
	if (date) {
		element *d = push(els, EL_TEXT);
		d->tag = "P";
		d->whole = TRUE;
		d->before = issuer ? 0 : st->before;
		d->after = st->after;
		tb_set(c, &d->tb, st, date, 0, right, 0, GB_ALIGN_RIGHT, doc->file,
		    meta_line(doc, "date"));
	}
}

/* The 落款 unless the document has `signature: none`, kept with the line
 * before it: no page holds the 落款 alone (GB/T 9704). */
static void
push_signoff(ctx *c, GArray *els, const gb_document *doc)
{
	const char *sig = document_meta(doc, "signature");
	if (sig && strcmp(sig, "none") == 0)
		return;
	element *last = els->len ? &g_array_index(els, element, els->len - 1) : NULL;
	if (last && last->kind == EL_TEXT)
		last->keep_next = TRUE;
	push_signature(c, els, doc);
}

static const gb_document *
find_doc(const ctx *c, const char *id)
{
	return id ? tree_find_document(c->tree, id) : NULL;
}

/* 第…章 or 第…节 at the start of a heading. */
static gboolean
is_chapter(const char *text)
{
	if (!text || !g_str_has_prefix(text, "第"))
		return FALSE;
	const char *p = text + strlen("第");
	for (int i = 0; i < 6 && *p; i++, p = g_utf8_next_char(p))
		if (g_str_has_prefix(p, "章") || g_str_has_prefix(p, "节") || g_str_has_prefix(p, "编"))
			return TRUE;
	return FALSE;
}

/* The document as elements, in reading order. */
static void
document_elements(ctx *c, GArray *els, const gb_document *doc, gboolean first_in_section,
    int section_no, gboolean first_doc)
{
	const gb_layout *L = c->L;
	const char *title = document_title(doc);
	char *sec_dest = first_in_section ? g_strdup_printf("sec-%d", section_no) : NULL;
	if (!first_doc && L->document_new_page)
		push(els, EL_BREAK);
	if (first_in_section && L->section_heading) {
		element *e = push_text(c, els, GB_STYLE_SECTION, "H1", doc->section, doc->file, doc->line);
		e->keep_next = TRUE;
		e->rule_below = TRUE;
		e->rule_width = L->running_head_rule > 0 ? L->running_head_rule : 0.5;
		e->dest = sec_dest;
		sec_dest = NULL;
	}

	const gb_style *ts = &L->styles[GB_STYLE_TITLE];
	element *t = push(els, EL_TEXT);
	t->tag = "Title";
	t->before = ts->before;
	t->after = ts->after;
	t->keep_next = TRUE;
	t->whole = TRUE;
	double inset = 2 * ts->size;
	tb_set(c, &t->tb, ts, title, inset / 2, L->body_width - inset, 0, GB_ALIGN_CENTER,
	    doc->file, meta_line(doc, "title"));
	tb_balance(&t->tb);
	t->dest = g_strdup_printf("doc-%s", doc->id);
	t->dest2 = sec_dest;
	t->title_doc = g_strdup(doc->id);
	t->title_text = g_strdup(title);

	const char *number = document_meta(doc, "number");
	if (number) {
		element *e = push_text(c, els, GB_STYLE_NUMBER, "P", number, doc->file,
		    meta_line(doc, "number"));
		e->keep_next = e->whole = TRUE;
	}
	const char *validity = document_meta(doc, "validity");
	if (validity) {
		char *v = g_strdup_printf("（%s）", validity);
		element *e = push_text(c, els, GB_STYLE_VALIDITY, "P", v, doc->file,
		    meta_line(doc, "validity"));
		e->keep_next = e->whole = TRUE;
		g_free(v);
	}
	/* 政策解读 and the document it interprets point at each other: the
	 * same words in both editions, the link an area over them */
	const char *interprets = document_meta(doc, "interprets");
	if (interprets) {
		const char *it = document_meta(doc, "interprets-title");
		const char *iid = document_meta(doc, "interprets-id");
		char *s = it ? g_strdup_printf("解读文件：《%s》（%s）", it, interprets)
		    : g_strdup_printf("解读文件：%s", interprets);
		element *e = push_text(c, els, GB_STYLE_RELATED, "P", s, doc->file,
		    meta_line(doc, "interprets"));
		e->tb.align = GB_ALIGN_CENTER;
		tb_balance(&e->tb);
		e->keep_next = e->whole = TRUE;
		if (iid && find_doc(c, iid))
			e->link = g_strdup_printf("doc-%s", iid);
		g_free(s);
	}
	for (guint i = 0; i < doc->meta->len; i++) {
		const gb_meta *m = doc->meta->pdata[i];
		const gb_document *by = strcmp(m->key, "interpreted-by") == 0 ? find_doc(c, m->value) : NULL;
		if (!by)
			continue;
		const char *bt = document_meta(by, "title");
		char *s = g_strdup_printf("相关解读：《%s》", bt ? bt : by->id);
		element *e = push_text(c, els, GB_STYLE_RELATED, "P", s, doc->file, doc->line);
		e->tb.align = GB_ALIGN_CENTER;
		tb_balance(&e->tb);
		e->keep_next = e->whole = TRUE;
		e->link = g_strdup_printf("doc-%s", by->id);
		g_free(s);
	}

	const char *to = document_meta(doc, "to");
	if (to) {
		char *s = with_colon(to);
		element *e = push_text(c, els, GB_STYLE_ADDRESSEE, "P", s, doc->file, meta_line(doc, "to"));
		e->keep_next = TRUE;
		g_free(s);
	}

	static const gb_style_id heading_style[] = { GB_STYLE_H1, GB_STYLE_H2, GB_STYLE_H3, GB_STYLE_H4 };
	static const char *const heading_tag[] = { "H1", "H2", "H3", "H4" };
	gboolean signed_off = FALSE;
	for (guint i = 0; i < doc->blocks->len; i++) {
		const gb_block *b = doc->blocks->pdata[i];
		/* GB/T 9704: the 落款 closes the body; the attachments follow it,
		 * each on a new page, and the 版记 comes after them */
		if (b->kind == GB_BLOCK_ATTACHMENT && !signed_off) {
			push_signoff(c, els, doc);
			signed_off = TRUE;
		}
		switch (b->kind) {
		case GB_BLOCK_PARA:
			push_text(c, els, GB_STYLE_BODY, "P", b->text, doc->file, b->line);
			break;
		case GB_BLOCK_HEADING: {
			int lv = CLAMP(b->level, 1, 4) - 1;
			element *e = push_text(c, els, heading_style[lv], heading_tag[lv], b->text,
			    doc->file, b->line);
			e->keep_next = TRUE;
			/* 第一章　总则, 第二节　…: the chapters of a regulation
			 * stand centred, as they do in print */
			if (lv == 0 && is_chapter(b->text)) {
				e->tb.align = GB_ALIGN_CENTER;
				e->tb.indent = 0;
				cjk_break(e->tb.glyphs, L->body_width, L->body_width, e->tb.lines);
			}
			break;
		}
		case GB_BLOCK_ITEM: {
			char *s = g_strdup_printf("%s%s%s", b->marker ? b->marker : "",
			    b->marker && g_ascii_isdigit(b->marker[0]) ? "" : " ", b->text ? b->text : "");
			push_text(c, els, GB_STYLE_ITEM, "P", s, doc->file, b->line);
			g_free(s);
			break;
		}
		case GB_BLOCK_ATTACHMENT: {
			char *label, *atitle;
			split_attachment(b->text ? b->text : "附件", &label, &atitle);
			push(els, EL_BREAK);
			element *e = push_text(c, els, GB_STYLE_ATTACHMENT_LABEL, "P", label, doc->file, b->line);
			e->keep_next = TRUE;
			if (atitle) {
				e = push_text(c, els, GB_STYLE_ATTACHMENT_TITLE, "H1", atitle, doc->file, b->line);
				tb_balance(&e->tb);
				e->keep_next = TRUE;
				e->whole = TRUE;
			}
			g_free(label);
			g_free(atitle);
			break;
		}
		case GB_BLOCK_TABLE:
			push_table(c, els, doc, b);
			break;
		}
	}

	if (!signed_off)
		push_signoff(c, els, doc);

	const char *cc = document_meta(doc, "cc");
	if (cc) {
		const gb_style *bs = &L->styles[GB_STYLE_BANJI];
		char *s = g_strdup_printf("抄送：%s", cc);
		element *e = push(els, EL_TEXT);
		e->tag = "P";
		e->before = bs->before;
		e->after = bs->after;
		e->whole = TRUE;
		e->rule_above = e->rule_below = TRUE;
		e->rule_width = L->banji_rule;
		/* GB/T 9704: the 版记 ends on the last line of the last page */
		e->at_foot = L->document_new_page;
		/* 版记: one character in from either side, a second line under
		 * the first character after the colon (GB/T 9704) */
		double em = bs->size + bs->tracking;
		tb_set(c, &e->tb, bs, s, 4 * em, L->body_width - 5 * em, -3, GB_ALIGN_JUSTIFY,
		    doc->file, meta_line(doc, "cc"));
		g_free(s);
	}
}

/* --- the 目录 ------------------------------------------------------------- */

static void
toc_elements(ctx *c, GArray *els)
{
	const gb_layout *L = c->L;
	element *h = push_text(c, els, GB_STYLE_TOC_HEADING, "H1", "目　录", c->ini, 1);
	h->tb.align = GB_ALIGN_CENTER;
	h->keep_next = TRUE;
	static const int toc_owner;	/* the TOC group: one for the whole 目录 */
	for (guint s = 0; s < c->tree->sections->len; s++) {
		const gb_section *sec = c->tree->sections->pdata[s];
		if (sec->documents->len == 0)
			continue;
		element *e = push_text(c, els, GB_STYLE_TOC_SECTION, "TOCI", sec->name, c->ini, 1);
		e->group = "TOC";
		e->owner = &toc_owner;
		e->keep_next = TRUE;
		e->whole = TRUE;
		for (guint d = 0; d < sec->documents->len; d++) {
			const gb_document *doc = sec->documents->pdata[d];
			const char *title = document_title(doc);
			const char *folio = g_hash_table_lookup(c->folios, doc->id);
			const gb_style *st = &L->styles[GB_STYLE_TOC_ENTRY];
			const gb_style *ns = &L->styles[GB_STYLE_TOC_NOTE];
			element *t = push(els, EL_TOC);
			t->group = "TOC";
			t->owner = &toc_owner;
			t->title_doc = g_strdup(doc->id);
			t->title_text = g_strdup(title);
			t->folio = g_strdup(folio ? folio : "?");
			t->link = g_strdup_printf("doc-%s", doc->id);
			double em = st->size + st->tracking;
			/* room on the right for the leaders and the folio: the
			 * last line of a long title keeps them */
			double folio_room = 4 * em;
			tb_set(c, &t->tb, st, t->title_text, em, L->body_width - em - folio_room,
			    0, GB_ALIGN_LEFT, doc->file, meta_line(doc, "title"));
			const char *number = document_meta(doc, "number");
			const char *validity = L->toc_validity ? document_meta(doc, "validity") : NULL;
			if (number || validity) {
				char *note = g_strdup_printf("%s%s%s%s%s", number ? number : "",
				    number && validity ? "　" : "", validity ? "（" : "",
				    validity ? validity : "", validity ? "）" : "");
				tb_set(c, &t->note, ns, note, 2 * em, L->body_width - 2 * em - folio_room,
				    0, GB_ALIGN_LEFT, doc->file, meta_line(doc, number ? "number" : "validity"));
				g_free(note);
			}
		}
	}
}

/* --- cover and colophon --------------------------------------------------- */

/* 本期要目 on the cover between TOP and BOTTOM: the sections and their
 * documents' titles, as many as fit, in a ruled box. */
static void
cover_contents(ctx *c, gb_page *p, double x0, double top, double bottom)
{
	const gb_layout *L = c->L;
	const gb_style *hs = &L->styles[GB_STYLE_TOC_SECTION];
	const gb_style *es = &L->styles[GB_STYLE_TOC_ENTRY];
	double pad = es->size * 2, w = L->body_width;
	double y = top + pad;
	if (y + 3 * hs->pitch + es->pitch > bottom)
		return;
	double box_top = top;
	y = draw_text(c, p, hs, "本期要目", x0, 0, w, GB_ALIGN_CENTER, y, "H1");
	y += es->pitch / 2;
	for (guint s = 0; s < c->tree->sections->len; s++) {
		const gb_section *sec = c->tree->sections->pdata[s];
		if (!sec->documents->len)
			continue;
		if (y + hs->pitch + es->pitch > bottom - pad)
			break;
		y = draw_text(c, p, hs, sec->name, x0, pad, w - 2 * pad, GB_ALIGN_LEFT, y, "P");
		for (guint d = 0; d < sec->documents->len; d++) {
			const gb_document *doc = sec->documents->pdata[d];
			const char *title = document_meta(doc, "title");
			tblock tb = { 0 };
			tb_set(c, &tb, es, title ? title : "", 0, w - 4 * pad, 0, GB_ALIGN_LEFT,
			    doc->file, meta_line(doc, "title"));
			int n = tb_count(&tb);
			tb_clear(&tb);
			if (y + n * es->pitch > bottom - pad)
				break;
			y = draw_text(c, p, es, title ? title : "", x0, 2 * pad, w - 4 * pad,
			    GB_ALIGN_LEFT, y, "P");
		}
	}
	y += pad / 2;
	page_begin(c->out, p, "Artifact");
	page_add_rule(c->out, p, x0, box_top, x0 + w, box_top, 0.75, 0);
	page_add_rule(c->out, p, x0, y, x0 + w, y, 0.75, 0);
	page_end(c->out, p, "Artifact");
}

static void
cover_page(ctx *c)
{
	const gb_layout *L = c->L;
	gb_page *p = pages_add_page(c->out, GB_PAGE_COVER, "封面", NULL);
	double x0 = L->margin_inner, w = L->body_width;
	const gb_style *ts = &L->styles[GB_STYLE_COVER_TITLE];
	double y = L->margin_top + L->body_height * 0.12;
	y = draw_text(c, p, ts, c->gazette_title, x0, 0, w, GB_ALIGN_CENTER, y, "Title");
	/* two rules, heavy over light, as gazette covers have them */
	y += ts->pitch / 3;
	artifact_rule(c, p, x0, y, x0 + w, y, 2.5);
	artifact_rule(c, p, x0, y + 4, x0 + w, y + 4, 0.75);
	y += ts->pitch / 2;
	const char *year = tree_issue(c->tree, "year"), *number = tree_issue(c->tree, "number");
	const char *cum = tree_issue(c->tree, "cumulative");
	char *issue = g_strdup_printf("%s年 第%s期%s%s%s", year ? year : "", number ? number : "",
	    cum ? "（总第" : "", cum ? cum : "", cum ? "期）" : "");
	y = draw_text(c, p, &L->styles[GB_STYLE_COVER_ISSUE], issue, x0, 0, w, GB_ALIGN_CENTER,
	    y, "P");
	g_free(issue);
	const gb_style *ls = &L->styles[GB_STYLE_COVER_LINE];
	if (c->date_text) {
		char *d = g_strdup_printf("%s出版", c->date_text);
		y = draw_text(c, p, ls, d, x0, 0, w, GB_ALIGN_CENTER, y, "P");
		g_free(d);
	}
	const char *publisher = tree_gazette(c->tree, "publisher");
	const char *serial = tree_gazette(c->tree, "serial");
	double foot = L->margin_top + L->body_height - 3 * ls->pitch;
	cover_contents(c, p, x0, y + 2 * ls->pitch, foot - ls->pitch);
	/* publisher and serial at the foot */
	if (publisher) {
		char *s = g_strdup_printf("%s　主办", publisher);
		draw_text(c, p, ls, s, x0, 0, w, GB_ALIGN_CENTER, foot, "P");
		g_free(s);
	}
	if (serial)
		draw_text(c, p, ls, serial, x0, 0, w, GB_ALIGN_CENTER, foot + ls->pitch, "P");
}

static void
back_page(ctx *c)
{
	const gb_layout *L = c->L;
	/* the back of the last sheet: its inner margin is on the right */
	gb_page *p = pages_add_page(c->out, GB_PAGE_BACK, "封底", NULL);
	double x0 = L->margin_outer, w = L->body_width;
	const gb_style *cs = &L->styles[GB_STYLE_COLOPHON];
	const gb_style *hs = &L->styles[GB_STYLE_COLOPHON_TITLE];
	const char *keys[][2] = {
		{ "编　　辑：", "editor" }, { "出版单位：", "publisher" },
		{ "地　　址：", "address" }, { "国内统一刊号：", "serial" },
	};
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(lines, g_strdup_printf("%s　%s出版", c->issue_long, c->date_text ? c->date_text : ""));
	for (guint i = 0; i < G_N_ELEMENTS(keys); i++) {
		const char *v = tree_gazette(c->tree, keys[i][1]);
		if (v)
			g_ptr_array_add(lines, g_strdup_printf("%s%s", keys[i][0], v));
	}
	if (c->date_text)
		g_ptr_array_add(lines, g_strdup_printf("印刷日期：%s", c->date_text));
	const char *range = tree_gazette(c->tree, "distribution");
	g_ptr_array_add(lines, g_strdup_printf("发放范围：%s", range ? range
	    : "本市各级国家机关、档案馆、公共图书馆、政务服务大厅及政府信息公开查阅点"));
	g_ptr_array_add(lines, g_strdup("本刊纸质版与电子版同步发行，电子版可在本级政府门户网站查阅、下载。"));

	double inner = 2 * cs->size;
	double height = hs->pitch + hs->after + inner;
	for (guint i = 0; i < lines->len; i++) {
		tblock tb = { 0 };
		tb_set(c, &tb, cs, lines->pdata[i], 0, w - 2 * inner, 0, GB_ALIGN_LEFT, c->ini, 1);
		height += tb_count(&tb) * cs->pitch;
		tb_clear(&tb);
	}
	double top = L->margin_top + L->body_height - height - inner;
	page_begin(c->out, p, "Artifact");
	page_add_rule(c->out, p, x0, top, x0 + w, top, 1, 0);
	page_add_rule(c->out, p, x0, top + height + inner, x0 + w, top + height + inner, 1, 0);
	page_end(c->out, p, "Artifact");
	char *head = g_strdup_printf("《%s》", c->gazette_title);
	double y = draw_text(c, p, hs, head, x0, 0, w, GB_ALIGN_CENTER, top + inner, "H1");
	g_free(head);
	y += hs->after;
	for (guint i = 0; i < lines->len; i++)
		y = draw_text(c, p, cs, lines->pdata[i], x0, inner, w - 2 * inner, GB_ALIGN_LEFT, y, "P");
	g_ptr_array_free(lines, TRUE);
}

/* --- the issue ------------------------------------------------------------ */

static char *
date_text(const char *iso)
{
	int y, m, d;
	if (!iso || sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3)
		return NULL;
	return g_strdup_printf("%d年%d月%d日", y, m, d);
}

static void
set_meta(ctx *c)
{
	const gb_tree *t = c->tree;
	char *title = g_strdup_printf("%s %s", c->gazette_title, c->issue_short);
	pages_set_meta(c->out, "title", title);
	g_free(title);
	pages_set_meta(c->out, "gazette", c->gazette_title);
	pages_set_meta(c->out, "issue", c->issue_long);
	const char *keys[] = { "publisher", "editor", "serial" };
	for (guint i = 0; i < G_N_ELEMENTS(keys); i++)
		if (tree_gazette(t, keys[i]))
			pages_set_meta(c->out, keys[i], tree_gazette(t, keys[i]));
	if (tree_issue(t, "date"))
		pages_set_meta(c->out, "date", tree_issue(t, "date"));
	pages_set_meta(c->out, "lang", "zh-CN");
	pages_set_meta(c->out, "subject", "政府公报");
	GString *kw = g_string_new("政府公报");
	for (guint i = 0; i < t->sections->len; i++) {
		const gb_section *s = t->sections->pdata[i];
		if (s->documents->len)
			g_string_append_printf(kw, "；%s", s->name);
	}
	pages_set_meta(c->out, "keywords", kw->str);
	g_string_free(kw, TRUE);
}

gb_pages *
compose_issue(const gb_tree *tree, const char *tree_name, const gb_layout *L, gb_fonts *fonts)
{
	ctx c = { 0 };
	c.L = L;
	c.tree = tree;
	c.fonts = fonts;
	c.out = pages_new(L->name, L->trim_width, L->trim_height, L->bleed);
	c.font_ids = g_hash_table_new(NULL, NULL);
	c.utf8 = g_string_new("");
	c.xs = g_array_new(FALSE, FALSE, sizeof(double));
	c.offs = g_array_new(FALSE, FALSE, sizeof(double));
	c.folios = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	c.reported = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	const char *gt = tree_gazette(tree, "title");
	c.gazette_title = g_strdup(gt ? gt : "政府公报");
	const char *year = tree_issue(tree, "year"), *number = tree_issue(tree, "number");
	const char *cum = tree_issue(tree, "cumulative");
	c.issue_short = g_strdup_printf("%s年第%s期", year ? year : "", number ? number : "");
	c.issue_long = cum ? g_strdup_printf("%s（总第%s期）", c.issue_short, cum)
	    : g_strdup(c.issue_short);
	c.date_text = date_text(tree_issue(tree, "date"));
	const char *dir = tree_issue(tree, "dir");
	char *ini = dir ? g_build_filename(dir, "issue.ini", NULL) : g_strdup(tree_name);
	c.ini = ini;

	set_meta(&c);
	for (guint i = 0; i < tree->warnings->len; i++) {
		const gb_warning *w = tree->warnings->pdata[i];
		pages_add_warning(c.out, w->file, w->line, w->message);
	}

	/* The 目录 is set once without folios to learn how many pages it
	 * takes (an entry's height does not depend on its folio), so that
	 * the documents can go straight to their pages after it; it is set
	 * again, with the folios, onto the pages kept for it. */
	GArray *els = g_array_new(FALSE, FALSE, sizeof(element));
	flow dry = { 0 };
	dry.c = &c;
	dry.pages = pages_new(L->name, L->trim_width, L->trim_height, L->bleed);
	dry.kind = GB_PAGE_TOC;
	toc_elements(&c, els);
	flow_run(&dry, els);
	flow_finish(&dry);
	clear_elements(els);
	pages_free(dry.pages);

	cover_page(&c);
	GPtrArray *toc_pages = g_ptr_array_new();
	for (int i = 1; i <= dry.count; i++) {
		char *label = g_strdup_printf("目录%d", i);
		g_ptr_array_add(toc_pages, pages_add_page(c.out, GB_PAGE_TOC, label, NULL));
		g_free(label);
	}
	/* odd folios on rectos (odd pages of the issue): a blank page when
	 * cover and 目录 would put the first folio on the wrong side */
	const char *fp = tree_issue(tree, "first-page");
	flow body = { 0 };
	body.c = &c;
	body.pages = c.out;
	body.kind = GB_PAGE_BODY;
	body.first_folio = fp && atoi(fp) > 0 ? atoi(fp) : 1;
	if ((2 + dry.count) % 2 != body.first_folio % 2)
		pages_add_page(c.out, GB_PAGE_BLANK, "空白", NULL);
	gboolean first_doc = TRUE;
	for (guint s = 0; s < tree->sections->len; s++) {
		const gb_section *sec = tree->sections->pdata[s];
		for (guint d = 0; d < sec->documents->len; d++) {
			const gb_document *doc = sec->documents->pdata[d];
			document_elements(&c, els, doc, d == 0, (int)s + 1, first_doc);
			first_doc = FALSE;
			flow_run(&body, els);
			clear_elements(els);
		}
	}
	flow_finish(&body);
	back_page(&c);

	flow toc = { 0 };
	toc.c = &c;
	toc.pages = c.out;
	toc.kind = GB_PAGE_TOC;
	toc.reserved = toc_pages;
	toc_elements(&c, els);
	flow_run(&toc, els);
	flow_finish(&toc);
	clear_elements(els);
	g_array_free(els, TRUE);
	if (toc.count != dry.count) {
		/* cannot happen: both runs set the same entries */
		fprintf(stderr, "gongbao-typeset: 目录页数前后不一致（%d，%d）\n", dry.count, toc.count);
		c.errors++;
	}
	g_ptr_array_free(toc_pages, TRUE);
	/* saddle stitching: the print edition is a multiple of 4 pages, the
	 * blanks inserted before the back page */
	pages_set_print_padding(c.out, (4 - (int)c.out->pages->len % 4) % 4);

	for (guint s = 0; s < tree->sections->len; s++) {
		const gb_section *sec = tree->sections->pdata[s];
		if (!sec->documents->len)
			continue;
		char *dest = g_strdup_printf("sec-%u", s + 1);
		pages_add_outline(c.out, 1, dest, sec->name);
		g_free(dest);
		for (guint d = 0; d < sec->documents->len; d++) {
			const gb_document *doc = sec->documents->pdata[d];
			const char *title = document_meta(doc, "title");
			dest = g_strdup_printf("doc-%s", doc->id);
			pages_add_outline(c.out, 2, dest, title ? title : doc->id);
			g_free(dest);
		}
	}

	g_hash_table_destroy(c.font_ids);
	g_hash_table_destroy(c.folios);
	g_hash_table_destroy(c.reported);
	g_string_free(c.utf8, TRUE);
	g_array_free(c.xs, TRUE);
	g_array_free(c.offs, TRUE);
	g_free(c.gazette_title);
	g_free(c.issue_short);
	g_free(c.issue_long);
	g_free(c.date_text);
	g_free(ini);
	if (c.errors) {
		pages_free(c.out);
		return NULL;
	}
	return c.out;
}
