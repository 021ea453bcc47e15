/* Unit tests of pipeline/lib/holidays.c and the working days of date.c:
 * the State Council's arrangement as issues/holidays.txt has it (the two
 * 2025 examples of issue 15), a year it lacks counted by weekends and
 * named, and every kind of wrong line an error at its line. */
#include "t.h"
#include "date.h"
#include "holidays.h"

#include <glib/gstdio.h>
#include <unistd.h>

static gb_holidays *
sample_calendar(gb_diags *diags)
{
	const char *top = g_getenv("GONGBAO_TOP");
	char *path = g_build_filename(top ? top : ".", "issues", "holidays.txt", NULL);
	gb_holidays *cal = holidays_load(path, diags);
	g_free(path);
	return cal;
}

/* The calendar of TEXT, written to a file; the diagnostics in DIAGS. */
static gb_holidays *
calendar_of(const char *text, gb_diags *diags)
{
	char *path = g_build_filename(g_get_tmp_dir(), "gongbao-holidays-XXXXXX", NULL);
	int fd = g_mkstemp(path);
	gb_holidays *cal = NULL;
	if (fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text)) {
		close(fd);
		cal = holidays_load(path, diags);
	}
	g_unlink(path);
	g_free(path);
	return cal;
}

/* TRUE if DIAGS holds diagnostic ID at LINE. */
static gboolean
has_diag(const gb_diags *diags, gb_diag_id id, int line)
{
	for (guint i = 0; i < diags->list->len; i++) {
		const gb_diag *d = diags->list->pdata[i];
		if (d->id == id && d->line == line)
			return TRUE;
	}
	return FALSE;
}

TEST(test_national_day_2025_and_its_worked_saturday_are_three_working_days)
{
	gb_diags *diags = diags_new();
	gb_holidays *cal = sample_calendar(diags);
	CHECK(cal != NULL);
	int missing = -1;
	/* 10月1日–8日 off, 10月11日 (a Saturday) worked */
	CHECK_INT(date_working_days_after((gb_date){ 2025, 9, 30 }, (gb_date){ 2025, 10, 11 }, cal,
	    &missing), 3);
	CHECK_INT(missing, 0);
	/* by weekends alone it would be eight */
	CHECK_INT(date_working_days_after((gb_date){ 2025, 9, 30 }, (gb_date){ 2025, 10, 11 }, NULL,
	    NULL), 8);
	holidays_free(cal);
	diags_free(diags);
}

TEST(test_sunday_28_september_2025_was_worked)
{
	gb_diags *diags = diags_new();
	gb_holidays *cal = sample_calendar(diags);
	CHECK_INT(date_working_days_after((gb_date){ 2025, 9, 19 }, (gb_date){ 2025, 9, 29 }, cal,
	    NULL), 7);
	CHECK(holidays_is_working_day(cal, (gb_date){ 2025, 9, 28 }));
	CHECK(!holidays_is_working_day(cal, (gb_date){ 2025, 9, 27 }));
	CHECK(!holidays_is_working_day(cal, (gb_date){ 2025, 10, 8 }));
	CHECK_INT(date_working_days_after((gb_date){ 2025, 9, 19 }, (gb_date){ 2025, 9, 29 }, NULL,
	    NULL), 6);
	holidays_free(cal);
	diags_free(diags);
}

TEST(test_each_year_names_its_notice)
{
	gb_diags *diags = diags_new();
	gb_holidays *cal = sample_calendar(diags);
	const gb_holiday_notice *n = holidays_notice(cal, 2025);
	CHECK(n != NULL);
	if (n) {
		CHECK_STR(n->title, "国务院办公厅关于2025年部分节假日安排的通知");
		CHECK_STR(n->number, "国办发明电〔2024〕12号");
		CHECK_INT(date_compare(n->date, (gb_date){ 2024, 11, 12 }), 0);
	}
	n = holidays_notice(cal, 2026);
	CHECK(n != NULL && strcmp(n->title, "国务院办公厅关于2026年部分节假日安排的通知") == 0);
	/* 2026: the Spring Festival from 2月15日 to 23日, 2月14日 and 28日 worked */
	CHECK(!holidays_is_working_day(cal, (gb_date){ 2026, 2, 23 }));
	CHECK(holidays_is_working_day(cal, (gb_date){ 2026, 2, 14 }));
	CHECK(holidays_is_working_day(cal, (gb_date){ 2026, 2, 24 }));
	CHECK_INT(diags->list->len, 0);
	holidays_free(cal);
	diags_free(diags);
}

