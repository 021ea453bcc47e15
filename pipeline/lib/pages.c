/* pages.c — the page list in memory: what the typesetter builds and the
 * readers walk, and the print edition's page order that follows from it.
 * The text format is pageswrite.c (out) and pagesread.c (in). */
#include "pages.h"
#include "pagesbuild.h"

#include <string.h>

#define OFFSET_BLOCK 8192	/* doubles per offset storage block */

static const char *kind_names[] = { "cover", "toc", "body", "blank", "back" };

const char *
pages_kind_name(gb_page_kind kind)
{
	return (unsigned)kind < G_N_ELEMENTS(kind_names) ? kind_names[kind] : "?";
}

int
pages_kind_from_name(const char *name)
{
	for (guint i = 0; i < G_N_ELEMENTS(kind_names); i++)
		if (strcmp(name, kind_names[i]) == 0)
			return (int)i;
	return -1;
}

gb_pages *
pages_new(const char *layout, double trim_width, double trim_height, double bleed)
{
	gb_pages *p = g_new0(gb_pages, 1);
	p->strings = g_string_chunk_new(64 * 1024);
	p->layout = layout ? g_string_chunk_insert_const(p->strings, layout) : NULL;
	p->trim_width = trim_width;
	p->trim_height = trim_height;
	p->bleed = bleed;
	p->print_padding = -1;
	p->meta = g_array_new(FALSE, FALSE, sizeof(gb_page_meta));
	p->fonts = g_array_new(FALSE, FALSE, sizeof(gb_font));
	p->warnings = g_array_new(FALSE, FALSE, sizeof(gb_page_warning));
	p->documents = g_array_new(FALSE, FALSE, sizeof(gb_page_document));
	p->doc_index = g_hash_table_new(g_str_hash, g_str_equal);
	p->outline = g_array_new(FALSE, FALSE, sizeof(gb_outline));
	p->pages = g_ptr_array_new();
	p->blocks = g_ptr_array_new_with_free_func(g_free);
	return p;
}

void
pages_free(gb_pages *p)
{
	if (!p)
		return;
	for (guint i = 0; i < p->pages->len; i++) {
		gb_page *page = pages_page(p, i);
		g_array_free(page->items, TRUE);
		g_free(page);
	}
	g_ptr_array_free(p->pages, TRUE);
	g_array_free(p->meta, TRUE);
	g_array_free(p->fonts, TRUE);
	g_array_free(p->warnings, TRUE);
	g_array_free(p->documents, TRUE);
	g_hash_table_destroy(p->doc_index);
	g_array_free(p->outline, TRUE);
	g_ptr_array_free(p->blocks, TRUE);
	g_string_chunk_free(p->strings);
	g_free(p);
}

/* Strings that repeat (tags, roles, destinations) are shared. */
const char *
pages_str_const(gb_pages *p, const char *s)
{
	return g_string_chunk_insert_const(p->strings, s ? s : "");
}

static const char *
str_const(gb_pages *p, const char *s)
{
	return pages_str_const(p, s);
}

static const char *
str(gb_pages *p, const char *s)
{
	return g_string_chunk_insert(p->strings, s ? s : "");
}

/* Offsets live in large blocks, not one allocation per run. */
static double *
offsets_alloc(gb_pages *p, gsize n)
{
	if (n > OFFSET_BLOCK) {
		double *big = g_new(double, n);
		g_ptr_array_add(p->blocks, big);
		return big;
	}
	if (p->blocks->len == 0 || p->block_used + n > p->block_size) {
		g_ptr_array_add(p->blocks, g_new(double, OFFSET_BLOCK));
		p->block_size = OFFSET_BLOCK;
		p->block_used = 0;
	}
	double *d = (double *)g_ptr_array_index(p->blocks, p->blocks->len - 1) + p->block_used;
	p->block_used += n;
	return d;
}

void
pages_set_meta(gb_pages *p, const char *key, const char *value)
{
	for (guint i = 0; i < p->meta->len; i++) {
		gb_page_meta *m = &g_array_index(p->meta, gb_page_meta, i);
		if (strcmp(m->key, key) == 0) {
			m->value = str(p, value);
			return;
		}
	}
	gb_page_meta m = { str_const(p, key), str(p, value), 0 };
	g_array_append_val(p->meta, m);
}

