/* holidays.c — reads issues/holidays.txt, the holiday arrangement of each
 * year, strictly: a block a year headed by its notice, one date a line
 * marked 休 (a weekday off) or 班 (a weekend day worked).  A 休 on a
 * weekend or a 班 on a weekday changes nothing and is a typing error. */
#include "holidays.h"
#include "util.h"

#include <string.h>

struct gb_holidays {
	char *path;
	GHashTable *notices;	/* year → gb_holiday_notice* */
	GHashTable *days;	/* day_key → '休' or '班' as GINT_TO_POINTER(1 or 2) */
};

enum { MARK_OFF = 1, MARK_WORKED = 2 };

static gint
day_key(gb_date d)
{
	return d.year * 10000 + d.month * 100 + d.day;
}

static gboolean
is_weekend(gb_date d)
{
	GDate g;
	g_date_clear(&g, 1);
	g_date_set_dmy(&g, (GDateDay)d.day, (GDateMonth)d.month, (GDateYear)d.year);
	GDateWeekday w = g_date_get_weekday(&g);
	return w == G_DATE_SATURDAY || w == G_DATE_SUNDAY;
}

static void
notice_free(gpointer p)
{
	gb_holiday_notice *n = p;
	g_free(n->title);
	g_free(n->number);
	g_free(n);
}

/* The fields of LINE, split at tabs or runs of spaces. */
static char **
fields_of(const char *line)
{
	GPtrArray *f = g_ptr_array_new();
	char **parts = g_strsplit_set(line, " \t", -1);
	for (int i = 0; parts[i]; i++)
		if (*parts[i])
			g_ptr_array_add(f, g_strdup(parts[i]));
	g_strfreev(parts);
	g_ptr_array_add(f, NULL);
	return (char **)g_ptr_array_free(f, FALSE);
}

/* 年度 YEAR TITLE NUMBER DATE: a year's block begins.  Returns its year, or
 * 0 when the line is wrong (said in DIAGS). */
static int
read_notice(gb_holidays *cal, char **f, int line, gb_diags *diags)
{
	gint64 year;
	gb_date date;
	if (g_strv_length(f) != 5) {
		diag_emit(diags, cal->path, line, DIAG_HOLIDAYS_NOTICE_FIELDS, g_strv_length(f));
		return 0;
	}
	if (!gb_parse_int(f[1], 1000, 9999, &year) || strlen(f[1]) != 4) {
		diag_emit(diags, cal->path, line, DIAG_HOLIDAYS_YEAR, f[1]);
		return 0;
	}
	if (date_parse(f[4], &date) != GB_DATE_OK) {
		diag_emit(diags, cal->path, line, DIAG_HOLIDAYS_DATE, f[4]);
		return 0;
	}
	if (g_hash_table_contains(cal->notices, GINT_TO_POINTER((int)year))) {
		diag_emit(diags, cal->path, line, DIAG_HOLIDAYS_YEAR_TWICE, (int)year);
		return 0;
	}
	gb_holiday_notice *n = g_new0(gb_holiday_notice, 1);
	n->year = (int)year;
	n->title = g_strdup(f[2]);
	n->number = g_strdup(f[3]);
	n->date = date;
	g_hash_table_insert(cal->notices, GINT_TO_POINTER(n->year), n);
	return n->year;
}

/* DATE 休|班 [NOTE] inside the block of YEAR (0: before any block). */
static void
read_day(gb_holidays *cal, char **f, int line, int year, gb_diags *diags)
{
	guint n = g_strv_length(f);
	gb_date d;
	if (n < 2 || n > 3) {
		diag_emit(diags, cal->path, line, DIAG_HOLIDAYS_DAY_FIELDS, n);
		return;
	}
	if (date_parse(f[0], &d) != GB_DATE_OK) {
		diag_emit(diags, cal->path, line, DIAG_HOLIDAYS_DATE, f[0]);
		return;
	}
	int mark = strcmp(f[1], "休") == 0 ? MARK_OFF : strcmp(f[1], "班") == 0 ? MARK_WORKED : 0;
	if (!mark) {
		diag_emit(diags, cal->path, line, DIAG_HOLIDAYS_MARK, f[1]);
		return;
	}
	if (!year) {
		diag_emit(diags, cal->path, line, DIAG_HOLIDAYS_NO_NOTICE, f[0]);
		return;
	}
	if (d.year != year) {
		diag_emit(diags, cal->path, line, DIAG_HOLIDAYS_OTHER_YEAR, f[0], year);
		return;
	}
	if (mark == MARK_OFF && is_weekend(d)) {
		diag_emit(diags, cal->path, line, DIAG_HOLIDAYS_OFF_ON_WEEKEND, f[0]);
		return;
	}
	if (mark == MARK_WORKED && !is_weekend(d)) {
		diag_emit(diags, cal->path, line, DIAG_HOLIDAYS_WORKED_ON_WEEKDAY, f[0]);
		return;
	}
	if (g_hash_table_contains(cal->days, GINT_TO_POINTER(day_key(d)))) {
		diag_emit(diags, cal->path, line, DIAG_HOLIDAYS_DAY_TWICE, f[0]);
		return;
	}
	g_hash_table_insert(cal->days, GINT_TO_POINTER(day_key(d)), GINT_TO_POINTER(mark));
}

