/* Unit tests of pipeline/lib/diag.c: the one table assembled from every
 * stage's block, names that are unique, and the forms in which a
 * diagnostic reaches the editor (collected, printed now, carried by a GError). */
#include "t.h"
#include "diag.h"
#include "util.h"

TEST(test_every_diagnostic_name_is_unique_across_the_stage_blocks)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	for (int id = 0; id < DIAG__COUNT; id++) {
		const char *name = diag_name(id);
		CHECK(!g_hash_table_contains(seen, name));
		g_hash_table_add(seen, (gpointer)name);
	}
	CHECK(g_hash_table_size(seen) > 100);
	g_hash_table_destroy(seen);
}

TEST(test_set_error_carries_the_whole_line_and_the_level_of_its_entry)
{
	GError *err = NULL;
	diag_set_error(&err, "issue.ini", 7, DIAG_INI_BAD_DATE, "2026-02-30");
	CHECK(err != NULL);
	CHECK(err && err->domain == GB_DIAG_ERROR);
	CHECK(err && err->code == DIAG_INI_BAD_DATE);
	CHECK(err && g_str_has_prefix(err->message, "issue.ini:7: error: "));
	CHECK(err && strstr(err->message, "date=2026-02-30") != NULL);
	if (err)
		g_error_free(err);
}

TEST(test_print_error_exits_by_the_level_and_2_for_a_foreign_error)
{
	GError *err = NULL;
	diag_set_error(&err, "a.md", 1, DIAG_FM_MISSING);
	FILE *saved = stderr;
	stderr = fopen("/dev/null", "w");
	CHECK_INT(diag_print_error("gongbao-test", err), GB_EXIT_INPUT);
	g_clear_error(&err);
	g_set_error_literal(&err, G_FILE_ERROR, G_FILE_ERROR_NOENT, "gone");
	CHECK_INT(diag_print_error("gongbao-test", err), GB_EXIT_SYSTEM);
	g_clear_error(&err);
	CHECK_INT(diag_print("x", 0, DIAG_SYS_READ, "y"), GB_EXIT_SYSTEM);
	CHECK_INT(diag_print("x", 2, DIAG_FM_UNKNOWN_KEY, "k"), GB_EXIT_OK);
	fclose(stderr);
	stderr = saved;
}

int
main(void)
{
	RUN(test_every_diagnostic_name_is_unique_across_the_stage_blocks);
	RUN(test_set_error_carries_the_whole_line_and_the_level_of_its_entry);
	RUN(test_print_error_exits_by_the_level_and_2_for_a_foreign_error);
	return 0;
}
