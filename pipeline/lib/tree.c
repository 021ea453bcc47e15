/* tree.c — the document tree in memory, and its text form `gongbao-tree 2`
 * (pipeline/FORMATS.md) written and read back.  The reader is strict: a
 * tree that is cut short or out of shape is refused with its line, never
 * guessed at, so that a typesetter bug is never blamed on a bad input. */
#include "tree.h"
#include "diag.h"
#include "issueini.h"
#include "pages.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define TREE_FORMAT "gongbao-tree"
#define TREE_VERSION 2

/* --- memory ------------------------------------------------------------- */

void
meta_free(gpointer p)
{
	gb_meta *m = p;
	g_free(m->key);
	g_free(m->value);
	g_free(m);
}

gb_meta *
meta_new(const char *key, const char *value, int line)
{
	gb_meta *m = g_new0(gb_meta, 1);
	m->key = g_strdup(key);
	m->value = g_strdup(value ? value : "");
	m->line = line;
	return m;
}

static void
row_free(gpointer p, int ncols)
{
	gb_row *r = p;
	for (int i = 0; i < ncols; i++)
		g_free(r->cells[i]);
	g_free(r->cells);
	g_free(r);
}

static void
block_free(gpointer p)
{
	gb_block *b = p;
	if (b->rows) {
		for (guint i = 0; i < b->rows->len; i++)
			row_free(b->rows->pdata[i], b->ncols);
		g_ptr_array_free(b->rows, TRUE);
	}
	g_free(b->marker);
	g_free(b->text);
	g_free(b->align);
	g_free(b->path);
	g_free(b->uri);
	if (b->noterefs) {
		for (guint i = 0; i < b->noterefs->len; i++)
			g_free(g_array_index(b->noterefs, gb_noteref, i).mark);
		g_array_free(b->noterefs, TRUE);
	}
	g_free(b);
}

static void
document_free_cb(gpointer p)
{
	document_free(p);
}

void
document_free(gb_document *d)
{
	if (!d)
		return;
	g_free(d->id);
	g_free(d->file);
	docmeta_clear(&d->fm);
	g_ptr_array_unref(d->meta);
	g_ptr_array_unref(d->blocks);
	g_free(d);
}

static void
section_free(gpointer p)
{
	gb_section *s = p;
	g_free(s->name);
	g_ptr_array_unref(s->documents);
	g_free(s);
}

static void
warning_free(gpointer p)
{
	gb_warning *w = p;
	g_free(w->file);
	g_free(w->kind);
	g_free(w->message);
	g_free(w);
}

gb_tree *
tree_new(void)
{
	gb_tree *t = g_new0(gb_tree, 1);
	t->gazette = g_ptr_array_new_with_free_func(meta_free);
	t->issue = g_ptr_array_new_with_free_func(meta_free);
	t->sections = g_ptr_array_new_with_free_func(section_free);
	t->warnings = g_ptr_array_new_with_free_func(warning_free);
	return t;
}

void
tree_free(gb_tree *tree)
{
	if (!tree)
		return;
	g_ptr_array_unref(tree->gazette);
	g_ptr_array_unref(tree->issue);
	g_ptr_array_unref(tree->sections);
	g_ptr_array_unref(tree->warnings);
	g_free(tree);
}

void
tree_add_gazette(gb_tree *tree, const char *key, const char *value)
{
	g_ptr_array_add(tree->gazette, meta_new(key, value, 0));
}

void
tree_add_issue(gb_tree *tree, const char *key, const char *value)
{
	g_ptr_array_add(tree->issue, meta_new(key, value, 0));
}

gb_section *
tree_add_section(gb_tree *tree, const char *name)
{
	gb_section *s = g_new0(gb_section, 1);
	s->name = g_strdup(name);
	s->documents = g_ptr_array_new_with_free_func(document_free_cb);
	g_ptr_array_add(tree->sections, s);
	return s;
}

