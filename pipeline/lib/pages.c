/* pages.c — the page list in memory, and `gongbao-pages 1` out and in.
 * The reader is strict (FORMATS.md: a reader never guesses) because the
 * renderer paints exactly what it reads and the check trusts it. */
#include "pages.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK(gb-pages-error-quark, gb_pages_error)

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
	p->meta = g_array_new(FALSE, FALSE, sizeof(gb_page_meta));
	p->fonts = g_array_new(FALSE, FALSE, sizeof(gb_font));
	p->warnings = g_array_new(FALSE, FALSE, sizeof(gb_page_warning));
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
	g_array_free(p->outline, TRUE);
	g_ptr_array_free(p->blocks, TRUE);
	g_string_chunk_free(p->strings);
	g_free(p);
}

/* Strings that repeat (tags, roles, destinations) are shared. */
static const char *
str_const(gb_pages *p, const char *s)
{
	return g_string_chunk_insert_const(p->strings, s ? s : "");
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
	gb_page_meta m = { str_const(p, key), str(p, value) };
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
	gb_font f = { id, str_const(p, role), str_const(p, file), index, str_const(p, family) };
	g_array_append_val(p->fonts, f);
	return TRUE;
}

void
pages_add_warning(gb_pages *p, const char *file, int line, const char *message)
{
	gb_page_warning w = { str_const(p, file), line, str(p, message) };
	g_array_append_val(p->warnings, w);
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

static void text_add(gb_pages *p, gb_page *page, int font, double size, double x,
    double y, double gray, const char *text, const double *offsets, int n);

gboolean
page_add_text(gb_pages *p, gb_page *page, int font, double size, double x, double y,
    double gray, const char *text, const double *offsets, int n)
{
	if (!text || !*text || !g_utf8_validate(text, -1, NULL) || n < 1
	    || g_utf8_strlen(text, -1) != n)
		return FALSE;
	text_add(p, page, font, size, x, y, gray, text, offsets, n);
	return TRUE;
}

/* page_add_text once the text is known to be good. */
static void
text_add(gb_pages *p, gb_page *page, int font, double size, double x, double y,
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
pages_print_order(const gb_pages *p, int **order)
{
	int n = (int)p->pages->len;
	int total = (n + 3) / 4 * 4;
	int *o = g_new(int, total > 0 ? total : 1);
	gboolean back_last = n > 0 && pages_page(p, n - 1)->kind == GB_PAGE_BACK;
	int content = back_last ? n - 1 : n;
	for (int i = 0; i < total; i++)
		o[i] = i < content ? i : -1;
	if (back_last)
		o[total - 1] = n - 1;
	*order = o;
	return total;
}

/* --- writing --------------------------------------------------------------- */

/* "%.2f" with trailing zeros trimmed, without printf: a 2,000-page list
 * has millions of numbers. */
static void
put_num(GString *s, double v)
{
	if (!isfinite(v))
		v = 0;
	if (v > 1e15)
		v = 1e15;
	if (v < -1e15)
		v = -1e15;
	long long c = llround(v * 100.0);
	if (c < 0) {
		g_string_append_c(s, '-');
		c = -c;
	}
	long long ip = c / 100;
	int frac = (int)(c % 100);
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
		g_string_append_c(s, (char)('0' + frac / 10));
		if (frac % 10)
			g_string_append_c(s, (char)('0' + frac % 10));
	}
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
			put_num(s, it->offsets[i]);
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

	g_string_append(s, "gongbao-pages\t1\n");
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
		put_text(s, fo->file); put_tab(s);
		put_int(s, fo->index); put_tab(s);
		put_text(s, fo->family);
		g_string_append_c(s, '\n');
	}
	for (guint i = 0; i < p->warnings->len; i++) {
		const gb_page_warning *w = &g_array_index(p->warnings, gb_page_warning, i);
		g_string_append(s, "warning\t");
		put_text(s, w->file); put_tab(s);
		put_int(s, w->line); put_tab(s);
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

/* --- reading --------------------------------------------------------------- */

typedef struct {
	const char *name;
	int line;
	GError **error;
	gb_pages *p;
	gb_page *page;		/* the page being read, NULL in the header */
	GPtrArray *open;	/* structure tags open on this page */
	GHashTable *dests;	/* name → line defined */
	GHashTable *used;	/* dest name → first line used (outline, link) */
	gboolean have_trim, have_layout, have_bleed, ended;
} reader;

static gboolean G_GNUC_PRINTF(2, 3)
fail(reader *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_set_error(r->error, GB_PAGES_ERROR, GB_PAGES_ERROR_INPUT, "%s:%d: error: %s", r->name, r->line, msg);
	g_free(msg);
	return FALSE;
}

static gboolean
parse_num(reader *r, const char *field, const char *what, double *out)
{
	/* The common case, [-]digits[.digits], without g_ascii_strtod: a
	 * large page list has millions of numbers. */
	const char *c = field;
	gboolean neg = *c == '-';
	c += neg;
	if (g_ascii_isdigit(*c) || (*c == '.' && g_ascii_isdigit(c[1]))) {
		gint64 ip = 0, frac = 0, scale = 1;
		int digits = 0;
		while (g_ascii_isdigit(*c) && digits < 15) {
			ip = ip * 10 + (*c++ - '0');
			digits++;
		}
		if (*c == '.') {
			c++;
			while (g_ascii_isdigit(*c) && digits < 17) {
				frac = frac * 10 + (*c++ - '0');
				scale *= 10;
				digits++;
			}
		}
		if (!*c && c > field + neg) {
			double v = (double)ip + (double)frac / (double)scale;
			*out = neg ? -v : v;
			return TRUE;
		}
	}
	char *end;
	errno = 0;
	double v = g_ascii_strtod(field, &end);
	if (!*field || *end || errno || !isfinite(v) || g_ascii_isspace(*field))
		return fail(r, "%s: \"%s\" is not a number", what, field);
	*out = v;
	return TRUE;
}

static gboolean
parse_int(reader *r, const char *field, const char *what, int *out)
{
	char *end;
	errno = 0;
	gint64 v = g_ascii_strtoll(field, &end, 10);
	if (!*field || *end || errno || v < G_MININT || v > G_MAXINT || g_ascii_isspace(*field))
		return fail(r, "%s: \"%s\" is not an integer", what, field);
	*out = (int)v;
	return TRUE;
}

static gboolean
parse_gray(reader *r, const char *field, double *out)
{
	if (!parse_num(r, field, "gray", out))
		return FALSE;
	if (*out < 0 || *out > 1)
		return fail(r, "gray %s is outside 0 … 1", field);
	return TRUE;
}

/* The PDF standard structure types (ISO 32000-1, 14.8.4): a tag the
 * tagged edition could not name is refused here, not in a viewer. */
static gboolean
known_tag(const char *tag)
{
	static const char *tags[] = {
		"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC",
		"TOCI", "Index", "NonStruct", "Private", "H", "H1", "H2", "H3", "H4", "H5",
		"H6", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead",
		"TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code",
		"Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure",
		"Formula", "Form", "Title", "Artifact",
	};
	for (guint i = 0; i < G_N_ELEMENTS(tags); i++)
		if (strcmp(tag, tags[i]) == 0)
			return TRUE;
	return FALSE;
}

static void
use_dest(reader *r, const char *dest)
{
	if (!g_hash_table_contains(r->used, dest))
		g_hash_table_insert(r->used, (gpointer)dest, GINT_TO_POINTER(r->line));
}

/* Splits the OFFSETS field; their number must be the characters of TEXT. */
static gboolean
read_text(reader *r, char **f)
{
	int font;
	double size, x, y, gray;
	if (!parse_int(r, f[0], "font", &font) || !parse_num(r, f[1], "size", &size)
	    || !parse_num(r, f[2], "x", &x) || !parse_num(r, f[3], "y", &y)
	    || !parse_gray(r, f[4], &gray))
		return FALSE;
	if (!pages_font(r->p, font))
		return fail(r, "font %d is not defined by a font record", font);
	if (size <= 0)
		return fail(r, "font size %s is not positive", f[1]);
	const char *text = f[5];
	if (!*text)
		return fail(r, "empty text run");
	glong n = g_utf8_strlen(text, -1);
	glong k = 1;
	for (const char *c = f[6]; *c; c++)
		k += *c == ' ';
	if (!*f[6])
		k = 0;
	if (k != n)
		return fail(r, "text run \"%s\" has %ld characters but %ld offsets", text, n, k);

	double stack[256];
	double *off = n <= 256 ? stack : g_new(double, n);
	gboolean ok = TRUE;
	char *p = f[6];
	for (glong i = 0; ok && i < n; i++) {
		char *sp = strchr(p, ' ');
		if (sp)
			*sp = '\0';
		ok = parse_num(r, p, "offset", &off[i]);
		p = sp ? sp + 1 : p;
	}
	if (ok && off[0] != 0)
		ok = fail(r, "the first offset of a text run must be 0");
	if (ok)
		text_add(r->p, r->page, font, size, x, y, gray, text, off, (int)n);
	if (off != stack)
		g_free(off);
	return ok;
}

static gboolean
read_header_record(reader *r, const char *kw, char **f, int n)
{
	if (strcmp(kw, "layout") == 0) {
		if (n != 1)
			return fail(r, "layout takes 1 field, not %d", n);
		if (r->have_layout)
			return fail(r, "a second layout record");
		r->have_layout = TRUE;
		r->p->layout = str_const(r->p, f[0]);
	} else if (strcmp(kw, "trim") == 0) {
		if (n != 2)
			return fail(r, "trim takes 2 fields, not %d", n);
		if (r->have_trim)
			return fail(r, "a second trim record");
		if (!parse_num(r, f[0], "trim width", &r->p->trim_width)
		    || !parse_num(r, f[1], "trim height", &r->p->trim_height))
			return FALSE;
		if (r->p->trim_width <= 0 || r->p->trim_height <= 0)
			return fail(r, "the trim size must be positive");
		r->have_trim = TRUE;
	} else if (strcmp(kw, "bleed") == 0) {
		if (n != 1)
			return fail(r, "bleed takes 1 field, not %d", n);
		if (r->have_bleed)
			return fail(r, "a second bleed record");
		if (!parse_num(r, f[0], "bleed", &r->p->bleed))
			return FALSE;
		if (r->p->bleed < 0)
			return fail(r, "the bleed must not be negative");
		r->have_bleed = TRUE;
	} else if (strcmp(kw, "meta") == 0) {
		if (n != 2)
			return fail(r, "meta takes 2 fields, not %d", n);
		if (!*f[0])
			return fail(r, "meta with an empty key");
		if (pages_meta(r->p, f[0]))
			return fail(r, "meta %s is given twice", f[0]);
		pages_set_meta(r->p, f[0], f[1]);
	} else if (strcmp(kw, "font") == 0) {
		int id, index;
		if (n != 5)
			return fail(r, "font takes 5 fields, not %d", n);
		if (!parse_int(r, f[0], "font id", &id) || !parse_int(r, f[3], "face index", &index))
			return FALSE;
		if (id < 0 || index < 0)
			return fail(r, "font id and face index must not be negative");
		if (!*f[2])
			return fail(r, "font %d has no file", id);
		if (!pages_add_font(r->p, id, f[1], f[2], index, f[4]))
			return fail(r, "font %d is defined twice", id);
	} else if (strcmp(kw, "warning") == 0) {
		int line;
		if (n != 3)
			return fail(r, "warning takes 3 fields, not %d", n);
		if (!parse_int(r, f[1], "line", &line))
			return FALSE;
		pages_add_warning(r->p, f[0], line, f[2]);
	} else if (strcmp(kw, "outline") == 0) {
		int level;
		if (n != 3)
			return fail(r, "outline takes 3 fields, not %d", n);
		if (!parse_int(r, f[0], "outline level", &level))
			return FALSE;
		if (level < 1)
			return fail(r, "outline level %d is not 1 or more", level);
		if (!*f[1])
			return fail(r, "outline with an empty destination");
		pages_add_outline(r->p, level, f[1], f[2]);
		use_dest(r, g_array_index(r->p->outline, gb_outline, r->p->outline->len - 1).dest);
	} else {
		return FALSE;	/* not a header record */
	}
	return TRUE;
}

static gboolean
close_page(reader *r)
{
	if (r->page && r->open->len)
		return fail(r, "page %d ends with \"%s\" still open (begin without end)",
		    r->page->number, (const char *)g_ptr_array_index(r->open, r->open->len - 1));
	return TRUE;
}

static gboolean
read_page(reader *r, char **f, int n)
{
	int number;
	if (n != 4)
		return fail(r, "page takes 4 fields, not %d", n);
	if (!r->have_trim)
		return fail(r, "no trim record before the first page");
	if (!close_page(r))
		return FALSE;
	if (!parse_int(r, f[0], "page number", &number))
		return FALSE;
	if (number != (int)r->p->pages->len + 1)
		return fail(r, "page %d where page %u was expected", number, r->p->pages->len + 1);
	int kind = pages_kind_from_name(f[1]);
	if (kind < 0)
		return fail(r, "unknown page kind \"%s\" (cover, toc, body, blank, back)", f[1]);
	if (!*f[2])
		return fail(r, "page %d has an empty label", number);
	if (!*f[3])
		return fail(r, "page %d has an empty folio (write - for none)", number);
	r->page = pages_add_page(r->p, kind, f[2], f[3]);
	return TRUE;
}

static gboolean
read_page_record(reader *r, const char *kw, char **f, int n)
{
	gb_pages *p = r->p;
	static const struct { const char *kw; int n; } counts[] = {
		{ "text", 7 }, { "rule", 6 }, { "box", 5 }, { "begin", 1 }, { "end", 1 },
		{ "link", 5 }, { "dest", 3 }, { "toc", 3 }, { "title", 2 },
	};
	guint k;
	for (k = 0; k < G_N_ELEMENTS(counts); k++)
		if (strcmp(kw, counts[k].kw) == 0)
			break;
	if (k == G_N_ELEMENTS(counts))
		return fail(r, "unknown record \"%s\"", kw);
	if (!r->page)
		return fail(r, "%s before the first page", kw);
	if (n != counts[k].n)
		return fail(r, "%s takes %d field%s, not %d", kw, counts[k].n,
		    counts[k].n == 1 ? "" : "s", n);

	double v[5];
	if (strcmp(kw, "text") == 0)
		return read_text(r, f);
	if (strcmp(kw, "rule") == 0) {
		for (int i = 0; i < 5; i++)
			if (!parse_num(r, f[i], "rule", &v[i]))
				return FALSE;
		double gray;
		if (!parse_gray(r, f[5], &gray))
			return FALSE;
		if (v[4] <= 0)
			return fail(r, "rule width %s is not positive", f[4]);
		page_add_rule(p, r->page, v[0], v[1], v[2], v[3], v[4], gray);
	} else if (strcmp(kw, "box") == 0) {
		for (int i = 0; i < 4; i++)
			if (!parse_num(r, f[i], "box", &v[i]))
				return FALSE;
		if (!parse_gray(r, f[4], &v[4]))
			return FALSE;
		if (v[2] < 0 || v[3] < 0)
			return fail(r, "box with a negative size");
		page_add_box(p, r->page, v[0], v[1], v[2], v[3], v[4]);
	} else if (strcmp(kw, "begin") == 0) {
		if (!known_tag(f[0]))
			return fail(r, "unknown structure tag \"%s\"", f[0]);
		page_begin(p, r->page, f[0]);
		g_ptr_array_add(r->open, (gpointer)page_item(r->page, r->page->items->len - 1)->text);
	} else if (strcmp(kw, "end") == 0) {
		if (!r->open->len)
			return fail(r, "end %s without begin on this page", f[0]);
		const char *top = g_ptr_array_index(r->open, r->open->len - 1);
		if (strcmp(top, f[0]) != 0)
			return fail(r, "end %s closes \"%s\"", f[0], top);
		g_ptr_array_set_size(r->open, r->open->len - 1);
		page_end(p, r->page, f[0]);
	} else if (strcmp(kw, "link") == 0) {
		for (int i = 0; i < 4; i++)
			if (!parse_num(r, f[i], "link", &v[i]))
				return FALSE;
		if (!*f[4])
			return fail(r, "link with an empty destination");
		page_add_link(p, r->page, v[0], v[1], v[2], v[3], f[4]);
		use_dest(r, page_item(r->page, r->page->items->len - 1)->text);
	} else if (strcmp(kw, "dest") == 0) {
		if (!*f[0])
			return fail(r, "dest with an empty name");
		if (!parse_num(r, f[1], "dest x", &v[0]) || !parse_num(r, f[2], "dest y", &v[1]))
			return FALSE;
		if (g_hash_table_contains(r->dests, f[0]))
			return fail(r, "destination %s is defined twice (first on line %d)", f[0],
			    GPOINTER_TO_INT(g_hash_table_lookup(r->dests, f[0])));
		page_add_dest(p, r->page, f[0], v[0], v[1]);
		g_hash_table_insert(r->dests,
		    (gpointer)page_item(r->page, r->page->items->len - 1)->text,
		    GINT_TO_POINTER(r->line));
	} else if (strcmp(kw, "toc") == 0) {
		if (!*f[0])
			return fail(r, "toc with an empty document");
		page_add_toc(p, r->page, f[0], f[1], f[2]);
	} else if (strcmp(kw, "title") == 0) {
		if (!*f[0])
			return fail(r, "title with an empty document");
		page_add_title(p, r->page, f[0], f[1]);
	}
	return TRUE;
}

static gboolean
read_line(reader *r, char *line)
{
	if (!*line || *line == '#')
		return TRUE;
	if (!g_utf8_validate(line, -1, NULL))
		return fail(r, "not valid UTF-8");
	if (r->ended)
		return fail(r, "a record after end");

	char *f[9];
	int n = gb_split_fields(line, f, 9) - 1;
	const char *kw = f[0];
	char **fields = f + 1;

	if (strcmp(kw, "end") == 0 && n == 0) {
		if (!close_page(r))
			return FALSE;
		if (!r->have_trim)
			return fail(r, "no trim record");
		r->ended = TRUE;
		return TRUE;
	}
	if (strcmp(kw, "page") == 0)
		return read_page(r, fields, n);
	static const char *header[] = { "layout", "trim", "bleed", "meta", "font", "warning",
		"outline" };
	for (guint i = 0; i < G_N_ELEMENTS(header); i++)
		if (strcmp(kw, header[i]) == 0) {
			if (r->page)
				return fail(r, "%s after the first page (header records come first)", kw);
			return read_header_record(r, kw, fields, n);
		}
	return read_page_record(r, kw, fields, n);
}

/* After the last record: every destination used is defined. */
static gboolean
check_dests(reader *r)
{
	GHashTableIter it;
	gpointer key, val;
	const char *worst = NULL;
	int worst_line = 0;
	g_hash_table_iter_init(&it, r->used);
	while (g_hash_table_iter_next(&it, &key, &val))
		if (!g_hash_table_contains(r->dests, key)
		    && (!worst || GPOINTER_TO_INT(val) < worst_line)) {
			worst = key;
			worst_line = GPOINTER_TO_INT(val);
		}
	if (worst) {
		r->line = worst_line;
		return fail(r, "destination %s is used but no dest record defines it", worst);
	}
	return TRUE;
}

/* The first line: the format's name and version. */
static gboolean
read_version(reader *r, char *line)
{
	char *fl[3];
	int n = gb_split_fields(line, fl, 3);
	if (n < 1 || strcmp(fl[0], "gongbao-pages") != 0)
		return fail(r, "not a page list (the first line is not \"gongbao-pages\t1\")");
	if (n != 2 || strcmp(fl[1], "1") != 0)
		return fail(r, "page list version \"%s\": this program reads version 1",
		    n >= 2 ? fl[1] : "");
	return TRUE;
}

gb_pages *
pages_read(FILE *f, const char *name, GError **error)
{
	reader r = { .name = name, .error = error };
	r.p = pages_new(NULL, 0, 0, 0);
	r.open = g_ptr_array_new();
	r.dests = g_hash_table_new(g_str_hash, g_str_equal);
	r.used = g_hash_table_new(g_str_hash, g_str_equal);

	/* Line by line, so that a large list is never held twice. */
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	gboolean ok = TRUE;
	while (ok && (len = getline(&line, &cap, f)) >= 0) {
		r.line++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len > 0 && line[len - 1] == '\r')
			line[--len] = '\0';
		if (memchr(line, '\0', (size_t)len))
			ok = fail(&r, "the line contains a NUL byte");
		else if (r.line == 1)
			ok = read_version(&r, line);
		else
			ok = read_line(&r, line);
	}
	free(line);
	if (ok && ferror(f)) {
		g_set_error(error, GB_PAGES_ERROR, GB_PAGES_ERROR_SYSTEM, "%s: cannot read: %s", name,
		    g_strerror(errno));
		ok = FALSE;
	}
	if (ok && r.line == 0) {
		r.line = 1;
		ok = fail(&r, "empty file, not a page list");
	}
	if (ok && !r.ended)
		ok = fail(&r, "no end record: the page list was cut short");
	if (ok)
		ok = check_dests(&r);

	g_ptr_array_free(r.open, TRUE);
	g_hash_table_destroy(r.dests);
	g_hash_table_destroy(r.used);
	if (!ok) {
		pages_free(r.p);
		return NULL;
	}
	return r.p;
}

gb_pages *
pages_load(const char *path, GError **error)
{
	if (!path || strcmp(path, "-") == 0)
		return pages_read(stdin, "<stdin>", error);
	FILE *f = fopen(path, "rb");
	if (!f) {
		g_set_error(error, GB_PAGES_ERROR, GB_PAGES_ERROR_SYSTEM, "%s: cannot open: %s", path,
		    g_strerror(errno));
		return NULL;
	}
	gb_pages *p = pages_read(f, path, error);
	fclose(f);
	return p;
}