gb_holidays *
holidays_load(const char *path, gb_diags *diags)
{
	char *text;
	gsize len;
	GError *err = NULL;
	if (!gb_read_input(path, GB_MAX_TEXT_INPUT, &text, &len, &err)) {
		diags_add_error(diags, path, 0, err);
		g_error_free(err);
		return NULL;
	}
	gb_holidays *cal = holidays_read(path, text, len, diags);
	g_free(text);
	return cal;
}

gb_holidays *
holidays_read(const char *path, const char *text, gsize len, gb_diags *diags)
{
	gb_holidays *cal = g_new0(gb_holidays, 1);
	cal->path = g_strdup(path);
	cal->notices = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, notice_free);
	cal->days = g_hash_table_new(g_direct_hash, g_direct_equal);
	guint errors = diags->counts[GB_LEVEL_ERROR] + diags->counts[GB_LEVEL_SYSTEM];
	/* a BOM from a Windows editor would stick to the first field */
	gsize bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	/* a copy ending in NUL: TEXT need not */
	char *copy = g_strndup(text + bom, len - bom);
	char **lines = g_strsplit(copy, "\n", -1);
	g_free(copy);
	int year = 0;
	for (int i = 0; lines[i]; i++) {
		char *line = g_strstrip(lines[i]);
		if (!*line || *line == '#')
			continue;
		if (!g_utf8_validate(line, -1, NULL)) {
			diag_emit(diags, path, i + 1, DIAG_HOLIDAYS_UTF8);
			continue;
		}
		char **f = fields_of(line);
		if (strcmp(f[0], "年度") == 0) {
			int y = read_notice(cal, f, i + 1, diags);
			/* the dates after a wrong header are not said wrong again */
			year = y ? y : -1;
		} else if (year >= 0) {
			read_day(cal, f, i + 1, year, diags);
		}
		g_strfreev(f);
	}
	g_strfreev(lines);
	/* a NUL cuts the text g_strsplit sees: the rest would be lost unsaid */
	const char *nul = memchr(text, '\0', len);
	if (nul) {
		int line = 1;
		for (const char *p = text; p < nul; p++)
			line += *p == '\n';
		diag_emit(diags, path, line, DIAG_UTIL_NUL);
	}
	if (diags->counts[GB_LEVEL_ERROR] + diags->counts[GB_LEVEL_SYSTEM] > errors) {
		holidays_free(cal);
		return NULL;
	}
	return cal;
}

void
holidays_free(gb_holidays *cal)
{
	if (!cal)
		return;
	g_free(cal->path);
	g_hash_table_destroy(cal->notices);
	g_hash_table_destroy(cal->days);
	g_free(cal);
}

const char *
holidays_path(const gb_holidays *cal)
{
	return cal ? cal->path : NULL;
}

const gb_holiday_notice *
holidays_notice(const gb_holidays *cal, int year)
{
	return cal ? g_hash_table_lookup(cal->notices, GINT_TO_POINTER(year)) : NULL;
}

gboolean
holidays_is_working_day(const gb_holidays *cal, gb_date date)
{
	if (holidays_notice(cal, date.year)) {
		int mark = GPOINTER_TO_INT(g_hash_table_lookup(cal->days,
		    GINT_TO_POINTER(day_key(date))));
		if (mark == MARK_OFF)
			return FALSE;
		if (mark == MARK_WORKED)
			return TRUE;
	}
	return !is_weekend(date);
}
