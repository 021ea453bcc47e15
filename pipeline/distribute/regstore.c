/* regstore.c — the recipient registry in SQLite: every version of every
 * recipient (valid_from / valid_to) and
 * every issue's recorded distribution. */
#include "regstore.h"

#include "diag.h"
#include "officedb.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <string.h>


struct gb_registry {
	sqlite3 *db;
	char *path;
};

/* ERROR as the entry ID (a DIAG_ name) with SQLite's word on it. */
#define set_sql_error(error, reg, ID) \
	diag_set_error((error), (reg)->path, 0, ID, sqlite3_errmsg((reg)->db))

gb_registry *
gb_registry_open(const char *path, gboolean create, GError **error)
{
	sqlite3 *db = officedb_open(path, create, error);
	if (!db)
		return NULL;
	gb_registry *reg = g_new0(gb_registry, 1);
	reg->db = db;
	reg->path = g_strdup(path);
	return reg;
}

gboolean
gb_registry_is_empty(gb_registry *reg)
{
	sqlite3_stmt *st;
	gboolean empty = FALSE;
	if (sqlite3_prepare_v2(reg->db, "SELECT (SELECT count(*) FROM recipient_version)"
	    " + (SELECT count(*) FROM distribution) + (SELECT count(*) FROM issue)", -1, &st, NULL) == SQLITE_OK
	    && sqlite3_step(st) == SQLITE_ROW)
		empty = sqlite3_column_int64(st, 0) == 0;
	sqlite3_finalize(st);
	return empty;
}

void
gb_registry_close(gb_registry *reg)
{
	if (!reg)
		return;
	sqlite3_close(reg->db);
	g_free(reg->path);
	g_free(reg);
}

const char *
gb_registry_path(gb_registry *reg)
{
	return reg->path;
}

char *
gb_registry_time(const char *text)
{
	return officedb_time(text);
}

char *
gb_registry_now(GError **error)
{
	return officedb_now(error);
}

gboolean
gb_registry_begin(gb_registry *reg, GError **error)
{
	return officedb_begin(reg->db, reg->path, error);
}

gboolean
gb_registry_commit(gb_registry *reg, GError **error)
{
	return officedb_commit(reg->db, reg->path, error);
}

void
gb_registry_rollback(gb_registry *reg)
{
	officedb_rollback(reg->db);
}

#define VERSION_COLUMNS "v.version, v.id, v.name, v.category, v.postal_code, v.district," \
	" v.address, v.contact, v.phone, v.copies, v.electronic, v.active, v.change," \
	" v.valid_from, v.valid_to"

static const char *
column_text(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return s ? s : "";
}

/* The recipient in the VERSION_COLUMNS of the current row of ST. */
static gb_recipient *
row_recipient(sqlite3_stmt *st)
{
	gb_recipient *r = gb_recipient_new();
	r->version = sqlite3_column_int64(st, 0);
	for (int f = GB_RF_ID; f <= GB_RF_PHONE; f++)
		gb_recipient_set(r, f, column_text(st, 1 + f));
	r->copies = sqlite3_column_int(st, 9);
	r->electronic = sqlite3_column_int(st, 10) != 0;
	char *copies = g_strdup_printf("%d", r->copies);
	gb_recipient_set(r, GB_RF_COPIES, copies);
	g_free(copies);
	gb_recipient_set(r, GB_RF_ELECTRONIC, r->electronic ? "yes" : "no");
	r->active = sqlite3_column_int(st, 11) != 0;
	r->change = g_strdup(column_text(st, 12));
	r->valid_from = g_strdup(column_text(st, 13));
	if (sqlite3_column_type(st, 14) != SQLITE_NULL)
		r->valid_to = g_strdup(column_text(st, 14));
	return r;
}

/* Runs SQL with the text parameters (NULL-terminated) and collects the
 * recipients of its rows; NULL on error. */
static GPtrArray *
query(gb_registry *reg, const char *sql, GError **error, ...)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(reg->db, sql, -1, &st, NULL) != SQLITE_OK) {
		set_sql_error(error, reg, DIAG_REGISTRY_QUERY_FAILED);
		return NULL;
	}
	va_list ap;
	va_start(ap, error);
	const char *arg;
	for (int i = 1; (arg = va_arg(ap, const char *)); i++)
		sqlite3_bind_text(st, i, arg, -1, SQLITE_TRANSIENT);
	va_end(ap);
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)gb_recipient_free);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		g_ptr_array_add(out, row_recipient(st));
	if (rc != SQLITE_DONE) {
		set_sql_error(error, reg, DIAG_REGISTRY_QUERY_FAILED);
		g_ptr_array_unref(out);
		out = NULL;
	}
	sqlite3_finalize(st);
	return out;
}

