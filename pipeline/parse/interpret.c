/* interpret.c — 政策解读 and the documents they interpret (SPEC §3): each
 * `interprets` names a document of this issue or of an earlier one the
 * archive has (SPEC §9), is published within three working days of it by
 * the holiday arrangement, and is linked both ways in the tree; a 勘误
 * names an issue, page and document the archive has; a number used twice
 * in one issue is a copy or a typo. */
#include "source.h"
#include "docfile.h"
#include "docmeta.h"
#include "util.h"

#include <string.h>

/* The archive, opened the first time a document of an earlier issue is
 * looked for; NULL when it cannot be read (said once, as an error). */
static gb_archread *
archive_of(run *r)
{
	if (!r->archive_tried) {
		r->archive_tried = TRUE;
		GError *err = NULL;
		r->archive = archread_open(r->db_path, &err);
		if (!r->archive) {
			diags_add_error(r->diags, r->db_path, 0, err);
			g_error_free(err);
		}
	}
	return r->archive;
}

/* Where D was published, as the gazette cites it: 本刊2026年第5期第12页. */
static char *
where_published(const gb_arch_doc *d)
{
	return g_strdup_printf("本刊%d年第%d期第%d页", d->issue.year, d->issue.number,
	    d->first_folio);
}

/* D's file as a URI relative to this issue's web edition.  The issues of a
 * series stand each in a directory of its own beside the others (out/NAME/,
 * as make builds them and a website mirrors them), so from this web.pdf
 * the earlier issue is ../NAME/: its per-document file, else its web
 * edition at the document's first page. */
static char *
uri_of(const gb_arch_doc *d)
{
	char *name = g_path_get_basename(d->issue.out_dir ? d->issue.out_dir : d->issue.name);
	char *dir = g_strconcat("../", name, NULL);
	char *uri = docfile_link(dir, d->file, d->first_page);
	g_free(dir);
	g_free(name);
	return uri;
}

/* The document of an earlier issue published under NUMBER, found in the
 * archive (and kept), or NULL. */
static known_doc *
find_earlier(run *r, const char *number)
{
	known_doc *k = g_hash_table_lookup(r->earlier, number);
	if (k)
		return k;
	gb_archread *a = archive_of(r);
	if (!a)
		return NULL;
	GError *err = NULL;
	gb_arch_doc *d = archread_by_number(a, number, &err);
	if (!d) {
		if (err) {
			diags_add_error(r->diags, r->db_path, 0, err);
			g_error_free(err);
		}
		return NULL;
	}
	k = g_new0(known_doc, 1);
	k->title = g_strdup(d->title ? d->title : "");
	k->date_ok = date_parse(d->date, &k->date) == GB_DATE_OK;
	k->identifier = g_strdup(d->identifier);
	k->where = where_published(d);
	k->uri = uri_of(d);
	g_hash_table_insert(r->earlier, g_strdup(number), k);
	arch_doc_free(d);
	return k;
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

/* A 解读 S of TARGET_DATE is published within three working days of it,
 * counted by the holiday arrangement; a year the arrangement lacks is
 * counted by weekends alone, and said once. */
static void
check_on_time(run *r, const source_doc *s, const gb_meta *m, gb_date target_date)
{
	int missing = 0;
	int late = date_working_days_after(target_date, s->date, r->holidays, &missing);
	const gb_meta *dm = fm_entry(s, "date");
	int line = dm ? dm->line : m->line;
	if (missing && !g_hash_table_contains(r->years_warned, GINT_TO_POINTER(missing))) {
		g_hash_table_add(r->years_warned, GINT_TO_POINTER(missing));
		diag_emit(r->diags, s->file, line, DIAG_HOLIDAYS_YEAR_MISSING,
		    holidays_path(r->holidays), missing, missing);
	}
	if (late > 3) {
		char *a = date_text(s->date), *b = date_text(target_date);
		diag_emit(r->diags, s->file, line, DIAG_INTERPRETATION_LATE, a, b, late);
		g_free(a);
		g_free(b);
	}
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
			known_doc *k = find_earlier(r, m->value);
			if (!k) {
				diag_emit(r->diags, s->file, m->line, DIAG_INTERPRETS_UNKNOWN, m->value,
				    r->db_path);
				continue;
			}
			target_date_ok = k->date_ok;
			target_date = k->date;
		}
		if (is_interpretation(s) && s->date_ok && target_date_ok)
			check_on_time(r, s, m, target_date);
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
		if (s->corrects_identifier) {
			char *folio = g_strdup_printf("%d", s->corrects_folio);
			document_add_meta(s->doc, "corrects-identifier", s->corrects_identifier, 0);
			document_add_meta(s->doc, "corrects-folio", folio, 0);
			g_free(folio);
		}
		const char *number = fm_value(s, "interprets");
		if (!number || !*number)
			continue;
		source_doc *target = find_by_number(r, number);
		if (target) {
			char *ident = docmeta_identifier(r->ini->year, r->ini->number, target->doc->id);
			document_add_meta(s->doc, "interprets-id", target->doc->id, 0);
			document_add_meta(s->doc, "interprets-identifier", ident, 0);
			document_add_meta(s->doc, "interprets-title", fm_value(target, "title"), 0);
			document_add_meta(target->doc, "interpreted-by", s->doc->id, 0);
			g_free(ident);
		} else {
			known_doc *k = g_hash_table_lookup(r->earlier, number);
			if (k) {
				document_add_meta(s->doc, "interprets-identifier", k->identifier, 0);
				document_add_meta(s->doc, "interprets-title", k->title, 0);
				document_add_meta(s->doc, "interprets-where", k->where, 0);
				document_add_meta(s->doc, "interprets-uri", k->uri, 0);
			}
		}
	}
}

