/* publish.c — gongbao-archive publish OUT_DIR: records a built issue whose
 * check passed (SPEC §9): the issue, every document, the text of every
 * page (and its full-text index), the SHA-256 of the PDFs as the check
 * saw them, the 解读 and 勘误 links.  All in one transaction; publishing
 * the same issue again changes nothing, a different one under a published
 * number is refused. */
#include "archstore.h"

#include "diag.h"
#include "officedb.h"
#include "pages.h"
#include "tree.h"
#include "util.h"

#include <stdio.h>
#include <string.h>


/* A PDF the check read: its role, the path it read, its SHA-256. */
typedef struct {
	char *role, *path, *identifier, *sha256;
} checked_file;

static void
checked_file_free(gpointer p)
{
	checked_file *f = p;
	g_free(f->role);
	g_free(f->path);
	g_free(f->identifier);
	g_free(f->sha256);
	g_free(f);
}

typedef struct {
	const char *out;	/* OUT_DIR as given */
	char *abs_out;		/* canonical */
	GPtrArray *files;	/* checked_file*, from check.json */
	gb_tree *tree;
	gb_pages *pages;
	sqlite3 *db;
	const char *db_path;
	char *now;
	/* the issue */
	int year, number, cumulative;
	const char *date, *title, *publisher, *name;
	GError *error;
} publisher;

static const char *
json_str(JsonObject *o, const char *key)
{
	JsonNode *n = o ? json_object_get_member(o, key) : NULL;
	return n && JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_STRING
	    ? json_node_get_string(n) : NULL;
}

/* check.json: passed, and the files it read. */
static gboolean
read_check(publisher *p)
{
	char *path = g_build_filename(p->out, "check.json", NULL);
	gboolean ok = FALSE;
	if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
		diag_set_error(&p->error, path, 0, DIAG_ARCHIVE_NO_CHECK, path);
		g_free(path);
		return FALSE;
	}
	JsonParser *parser = json_parser_new();
	GError *err = NULL;
	if (!json_parser_load_from_file(parser, path, &err)) {
		diag_set_error(&p->error, path, 0, DIAG_ARCHIVE_CHECK_BAD, err->message);
		g_error_free(err);
		goto done;
	}
	JsonNode *root = json_parser_get_root(parser);
	JsonObject *o = root && JSON_NODE_HOLDS_OBJECT(root) ? json_node_get_object(root) : NULL;
	JsonNode *passed = o ? json_object_get_member(o, "passed") : NULL;
	JsonNode *files = o ? json_object_get_member(o, "files") : NULL;
	if (!passed || !JSON_NODE_HOLDS_VALUE(passed)
	    || json_node_get_value_type(passed) != G_TYPE_BOOLEAN
	    || !files || !JSON_NODE_HOLDS_ARRAY(files)) {
		diag_set_error(&p->error, path, 0, DIAG_ARCHIVE_CHECK_BAD, "不是 gongbao-check 的 JSON 报告");
		goto done;
	}
	if (!json_node_get_boolean(passed)) {
		diag_set_error(&p->error, path, 0, DIAG_ARCHIVE_CHECK_FAILED);
		goto done;
	}
	JsonArray *a = json_node_get_array(files);
	for (guint i = 0; i < json_array_get_length(a); i++) {
		JsonObject *f = json_array_get_object_element(a, i);
		const char *role = json_str(f, "role"), *sha = json_str(f, "sha256");
		if (!role || !sha)
			continue;
		checked_file *c = g_new0(checked_file, 1);
		c->role = g_strdup(role);
		c->path = g_strdup(json_str(f, "path"));
		c->identifier = g_strdup(json_str(f, "identifier"));
		c->sha256 = g_strdup(sha);
		g_ptr_array_add(p->files, c);
	}
	ok = TRUE;
done:
	g_object_unref(parser);
	g_free(path);
	return ok;
}

static const checked_file *
checked(const publisher *p, const char *role, const char *identifier)
{
	for (guint i = 0; i < p->files->len; i++) {
		const checked_file *f = p->files->pdata[i];
		if (strcmp(f->role, role) == 0 && g_strcmp0(f->identifier, identifier) == 0)
			return f;
	}
	return NULL;
}

/* The SHA-256 of FILE now, NULL (with the error) if it does not read. */
static char *
sha256_of(publisher *p, const char *file)
{
	char *data = NULL;
	gsize len = 0;
	GError *err = NULL;
	if (!gb_read_input(file, GB_MAX_PDF_INPUT, &data, &len, &err)) {
		char *why = diag_error_text(err, file);
		diag_set_error(&p->error, file, 0, DIAG_ARCHIVE_READ, file, why);
		g_free(why);
		g_error_free(err);
		return NULL;
	}
	char *sha = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
	g_free(data);
	return sha;
}

