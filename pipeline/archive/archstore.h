/* archstore.h — what the archive's commands share: opening the office's
 * database, a document's validity as of a day, its record, and the JSON
 * and text they print. */
#ifndef GONGBAO_ARCHSTORE_H
#define GONGBAO_ARCHSTORE_H

#include "archive.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>

/* The office's database the options name (archive_db_path), migrated;
 * created only if CREATE.  NULL with ERROR (a diagnostic). */
sqlite3 *archive_open(const gb_archive_options *opt, gboolean create, GError **error);

/* Prints ERROR (a diagnostic) and frees it: the exit status of its level. */
int archive_fail(GError *error);

/* Today, "YYYY-MM-DD" (UTC, or the day of $GONGBAO_NOW), for "as of now";
 * NULL with ERROR when $GONGBAO_NOW is not a time. */
char *archive_today(GError **error);

/* The validity of document IDENTIFIER as of DATE ("YYYY-MM-DD"): the
 * status of its latest change dated on or before DATE (by date, then the
 * order recorded), else the validity it was printed with, else 有效.
 * NULL (with ERROR) on a database failure or an unknown identifier. */
char *archive_validity_as_of(sqlite3 *db, const char *identifier, const char *date,
    GError **error);

/* How an issue is cited: 2026年第5期. */
char *archive_issue_name(int year, int number);

/* The text of column COL of ST's row, "" for NULL. */
const char *archive_text(sqlite3_stmt *st, int col);

/* Prints the JSON ROOT (taken) on stdout. */
void archive_print_json(JsonNode *root);

/* ERROR as DIAG_ARCHIVE_SQL naming PATH with SQLite's message of DB. */
void archive_sql_error(GError **error, sqlite3 *db, const char *path);

#endif