/* --- 勘误 ----------------------------------------------------------------- */

/* A `corrects` as the gazette writes it: 2026年第4期第12页, then the
 * document as 《title》 or by its 发文字号. */
typedef struct correction {
	int year, number, folio;
	char *title;		/* without 《》, or NULL */
	char *doc_number;	/* or NULL */
} correction;

static gboolean
read_correction(const char *value, correction *c)
{
	GRegex *re = g_regex_new("^\\s*([0-9]{4})年第([0-9]{1,4})期第([0-9]{1,5})页\\s*"
	    "(?:《(.+)》|(\\S+))\\s*$", 0, 0, NULL);
	GMatchInfo *mi;
	gboolean ok = g_regex_match(re, value, 0, &mi);
	if (ok) {
		char *y = g_match_info_fetch(mi, 1), *n = g_match_info_fetch(mi, 2),
		    *f = g_match_info_fetch(mi, 3), *t = g_match_info_fetch(mi, 4),
		    *d = g_match_info_fetch(mi, 5);
		gint64 year = 0, number = 0, folio = 0;
		ok = gb_parse_int(y, 1000, 9999, &year) && gb_parse_int(n, 1, 9999, &number)
		    && gb_parse_int(f, 1, 99999, &folio);
		c->year = (int)year;
		c->number = (int)number;
		c->folio = (int)folio;
		c->title = t && *t ? g_strdup(t) : NULL;
		c->doc_number = d && *d ? g_strdup(d) : NULL;
		g_free(y);
		g_free(n);
		g_free(f);
		g_free(t);
		g_free(d);
	}
	g_match_info_free(mi);
	g_regex_unref(re);
	return ok;
}

/* The titles of DOCS joined for a message: 《甲》、《乙》. */
static char *
titles_of(const GPtrArray *docs)
{
	GString *s = g_string_new(NULL);
	for (guint i = 0; i < docs->len; i++) {
		const gb_arch_doc *d = docs->pdata[i];
		g_string_append_printf(s, "%s《%s》", i ? "、" : "", d->title);
	}
	return g_string_free(s, FALSE);
}

/* Checks correction C of S (its line LINE) against the archive. */
static void
check_correction(run *r, source_doc *s, int line, const correction *c)
{
	gb_archread *a = archive_of(r);
	if (!a)
		return;
	GError *err = NULL;
	gb_arch_issue *issue = archread_issue(a, c->year, c->number, &err);
	if (!issue) {
		if (err) {
			diags_add_error(r->diags, r->db_path, 0, err);
			g_error_free(err);
		} else {
			diag_emit(r->diags, s->file, line, DIAG_CORRECTS_NO_ISSUE, r->db_path, c->year,
			    c->number);
		}
		return;
	}
	GPtrArray *docs = NULL;
	if (c->folio < issue->first_folio || c->folio > issue->last_folio) {
		diag_emit(r->diags, s->file, line, DIAG_CORRECTS_NO_PAGE, c->year, c->number,
		    c->folio, issue->first_folio, issue->last_folio);
	} else if (!(docs = archread_on_folio(a, c->year, c->number, c->folio, &err))) {
		diags_add_error(r->diags, r->db_path, 0, err);
		g_error_free(err);
	} else {
		const gb_arch_doc *found = NULL;
		for (guint i = 0; i < docs->len && !found; i++) {
			const gb_arch_doc *d = docs->pdata[i];
			if (c->title ? strcmp(d->title, c->title) == 0
			    : strcmp(d->doc_number, c->doc_number) == 0)
				found = d;
		}
		if (found) {
			s->corrects_identifier = g_strdup(found->identifier);
			s->corrects_folio = c->folio;
		} else {
			char *there = docs->len ? titles_of(docs) : g_strdup("无文件（目录或封面）");
			char *named = c->title ? g_strdup_printf("《%s》", c->title)
			    : g_strdup(c->doc_number);
			diag_emit(r->diags, s->file, line, DIAG_CORRECTS_NO_DOCUMENT, c->year,
			    c->number, c->folio, named, there);
			g_free(named);
			g_free(there);
		}
		g_ptr_array_unref(docs);
	}
	arch_issue_free(issue);
}

void
check_corrections(run *r)
{
	for (guint i = 0; i < r->docs->len; i++) {
		source_doc *s = r->docs->pdata[i];
		const gb_meta *m = s->doc ? fm_entry(s, "corrects") : NULL;
		if (!m || !*m->value)
			continue;
		correction c = { 0 };
		if (read_correction(m->value, &c))
			check_correction(r, s, m->line, &c);
		else
			diag_emit(r->diags, s->file, m->line, DIAG_CORRECTS_FORMAT, m->value);
		g_free(c.title);
		g_free(c.doc_number);
	}
}
