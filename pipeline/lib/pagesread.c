/* pagesread.c — the page list in from `gongbao-pages 3` (FORMATS.md).  The
 * reader is strict (a reader never guesses) because the renderer paints
 * exactly what it reads and the check trusts it; every refusal is a line
 * of the one table, at the file and line of the record at fault. */
#include "content.h"
#include "date.h"
#include "diag.h"
#include "fonts.h"
#include "pages.h"
#include "pagesbuild.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK(gb-pages-error-quark, gb_pages_error)

/* What a PDF can hold (FORMATS.md, "Limits"): a page from 3 to 14,400
 * units a side (ISO 32000-1, Annex C.2), the print edition's trim and
 * bleed included; a coordinate or length within ±32,767 (the real numbers
 * of PDF 1.4's limits, which every reader holds); a text size no larger
 * than the largest page (cairo's FreeType fonts abort at 65,536). */
#define PDF_PAGE_MIN 3.0
#define PDF_PAGE_MAX 14400.0
#define PDF_COORD_MAX 32767.0
#define TEXT_SIZE_MAX 14400.0
/* Blank pages before the back cover: the typesetter adds at most 3 (a
 * multiple of 4 pages); a list may ask for more, but not for a print
 * edition without end. */
#define PADDING_MAX 1000

typedef struct {
	const char *name;
	int line;
	GError **error;
	gb_pages *p;
	gb_page *page;		/* the page being read, NULL in the header */
	GPtrArray *open;	/* structure tags open on this page */
	GHashTable *dests;	/* name → line defined */
	GHashTable *used;	/* dest name → first line used (outline, link) */
	gboolean have_trim, have_layout, have_bleed, have_padding, ended;
	gboolean header_only;	/* stop at the first page; fonts not resolved */
	gb_font_files *files;	/* fonts/fonts.conf, loaded at the first font */
	gboolean have_source;	/* a `source` record waits for its `text` */
	const char *src_doc;
	int src_line, src_part, src_offset;
} reader;

/* Sets the reader's error to diagnostic ID of the table at the current
 * line, and returns FALSE. */
#define fail(r, ID, ...) fail_((r), ID, diag_text(ID, ##__VA_ARGS__))

static gboolean
fail_(reader *r, gb_diag_id id, char *message)
{
	gb_level level = diag_level(id);
	char *full = diag_format_line(r->name, r->line, level, message);
	g_set_error_literal(r->error, GB_PAGES_ERROR,
	    level == GB_LEVEL_SYSTEM ? GB_PAGES_ERROR_SYSTEM : GB_PAGES_ERROR_INPUT, full);
	g_free(full);
	g_free(message);
	return FALSE;
}

GError *
pages_error_to_diag(const GError *error)
{
	if (error->domain == GB_PAGES_ERROR && error->code == GB_PAGES_ERROR_INPUT)
		return g_error_new_literal(GB_DIAG_ERROR, DIAG_PAGES_REFUSED, error->message);
	if (error->domain == GB_PAGES_ERROR)
		return g_error_new_literal(GB_DIAG_ERROR, DIAG_PAGES_READ, error->message);
	return g_error_copy(error);
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
			if (v > PDF_COORD_MAX)
				return fail(r, DIAG_PAGES_NUMBER_RANGE, what, field, PDF_COORD_MAX);
			*out = neg ? -v : v;
			return TRUE;
		}
	}
	char *end;
	errno = 0;
	double v = g_ascii_strtod(field, &end);
	if (!*field || *end || errno || !isfinite(v) || g_ascii_isspace(*field))
		return fail(r, DIAG_PAGES_NOT_NUMBER, what, field);
	if (fabs(v) > PDF_COORD_MAX)
		return fail(r, DIAG_PAGES_NUMBER_RANGE, what, field, PDF_COORD_MAX);
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
		return fail(r, DIAG_PAGES_NOT_INTEGER, what, field);
	*out = (int)v;
	return TRUE;
}

