/* issue.c — reads an issue directory (issue.ini through issueini.c, the
 * docs here), has every document checked as SPEC §3 asks (frontmatter.c,
 * validate.c, interpret.c), and builds the document tree: documents in
 * print order with their IDs and derived metadata.  An error anywhere
 * means no tree; every problem is reported, not only the first. */
#include "issue.h"
#include "layout.h"
#include "markdown.h"
#include "officedb.h"
#include "source.h"
#include "util.h"

#include <string.h>

/* --- the run ------------------------------------------------------------ */

static void
source_doc_free(gpointer p)
{
	source_doc *s = p;
	g_free(s->name);
	g_free(s->file);
	g_free(s->corrects_identifier);
	if (s->fm)
		g_ptr_array_unref(s->fm);
	document_free(s->doc);
	g_free(s);
}

static void
known_doc_free(gpointer p)
{
	known_doc *k = p;
	g_free(k->title);
	g_free(k->identifier);
	g_free(k->where);
	g_free(k->uri);
	g_free(k);
}

/* --- documents ---------------------------------------------------------- */

/* Reports every line of TEXT that is not valid UTF-8; TRUE if none. */
static gboolean
check_utf8(run *r, const char *file, const char *text, gsize len)
{
	const char *p = text, *end = text + len;
	int line = 1, bad = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (gsize)(end - p));
		gsize llen = nl ? (gsize)(nl - p) : (gsize)(end - p);
		if (memchr(p, '\0', llen) && bad++ < 20)
			diag_emit(r->diags, file, line, DIAG_UTIL_NUL);
		else if (!g_utf8_validate(p, (gssize)llen, NULL) && bad++ < 20)
			diag_emit(r->diags, file, line, DIAG_DOC_UTF8);
		p = nl ? nl + 1 : end;
		line++;
	}
	return bad == 0;
}

static void
read_document(run *r, const char *name, GRegex *number_re)
{
	source_doc *s = g_new0(source_doc, 1);
	s->name = g_strdup(name);
	s->file = g_build_filename(r->dir, "docs", name, NULL);
	s->fm = g_ptr_array_new_with_free_func(meta_free);
	s->section = -1;
	g_ptr_array_add(r->docs, s);

	char *text;
	gsize len;
	GError *err = NULL;
	if (!gb_read_input(s->file, GB_MAX_TEXT_INPUT, &text, &len, &err)) {
		diags_add_error(r->diags, s->file, 0, err);
		g_error_free(err);
		return;
	}
	const char *start = text;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {	/* a BOM from Windows editors */
		start += 3;
		len -= 3;
	}
	if (!check_utf8(r, s->file, start, len)) {
		g_free(text);
		return;
	}
	chars_check(r->chars, r->diags, s->file, start, len);
	int body_line = 0;
	gssize body = front_matter_read(s->file, start, len, s->fm, &body_line, r->diags);
	if (body >= 0) {
		s->fm_line = 1;
		proof_begin_document(r->proof, s->file);
		validate_document(r, s, number_re);
		s->doc = document_new(NULL, s->file, s->fm_line);
		md_source src = { s->file, r->dir, r->diags };
		markdown_read_body(s->doc, start + body, len - (gsize)body, body_line, r->proof,
		    &src);
	}
	g_free(text);
}

static gint
compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

GPtrArray *
list_markdown(const char *docs_dir)
{
	GDir *d = g_dir_open(docs_dir, 0, NULL);
	if (!d)
		return NULL;
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *n;
	while ((n = g_dir_read_name(d)))
		if (g_str_has_suffix(n, ".md") && n[0] != '.')
			g_ptr_array_add(names, g_strdup(n));
	g_dir_close(d);
	g_ptr_array_sort(names, compare_names);
	return names;
}

static void
read_documents(run *r)
{
	char *docs_dir = g_build_filename(r->dir, "docs", NULL);
	GPtrArray *names = list_markdown(docs_dir);
	if (!names || names->len == 0) {
		diag_emit(r->diags, docs_dir, 0, DIAG_NO_DOCS);
	} else {
		GRegex *number_re = number_regex();
		for (guint i = 0; i < names->len; i++)
			read_document(r, names->pdata[i], number_re);
		g_regex_unref(number_re);
	}
	if (names)
		g_ptr_array_unref(names);
	g_free(docs_dir);
}