gb_recipient *
gb_registry_get(gb_registry *reg, const char *id, GError **error)
{
	GPtrArray *rows = query(reg, "SELECT " VERSION_COLUMNS " FROM recipient_version v"
	    " WHERE v.id = ?1 AND v.valid_to IS NULL", error, id, NULL);
	if (!rows)
		return NULL;
	gb_recipient *r = rows->len ? gb_recipient_copy(rows->pdata[0]) : NULL;
	g_ptr_array_unref(rows);
	return r;
}

GPtrArray *
gb_registry_list(gb_registry *reg, const char *at, gboolean all, GError **error)
{
	if (!at)
		return query(reg, all
		    ? "SELECT " VERSION_COLUMNS " FROM recipient_version v WHERE v.valid_to IS NULL ORDER BY v.id"
		    : "SELECT " VERSION_COLUMNS " FROM recipient_version v WHERE v.valid_to IS NULL AND v.active ORDER BY v.id",
		    error, NULL);
	return query(reg, all
	    ? "SELECT " VERSION_COLUMNS " FROM recipient_version v WHERE v.valid_from <= ?1"
	      " AND (v.valid_to IS NULL OR v.valid_to > ?1) ORDER BY v.id"
	    : "SELECT " VERSION_COLUMNS " FROM recipient_version v WHERE v.valid_from <= ?1"
	      " AND (v.valid_to IS NULL OR v.valid_to > ?1) AND v.active ORDER BY v.id",
	    error, at, NULL);
}

GPtrArray *
gb_registry_history(gb_registry *reg, const char *id, GError **error)
{
	if (id)
		return query(reg, "SELECT " VERSION_COLUMNS " FROM recipient_version v"
		    " WHERE v.id = ?1 ORDER BY v.version", error, id, NULL);
	return query(reg, "SELECT " VERSION_COLUMNS " FROM recipient_version v"
	    " ORDER BY v.version", error, NULL);
}

gboolean
gb_registry_put(gb_registry *reg, gb_recipient *r, const char *change, const char *when,
    GError **error)
{
	GError *err = NULL;
	gb_recipient *prev = gb_registry_get(reg, r->field[GB_RF_ID], &err);
	if (err) {
		g_propagate_error(error, err);
		return FALSE;
	}
	/* a clock set back must not make a version end before it began */
	if (prev && strcmp(when, prev->valid_from) < 0)
		when = prev->valid_from;
	char *at = g_strdup(when);
	gb_recipient_free(prev);

	sqlite3_stmt *st = NULL;
	gboolean ok = sqlite3_prepare_v2(reg->db, "UPDATE recipient_version SET valid_to = ?2"
	    " WHERE id = ?1 AND valid_to IS NULL", -1, &st, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_text(st, 1, r->field[GB_RF_ID], -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, at, -1, SQLITE_TRANSIENT);
		ok = sqlite3_step(st) == SQLITE_DONE;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (ok)
		ok = sqlite3_prepare_v2(reg->db, "INSERT INTO recipient_version (id, name, category,"
		    " postal_code, district, address, contact, phone, copies, electronic, active,"
		    " change, valid_from) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
		    -1, &st, NULL) == SQLITE_OK;
	if (ok) {
		for (int f = GB_RF_ID; f <= GB_RF_PHONE; f++)
			sqlite3_bind_text(st, 1 + f, r->field[f], -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 9, r->copies);
		sqlite3_bind_int(st, 10, r->electronic);
		sqlite3_bind_int(st, 11, r->active);
		sqlite3_bind_text(st, 12, change, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 13, at, -1, SQLITE_TRANSIENT);
		ok = sqlite3_step(st) == SQLITE_DONE;
	}
	if (!ok)
		set_sql_error(error, reg, DIAG_REGISTRY_WRITE_FAILED);
	sqlite3_finalize(st);
	g_free(at);
	return ok;
}

gboolean
gb_registry_import(gb_registry *reg, GPtrArray *rows, gboolean retire_missing,
    const char *when, int n[4], GError **error)
{
	memset(n, 0, 4 * sizeof n[0]);
	GHashTable *in_file = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < rows->len; i++) {
		gb_recipient *r = rows->pdata[i];
		g_hash_table_add(in_file, r->field[GB_RF_ID]);
		GError *err = NULL;
		gb_recipient *prev = gb_registry_get(reg, r->field[GB_RF_ID], &err);
		if (err) {
			g_propagate_error(error, err);
			g_hash_table_unref(in_file);
			return FALSE;
		}
		r->active = TRUE;
		gboolean same = prev && gb_recipient_same(prev, r);
		gb_recipient_free(prev);
		if (same) {
			n[2]++;
			continue;
		}
		if (!gb_registry_put(reg, r, "import", when, error)) {
			g_hash_table_unref(in_file);
			return FALSE;
		}
		n[prev ? 1 : 0]++;
	}
	gboolean ok = TRUE;
	if (retire_missing) {
		GPtrArray *active = gb_registry_list(reg, NULL, FALSE, error);
		ok = active != NULL;
		for (guint i = 0; ok && i < active->len; i++) {
			gb_recipient *r = active->pdata[i];
			if (g_hash_table_contains(in_file, r->field[GB_RF_ID]))
				continue;
			r->active = FALSE;
			ok = gb_registry_put(reg, r, "retire", when, error);
			n[3]++;
		}
		if (active)
			g_ptr_array_unref(active);
	}
	g_hash_table_unref(in_file);
	return ok;
}

