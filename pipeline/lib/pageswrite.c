/* pageswrite.c — the page list out as `gongbao-pages 4` (FORMATS.md):
 * one record a line, numbers with at most two decimals (offsets three), written in large
 * pieces so that a 2,000-page list never sits in memory twice. */
#include "pages.h"
#include "util.h"

#include <math.h>
#include <string.h>

/* V with DECIMALS (1 to 3) decimals, trailing zeros trimmed, without
 * printf: a 2,000-page list has millions of numbers. */
static void
put_fixed(GString *s, double v, int decimals)
{
	static const int scale[] = { 1, 10, 100, 1000 };
	int sc = scale[CLAMP(decimals, 1, 3)];
	if (!isfinite(v))
		v = 0;
	if (v > 1e15)
		v = 1e15;
	if (v < -1e15)
		v = -1e15;
	long long c = llround(v * sc);
	if (c < 0) {
		g_string_append_c(s, '-');
		c = -c;
	}
	long long ip = c / sc;
	int frac = (int)(c % sc);
	char buf[24];
	int n = 0;
	do {
		buf[n++] = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip);
	while (n)
		g_string_append_c(s, buf[--n]);
	if (frac) {
		g_string_append_c(s, '.');
		for (int d = sc / 10; d > 0 && frac; d /= 10) {
			g_string_append_c(s, (char)('0' + frac / d));
			frac %= d;
		}
	}
}

/* Positions and sizes: two decimals (a hundredth of a point). */
static void
put_num(GString *s, double v)
{
	put_fixed(s, v, 2);
}

static void
put_int(GString *s, long long v)
{
	put_num(s, (double)v);
}

static void
put_tab(GString *s)
{
	g_string_append_c(s, '\t');
}

/* A text field: escaped only when it must be. */
static void
put_text(GString *s, const char *t)
{
	if (strpbrk(t, "\\\t\n\r"))
		gb_append_escaped(s, t);
	else
		g_string_append(s, t);
}

static void
put_item(GString *s, const gb_item *it)
{
	switch (it->kind) {
	case GB_ITEM_TEXT:
		if (it->src_doc) {
			g_string_append(s, "source\t");
			put_text(s, it->src_doc); put_tab(s);
			put_int(s, it->src_line); put_tab(s);
			put_int(s, it->src_part); put_tab(s);
			put_int(s, it->src_offset);
			g_string_append_c(s, '\n');
		}
		g_string_append(s, "text\t");
		put_int(s, it->font); put_tab(s);
		put_num(s, it->size); put_tab(s);
		put_num(s, it->x); put_tab(s);
		put_num(s, it->y); put_tab(s);
		put_num(s, it->gray); put_tab(s);
		put_text(s, it->text); put_tab(s);
		for (int i = 0; i < it->n_chars; i++) {
			if (i)
				g_string_append_c(s, ' ');
			/* a thousandth of a point: the gaps of a justified line
			 * stay whole design units (cjk_place), which a TJ array
			 * then writes as the same kern throughout */
			put_fixed(s, it->offsets[i], 3);
		}
		break;
	case GB_ITEM_RULE:
		g_string_append(s, "rule\t");
		put_num(s, it->x); put_tab(s);
		put_num(s, it->y); put_tab(s);
		put_num(s, it->x1); put_tab(s);
		put_num(s, it->y1); put_tab(s);
		put_num(s, it->width); put_tab(s);
		put_num(s, it->gray);
		break;
	case GB_ITEM_BOX:
		g_string_append(s, "box\t");
		put_num(s, it->x); put_tab(s);
		put_num(s, it->y); put_tab(s);
		put_num(s, it->w); put_tab(s);
		put_num(s, it->h); put_tab(s);
		put_num(s, it->gray);
		break;
	case GB_ITEM_IMAGE:
		g_string_append(s, "image\t");
		put_num(s, it->x); put_tab(s);
		put_num(s, it->y); put_tab(s);
		put_num(s, it->w); put_tab(s);
		put_num(s, it->h); put_tab(s);
		g_string_append(s, it->colour ? "colour" : "gray"); put_tab(s);
		put_text(s, it->text); put_tab(s);
		put_text(s, it->alt);
		break;
	case GB_ITEM_BEGIN:
		g_string_append(s, "begin\t");
		put_text(s, it->text);
		break;
	case GB_ITEM_END:
		g_string_append(s, "end\t");
		put_text(s, it->text);
		break;
	case GB_ITEM_LINK:
		g_string_append(s, "link\t");
		put_num(s, it->x); put_tab(s);
		put_num(s, it->y); put_tab(s);
		put_num(s, it->x1); put_tab(s);
		put_num(s, it->y1); put_tab(s);
		put_text(s, it->text);
		break;
	case GB_ITEM_DEST:
		g_string_append(s, "dest\t");
		put_text(s, it->text); put_tab(s);
		put_num(s, it->x); put_tab(s);
		put_num(s, it->y);
		break;
	case GB_ITEM_TOC:
		g_string_append(s, "toc\t");
		put_text(s, it->doc); put_tab(s);
		put_text(s, it->folio); put_tab(s);
		put_text(s, it->text);
		break;
	case GB_ITEM_TITLE:
		g_string_append(s, "title\t");
		put_text(s, it->doc); put_tab(s);
		put_text(s, it->text);
		break;
	}
	g_string_append_c(s, '\n');
}

