/* markdown.c — cmark-gfm's tree of a document body mapped onto the blocks
 * of the document tree: paragraphs, headings (附件 headings start an
 * attachment), list items and GFM tables.  Inline markup is flattened to
 * its words; every block keeps its source line, and every text the lines
 * it came from, so that a warning names the very line. */
#include "markdown.h"
#include "cjk.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <string.h>

/* Nesting deeper than this (quotes in lists in quotes …) is flattened:
 * the walk recurses, and a hostile file must not exhaust the stack. */
#define MAX_DEPTH 64

typedef struct flat {
	GString *text;
	GArray *marks;		/* gb_linemark */
	int line;		/* the source line being read */
	gboolean pending_break;	/* a line break before the next text */
} flat;

typedef struct walker {
	gb_document *doc;
	gb_proof *proof;
	int offset;		/* source lines before the body */
} walker;

static void
flat_init(flat *f, int line)
{
	f->text = g_string_new(NULL);
	f->marks = g_array_new(FALSE, FALSE, sizeof(gb_linemark));
	f->line = line;
	f->pending_break = FALSE;
	gb_linemark m = { 0, line };
	g_array_append_val(f->marks, m);
}

static void
flat_clear(flat *f)
{
	g_string_free(f->text, TRUE);
	g_array_free(f->marks, TRUE);
}

static gunichar
last_char(const GString *s)
{
	if (!s->len)
		return 0;
	const char *p = g_utf8_find_prev_char(s->str, s->str + s->len);
	return p ? g_utf8_get_char(p) : 0;
}

/* Appends S: a line break before it vanishes between Chinese characters
 * and becomes a space between Latin words. */
static void
flat_append(flat *f, const char *s)
{
	if (!s || !*s)
		return;
	if (f->pending_break && f->text->len) {
		gunichar a = last_char(f->text), b = g_utf8_get_char(s);
		if (!cjk_is_full_width(a) && !cjk_is_full_width(b) && a != ' ' && b != ' ')
			g_string_append_c(f->text, ' ');
	}
	f->pending_break = FALSE;
	gb_linemark *last = &g_array_index(f->marks, gb_linemark, f->marks->len - 1);
	if (last->line != f->line) {
		if (last->offset == f->text->len) {
			last->line = f->line;
		} else {
			gb_linemark m = { f->text->len, f->line };
			g_array_append_val(f->marks, m);
		}
	}
	g_string_append(f->text, s);
}

static void
flat_break(flat *f)
{
	f->line++;
	f->pending_break = TRUE;
}

/* The inline text under NODE, flattened into F. */
static void
flatten_inlines(cmark_node *node, flat *f)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || n == node)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			flat_append(f, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			flat_break(f);
			break;
		default:
			/* emphasis, links: their words follow as children; inline
			 * HTML (<br>, comments) is not text */
			break;
		}
	}
	cmark_iter_free(it);
}

/* Trims the flattened text's ends: cmark leaves a trailing hard-break
 * space, and a text that is only markup flattens to "". */
static void
flat_trim(flat *f)
{
	gsize n = f->text->len;
	while (n && (f->text->str[n - 1] == ' ' || f->text->str[n - 1] == '\t'))
		n--;
	g_string_truncate(f->text, n);
}

static int
line_of(const walker *w, cmark_node *node)
{
	return cmark_node_get_start_line(node) + w->offset;
}

static void walk_block(walker *w, cmark_node *node, int depth);

static void
walk_children(walker *w, cmark_node *node, int depth)
{
	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c))
		walk_block(w, c, depth + 1);
}

static void
add_paragraph(walker *w, cmark_node *node)
{
	flat f;
	flat_init(&f, line_of(w, node));
	flatten_inlines(node, &f);
	flat_trim(&f);
	if (f.text->len) {
		document_add_text(w->doc, GB_BLOCK_PARA, line_of(w, node), f.text->str);
		if (w->proof)
			proof_text(w->proof, f.text->str, f.marks, line_of(w, node), 0);
	}
	flat_clear(&f);
}

static void
add_heading(walker *w, cmark_node *node)
{
	int line = line_of(w, node), level = cmark_node_get_heading_level(node);
	flat f;
	flat_init(&f, line);
	flatten_inlines(node, &f);
	flat_trim(&f);
	if (level == 1 && g_str_has_prefix(f.text->str, "附件")) {
		document_add_text(w->doc, GB_BLOCK_ATTACHMENT, line, f.text->str);
		if (w->proof)
			proof_attachment(w->proof);
	} else {
		document_add_heading(w->doc, MIN(level, 4), line, f.text->str);
		if (w->proof)
			proof_heading(w->proof, MIN(level, 4), f.text->str, line);
	}
	if (w->proof)
		proof_text(w->proof, f.text->str, f.marks, line, 0);
	flat_clear(&f);
}