/* --- the tree ----------------------------------------------------------- */

static gint
compare_print_order(gconstpointer a, gconstpointer b)
{
	const source_doc *x = *(source_doc *const *)a, *y = *(source_doc *const *)b;
	if (x->section != y->section)
		return x->section < y->section ? -1 : 1;
	return strcmp(x->name, y->name);
}

static gb_tree *
build_tree(run *r)
{
	gb_tree *tree = tree_new();
	const gb_ini_group *g = issueini_group(r->ini, "gazette");
	for (guint i = 0; g && i < g->keys->len; i++) {
		const gb_meta *m = g->keys->pdata[i];
		tree_add_gazette(tree, m->key, m->value);
	}
	g = issueini_group(r->ini, "issue");
	for (guint i = 0; g && i < g->keys->len; i++) {
		const gb_meta *m = g->keys->pdata[i];
		tree_add_issue(tree, m->key, m->value);
	}
	char *canon = g_canonicalize_filename(r->dir, NULL);
	char *name = g_path_get_basename(canon);
	tree_add_issue(tree, "name", name);
	tree_add_issue(tree, "dir", r->dir);
	if (r->key_file) {
		tree_add_issue(tree, "signing-key-file", r->key_file);
		tree_add_issue(tree, "signer", r->signer);
		if (r->signer_test)
			tree_add_issue(tree, "signer-test", "1");
	}
	g_free(name);
	g_free(canon);

	g_ptr_array_sort(r->docs, compare_print_order);
	for (guint i = 0; i < r->docs->len; i++) {
		source_doc *s = r->docs->pdata[i];
		g_free(s->doc->id);
		s->doc->id = g_strdup_printf("d%u", i + 1);
		for (guint k = 0; k < s->fm->len; k++) {
			const gb_meta *m = s->fm->pdata[k];
			document_add_meta(s->doc, m->key, m->value, m->line);
		}
		char *dt = date_text(s->date);
		document_add_meta(s->doc, "date-text", dt, 0);
		g_free(dt);
		char *ident = docmeta_identifier(r->ini->year, r->ini->number, s->doc->id);
		document_add_meta(s->doc, "identifier", ident, 0);
		g_free(ident);
	}
	/* derived links, now that every document has its ID */
	link_interpretations(r);
	guint next = 0;
	for (guint sec = 0; sec < r->sections->len; sec++) {
		gb_section *section = tree_add_section(tree, r->sections->pdata[sec]);
		while (next < r->docs->len && ((source_doc *)r->docs->pdata[next])->section == (int)sec) {
			source_doc *s = r->docs->pdata[next++];
			section_take_document(section, s->doc);
			s->doc = NULL;
		}
	}

	for (guint i = 0; i < r->diags->list->len; i++) {
		const gb_diag *d = r->diags->list->pdata[i];
		if (d->level == GB_LEVEL_WARNING)
			tree_add_warning(tree, d->file, d->line, diag_name(d->id), &d->anchor,
			    d->message);
	}
	return tree;
}

/* The word list: OPTIONS->words, else ISSUE_DIR/../words.txt if there;
 * NULL if none (an unreadable one is reported). */
static gb_words *
load_words(const char *dir, const gb_issue_options *options, gb_diags *diags)
{
	char *path = NULL;
	if (options && options->words) {
		path = g_strdup(options->words);
	} else {
		char *canon = g_canonicalize_filename(dir, NULL);
		char *parent = g_path_get_dirname(canon);
		path = g_build_filename(parent, "words.txt", NULL);
		if (!g_file_test(path, G_FILE_TEST_EXISTS))
			g_clear_pointer(&path, g_free);
		g_free(parent);
		g_free(canon);
	}
	gb_words *words = NULL;
	if (path) {
		GError *err = NULL;
		/* a regular file of a text's size, checked before proof.c reads it */
		if (!gb_check_input(path, GB_MAX_TEXT_INPUT, &err)) {
			diags_add_error(diags, path, 0, err);
			g_error_free(err);
			g_free(path);
			return NULL;
		}
		words = words_load(path, diags, &err);
		if (!words) {
			diag_emit(diags, path, 0, DIAG_SYS_READ, err->message);
			g_error_free(err);
		}
	}
	g_free(path);
	return words;
}

