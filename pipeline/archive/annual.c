/* annual.c — a year of the archive read for the annual index and the
 * bound volume (annual.h): the issues, the documents in print order with
 * their validity as of a date (archstore.c's rule), and the links between
 * index and documents. */
#include "annual.h"
#include "archstore.h"
#include "diag.h"
#include "docfile.h"
#include "officedb.h"
#include "util.h"

#include <string.h>

static void
issue_free(gpointer p)
{
	annual_issue *i = p;
	g_free(i->name);
	g_free(i->date);
	g_free(i->title);
	g_free(i->publisher);
	g_free(i->out_dir);
	g_free(i->web_sha256);
	g_free(i);
}

static void
document_free(gpointer p)
{
	annual_document *d = p;
	g_free(d->identifier);
	g_free(d->section);
	g_free(d->kind);
	g_free(d->title);
	g_free(d->issuer);
	g_free(d->doc_number);
	g_free(d->validity_printed);
	g_free(d->validity);
	g_free(d->file);
	g_free(d);
}

void
annual_free(annual_year *y)
{
	if (!y)
		return;
	g_ptr_array_free(y->documents, TRUE);
	g_ptr_array_free(y->issues, TRUE);
	g_ptr_array_free(y->sections, TRUE);
	if (y->targets)
		g_hash_table_destroy(y->targets);
	g_free(y);
}

static gboolean
sql_failed(sqlite3 *db, const char *path, GError **error)
{
	archive_sql_error(error, db, path);
	return FALSE;
}

static char *
column_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? g_strdup((const char *)t) : NULL;
}

static gboolean
read_issues(sqlite3 *db, const char *path, annual_year *y, GError **error)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db,
		"SELECT number, name, coalesce(cumulative, 0), date, title, publisher, pages,"
		" first_folio, last_folio, out_dir, web_sha256 FROM issue WHERE year = ?"
		" ORDER BY number", -1, &st, NULL) != SQLITE_OK)
		return sql_failed(db, path, error);
	sqlite3_bind_int(st, 1, y->year);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		annual_issue *i = g_new0(annual_issue, 1);
		i->year = y->year;
		i->number = sqlite3_column_int(st, 0);
		i->name = column_text(st, 1);
		i->cumulative = sqlite3_column_int(st, 2);
		i->date = column_text(st, 3);
		i->title = column_text(st, 4);
		i->publisher = column_text(st, 5);
		i->pages = sqlite3_column_int(st, 6);
		i->first_folio = sqlite3_column_int(st, 7);
		i->last_folio = sqlite3_column_int(st, 8);
		i->out_dir = column_text(st, 9);
		i->web_sha256 = column_text(st, 10);
		g_ptr_array_add(y->issues, i);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || sql_failed(db, path, error);
}

static const annual_issue *
issue_of(const annual_year *y, int number)
{
	for (guint i = 0; i < y->issues->len; i++) {
		const annual_issue *is = y->issues->pdata[i];
		if (is->number == number)
			return is;
	}
	return NULL;
}

static gboolean
read_documents(sqlite3 *db, const char *path, annual_year *y, const char *date,
    GError **error)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db,
		"SELECT identifier, number, seq, section, kind, title, issuer, doc_number, validity,"
		" first_folio, last_folio, first_page, last_page, file FROM document WHERE year = ?"
		" ORDER BY number, seq", -1, &st, NULL) != SQLITE_OK)
		return sql_failed(db, path, error);
	sqlite3_bind_int(st, 1, y->year);
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	int rc;
	gboolean ok = TRUE;
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		annual_document *d = g_new0(annual_document, 1);
		d->identifier = column_text(st, 0);
		d->number = sqlite3_column_int(st, 1);
		d->seq = sqlite3_column_int(st, 2);
		d->section = column_text(st, 3);
		d->kind = column_text(st, 4);
		d->title = column_text(st, 5);
		d->issuer = column_text(st, 6);
		d->doc_number = column_text(st, 7);
		d->validity_printed = column_text(st, 8);
		d->first_folio = sqlite3_column_int(st, 9);
		d->last_folio = sqlite3_column_int(st, 10);
		d->first_page = sqlite3_column_int(st, 11);
		d->last_page = sqlite3_column_int(st, 12);
		d->file = column_text(st, 13);
		d->issue = issue_of(y, d->number);
		g_ptr_array_add(y->documents, d);
		if (!g_hash_table_contains(seen, d->section)) {
			g_hash_table_add(seen, d->section);
			g_ptr_array_add(y->sections, g_strdup(d->section));
		}
	}
	sqlite3_finalize(st);
	g_hash_table_destroy(seen);
	if (ok && rc != SQLITE_DONE)
		return sql_failed(db, path, error);
	for (guint i = 0; ok && i < y->documents->len; i++) {
		annual_document *d = y->documents->pdata[i];
		d->validity = archive_validity_as_of(db, d->identifier, date, error);
		ok = d->validity != NULL;
	}
	return ok;
}

