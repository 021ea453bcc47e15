/* markdown.c — cmark-gfm's tree of a document body mapped onto the blocks
 * of the document tree: paragraphs, headings (附件 headings start an
 * attachment), list items and GFM tables.  Inline markup is flattened to
 * its words; every block keeps its source line, and every text the lines
 * it came from, so that a warning names the very line. */
#include "markdown.h"
#include "cjk.h"
#include "image.h"
#include "util.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <string.h>

/* Nesting deeper than this (quotes in lists in quotes …) is flattened:
 * the walk recurses, and a hostile file must not exhaust the stack. */
#define MAX_DEPTH 64

/* A diagnostic of the body at LINE, unless it has no source (a test). */
#define md_emit(w, line, ...) \
	do { \
		if ((w)->src) \
			diag_emit((w)->src->diags, (w)->src->file, (line), __VA_ARGS__); \
	} while (0)

typedef struct walker walker;

typedef struct flat {
	walker *w;		/* footnotes, images and warnings; NULL: none */
	GArray *refs;		/* gb_noteref: footnote markers in the text */
	GPtrArray *images;	/* cmark_node*: images met (NULL: alt text kept) */
	GString *text;
	GArray *marks;		/* gb_linemark */
	int line;		/* the source line being read */
	gboolean pending_break;	/* a line break before the next text */
} flat;

struct walker {
	gb_document *doc;
	gb_proof *proof;
	int offset;		/* source lines before the body */
	const md_source *src;
	GHashTable *notes;	/* body lines where a footnote definition starts */
	int nnotes;		/* definitions met */
	const char *body;	/* the Markdown, for a definition's label */
	gsize len;
};

static void
flat_init(flat *f, int line)
{
	f->text = g_string_new(NULL);
	f->marks = g_array_new(FALSE, FALSE, sizeof(gb_linemark));
	f->line = line;
	f->pending_break = FALSE;
	f->w = NULL;
	f->refs = g_array_new(FALSE, FALSE, sizeof(gb_noteref));
	f->images = NULL;
	gb_linemark m = { 0, line };
	g_array_append_val(f->marks, m);
}

static void
flat_clear(flat *f)
{
	g_string_free(f->text, TRUE);
	g_array_free(f->marks, TRUE);
	for (guint i = 0; i < f->refs->len; i++)
		g_free(g_array_index(f->refs, gb_noteref, i).mark);
	g_array_free(f->refs, TRUE);
	if (f->images)
		g_ptr_array_free(f->images, TRUE);
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

static void note_marker(flat *f, cmark_node *n);
static void inline_html(flat *f, cmark_node *n);

/* The inline text under NODE, flattened into F: a footnote reference
 * becomes its marker, an image is set aside in F->images (or, where no
 * image can stand, leaves its alt text). */
static void
flatten_inlines(walker *w, cmark_node *node, flat *f)
{
	f->w = w;
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
		case CMARK_NODE_FOOTNOTE_REFERENCE:
			note_marker(f, n);
			break;
		case CMARK_NODE_IMAGE:
			if (f->images) {
				g_ptr_array_add(f->images, n);
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			} else if (w) {	/* its alt text stays, as words */
				md_emit(w, f->line, DIAG_IMAGE_NOT_HERE);
			}
			break;
		case CMARK_NODE_HTML_INLINE:
			inline_html(f, n);
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


/* The mark of footnote N as a gazette prints it: ① … ⑳ ㉑ … ㊿, then [51]. */
static char *
note_mark(int n)
{
	if (n <= 0)
		return g_strdup("[注]");
	gunichar c = n <= 20 ? 0x2460 + (gunichar)(n - 1) : n <= 35 ? 0x3251 + (gunichar)(n - 21)
	    : n <= 50 ? 0x32B1 + (gunichar)(n - 36) : 0;
	if (!c)
		return g_strdup_printf("[%d]", n);
	char buf[8];
	buf[g_unichar_to_utf8(c, buf)] = '\0';
	return g_strdup(buf);
}

/* The label of a footnote definition at P (`[^LABEL]:`, after the
 * indentation and quote marks of its container), or NULL. */
static char *
label_at(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '>' || *p == '\t'))
		p++;
	if (end - p < 4 || p[0] != '[' || p[1] != '^')
		return NULL;
	const char *q = p + 2;
	while (q < end && *q != ']' && *q != '\n')
		q++;
	return q + 1 < end && *q == ']' && q[1] == ':' ? g_strndup(p + 2, (gsize)(q - p - 2))
	    : NULL;
}