/* Writes and empties S once it is large, so memory stays flat. */
static gboolean
flush(FILE *f, GString *s, gboolean force)
{
	if (s->len < 256 * 1024 && !force)
		return TRUE;
	gboolean ok = fwrite(s->str, 1, s->len, f) == s->len;
	g_string_truncate(s, 0);
	return ok;
}

gboolean
pages_write(FILE *f, const gb_pages *p)
{
	GString *s = g_string_sized_new(512 * 1024);
	gboolean ok = TRUE;

	g_string_append_printf(s, "gongbao-pages\t%d\n", GB_PAGES_VERSION);
	if (p->layout) {
		g_string_append(s, "layout\t");
		put_text(s, p->layout);
		g_string_append_c(s, '\n');
	}
	g_string_append(s, "trim\t");
	put_num(s, p->trim_width); put_tab(s);
	put_num(s, p->trim_height);
	g_string_append(s, "\nbleed\t");
	put_num(s, p->bleed);
	g_string_append_c(s, '\n');
	if (p->print_padding >= 0) {
		g_string_append(s, "padding\t");
		put_int(s, p->print_padding);
		g_string_append_c(s, '\n');
	}
	for (guint i = 0; i < p->meta->len; i++) {
		const gb_page_meta *m = &g_array_index(p->meta, gb_page_meta, i);
		g_string_append(s, "meta\t");
		put_text(s, m->key); put_tab(s);
		put_text(s, m->value);
		g_string_append_c(s, '\n');
	}
	for (guint i = 0; i < p->fonts->len; i++) {
		const gb_font *fo = &g_array_index(p->fonts, gb_font, i);
		g_string_append(s, "font\t");
		put_int(s, fo->id); put_tab(s);
		put_text(s, fo->role); put_tab(s);
		put_text(s, fo->name); put_tab(s);	/* the file's name, never its path */
		put_int(s, fo->index); put_tab(s);
		put_text(s, fo->family);
		g_string_append_c(s, '\n');
	}
	for (guint i = 0; i < p->documents->len; i++) {
		const gb_page_document *d = &g_array_index(p->documents, gb_page_document, i);
		g_string_append(s, "document\t");
		put_text(s, d->id); put_tab(s);
		put_text(s, d->file); put_tab(s);
		put_text(s, d->identifier);
		g_string_append_c(s, '\n');
		const char *keys[] = { "title", "number", "issuer", "date" };
		const char *values[] = { d->title, d->number, d->issuer, d->date };
		for (guint k = 0; k < G_N_ELEMENTS(keys); k++)
			if (values[k] && *values[k]) {
				g_string_append(s, "docmeta\t");
				put_text(s, d->id); put_tab(s);
				put_text(s, keys[k]); put_tab(s);
				put_text(s, values[k]);
				g_string_append_c(s, '\n');
			}
	}
	for (guint i = 0; i < p->warnings->len; i++) {
		const gb_page_warning *w = &g_array_index(p->warnings, gb_page_warning, i);
		g_string_append(s, "warning\t");
		put_text(s, w->file); put_tab(s);
		put_int(s, w->line); put_tab(s);
		put_text(s, w->kind); put_tab(s);
		put_int(s, w->anchor.line); put_tab(s);
		put_int(s, w->anchor.part); put_tab(s);
		put_int(s, w->anchor.start); put_tab(s);
		put_int(s, w->anchor.length); put_tab(s);
		put_text(s, w->message);
		g_string_append_c(s, '\n');
	}
	for (guint i = 0; i < p->outline->len; i++) {
		const gb_outline *o = &g_array_index(p->outline, gb_outline, i);
		g_string_append(s, "outline\t");
		put_int(s, o->level); put_tab(s);
		put_text(s, o->dest); put_tab(s);
		put_text(s, o->title);
		g_string_append_c(s, '\n');
	}
	for (guint i = 0; i < p->pages->len && ok; i++) {
		const gb_page *page = pages_page(p, i);
		g_string_append(s, "page\t");
		put_int(s, page->number); put_tab(s);
		g_string_append(s, pages_kind_name(page->kind)); put_tab(s);
		put_text(s, page->label); put_tab(s);
		put_text(s, page->folio ? page->folio : "-");
		g_string_append_c(s, '\n');
		for (guint j = 0; j < page->items->len; j++)
			put_item(s, page_item(page, j));
		ok = flush(f, s, FALSE);
	}
	g_string_append(s, "end\n");
	ok = flush(f, s, TRUE) && ok;
	g_string_free(s, TRUE);
	return ok && !ferror(f);
}
