/* textblock.c — text blocks of the typesetter: a piece of text shaped and
 * broken by cjk.c, balanced when centred, and drawn line by line into the
 * page list with its fonts registered there. */
#include "textblock.h"
#include "unseen.h"

#include <string.h>

int
tb_font(ctx *c, int role, int face)
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
void
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
		GString *shown = g_string_new(NULL);
		unseen_append(shown, missing);	/* never empty quotes */
		if (!file)
			file = "-";
		if (line <= 0)
			line = 1;
		/* a title is set in the 目录 too: say it once */
		char *where = g_strdup_printf("%s:%d:%u", file, line, missing);
		if (g_hash_table_add(c->reported, where))
			diag_emit(c->diags, file, line, DIAG_TYPESET_NO_FONT, shown->str, missing);
		g_string_free(shown, TRUE);
	}
	cjk_break(tb->glyphs, box_w - tb->indent, box_w, tb->lines);
}

void
tb_source(tblock *tb, const char *doc, int line, int part, int first, int base, int len)
{
	tb->src_doc = doc;
	tb->src_line = line;
	tb->src_part = part;
	tb->src_first = first;
	tb->src_base = base;
	tb->src_len = len < 0 ? G_MAXINT / 2 : len;
}

/* The block offset of glyph G of TB, or -1 if it has no source. */
static int
src_of(const tblock *tb, const gb_glyph *g)
{
	if (!tb->src_doc || g->ch < tb->src_first || g->ch >= tb->src_first + tb->src_len)
		return -1;
	return g->ch - tb->src_first + tb->src_base;
}

void
tb_clear(tblock *tb)
{
	if (tb->glyphs) {
		g_array_free(tb->glyphs, TRUE);
		g_array_free(tb->lines, TRUE);
	}
	tb->glyphs = tb->lines = NULL;
}

int
tb_count(const tblock *tb)
{
	return tb->lines ? (int)tb->lines->len : 0;
}

double
tb_baseline(const gb_style *st, double top)
{
	/* the em box centred in the line box; the ideographic em box's
	 * middle is 0.38 em above the baseline */
	return top + st->pitch / 2 + 0.38 * st->size;
}

/* Narrows a centred block to the least width that keeps its number of
 * lines, so that a title's lines come out even. */
void
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
void
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
	double w = cjk_place(tb->glyphs, ln, m, justify, tb->st->size / 1000, xs);
	double x = area_x + tb->box_x + (ln->start == 0 ? tb->indent : 0);
	if (tb->align == GB_ALIGN_CENTER)
		x += (m - w) / 2;
	else if (tb->align == GB_ALIGN_RIGHT)
		x += m - w;
	if (left)
		*left = x;
	if (right)
		*right = x + w;
	double y = tb_baseline(tb->st, top);
	int ve = ln->end;
	while (ve > ln->start + 1 && gl[ve - 1].cls == GB_CL_SPACE)
		ve--;
	for (int k = ln->start; k < ve;) {
		int face = gl[k].face, e = k;
		int src = src_of(tb, &gl[k]);
		g_string_truncate(c->utf8, 0);
		/* one font; and a run with a source is one for one a slice of
		 * its block (a collapsed space or a dropped character splits) */
		while (e < ve && gl[e].face == face
		    && (e == k || (src < 0 ? src_of(tb, &gl[e]) < 0
			: src_of(tb, &gl[e]) == src + (e - k)))) {
			g_string_append_unichar(c->utf8, gl[e].cp);
			offs[e - k] = xs[e - ln->start] - xs[k - ln->start];
			e++;
		}
		page_add_text(c->out, page, tb_font(c, tb->st->role, face), tb->st->size,
		    x + xs[k - ln->start], y, 0, c->utf8->str, offs, e - k);
		if (src >= 0)
			page_text_source(c->out, page, tb->src_doc, tb->src_line, tb->src_part, src);
		k = e;
	}
}

/* Text drawn outside the flow (cover, heads, colophon): one block at TOP,
 * returns the y below it. */
double
tb_draw(ctx *c, gb_page *page, const gb_style *st, const char *text, double area_x,
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

void
tb_rule(ctx *c, gb_page *page, double x0, double y0, double x1, double y1, double w)
{
	page_begin(c->out, page, "Artifact");
	page_add_rule(c->out, page, x0, y0, x1, y1, w, 0);
	page_end(c->out, page, "Artifact");
}