/* cmark-gfm drops a footnote definition nothing refers to: each line that
 * defines one whose label no reference used is said. */
static void
warn_unreferenced_notes(walker *w)
{
	const char *p = w->body, *end = w->body + w->len;
	for (int line = 1; p < end; line++) {
		const char *nl = memchr(p, '\n', (gsize)(end - p));
		char *label = label_at(p, nl ? nl : end);
		if (label && !g_hash_table_contains(w->notes, GINT_TO_POINTER(line)))
			md_emit(w, line + w->offset,
			    DIAG_NOTE_UNREFERENCED, label);
		g_free(label);
		p = nl ? nl + 1 : end;
	}
}

/* cmark-gfm numbers the footnotes in the order of their first reference
 * and gives a reference that number as its literal; the definitions
 * follow the body in that order. */
static void
note_marker(flat *f, cmark_node *n)
{
	if (!f->w)
		return;
	gint64 number = 0;
	if (!gb_parse_int(cmark_node_get_literal(n), 1, G_MAXINT, &number))
		number = 0;
	char *mark = note_mark((int)number);
	flat_append(f, mark);
	gb_noteref r = { (int)g_utf8_strlen(f->text->str, (gssize)f->text->len)
	    - (int)g_utf8_strlen(mark, -1), mark };
	g_array_append_val(f->refs, r);
}

/* A comment (<!-- … -->) is the author's note to the editors, meant not to
 * be printed; anything else is markup whose text would be lost. */
static gboolean
html_is_comment(const char *html)
{
	const char *p = html ? html : "";
	while (*p) {
		while (g_ascii_isspace(*p))
			p++;
		if (!*p)
			break;
		if (!g_str_has_prefix(p, "<!--"))
			return FALSE;
		const char *e = strstr(p + 4, "-->");
		if (!e)
			return FALSE;
		p = e + 3;
	}
	return TRUE;
}

/* The first line of HTML, cut to 40 characters, for a message. */
static char *
html_excerpt(const char *html)
{
	const char *p = html ? html : "";
	while (g_ascii_isspace(*p))
		p++;
	const char *nl = strchr(p, '\n');
	char *line = nl ? g_strndup(p, (gsize)(nl - p)) : g_strdup(p);
	if (g_utf8_strlen(line, -1) > 40) {
		char *cut = g_utf8_substring(line, 0, 40);
		g_free(line);
		line = g_strconcat(cut, "…", NULL);
		g_free(cut);
	}
	return line;
}

static void
inline_html(flat *f, cmark_node *n)
{
	const char *html = cmark_node_get_literal(n);
	if (!f->w || html_is_comment(html) || g_regex_match_simple("^<br\\s*/?>$", html ? html : "",
	    G_REGEX_CASELESS, 0))
		return;
	char *x = html_excerpt(html);
	md_emit(f->w, f->line, DIAG_HTML_INLINE, x);
	g_free(x);
}

/* The footnote markers of F onto block B. */
static void
attach_refs(gb_block *b, const flat *f)
{
	for (guint i = 0; b && i < f->refs->len; i++) {
		const gb_noteref *r = &g_array_index(f->refs, gb_noteref, i);
		block_add_noteref(b, r->start, r->mark);
	}
}

static void
walk_children(walker *w, cmark_node *node, int depth)
{
	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c))
		walk_block(w, c, depth + 1);
}

/* The images of a paragraph, each a figure block after its text. */
static void
add_images(walker *w, const flat *f, int para_line)
{
	for (guint i = 0; f->images && i < f->images->len; i++) {
		cmark_node *img = f->images->pdata[i];
		int line = cmark_node_get_start_line(img) > 0 ? line_of(w, img) : para_line;
		flat cap;
		flat_init(&cap, line);
		flatten_inlines(w, img, &cap);
		flat_trim(&cap);
		gb_image_info info;
		if (image_check(w->src, line, cmark_node_get_url(img), &info)) {
			gb_block *b = document_add_image(w->doc, line, info.path, info.width,
			    info.height, info.colour, cap.text->str);
			attach_refs(b, &cap);
			if (!*cap.text->str)
				md_emit(w, line, DIAG_IMAGE_NO_CAPTION);
			if (w->proof)
				proof_text(w->proof, cap.text->str, cap.marks, line, 0);
			g_free(info.path);
		}
		flat_clear(&cap);
	}
}

