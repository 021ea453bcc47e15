/* diag.c — the one table of diagnostics (mandoc style) and their
 * collection: messages are gathered during a run, sorted by file and line,
 * printed as `FILE:LINE: error|warning: message`; the worst sets the exit
 * status.  Messages are in the editors' Chinese and say what to do. */
#include "diag.h"
#include "util.h"

#include <stdarg.h>
#include <string.h>

typedef struct diag_entry {
	const char *name;
	gb_level level;
	const char *format;
} diag_entry;

#define E GB_LEVEL_ERROR
#define W GB_LEVEL_WARNING
#define S GB_LEVEL_SYSTEM

/* Indexed by gb_diag_id: the blocks of pipeline/STAGE/diag-STAGE.def. */
#define DIAG(id, name, level, format) [DIAG_##id] = { name, level, format },
static const diag_entry table[DIAG__COUNT] = {
#include "diag-lib.def"
#include "diag-parse.def"
#include "diag-typeset.def"
#include "diag-render.def"
#include "diag-check.def"
#include "diag-distribute.def"
#include "diag-archive.def"
};
#undef DIAG

#undef E
#undef W
#undef S

gb_level
diag_level(gb_diag_id id)
{
	return id < DIAG__COUNT ? table[id].level : GB_LEVEL_SYSTEM;
}

const char *
diag_format(gb_diag_id id)
{
	return id < DIAG__COUNT && table[id].format ? table[id].format : "?";
}

const char *
diag_name(gb_diag_id id)
{
	return id < DIAG__COUNT && table[id].name ? table[id].name : "?";
}

const char *
diag_level_name(gb_level level)
{
	return level >= GB_LEVEL_ERROR ? "error" : "warning";
}

static void
diag_free(gpointer p)
{
	gb_diag *d = p;
	g_free(d->file);
	g_free(d->message);
	g_free(d);
}

gb_diags *
diags_new(void)
{
	gb_diags *ds = g_new0(gb_diags, 1);
	ds->list = g_ptr_array_new_with_free_func(diag_free);
	return ds;
}

void
diags_free(gb_diags *diags)
{
	if (!diags)
		return;
	g_ptr_array_unref(diags->list);
	g_free(diags);
}

char *
diag_text_(gb_diag_id id, const char *format, ...)
{
	(void)id;
	va_list ap;
	va_start(ap, format);
	char *text = g_strdup_vprintf(format, ap);
	va_end(ap);
	return text;
}

static void diag_record(gb_diags *diags, const char *file, int line, int column,
    const gb_anchor *anchor, gb_diag_id id, const char *format, va_list ap)
    G_GNUC_PRINTF(7, 0);

static void
diag_record(gb_diags *diags, const char *file, int line, int column,
    const gb_anchor *anchor, gb_diag_id id, const char *format, va_list ap)
{
	gb_diag *d = g_new0(gb_diag, 1);
	d->file = g_strdup(file ? file : "-");
	d->line = line;
	d->column = column;
	if (anchor)
		d->anchor = *anchor;
	d->id = id;
	d->level = diag_level(id);
	d->message = g_strdup_vprintf(format, ap);
	d->seq = diags->list->len;
	g_ptr_array_add(diags->list, d);
	if (d->level > diags->worst)
		diags->worst = d->level;
	diags->counts[d->level]++;
}

void
diag_emit_(gb_diags *diags, const char *file, int line, gb_diag_id id,
    const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	diag_record(diags, file, line, 0, NULL, id, format, ap);
	va_end(ap);
}

void
diag_emit_at_(gb_diags *diags, const char *file, int line, int column,
    const gb_anchor *anchor, gb_diag_id id, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	diag_record(diags, file, line, column, anchor, id, format, ap);
	va_end(ap);
}

G_DEFINE_QUARK(gb-diag-error-quark, gb_diag_error)

char *
diag_format_line_col(const char *file, int line, int column, gb_level level,
    const char *message)
{
	if (line > 0 && column > 0)
		return g_strdup_printf("%s:%d:%d: %s: %s", file ? file : "-", line, column,
		    diag_level_name(level), message);
	return diag_format_line(file, line, level, message);
}

char *
diag_format_line(const char *file, int line, gb_level level, const char *message)
{
	if (line > 0)
		return g_strdup_printf("%s:%d: %s: %s", file ? file : "-", line,
		    diag_level_name(level), message);
	return g_strdup_printf("%s: %s: %s", file ? file : "-", diag_level_name(level), message);
}

