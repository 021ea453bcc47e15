/* validate.c — the rules of a document's front-matter values (SPEC §3):
 * its section, disclosure, secrecy, the three-level review, the 发文字号,
 * dates, 文种, validity and signature; what is printed besides the body is
 * proofread as well.  The keys themselves are frontmatter.c's. */
#include "source.h"

#include <string.h>

static const char *const kinds[] = {
	"命令", "令", "决定", "决议", "通知", "通报", "意见", "办法", "规定", "条例",
	"规则", "细则", "实施细则", "通告", "公告", "公报", "批复", "函", "复函", "报告",
	"请示", "纪要", "议案", "方案", "规划", "解读", "任免", "勘误",
};

/* Checks a date value; reports and returns FALSE if it is not one. */
static gboolean
check_date(run *r, const char *file, const gb_meta *m, const char *label, gb_date *date)
{
	switch (date_parse(m->value, date)) {
	case GB_DATE_OK:
		return TRUE;
	case GB_DATE_NONEXISTENT:
		diag_emit(r->diags, file, m->line, DIAG_DATE_NONEXISTENT, label, m->value,
		    date->year, date->month, date_days_in_month(date->year, date->month));
		return FALSE;
	default:
		diag_emit(r->diags, file, m->line, DIAG_DATE_FORMAT, label, m->value);
		return FALSE;
	}
}

static void
check_review(run *r, source_doc *s, const gb_meta *m)
{
	char *norm = g_strdup(m->value);
	/* the full-width ； is what a Chinese keyboard gives */
	char **parts = g_strsplit(norm, "；", -1);
	g_free(norm);
	norm = g_strjoinv(";", parts);
	g_strfreev(parts);
	parts = g_strsplit(norm, ";", -1);
	g_free(norm);

	GPtrArray *entries = g_ptr_array_new();
	for (int i = 0; parts[i]; i++)
		if (*g_strstrip(parts[i]))
			g_ptr_array_add(entries, parts[i]);
	if (entries->len != 3)
		diag_emit(r->diags, s->file, m->line, DIAG_REVIEW_COUNT, (int)entries->len);

	gboolean have_prev = FALSE;
	gb_date prev = { 0 };
	char *prev_name = NULL;
	for (guint i = 0; i < entries->len; i++) {
		char *e = entries->pdata[i];
		char *sp = strrchr(e, ' ');
		char *tab = strrchr(e, '\t');
		if (tab > sp)
			sp = tab;
		gb_date d;
		if (!sp || sp == e || date_parse(g_strstrip(sp + 1), &d) != GB_DATE_OK) {
			diag_emit(r->diags, s->file, m->line, DIAG_REVIEW_ENTRY, e);
			have_prev = FALSE;
			continue;
		}
		*sp = '\0';
		char *name = g_strstrip(e);
		char *ds = g_strstrip(sp + 1);
		if (have_prev && date_compare(d, prev) < 0) {
			char *pd = date_iso(prev);
			diag_emit(r->diags, s->file, m->line, DIAG_REVIEW_ORDER, name, ds, prev_name, pd);
			g_free(pd);
		}
		if (r->issue_date && date_compare(d, *r->issue_date) > 0)
			diag_emit(r->diags, s->file, m->line, DIAG_REVIEW_AFTER_ISSUE, name, ds,
			    r->issue_date_str);
		prev = d;
		prev_name = name;
		have_prev = TRUE;
	}
	g_ptr_array_free(entries, TRUE);
	g_strfreev(parts);
}

GRegex *
number_regex(void)
{
	return g_regex_new("^(.+?)([〔\\[【(（［])([0-9]{4})([〕\\]】)）］])([0-9]+)号$", 0, 0, NULL);
}

