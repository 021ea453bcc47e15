/* holidays.h — the State Council's holiday arrangement of each year
 * (issues/holidays.txt, SPEC §3): which weekdays are holidays (休) and
 * which weekend days are worked (调休, 班), year by year with the notice
 * each comes from.  date_working_days_after (date.h) counts with it. */
#ifndef GONGBAO_HOLIDAYS_H
#define GONGBAO_HOLIDAYS_H

#include <glib.h>

#include "date.h"
#include "diag.h"

/* The notice a year's block is headed by. */
typedef struct gb_holiday_notice {
	int year;
	char *title;		/* 国务院办公厅关于2025年部分节假日安排的通知 */
	char *number;		/* 国办发明电〔2024〕12号 */
	gb_date date;		/* the notice's date */
} gb_holiday_notice;

typedef struct gb_holidays gb_holidays;

/* Reads the calendar at PATH.  Every line that is wrong is an error in
 * DIAGS at PATH:LINE (every one, not only the first); NULL when there was
 * one or the file cannot be read (also said in DIAGS). */
gb_holidays *holidays_load(const char *path, gb_diags *diags);
/* The same of the LEN bytes of TEXT, read from PATH (for messages). */
gb_holidays *holidays_read(const char *path, const char *text, gsize len, gb_diags *diags);
void holidays_free(gb_holidays *cal);
/* The file it was read from. */
const char *holidays_path(const gb_holidays *cal);
/* The notice of YEAR, or NULL when the calendar has no block for it. */
const gb_holiday_notice *holidays_notice(const gb_holidays *cal, int year);
/* TRUE if DATE is a working day: Monday to Friday unless marked 休, a
 * weekend day only if marked 班.  Without CAL, or in a year CAL has no
 * block for, Monday to Friday. */
gboolean holidays_is_working_day(const gb_holidays *cal, gb_date date);

#endif
