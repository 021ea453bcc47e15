/* officedb.c — opening the office's database and migrating its schema:
 * the one list of every table the registry and the archive keep. */
#include "officedb.h"

#include "diag.h"

#include <string.h>


/* The schema, one step per version: a database at user_version N gets
 * steps N+1 … GB_OFFICEDB_SCHEMA, in one transaction.  Never edit a step
 * that has shipped: add one. */
static const char *const migrations[GB_OFFICEDB_SCHEMA] = {
	/* 1: recipients, every version kept (distribute/regstore.c) */
	"CREATE TABLE recipient_version ("
	" version INTEGER PRIMARY KEY AUTOINCREMENT,"
	" id TEXT NOT NULL, name TEXT NOT NULL, category TEXT NOT NULL,"
	" postal_code TEXT NOT NULL, district TEXT NOT NULL, address TEXT NOT NULL,"
	" contact TEXT NOT NULL, phone TEXT NOT NULL,"
	" copies INTEGER NOT NULL CHECK (copies >= 0),"
	" electronic INTEGER NOT NULL CHECK (electronic IN (0, 1)),"
	" active INTEGER NOT NULL CHECK (active IN (0, 1)),"
	" change TEXT NOT NULL,"
	" valid_from TEXT NOT NULL, valid_to TEXT);"
	"CREATE UNIQUE INDEX recipient_current ON recipient_version(id) WHERE valid_to IS NULL;"
	"CREATE INDEX recipient_versions ON recipient_version(id, version);",
	/* 2: what each issue's distribution sent to whom */
	"CREATE TABLE distribution ("
	" issue TEXT NOT NULL, recipient TEXT NOT NULL,"
	" version INTEGER NOT NULL REFERENCES recipient_version(version),"
	" copies INTEGER NOT NULL, electronic INTEGER NOT NULL, time TEXT NOT NULL,"
	" PRIMARY KEY (issue, recipient));",
	/* 3: the archive of published issues (archive/, SPEC §9).
	 * issue: one published issue (dates 'YYYY-MM-DD', times as
	 * officedb_now, SHA-256 lowercase hex, out_dir absolute);
	 * document: every document, by its stable identifier ('2026-5-3'),
	 * doc_number its 发文字号 ('' when none), validity as printed, folios
	 * as printed, pages of web.pdf from 1, file its per-document PDF
	 * relative to out_dir (NULL when none);
	 * page: the text of every page of web.pdf (lines joined by '\n'),
	 * identifier the document on it (NULL: cover, 目录, back page), with
	 * page_text its full-text index (FTS5, trigram: substring search in
	 * Chinese without word segmentation), kept in step by publish;
	 * validity: every change of a document's validity, with its date and
	 * cause (a document, or words); the status as of a date D is that of
	 * the latest row dated on or before D (by date, then id), else the
	 * printed validity ('有效' when none);
	 * link: a 解读 interprets, a 勘误 corrects (folio: the corrected page)
	 * a document, within an issue or across issues. */
	"CREATE TABLE issue ("
	" year INTEGER NOT NULL, number INTEGER NOT NULL, name TEXT NOT NULL,"
	" cumulative INTEGER, date TEXT NOT NULL, title TEXT NOT NULL,"
	" publisher TEXT NOT NULL, pages INTEGER NOT NULL,"
	" first_folio INTEGER NOT NULL, last_folio INTEGER NOT NULL,"
	" out_dir TEXT NOT NULL, print_sha256 TEXT NOT NULL, web_sha256 TEXT NOT NULL,"
	" published TEXT NOT NULL,"
	" PRIMARY KEY (year, number));"
	"CREATE TABLE document ("
	" identifier TEXT PRIMARY KEY,"
	" year INTEGER NOT NULL, number INTEGER NOT NULL, seq INTEGER NOT NULL,"
	" section TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL,"
	" issuer TEXT NOT NULL, doc_number TEXT NOT NULL, date TEXT NOT NULL,"
	" validity TEXT NOT NULL,"
	" first_folio INTEGER NOT NULL, last_folio INTEGER NOT NULL,"
	" first_page INTEGER NOT NULL, last_page INTEGER NOT NULL,"
	" file TEXT, file_sha256 TEXT,"
	" FOREIGN KEY (year, number) REFERENCES issue (year, number),"
	" UNIQUE (year, number, seq));"
	"CREATE INDEX document_doc_number ON document (doc_number);"
	"CREATE TABLE page ("
	" id INTEGER PRIMARY KEY,"
	" year INTEGER NOT NULL, number INTEGER NOT NULL, page INTEGER NOT NULL,"
	" label TEXT NOT NULL, identifier TEXT REFERENCES document (identifier),"
	" text TEXT NOT NULL,"
	" FOREIGN KEY (year, number) REFERENCES issue (year, number),"
	" UNIQUE (year, number, page));"
	"CREATE VIRTUAL TABLE page_text USING fts5 (text, content = 'page',"
	" content_rowid = 'id', tokenize = 'trigram');"
	"CREATE TABLE validity ("
	" id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" identifier TEXT NOT NULL REFERENCES document (identifier),"
	" status TEXT NOT NULL CHECK (status IN ('有效', '失效', '废止', '修订')),"
	" date TEXT NOT NULL, by_identifier TEXT REFERENCES document (identifier),"
	" by_text TEXT, recorded TEXT NOT NULL);"
	"CREATE INDEX validity_of ON validity (identifier, date, id);"
	"CREATE TABLE link ("
	" from_identifier TEXT NOT NULL REFERENCES document (identifier),"
	" kind TEXT NOT NULL CHECK (kind IN ('interprets', 'corrects')),"
	" to_identifier TEXT NOT NULL REFERENCES document (identifier),"
	" folio INTEGER,"
	" PRIMARY KEY (from_identifier, kind, to_identifier));",
};