static void
check_number(run *r, source_doc *s, const gb_meta *m, GRegex *re)
{
	GMatchInfo *mi;
	if (g_regex_match(re, m->value, 0, &mi)) {
		char *open = g_match_info_fetch(mi, 2), *close = g_match_info_fetch(mi, 4);
		if (strcmp(open, "〔") != 0 || strcmp(close, "〕") != 0) {
			char *prefix = g_match_info_fetch(mi, 1), *year = g_match_info_fetch(mi, 3);
			char *num = g_match_info_fetch(mi, 5);
			char *fixed = g_strdup_printf("%s〔%s〕%s号", prefix, year, num);
			diag_emit(r->diags, s->file, m->line, DIAG_NUMBER_BRACKETS, m->value, fixed);
			g_free(fixed);
			g_free(prefix);
			g_free(year);
			g_free(num);
		}
		g_free(open);
		g_free(close);
	} else if (!g_regex_match_simple("^\\S+第[0-9]+号$", m->value, 0, 0)) {
		/* 令 are numbered 示范市人民政府令第12号, without a year */
		diag_emit(r->diags, s->file, m->line, DIAG_NUMBER_MALFORMED, m->value);
	}
	g_match_info_free(mi);
}

static char *
section_list(const run *r)
{
	GString *s = g_string_new(NULL);
	for (guint i = 0; i < r->sections->len; i++)
		g_string_append_printf(s, "%s%s", i ? "、" : "", (char *)r->sections->pdata[i]);
	return g_string_free(s, FALSE);
}

void
validate_document(run *r, source_doc *s, GRegex *number_re)
{
	front_matter_check_keys(r, s);

	const gb_meta *m;
	s->section = -1;
	if ((m = fm_entry(s, "section")) && *m->value) {
		for (guint i = 0; i < r->sections->len; i++)
			if (strcmp(r->sections->pdata[i], m->value) == 0)
				s->section = (int)i;
		if (s->section < 0 && r->sections->len) {
			char *list = section_list(r);
			diag_emit(r->diags, s->file, m->line, DIAG_SECTION_UNKNOWN, m->value, list);
			g_free(list);
		}
	}
	if ((m = fm_entry(s, "disclosure")) && *m->value) {
		if (strcmp(m->value, "依申请公开") == 0 || strcmp(m->value, "不予公开") == 0)
			diag_emit(r->diags, s->file, m->line, DIAG_DISCLOSURE_REFUSED, m->value);
		else if (strcmp(m->value, "主动公开") != 0)
			diag_emit(r->diags, s->file, m->line, DIAG_DISCLOSURE_INVALID, m->value);
	}
	if ((m = fm_entry(s, "secrecy")) && *m->value && strcmp(m->value, "无") != 0)
		diag_emit(r->diags, s->file, m->line, DIAG_SECRECY, m->value);
	if ((m = fm_entry(s, "review")) && *m->value)
		check_review(r, s, m);
	if ((m = fm_entry(s, "number")) && *m->value)
		check_number(r, s, m, number_re);
	if ((m = fm_entry(s, "date")) && *m->value) {
		s->date_ok = check_date(r, s->file, m, "成文日期", &s->date);
		if (s->date_ok && r->issue_date && date_compare(s->date, *r->issue_date) > 0)
			diag_emit(r->diags, s->file, m->line, DIAG_DATE_AFTER_ISSUE, m->value,
			    r->issue_date_str);
	}
	if ((m = fm_entry(s, "kind")) && *m->value) {
		gboolean known = FALSE;
		for (gsize k = 0; k < G_N_ELEMENTS(kinds); k++)
			known |= strcmp(kinds[k], m->value) == 0;
		if (!known)
			diag_emit(r->diags, s->file, m->line, DIAG_KIND_UNKNOWN, m->value);
	}
	if ((m = fm_entry(s, "validity")) && *m->value && strcmp(m->value, "有效") != 0
	    && strcmp(m->value, "失效") != 0 && strcmp(m->value, "废止") != 0
	    && strcmp(m->value, "修订") != 0)
		diag_emit(r->diags, s->file, m->line, DIAG_VALIDITY_INVALID, m->value);
	if ((m = fm_entry(s, "signature")) && *m->value && strcmp(m->value, "none") != 0)
		diag_emit(r->diags, s->file, m->line, DIAG_SIGNATURE_INVALID, m->value);
	/* what is printed besides the body is proofread as well */
	static const char *const printed[] = { "title", "to", "cc" };
	for (gsize k = 0; k < G_N_ELEMENTS(printed); k++)
		if ((m = fm_entry(s, printed[k])) && *m->value)
			proof_text_at(r->proof, m->value, m->line);
}
