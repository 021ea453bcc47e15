/* Unit tests of pipeline/lib/util.c's number reader, the one place numbers
 * of the formats and of issue.ini are read (no atoi), and of its one way
 * of opening an input (a regular file, bounded). */
#include "t.h"
#include "diag.h"
#include "util.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

TEST(test_a_number_in_range_is_read)
{
	gint64 v = 0;
	CHECK(gb_parse_int("42", 1, 99999, &v));
	CHECK_INT(v, 42);
	CHECK(gb_parse_int("-3", -10, 10, &v));
	CHECK_INT(v, -3);
}

TEST(test_a_number_out_of_range_or_overflowing_is_refused_and_leaves_the_value)
{
	gint64 v = 7;
	CHECK(!gb_parse_int("2147483647", 1, 99999, &v));
	CHECK(!gb_parse_int("99999999999999999999999", 0, G_MAXINT64, &v));
	CHECK(!gb_parse_int("0", 1, 10, &v));
	CHECK_INT(v, 7);
}

TEST(test_text_that_is_not_only_digits_is_refused)
{
	gint64 v = 0;
	CHECK(!gb_parse_int("", 0, 10, &v));
	CHECK(!gb_parse_int(NULL, 0, 10, &v));
	CHECK(!gb_parse_int(" 5", 0, 10, &v));
	CHECK(!gb_parse_int("5 ", 0, 10, &v));
	CHECK(!gb_parse_int("5x", 0, 10, &v));
	CHECK(!gb_parse_int("0x5", 0, 10, &v));
}

/* A scratch directory for the input tests; removed by the caller. */
static char *
scratch(void)
{
	return g_dir_make_tmp("gb-util-XXXXXX", NULL);
}

static void
remove_scratch(char *dir, const char *const *names)
{
	for (; *names; names++) {
		char *p = g_build_filename(dir, *names, NULL);
		g_remove(p);
		g_free(p);
	}
	g_rmdir(dir);
	g_free(dir);
}

TEST(test_a_regular_input_is_read_whole_and_terminated)
{
	char *dir = scratch();
	char *path = g_build_filename(dir, "a.txt", NULL);
	CHECK(g_file_set_contents(path, "ab\ncd", 5, NULL));
	char *text = NULL;
	gsize len = 0;
	GError *err = NULL;
	CHECK(gb_read_input(path, 5, &text, &len, &err));
	CHECK_INT(len, 5);
	CHECK(text && strcmp(text, "ab\ncd") == 0);
	g_free(text);
	CHECK(!gb_read_input(path, 4, &text, &len, &err));	/* one byte over */
	CHECK(err && err->code == DIAG_UTIL_TOO_LARGE && strstr(err->message, path));
	g_clear_error(&err);
	g_free(path);
	const char *names[] = { "a.txt", NULL };
	remove_scratch(dir, names);
}

TEST(test_a_fifo_or_directory_input_is_refused_without_waiting)
{
	char *dir = scratch();
	char *fifo = g_build_filename(dir, "f", NULL);
	CHECK(mkfifo(fifo, 0600) == 0);
	GError *err = NULL;
	char *text = NULL;
	/* no writer ever comes: a reader that opened it blocking would hang */
	CHECK(!gb_read_input(fifo, 100, &text, NULL, &err));
	CHECK(err && err->code == DIAG_UTIL_NOT_REGULAR);
	g_clear_error(&err);
	CHECK(gb_open_input(dir, 100, NULL, &err) < 0);
	CHECK(err && err->code == DIAG_UTIL_NOT_REGULAR && diag_level(DIAG_UTIL_NOT_REGULAR)
	    == GB_LEVEL_ERROR);
	g_clear_error(&err);
	CHECK(!gb_check_input(fifo, 100, &err));
	g_clear_error(&err);
	g_free(fifo);
	const char *names[] = { "f", NULL };
	remove_scratch(dir, names);
}

TEST(test_the_line_of_a_nul_byte_is_found)
{
	CHECK_INT(gb_nul_line("a\nb\nc", 5), 0);
	CHECK_INT(gb_nul_line("a\nb\0\nc", 6), 2);
	CHECK_INT(gb_nul_line("\0", 1), 1);
}

int
main(void)
{
	RUN(test_a_number_in_range_is_read);
	RUN(test_a_number_out_of_range_or_overflowing_is_refused_and_leaves_the_value);
	RUN(test_text_that_is_not_only_digits_is_refused);
	RUN(test_a_regular_input_is_read_whole_and_terminated);
	RUN(test_a_fifo_or_directory_input_is_refused_without_waiting);
	RUN(test_the_line_of_a_nul_byte_is_found);
	return 0;
}
