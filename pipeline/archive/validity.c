/* validity.c — gongbao-archive validity ID STATUS --date D --by ID|TEXT:
 * records a change of a published document's validity (失效, 废止, 修订,
 * 有效 again) with the day it takes effect and its cause, a document the
 * archive knows or words; the history is kept, nothing is overwritten. */
#include "archstore.h"

#include "date.h"
#include "diag.h"
#include "officedb.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

int
archive_validity(const gb_archive_options *opt, int argc, char **argv)
{
	(void)argc;
	const char *id = argv[0], *status_word = argv[1], *path = archive_db_path(opt);
	static const char *const statuses[] = { "有效", "失效", "废止", "修订", NULL };
	gb_date day;
	if (!g_strv_contains(statuses, status_word))
		return diag_print("gongbao-archive", 0, DIAG_ARCHIVE_BAD_STATUS, status_word);
	if (!opt->date)
		return diag_print("gongbao-archive", 0, DIAG_ARCHIVE_NEED_DATE);
	if (date_parse(opt->date, &day) != GB_DATE_OK)
		return diag_print("gongbao-archive", 0, DIAG_ARCHIVE_BAD_DATE, opt->date);
	if (!opt->by || !*opt->by)
		return diag_print("gongbao-archive", 0, DIAG_ARCHIVE_NEED_BY);
	GError *err = NULL;
	char *now = officedb_now(&err);
	sqlite3 *db = now ? archive_open(opt, FALSE, &err) : NULL;
	sqlite3_stmt *st = NULL;
	gboolean ok = db && officedb_begin(db, path, &err);
	char *doc_date = NULL;
	gboolean by_doc = FALSE;
	if (ok) {
		/* the document, its date; the cause, a document or words */
		ok = sqlite3_prepare_v2(db, "SELECT date, (SELECT count(*) FROM document WHERE"
		    " identifier = ?2) FROM document WHERE identifier = ?1", -1, &st, NULL) == SQLITE_OK;
		if (ok) {
			sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 2, opt->by, -1, SQLITE_TRANSIENT);
			int rc = sqlite3_step(st);
			if (rc == SQLITE_ROW) {
				doc_date = g_strdup(archive_text(st, 0));
				by_doc = sqlite3_column_int(st, 1) > 0;
			} else if (rc == SQLITE_DONE) {
				diag_set_error(&err, path, 0, DIAG_ARCHIVE_NO_SUCH_ID, id);
				ok = FALSE;
			} else {
				archive_sql_error(&err, db, path);
				ok = FALSE;
			}
		} else {
			archive_sql_error(&err, db, path);
		}
		sqlite3_finalize(st);
		st = NULL;
	}
	if (ok && *doc_date && strcmp(opt->date, doc_date) < 0) {
		diag_set_error(&err, path, 0, DIAG_ARCHIVE_VALIDITY_BEFORE, id, doc_date, opt->date);
		ok = FALSE;
	}
	if (ok) {
		ok = sqlite3_prepare_v2(db, "INSERT INTO validity (identifier, status, date,"
		    " by_identifier, by_text, recorded) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &st,
		    NULL) == SQLITE_OK;
		if (ok) {
			sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 2, status_word, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 3, opt->date, -1, SQLITE_TRANSIENT);
			if (by_doc) {
				sqlite3_bind_text(st, 4, opt->by, -1, SQLITE_TRANSIENT);
				sqlite3_bind_null(st, 5);
			} else {
				sqlite3_bind_null(st, 4);
				sqlite3_bind_text(st, 5, opt->by, -1, SQLITE_TRANSIENT);
			}
			sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
			ok = sqlite3_step(st) == SQLITE_DONE;
		}
		if (!ok)
			archive_sql_error(&err, db, path);
		sqlite3_finalize(st);
	}
	ok = ok && officedb_commit(db, path, &err);
	int status = GB_EXIT_OK;
	if (ok) {
		printf("已记录：%s 自 %s 起%s（依据：%s%s）\n", id, opt->date, status_word,
		    by_doc ? "文件 " : "", opt->by);
	} else {
		if (db)
			officedb_rollback(db);
		status = archive_fail(err);
	}
	if (db)
		sqlite3_close(db);
	g_free(doc_date);
	g_free(now);
	return status;
}
