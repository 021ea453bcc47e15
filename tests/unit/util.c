/* Unit tests of pipeline/lib/util.c's number reader, the one place numbers
 * of the formats and of issue.ini are read (no atoi). */
#include "t.h"
#include "util.h"

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

int
main(void)
{
	RUN(test_a_number_in_range_is_read);
	RUN(test_a_number_out_of_range_or_overflowing_is_refused_and_leaves_the_value);
	RUN(test_text_that_is_not_only_digits_is_refused);
	return 0;
}
