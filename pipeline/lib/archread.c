/* archread.c — read-only lookups in the archive's tables (issue, document)
 * of the office database.  Opened with SQLITE_OPEN_READONLY and never
 * migrated: parsing an issue must not change the office's database. */
#include "archread.h"
#include "diag.h"
#include "officedb.h"

#include <sqlite3.h>
#include <string.h>

struct gb_archread {
	char *path;
	sqlite3 *db;		/* NULL: nothing published yet */
};

gb_archread *
archread_open(const char *path, GError **error)
{
	gb_archread *a = g_new0(gb_archread, 1);
	a->path = g_strdup(path);
	if (!g_file_test(path, G_FILE_TEST_EXISTS))
		return a;
	if (sqlite3_open_v2(path, &a->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		diag_set_error(error, path, 0, DIAG_REGISTRY_OPEN_FAILED,
		    a->db ? sqlite3_errmsg(a->db) : "out of memory");
		archread_close(a);
		return NULL;
	}
	sqlite3_busy_timeout(a->db, 10000);
	sqlite3_stmt *st = NULL;
	int version = -1;
	if (sqlite3_prepare_v2(a->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK
	    && sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version < 0) {
		diag_set_error(error, path, 0, DIAG_REGISTRY_NOT_SQLITE, sqlite3_errmsg(a->db));
		archread_close(a);
		return NULL;
	}
	if (version > GB_OFFICEDB_SCHEMA) {
		diag_set_error(error, path, 0, DIAG_REGISTRY_NEWER_SCHEMA, version,
		    GB_OFFICEDB_SCHEMA);
		archread_close(a);
		return NULL;
	}
	if (version < 3) {
		/* the registry alone: no issue has been published into it */
		sqlite3_close(a->db);
		a->db = NULL;
	}
	return a;
}

void
archread_close(gb_archread *a)
{
	if (!a)
		return;
	if (a->db)
		sqlite3_close(a->db);
	g_free(a->path);
	g_free(a);
}

const char *
archread_path(const gb_archread *a)
{
	return a->path;
}

static char *
column_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? g_strdup((const char *)t) : NULL;
}

#define ISSUE_COLUMNS "i.year, i.number, i.name, i.date, i.pages, i.first_folio, i.last_folio, i.out_dir"
#define DOC_COLUMNS "d.identifier, d.title, d.doc_number, d.date, d.first_folio, d.last_folio, " \
	"d.first_page, d.last_page, d.file, " ISSUE_COLUMNS

static void
read_issue(sqlite3_stmt *st, int at, gb_arch_issue *i)
{
	i->year = sqlite3_column_int(st, at);
	i->number = sqlite3_column_int(st, at + 1);
	i->name = column_text(st, at + 2);
	i->date = column_text(st, at + 3);
	i->pages = sqlite3_column_int(st, at + 4);
	i->first_folio = sqlite3_column_int(st, at + 5);
	i->last_folio = sqlite3_column_int(st, at + 6);
	i->out_dir = column_text(st, at + 7);
}

static gb_arch_doc *
read_doc(sqlite3_stmt *st)
{
	gb_arch_doc *d = g_new0(gb_arch_doc, 1);
	d->identifier = column_text(st, 0);
	d->title = column_text(st, 1);
	d->doc_number = column_text(st, 2);
	d->date = column_text(st, 3);
	d->first_folio = sqlite3_column_int(st, 4);
	d->last_folio = sqlite3_column_int(st, 5);
	d->first_page = sqlite3_column_int(st, 6);
	d->last_page = sqlite3_column_int(st, 7);
	d->file = column_text(st, 8);
	read_issue(st, 9, &d->issue);
	return d;
}

/* Prepares SQL, or says why not in ERROR. */
static sqlite3_stmt *
prepare(gb_archread *a, const char *sql, GError **error)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(a->db, sql, -1, &st, NULL) != SQLITE_OK) {
		diag_set_error(error, a->path, 0, DIAG_REGISTRY_SQL_FAILED, sqlite3_errmsg(a->db));
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* Steps ST; FALSE with ERROR when it failed (not at its end). */
static gboolean
step(gb_archread *a, sqlite3_stmt *st, gboolean *row, GError **error)
{
	int rc = sqlite3_step(st);
	*row = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return TRUE;
	diag_set_error(error, a->path, 0, DIAG_REGISTRY_SQL_FAILED, sqlite3_errmsg(a->db));
	return FALSE;
}

gb_arch_doc *
archread_by_number(gb_archread *a, const char *number, GError **error)
{
	if (!a->db || !number || !*number)
		return NULL;
	sqlite3_stmt *st = prepare(a, "SELECT " DOC_COLUMNS " FROM document d"
	    " JOIN issue i ON i.year = d.year AND i.number = d.number"
	    " WHERE d.doc_number = ? ORDER BY d.year DESC, d.number DESC, d.seq LIMIT 1", error);
	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, number, -1, SQLITE_TRANSIENT);
	gboolean row;
	gb_arch_doc *d = step(a, st, &row, error) && row ? read_doc(st) : NULL;
	sqlite3_finalize(st);
	return d;
}

GPtrArray *
archread_on_folio(gb_archread *a, int year, int number, int folio, GError **error)
{
	GPtrArray *docs = g_ptr_array_new_with_free_func((GDestroyNotify)arch_doc_free);
	if (!a->db)
		return docs;
	sqlite3_stmt *st = prepare(a, "SELECT " DOC_COLUMNS " FROM document d"
	    " JOIN issue i ON i.year = d.year AND i.number = d.number"
	    " WHERE d.year = ? AND d.number = ? AND d.first_folio <= ? AND d.last_folio >= ?"
	    " ORDER BY d.seq", error);
	if (!st) {
		g_ptr_array_unref(docs);
		return NULL;
	}
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_int(st, 2, number);
	sqlite3_bind_int(st, 3, folio);
	sqlite3_bind_int(st, 4, folio);
	gboolean row, ok;
	while ((ok = step(a, st, &row, error)) && row)
		g_ptr_array_add(docs, read_doc(st));
	sqlite3_finalize(st);
	if (!ok) {
		g_ptr_array_unref(docs);
		return NULL;
	}
	return docs;
}

gb_arch_issue *
archread_issue(gb_archread *a, int year, int number, GError **error)
{
	if (!a->db)
		return NULL;
	sqlite3_stmt *st = prepare(a, "SELECT " ISSUE_COLUMNS " FROM issue i"
	    " WHERE i.year = ? AND i.number = ?", error);
	if (!st)
		return NULL;
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_int(st, 2, number);
	gboolean row;
	gb_arch_issue *i = NULL;
	if (step(a, st, &row, error) && row) {
		i = g_new0(gb_arch_issue, 1);
		read_issue(st, 0, i);
	}
	sqlite3_finalize(st);
	return i;
}

static void
issue_clear(gb_arch_issue *i)
{
	g_free(i->name);
	g_free(i->date);
	g_free(i->out_dir);
}

void
arch_issue_free(gb_arch_issue *i)
{
	if (!i)
		return;
	issue_clear(i);
	g_free(i);
}

void
arch_doc_free(gb_arch_doc *d)
{
	if (!d)
		return;
	g_free(d->identifier);
	g_free(d->title);
	g_free(d->doc_number);
	g_free(d->date);
	g_free(d->file);
	issue_clear(&d->issue);
	g_free(d);
}
