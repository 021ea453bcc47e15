/* date.c — the calendar dates of the gazette: the one reader of YYYY-MM-DD
 * and the one writer of its Chinese, ISO and PDF forms.  The calendar
 * itself (month lengths, leap years, weekdays) is GLib's GDate. */
#include "date.h"
#include "holidays.h"

#include <string.h>

gb_date_status
date_parse(const char *text, gb_date *date)
{
	static const char shape[] = "dddd-dd-dd";
	if (!text || strlen(text) != sizeof shape - 1)
		return GB_DATE_BAD_FORMAT;
	for (int i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? !g_ascii_isdigit(text[i]) : text[i] != '-')
			return GB_DATE_BAD_FORMAT;
	date->year = (int)g_ascii_strtoll(text, NULL, 10);
	date->month = (int)g_ascii_strtoll(text + 5, NULL, 10);
	date->day = (int)g_ascii_strtoll(text + 8, NULL, 10);
	/* a month 13 is a typing error, not a day that does not exist */
	if (date->month < 1 || date->month > 12)
		return GB_DATE_BAD_FORMAT;
	return date_valid(*date) ? GB_DATE_OK : GB_DATE_NONEXISTENT;
}

gboolean
date_valid(gb_date date)
{
	/* GDate's years are 1–65535, its days and months small types */
	if (date.year < 1 || date.year > G_MAXUINT16 || date.month < 1 || date.month > 12
	    || date.day < 1 || date.day > 31)
		return FALSE;
	return g_date_valid_dmy((GDateDay)date.day, (GDateMonth)date.month, (GDateYear)date.year);
}

int
date_days_in_month(int year, int month)
{
	if (year < 1 || year > G_MAXUINT16 || month < 1 || month > 12)
		return 0;
	return g_date_get_days_in_month((GDateMonth)month, (GDateYear)year);
}

int
date_compare(gb_date a, gb_date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	return a.day < b.day ? -1 : a.day > b.day;
}

int
date_working_days_after(gb_date from, gb_date to, const gb_holidays *cal, int *missing_year)
{
	if (missing_year)
		*missing_year = 0;
	if (!date_valid(from) || !date_valid(to) || date_compare(to, from) <= 0)
		return 0;
	GDate d, end;
	g_date_clear(&d, 1);
	g_date_clear(&end, 1);
	g_date_set_dmy(&d, (GDateDay)from.day, (GDateMonth)from.month, (GDateYear)from.year);
	g_date_set_dmy(&end, (GDateDay)to.day, (GDateMonth)to.month, (GDateYear)to.year);
	int n = 0;
	/* bounded: a decade is far beyond any interpretation's delay */
	for (int i = 0; i < 3660 && g_date_compare(&d, &end) < 0; i++) {
		g_date_add_days(&d, 1);
		gb_date day = { g_date_get_year(&d), g_date_get_month(&d), g_date_get_day(&d) };
		if (missing_year && !*missing_year && cal && !holidays_notice(cal, day.year))
			*missing_year = day.year;
		n += holidays_is_working_day(cal, day);
	}
	return n;
}

char *
date_text(gb_date date)
{
	return g_strdup_printf("%d年%d月%d日", date.year, date.month, date.day);
}

char *
date_iso(gb_date date)
{
	return g_strdup_printf("%04d-%02d-%02d", date.year, date.month, date.day);
}

char *
date_text_of_iso(const char *iso)
{
	gb_date d;
	return date_parse(iso, &d) == GB_DATE_OK ? date_text(d) : NULL;
}

GDateTime *
date_midnight(gb_date date, int tz_hours)
{
	if (!date_valid(date) || tz_hours < -12 || tz_hours > 14)
		return NULL;
	GTimeZone *tz = g_time_zone_new_offset(tz_hours * 3600);
	GDateTime *t = g_date_time_new(tz, date.year, date.month, date.day, 0, 0, 0);
	g_time_zone_unref(tz);
	return t;
}

/* T's fields and its offset from UTC, as the two PDF forms write them. */
typedef struct stamp {
	int year, month, day, hour, minute, second;
	char sign;
	int off_hours, off_minutes;
} stamp;

static stamp
stamp_of(GDateTime *t)
{
	stamp s = { g_date_time_get_year(t), g_date_time_get_month(t),
		g_date_time_get_day_of_month(t), g_date_time_get_hour(t),
		g_date_time_get_minute(t), g_date_time_get_second(t), '+', 0, 0 };
	gint64 off = g_date_time_get_utc_offset(t) / G_TIME_SPAN_MINUTE;
	if (off < 0) {
		s.sign = '-';
		off = -off;
	}
	s.off_hours = (int)(off / 60);
	s.off_minutes = (int)(off % 60);
	return s;
}

char *
date_time_pdf(GDateTime *t)
{
	stamp s = stamp_of(t);
	return g_strdup_printf("D:%04d%02d%02d%02d%02d%02d%c%02d'%02d'", s.year, s.month, s.day,
	    s.hour, s.minute, s.second, s.sign, s.off_hours, s.off_minutes);
}

char *
date_time_xmp(GDateTime *t)
{
	stamp s = stamp_of(t);
	return g_strdup_printf("%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", s.year, s.month, s.day,
	    s.hour, s.minute, s.second, s.sign, s.off_hours, s.off_minutes);
}
