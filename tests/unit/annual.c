/* Unit tests of pipeline/archive/annual.c (and archstore.c's validity rule,
 * which it uses): a year of the archive as the
 * annual index and the bound volume read it, from a database filled here
 * through the schema (officedb_open, INSERT), as publish fills it. */
#include "t.h"
#include "annual.h"
#include "archstore.h"
#include "diag.h"
#include "officedb.h"

#include <glib/gstdio.h>
#include <string.h>

static char *dir;

/* A database of schema 3 with issues 5 and 6 of 2026 and issue 1 of 2025:
 * documents out of print order in the table, a section first printed in
 * issue 6, a document with a per-document file. */
static sqlite3 *
filled(char **path)
{
	*path = g_build_filename(dir, "office.db", NULL);
	g_unlink(*path);
	GError *err = NULL;
	sqlite3 *db = officedb_open(*path, TRUE, &err);
	CHECK(db != NULL);
	if (!db) {
		g_error_free(err);
		return NULL;
	}
	const char *sql =
	    "INSERT INTO issue VALUES (2026, 6, '2026-06', 246, '2026-03-31', '示范市人民政府公报',"
	    " '示范市人民政府办公室', 20, 1, 16, '/srv/out/2026-06', 'p6', 'w6', '2026-04-01T00:00:00Z');"
	    "INSERT INTO issue VALUES (2026, 5, '2026-05', 245, '2026-03-15', '示范市人民政府公报',"
	    " '示范市人民政府办公室', 41, 1, 36, '/srv/out/2026-05', 'p5', 'w5', '2026-03-16T00:00:00Z');"
	    "INSERT INTO issue VALUES (2025, 1, '2025-01', NULL, '2025-01-15', '示范市人民政府公报',"
	    " '示范市人民政府办公室', 9, 1, 4, '/srv/out/2025-01', 'p1', 'w1', '2025-01-16T00:00:00Z');"
	    "INSERT INTO document VALUES ('2026-6-2', 2026, 6, 2, '部门文件', '通知', '示范市财政局关于…的通知',"
	    " '示范市财政局', '示财预〔2026〕9号', '2026-03-20', '', 7, 8, 9, 10, NULL, NULL);"
	    "INSERT INTO document VALUES ('2026-6-1', 2026, 6, 1, '市政府文件', '通知', '示范市人民政府关于乙的通知',"
	    " '示范市人民政府', '示政发〔2026〕9号', '2026-03-20', '', 1, 6, 5, 8, 'docs/2026-6-1-乙.pdf', 'f');"
	    "INSERT INTO document VALUES ('2026-5-1', 2026, 5, 1, '市政府文件', '决定', '示范市人民政府关于甲的决定',"
	    " '示范市人民政府', '示政发〔2026〕7号', '2026-03-01', '有效期至2028年3月1日', 1, 3, 5, 7, NULL, NULL);"
	    "INSERT INTO document VALUES ('2025-1-1', 2025, 1, 1, '市政府文件', '通知', '去年的通知',"
	    " '示范市人民政府', '', '2025-01-02', '', 1, 2, 5, 6, NULL, NULL);";
	CHECK(officedb_exec(db, *path, sql, &err));
	g_clear_error(&err);
	return db;
}

/* The database filled() and YEAR of it read as of 2026-04-01. */
typedef struct {
	char *path;
	sqlite3 *db;
	annual_year *y;
	GError *err;
} fixture;

static void
read_year(fixture *f, int year)
{
	f->db = filled(&f->path);
	f->err = NULL;
	f->y = f->db ? annual_read(f->db, f->path, year, "2026-04-01", &f->err) : NULL;
}

static void
fixture_done(fixture *f)
{
	annual_free(f->y);
	g_clear_error(&f->err);
	if (f->db)
		sqlite3_close(f->db);
	g_free(f->path);
}

TEST(test_a_year_reads_its_issues_by_number_and_documents_in_print_order)
{
	fixture f;
	read_year(&f, 2026);
	annual_year *y = f.y;
	CHECK(y != NULL);
	if (y) {
		CHECK_INT(y->issues->len, 2);
		CHECK_INT(((annual_issue *)y->issues->pdata[0])->number, 5);
		CHECK_STR(((annual_issue *)y->issues->pdata[1])->out_dir, "/srv/out/2026-06");
		CHECK_INT(y->documents->len, 3);
		const char *order[] = { "2026-5-1", "2026-6-1", "2026-6-2" };
		for (guint i = 0; i < 3 && i < y->documents->len; i++)
			CHECK_STR(((annual_document *)y->documents->pdata[i])->identifier, order[i]);
		/* the sections in the order the issues print them */
		CHECK_INT(y->sections->len, 2);
		CHECK_STR(y->sections->pdata[0], "市政府文件");
		CHECK_STR(y->sections->pdata[1], "部门文件");
		const annual_document *d = y->documents->pdata[0];
		CHECK(d->issue == y->issues->pdata[0]);
		CHECK_STR(d->validity, "有效期至2028年3月1日");
	}
	fixture_done(&f);
}