gb_document *
document_new(const char *id, const char *file, int line)
{
	gb_document *d = g_new0(gb_document, 1);
	d->id = g_strdup(id ? id : "");
	d->file = g_strdup(file);
	d->line = line;
	d->meta = g_ptr_array_new_with_free_func(meta_free);
	d->blocks = g_ptr_array_new_with_free_func(block_free);
	docmeta_init(&d->fm, line);
	return d;
}

void
section_take_document(gb_section *section, gb_document *doc)
{
	doc->section = section->name;
	g_ptr_array_add(section->documents, doc);
}

gb_document *
tree_add_document(gb_section *section, const char *id, const char *file, int line)
{
	gb_document *d = document_new(id, file, line);
	section_take_document(section, d);
	return d;
}

void
tree_add_warning(gb_tree *tree, const char *file, int line, const char *kind,
    const gb_anchor *anchor, const char *message)
{
	gb_warning *w = g_new0(gb_warning, 1);
	w->file = g_strdup(file);
	w->line = line;
	w->kind = g_strdup(kind);
	if (anchor)
		w->anchor = *anchor;
	w->message = g_strdup(message);
	g_ptr_array_add(tree->warnings, w);
}

void
document_add_meta(gb_document *doc, const char *key, const char *value, int line)
{
	gb_meta *m = meta_new(key, value, line);
	g_ptr_array_add(doc->meta, m);
	docmeta_set(&doc->fm, m->key, m->value, m->line);
}

static gb_block *
block_add(gb_document *doc, gb_block_kind kind, int line, const char *text)
{
	gb_block *b = g_new0(gb_block, 1);
	b->kind = kind;
	b->line = line;
	b->text = kind == GB_BLOCK_TABLE ? NULL : g_strdup(text ? text : "");
	g_ptr_array_add(doc->blocks, b);
	return b;
}

gb_block *
document_add_text(gb_document *doc, gb_block_kind kind, int line, const char *text)
{
	return block_add(doc, kind, line, text);
}

gb_block *
document_add_heading(gb_document *doc, int level, int line, const char *text)
{
	gb_block *b = block_add(doc, GB_BLOCK_HEADING, line, text);
	b->level = CLAMP(level, 1, 4);
	return b;
}

gb_block *
document_add_item(gb_document *doc, int line, const char *marker, const char *text)
{
	gb_block *b = block_add(doc, GB_BLOCK_ITEM, line, text);
	b->marker = g_strdup(marker);
	return b;
}

gb_block *
document_add_image(gb_document *doc, int line, const char *path, int px_width,
    int px_height, gboolean colour, const char *caption)
{
	gb_block *b = block_add(doc, GB_BLOCK_IMAGE, line, caption);
	b->path = g_strdup(path);
	b->px_width = px_width;
	b->px_height = px_height;
	b->colour = colour;
	return b;
}

gb_block *
document_add_note(gb_document *doc, int line, const char *mark, const char *text)
{
	gb_block *b = block_add(doc, GB_BLOCK_NOTE, line, text);
	b->marker = g_strdup(mark);
	return b;
}

void
block_set_link(gb_block *b, const char *uri)
{
	g_free(b->uri);
	b->uri = g_strdup(uri);
}

void
block_add_noteref(gb_block *b, int start, const char *mark)
{
	if (!b->noterefs)
		b->noterefs = g_array_new(FALSE, FALSE, sizeof(gb_noteref));
	gb_noteref n = { start, g_strdup(mark) };
	g_array_append_val(b->noterefs, n);
}

gb_block *
document_add_table(gb_document *doc, int line, int ncols, const char *align)
{
	gb_block *b = block_add(doc, GB_BLOCK_TABLE, line, NULL);
	b->ncols = ncols > 0 ? ncols : 1;
	b->align = g_malloc(b->ncols + 1);
	for (int i = 0; i < b->ncols; i++) {
		char c = align && (int)strlen(align) > i ? align[i] : '-';
		b->align[i] = strchr("lcr", c) && c ? c : '-';
	}
	b->align[b->ncols] = '\0';
	b->rows = g_ptr_array_new();
	return b;
}