/* The SHA-256 of OUT_DIR/NAME, which must be what the check saw as ROLE. */
static char *
unchanged(publisher *p, const char *name, const char *role, const char *identifier)
{
	char *file = g_build_filename(p->out, name, NULL);
	const checked_file *c = checked(p, role, identifier);
	char *sha = NULL;
	if (!c)
		diag_set_error(&p->error, file, 0, DIAG_ARCHIVE_NOT_CHECKED, file);
	else if ((sha = sha256_of(p, file)) && strcmp(sha, c->sha256) != 0) {
		diag_set_error(&p->error, file, 0, DIAG_ARCHIVE_CHANGED, file);
		g_clear_pointer(&sha, g_free);
	}
	g_free(file);
	return sha;
}

static gboolean
read_inputs(publisher *p)
{
	char *tree_path = g_build_filename(p->out, "issue.tree", NULL);
	char *pages_path = g_build_filename(p->out, "issue.pages", NULL);
	FILE *f = fopen(tree_path, "r");
	gboolean ok = FALSE;
	if (!f) {
		diag_set_error(&p->error, tree_path, 0, DIAG_ARCHIVE_READ, tree_path, g_strerror(errno));
		goto done;
	}
	p->tree = tree_read(f, tree_path, &p->error);
	fclose(f);
	if (!p->tree)
		goto done;
	GError *err = NULL;
	p->pages = pages_load(pages_path, &err);
	if (!p->pages) {
		p->error = pages_error_to_diag(err);
		g_error_free(err);
		goto done;
	}
	gint64 v;
	const char *year = tree_issue(p->tree, "year"), *number = tree_issue(p->tree, "number");
	const char *cumulative = tree_issue(p->tree, "cumulative");
	p->date = tree_issue(p->tree, "date");
	p->name = tree_issue(p->tree, "name");
	p->title = tree_gazette(p->tree, "title");
	p->publisher = tree_gazette(p->tree, "publisher");
	const char *bad = !year || !gb_parse_int(year, 1, 9999, &v) ? "year"
	    : (p->year = (int)v, !number || !gb_parse_int(number, 1, 9999, &v)) ? "number"
	    : (p->number = (int)v, !p->date) ? "date" : !p->name ? "name"
	    : !p->title ? "title" : !p->publisher ? "publisher" : NULL;
	if (bad) {
		diag_set_error(&p->error, tree_path, 0, DIAG_ARCHIVE_ISSUE_FIELD, bad);
		goto done;
	}
	p->cumulative = cumulative && gb_parse_int(cumulative, 1, G_MAXINT, &v) ? (int)v : 0;
	ok = TRUE;
done:
	g_free(tree_path);
	g_free(pages_path);
	return ok;
}

static int
folio_number(const gb_page *pg)
{
	gint64 v;
	return pg->folio && gb_parse_int(pg->folio, 0, G_MAXINT, &v) ? (int)v : 0;
}

/* The text of page PG, one line a baseline, and the first document on it. */
static char *
page_text(const gb_page *pg, const char **doc)
{
	GString *s = g_string_new(NULL);
	double y = 0;
	gboolean first = TRUE;
	*doc = NULL;
	for (guint i = 0; i < pg->items->len; i++) {
		const gb_item *it = page_item(pg, i);
		if (it->kind != GB_ITEM_TEXT)
			continue;
		if (!first && (it->y > y + 0.5 || it->y < y - 0.5))
			g_string_append_c(s, '\n');
		g_string_append(s, it->text);
		y = it->y;
		first = FALSE;
		if (!*doc && it->src_doc && pg->kind == GB_PAGE_BODY)
			*doc = it->src_doc;
	}
	return g_string_free(s, FALSE);
}

typedef struct {
	int first_page, last_page, first_folio, last_folio;
} doc_pages;