TEST(test_a_year_the_calendar_lacks_is_counted_by_weekends_and_named)
{
	gb_diags *diags = diags_new();
	gb_holidays *cal = sample_calendar(diags);
	int missing = 0;
	/* 2024-12-31 (Tue) to 2025-01-02 (Thu): 2025-01-01 is a holiday, 2024 unknown */
	CHECK_INT(date_working_days_after((gb_date){ 2024, 12, 30 }, (gb_date){ 2025, 1, 2 }, cal,
	    &missing), 2);
	CHECK_INT(missing, 2024);
	CHECK(holidays_notice(cal, 2027) == NULL);
	CHECK_INT(date_working_days_after((gb_date){ 2027, 9, 30 }, (gb_date){ 2027, 10, 4 }, cal,
	    &missing), 2);
	CHECK_INT(missing, 2027);
	holidays_free(cal);
	diags_free(diags);
}

TEST(test_every_wrong_line_is_an_error_at_its_line)
{
	gb_diags *diags = diags_new();
	gb_holidays *cal = calendar_of(
	    "# comment\n"
	    "2025-01-01\t休\n"					/* 2: before any notice */
	    "年度\t2025\t通知\t国办发明电〔2024〕12号\t2024-11-12\n"
	    "2025-01-01\t休\n"
	    "2025-01-01\t休\n"					/* 5: twice */
	    "2025-10-11\t休\n"					/* 6: a Saturday off */
	    "2025-10-13\t班\n"					/* 7: a Monday worked */
	    "2024-12-31\t休\n"					/* 8: another year */
	    "2025-02-30\t休\n"					/* 9: no such day */
	    "2025-02-03\t放\n"					/* 10: neither 休 nor 班 */
	    "年度\t2025\t通知\t号\t2024-11-12\n"		/* 11: the year twice */
	    "年度\t二〇二六\t通知\t号\t2025-11-04\n"		/* 12: not a year */
	    "年度\t2026\t通知\n",				/* 13: fields missing */
	    diags);
	CHECK(cal == NULL);
	CHECK(has_diag(diags, DIAG_HOLIDAYS_NO_NOTICE, 2));
	CHECK(has_diag(diags, DIAG_HOLIDAYS_DAY_TWICE, 5));
	CHECK(has_diag(diags, DIAG_HOLIDAYS_OFF_ON_WEEKEND, 6));
	CHECK(has_diag(diags, DIAG_HOLIDAYS_WORKED_ON_WEEKDAY, 7));
	CHECK(has_diag(diags, DIAG_HOLIDAYS_OTHER_YEAR, 8));
	CHECK(has_diag(diags, DIAG_HOLIDAYS_DATE, 9));
	CHECK(has_diag(diags, DIAG_HOLIDAYS_MARK, 10));
	CHECK(has_diag(diags, DIAG_HOLIDAYS_YEAR_TWICE, 11));
	CHECK(has_diag(diags, DIAG_HOLIDAYS_YEAR, 12));
	CHECK(has_diag(diags, DIAG_HOLIDAYS_NOTICE_FIELDS, 13));
	CHECK_INT(diags->worst, GB_LEVEL_ERROR);
	diags_free(diags);
}

TEST(test_a_good_calendar_reads_without_a_word)
{
	gb_diags *diags = diags_new();
	gb_holidays *cal = calendar_of(
	    "\xEF\xBB\xBF年度 2025 通知 国办发明电〔2024〕12号 2024-11-12\n"
	    "2025-10-11 班 国庆节\n\n", diags);
	CHECK(cal != NULL);
	CHECK_INT(diags->list->len, 0);
	CHECK(holidays_is_working_day(cal, (gb_date){ 2025, 10, 11 }));
	/* a weekday the file does not mark stays a working day */
	CHECK(holidays_is_working_day(cal, (gb_date){ 2025, 10, 1 }));
	holidays_free(cal);
	diags_free(diags);
}

int
main(void)
{
	RUN(test_national_day_2025_and_its_worked_saturday_are_three_working_days);
	RUN(test_sunday_28_september_2025_was_worked);
	RUN(test_each_year_names_its_notice);
	RUN(test_a_year_the_calendar_lacks_is_counted_by_weekends_and_named);
	RUN(test_every_wrong_line_is_an_error_at_its_line);
	RUN(test_a_good_calendar_reads_without_a_word);
	return 0;
}
