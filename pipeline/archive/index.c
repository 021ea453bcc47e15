/* index.c — `gongbao-archive index --year Y`: the annual index (年度总目录)
 * as a document tree that typesets like an issue: every document of the
 * year by section (title, 发文字号, validity as of now, 第N期 folio), then
 * an index by issuing body; each entry links to its document's file. */
#include "annual.h"
#include "archive.h"
#include "archstore.h"
#include "diag.h"
#include "tree.h"
#include "util.h"

#include <errno.h>
#include <string.h>

#define PROGRAM "gongbao-archive"

/* The section of the index by issuing body, after the year's own. */
#define BY_ISSUER_SECTION "发文机关索引"

/* The [gazette] and the signing records of the year's last issue as its
 * tree has them (OUT_DIR/issue.tree, as make issue leaves it), so that the
 * index is set in the same layout and signed with the same key; without
 * that tree, the gazette's title and publisher as published. */
static void
add_gazette(gb_tree *t, const annual_year *y)
{
	const annual_issue *last = y->issues->pdata[y->issues->len - 1];
	char *path = g_build_filename(last->out_dir, "issue.tree", NULL);
	gb_tree *it = NULL;
	FILE *f = gb_check_input(path, G_GINT64_CONSTANT(1) << 30, NULL) ? fopen(path, "rb") : NULL;
	if (f) {
		GError *err = NULL;
		it = tree_read(f, path, &err);
		g_clear_error(&err);	/* an unreadable tree: as if none */
		fclose(f);
	}
	g_free(path);
	if (it) {
		for (guint i = 0; i < it->gazette->len; i++) {
			const gb_meta *m = it->gazette->pdata[i];
			tree_add_gazette(t, m->key, m->value);
		}
	} else {
		tree_add_gazette(t, "title", last->title);
		tree_add_gazette(t, "publisher", last->publisher);
	}
	char *year = g_strdup_printf("%d", y->year), *title = g_strdup_printf("%d年度总目录", y->year);
	char *name = g_strdup_printf("index-%d", y->year);
	tree_add_issue(t, "year", year);
	tree_add_issue(t, "title", title);
	/* the date of the last issue: the index is as of it, never the clock */
	tree_add_issue(t, "date", last->date);
	tree_add_issue(t, "first-page", "1");
	tree_add_issue(t, "name", name);
	const char *sign[] = { "signing-key-file", "signer", "signer-test" };
	for (guint i = 0; it && i < G_N_ELEMENTS(sign); i++)
		if (tree_issue(it, sign[i]))
			tree_add_issue(t, sign[i], tree_issue(it, sign[i]));
	g_free(year);
	g_free(title);
	g_free(name);
	tree_free(it);
}

typedef struct {
	gb_tree *tree;
	const annual_year *y;
	const char *db_path;
	const char *base;	/* the index's directory: links are relative to it */
	int docs;		/* documents of the index so far */
} builder;

/* A document of the index: one part (a section, an issuer) with its title. */
static gb_document *
add_part(builder *b, gb_section *s, const char *title)
{
	char *id = g_strdup_printf("d%d", ++b->docs);
	gb_document *d = tree_add_document(s, id, b->db_path, 1);
	char *ident = g_strdup_printf("index-%d-%d", b->y->year, b->docs);
	/* lines of its own, as if written: the typesetter's sources name them */
	document_add_meta(d, "section", s->name, 1);
	document_add_meta(d, "title", title, 2);
	document_add_meta(d, "signature", "none", 3);
	document_add_meta(d, "identifier", ident, 0);
	g_free(ident);
	g_free(id);
	return d;
}

/* 第5期 12, or 第5期 12—14 for a document of several folios. */
static char *
where_printed(const annual_document *doc)
{
	char *folio = doc->last_folio > doc->first_folio
	    ? g_strdup_printf("%d—%d", doc->first_folio, doc->last_folio)
	    : g_strdup_printf("%d", doc->first_folio);
	char *s = annual_folio_label(doc->number, folio);
	g_free(folio);
	return s;
}

