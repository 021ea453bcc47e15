/* Unit tests of pipeline/lib/archread.c, the read-only lookups parse makes
 * in the archive: a missing database or one without the archive's tables
 * is an archive where nothing is published; a document by its 发文字号
 * (the latest issue's), the documents on a folio, an issue; a newer
 * schema refused; the database never written. */
#include "t.h"
#include "archread.h"
#include "diag.h"
#include "officedb.h"

#include <glib/gstdio.h>

static char *
temp_path(const char *name)
{
	return g_build_filename(g_get_tmp_dir(), name, NULL);
}

/* An archive with issue 4 of 2026 (folios 10–14) and issue 5 (1–40), a
 * 发文字号 used in both. */
static char *
make_archive(void)
{
	char *path = temp_path("gongbao-archread-test.db");
	g_unlink(path);
	GError *err = NULL;
	sqlite3 *db = officedb_open(path, TRUE, &err);
	CHECK(db != NULL);
	if (!db) {
		g_clear_error(&err);
		return path;
	}
	CHECK(officedb_exec(db, path,
	    "INSERT INTO issue VALUES (2026,4,'2026-04',244,'2026-02-27','公报','办公室',9,10,14,"
	    " '/srv/out/2026-04','a','b','2026-02-27T00:00:00Z');"
	    "INSERT INTO issue VALUES (2026,5,'2026-05',245,'2026-03-15','公报','办公室',40,1,40,"
	    " '/srv/out/2026-05','a','b','2026-03-15T00:00:00Z');"
	    "INSERT INTO document VALUES ('2026-4-3',2026,4,3,'市政府办公室文件','通知','为民办实事',"
	    " '办公室','示政办发〔2026〕2号','2026-02-16','',12,13,6,7,'docs/2026-4-3.pdf',NULL);"
	    "INSERT INTO document VALUES ('2026-4-4',2026,4,4,'部门文件','通知','复工复产',"
	    " '应急局','示应急〔2026〕5号','2026-02-24','',13,14,7,8,NULL,NULL);"
	    "INSERT INTO document VALUES ('2026-5-9',2026,5,9,'部门文件','通知','同号的后一件',"
	    " '应急局','示应急〔2026〕5号','2026-03-02','',20,21,24,25,NULL,NULL);", &err));
	g_clear_error(&err);
	sqlite3_close(db);
	return path;
}

TEST(test_a_missing_database_is_an_archive_with_nothing_published)
{
	char *path = temp_path("gongbao-archread-none.db");
	g_unlink(path);
	GError *err = NULL;
	gb_archread *a = archread_open(path, &err);
	CHECK(a != NULL);
	CHECK(archread_by_number(a, "示政办发〔2026〕2号", &err) == NULL);
	CHECK(archread_issue(a, 2026, 4, &err) == NULL);
	CHECK(err == NULL);
	/* opening read-only makes no file */
	CHECK(!g_file_test(path, G_FILE_TEST_EXISTS));
	archread_close(a);
	g_free(path);
}

TEST(test_a_document_is_found_by_its_number_the_latest_issue_first)
{
	char *path = make_archive();
	GError *err = NULL;
	gb_archread *a = archread_open(path, &err);
	CHECK(a != NULL);
	gb_arch_doc *d = a ? archread_by_number(a, "示政办发〔2026〕2号", &err) : NULL;
	CHECK(d != NULL);
	if (d) {
		CHECK_STR(d->identifier, "2026-4-3");
		CHECK_INT(d->first_folio, 12);
		CHECK_INT(d->first_page, 6);
		CHECK_STR(d->file, "docs/2026-4-3.pdf");
		CHECK_STR(d->issue.out_dir, "/srv/out/2026-04");
		CHECK_STR(d->date, "2026-02-16");
	}
	arch_doc_free(d);
	d = a ? archread_by_number(a, "示应急〔2026〕5号", &err) : NULL;
	CHECK(d && strcmp(d->identifier, "2026-5-9") == 0);
	CHECK(d && d->file == NULL);
	arch_doc_free(d);
	CHECK(a && archread_by_number(a, "示政发〔2099〕1号", &err) == NULL);
	CHECK(err == NULL);
	archread_close(a);
	g_unlink(path);
	g_free(path);
}

TEST(test_the_documents_on_a_folio_are_every_one_printed_there)
{
	char *path = make_archive();
	GError *err = NULL;
	gb_archread *a = archread_open(path, &err);
	GPtrArray *on = a ? archread_on_folio(a, 2026, 4, 13, &err) : NULL;
	CHECK(on && on->len == 2);
	if (on && on->len == 2) {
		CHECK_STR(((gb_arch_doc *)on->pdata[0])->identifier, "2026-4-3");
		CHECK_STR(((gb_arch_doc *)on->pdata[1])->identifier, "2026-4-4");
	}
	if (on)
		g_ptr_array_unref(on);
	on = a ? archread_on_folio(a, 2026, 4, 10, &err) : NULL;
	CHECK(on && on->len == 0);
	if (on)
		g_ptr_array_unref(on);
	gb_arch_issue *i = a ? archread_issue(a, 2026, 4, &err) : NULL;
	CHECK(i && i->first_folio == 10 && i->last_folio == 14 && strcmp(i->name, "2026-04") == 0);
	arch_issue_free(i);
	CHECK(a && archread_issue(a, 2026, 3, &err) == NULL);
	archread_close(a);
	g_unlink(path);
	g_free(path);
}

TEST(test_a_newer_schema_is_refused)
{
	char *path = make_archive();
	sqlite3 *db;
	CHECK(sqlite3_open(path, &db) == SQLITE_OK);
	sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(db);
	GError *err = NULL;
	gb_archread *a = archread_open(path, &err);
	CHECK(a == NULL);
	CHECK(err && err->code == DIAG_REGISTRY_NEWER_SCHEMA);
	g_clear_error(&err);
	g_unlink(path);
	g_free(path);
}

int
main(void)
{
	RUN(test_a_missing_database_is_an_archive_with_nothing_published);
	RUN(test_a_document_is_found_by_its_number_the_latest_issue_first);
	RUN(test_the_documents_on_a_folio_are_every_one_printed_there);
	RUN(test_a_newer_schema_is_refused);
	return 0;
}
