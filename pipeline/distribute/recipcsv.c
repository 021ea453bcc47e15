/* recipcsv.c — the registry's CSV form (RFC 4180, UTF-8, an optional BOM):
 * reading a file into checked recipients with every fault at its line, and
 * writing the recipients back in the form it reads. */
#include "recipcsv.h"
#include "util.h"

#include "diag.h"

#include <string.h>


/* One record of a CSV file: its fields and the line it starts on. */
typedef struct {
	GPtrArray *cells;
	int line;
} csv_record;

/* Reads the record at *POS (RFC 4180: a quoted field may hold commas,
 * doubled quotes and line breaks).  Advances *POS and *LINE; FALSE at the
 * end of the text.  A fault of the record is set in *FAULT. */
typedef enum { CSV_OK, CSV_UNCLOSED_QUOTE, CSV_AFTER_QUOTE, CSV_STRAY_QUOTE } csv_fault;

static gboolean
csv_next(const char *text, gsize len, gsize *pos, int *line, csv_record *rec,
    csv_fault *fault_text)
{
	gsize i = *pos;
	if (i >= len)
		return FALSE;
	rec->line = *line;
	rec->cells = g_ptr_array_new_with_free_func(g_free);
	*fault_text = CSV_OK;
	GString *cell = g_string_new(NULL);
	for (;;) {
		g_string_truncate(cell, 0);
		if (i < len && text[i] == '"') {
			i++;
			for (;;) {
				if (i >= len) {
					*fault_text = CSV_UNCLOSED_QUOTE;
					break;
				}
				if (text[i] == '"') {
					if (i + 1 < len && text[i + 1] == '"') {
						g_string_append_c(cell, '"');
						i += 2;
						continue;
					}
					i++;
					break;
				}
				if (text[i] == '\n')
					(*line)++;
				g_string_append_c(cell, text[i++]);
			}
			if (!*fault_text && i < len && text[i] != ',' && text[i] != '\n'
			    && !(text[i] == '\r' && i + 1 < len && text[i + 1] == '\n'))
				*fault_text = CSV_AFTER_QUOTE;
		} else {
			while (i < len && text[i] != ',' && text[i] != '\n'
			    && !(text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')) {
				if (text[i] == '"' && !*fault_text)
					*fault_text = CSV_STRAY_QUOTE;
				g_string_append_c(cell, text[i++]);
			}
		}
		g_ptr_array_add(rec->cells, g_strdup(cell->str));
		if (*fault_text) {
			/* skip to the end of the physical line and go on with the next */
			while (i < len && text[i] != '\n')
				i++;
		}
		if (i < len && text[i] == ',' && !*fault_text) {
			i++;
			continue;
		}
		if (i < len && text[i] == '\r')
			i++;
		if (i < len && text[i] == '\n') {
			i++;
			(*line)++;
		}
		break;
	}
	g_string_free(cell, TRUE);
	*pos = i;
	return TRUE;
}

static void
csv_fault_emit(gb_diags *diags, const char *file, int line, csv_fault fault)
{
	if (fault == CSV_UNCLOSED_QUOTE)
		diag_emit(diags, file, line, DIAG_CSV_UNCLOSED_QUOTE);
	else if (fault == CSV_AFTER_QUOTE)
		diag_emit(diags, file, line, DIAG_CSV_AFTER_QUOTE);
	else
		diag_emit(diags, file, line, DIAG_CSV_STRAY_QUOTE);
}

/* Whether the cells C are the header line; a fault if not. */
static void
csv_header(GPtrArray *c, gb_diags *diags, const char *file, int line)
{
	gboolean ok = c->len == GB_RF_COUNT;
	for (guint f = 0; ok && f < GB_RF_COUNT; f++)
		ok = strcmp(g_strstrip((char *)c->pdata[f]), gb_recipient_field_name(f)) == 0;
	if (ok)
		return;
	GString *want = g_string_new(NULL);
	for (int f = 0; f < GB_RF_COUNT; f++)
		g_string_append_printf(want, "%s%s", f ? "," : "", gb_recipient_field_name(f));
	diag_emit(diags, file, line, DIAG_CSV_BAD_HEADER, want->str);
	g_string_free(want, TRUE);
}

/* The recipient of a record of the right width, checked; SEEN holds the
 * ids of the records before it. */
static gb_recipient *
csv_recipient(GPtrArray *c, int line, GHashTable *seen, gb_diags *diags, const char *file)
{
	gb_recipient *r = gb_recipient_new();
	r->line = line;
	for (int f = 0; f < GB_RF_COUNT; f++)
		gb_recipient_set(r, f, c->pdata[f]);
	GPtrArray *faults = g_ptr_array_new_with_free_func(g_free);
	gb_recipient_check(r, faults);
	for (guint k = 0; k < faults->len; k++)
		diag_emit(diags, file, line, DIAG_CSV_FIELD, (char *)faults->pdata[k]);
	g_ptr_array_unref(faults);
	gb_recipient *first = g_hash_table_lookup(seen, r->field[GB_RF_ID]);
	if (first && *r->field[GB_RF_ID])
		diag_emit(diags, file, line, DIAG_CSV_DUPLICATE_ID, r->field[GB_RF_ID], first->line);
	else
		g_hash_table_insert(seen, r->field[GB_RF_ID], r);
	return r;
}

GPtrArray *
gb_recipients_parse_csv(const char *text, gsize len, const char *file, gb_diags *diags)
{
	GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)gb_recipient_free);
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	gsize pos = 0;
	int line = 1;
	gboolean header = TRUE;
	csv_record rec;
	csv_fault fault_text;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	/* a NUL would end a field unseen: the file is refused at its line */
	int nul = gb_nul_line(text, len);
	if (nul) {
		diag_emit(diags, file, nul, DIAG_UTIL_NUL);
		g_hash_table_destroy(seen);
		return rows;
	}
	while (csv_next(text, len, &pos, &line, &rec, &fault_text)) {
		GPtrArray *c = rec.cells;
		if (fault_text) {
			csv_fault_emit(diags, file, rec.line, fault_text);
		} else if (c->len == 1 && !*(char *)c->pdata[0]) {
			/* an empty line */
			if (header) {
				diag_emit(diags, file, rec.line, DIAG_CSV_NO_HEADER);
				header = FALSE;
			}
		} else if (header) {
			csv_header(c, diags, file, rec.line);
			header = FALSE;
		} else if (c->len != GB_RF_COUNT) {
			diag_emit(diags, file, rec.line, DIAG_CSV_COLUMNS, GB_RF_COUNT, c->len);
		} else {
			g_ptr_array_add(rows, csv_recipient(c, rec.line, seen, diags, file));
		}
		g_ptr_array_unref(c);
	}
	if (header)
		diag_emit(diags, file, 1, DIAG_CSV_EMPTY);
	g_hash_table_unref(seen);
	return rows;
}

void
gb_csv_append_field(GString *out, const char *field)
{
	if (!strpbrk(field, ",\"\r\n") && field[0] != ' ' &&
	    (!*field || field[strlen(field) - 1] != ' ')) {
		g_string_append(out, field);
		return;
	}
	g_string_append_c(out, '"');
	for (const char *p = field; *p; p++) {
		if (*p == '"')
			g_string_append_c(out, '"');
		g_string_append_c(out, *p);
	}
	g_string_append_c(out, '"');
}

void
gb_recipients_write_csv(GString *out, GPtrArray *recipients)
{
	for (int f = 0; f < GB_RF_COUNT; f++)
		g_string_append_printf(out, "%s%s", f ? "," : "", gb_recipient_field_name(f));
	g_string_append_c(out, '\n');
	for (guint i = 0; i < recipients->len; i++) {
		gb_recipient *r = recipients->pdata[i];
		for (int f = 0; f < GB_RF_COUNT; f++) {
			if (f)
				g_string_append_c(out, ',');
			gb_csv_append_field(out, r->field[f]);
		}
		g_string_append_c(out, '\n');
	}
}
