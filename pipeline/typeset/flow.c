/* flow.c — the flow engine: elements placed one after another onto pages.
 * It decides where text goes: keeps with what follows, widows and orphans,
 * the 版记 at a page's foot, 目录 entries with their leaders; table rows
 * are placed by table.c, a body page's furniture drawn by furniture.c. */
#include "flow.h"

#include <math.h>
#include <string.h>

#include "figure.h"
#include "furniture.h"
#include "table.h"

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
	notes_clear_anchors(e);
	/* a table is owned by its first row */
	if (e->kind == EL_ROW && e->row == 0)
		table_free(e->tbl);
}

void
elements_clear(GArray *els)
{
	for (guint i = 0; i < els->len; i++)
		element_clear(&g_array_index(els, element, i));
	g_array_set_size(els, 0);
}

void
flow_close_group(flow *f)
{
	if (!f->group)
		return;
	if (strcmp(f->group, "Table") == 0) {
		const table *t = f->owner;
		double x0 = f->x0 + t->colx[0];
		double x1 = f->x0 + t->colx[t->ncols - 1] + t->colw[t->ncols - 1];
		tb_rule(f->c, f->page, x0, f->y, x1, f->y, f->c->L->table_frame);
	}
	page_end(f->c->out, f->page, f->group);
	f->group = NULL;
	f->owner = NULL;
}

void
flow_open_group(flow *f, const char *group, const void *owner)
{
	if (f->group && f->owner == owner)
		return;
	flow_close_group(f);
	if (!group)
		return;
	page_begin(f->c->out, f->page, group);
	f->group = group;
	f->owner = owner;
}

void
flow_new_page(flow *f)
{
	const gb_layout *L = f->c->L;
	if (f->page)
		flow_close_group(f);
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
		furniture_body_page(f, folio);
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
	case EL_IMAGE:	/* a figure is never split */
		return next->before + next->img_h;
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
			tb_rule(c, f->page, f->x0, f->y, f->x0 + c->L->body_width, f->y,
			    e->rule_width);
	}
	if (n == 0)
		return;	/* an empty title still has its destination */
	double left = 1e9, right = -1e9, top = f->y;
	if (e->wrap)
		page_begin(c->out, f->page, e->wrap);
	page_begin(c->out, f->page, e->tag);
	/* A linked line's words are the Link's content, the link area its
	 * annotation (the tagged edition's Link element holds both). */
	if (e->link)
		page_begin(c->out, f->page, "Link");
	for (int i = from; i < from + n; i++) {
		double l, r;
		tb_emit_line(c, f->page, &e->tb, i, f->x0, f->y, &l, &r);
		notes_emit_anchors(c, f->page, e, i, l, f->y);
		left = MIN(left, l);
		right = MAX(right, r);
		f->y += pitch;
	}
	if (e->link) {
		page_add_link(c->out, f->page, left, top, right, f->y, e->link);
		page_end(c->out, f->page, "Link");
	}
	page_end(c->out, f->page, e->tag);
	if (e->wrap)
		page_end(c->out, f->page, e->wrap);
	if (from + n == tb_count(&e->tb) && e->rule_below)
		tb_rule(c, f->page, f->x0, f->y, f->x0 + c->L->body_width, f->y,
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
			flow_new_page(f);
			snap(f, pitch);
		}
	}
	flow_open_group(f, e->group, e->owner);
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
			flow_new_page(f);
			flow_open_group(f, e->group, e->owner);
		}
	}
	f->y += e->after;
}

static void
place_toc(flow *f, element *e)
{
	ctx *c = f->c;
	double h = keep_height(e);
	if (f->y + h > f->bottom + EPS && !f->empty)
		flow_new_page(f);
	flow_open_group(f, e->group, e->owner);
	double top = f->y, left = 1e9, right = -1e9;
	/* TOCI → Reference → Link (PDF/UA): the title, the folio and the
	 * 发文字号 the Link's words, the leaders an artifact among them */
	page_begin(c->out, f->page, "TOCI");
	page_begin(c->out, f->page, "Reference");
	page_begin(c->out, f->page, "Link");
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
				page_begin(c->out, f->page, "Artifact");
				page_add_text(c->out, f->page, tb_font(c, st->role, face), st->size, x,
				    tb_baseline(st, f->y), 0, dots->str, (double *)offs->data,
				    (int)offs->len);
				page_end(c->out, f->page, "Artifact");
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
	page_add_link(c->out, f->page, left, top, right, f->y, e->link);
	page_end(c->out, f->page, "Link");
	page_end(c->out, f->page, "Reference");
	page_end(c->out, f->page, "TOCI");
	f->empty = FALSE;
}

/* Places the elements one after another. */
void
flow_run(flow *f, GArray *els)
{
	for (guint i = 0; i < els->len; i++) {
		element *e = &g_array_index(els, element, i);
		const element *next = i + 1 < els->len ? &g_array_index(els, element, i + 1) : NULL;
		if (!f->page && e->kind != EL_BREAK)
			flow_new_page(f);
		switch (e->kind) {
		case EL_BREAK:
			if (!f->page || !f->empty)
				flow_new_page(f);
			break;
		case EL_TEXT:
			if (!e->group)
				flow_close_group(f);
			place_text(f, els, i);
			break;
		case EL_ROW:
			table_place_row(f, e, next);
			break;
		case EL_TOC:
			place_toc(f, e);
			break;
		case EL_IMAGE:
			flow_close_group(f);
			figure_place(f, e, next);
			break;
		}
	}
}

void
flow_finish(flow *f)
{
	if (f->page)
		flow_close_group(f);
}

element *
el_push(GArray *els, el_kind kind)
{
	element e = { 0 };
	e.kind = kind;
	g_array_append_val(els, e);
	return &g_array_index(els, element, els->len - 1);
}

/* A block of text in style SID as one element. */
element *
el_push_text(ctx *c, GArray *els, gb_style_id sid, const char *tag, const char *text,
    const char *file, int line)
{
	const gb_style *st = &c->L->styles[sid];
	element *e = el_push(els, EL_TEXT);
	e->tag = tag;
	e->before = st->before;
	e->after = st->after;
	tb_set(c, &e->tb, st, text, 0, c->L->body_width, st->indent, st->align, file, line);
	return e;
}