static void
add_code(walker *w, cmark_node *node)
{
	/* code has no place in a gazette: its lines are kept as a paragraph */
	int len, offset;
	char fence;
	int line = line_of(w, node) + (cmark_node_get_fenced(node, &len, &offset, &fence) ? 1 : 0);
	flat f;
	flat_init(&f, line);
	const char *literal = cmark_node_get_literal(node);
	char **lines = g_strsplit(literal ? literal : "", "\n", -1);
	for (int i = 0; lines[i]; i++) {
		if (i)
			flat_break(&f);
		flat_append(&f, lines[i]);
	}
	g_strfreev(lines);
	flat_trim(&f);
	if (f.text->len) {
		document_add_text(w->doc, GB_BLOCK_PARA, line, f.text->str);
		if (w->proof)
			proof_text(w->proof, f.text->str, f.marks, line, 0);
	}
	flat_clear(&f);
}

static void
add_list(walker *w, cmark_node *list, int depth)
{
	gboolean ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
	int number = cmark_node_get_list_start(list);
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		char *marker = ordered ? g_strdup_printf("%d.", number++) : g_strdup("·");
		cmark_node *first = cmark_node_first_child(item);
		int line = line_of(w, item);
		flat f;
		flat_init(&f, line);
		if (first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH) {
			f.line = line = line_of(w, first);
			g_array_index(f.marks, gb_linemark, 0).line = line;
			flatten_inlines(first, &f);
			flat_trim(&f);
		} else {
			first = NULL;
		}
		document_add_item(w->doc, line, marker, f.text->str);
		if (w->proof)
			proof_text(w->proof, f.text->str, f.marks, line, 0);
		flat_clear(&f);
		g_free(marker);
		for (cmark_node *c = first ? cmark_node_next(first) : cmark_node_first_child(item);
		    c; c = cmark_node_next(c))
			walk_block(w, c, depth + 1);
	}
}

static void
add_table(walker *w, cmark_node *node)
{
	int ncols = cmark_gfm_extensions_get_table_columns(node);
	if (ncols <= 0)
		return;
	const uint8_t *al = cmark_gfm_extensions_get_table_alignments(node);
	char *align = g_malloc0(ncols + 1);
	for (int i = 0; i < ncols; i++)
		align[i] = al && (al[i] == 'l' || al[i] == 'c' || al[i] == 'r') ? (char)al[i] : '-';
	gb_block *table = document_add_table(w->doc, line_of(w, node), ncols, align);
	g_free(align);

	for (cmark_node *r = cmark_node_first_child(node); r; r = cmark_node_next(r)) {
		int line = line_of(w, r);
		gb_row *row = table_add_row(table, line,
		    cmark_gfm_extensions_get_table_row_is_header(r) != 0);
		int col = 0;
		for (cmark_node *c = cmark_node_first_child(r); c && col < ncols;
		    c = cmark_node_next(c), col++) {
			flat f;
			flat_init(&f, line);
			flatten_inlines(c, &f);
			flat_trim(&f);
			table_set_cell(table, row, col, f.text->str);
			if (w->proof)
				proof_cell(w->proof, f.text->str, f.marks, line, col);
			flat_clear(&f);
		}
	}
}

static void
walk_block(walker *w, cmark_node *node, int depth)
{
	if (depth > MAX_DEPTH) {
		add_paragraph(w, node);
		return;
	}
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_PARAGRAPH:
		add_paragraph(w, node);
		break;
	case CMARK_NODE_HEADING:
		add_heading(w, node);
		break;
	case CMARK_NODE_LIST:
		add_list(w, node, depth);
		break;
	case CMARK_NODE_CODE_BLOCK:
		add_code(w, node);
		break;
	case CMARK_NODE_HTML_BLOCK:	/* <!-- INFO END --> and the like */
	case CMARK_NODE_THEMATIC_BREAK:
		break;
	default:
		if (strcmp(cmark_node_get_type_string(node), "table") == 0)
			add_table(w, node);
		else		/* block quotes and the like: their content */
			walk_children(w, node, depth);
	}
}

void
markdown_add_body(gb_document *doc, const char *body, gsize len, int line_offset,
    gb_proof *proof)
{
	cmark_gfm_core_extensions_ensure_registered();
	cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_syntax_extension *table = cmark_find_syntax_extension("table");
	if (table)
		cmark_parser_attach_syntax_extension(parser, table);
	cmark_parser_feed(parser, body, len);
	cmark_node *root = cmark_parser_finish(parser);

	walker w = { doc, proof, line_offset };
	for (cmark_node *c = cmark_node_first_child(root); c; c = cmark_node_next(c))
		walk_block(&w, c, 0);
	if (proof)
		proof_end_document(proof);

	cmark_node_free(root);
	cmark_parser_free(parser);
}