gb_row *
table_add_row(gb_block *table, int line, gboolean head)
{
	gb_row *r = g_new0(gb_row, 1);
	r->line = line;
	r->head = head;
	r->cells = g_new0(char *, table->ncols);
	for (int i = 0; i < table->ncols; i++)
		r->cells[i] = g_strdup("");
	g_ptr_array_add(table->rows, r);
	return r;
}

void
table_set_cell(gb_block *table, gb_row *row, int column, const char *text)
{
	if (column < 0 || column >= table->ncols)
		return;
	g_free(row->cells[column]);
	row->cells[column] = g_strdup(text ? text : "");
}

/* --- lookups ------------------------------------------------------------ */

const char *
meta_lookup(const GPtrArray *meta, const char *key)
{
	for (guint i = 0; meta && i < meta->len; i++) {
		const gb_meta *m = meta->pdata[i];
		if (strcmp(m->key, key) == 0)
			return m->value;
	}
	return NULL;
}

const char *
tree_gazette(const gb_tree *tree, const char *key)
{
	return meta_lookup(tree->gazette, key);
}

const char *
tree_issue(const gb_tree *tree, const char *key)
{
	return meta_lookup(tree->issue, key);
}

const char *
document_meta(const gb_document *doc, const char *key)
{
	return meta_lookup(doc->meta, key);
}

const gb_meta *
document_meta_entry(const gb_document *doc, const char *key)
{
	for (guint i = 0; i < doc->meta->len; i++) {
		const gb_meta *m = doc->meta->pdata[i];
		if (strcmp(m->key, key) == 0)
			return m;
	}
	return NULL;
}

GPtrArray *
tree_documents(const gb_tree *tree)
{
	GPtrArray *all = g_ptr_array_new();
	for (guint i = 0; i < tree->sections->len; i++) {
		const gb_section *s = tree->sections->pdata[i];
		for (guint j = 0; j < s->documents->len; j++)
			g_ptr_array_add(all, s->documents->pdata[j]);
	}
	return all;
}

guint
tree_document_count(const gb_tree *tree)
{
	guint n = 0;
	for (guint i = 0; i < tree->sections->len; i++)
		n += ((const gb_section *)tree->sections->pdata[i])->documents->len;
	return n;
}

const gb_document *
tree_find_document(const gb_tree *tree, const char *id)
{
	for (guint i = 0; i < tree->sections->len; i++) {
		const gb_section *s = tree->sections->pdata[i];
		for (guint j = 0; j < s->documents->len; j++) {
			const gb_document *d = s->documents->pdata[j];
			if (strcmp(d->id, id) == 0)
				return d;
		}
	}
	return NULL;
}

/* --- writing ------------------------------------------------------------ */

/* Appends TAB and the escaped text. */
static void
field(GString *s, const char *text)
{
	g_string_append_c(s, '\t');
	gb_append_escaped(s, text ? text : "");
}

static void
field_int(GString *s, int n)
{
	g_string_append_printf(s, "\t%d", n);
}