const char *
pages_meta(const gb_pages *p, const char *key)
{
	for (guint i = 0; i < p->meta->len; i++) {
		const gb_page_meta *m = &g_array_index(p->meta, gb_page_meta, i);
		if (strcmp(m->key, key) == 0)
			return m->value;
	}
	return NULL;
}

const gb_font *
pages_font(const gb_pages *p, int id)
{
	for (guint i = 0; i < p->fonts->len; i++) {
		const gb_font *f = &g_array_index(p->fonts, gb_font, i);
		if (f->id == id)
			return f;
	}
	return NULL;
}

gboolean
pages_add_font(gb_pages *p, int id, const char *role, const char *file, int index,
    const char *family)
{
	if (pages_font(p, id))
		return FALSE;
	char *name = g_path_get_basename(file ? file : "");
	gb_font f = { id, str_const(p, role), str_const(p, file), str_const(p, name), index,
		str_const(p, family), 0 };
	g_free(name);
	g_array_append_val(p->fonts, f);
	return TRUE;
}

void
pages_set_print_padding(gb_pages *p, int padding)
{
	p->print_padding = padding;
}

void
pages_add_warning(gb_pages *p, const char *file, int line, const char *kind,
    const gb_anchor *anchor, const char *message)
{
	gb_page_warning w = { str_const(p, file), line, str_const(p, kind), { 0, 0, 0, 0 },
		str(p, message) };
	if (anchor)
		w.anchor = *anchor;
	g_array_append_val(p->warnings, w);
}

gboolean
pages_add_document(gb_pages *p, const char *doc, const char *file, const char *ident)
{
	if (pages_document_file(p, doc))
		return FALSE;
	gb_page_document d = { str_const(p, doc), str_const(p, file), str_const(p, ident) };
	g_array_append_val(p->documents, d);
	g_hash_table_insert(p->doc_index, (gpointer)d.id, GUINT_TO_POINTER(p->documents->len));
	return TRUE;
}

const gb_page_document *
pages_document(const gb_pages *p, const char *doc)
{
	guint i = GPOINTER_TO_UINT(g_hash_table_lookup(p->doc_index, doc));
	return i ? &g_array_index(p->documents, gb_page_document, i - 1) : NULL;
}

const char *
pages_document_file(const gb_pages *p, const char *doc)
{
	const gb_page_document *d = pages_document(p, doc);
	return d ? d->file : NULL;
}

gboolean
page_text_source(gb_pages *p, gb_page *page, const char *doc, int line, int part,
    int offset)
{
	if (!page->items->len)
		return FALSE;
	gb_item *it = &g_array_index(page->items, gb_item, page->items->len - 1);
	if (it->kind != GB_ITEM_TEXT)
		return FALSE;
	it->src_doc = str_const(p, doc);
	it->src_line = line;
	it->src_part = part;
	it->src_offset = offset;
	return TRUE;
}

void
pages_add_outline(gb_pages *p, int level, const char *dest, const char *title)
{
	gb_outline o = { level, str_const(p, dest), str(p, title) };
	g_array_append_val(p->outline, o);
}

gb_page *
pages_add_page(gb_pages *p, gb_page_kind kind, const char *label, const char *folio)
{
	gb_page *page = g_new0(gb_page, 1);
	page->number = (int)p->pages->len + 1;
	page->kind = kind;
	page->label = str_const(p, label);
	page->folio = (folio && strcmp(folio, "-") != 0) ? str_const(p, folio) : NULL;
	page->items = g_array_sized_new(FALSE, TRUE, sizeof(gb_item), 32);
	g_ptr_array_add(p->pages, page);
	return page;
}

static gb_item *
item_add(gb_page *page, gb_item_kind kind)
{
	g_array_set_size(page->items, page->items->len + 1);
	gb_item *it = &g_array_index(page->items, gb_item, page->items->len - 1);
	memset(it, 0, sizeof *it);
	it->kind = kind;
	return it;
}

gboolean
page_add_text(gb_pages *p, gb_page *page, int font, double size, double x, double y,
    double gray, const char *text, const double *offsets, int n)
{
	if (!text || !*text || !g_utf8_validate(text, -1, NULL) || n < 1
	    || g_utf8_strlen(text, -1) != n)
		return FALSE;
	pages_text_add(p, page, font, size, x, y, gray, text, offsets, n);
	return TRUE;
}

