/* Unit tests of pipeline/lib/date.c: YYYY-MM-DD read strictly (a bad shape
 * told apart from a day that does not exist), leap years by the calendar,
 * the Chinese, ISO and PDF forms, comparison and working days. */
#include "t.h"
#include "date.h"

TEST(test_feb_29_exists_only_in_leap_years)
{
	gb_date d;
	CHECK_INT(date_parse("2024-02-29", &d), GB_DATE_OK);
	CHECK_INT(date_parse("2000-02-29", &d), GB_DATE_OK);
	CHECK_INT(date_parse("2026-02-29", &d), GB_DATE_NONEXISTENT);
	CHECK_INT(date_parse("1900-02-29", &d), GB_DATE_NONEXISTENT);
	CHECK_INT(date_parse("2100-02-29", &d), GB_DATE_NONEXISTENT);
	CHECK_INT(date_days_in_month(2024, 2), 29);
	CHECK_INT(date_days_in_month(2026, 2), 28);
	CHECK_INT(date_days_in_month(2100, 2), 28);
	CHECK_INT(date_days_in_month(2026, 4), 30);
	CHECK_INT(date_days_in_month(2026, 13), 0);
}

TEST(test_nonexistent_day_is_told_apart_from_a_bad_shape)
{
	gb_date d = { 0 };
	CHECK_INT(date_parse("2026-04-31", &d), GB_DATE_NONEXISTENT);
	/* kept for the message "2026年4月只有30天" */
	CHECK_INT(d.year, 2026);
	CHECK_INT(d.month, 4);
	CHECK_INT(d.day, 31);
	CHECK_INT(date_parse("2026-03-00", &d), GB_DATE_NONEXISTENT);
	CHECK_INT(date_parse("0000-03-01", &d), GB_DATE_NONEXISTENT);
	CHECK_INT(date_parse("2026-13-01", &d), GB_DATE_BAD_FORMAT);
	CHECK_INT(date_parse("2026-00-01", &d), GB_DATE_BAD_FORMAT);
	CHECK_INT(date_parse("2026-2-28", &d), GB_DATE_BAD_FORMAT);
	CHECK_INT(date_parse("2026/02/28", &d), GB_DATE_BAD_FORMAT);
	CHECK_INT(date_parse("2026-02-28 ", &d), GB_DATE_BAD_FORMAT);
	CHECK_INT(date_parse("2026-02-2x", &d), GB_DATE_BAD_FORMAT);
	CHECK_INT(date_parse("", &d), GB_DATE_BAD_FORMAT);
	CHECK_INT(date_parse(NULL, &d), GB_DATE_BAD_FORMAT);
}

TEST(test_parsed_date_has_its_fields)
{
	gb_date d = { 0 };
	CHECK_INT(date_parse("2026-03-15", &d), GB_DATE_OK);
	CHECK_INT(d.year, 2026);
	CHECK_INT(d.month, 3);
	CHECK_INT(d.day, 15);
	CHECK(date_valid(d));
	CHECK(!date_valid((gb_date){ 2026, 2, 29 }));
	CHECK(!date_valid((gb_date){ 0, 0, 0 }));
}

TEST(test_dates_compare_by_year_then_month_then_day)
{
	gb_date a = { 2026, 2, 28 }, b = { 2026, 3, 1 }, c = { 2025, 12, 31 };
	CHECK(date_compare(a, b) < 0);
	CHECK(date_compare(b, a) > 0);
	CHECK(date_compare(c, a) < 0);
	CHECK_INT(date_compare(a, a), 0);
}

TEST(test_working_days_count_weekdays_after_the_first_date)
{
	gb_date fri = { 2026, 2, 27 }, sat = { 2026, 2, 28 }, mon = { 2026, 3, 2 },
		thu = { 2026, 3, 5 };
	CHECK_INT(date_working_days_after(fri, sat, NULL, NULL), 0);
	CHECK_INT(date_working_days_after(fri, mon, NULL, NULL), 1);
	CHECK_INT(date_working_days_after(fri, thu, NULL, NULL), 4);
	CHECK_INT(date_working_days_after(thu, fri, NULL, NULL), 0);
	CHECK_INT(date_working_days_after(fri, fri, NULL, NULL), 0);
	/* across a leap day: Wed 2024-02-28 to Fri 2024-03-01 */
	CHECK_INT(date_working_days_after((gb_date){ 2024, 2, 28 }, (gb_date){ 2024, 3, 1 }, NULL, NULL), 2);
}

TEST(test_date_is_written_in_chinese_and_iso)
{
	char *s = date_text((gb_date){ 2026, 5, 20 });
	CHECK_STR(s, "2026年5月20日");
	g_free(s);
	s = date_text((gb_date){ 2026, 2, 8 });
	CHECK_STR(s, "2026年2月8日");
	g_free(s);
	s = date_iso((gb_date){ 2026, 2, 8 });
	CHECK_STR(s, "2026-02-08");
	g_free(s);
	s = date_text_of_iso("2026-03-15");
	CHECK_STR(s, "2026年3月15日");
	g_free(s);
	CHECK(date_text_of_iso("2026-02-30") == NULL);
	CHECK(date_text_of_iso("3/15") == NULL);
	CHECK(date_text_of_iso(NULL) == NULL);
}

TEST(test_pdf_forms_are_midnight_in_the_gazette_time_zone)
{
	GDateTime *t = date_midnight((gb_date){ 2026, 3, 15 }, 8);
	CHECK(t != NULL);
	char *pdf = date_time_pdf(t), *xmp = date_time_xmp(t);
	CHECK_STR(pdf, "D:20260315000000+08'00'");
	CHECK_STR(xmp, "2026-03-15T00:00:00+08:00");
	g_free(pdf);
	g_free(xmp);
	g_date_time_unref(t);
	CHECK(date_midnight((gb_date){ 2026, 2, 30 }, 8) == NULL);
}

TEST(test_pdf_forms_of_a_utc_time_say_plus_zero)
{
	GDateTime *t = g_date_time_new_from_unix_utc(86400 + 3661);
	char *pdf = date_time_pdf(t), *xmp = date_time_xmp(t);
	CHECK_STR(pdf, "D:19700102010101+00'00'");
	CHECK_STR(xmp, "1970-01-02T01:01:01+00:00");
	g_free(pdf);
	g_free(xmp);
	g_date_time_unref(t);
	GDateTime *w = date_midnight((gb_date){ 2026, 1, 1 }, -5);
	pdf = date_time_pdf(w);
	CHECK_STR(pdf, "D:20260101000000-05'00'");
	g_free(pdf);
	g_date_time_unref(w);
}

int
main(void)
{
	RUN(test_feb_29_exists_only_in_leap_years);
	RUN(test_nonexistent_day_is_told_apart_from_a_bad_shape);
	RUN(test_parsed_date_has_its_fields);
	RUN(test_dates_compare_by_year_then_month_then_day);
	RUN(test_working_days_count_weekdays_after_the_first_date);
	RUN(test_date_is_written_in_chinese_and_iso);
	RUN(test_pdf_forms_are_midnight_in_the_gazette_time_zone);
	RUN(test_pdf_forms_of_a_utc_time_say_plus_zero);
	return 0;
}
