/* show.c — gongbao-archive show ID and list [--year Y]: a document's
 * record, its changes of validity and its validity as of now, the 解读
 * and 勘误 that concern it; the published issues, or a year's documents. */
#include "archstore.h"

#include "diag.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

/* Runs SQL with BIND (a text, or NULL) and calls ROW on each row. */
static gboolean
each_row(sqlite3 *db, const char *path, const char *sql, const char *bind, int bind_int,
    void (*row)(sqlite3_stmt *, gpointer), gpointer data, GError **err)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		archive_sql_error(err, db, path);
		return FALSE;
	}
	if (bind)
		sqlite3_bind_text(st, 1, bind, -1, SQLITE_TRANSIENT);
	else if (bind_int)
		sqlite3_bind_int(st, 1, bind_int);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		row(st, data);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		archive_sql_error(err, db, path);
		return FALSE;
	}
	return TRUE;
}

typedef struct {
	gboolean json;
	JsonObject *obj;	/* --json: the record */
	JsonArray *arr;		/* --json: the rows of a part */
	gboolean found;
} shower;

/* Sets the columns of ST's row in O, each under its name of NAMES (N of
 * them; a NULL name skips its column): an integer as a number, anything
 * else as text (NULL as ""). */
static void
row_members(JsonObject *o, sqlite3_stmt *st, const char *const *names, int n)
{
	for (int c = 0; c < n; c++) {
		if (!names[c])
			continue;
		if (sqlite3_column_type(st, c) == SQLITE_INTEGER)
			json_object_set_int_member(o, names[c], sqlite3_column_int(st, c));
		else
			json_object_set_string_member(o, names[c], archive_text(st, c));
	}
}

/* A new object of ROW's columns (row_members) as the next element of ARR. */
static JsonObject *
row_element(JsonArray *arr, sqlite3_stmt *st, const char *const *names, int n)
{
	JsonObject *o = json_object_new();
	row_members(o, st, names, n);
	json_array_add_object_element(arr, o);
	return o;
}

static const char *const doc_columns[] = {
	"identifier", "year", "number", "seq", "section", "kind", "title", "issuer", "doc_number",
	"date", "validity", "first_folio", "last_folio", "first_page", "last_page", "file",
	"file_sha256",
};
static const char *const doc_words[] = {
	"标识", "年度", "期号", "序号", "栏目", "文种", "标题", "发文机关", "发文字号",
	"成文日期", "刊登时时效", "起始页码", "终止页码", "电子版起始页", "电子版终止页", "单行本",
	"单行本 SHA-256",
};

static void
doc_row(sqlite3_stmt *st, gpointer data)
{
	shower *s = data;
	s->found = TRUE;
	if (s->json)
		row_members(s->obj, st, doc_columns, G_N_ELEMENTS(doc_columns));
	for (int c = 0; !s->json && c < (int)G_N_ELEMENTS(doc_columns); c++) {
		if (*archive_text(st, c))
			printf("%-12s %s\n", doc_words[c], archive_text(st, c));
	}
	char *issue = archive_issue_name(sqlite3_column_int(st, 1), sqlite3_column_int(st, 2));
	if (s->json)
		json_object_set_string_member(s->obj, "issue", issue);
	else
		printf("%-12s 本刊%s第%d页\n", "刊登于", issue, sqlite3_column_int(st, 11));
	g_free(issue);
}

static void
validity_row(sqlite3_stmt *st, gpointer data)
{
	shower *s = data;
	const char *by = *archive_text(st, 2) ? archive_text(st, 2) : archive_text(st, 3);
	if (s->json) {
		static const char *const names[] = { "status", "date", NULL, NULL, "recorded" };
		json_object_set_string_member(row_element(s->arr, st, names, G_N_ELEMENTS(names)),
		    "by", by);
	} else {
		printf("  %s %s（%s；记录于 %s）\n", archive_text(st, 1), archive_text(st, 0), by,
		    archive_text(st, 4));
	}
}

static void
link_row(sqlite3_stmt *st, gpointer data)
{
	shower *s = data;
	const char *kind = archive_text(st, 0), *dir = archive_text(st, 1);
	char *issue = archive_issue_name(sqlite3_column_int(st, 4), sqlite3_column_int(st, 5));
	if (s->json) {
		/* the folio only where the link names a page (a 勘误's) */
		static const char *const names[] = { "kind", "direction", "identifier", "title" };
		JsonObject *o = row_element(s->arr, st, names, G_N_ELEMENTS(names));
		json_object_set_string_member(o, "issue", issue);
		if (sqlite3_column_type(st, 6) == SQLITE_INTEGER)
			json_object_set_int_member(o, "folio", sqlite3_column_int(st, 6));
	} else {
		gboolean corrects = strcmp(kind, "corrects") == 0, out = strcmp(dir, "to") == 0;
		const char *what = corrects ? (out ? "勘误所更正的文件" : "勘误") : (out ? "所解读的文件"
		    : "政策解读");
		char *cited = archive_cited_title(archive_text(st, 3));
		printf("  %s：%s %s（本刊%s", what, archive_text(st, 2), cited, issue);
		g_free(cited);
		if (corrects && sqlite3_column_type(st, 6) == SQLITE_INTEGER)
			printf("，更正第%d页", sqlite3_column_int(st, 6));
		printf("）\n");
	}
	g_free(issue);
}

static JsonArray *
member_array(JsonObject *o, const char *name)
{
	JsonArray *a = json_array_new();
	json_object_set_array_member(o, name, a);
	return a;
}

