/* interpret.c — 政策解读 and the documents they interpret (SPEC §3): each
 * `interprets` names a document of this issue or of an earlier one beside
 * it, is published within three working days of it, and is linked both
 * ways in the tree; a number used twice in one issue is a copy or a typo. */
#include "source.h"
#include "util.h"

#include <string.h>

/* The documents of the sibling issue directories (the directories beside DIR), by number:
 * what an `interprets` may name besides this issue. */
static void
read_earlier_issues(run *r)
{
	r->earlier_read = TRUE;
	char *self = g_canonicalize_filename(r->dir, NULL);
	char *parent = g_path_get_dirname(self);
	GDir *d = g_dir_open(parent, 0, NULL);
	const char *n;
	while (d && (n = g_dir_read_name(d))) {
		char *issue = g_build_filename(parent, n, NULL);
		char *docs = g_build_filename(issue, "docs", NULL);
		GPtrArray *names = strcmp(issue, self) ? list_markdown(docs) : NULL;
		for (guint i = 0; names && i < names->len; i++) {
			char *path = g_build_filename(docs, names->pdata[i], NULL);
			char *text;
			gsize len;
			if (gb_read_input(path, GB_MAX_TEXT_INPUT, &text, &len, NULL)
			    && g_utf8_validate(text, len, NULL)) {
				GPtrArray *fm = g_ptr_array_new_with_free_func(meta_free);
				int body_line;
				front_matter_read(path, text, len, fm, &body_line, NULL);
				const char *number = meta_lookup(fm, "number");
				if (number && *number && !g_hash_table_contains(r->earlier, number)) {
					known_doc *k = g_new0(known_doc, 1);
					const char *title = meta_lookup(fm, "title");
					k->title = g_strdup(title ? title : "");
					k->date_ok = date_parse(meta_lookup(fm, "date"), &k->date) == GB_DATE_OK;
					g_hash_table_insert(r->earlier, g_strdup(number), k);
				}
				g_ptr_array_unref(fm);
				g_free(text);
			} else if (text) {
				g_free(text);
			}
			g_free(path);
		}
		if (names)
			g_ptr_array_unref(names);
		g_free(docs);
		g_free(issue);
	}
	if (d)
		g_dir_close(d);
	g_free(parent);
	g_free(self);
}

static gboolean
is_interpretation(const source_doc *s)
{
	const char *kind = fm_value(s, "kind"), *section = fm_value(s, "section");
	return (kind && strcmp(kind, "解读") == 0) || (section && strcmp(section, "政策解读") == 0);
}

static source_doc *
find_by_number(const run *r, const char *number)
{
	for (guint i = 0; i < r->docs->len; i++) {
		source_doc *s = r->docs->pdata[i];
		const char *n = s->fm ? fm_value(s, "number") : NULL;
		if (n && strcmp(n, number) == 0)
			return s;
	}
	return NULL;
}

void
check_interpretations(run *r)
{
	for (guint i = 0; i < r->docs->len; i++) {
		source_doc *s = r->docs->pdata[i];
		const gb_meta *m = s->doc ? fm_entry(s, "interprets") : NULL;
		if (!m || !*m->value)
			continue;
		source_doc *target = find_by_number(r, m->value);
		gboolean target_date_ok = FALSE;
		gb_date target_date = { 0 };
		if (target) {
			target_date_ok = target->date_ok;
			target_date = target->date;
		} else {
			if (!r->earlier_read)
				read_earlier_issues(r);
			known_doc *k = g_hash_table_lookup(r->earlier, m->value);
			if (!k) {
				diag_emit(r->diags, s->file, m->line, DIAG_INTERPRETS_UNKNOWN, m->value);
				continue;
			}
			target_date_ok = k->date_ok;
			target_date = k->date;
		}
		if (is_interpretation(s) && s->date_ok && target_date_ok) {
			int late = date_working_days_after(target_date, s->date);
			if (late > 3) {
				const gb_meta *dm = fm_entry(s, "date");
				char *a = date_text(s->date), *b = date_text(target_date);
				diag_emit(r->diags, s->file, dm ? dm->line : m->line,
				    DIAG_INTERPRETATION_LATE, a, b, late);
				g_free(a);
				g_free(b);
			}
		}
	}

	/* the same number twice in one issue is a copy or a typo */
	for (guint i = 0; i < r->docs->len; i++) {
		source_doc *s = r->docs->pdata[i];
		const gb_meta *m = s->doc ? fm_entry(s, "number") : NULL;
		source_doc *first = m && *m->value ? find_by_number(r, m->value) : NULL;
		if (first && first != s)
			diag_emit(r->diags, s->file, m->line, DIAG_NUMBER_DUPLICATE, m->value, first->file);
	}
}

void
link_interpretations(run *r)
{
	for (guint i = 0; i < r->docs->len; i++) {
		source_doc *s = r->docs->pdata[i];
		const char *number = fm_value(s, "interprets");
		if (!number || !*number)
			continue;
		source_doc *target = find_by_number(r, number);
		if (target) {
			document_add_meta(s->doc, "interprets-id", target->doc->id, 0);
			document_add_meta(s->doc, "interprets-title", fm_value(target, "title"), 0);
			document_add_meta(target->doc, "interpreted-by", s->doc->id, 0);
		} else {
			known_doc *k = r->earlier ? g_hash_table_lookup(r->earlier, number) : NULL;
			if (k)
				document_add_meta(s->doc, "interprets-title", k->title, 0);
		}
	}
}
