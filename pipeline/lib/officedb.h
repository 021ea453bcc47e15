/* officedb.h — the office's SQLite database: one file (issues/registry.db
 * by default, --db FILE) that holds the recipient registry
 * (distribute/regstore.c) and the archive of published issues
 * (archive/), each in tables of its own, under one schema version
 * (PRAGMA user_version) migrated in place. */
#ifndef GONGBAO_OFFICEDB_H
#define GONGBAO_OFFICEDB_H

#include <glib.h>
#include <sqlite3.h>

/* The database every program uses without --db. */
#define GB_OFFICEDB_DEFAULT_PATH "issues/registry.db"

/* The schema version this program writes: 1-2 the registry, 3 the archive.
 * The tables are described in officedb.c's migrations. */
#define GB_OFFICEDB_SCHEMA 3

/* Opens the database at PATH, creating it if CREATE, with foreign keys on
 * and a busy timeout, and migrates its schema to GB_OFFICEDB_SCHEMA in one
 * transaction.  A database written by a newer program is refused; a missing
 * one (not CREATE) is an INPUT error (DIAG_REGISTRY_MISSING).  NULL with
 * ERROR (a diagnostic, FILE = PATH) on failure. */
sqlite3 *officedb_open(const char *path, gboolean create, GError **error);

/* Runs SQL (no result rows); on failure ERROR is DIAG_REGISTRY_SQL_FAILED
 * naming PATH. */
gboolean officedb_exec(sqlite3 *db, const char *path, const char *sql, GError **error);

/* Transactions (BEGIN IMMEDIATE, so that two writers never interleave);
 * a failed commit is rolled back. */
gboolean officedb_begin(sqlite3 *db, const char *path, GError **error);
gboolean officedb_commit(sqlite3 *db, const char *path, GError **error);
void officedb_rollback(sqlite3 *db);

/* The time of a change as "YYYY-MM-DDTHH:MM:SSZ" (UTC): the clock, or
 * $GONGBAO_NOW (an ISO 8601 time, for tests).  NULL (with ERROR) when
 * $GONGBAO_NOW is not a time. */
char *officedb_now(GError **error);
/* Normalises an ISO 8601 time or a date (the end of that day) to the form
 * above; NULL if TEXT is neither. */
char *officedb_time(const char *text);

#endif