static gboolean
parse_gray(reader *r, const char *field, double *out)
{
	if (!parse_num(r, field, "gray", out))
		return FALSE;
	if (*out < 0 || *out > 1)
		return fail(r, DIAG_PAGES_GRAY_RANGE, field);
	return TRUE;
}

/* The PDF standard structure types (ISO 32000-1, 14.8.4), the title
 * (written H1) and artifacts: a tag the tagged edition could not name is
 * refused here, not in a viewer. */
static gboolean
known_tag(const char *tag)
{
	return content_standard_type(tag) || strcmp(tag, "Title") == 0
	    || strcmp(tag, "Artifact") == 0;
}

static void
use_dest(reader *r, const char *dest)
{
	if (!g_hash_table_contains(r->used, dest))
		g_hash_table_insert(r->used, (gpointer)dest, GINT_TO_POINTER(r->line));
}

/* The item just added to the page: it remembers its record's line. */
static gb_item *
last_item(reader *r)
{
	gb_item *it = &g_array_index(r->page->items, gb_item, r->page->items->len - 1);
	it->line = r->line;
	return it;
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
		return fail(r, DIAG_PAGES_FONT_UNDEFINED, font);
	if (size <= 0)
		return fail(r, DIAG_PAGES_SIZE_NOT_POSITIVE, f[1]);
	if (size > TEXT_SIZE_MAX)
		return fail(r, DIAG_PAGES_SIZE_TOO_LARGE, f[1], TEXT_SIZE_MAX);
	const char *text = f[5];
	if (!*text)
		return fail(r, DIAG_PAGES_EMPTY_FIELD, "text", "文字");
	glong n = g_utf8_strlen(text, -1);
	glong k = 1;
	for (const char *c = f[6]; *c; c++)
		k += *c == ' ';
	if (!*f[6])
		k = 0;
	if (k != n)
		return fail(r, DIAG_PAGES_OFFSETS_COUNT, text, n, k);

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
		ok = fail(r, DIAG_PAGES_FIRST_OFFSET);
	if (ok) {
		pages_text_add(r->p, r->page, font, size, x, y, gray, text, off, (int)n);
		last_item(r);
		if (r->have_source)
			page_text_source(r->p, r->page, r->src_doc, r->src_line, r->src_part,
			    r->src_offset);
		r->have_source = FALSE;
	}
	if (off != stack)
		g_free(off);
	return ok;
}

/* The path on this machine of the face a font record names: FAMILY's
 * face INDEX in the file called NAME, as fonts/fonts.conf finds it. */
static char *
resolve_font(reader *r, int id, const char *name, int index, const char *family)
{
	if (!r->files) {
		char *conf = gb_data_path("fonts/fonts.conf");
		GError *err = NULL;
		if (conf)
			r->files = fonts_files_load(conf, &err);
		else
			fail(r, DIAG_PAGES_FONT_CONFIG, "fonts/fonts.conf");
		if (conf && !r->files) {
			char *why = diag_error_text(err, conf);
			char *full = g_strdup_printf("%s：%s", conf, why);
			fail(r, DIAG_PAGES_FONT_CONFIG, full);
			g_free(full);
			g_free(why);
		}
		g_clear_error(&err);
		g_free(conf);
		if (!r->files)
			return NULL;
	}
	char *other = NULL;
	char *path = fonts_files_find(r->files, family, name, index, &other);
	if (!path && other)
		fail(r, DIAG_PAGES_FONT_OTHER_FILE, id, family, other, name, index);
	else if (!path)
		fail(r, DIAG_PAGES_FONT_NOT_FOUND, id, family, name, index, family);
	g_free(other);
	return path;
}