TEST(test_validity_as_of_a_date_is_the_latest_change_on_or_before_it)
{
	char *path;
	sqlite3 *db = filled(&path);
	GError *err = NULL;
	if (!db) {
		g_free(path);
		return;
	}
	CHECK(officedb_exec(db, path,
	    "INSERT INTO validity (identifier, status, date, by_identifier, by_text, recorded) VALUES"
	    " ('2026-5-1', '修订', '2026-04-10', '2026-6-1', NULL, '2026-04-01T00:00:00Z'),"
	    " ('2026-5-1', '失效', '2026-05-01', NULL, '期满', '2026-04-01T00:00:00Z'),"
	    " ('2026-5-1', '有效', '2026-05-01', NULL, '更正', '2026-04-02T00:00:00Z');", &err));
	char *v = archive_validity_as_of(db, "2026-5-1", "2026-04-09", &err);
	CHECK_STR(v, "有效期至2028年3月1日");	/* before any change: as printed */
	g_free(v);
	v = archive_validity_as_of(db, "2026-5-1", "2026-04-10", &err);
	CHECK_STR(v, "修订");
	g_free(v);
	/* two changes of one date: the later recorded (by id) counts */
	v = archive_validity_as_of(db, "2026-5-1", "2026-06-01", &err);
	CHECK_STR(v, "有效");
	g_free(v);
	/* nothing printed, nothing changed: 有效 */
	v = archive_validity_as_of(db, "2026-6-2", "2026-06-01", &err);
	CHECK_STR(v, "有效");
	g_free(v);
	g_clear_error(&err);
	sqlite3_close(db);
	g_free(path);
}

TEST(test_a_year_with_nothing_published_is_an_input_error)
{
	fixture f;
	read_year(&f, 2024);
	CHECK(f.db && f.y == NULL);
	CHECK(f.err && f.err->code == DIAG_ANNUAL_NOTHING_PUBLISHED);
	CHECK(f.err && strstr(f.err->message, "2024年没有已发布的期"));
	fixture_done(&f);
}

TEST(test_an_entry_links_to_its_file_or_its_page_relative_to_the_index_and_back)
{
	fixture f;
	read_year(&f, 2026);
	annual_year *y = f.y;
	CHECK(y != NULL);
	if (y) {
		const annual_document *a = y->documents->pdata[0], *b = y->documents->pdata[1];
		char *ua = annual_link_uri(a, "/srv/out/index-2026");
		char *ub = annual_link_uri(b, "/srv/out/index-2026");
		CHECK_STR(ua, "../2026-05/web.pdf#page=5");
		CHECK_STR(ub, "../2026-06/docs/2026-6-1-%E4%B9%99.pdf");
		int page = 0;
		CHECK(annual_link_target(y, ua, "/srv/out/index-2026", &page) == a);
		CHECK_INT(page, 5);
		CHECK(annual_link_target(y, ub, "/srv/out/index-2026", &page) == b);
		CHECK_INT(page, 5);
		/* from elsewhere the same words go nowhere */
		CHECK(annual_link_target(y, ua, "/srv/other/x", &page) == NULL);
		CHECK(annual_link_target(y, "../2026-05/web.pdf#page=6", "/srv/out/index-2026",
		    &page) == NULL);
		CHECK(annual_link_target(y, "../2026-05/web.pdf#page=x", "/srv/out/index-2026",
		    &page) == NULL);
		CHECK(annual_link_target(y, "../2026-05/web.pdf#nameddest=doc-1",
		    "/srv/out/index-2026", &page) == NULL);
		/* an index in the issue's own directory links without one */
		char *own = annual_link_uri(a, "/srv/out/2026-05");
		CHECK_STR(own, "web.pdf#page=5");
		CHECK(annual_link_target(y, own, "/srv/out/2026-05", &page) == a);
		/* the same target written another way is the same document */
		CHECK(annual_link_target(y, "../2026-05/./web.pdf#page=5", "/srv/out/index-2026",
		    &page) == a);
		g_free(own);
		g_free(ua);
		g_free(ub);
		char *l = annual_folio_label(5, "12");
		CHECK_STR(l, "第5期 12");
		g_free(l);
	}
	fixture_done(&f);
}

int
main(void)
{
	dir = g_dir_make_tmp("annual-XXXXXX", NULL);
	RUN(test_a_year_reads_its_issues_by_number_and_documents_in_print_order);
	RUN(test_validity_as_of_a_date_is_the_latest_change_on_or_before_it);
	RUN(test_a_year_with_nothing_published_is_an_input_error);
	RUN(test_an_entry_links_to_its_file_or_its_page_relative_to_the_index_and_back);
	char *p = g_build_filename(dir, "office.db", NULL);
	g_unlink(p);
	g_free(p);
	g_rmdir(dir);
	g_free(dir);
	return 0;
}