static int
level_exit_status(gb_level level)
{
	switch (level) {
	case GB_LEVEL_SYSTEM: return GB_EXIT_SYSTEM;
	case GB_LEVEL_ERROR: return GB_EXIT_INPUT;
	default: return GB_EXIT_OK;
	}
}

/* `FILE:LINE: error|warning: ` and the message, the one form of a line. */
static char *diag_line(const char *file, int line, gb_diag_id id, const char *format,
    va_list ap) G_GNUC_PRINTF(4, 0);

static char *
diag_line(const char *file, int line, gb_diag_id id, const char *format, va_list ap)
{
	char *text = g_strdup_vprintf(format, ap);
	char *full = diag_format_line(file, line, diag_level(id), text);
	g_free(text);
	return full;
}

int
diag_print_(const char *file, int line, gb_diag_id id, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	char *full = diag_line(file, line, id, format, ap);
	va_end(ap);
	fprintf(stderr, "%s\n", full);
	fflush(stderr);
	g_free(full);
	return level_exit_status(diag_level(id));
}

void
diag_set_error_(GError **error, const char *file, int line, gb_diag_id id,
    const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	char *full = diag_line(file, line, id, format, ap);
	va_end(ap);
	g_set_error_literal(error, GB_DIAG_ERROR, (int)id, full);
	g_free(full);
}

int
diag_print_error(const char *program, const GError *error)
{
	if (error->domain == GB_DIAG_ERROR) {
		fprintf(stderr, "%s\n", error->message);
		fflush(stderr);
		return level_exit_status(diag_level((gb_diag_id)error->code));
	}
	fprintf(stderr, "%s: error: %s\n", program, error->message);
	fflush(stderr);
	return GB_EXIT_SYSTEM;
}

void
diags_add_error(gb_diags *diags, const char *file, int line, const GError *error)
{
	if (error->domain != GB_DIAG_ERROR) {
		diag_emit(diags, file, line, DIAG_UTIL_READ_FAILED, error->message);
		return;
	}
	char *text = diag_error_text(error, file);
	diag_emit_(diags, file, line, (gb_diag_id)error->code, "%s", text);
	g_free(text);
}

char *
diag_error_text(const GError *error, const char *file)
{
	if (error->domain != GB_DIAG_ERROR)
		return g_strdup(error->message);
	/* the message without the `FILE: level: ` diag_set_error put first */
	char *prefix = diag_format_line(file, 0, diag_level((gb_diag_id)error->code), "");
	const char *text = error->message;
	if (g_str_has_prefix(text, prefix))
		text += strlen(prefix);
	g_free(prefix);
	return g_strdup(text);
}

static gint
diag_compare(gconstpointer a, gconstpointer b)
{
	const gb_diag *x = *(gb_diag *const *)a, *y = *(gb_diag *const *)b;
	int c = strcmp(x->file, y->file);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
diags_sort(gb_diags *diags)
{
	g_ptr_array_sort(diags->list, diag_compare);
}

void
diags_print(gb_diags *diags, FILE *out)
{
	for (guint i = 0; i < diags->list->len; i++) {
		const gb_diag *d = diags->list->pdata[i];
		char *full = diag_format_line_col(d->file, d->line, d->column, d->level, d->message);
		fprintf(out, "%s\n", full);
		g_free(full);
	}
	fflush(out);
}

void
diags_print_summed(gb_diags *diags, FILE *out, guint first, gb_diag_summary summary,
    gpointer data)
{
	guint *seen = g_new0(guint, DIAG__COUNT);
	for (guint i = 0; i < diags->list->len; i++) {
		const gb_diag *d = diags->list->pdata[i];
		if (d->level == GB_LEVEL_WARNING && seen[d->id]++ >= first)
			continue;
		char *full = diag_format_line_col(d->file, d->line, d->column, d->level, d->message);
		fprintf(out, "%s\n", full);
		g_free(full);
	}
	for (int id = 0; id < DIAG__COUNT; id++) {
		if (seen[id] <= first || !summary)
			continue;
		char *line = summary((gb_diag_id)id, first, seen[id] - first, data);
		if (line)
			fprintf(out, "%s\n", line);
		g_free(line);
	}
	fflush(out);
	g_free(seen);
}

int
diags_exit_status(const gb_diags *diags)
{
	return level_exit_status(diags->worst);
}