int
archive_show(const gb_archive_options *opt, int argc, char **argv)
{
	(void)argc;
	const char *id = argv[0], *path = archive_db_path(opt);
	GError *err = NULL;
	char *today = archive_today(&err);
	sqlite3 *db = today ? archive_open(opt, FALSE, &err) : NULL;
	if (!db) {
		g_free(today);
		return archive_fail(err);
	}
	shower s = { .json = opt->json, .obj = opt->json ? json_object_new() : NULL };
	GString *sql = g_string_new("SELECT ");
	for (guint c = 0; c < G_N_ELEMENTS(doc_columns); c++)
		g_string_append_printf(sql, "%s%s", c ? ", " : "", doc_columns[c]);
	g_string_append(sql, " FROM document WHERE identifier = ?1");
	char *now = NULL;
	gboolean ok = each_row(db, path, sql->str, id, 0, doc_row, &s, &err);
	if (ok && !s.found) {
		diag_set_error(&err, path, 0, DIAG_ARCHIVE_NO_SUCH_ID, id);
		ok = FALSE;
	}
	if (ok && (now = archive_validity_as_of(db, id, today, &err))) {
		if (s.json)
			json_object_set_string_member(s.obj, "validity_now", now);
		else
			printf("%-12s %s（%s）\n时效变更：\n", "现行时效", now, today);
		if (s.json)
			s.arr = member_array(s.obj, "validity_history");
		ok = each_row(db, path, "SELECT status, date, coalesce(by_identifier, ''),"
		    " coalesce(by_text, ''), recorded FROM validity WHERE identifier = ?1"
		    " ORDER BY date, id", id, 0, validity_row, &s, &err);
		if (ok && !s.json)
			printf("解读与勘误：\n");
		if (ok && s.json)
			s.arr = member_array(s.obj, "links");
		ok = ok && each_row(db, path,
		    "SELECT l.kind, 'to', d.identifier, d.title, d.year, d.number, l.folio"
		    " FROM link l JOIN document d ON d.identifier = l.to_identifier"
		    " WHERE l.from_identifier = ?1"
		    " UNION ALL SELECT l.kind, 'from', d.identifier, d.title, d.year, d.number, l.folio"
		    " FROM link l JOIN document d ON d.identifier = l.from_identifier"
		    " WHERE l.to_identifier = ?1 ORDER BY 5, 6, 3", id, 0, link_row, &s, &err);
	} else {
		ok = FALSE;
	}
	int status = GB_EXIT_OK;
	if (!ok) {
		status = archive_fail(err);
		if (s.obj)
			json_object_unref(s.obj);
	} else if (s.json) {
		JsonNode *root = json_node_new(JSON_NODE_OBJECT);
		json_node_take_object(root, s.obj);
		archive_print_json(root);
	}
	g_string_free(sql, TRUE);
	g_free(now);
	g_free(today);
	sqlite3_close(db);
	return status;
}

static void
issue_row(sqlite3_stmt *st, gpointer data)
{
	shower *s = data;
	char *issue = archive_issue_name(sqlite3_column_int(st, 0), sqlite3_column_int(st, 1));
	if (s->json) {
		static const char *const names[] = {
			"year", "number", "name", "date", "pages", "documents", "published",
		};
		json_object_set_string_member(row_element(s->arr, st, names, G_N_ELEMENTS(names)),
		    "issue", issue);
	} else {
		printf("%s  %s  %s  %d页  %d件  发布于 %s\n", issue, archive_text(st, 2),
		    archive_text(st, 3), sqlite3_column_int(st, 4), sqlite3_column_int(st, 5),
		    archive_text(st, 6));
	}
	g_free(issue);
}

static void
year_doc_row(sqlite3_stmt *st, gpointer data)
{
	shower *s = data;
	if (s->json) {
		static const char *const names[] = {
			"identifier", "number", "section", "title", "doc_number", "first_folio",
		};
		row_element(s->arr, st, names, G_N_ELEMENTS(names));
	} else {
		printf("%-10s 第%d期第%d页  %s  %s%s%s\n", archive_text(st, 0), sqlite3_column_int(st, 1),
		    sqlite3_column_int(st, 5), archive_text(st, 3), *archive_text(st, 4) ? "（" : "",
		    archive_text(st, 4), *archive_text(st, 4) ? "）" : "");
	}
}

int
archive_list(const gb_archive_options *opt, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	GError *err = NULL;
	sqlite3 *db = archive_open(opt, FALSE, &err);
	if (!db)
		return archive_fail(err);
	shower s = { .json = opt->json, .arr = opt->json ? json_array_new() : NULL };
	gboolean ok = opt->year
	    ? each_row(db, archive_db_path(opt), "SELECT identifier, number, section, title,"
	      " doc_number, first_folio FROM document WHERE year = ?1 ORDER BY number, seq", NULL,
	      opt->year, year_doc_row, &s, &err)
	    : each_row(db, archive_db_path(opt), "SELECT i.year, i.number, i.name, i.date, i.pages,"
	      " (SELECT count(*) FROM document d WHERE d.year = i.year AND d.number = i.number),"
	      " i.published FROM issue i ORDER BY i.year DESC, i.number DESC", NULL, 0, issue_row,
	      &s, &err);
	int status = GB_EXIT_OK;
	if (!ok) {
		status = archive_fail(err);
		if (s.arr)
			json_array_unref(s.arr);
	} else if (s.json) {
		JsonNode *root = json_node_new(JSON_NODE_ARRAY);
		json_node_take_array(root, s.arr);
		archive_print_json(root);
	}
	sqlite3_close(db);
	return status;
}
