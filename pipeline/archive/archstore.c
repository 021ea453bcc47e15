/* archstore.c — the archive's shared reads (archstore.h). */
#include "archstore.h"

#include "diag.h"
#include "officedb.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

const char *
archive_db_path(const gb_archive_options *o)
{
	return o->db ? o->db : GB_OFFICEDB_DEFAULT_PATH;
}

sqlite3 *
archive_open(const gb_archive_options *opt, gboolean create, GError **error)
{
	return officedb_open(archive_db_path(opt), create, error);
}

int
archive_fail(GError *error)
{
	int status = diag_print_error("gongbao-archive", error);
	g_error_free(error);
	return status;
}

char *
archive_today(GError **error)
{
	char *now = officedb_now(error);
	if (now)
		now[10] = '\0';
	return now;
}

void
archive_sql_error(GError **error, sqlite3 *db, const char *path)
{
	diag_set_error(error, path, 0, DIAG_ARCHIVE_SQL, sqlite3_errmsg(db));
}

const char *
archive_text(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return s ? s : "";
}

char *
archive_validity_as_of(sqlite3 *db, const char *identifier, const char *date, GError **error)
{
	sqlite3_stmt *st = NULL;
	char *status = NULL;
	const char *sql =
	    "SELECT coalesce((SELECT v.status FROM validity v WHERE v.identifier = d.identifier"
	    " AND v.date <= ?2 ORDER BY v.date DESC, v.id DESC LIMIT 1),"
	    " nullif(d.validity, ''), '有效') FROM document d WHERE d.identifier = ?1";
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		archive_sql_error(error, db, sqlite3_db_filename(db, "main"));
		return NULL;
	}
	sqlite3_bind_text(st, 1, identifier, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		status = g_strdup(archive_text(st, 0));
	else if (rc == SQLITE_DONE)
		diag_set_error(error, sqlite3_db_filename(db, "main"), 0, DIAG_ARCHIVE_NO_SUCH_ID,
		    identifier);
	else
		archive_sql_error(error, db, sqlite3_db_filename(db, "main"));
	sqlite3_finalize(st);
	return status;
}

char *
archive_issue_name(int year, int number)
{
	return g_strdup_printf("%d年第%d期", year, number);
}

void
archive_print_json(JsonNode *root)
{
	JsonGenerator *gen = json_generator_new();
	json_generator_set_pretty(gen, TRUE);
	json_generator_set_root(gen, root);
	char *data = json_generator_to_data(gen, NULL);
	fputs(data, stdout);
	fputc('\n', stdout);
	g_free(data);
	g_object_unref(gen);
	json_node_unref(root);
}