/* The holiday arrangement: OPTIONS->holidays, else ISSUE_DIR/../holidays.txt
 * if there; NULL if none (working days are then Monday to Friday) or if it
 * is wrong (every wrong line is an error in DIAGS). */
static gb_holidays *
load_holidays(const char *dir, const gb_issue_options *options, gb_diags *diags)
{
	char *path = NULL;
	if (options && options->holidays) {
		path = g_strdup(options->holidays);
	} else {
		char *canon = g_canonicalize_filename(dir, NULL);
		char *parent = g_path_get_dirname(canon);
		path = g_build_filename(parent, "holidays.txt", NULL);
		if (!g_file_test(path, G_FILE_TEST_EXISTS))
			g_clear_pointer(&path, g_free);
		g_free(parent);
		g_free(canon);
	}
	gb_holidays *cal = path ? holidays_load(path, diags) : NULL;
	g_free(path);
	return cal;
}

/* The layout issue.ini names must be one there is: said at its line of
 * issue.ini, not only later by the typesetter, which has no line for it. */
static void
check_layout(run *r)
{
	const char *name = r->ini ? issueini_value(r->ini, "gazette", "layout") : NULL;
	if (!name || !*name)
		return;
	GError *err = NULL;
	gb_layout *layout = layout_find(name, &err);
	if (layout) {
		layout_free(layout);
		return;
	}
	int line = issueini_line(r->ini, "gazette", "layout");
	if (err->domain == GB_DIAG_ERROR && err->code == DIAG_LAYOUT_NOT_FOUND)
		diag_emit(r->diags, r->ini->path, line, DIAG_LAYOUT_NOT_FOUND, name);
	else
		diag_emit(r->diags, r->ini->path, line, DIAG_LAYOUT_UNREADABLE, err->message);
	g_error_free(err);
}

gb_tree *
issue_parse(const char *dir, const gb_issue_options *options, gb_diags *diags)
{
	if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
		diag_emit(diags, dir, 0, DIAG_SYS_NO_ISSUE_DIR, dir);
		return NULL;
	}
	run r = { .dir = dir, .diags = diags };
	GPtrArray *no_sections = g_ptr_array_new();
	r.docs = g_ptr_array_new_with_free_func(source_doc_free);
	r.earlier = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, known_doc_free);
	r.words = load_words(dir, options, diags);
	r.holidays = load_holidays(dir, options, diags);
	r.years_warned = g_hash_table_new(g_direct_hash, g_direct_equal);
	r.db_path = options && options->db ? options->db : GB_OFFICEDB_DEFAULT_PATH;
	r.proof = proof_new(diags, r.words);

	char *ini_path = g_build_filename(dir, "issue.ini", NULL);
	r.ini = issueini_read(ini_path, diags);
	g_free(ini_path);
	r.sections = r.ini ? r.ini->sections : no_sections;
	if (r.ini && r.ini->date_ok) {
		r.issue_date = &r.ini->date;
		r.issue_date_str = r.ini->date_iso;
	}
	check_layout(&r);
	signing_check_key(&r);
	r.chars = chars_new(r.ini ? r.ini->layout : NULL, diags);
	if (r.ini)
		chars_check_file(r.chars, diags, r.ini->path);
	read_documents(&r);
	check_interpretations(&r);
	check_corrections(&r);

	diags_sort(diags);
	gb_tree *tree = NULL;
	if (r.ini && diags->worst < GB_LEVEL_ERROR)
		tree = build_tree(&r);

	chars_free(r.chars);
	proof_free(r.proof);
	words_free(r.words);
	issueini_free(r.ini);
	g_free(r.key_file);
	g_free(r.signer);
	g_hash_table_destroy(r.earlier);
	g_hash_table_destroy(r.years_warned);
	holidays_free(r.holidays);
	archread_close(r.archive);
	g_ptr_array_unref(no_sections);
	g_ptr_array_unref(r.docs);
	return tree;
}