/* --- distributions ------------------------------------------------------ */

GPtrArray *
gb_registry_distribution(gb_registry *reg, const char *issue, char **time, GError **error)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(reg->db, "SELECT " VERSION_COLUMNS ", d.copies, d.electronic, d.time"
	    " FROM distribution d JOIN recipient_version v ON v.version = d.version"
	    " WHERE d.issue = ?1 ORDER BY d.recipient", -1, &st, NULL) != SQLITE_OK) {
		set_sql_error(error, reg, DIAG_REGISTRY_QUERY_FAILED);
		return NULL;
	}
	sqlite3_bind_text(st, 1, issue, -1, SQLITE_TRANSIENT);
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)gb_recipient_free);
	if (time)
		*time = NULL;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		gb_recipient *r = row_recipient(st);
		/* what was sent, which the version holds too unless the record
		 * was made by an older program */
		r->copies = sqlite3_column_int(st, 15);
		r->electronic = sqlite3_column_int(st, 16) != 0;
		char *copies = g_strdup_printf("%d", r->copies);
		gb_recipient_set(r, GB_RF_COPIES, copies);
		g_free(copies);
		gb_recipient_set(r, GB_RF_ELECTRONIC, r->electronic ? "yes" : "no");
		if (time && !*time)
			*time = g_strdup(column_text(st, 17));
		g_ptr_array_add(out, r);
	}
	if (rc != SQLITE_DONE) {
		set_sql_error(error, reg, DIAG_REGISTRY_QUERY_FAILED);
		g_ptr_array_unref(out);
		out = NULL;
		if (time) {
			g_free(*time);
			*time = NULL;
		}
	}
	sqlite3_finalize(st);
	return out;
}

gboolean
gb_registry_record_distribution(gb_registry *reg, const char *issue, GPtrArray *recipients,
    const char *when, GError **error)
{
	sqlite3_stmt *st = NULL;
	gboolean ok = sqlite3_prepare_v2(reg->db, "DELETE FROM distribution WHERE issue = ?1",
	    -1, &st, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_text(st, 1, issue, -1, SQLITE_TRANSIENT);
		ok = sqlite3_step(st) == SQLITE_DONE;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (ok)
		ok = sqlite3_prepare_v2(reg->db, "INSERT INTO distribution (issue, recipient, version,"
		    " copies, electronic, time) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &st, NULL)
		    == SQLITE_OK;
	for (guint i = 0; ok && i < recipients->len; i++) {
		gb_recipient *r = recipients->pdata[i];
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, issue, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, r->field[GB_RF_ID], -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, r->version);
		sqlite3_bind_int(st, 4, r->copies);
		sqlite3_bind_int(st, 5, r->electronic);
		sqlite3_bind_text(st, 6, when, -1, SQLITE_TRANSIENT);
		ok = sqlite3_step(st) == SQLITE_DONE;
	}
	if (!ok)
		set_sql_error(error, reg, DIAG_REGISTRY_RECORD_FAILED);
	sqlite3_finalize(st);
	return ok;
}

GPtrArray *
gb_registry_issues(gb_registry *reg, GError **error)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(reg->db, "SELECT DISTINCT issue FROM distribution ORDER BY issue",
	    -1, &st, NULL) != SQLITE_OK) {
		set_sql_error(error, reg, DIAG_REGISTRY_QUERY_FAILED);
		return NULL;
	}
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		g_ptr_array_add(out, g_strdup(column_text(st, 0)));
	if (rc != SQLITE_DONE) {
		set_sql_error(error, reg, DIAG_REGISTRY_QUERY_FAILED);
		g_ptr_array_unref(out);
		out = NULL;
	}
	sqlite3_finalize(st);
	return out;
}