static void
write_block(GString *s, const gb_block *b)
{
	switch (b->kind) {
	case GB_BLOCK_PARA:
		g_string_append(s, "para");
		field_int(s, b->line);
		field(s, b->text);
		break;
	case GB_BLOCK_HEADING:
		g_string_append(s, "heading");
		field_int(s, b->level);
		field_int(s, b->line);
		field(s, b->text);
		break;
	case GB_BLOCK_ATTACHMENT:
		g_string_append(s, "attachment");
		field_int(s, b->line);
		field(s, b->text);
		break;
	case GB_BLOCK_ITEM:
		g_string_append(s, "item");
		field_int(s, b->line);
		field(s, b->marker);
		field(s, b->text);
		break;
	case GB_BLOCK_TABLE:
		g_string_append(s, "table");
		field_int(s, b->line);
		field_int(s, b->ncols);
		field(s, b->align);
		g_string_append_c(s, '\n');
		for (guint i = 0; i < b->rows->len; i++) {
			const gb_row *r = b->rows->pdata[i];
			g_string_append(s, "row");
			field_int(s, r->line);
			field(s, r->head ? "head" : "body");
			g_string_append_c(s, '\n');
			for (int c = 0; c < b->ncols; c++) {
				g_string_append(s, "cell");
				field(s, r->cells[c]);
				g_string_append_c(s, '\n');
			}
		}
		g_string_append(s, "endtable");
		break;
	case GB_BLOCK_IMAGE:
		g_string_append(s, "image");
		field_int(s, b->line);
		field(s, b->path);
		field_int(s, b->px_width);
		field_int(s, b->px_height);
		field(s, b->colour ? "colour" : "gray");
		field(s, b->text);
		break;
	case GB_BLOCK_NOTE:
		g_string_append(s, "note");
		field_int(s, b->line);
		field(s, b->marker);
		field(s, b->text);
		break;
	}
	g_string_append_c(s, '\n');
	for (guint i = 0; b->noterefs && i < b->noterefs->len; i++) {
		const gb_noteref *n = &g_array_index(b->noterefs, gb_noteref, i);
		g_string_append(s, "noteref");
		field_int(s, n->start);
		field(s, n->mark);
		g_string_append_c(s, '\n');
	}
	if (b->uri) {
		g_string_append(s, "link");
		field(s, b->uri);
		g_string_append_c(s, '\n');
	}
}

static void
write_document(GString *s, const gb_document *d)
{
	g_string_append(s, "document");
	field(s, d->id);
	field(s, d->file);
	field_int(s, d->line);
	g_string_append_c(s, '\n');
	for (guint i = 0; i < d->meta->len; i++) {
		const gb_meta *m = d->meta->pdata[i];
		g_string_append(s, "meta");
		field(s, m->key);
		field(s, m->value);
		field_int(s, m->line);
		g_string_append_c(s, '\n');
	}
	for (guint i = 0; i < d->blocks->len; i++)
		write_block(s, d->blocks->pdata[i]);
	g_string_append(s, "enddocument\n");
}

gboolean
tree_write(FILE *out, const gb_tree *tree)
{
	/* A document at a time: a 2,000-page volume need not sit in memory
	 * twice. */
	GString *s = g_string_sized_new(1 << 16);
	g_string_append_printf(s, "%s\t%d\n", TREE_FORMAT, TREE_VERSION);
	for (guint i = 0; i < tree->gazette->len; i++) {
		const gb_meta *m = tree->gazette->pdata[i];
		g_string_append(s, "gazette");
		field(s, m->key);
		field(s, m->value);
		g_string_append_c(s, '\n');
	}
	for (guint i = 0; i < tree->issue->len; i++) {
		const gb_meta *m = tree->issue->pdata[i];
		g_string_append(s, "issue");
		field(s, m->key);
		field(s, m->value);
		g_string_append_c(s, '\n');
	}
	for (guint i = 0; i < tree->sections->len; i++) {
		const gb_section *sec = tree->sections->pdata[i];
		g_string_append(s, "section");
		field(s, sec->name);
		g_string_append_c(s, '\n');
		for (guint j = 0; j < sec->documents->len; j++) {
			write_document(s, sec->documents->pdata[j]);
			fwrite(s->str, 1, s->len, out);
			g_string_truncate(s, 0);
		}
	}
	for (guint i = 0; i < tree->warnings->len; i++) {
		const gb_warning *w = tree->warnings->pdata[i];
		g_string_append(s, "warning");
		field(s, w->file);
		field_int(s, w->line);
		field(s, w->kind);
		field_int(s, w->anchor.line);
		field_int(s, w->anchor.part);
		field_int(s, w->anchor.start);
		field_int(s, w->anchor.length);
		field(s, w->message);
		g_string_append_c(s, '\n');
	}
	g_string_append(s, "end\n");
	fwrite(s->str, 1, s->len, out);
	g_string_free(s, TRUE);
	return !ferror(out);
}

/* --- reading ------------------------------------------------------------ */

