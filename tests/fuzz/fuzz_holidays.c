/* fuzz_holidays.c — fuzzes the holiday arrangement's reader
 * (lib/holidays.h): any bytes are read; a calendar comes back exactly when
 * no error was said, and then every day of every year it names counts as
 * a working day or not, consistently with the working days between. */
#include "fuzz.h"
#include "date.h"
#include "diag.h"
#include "holidays.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gb_diags *diags = diags_new();
	gb_holidays *cal = holidays_read("fuzz-holidays.txt", (const char *)data, size, diags);
	if (!cal != (diags->worst >= GB_LEVEL_ERROR))
		fuzz_fail("a calendar %s with the worst level %d", cal ? "read" : "refused",
		    diags->worst);
	for (int year = 2024; cal && year <= 2027; year++) {
		int n = 0;
		gb_date first = { year - 1, 12, 31 };
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= date_days_in_month(year, m); d++)
				n += holidays_is_working_day(cal, (gb_date){ year, m, d });
		if (date_working_days_after(first, (gb_date){ year, 12, 31 }, cal, NULL) != n)
			fuzz_fail("the working days of %d do not add up", year);
	}
	holidays_free(cal);
	diags_free(diags);
	return 0;
}