/* An entry: its words, then a link to the document. */
static void
add_entry(builder *b, gb_document *part, const annual_document *doc, gboolean with_validity)
{
	GString *s = g_string_new(doc->title);
	if (*doc->doc_number)
		g_string_append_printf(s, "（%s）", doc->doc_number);
	if (with_validity)
		g_string_append_printf(s, "　［%s］", doc->validity);
	char *where = where_printed(doc);
	g_string_append_printf(s, "　%s", where);
	g_free(where);
	gb_block *item = document_add_item(part, (int)part->blocks->len + 4, "·", s->str);
	char *uri = annual_link_uri(doc, b->base);
	block_set_link(item, uri);
	g_free(uri);
	g_string_free(s, TRUE);
}

static int
by_issuer(gconstpointer a, gconstpointer b)
{
	const annual_document *x = *(annual_document *const *)a, *y = *(annual_document *const *)b;
	int c = strcmp(x->issuer, y->issuer);
	return c ? c : x->number != y->number ? x->number - y->number : x->seq - y->seq;
}

static gb_tree *
index_tree(const annual_year *y, const char *db_path, const char *base)
{
	builder b = { .tree = tree_new(), .y = y, .db_path = db_path, .base = base };
	add_gazette(b.tree, y);
	for (guint i = 0; i < y->sections->len; i++) {
		const char *name = y->sections->pdata[i];
		gb_section *s = tree_add_section(b.tree, name);
		int n = 0;
		for (guint k = 0; k < y->documents->len; k++)
			n += strcmp(((const annual_document *)y->documents->pdata[k])->section, name) == 0;
		/* 法规规章（4件）: the part's title under the section's heading */
		char *title = g_strdup_printf("%s（%d件）", name, n);
		gb_document *part = add_part(&b, s, title);
		g_free(title);
		for (guint k = 0; k < y->documents->len; k++) {
			const annual_document *doc = y->documents->pdata[k];
			if (strcmp(doc->section, name) == 0)
				add_entry(&b, part, doc, TRUE);
		}
	}
	/* by issuing body, in the order of their names (Unicode's: the
	 * archive holds no pinyin), each with its documents by issue */
	GPtrArray *sorted = g_ptr_array_new();
	for (guint k = 0; k < y->documents->len; k++)
		g_ptr_array_add(sorted, y->documents->pdata[k]);
	g_ptr_array_sort(sorted, by_issuer);
	gb_section *s = tree_add_section(b.tree, BY_ISSUER_SECTION);
	gb_document *part = NULL;
	const char *issuer = NULL;
	for (guint k = 0; k < sorted->len; k++) {
		const annual_document *doc = sorted->pdata[k];
		if (!*doc->issuer)
			continue;
		if (!issuer || strcmp(issuer, doc->issuer) != 0)
			part = add_part(&b, s, issuer = doc->issuer);
		add_entry(&b, part, doc, FALSE);
	}
	g_ptr_array_free(sorted, TRUE);
	return b.tree;
}

/* The directory the index's files stand in: that of OUTPUT, else here. */
static char *
output_base(const char *output)
{
	char *cwd = g_get_current_dir();
	char *base;
	if (output && strcmp(output, "-") != 0) {
		char *abs = g_canonicalize_filename(output, cwd);
		base = g_path_get_dirname(abs);
		g_free(abs);
	} else {
		base = g_strdup(cwd);
	}
	g_free(cwd);
	return base;
}

int
archive_index(const gb_archive_options *opt, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	const char *path = archive_db_path(opt);
	if (opt->year < 1 || opt->year > 9999)
		return diag_print(PROGRAM, 0, DIAG_ANNUAL_YEAR_NEEDED, "index");
	GError *err = NULL;
	annual_year *y = annual_load(path, opt->year, &err);
	int status = GB_EXIT_OK;
	gb_output *out = NULL;
	if (y) {
		char *base = output_base(opt->output);
		gb_tree *t = index_tree(y, path, base);
		out = gb_output_open(opt->output, &err);
		if (out && !tree_write(gb_output_file(out), t)) {
			diag_set_error(&err, opt->output ? opt->output : "-", 0, DIAG_UTIL_WRITE_FAILED,
			    g_strerror(errno));
			gb_output_abort(out);
		} else if (out && !gb_output_commit(out, &err)) {
			/* said in ERR */
		}
		tree_free(t);
		g_free(base);
	}
	if (err) {
		status = diag_print_error(PROGRAM, err);
		g_error_free(err);
	}
	annual_free(y);
	return status;
}