gboolean
officedb_exec(sqlite3 *db, const char *path, const char *sql, GError **error)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		diag_set_error(error, path, 0, DIAG_REGISTRY_SQL_FAILED,
		    msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return FALSE;
	}
	return TRUE;
}

gboolean
officedb_begin(sqlite3 *db, const char *path, GError **error)
{
	return officedb_exec(db, path, "BEGIN IMMEDIATE", error);
}

gboolean
officedb_commit(sqlite3 *db, const char *path, GError **error)
{
	if (officedb_exec(db, path, "COMMIT", error))
		return TRUE;
	officedb_rollback(db);
	return FALSE;
}

void
officedb_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
migrate(sqlite3 *db, const char *path, GError **error)
{
	if (!officedb_begin(db, path, error))
		return FALSE;
	sqlite3_stmt *st;
	int version = -1;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK
	    && sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	gboolean ok = TRUE;
	if (version < 0) {
		diag_set_error(error, path, 0, DIAG_REGISTRY_NOT_SQLITE, sqlite3_errmsg(db));
		ok = FALSE;
	} else if (version > GB_OFFICEDB_SCHEMA) {
		diag_set_error(error, path, 0, DIAG_REGISTRY_NEWER_SCHEMA, version,
		    GB_OFFICEDB_SCHEMA);
		ok = FALSE;
	}
	for (int v = version; ok && v < GB_OFFICEDB_SCHEMA; v++)
		ok = officedb_exec(db, path, migrations[v], error);
	if (ok && version < GB_OFFICEDB_SCHEMA) {
		char *sql = g_strdup_printf("PRAGMA user_version = %d", GB_OFFICEDB_SCHEMA);
		ok = officedb_exec(db, path, sql, error);
		g_free(sql);
	}
	if (!ok) {
		officedb_rollback(db);
		return FALSE;
	}
	return officedb_commit(db, path, error);
}

sqlite3 *
officedb_open(const char *path, gboolean create, GError **error)
{
	if (!create && !g_file_test(path, G_FILE_TEST_EXISTS)) {
		diag_set_error(error, path, 0, DIAG_REGISTRY_MISSING);
		return NULL;
	}
	sqlite3 *db = NULL;
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		diag_set_error(error, path, 0, DIAG_REGISTRY_OPEN_FAILED,
		    db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, 10000);
	if (!officedb_exec(db, path, "PRAGMA foreign_keys = ON", error)
	    || !migrate(db, path, error)) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

char *
officedb_time(const char *text)
{
	if (!text)
		return NULL;
	GTimeZone *utc = g_time_zone_new_utc();
	GDateTime *t = g_date_time_new_from_iso8601(text, utc);
	if (!t && strlen(text) == 10) {
		/* a date: the state at the end of that day */
		char *full = g_strdup_printf("%sT23:59:59Z", text);
		t = g_date_time_new_from_iso8601(full, utc);
		g_free(full);
	}
	g_time_zone_unref(utc);
	if (!t)
		return NULL;
	GDateTime *u = g_date_time_to_utc(t);
	char *s = g_date_time_format(u, "%Y-%m-%dT%H:%M:%SZ");
	g_date_time_unref(u);
	g_date_time_unref(t);
	return s;
}

char *
officedb_now(GError **error)
{
	const char *env = g_getenv("GONGBAO_NOW");
	if (env && *env) {
		char *t = officedb_time(env);
		if (!t)
			diag_set_error(error, "GONGBAO_NOW", 0, DIAG_REGISTRY_BAD_NOW, env);
		return t;
	}
	GDateTime *now = g_date_time_new_now_utc();
	char *s = g_date_time_format(now, "%Y-%m-%dT%H:%M:%SZ");
	g_date_time_unref(now);
	return s;
}
