/* figure.c — figures: an image at the type area's width or its own
 * (its pixels at FIGURE_DPI), whichever is smaller, scaled down to fit a
 * page if taller, centred, kept on one page with its caption beneath it;
 * tagged Figure in the electronic edition.  And a table with more columns
 * than the type area holds, set row by row as paragraphs with a warning. */
#include "figure.h"

#include <math.h>
#include <string.h>

void
figure_push(ctx *c, GArray *els, const gb_document *doc, const gb_block *b)
{
	const gb_layout *L = c->L;
	const gb_style *cs = &L->styles[GB_STYLE_RELATED];
	double w = b->px_width * 72.0 / FIGURE_DPI, h = b->px_height * 72.0 / FIGURE_DPI;
	if (w > L->body_width) {
		h *= L->body_width / w;
		w = L->body_width;
	}
	/* one page holds the image and two lines of caption */
	double room = L->body_height - 2 * cs->pitch - L->styles[GB_STYLE_BODY].pitch;
	if (h > room && room > 0) {
		w *= room / h;
		h = room;
	}
	if (b->colour && g_hash_table_add(c->reported,
	    g_strdup_printf("colour:%s:%d", doc->file, b->line))) {
		/* said in the check report: the print edition is black ink */
		const char *name = strrchr(b->path, '/') ? strrchr(b->path, '/') + 1 : b->path;
		char *msg = diag_text(DIAG_TYPESET_COLOUR_IMAGE, name);
		diag_emit(c->diags, doc->file, b->line, DIAG_TYPESET_COLOUR_IMAGE, name);
		pages_add_warning(c->out, doc->file, b->line, diag_name(DIAG_TYPESET_COLOUR_IMAGE), NULL,
		    msg);
		g_free(msg);
	}
	element *e = el_push(els, EL_IMAGE);
	e->image = b->path;
	e->img_w = w;
	e->img_h = h;
	e->colour = b->colour;
	e->alt = b->text;	/* the caption is its alternative text */
	e->before = L->styles[GB_STYLE_BODY].pitch / 2;
	e->keep_next = TRUE;
	if (b->text && *b->text) {
		element *t = el_push_text(c, els, GB_STYLE_RELATED, "Caption", b->text, doc->file,
		    b->line);
		t->tb.align = GB_ALIGN_CENTER;
		t->tb.indent = 0;
		cjk_break(t->tb.glyphs, L->body_width, L->body_width, t->tb.lines);
		tb_balance(&t->tb);
		t->whole = TRUE;
		t->after = MAX(t->after, L->styles[GB_STYLE_BODY].pitch / 2);
		notes_anchor(c, t, doc, b, 0);
	}
}

void
figure_place(flow *f, element *e, const element *next)
{
	ctx *c = f->c;
	double cap = next && next->kind == EL_TEXT ? next->before
	    + tb_count(&next->tb) * next->tb.st->pitch : 0;
	if (!f->empty)
		f->y += e->before;
	if (f->y + e->img_h + cap > f->bottom + EPS && !f->empty)
		flow_new_page(f);
	double x = f->x0 + (c->L->body_width - e->img_w) / 2;
	page_begin(c->out, f->page, "Figure");
	page_add_image(c->out, f->page, x, f->y, e->img_w, e->img_h, e->colour, e->image,
	    e->alt);
	page_end(c->out, f->page, "Figure");
	f->y += e->img_h;
	f->empty = FALSE;
}

/* The least width of a column: two characters of the table's text and
 * the padding on each side (table.c gives none less). */
static int
columns_that_fit(const gb_layout *L)
{
	double least = 2 * L->styles[GB_STYLE_TABLE].size + 2 * L->table_padding;
	return MAX(1, (int)floor(L->body_width / least));
}

gboolean
figure_wide_table(ctx *c, GArray *els, const gb_document *doc, const gb_block *b)
{
	int fit = columns_that_fit(c->L);
	if (b->ncols <= fit || !b->rows || !b->rows->len)
		return FALSE;
	char *key = g_strdup_printf("wide:%s:%d", doc->file, b->line);
	if (g_hash_table_add(c->reported, key)) {
		char *msg = diag_text(DIAG_TYPESET_WIDE_TABLE, b->ncols, fit);
		diag_emit(c->diags, doc->file, b->line, DIAG_TYPESET_WIDE_TABLE, b->ncols, fit);
		pages_add_warning(c->out, doc->file, b->line, diag_name(DIAG_TYPESET_WIDE_TABLE), NULL,
		    msg);
		g_free(msg);
	}
	/* each body row a paragraph: 表头：值；表头：值 … (the head's words
	 * where the table has a head row) */
	const gb_row *head = ((const gb_row *)b->rows->pdata[0])->head ? b->rows->pdata[0] : NULL;
	for (guint r = 0; r < b->rows->len; r++) {
		const gb_row *row = b->rows->pdata[r];
		if (r == 0 && head && b->rows->len > 1)
			continue;
		GString *s = g_string_new(NULL);
		for (int k = 0; k < b->ncols; k++) {
			if (s->len)
				g_string_append(s, "；");
			if (head && *head->cells[k])
				g_string_append_printf(s, "%s：", head->cells[k]);
			g_string_append(s, row->cells[k]);
		}
		el_push_text(c, els, GB_STYLE_BODY, "P", s->str, doc->file, row->line);
		g_string_free(s, TRUE);
	}
	return TRUE;
}