/* font ID ROLE FILE INDEX FAMILY, FILE a base name. */
static gboolean
read_font(reader *r, char **f, int n)
{
	int id, index;
	if (n != 5)
		return fail(r, DIAG_PAGES_FIELD_COUNT, "font", 5, n);
	if (!parse_int(r, f[0], "font id", &id) || !parse_int(r, f[3], "face index", &index))
		return FALSE;
	if (id < 0 || index < 0)
		return fail(r, DIAG_PAGES_NEGATIVE_FONT);
	if (index > 65535)	/* FreeType: the face in the low 16 bits */
		return fail(r, DIAG_PAGES_FACE_INDEX, index);
	if (!*f[2])
		return fail(r, DIAG_PAGES_EMPTY_FIELD, "font", "文件名");
	if (strchr(f[2], '/'))
		return fail(r, DIAG_PAGES_FONT_PATH, id, f[2]);
	if (pages_font(r->p, id))
		return fail(r, DIAG_PAGES_FONT_TWICE, id);
	char *path = r->header_only ? g_strdup(f[2]) : resolve_font(r, id, f[2], index, f[4]);
	if (!path)
		return FALSE;
	pages_add_font(r->p, id, f[1], path, index, f[4]);
	g_array_index(r->p->fonts, gb_font, r->p->fonts->len - 1).line = r->line;
	g_free(path);
	return TRUE;
}

/* A record that stands once in the header and holds one number. */
static gboolean
read_once(reader *r, const char *kw, int n, int want, gboolean *have)
{
	if (n != want)
		return fail(r, DIAG_PAGES_FIELD_COUNT, kw, want, n);
	if (*have)
		return fail(r, DIAG_PAGES_RECORD_TWICE, kw);
	*have = TRUE;
	return TRUE;
}

/* The trim, and with the bleed the print edition's page, within what a
 * PDF page can be. */
static gboolean
page_fits(reader *r)
{
	const gb_pages *p = r->p;
	double w = p->trim_width + 2 * p->bleed, h = p->trim_height + 2 * p->bleed;
	if (p->trim_width < PDF_PAGE_MIN || p->trim_height < PDF_PAGE_MIN || w > PDF_PAGE_MAX
	    || h > PDF_PAGE_MAX)
		return fail(r, DIAG_PAGES_PAGE_SIZE, w, h, PDF_PAGE_MIN, PDF_PAGE_MAX);
	return TRUE;
}

static gboolean
read_size_record(reader *r, const char *kw, char **f, int n)
{
	gb_pages *p = r->p;
	if (strcmp(kw, "trim") == 0) {
		if (!read_once(r, kw, n, 2, &r->have_trim)
		    || !parse_num(r, f[0], "trim width", &p->trim_width)
		    || !parse_num(r, f[1], "trim height", &p->trim_height))
			return FALSE;
		if (p->trim_width <= 0 || p->trim_height <= 0)
			return fail(r, DIAG_PAGES_TRIM_NOT_POSITIVE);
		if (!page_fits(r))
			return FALSE;
	} else if (strcmp(kw, "bleed") == 0) {
		if (!read_once(r, kw, n, 1, &r->have_bleed) || !parse_num(r, f[0], "bleed", &p->bleed))
			return FALSE;
		if (p->bleed < 0)
			return fail(r, DIAG_PAGES_BLEED_NEGATIVE);
		if (r->have_trim && !page_fits(r))
			return FALSE;
	} else {	/* padding */
		if (!read_once(r, kw, n, 1, &r->have_padding)
		    || !parse_int(r, f[0], "padding", &p->print_padding))
			return FALSE;
		if (p->print_padding < 0)
			return fail(r, DIAG_PAGES_PADDING_NEGATIVE, p->print_padding);
		if (p->print_padding > PADDING_MAX)
			return fail(r, DIAG_PAGES_PADDING_RANGE, p->print_padding, PADDING_MAX);
	}
	return TRUE;
}

