/* fuzz_recipients.c — fuzzes the recipients CSV import
 * (distribute/recipients.h): any bytes are parsed; records without a fault
 * are imported into a registry in memory, and must come back the same
 * through gb_recipients_write_csv and the parser (export, then import). */
#include "fuzz.h"
#include "diag.h"
#include "recipcsv.h"
#include "recipients.h"
#include "regstore.h"

#include <string.h>

/* Imports ROWS into a new registry in memory; the registry's own failures
 * (SQLite) end the run: checked rows must always import. */
static void
import_rows(GPtrArray *rows)
{
	GError *error = NULL;
	gb_registry *reg = gb_registry_open(":memory:", TRUE, &error);
	int n[4];
	if (!reg || !gb_registry_begin(reg, &error)
	    || !gb_registry_import(reg, rows, TRUE, "2026-03-15T00:00:00Z", n, &error)
	    || !gb_registry_commit(reg, &error))
		fuzz_fail("checked rows do not import: %s", error ? error->message : "?");
	if (n[0] + n[1] + n[2] != (int)rows->len)
		fuzz_fail("%u rows imported as %d added, %d updated, %d unchanged", rows->len,
		    n[0], n[1], n[2]);
	gb_registry_close(reg);
}

/* What parse_csv read from ROWS' own CSV must be ROWS again. */
static void
check_csv_reads_back(GPtrArray *rows)
{
	GString *csv = g_string_new(NULL);
	gb_recipients_write_csv(csv, rows);
	gb_diags *diags = diags_new();
	GPtrArray *back = gb_recipients_parse_csv(csv->str, csv->len, "fuzz-written.csv", diags);
	if (diags->list->len)
		fuzz_fail("the written CSV is refused: %s",
		    ((gb_diag *)diags->list->pdata[0])->message);
	if (back->len != rows->len)
		fuzz_fail("%u rows written, %u read back", rows->len, back->len);
	for (guint i = 0; i < rows->len; i++)
		if (!gb_recipient_same(rows->pdata[i], back->pdata[i]))
			fuzz_fail("row %u is read back differently", i + 1);
	g_ptr_array_unref(back);
	diags_free(diags);
	g_string_free(csv, TRUE);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the import reads a whole file, which g_file_get_contents ends with a NUL */
	char *text = g_malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	gb_diags *diags = diags_new();
	GPtrArray *rows = gb_recipients_parse_csv(text, size, "fuzz.csv", diags);
	if (diags->worst < GB_LEVEL_ERROR) {
		import_rows(rows);
		check_csv_reads_back(rows);
	}
	g_ptr_array_unref(rows);
	diags_free(diags);
	g_free(text);
	return 0;
}