void
pages_text_add(gb_pages *p, gb_page *page, int font, double size, double x, double y,
    double gray, const char *text, const double *offsets, int n)
{
	double *off = offsets_alloc(p, (gsize)n);
	memcpy(off, offsets, (gsize)n * sizeof *off);
	gb_item *it = item_add(page, GB_ITEM_TEXT);
	it->font = font;
	it->size = size;
	it->x = x;
	it->y = y;
	it->gray = gray;
	it->text = str(p, text);
	it->offsets = off;
	it->n_chars = n;
}

void
page_add_rule(gb_pages *p, gb_page *page, double x0, double y0, double x1, double y1,
    double width, double gray)
{
	(void)p;
	gb_item *it = item_add(page, GB_ITEM_RULE);
	it->x = x0;
	it->y = y0;
	it->x1 = x1;
	it->y1 = y1;
	it->width = width;
	it->gray = gray;
}

void
page_add_box(gb_pages *p, gb_page *page, double x, double y, double w, double h, double gray)
{
	(void)p;
	gb_item *it = item_add(page, GB_ITEM_BOX);
	it->x = x;
	it->y = y;
	it->w = w;
	it->h = h;
	it->gray = gray;
}

void
page_add_image(gb_pages *p, gb_page *page, double x, double y, double w, double h,
    gboolean colour, const char *file, const char *alt)
{
	gb_item *it = item_add(page, GB_ITEM_IMAGE);
	it->x = x;
	it->y = y;
	it->w = w;
	it->h = h;
	it->colour = colour;
	it->text = str_const(p, file);
	it->alt = str_const(p, alt ? alt : "");
}

void
page_begin(gb_pages *p, gb_page *page, const char *tag)
{
	item_add(page, GB_ITEM_BEGIN)->text = str_const(p, tag);
}

void
page_end(gb_pages *p, gb_page *page, const char *tag)
{
	item_add(page, GB_ITEM_END)->text = str_const(p, tag);
}

void
page_add_link(gb_pages *p, gb_page *page, double x0, double y0, double x1, double y1,
    const char *dest)
{
	gb_item *it = item_add(page, GB_ITEM_LINK);
	it->x = x0;
	it->y = y0;
	it->x1 = x1;
	it->y1 = y1;
	it->text = str_const(p, dest);
}

const char *
pages_link_uri(const char *dest)
{
	return dest && g_str_has_prefix(dest, "uri:") ? dest + 4 : NULL;
}

gboolean
pages_uri_ok(const char *uri)
{
	if (!uri || !*uri)
		return FALSE;
	for (const char *c = uri; *c; c++)
		if (*c <= ' ' || *c >= 0x7f || *c == '\'' || *c == '"' || *c == '\\')
			return FALSE;
	return TRUE;
}

void
page_add_dest(gb_pages *p, gb_page *page, const char *name, double x, double y)
{
	gb_item *it = item_add(page, GB_ITEM_DEST);
	it->text = str_const(p, name);
	it->x = x;
	it->y = y;
}

void
page_add_toc(gb_pages *p, gb_page *page, const char *doc, const char *folio, const char *title)
{
	gb_item *it = item_add(page, GB_ITEM_TOC);
	it->doc = str_const(p, doc);
	it->folio = str_const(p, folio);
	it->text = str(p, title);
}

void
page_add_title(gb_pages *p, gb_page *page, const char *doc, const char *title)
{
	gb_item *it = item_add(page, GB_ITEM_TITLE);
	it->doc = str_const(p, doc);
	it->text = str(p, title);
}

int
pages_padding_at(const gb_pages *p)
{
	int n = (int)p->pages->len;
	return n > 0 && pages_page(p, (guint)n - 1)->kind == GB_PAGE_BACK ? n - 1 : n;
}

/* The padding is the typesetter's (pages_set_print_padding), never
 * derived here: a list built without it has none. */
int
pages_print_order(const gb_pages *p, int **order)
{
	int n = (int)p->pages->len;
	int pad = MAX(p->print_padding, 0);
	int total = n + pad;
	int at = pages_padding_at(p);
	int *o = g_new(int, total > 0 ? total : 1);
	for (int i = 0; i < total; i++)
		o[i] = i < at ? i : i < at + pad ? -1 : i - pad;
	*order = o;
	return total;
}