static void
add_paragraph(walker *w, cmark_node *node)
{
	flat f;
	gb_block *b = NULL;
	flat_init(&f, line_of(w, node));
	f.images = w->src ? g_ptr_array_new() : NULL;
	flatten_inlines(w, node, &f);
	flat_trim(&f);
	if (f.text->len) {
		b = document_add_text(w->doc, GB_BLOCK_PARA, line_of(w, node), f.text->str);
		if (w->proof) {
			proof_paragraph(w->proof, f.text->str, line_of(w, node));
			proof_text(w->proof, f.text->str, f.marks, line_of(w, node), 0);
		}
	}
	attach_refs(b, &f);
	add_images(w, &f, line_of(w, node));
	flat_clear(&f);
}

/* A footnote's definition (cmark-gfm moves them to the end, in the order
 * of first reference): a note block with its mark. */
static void
add_note(walker *w, cmark_node *node)
{
	int line = line_of(w, node);
	flat f;
	flat_init(&f, line);
	flatten_inlines(w, node, &f);
	flat_trim(&f);
	g_hash_table_add(w->notes, GINT_TO_POINTER(cmark_node_get_start_line(node)));
	char *mark = note_mark(++w->nnotes);
	attach_refs(document_add_note(w->doc, line, mark, f.text->str), &f);
	if (w->proof)
		proof_text(w->proof, f.text->str, f.marks, line, 0);
	g_free(mark);
	flat_clear(&f);
}

/* An HTML block is not printed: said, unless it is only a comment. */
static void
html_block(walker *w, cmark_node *node)
{
	const char *html = cmark_node_get_literal(node);
	if (html_is_comment(html))
		return;
	char *x = html_excerpt(html);
	md_emit(w, line_of(w, node), DIAG_HTML_BLOCK, x);
	g_free(x);
}

static void
add_heading(walker *w, cmark_node *node)
{
	int line = line_of(w, node), level = cmark_node_get_heading_level(node);
	flat f;
	flat_init(&f, line);
	flatten_inlines(w, node, &f);
	flat_trim(&f);
	if (level == 1 && g_str_has_prefix(f.text->str, "附件")) {
		attach_refs(document_add_text(w->doc, GB_BLOCK_ATTACHMENT, line, f.text->str), &f);
		if (w->proof)
			proof_attachment(w->proof);
	} else {
		attach_refs(document_add_heading(w->doc, MIN(level, 4), line, f.text->str), &f);
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
		f.images = w->src ? g_ptr_array_new() : NULL;
		if (first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH) {
			f.line = line = line_of(w, first);
			g_array_index(f.marks, gb_linemark, 0).line = line;
			flatten_inlines(w, first, &f);
			flat_trim(&f);
		} else {
			first = NULL;
		}
		attach_refs(document_add_item(w->doc, line, marker, f.text->str), &f);
		add_images(w, &f, line);
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
			flatten_inlines(w, c, &f);
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
		/* nothing lost, but the editor must know why it is one paragraph */
		md_emit(w, line_of(w, node), DIAG_DEEP_NESTING, MAX_DEPTH);
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
		html_block(w, node);
		break;
	case CMARK_NODE_FOOTNOTE_DEFINITION:
		add_note(w, node);
		break;
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
markdown_read_body(gb_document *doc, const char *body, gsize len, int line_offset,
    gb_proof *proof, const md_source *src)
{
	cmark_gfm_core_extensions_ensure_registered();
	cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES);
	cmark_syntax_extension *table = cmark_find_syntax_extension("table");
	if (table)
		cmark_parser_attach_syntax_extension(parser, table);
	cmark_parser_feed(parser, body, len);
	cmark_node *root = cmark_parser_finish(parser);

	walker w = { doc, proof, line_offset, src,
		g_hash_table_new(g_direct_hash, g_direct_equal), 0, body, len };
	for (cmark_node *c = cmark_node_first_child(root); c; c = cmark_node_next(c))
		walk_block(&w, c, 0);
	if (proof)
		proof_end_document(proof);
	warn_unreferenced_notes(&w);
	g_hash_table_destroy(w.notes);

	cmark_node_free(root);
	cmark_parser_free(parser);
}

void
markdown_add_body(gb_document *doc, const char *body, gsize len, int line_offset,
    gb_proof *proof)
{
	markdown_read_body(doc, body, len, line_offset, proof, NULL);
}
