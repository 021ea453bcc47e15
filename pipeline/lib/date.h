/* date.h — the calendar dates of the gazette, one module for every stage:
 * strict YYYY-MM-DD reading, the Chinese, ISO and PDF forms, comparison
 * and working days.  Built on GLib's GDate and GDateTime. */
#ifndef GONGBAO_DATE_H
#define GONGBAO_DATE_H

#include <glib.h>

/* A calendar day; valid when date_parse said GB_DATE_OK (or date_valid). */
typedef struct gb_date {
	int year, month, day;
} gb_date;

typedef enum gb_date_status {
	GB_DATE_OK,
	GB_DATE_BAD_FORMAT,	/* not YYYY-MM-DD (a month outside 01–12 included) */
	GB_DATE_NONEXISTENT	/* the shape is right but the day is not: 2026-02-30 */
} gb_date_status;

/* Reads TEXT, exactly ten characters dddd-dd-dd (NULL is BAD_FORMAT).  On
 * GB_DATE_NONEXISTENT, *DATE still holds the year, month and day as written,
 * for the message ("2026年2月只有28天"). */
gb_date_status date_parse(const char *text, gb_date *date);
/* TRUE if DATE is a day of the calendar. */
gboolean date_valid(gb_date date);
/* The days of MONTH (1–12) in YEAR (≥ 1); 0 for a month or year outside. */
int date_days_in_month(int year, int month);
/* <0, 0, >0 as A is before, on or after B. */
int date_compare(gb_date a, gb_date b);
struct gb_holidays;
/* The working days after FROM up to and including TO by the holiday
 * arrangement CAL (holidays.h: 休 and 班 of each year; NULL, or a year CAL
 * has no block for, Monday to Friday); 0 if TO is not after FROM.  When
 * MISSING_YEAR is given it gets the first year of the days counted that
 * CAL lacks, counted by weekends alone, else 0. */
int date_working_days_after(gb_date from, gb_date to, const struct gb_holidays *cal,
    int *missing_year);

/* 2026年2月8日 (no leading zeros), newly allocated. */
char *date_text(gb_date date);
/* 2026-02-08, newly allocated. */
char *date_iso(gb_date date);
/* date_text of the YYYY-MM-DD in ISO; NULL if ISO is not a valid date. */
char *date_text_of_iso(const char *iso);

/* Midnight at the start of DATE in the time zone TZ_HOURS east of UTC (the
 * gazette's own is +8); NULL if DATE is not valid.  Unref it. */
GDateTime *date_midnight(gb_date date, int tz_hours);
/* T as the PDF Info dictionary writes dates (ISO 32000 §7.9.4),
 * D:20260315000000+08'00', newly allocated. */
char *date_time_pdf(GDateTime *t);
/* T as XMP writes dates, 2026-03-15T00:00:00+08:00, newly allocated. */
char *date_time_xmp(GDateTime *t);

#endif