typedef struct reader {
	const char *name;
	int lineno;
	GError **error;
	gb_tree *tree;
	gb_section *section;
	gb_document *doc;
	gb_block *table;
	gb_row *row;
	int cell;		/* next cell of ROW to fill */
	gboolean body_seen;	/* a body row of TABLE was read */
	gboolean ended;
	GHashTable *ids;	/* document IDs seen */
} reader;

/* Refuses the tree at the reader's line with diagnostic ID: FALSE. */
#define fail(r, ID, ...) \
	(diag_set_error((r)->error, (r)->name, (r)->lineno, ID, ##__VA_ARGS__), FALSE)

/* The largest source line number: a document is at most
 * GB_MAX_TEXT_INPUT bytes, so it has no more lines. */
#define MAX_LINE GB_MAX_TEXT_INPUT
/* The most columns of a table (FORMATS.md, "Limits"). */
#define MAX_COLUMNS 10000

/* A decimal number MIN..MAX, nothing else. */
static gboolean
number(reader *r, const char *text, const char *what, int min, int max, int *value)
{
	gint64 n;
	if (!g_ascii_isdigit(text[0]))
		return fail(r, DIAG_TREE_NOT_A_NUMBER, what, text);
	if (!gb_parse_int(text, min, max, &n))
		return fail(r, DIAG_TREE_OUT_OF_RANGE, what, min, max, text);
	*value = (int)n;
	return TRUE;
}

/* An [issue] number (year, number, first-page…) within issue.ini's own
 * rule for it (issueini.h), so that no stage computes with more. */
static gboolean
issue_number(reader *r, const char *key, const char *value)
{
	long min, max;
	int v;
	if (!issueini_count_limits(key, &min, &max))
		return TRUE;
	return number(r, value, key, (int)min, (int)max, &v);
}

typedef struct record_shape {
	const char *keyword;
	int nfields;		/* keyword included */
} record_shape;

static const record_shape shapes[] = {
	{ "gazette", 3 }, { "issue", 3 }, { "section", 2 }, { "document", 4 },
	{ "meta", 4 }, { "para", 3 }, { "heading", 4 }, { "attachment", 3 },
	{ "item", 4 }, { "table", 4 }, { "row", 3 }, { "cell", 2 },
	{ "endtable", 1 }, { "enddocument", 1 }, { "warning", 9 }, { "end", 1 },
	{ "image", 7 }, { "note", 4 }, { "noteref", 3 }, { "link", 2 },
};

static gboolean
need_document(reader *r, const char *keyword)
{
	if (!r->doc)
		return fail(r, DIAG_TREE_OUTSIDE, keyword, "公文（document … enddocument）");
	if (r->table)
		return fail(r, DIAG_TREE_INSIDE_TABLE, keyword);
	return TRUE;
}

static gboolean
close_row(reader *r)
{
	if (r->row && r->cell < r->table->ncols)
		return fail(r, DIAG_TREE_ROW_CELLS,
		    r->row->line, r->cell, r->table->ncols);
	r->row = NULL;
	return TRUE;
}

static gboolean
read_table(reader *r, char **f)
{
	int line, ncols;
	if (!need_document(r, f[0]) || !number(r, f[1], "行号", 0, MAX_LINE, &line)
	    || !number(r, f[2], "列数", 1, MAX_COLUMNS, &ncols))
		return FALSE;
	if ((int)strlen(f[3]) != ncols || strspn(f[3], "lcr-") != strlen(f[3]))
		return fail(r, DIAG_TREE_ALIGNMENT, f[3], ncols);
	r->table = document_add_table(r->doc, line, ncols, f[3]);
	r->row = NULL;
	r->body_seen = FALSE;
	return TRUE;
}

static gboolean
read_row(reader *r, char **f)
{
	int line;
	if (!r->table)
		return fail(r, DIAG_TREE_OUTSIDE, "row", "表格（table … endtable）");
	if (!close_row(r) || !number(r, f[1], "行号", 0, MAX_LINE, &line))
		return FALSE;
	gboolean head = strcmp(f[2], "head") == 0;
	if (!head && strcmp(f[2], "body") != 0)
		return fail(r, DIAG_TREE_ROW_KIND, f[2]);
	if (head && r->body_seen)
		return fail(r, DIAG_TREE_HEAD_AFTER_BODY);
	r->body_seen |= !head;
	r->row = table_add_row(r->table, line, head);
	r->cell = 0;
	return TRUE;
}

static gboolean
read_cell(reader *r, char **f)
{
	if (!r->row)
		return fail(r, DIAG_TREE_OUTSIDE, "cell", "表格行（row）");
	if (r->cell >= r->table->ncols)
		return fail(r, DIAG_TREE_TOO_MANY_CELLS, r->table->ncols);
	table_set_cell(r->table, r->row, r->cell++, f[1]);
	return TRUE;
}

static gboolean
read_document(reader *r, char **f)
{
	int line;
	if (r->doc)
		return fail(r, DIAG_TREE_NESTED_DOCUMENT,
		    f[1], r->doc->id);
	if (!r->section)
		return fail(r, DIAG_TREE_DOCUMENT_BEFORE_SECTION, f[1]);
	if (!*f[1])
		return fail(r, DIAG_TREE_EMPTY_ID);
	if (g_hash_table_contains(r->ids, f[1]))
		return fail(r, DIAG_TREE_DUPLICATE_ID, f[1]);
	if (!number(r, f[3], "行号", 0, MAX_LINE, &line))
		return FALSE;
	r->doc = tree_add_document(r->section, f[1], f[2], line);
	g_hash_table_add(r->ids, r->doc->id);
	return TRUE;
}

/* image, note and noteref (FORMATS.md): a figure, a footnote's text,
 * and a footnote's marker in the text block before it. */
static gboolean
read_media(reader *r, char **f)
{
	int line, w, h, start;
	const char *kw = f[0];
	if (!need_document(r, kw))
		return FALSE;
	if (strcmp(kw, "image") == 0) {
		if (!number(r, f[1], "行号", 0, MAX_LINE, &line)
		    || !number(r, f[3], "图片宽度", 1, 1000000, &w)
		    || !number(r, f[4], "图片高度", 1, 1000000, &h))
			return FALSE;
		if (!*f[2])
			return fail(r, DIAG_TREE_IMAGE_PATH);
		if (strcmp(f[5], "colour") != 0 && strcmp(f[5], "gray") != 0)
			return fail(r, DIAG_TREE_IMAGE_COLOUR, f[5]);
		document_add_image(r->doc, line, f[2], w, h, f[5][0] == 'c', f[6]);
		return TRUE;
	}
	if (strcmp(kw, "note") == 0) {
		if (!number(r, f[1], "行号", 0, MAX_LINE, &line))
			return FALSE;
		if (!*f[2])
			return fail(r, DIAG_TREE_NOTE_MARK);
		document_add_note(r->doc, line, f[2], f[3]);
		return TRUE;
	}
	gb_block *b = r->doc->blocks->len
	    ? r->doc->blocks->pdata[r->doc->blocks->len - 1] : NULL;
	if (!b || b->kind == GB_BLOCK_TABLE)	/* an image's text is its caption */
		return fail(r, DIAG_TREE_OUTSIDE, "noteref", "文字块");
	long chars = g_utf8_strlen(b->text, -1);
	if (!number(r, f[1], "注号位置", 0, (int)MIN(chars, G_MAXINT), &start))
		return FALSE;
	if (!*f[2] || start + g_utf8_strlen(f[2], -1) > chars
	    || strncmp(g_utf8_offset_to_pointer(b->text, start), f[2], strlen(f[2])) != 0)
		return fail(r, DIAG_TREE_NOTEREF_TEXT, f[2], start);
	block_add_noteref(b, start, f[2]);
	return TRUE;
}

/* link URI: the words of the para or item before it link to URI, given
 * once, in the form a page list's link takes it (pages_uri_ok). */
static gboolean
read_link(reader *r, char **f)
{
	if (!need_document(r, "link"))
		return FALSE;
	gb_block *b = r->doc->blocks->len
	    ? r->doc->blocks->pdata[r->doc->blocks->len - 1] : NULL;
	if (!b || (b->kind != GB_BLOCK_PARA && b->kind != GB_BLOCK_ITEM) || b->uri)
		return fail(r, DIAG_TREE_OUTSIDE, "link", "段落或列表项（para、item）");
	if (!pages_uri_ok(f[1]))
		return fail(r, DIAG_TREE_LINK_URI, f[1]);
	block_set_link(b, f[1]);
	return TRUE;
}

/* warning FILE LINE KIND BLOCKLINE PART START LENGTH MESSAGE */
static gboolean
read_warning(reader *r, char **f)
{
	int line;
	gb_anchor a;
	if (r->doc)
		return fail(r, DIAG_TREE_WARNING_INSIDE, r->doc->id);
	if (!number(r, f[2], "行号", 0, MAX_LINE, &line)
	    || !number(r, f[4], "块行号", 0, MAX_LINE, &a.line)
	    || !number(r, f[5], "单元格序号", 0, 10000, &a.part)
	    || !number(r, f[6], "起点", 0, G_MAXINT, &a.start)
	    || !number(r, f[7], "长度", 0, G_MAXINT, &a.length))
		return FALSE;
	if (!*f[3] || strspn(f[3], "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(f[3]))
		return fail(r, DIAG_TREE_WARNING_KIND, f[3]);
	if (a.line == 0 && (a.part || a.start || a.length))
		return fail(r, DIAG_TREE_WARNING_PLACE);
	tree_add_warning(r->tree, f[1], line, f[3], &a, f[8]);
	return TRUE;
}

static gboolean
read_record(reader *r, char **f, int n)
{
	const char *kw = f[0];
	int line, level;

	const record_shape *shape = NULL;
	for (gsize i = 0; i < G_N_ELEMENTS(shapes); i++)
		if (strcmp(shapes[i].keyword, kw) == 0)
			shape = &shapes[i];
	if (!shape)
		return fail(r, DIAG_TREE_UNKNOWN_RECORD, kw);
	if (n != shape->nfields)
		return fail(r, DIAG_TREE_FIELD_COUNT, kw, n - 1, shape->nfields - 1);
	if (r->ended)
		return fail(r, DIAG_TREE_AFTER_END);
	if (r->row && strcmp(kw, "cell") != 0 && !close_row(r))
		return FALSE;
	if (strcmp(kw, "image") == 0 || strcmp(kw, "note") == 0 || strcmp(kw, "noteref") == 0)
		return read_media(r, f);
	if (strcmp(kw, "link") == 0)
		return read_link(r, f);

	if (strcmp(kw, "gazette") == 0 || strcmp(kw, "issue") == 0) {
		if (r->section)
			return fail(r, DIAG_TREE_AFTER_FIRST_SECTION, kw);
		if (kw[0] == 'g')
			tree_add_gazette(r->tree, f[1], f[2]);
		else if (!issue_number(r, f[1], f[2]))
			return FALSE;
		else
			tree_add_issue(r->tree, f[1], f[2]);
	} else if (strcmp(kw, "section") == 0) {
		if (r->doc)
			return fail(r, DIAG_TREE_UNCLOSED_DOCUMENT, "section", r->doc->id);
		r->section = tree_add_section(r->tree, f[1]);
	} else if (strcmp(kw, "document") == 0) {
		return read_document(r, f);
	} else if (strcmp(kw, "meta") == 0) {
		if (!need_document(r, kw) || !number(r, f[3], "行号", 0, MAX_LINE, &line))
			return FALSE;
		document_add_meta(r->doc, f[1], f[2], line);
	} else if (strcmp(kw, "para") == 0 || strcmp(kw, "attachment") == 0) {
		if (!need_document(r, kw) || !number(r, f[1], "行号", 0, MAX_LINE, &line))
			return FALSE;
		document_add_text(r->doc, kw[0] == 'p' ? GB_BLOCK_PARA : GB_BLOCK_ATTACHMENT,
		    line, f[2]);
	} else if (strcmp(kw, "heading") == 0) {
		if (!need_document(r, kw) || !number(r, f[1], "标题级别", 1, 4, &level)
		    || !number(r, f[2], "行号", 0, MAX_LINE, &line))
			return FALSE;
		document_add_heading(r->doc, level, line, f[3]);
	} else if (strcmp(kw, "item") == 0) {
		if (!need_document(r, kw) || !number(r, f[1], "行号", 0, MAX_LINE, &line))
			return FALSE;
		document_add_item(r->doc, line, f[2], f[3]);
	} else if (strcmp(kw, "table") == 0) {
		return read_table(r, f);
	} else if (strcmp(kw, "row") == 0) {
		return read_row(r, f);
	} else if (strcmp(kw, "cell") == 0) {
		return read_cell(r, f);
	} else if (strcmp(kw, "endtable") == 0) {
		if (!r->table)
			return fail(r, DIAG_TREE_OUTSIDE, "endtable", "表格（table … endtable）");
		r->table = NULL;
	} else if (strcmp(kw, "enddocument") == 0) {
		if (!need_document(r, kw))
			return FALSE;
		r->doc = NULL;
	} else if (strcmp(kw, "warning") == 0) {
		return read_warning(r, f);
	} else if (strcmp(kw, "end") == 0) {
		if (r->doc)
			return fail(r, DIAG_TREE_UNCLOSED_DOCUMENT, "end", r->doc->id);
		r->ended = TRUE;
	}
	return TRUE;
}

static gboolean
read_header(reader *r, GString *line)
{
	char *f[3];
	int n = gb_split_fields(line->str, f, 3);
	if (strcmp(f[0], TREE_FORMAT) != 0)
		return fail(r, DIAG_TREE_NOT_A_TREE,
		    TREE_FORMAT, TREE_VERSION);
	gint64 version;
	if (n != 2 || !g_ascii_isdigit(f[1][0]) || !gb_parse_int(f[1], 0, G_MAXINT, &version))
		return fail(r, DIAG_TREE_BAD_VERSION_LINE);
	if (version != TREE_VERSION)
		return fail(r, DIAG_TREE_VERSION,
		    f[1], TREE_VERSION);
	return TRUE;
}

gb_tree *
tree_read(FILE *in, const char *name, GError **error)
{
	reader r = { .name = name ? name : "-", .error = error };
	r.tree = tree_new();
	r.ids = g_hash_table_new(g_str_hash, g_str_equal);
	GString *line = g_string_new(NULL);
	gboolean ok;

	if (!gb_read_line(in, line)) {
		r.lineno = 1;
		ok = fail(&r, DIAG_TREE_EMPTY);
	} else {
		r.lineno = 1;
		ok = read_header(&r, line);
	}
	while (ok && gb_read_line(in, line)) {
		r.lineno++;
		if (line->len == 0 || line->str[0] == '#')
			continue;
		if (memchr(line->str, '\0', line->len)) {
			ok = fail(&r, DIAG_UTIL_NUL);
			break;
		}
		if (!g_utf8_validate(line->str, line->len, NULL)) {
			ok = fail(&r, DIAG_TREE_NOT_UTF8);
			break;
		}
		char *f[10];
		int n = gb_split_fields(line->str, f, 10);
		ok = read_record(&r, f, n);
	}
	if (ok && ferror(in)) {
		ok = fail(&r, DIAG_TREE_READ_FAILED, g_strerror(errno));
	} else if (ok && !r.ended) {
		r.lineno++;
		ok = fail(&r, DIAG_TREE_CUT_SHORT);
	}
	g_string_free(line, TRUE);
	g_hash_table_destroy(r.ids);
	if (!ok) {
		tree_free(r.tree);
		return NULL;
	}
	return r.tree;
}
