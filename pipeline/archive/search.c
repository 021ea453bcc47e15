/* search.c — gongbao-archive search TEXT: every page of every published
 * issue that holds TEXT, newest issue first (SPEC §9).  Three characters
 * or more go through the FTS5 trigram index (substring search without
 * word segmentation); one or two, which a trigram cannot index, through
 * LIKE over the pages' text. */
#include "archstore.h"

#include "diag.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

/* TEXT as an FTS5 string: in double quotes, a quote doubled, so that every
 * character of it is taken as it is (punctuation too). */
static char *
fts_string(const char *text)
{
	GString *s = g_string_new("\"");
	for (const char *c = text; *c; c++) {
		if (*c == '"')
			g_string_append_c(s, '"');
		g_string_append_c(s, *c);
	}
	g_string_append_c(s, '"');
	return g_string_free(s, FALSE);
}

/* TEXT as a LIKE pattern, % _ and the escape itself escaped. */
static char *
like_pattern(const char *text)
{
	GString *s = g_string_new("%");
	for (const char *c = text; *c; c++) {
		if (*c == '%' || *c == '_' || *c == '\\')
			g_string_append_c(s, '\\');
		g_string_append_c(s, *c);
	}
	g_string_append_c(s, '%');
	return g_string_free(s, FALSE);
}

/* The line of TEXT holding the first WHAT. */
static char *
line_around(const char *text, const char *what)
{
	const char *hit = strstr(text, what);
	if (!hit)
		return g_strdup("");
	const char *from = hit, *to = hit;
	while (from > text && from[-1] != '\n')
		from--;
	while (*to && *to != '\n')
		to++;
	return g_strndup(from, (gsize)(to - from));
}

int
archive_search(const gb_archive_options *opt, int argc, char **argv)
{
	(void)argc;
	const char *text = argv[0];
	if (!*text || !g_utf8_validate(text, -1, NULL))
		return diag_print("gongbao-archive", 0, DIAG_ARCHIVE_EMPTY_QUERY);
	GError *err = NULL;
	char *today = archive_today(&err);
	sqlite3 *db = today ? archive_open(opt, FALSE, &err) : NULL;
	if (!db) {
		g_free(today);
		return archive_fail(err);
	}
	gboolean fts = g_utf8_strlen(text, -1) >= 3;
	char *query = fts ? fts_string(text) : like_pattern(text);
	const char *sql = fts
	    ? "SELECT p.year, p.number, p.label, p.identifier, d.title, p.text"
	      " FROM page_text JOIN page p ON p.id = page_text.rowid"
	      " LEFT JOIN document d ON d.identifier = p.identifier"
	      " WHERE page_text MATCH ?1 ORDER BY p.year DESC, p.number DESC, p.page"
	    : "SELECT p.year, p.number, p.label, p.identifier, d.title, p.text"
	      " FROM page p LEFT JOIN document d ON d.identifier = p.identifier"
	      " WHERE p.text LIKE ?1 ESCAPE '\\' ORDER BY p.year DESC, p.number DESC, p.page";
	sqlite3_stmt *st = NULL;
	int status = GB_EXIT_OK;
	JsonArray *hits = opt->json ? json_array_new() : NULL;
	guint n = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		archive_sql_error(&err, db, archive_db_path(opt));
	} else {
		sqlite3_bind_text(st, 1, query, -1, SQLITE_TRANSIENT);
		int rc;
		while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			int year = sqlite3_column_int(st, 0), number = sqlite3_column_int(st, 1);
			const char *label = archive_text(st, 2), *ident = archive_text(st, 3);
			const char *title = archive_text(st, 4);
			char *line = line_around(archive_text(st, 5), text);
			char *validity = *ident ? archive_validity_as_of(db, ident, today, &err) : NULL;
			char *issue = archive_issue_name(year, number);
			n++;
			if (hits) {
				JsonObject *o = json_object_new();
				json_object_set_string_member(o, "issue", issue);
				json_object_set_int_member(o, "year", year);
				json_object_set_int_member(o, "number", number);
				json_object_set_string_member(o, "page", label);
				json_object_set_string_member(o, "identifier", ident);
				json_object_set_string_member(o, "title", title);
				json_object_set_string_member(o, "validity", validity ? validity : "");
				json_object_set_string_member(o, "line", line);
				json_array_add_object_element(hits, o);
			} else if (*ident) {
				printf("%s 第%s页  %s 《%s》（%s）\n    %s\n", issue, label, ident, title,
				    validity ? validity : "", line);
			} else {
				printf("%s %s\n    %s\n", issue, label, line);
			}
			g_free(line);
			g_free(validity);
			g_free(issue);
		}
		if (!err && rc != SQLITE_DONE)
			archive_sql_error(&err, db, archive_db_path(opt));
	}
	sqlite3_finalize(st);
	if (err) {
		status = archive_fail(err);
		if (hits)
			json_array_unref(hits);
	} else if (hits) {
		JsonNode *root = json_node_new(JSON_NODE_ARRAY);
		json_node_take_array(root, hits);
		archive_print_json(root);
	} else if (!n) {
		printf("没有找到“%s”\n", text);
	}
	sqlite3_close(db);
	g_free(query);
	g_free(today);
	return status;
}
