/* table.c — tables: column widths that save the most lines, the rows set
 * as flow elements, and rows placed on pages with the head rows repeated
 * on every page and a row too tall for a page split across pages. */
#include "table.h"

#include <limits.h>
#include <math.h>
#include <string.h>

void
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


/* The Table on this page, with the frame's top rule where it starts. */
static void
open_table(flow *f, const table *t)
{
	if (f->owner == t)
		return;
	flow_open_group(f, "Table", t);
	tb_rule(f->c, f->page, f->x0 + t->colx[0], f->y,
	    f->x0 + t->colx[t->ncols - 1] + t->colw[t->ncols - 1], f->y, f->c->L->table_frame);
}

/* Draws lines [FROM, FROM + COUNT) of every cell of row R, HEIGHT high:
 * a whole row, or the part of a row too tall for a page that fits on this
 * one. */
static void
draw_row_lines(flow *f, const table *t, const trow *r, int from, int count, double height)
{
	ctx *c = f->c;
	const gb_layout *L = c->L;
	open_table(f, t);
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
	flow_new_page(f);
	/* the head rows again are pagination, not content (PDF/UA): the
	 * reader has them once, where the table starts */
	open_table(f, t);
	page_begin(f->c->out, f->page, "Artifact");
	for (int i = 0; i < t->nhead; i++)
		draw_row(f, t, t->rows->pdata[i]);
	page_end(f->c->out, f->page, "Artifact");
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

void
table_place_row(flow *f, element *e, const element *next)
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
			flow_new_page(f);
		else
			table_page(f, t);
	}
	if (tall)
		place_tall_row(f, t, r);
	else
		draw_row(f, t, r);
	if (e->row + 1 == (int)t->rows->len) {
		flow_close_group(f);
		f->y += e->after;
	}
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

void
table_push(ctx *c, GArray *els, const gb_document *doc, const gb_block *b)
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
			tb_source(&row->cells[k], doc->id, src->line, k, 0, 0, -1);
			lines = MAX(lines, tb_count(&row->cells[k]));
		}
		row->height = lines * st->pitch + 2 * L->table_padding;
		g_ptr_array_add(t->rows, row);
	}
	const gb_style *ts = &L->styles[GB_STYLE_TABLE];
	for (guint r = 0; r < t->rows->len; r++) {
		element *e = el_push(els, EL_ROW);
		e->tbl = t;
		e->row = (int)r;
		e->before = ts->before > 0 ? ts->before : L->styles[GB_STYLE_BODY].pitch / 2;
		e->after = ts->after > 0 ? ts->after : L->styles[GB_STYLE_BODY].pitch / 2;
		/* the head rows stay with the first body row */
		e->keep_next = ((trow *)t->rows->pdata[r])->head;
	}
}