static void index_targets(annual_year *y);

annual_year *
annual_read(sqlite3 *db, const char *path, int year, const char *date, GError **error)
{
	annual_year *y = g_new0(annual_year, 1);
	y->year = year;
	y->issues = g_ptr_array_new_with_free_func(issue_free);
	y->documents = g_ptr_array_new_with_free_func(document_free);
	y->sections = g_ptr_array_new_with_free_func(g_free);
	if (!read_issues(db, path, y, error) || !read_documents(db, path, y, date, error)) {
		annual_free(y);
		return NULL;
	}
	if (!y->issues->len) {
		diag_set_error(error, path, 0, DIAG_ANNUAL_NOTHING_PUBLISHED, year);
		annual_free(y);
		return NULL;
	}
	index_targets(y);
	return y;
}

annual_year *
annual_load(const char *path, int year, GError **error)
{
	char *now = archive_today(error);
	sqlite3 *db = now ? officedb_open(path, FALSE, error) : NULL;
	annual_year *y = db ? annual_read(db, path, year, now, error) : NULL;
	if (db)
		sqlite3_close(db);
	g_free(now);
	return y;
}

/* --- links between the index and the documents ---------------------------- */

/* The file an entry for DOC goes to (absolute) and the page in it. */
static char *
target_file(const annual_document *doc, int *page)
{
	if (doc->file && *doc->file) {
		*page = 0;
		return g_canonicalize_filename(doc->file, doc->issue->out_dir);
	}
	*page = doc->first_page;
	return g_canonicalize_filename("web.pdf", doc->issue->out_dir);
}

/* PATH (absolute) relative to directory BASE (absolute). */
static char *
relative_to(const char *path, const char *base)
{
	char *cb = g_canonicalize_filename(base, NULL);
	char **pp = g_strsplit(path, "/", -1), **bp = g_strsplit(cb, "/", -1);
	guint i = 0;
	while (pp[i] && bp[i] && strcmp(pp[i], bp[i]) == 0)
		i++;
	GString *s = g_string_new("");
	for (guint k = i; bp[k]; k++)
		if (*bp[k])
			g_string_append(s, "../");
	for (guint k = i; pp[k]; k++) {
		g_string_append(s, pp[k]);
		if (pp[k + 1])
			g_string_append_c(s, '/');
	}
	g_strfreev(pp);
	g_strfreev(bp);
	g_free(cb);
	return g_string_free(s, FALSE);
}

char *
annual_link_uri(const annual_document *doc, const char *base)
{
	char *dir = g_canonicalize_filename(doc->issue->out_dir, NULL);
	char *rel = relative_to(dir, base);
	char *uri = docfile_link(rel, doc->file, doc->first_page);
	g_free(dir);
	g_free(rel);
	return uri;
}

/* The key of Y->targets: the file (absolute) and the page in it. */
static char *
target_key(const char *file, gint64 page)
{
	return g_strdup_printf("%" G_GINT64_FORMAT "#%s", page, file);
}

/* Y->targets: every document of Y by where its entry links to (the first
 * of the documents that share a target). */
static void
index_targets(annual_year *y)
{
	y->targets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (guint i = 0; i < y->documents->len; i++) {
		annual_document *d = y->documents->pdata[i];
		int p;
		char *f = target_file(d, &p);
		char *key = target_key(f, p);
		g_free(f);
		if (g_hash_table_contains(y->targets, key))
			g_free(key);
		else
			g_hash_table_insert(y->targets, key, d);
	}
}

const annual_document *
annual_link_target(const annual_year *y, const char *uri, const char *base, int *page)
{
	const char *hash = strchr(uri, '#');
	char *path = g_strndup(uri, hash ? (gsize)(hash - uri) : strlen(uri));
	char *plain = g_uri_unescape_string(path, NULL);
	g_free(path);
	if (!plain)
		return NULL;
	char *abs = g_canonicalize_filename(plain, base);
	g_free(plain);
	gint64 want = 0;
	if (hash && (!g_str_has_prefix(hash, "#page=") || !gb_parse_int(hash + 6, 1, G_MAXINT, &want))) {
		g_free(abs);
		return NULL;	/* a fragment the index never writes */
	}
	char *key = target_key(abs, want);
	const annual_document *found = g_hash_table_lookup(y->targets, key);
	g_free(key);
	g_free(abs);
	if (found)
		*page = found->first_page;
	return found;
}

char *
annual_folio_label(int number, const char *folio)
{
	return g_strdup_printf("第%d期 %s", number, folio);
}