static sqlite3_stmt *
prepare(publisher *p, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(p->db, sql, -1, &st, NULL) != SQLITE_OK) {
		archive_sql_error(&p->error, p->db, p->db_path);
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

static gboolean
step_done(publisher *p, sqlite3_stmt *st)
{
	gboolean ok = sqlite3_step(st) == SQLITE_DONE;
	if (!ok && !p->error)
		archive_sql_error(&p->error, p->db, p->db_path);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return ok;
}

static void
bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/* Whether the issue is published already: 1 the same (nothing to do),
 * 0 not yet, -1 another issue under its number (refused, said). */
static int
published(publisher *p, const char *print_sha, const char *web_sha)
{
	sqlite3_stmt *st = prepare(p, "SELECT name, title, print_sha256, web_sha256, date"
	    " FROM issue WHERE year = ?1 AND number = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, p->year);
	sqlite3_bind_int(st, 2, p->number);
	int result = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *what[][3] = {
			{ "目录名", archive_text(st, 0), p->name },
			{ "刊名", archive_text(st, 1), p->title },
			{ "出版日期", archive_text(st, 4), p->date },
			{ "电子版（web.pdf 的 SHA-256）", archive_text(st, 3), web_sha },
			{ "印刷版（print.pdf 的 SHA-256）", archive_text(st, 2), print_sha },
		};
		result = 1;
		for (guint i = 0; result == 1 && i < G_N_ELEMENTS(what); i++)
			if (strcmp(what[i][1], what[i][2]) != 0) {
				char *issue = archive_issue_name(p->year, p->number);
				diag_set_error(&p->error, p->out, 0, DIAG_ARCHIVE_ISSUE_DIFFERS, issue,
				    what[i][0], what[i][1], what[i][2]);
				g_free(issue);
				result = -1;
			}
	}
	sqlite3_finalize(st);
	return result;
}

/* Is document IDENT published in another issue? Said if so. */
static gboolean
elsewhere(publisher *p, const char *ident)
{
	sqlite3_stmt *st = prepare(p, "SELECT year, number FROM document WHERE identifier = ?1");
	if (!st)
		return TRUE;
	bind_text(st, 1, ident);
	gboolean yes = FALSE;
	if (sqlite3_step(st) == SQLITE_ROW) {
		char *issue = archive_issue_name(sqlite3_column_int(st, 0), sqlite3_column_int(st, 1));
		diag_set_error(&p->error, p->out, 0, DIAG_ARCHIVE_DOCUMENT_ELSEWHERE, ident, issue);
		g_free(issue);
		yes = TRUE;
	}
	sqlite3_finalize(st);
	return yes;
}

static gboolean
known(publisher *p, const char *ident)
{
	sqlite3_stmt *st = prepare(p, "SELECT 1 FROM document WHERE identifier = ?1");
	if (!st)
		return FALSE;
	bind_text(st, 1, ident);
	gboolean yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return yes;
}

/* The documents of the issue: their records, the pages they stand on. */
static gboolean
insert_documents(publisher *p, GHashTable *ident_of, GHashTable *pages_of)
{
	sqlite3_stmt *st = prepare(p, "INSERT INTO document (identifier, year, number, seq,"
	    " section, kind, title, issuer, doc_number, date, validity, first_folio, last_folio,"
	    " first_page, last_page, file, file_sha256)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
	if (!st)
		return FALSE;
	gboolean ok = TRUE;
	int seq = 0;
	for (guint s = 0; ok && s < p->tree->sections->len; s++) {
		const gb_section *sec = p->tree->sections->pdata[s];
		for (guint i = 0; ok && i < sec->documents->len; i++) {
			const gb_document *d = sec->documents->pdata[i];
			const char *ident = g_hash_table_lookup(ident_of, d->id);
			const doc_pages *dp = g_hash_table_lookup(pages_of, d->id);
			seq++;
			if (elsewhere(p, ident)) {
				ok = FALSE;
				break;
			}
			/* its own PDF, if the check read one */
			const checked_file *c = checked(p, "document", ident);
			char *rel = NULL, *sha = NULL;
			if (c && c->path) {
				char *base = g_path_get_basename(c->path);
				rel = g_build_filename("docs", base, NULL);
				g_free(base);
				if (!(sha = unchanged(p, rel, "document", ident))) {
					g_free(rel);
					ok = FALSE;
					break;
				}
			}
			const char *v;
			bind_text(st, 1, ident);
			sqlite3_bind_int(st, 2, p->year);
			sqlite3_bind_int(st, 3, p->number);
			sqlite3_bind_int(st, 4, seq);
			bind_text(st, 5, sec->name);
			bind_text(st, 6, (v = document_meta(d, "kind")) ? v : "");
			bind_text(st, 7, (v = document_meta(d, "title")) ? v : "");
			bind_text(st, 8, (v = document_meta(d, "issuer")) ? v : "");
			bind_text(st, 9, (v = document_meta(d, "number")) ? v : "");
			bind_text(st, 10, (v = document_meta(d, "date")) ? v : "");
			bind_text(st, 11, (v = document_meta(d, "validity")) ? v : "");
			sqlite3_bind_int(st, 12, dp ? dp->first_folio : 0);
			sqlite3_bind_int(st, 13, dp ? dp->last_folio : 0);
			sqlite3_bind_int(st, 14, dp ? dp->first_page : 0);
			sqlite3_bind_int(st, 15, dp ? dp->last_page : 0);
			bind_text(st, 16, rel);
			bind_text(st, 17, sha);
			ok = step_done(p, st);
			g_free(rel);
			g_free(sha);
		}
	}
	sqlite3_finalize(st);
	return ok;
}

/* The 解读 and 勘误 links the tree records (FORMATS.md: interprets-id of
 * this issue, interprets-identifier of any, corrects-identifier with
 * corrects-folio). */
static gboolean
insert_links(publisher *p, GHashTable *ident_of)
{
	sqlite3_stmt *st = prepare(p, "INSERT OR IGNORE INTO link (from_identifier, kind,"
	    " to_identifier, folio) VALUES (?1, ?2, ?3, ?4)");
	if (!st)
		return FALSE;
	gboolean ok = TRUE;
	for (guint s = 0; ok && s < p->tree->sections->len; s++) {
		const gb_section *sec = p->tree->sections->pdata[s];
		for (guint i = 0; ok && i < sec->documents->len; i++) {
			const gb_document *d = sec->documents->pdata[i];
			const char *from = g_hash_table_lookup(ident_of, d->id);
			const char *interp = document_meta(d, "interprets-identifier");
			const char *in_issue = document_meta(d, "interprets-id");
			if (!interp && in_issue)
				interp = g_hash_table_lookup(ident_of, in_issue);
			const char *corr = document_meta(d, "corrects-identifier");
			const char *folio = document_meta(d, "corrects-folio");
			const char *to[2] = { interp, corr };
			for (int k = 0; ok && k < 2; k++) {
				if (!to[k])
					continue;
				if (!known(p, to[k])) {
					diag_set_error(&p->error, d->file, d->line, DIAG_ARCHIVE_LINK_UNKNOWN,
					    k ? "corrects" : "interprets", to[k]);
					ok = FALSE;
					break;
				}
				gint64 f;
				bind_text(st, 1, from);
				bind_text(st, 2, k ? "corrects" : "interprets");
				bind_text(st, 3, to[k]);
				if (k && folio && gb_parse_int(folio, 0, G_MAXINT, &f))
					sqlite3_bind_int64(st, 4, f);
				else
					sqlite3_bind_null(st, 4);
				ok = step_done(p, st);
			}
		}
	}
	sqlite3_finalize(st);
	return ok;
}

static gboolean
insert_pages(publisher *p, GHashTable *ident_of)
{
	sqlite3_stmt *st = prepare(p, "INSERT INTO page (year, number, page, label, identifier,"
	    " text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	sqlite3_stmt *fts = st ? prepare(p, "INSERT INTO page_text (rowid, text) VALUES (?1, ?2)")
	    : NULL;
	gboolean ok = st && fts;
	for (guint i = 0; ok && i < p->pages->pages->len; i++) {
		const gb_page *pg = pages_page(p->pages, i);
		const char *doc;
		char *text = page_text(pg, &doc);
		sqlite3_bind_int(st, 1, p->year);
		sqlite3_bind_int(st, 2, p->number);
		sqlite3_bind_int(st, 3, pg->number);
		bind_text(st, 4, pg->label);
		bind_text(st, 5, doc ? g_hash_table_lookup(ident_of, doc) : NULL);
		bind_text(st, 6, text);
		ok = step_done(p, st);
		if (ok) {
			sqlite3_bind_int64(fts, 1, sqlite3_last_insert_rowid(p->db));
			bind_text(fts, 2, text);
			ok = step_done(p, fts);
		}
		g_free(text);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(fts);
	return ok;
}

static gboolean
insert_issue(publisher *p, const char *print_sha, const char *web_sha)
{
	int first = 0, last = 0;
	for (guint i = 0; i < p->pages->pages->len; i++) {
		int f = folio_number(pages_page(p->pages, i));
		if (f && (!first || f < first))
			first = f;
		if (f > last)
			last = f;
	}
	sqlite3_stmt *st = prepare(p, "INSERT INTO issue (year, number, name, cumulative, date,"
	    " title, publisher, pages, first_folio, last_folio, out_dir, print_sha256, web_sha256,"
	    " published) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
	if (!st)
		return FALSE;
	sqlite3_bind_int(st, 1, p->year);
	sqlite3_bind_int(st, 2, p->number);
	bind_text(st, 3, p->name);
	if (p->cumulative)
		sqlite3_bind_int(st, 4, p->cumulative);
	else
		sqlite3_bind_null(st, 4);
	bind_text(st, 5, p->date);
	bind_text(st, 6, p->title);
	bind_text(st, 7, p->publisher);
	sqlite3_bind_int(st, 8, (int)p->pages->pages->len);
	sqlite3_bind_int(st, 9, first);
	sqlite3_bind_int(st, 10, last);
	bind_text(st, 11, p->abs_out);
	bind_text(st, 12, print_sha);
	bind_text(st, 13, web_sha);
	bind_text(st, 14, p->now);
	gboolean ok = step_done(p, st);
	sqlite3_finalize(st);
	return ok;
}

/* Each document's identifier (the page list's) and the pages it stands on. */
static void
map_documents(publisher *p, GHashTable *ident_of, GHashTable *pages_of)
{
	for (guint i = 0; i < p->pages->documents->len; i++) {
		const gb_page_document *d = &g_array_index(p->pages->documents, gb_page_document, i);
		g_hash_table_insert(ident_of, (gpointer)d->id, (gpointer)d->identifier);
	}
	for (guint i = 0; i < p->pages->pages->len; i++) {
		const gb_page *pg = pages_page(p->pages, i);
		if (pg->kind != GB_PAGE_BODY)
			continue;
		for (guint k = 0; k < pg->items->len; k++) {
			const gb_item *it = page_item(pg, k);
			if (it->kind != GB_ITEM_TEXT || !it->src_doc)
				continue;
			doc_pages *dp = g_hash_table_lookup(pages_of, it->src_doc);
			if (!dp) {
				dp = g_new0(doc_pages, 1);
				dp->first_page = pg->number;
				dp->first_folio = folio_number(pg);
				g_hash_table_insert(pages_of, (gpointer)it->src_doc, dp);
			}
			dp->last_page = pg->number;
			dp->last_folio = folio_number(pg);
		}
	}
}

int
archive_publish(const gb_archive_options *opt, int argc, char **argv)
{
	(void)argc;
	publisher p = { .out = argv[0], .files = g_ptr_array_new_with_free_func(checked_file_free),
		.db_path = archive_db_path(opt) };
	char *print_sha = NULL, *web_sha = NULL;
	GHashTable *ident_of = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *pages_of = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	int status = GB_EXIT_OK;
	p.abs_out = g_canonicalize_filename(p.out, NULL);
	gboolean ok = read_check(&p)
	    && (print_sha = unchanged(&p, "print.pdf", "print", NULL))
	    && (web_sha = unchanged(&p, "web.pdf", "web", NULL))
	    && read_inputs(&p)
	    && (p.now = officedb_now(&p.error))
	    && (p.db = archive_open(opt, TRUE, &p.error))
	    && officedb_begin(p.db, p.db_path, &p.error);
	if (ok) {
		map_documents(&p, ident_of, pages_of);
		int already = published(&p, print_sha, web_sha);
		char *issue = archive_issue_name(p.year, p.number);
		if (already == 1) {
			officedb_rollback(p.db);
			printf("%s（%s）已发布，资料库未作修改\n", issue, p.out);
		} else if (already == 0 && insert_issue(&p, print_sha, web_sha)
		    && insert_documents(&p, ident_of, pages_of) && insert_pages(&p, ident_of)
		    && insert_links(&p, ident_of) && officedb_commit(p.db, p.db_path, &p.error)) {
			char *cum = p.cumulative ? g_strdup_printf("（总第%d期）", p.cumulative)
			    : g_strdup("");
			printf("已发布：%s%s，%u件文件，%u页\n", issue, cum,
			    tree_document_count(p.tree), p.pages->pages->len);
			g_free(cum);
		} else {
			officedb_rollback(p.db);
			ok = FALSE;
		}
		g_free(issue);
	}
	if (!ok)
		status = p.error ? archive_fail(p.error) : GB_EXIT_SYSTEM;
	else if (p.error)
		g_error_free(p.error);
	if (p.db)
		sqlite3_close(p.db);
	g_hash_table_destroy(ident_of);
	g_hash_table_destroy(pages_of);
	g_ptr_array_free(p.files, TRUE);
	if (p.tree)
		tree_free(p.tree);
	pages_free(p.pages);
	g_free(print_sha);
	g_free(web_sha);
	g_free(p.now);
	g_free(p.abs_out);
	return status;
}