/* warning FILE LINE KIND BLOCKLINE PART START LENGTH MESSAGE */
static gboolean
read_warning(reader *r, char **f, int n)
{
	int line;
	gb_anchor a;
	if (n != 8)
		return fail(r, DIAG_PAGES_FIELD_COUNT, "warning", 8, n);
	if (!parse_int(r, f[1], "line", &line) || !parse_int(r, f[3], "block line", &a.line)
	    || !parse_int(r, f[4], "part", &a.part) || !parse_int(r, f[5], "start", &a.start)
	    || !parse_int(r, f[6], "length", &a.length))
		return FALSE;
	if (!*f[2] || strspn(f[2], "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(f[2]))
		return fail(r, DIAG_PAGES_WARNING_KIND, f[2]);
	if (a.line < 0 || a.part < 0 || a.start < 0 || a.length < 0
	    || (a.line == 0 && (a.part || a.start || a.length)))
		return fail(r, DIAG_PAGES_WARNING_PLACE);
	pages_add_warning(r->p, f[0], line, f[2], &a, f[7]);
	return TRUE;
}

/* source DOC LINE PART OFFSET: kept for the text record that follows. */
static gboolean
read_source(reader *r, char **f)
{
	const gb_page_document *d = pages_document(r->p, f[0]);
	if (!d)
		return fail(r, DIAG_PAGES_DOCUMENT_UNDEFINED, f[0]);
	if (!parse_int(r, f[1], "source line", &r->src_line)
	    || !parse_int(r, f[2], "source part", &r->src_part)
	    || !parse_int(r, f[3], "source offset", &r->src_offset))
		return FALSE;
	if (r->src_line < 1 || r->src_part < 0 || r->src_offset < 0)
		return fail(r, DIAG_PAGES_SOURCE_RANGE);
	r->src_doc = d->id;
	r->have_source = TRUE;
	return TRUE;
}

static gboolean
read_header_record(reader *r, const char *kw, char **f, int n)
{
	if (strcmp(kw, "layout") == 0) {
		if (!read_once(r, kw, n, 1, &r->have_layout))
			return FALSE;
		r->p->layout = pages_str_const(r->p, f[0]);
	} else if (strcmp(kw, "trim") == 0 || strcmp(kw, "bleed") == 0
	    || strcmp(kw, "padding") == 0) {
		return read_size_record(r, kw, f, n);
	} else if (strcmp(kw, "meta") == 0) {
		if (n != 2)
			return fail(r, DIAG_PAGES_FIELD_COUNT, kw, 2, n);
		if (!*f[0])
			return fail(r, DIAG_PAGES_EMPTY_FIELD, kw, "键");
		if (pages_meta(r->p, f[0]))
			return fail(r, DIAG_PAGES_META_TWICE, f[0]);
		gb_date day;
		if (strcmp(f[0], "date") == 0 && date_parse(f[1], &day) != GB_DATE_OK)
			return fail(r, DIAG_PAGES_META_DATE, f[1]);
		pages_set_meta(r->p, f[0], f[1]);
		g_array_index(r->p->meta, gb_page_meta, r->p->meta->len - 1).line = r->line;
	} else if (strcmp(kw, "font") == 0) {
		return read_font(r, f, n);
	} else if (strcmp(kw, "warning") == 0) {
		return read_warning(r, f, n);
	} else if (strcmp(kw, "document") == 0) {
		if (n != 3)
			return fail(r, DIAG_PAGES_FIELD_COUNT, kw, 3, n);
		if (!*f[0])
			return fail(r, DIAG_PAGES_EMPTY_FIELD, kw, "文档");
		if (!*f[2])
			return fail(r, DIAG_PAGES_EMPTY_FIELD, kw, "标识符");
		if (!pages_add_document(r->p, f[0], f[1], f[2]))
			return fail(r, DIAG_PAGES_DOCUMENT_TWICE, f[0]);
	} else if (strcmp(kw, "outline") == 0) {
		int level;
		if (n != 3)
			return fail(r, DIAG_PAGES_FIELD_COUNT, kw, 3, n);
		if (!parse_int(r, f[0], "outline level", &level))
			return FALSE;
		if (level < 1)
			return fail(r, DIAG_PAGES_OUTLINE_LEVEL, level);
		if (!*f[1])
			return fail(r, DIAG_PAGES_EMPTY_FIELD, kw, "目标");
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
		return fail(r, DIAG_PAGES_STILL_OPEN, r->page->number,
		    (const char *)g_ptr_array_index(r->open, r->open->len - 1));
	return TRUE;
}

/* What every page list has before its first page (or its end). */
static gboolean
header_complete(reader *r)
{
	if (!r->have_trim)
		return fail(r, DIAG_PAGES_NO_TRIM);
	if (!r->have_padding)
		return fail(r, DIAG_PAGES_NO_PADDING);
	return TRUE;
}

static gboolean
read_page(reader *r, char **f, int n)
{
	int number;
	if (n != 4)
		return fail(r, DIAG_PAGES_FIELD_COUNT, "page", 4, n);
	if (!r->page && !header_complete(r))
		return FALSE;
	if (!close_page(r))
		return FALSE;
	if (!parse_int(r, f[0], "page number", &number))
		return FALSE;
	if (number != (int)r->p->pages->len + 1)
		return fail(r, DIAG_PAGES_PAGE_SEQUENCE, number, (int)r->p->pages->len + 1);
	int kind = pages_kind_from_name(f[1]);
	if (kind < 0)
		return fail(r, DIAG_PAGES_PAGE_KIND, f[1]);
	if (!*f[2])
		return fail(r, DIAG_PAGES_EMPTY_FIELD, "page", "页标签");
	if (!*f[3])
		return fail(r, DIAG_PAGES_PAGE_FOLIO, number);
	r->page = pages_add_page(r->p, kind, f[2], f[3]);
	r->page->line = r->line;
	return TRUE;
}

/* The numbers of a rule, box or link: the first N fields. */
static gboolean
parse_nums(reader *r, char **f, int n, const char *what, double *v)
{
	for (int i = 0; i < n; i++)
		if (!parse_num(r, f[i], what, &v[i]))
			return FALSE;
	return TRUE;
}

static gboolean
read_structure(reader *r, const char *kw, char **f)
{
	if (strcmp(kw, "begin") == 0) {
		if (!known_tag(f[0]))
			return fail(r, DIAG_PAGES_UNKNOWN_TAG, f[0]);
		page_begin(r->p, r->page, f[0]);
		g_ptr_array_add(r->open, (gpointer)last_item(r)->text);
		return TRUE;
	}
	if (!r->open->len)
		return fail(r, DIAG_PAGES_END_WITHOUT_BEGIN, f[0]);
	const char *top = g_ptr_array_index(r->open, r->open->len - 1);
	if (strcmp(top, f[0]) != 0)
		return fail(r, DIAG_PAGES_END_MISMATCH, f[0], top);
	g_ptr_array_set_size(r->open, r->open->len - 1);
	page_end(r->p, r->page, f[0]);
	last_item(r);
	return TRUE;
}

static gboolean
read_dest(reader *r, char **f)
{
	double x, y;
	if (!*f[0])
		return fail(r, DIAG_PAGES_EMPTY_FIELD, "dest", "名称");
	if (pages_link_uri(f[0]))
		return fail(r, DIAG_PAGES_DEST_URI, f[0]);
	if (!parse_num(r, f[1], "dest x", &x) || !parse_num(r, f[2], "dest y", &y))
		return FALSE;
	if (g_hash_table_contains(r->dests, f[0]))
		return fail(r, DIAG_PAGES_DEST_TWICE, f[0],
		    GPOINTER_TO_INT(g_hash_table_lookup(r->dests, f[0])));
	page_add_dest(r->p, r->page, f[0], x, y);
	g_hash_table_insert(r->dests, (gpointer)last_item(r)->text, GINT_TO_POINTER(r->line));
	return TRUE;
}

/* image X Y W H COLOUR FILE ALT: a box of positive size and a file named. */
static gboolean
read_image(reader *r, char **f)
{
	double v[4];
	if (!parse_nums(r, f, 4, "image", v))
		return FALSE;
	if (v[2] <= 0 || v[3] <= 0)
		return fail(r, DIAG_PAGES_BOX_NEGATIVE);
	if (strcmp(f[4], "colour") != 0 && strcmp(f[4], "gray") != 0)
		return fail(r, DIAG_PAGES_IMAGE_COLOUR, f[4]);
	if (!*f[5])
		return fail(r, DIAG_PAGES_EMPTY_FIELD, "image", "文件");
	page_add_image(r->p, r->page, v[0], v[1], v[2], v[3], f[4][0] == 'c', f[5], f[6]);
	last_item(r);
	return TRUE;
}

static gboolean
read_page_record(reader *r, const char *kw, char **f, int n)
{
	gb_pages *p = r->p;
	static const struct { const char *kw; int n; } counts[] = {
		{ "text", 7 }, { "rule", 6 }, { "box", 5 }, { "begin", 1 }, { "end", 1 },
		{ "link", 5 }, { "dest", 3 }, { "toc", 3 }, { "title", 2 }, { "image", 7 },
		{ "source", 4 },
	};
	guint k;
	for (k = 0; k < G_N_ELEMENTS(counts); k++)
		if (strcmp(kw, counts[k].kw) == 0)
			break;
	if (k == G_N_ELEMENTS(counts))
		return fail(r, DIAG_PAGES_UNKNOWN_RECORD, kw);
	if (!r->page)
		return fail(r, DIAG_PAGES_BEFORE_PAGE, kw);
	if (n != counts[k].n)
		return fail(r, DIAG_PAGES_FIELD_COUNT, kw, counts[k].n, n);

	double v[5];
	if (strcmp(kw, "text") == 0)
		return read_text(r, f);
	if (strcmp(kw, "source") == 0)
		return read_source(r, f);
	if (strcmp(kw, "begin") == 0 || strcmp(kw, "end") == 0)
		return read_structure(r, kw, f);
	if (strcmp(kw, "dest") == 0)
		return read_dest(r, f);
	if (strcmp(kw, "image") == 0)
		return read_image(r, f);
	if (strcmp(kw, "rule") == 0) {
		double gray;
		if (!parse_nums(r, f, 5, "rule", v) || !parse_gray(r, f[5], &gray))
			return FALSE;
		if (v[4] <= 0)
			return fail(r, DIAG_PAGES_RULE_WIDTH, f[4]);
		page_add_rule(p, r->page, v[0], v[1], v[2], v[3], v[4], gray);
	} else if (strcmp(kw, "box") == 0) {
		if (!parse_nums(r, f, 4, "box", v) || !parse_gray(r, f[4], &v[4]))
			return FALSE;
		if (v[2] < 0 || v[3] < 0)
			return fail(r, DIAG_PAGES_BOX_NEGATIVE);
		page_add_box(p, r->page, v[0], v[1], v[2], v[3], v[4]);
	} else if (strcmp(kw, "link") == 0) {
		if (!parse_nums(r, f, 4, "link", v))
			return FALSE;
		if (!*f[4])
			return fail(r, DIAG_PAGES_EMPTY_FIELD, kw, "目标");
		const char *uri = pages_link_uri(f[4]);
		if (uri && !pages_uri_ok(uri))
			return fail(r, DIAG_PAGES_LINK_URI, uri);
		page_add_link(p, r->page, v[0], v[1], v[2], v[3], f[4]);
		if (!uri)
			use_dest(r, last_item(r)->text);
	} else if (strcmp(kw, "toc") == 0) {
		if (!*f[0])
			return fail(r, DIAG_PAGES_EMPTY_FIELD, kw, "文档");
		page_add_toc(p, r->page, f[0], f[1], f[2]);
	} else {	/* title */
		if (!*f[0])
			return fail(r, DIAG_PAGES_EMPTY_FIELD, kw, "文档");
		page_add_title(p, r->page, f[0], f[1]);
	}
	last_item(r);
	return TRUE;
}

static gboolean
read_line(reader *r, char *line)
{
	if (!*line || *line == '#')
		return TRUE;
	if (!g_utf8_validate(line, -1, NULL))
		return fail(r, DIAG_PAGES_UTF8);
	if (r->ended)
		return fail(r, DIAG_PAGES_AFTER_END);

	char *f[10];
	int n = gb_split_fields(line, f, 10) - 1;
	const char *kw = f[0];
	char **fields = f + 1;
	if (r->have_source && strcmp(kw, "text") != 0)
		return fail(r, DIAG_PAGES_SOURCE_NOT_TEXT, kw);

	if (strcmp(kw, "end") == 0 && n == 0) {
		if (!close_page(r))
			return FALSE;
		if (!r->page && !header_complete(r))
			return FALSE;
		r->ended = TRUE;
		return TRUE;
	}
	if (strcmp(kw, "page") == 0) {
		if (r->header_only && !r->page) {
			r->ended = header_complete(r);
			return r->ended;
		}
		return read_page(r, fields, n);
	}
	static const char *header[] = { "layout", "trim", "bleed", "padding", "meta", "font",
		"document", "warning", "outline" };
	for (guint i = 0; i < G_N_ELEMENTS(header); i++)
		if (strcmp(kw, header[i]) == 0) {
			if (r->page)
				return fail(r, DIAG_PAGES_HEADER_AFTER_PAGE, kw);
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
		return fail(r, DIAG_PAGES_DEST_UNDEFINED, worst);
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
		return fail(r, DIAG_PAGES_NOT_PAGE_LIST);
	char want[8];
	g_snprintf(want, sizeof want, "%d", GB_PAGES_VERSION);
	if (n != 2 || strcmp(fl[1], want) != 0)
		return fail(r, DIAG_PAGES_VERSION, n >= 2 ? fl[1] : "");
	return TRUE;
}

/* Line by line, so that a large list is never held twice. */
static gboolean
read_lines(reader *r, FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	gboolean ok = TRUE;
	while (ok && !(r->header_only && r->ended) && (len = getline(&line, &cap, f)) >= 0) {
		r->line++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len > 0 && line[len - 1] == '\r')
			line[--len] = '\0';
		if (memchr(line, '\0', (size_t)len))
			ok = fail(r, DIAG_PAGES_NUL);
		else if (r->line == 1)
			ok = read_version(r, line);
		else
			ok = read_line(r, line);
	}
	free(line);
	if (ok && ferror(f))
		ok = fail(r, DIAG_PAGES_READ, g_strerror(errno));
	if (ok && r->line == 0) {
		r->line = 1;
		ok = fail(r, DIAG_PAGES_EMPTY_FILE);
	}
	if (ok && !r->ended)
		ok = fail(r, DIAG_PAGES_CUT_SHORT);
	return ok;
}

static gb_pages *
read_list(FILE *f, const char *name, gboolean header_only, GError **error)
{
	reader r = { .name = name, .error = error, .header_only = header_only };
	r.p = pages_new(NULL, 0, 0, 0);
	r.open = g_ptr_array_new();
	r.dests = g_hash_table_new(g_str_hash, g_str_equal);
	r.used = g_hash_table_new(g_str_hash, g_str_equal);
	gboolean ok = read_lines(&r, f) && (header_only || check_dests(&r));
	g_ptr_array_free(r.open, TRUE);
	g_hash_table_destroy(r.dests);
	g_hash_table_destroy(r.used);
	fonts_files_free(r.files);
	if (!ok) {
		pages_free(r.p);
		return NULL;
	}
	return r.p;
}

gb_pages *
pages_read(FILE *f, const char *name, GError **error)
{
	return read_list(f, name, FALSE, error);
}

static gb_pages *
load_list(const char *path, gboolean header_only, GError **error)
{
	if (!path || strcmp(path, "-") == 0)
		return read_list(stdin, "<stdin>", header_only, error);
	GError *err = NULL;
	FILE *f = gb_fopen_input(path, GB_MAX_LIST_INPUT, &err);
	if (!f) {
		reader r = { .name = path, .error = error };
		char *why = diag_error_text(err, path);
		if (diag_level((gb_diag_id)err->code) == GB_LEVEL_ERROR)
			fail(&r, DIAG_PAGES_REFUSED, why);
		else
			fail(&r, DIAG_PAGES_OPEN, why);
		g_free(why);
		g_error_free(err);
		return NULL;
	}
	gb_pages *p = read_list(f, path, header_only, error);
	fclose(f);
	return p;
}

gb_pages *
pages_load(const char *path, GError **error)
{
	return load_list(path, FALSE, error);
}

gb_pages *
pages_load_header(const char *path, GError **error)
{
	return load_list(path, TRUE, error);
}
