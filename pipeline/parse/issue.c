/* issue.c — reads an issue directory (issue.ini and the docs), checks
 * everything SPEC §3 asks of it, and builds the document tree: documents
 * in print order with their IDs and derived metadata.  An error anywhere
 * means no tree; every problem is reported, not only the first. */
#include "issue.h"
#include "markdown.h"
#include "proof.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* --- the run ------------------------------------------------------------ */

/* A document as read from docs/, before it has its place in the issue. */
typedef struct source_doc {
	char *name;		/* NAME.md */
	char *file;		/* DIR/docs/NAME.md, for messages and the tree */
	int fm_line;		/* the opening --- */
	GPtrArray *fm;		/* gb_meta*: the front matter as written */
	gb_document *doc;	/* its blocks (no ID yet) */
	int section;		/* index in the order, -1 if unknown */
	gboolean date_ok;
	gb_date date;
} source_doc;

/* A document of an earlier issue, found by its number. */
typedef struct known_doc {
	char *title;
	gboolean date_ok;
	gb_date date;
} known_doc;

typedef struct run {
	const char *dir;
	char *ini_path;
	gb_diags *diags;
	GKeyFile *ini;
	GHashTable *ini_lines;	/* "group\nkey" or "group" → line */
	gboolean issue_date_ok;
	gb_date issue_date;
	char *issue_date_str;
	GPtrArray *sections;	/* char*: [sections] order */
	GPtrArray *docs;	/* source_doc* */
	GHashTable *earlier;	/* number → known_doc*, read on demand */
	gboolean earlier_read;
	gb_words *words;
	gb_proof *proof;
} run;

static void
source_doc_free(gpointer p)
{
	source_doc *s = p;
	g_free(s->name);
	g_free(s->file);
	if (s->fm)
		g_ptr_array_unref(s->fm);
	document_free(s->doc);
	g_free(s);
}

static void
known_doc_free(gpointer p)
{
	known_doc *k = p;
	g_free(k->title);
	g_free(k);
}

static int
ini_line(const run *r, const char *group, const char *key)
{
	char *k = key ? g_strdup_printf("%s\n%s", group, key) : g_strdup(group);
	int line = GPOINTER_TO_INT(g_hash_table_lookup(r->ini_lines, k));
	g_free(k);
	return line;
}

/* --- issue.ini ---------------------------------------------------------- */

/* Cuts a trailing comment " ; …" or " # …" off an issue.ini value (GKeyFile
 * knows only whole-line comments, and the SPEC's example has both). */
static void
strip_inline_comment(char *value)
{
	for (char *p = value; *p; p++)
		if ((*p == ';' || *p == '#') && p > value && (p[-1] == ' ' || p[-1] == '\t')) {
			*p = '\0';
			break;
		}
	g_strchomp(value);
}

/* Rewrites TEXT into what GKeyFile reads, noting where each group and key
 * stands; returns NULL after reporting the lines it cannot read. */
static char *
ini_clean(run *r, const char *text)
{
	GString *out = g_string_new(NULL);
	char **lines = g_strsplit(text, "\n", -1);
	char *group = NULL;
	gboolean bad = FALSE;
	for (int i = 0; lines[i]; i++) {
		int lineno = i + 1;
		char *line = g_strstrip(lines[i]);
		if (!*line || *line == '#' || *line == ';') {
			g_string_append(out, "\n");
		} else if (*line == '[' && line[strlen(line) - 1] == ']') {
			g_free(group);
			group = g_strndup(line + 1, strlen(line) - 2);
			g_hash_table_insert(r->ini_lines, g_strdup(group), GINT_TO_POINTER(lineno));
			g_string_append_printf(out, "%s\n", line);
		} else if (strchr(line, '=') && group && *line != '=') {
			char *eq = strchr(line, '=');
			*eq = '\0';
			char *key = g_strstrip(line), *value = g_strstrip(eq + 1);
			strip_inline_comment(value);
			char *k = g_strdup_printf("%s\n%s", group, key);
			if (!g_hash_table_contains(r->ini_lines, k))
				g_hash_table_insert(r->ini_lines, k, GINT_TO_POINTER(lineno));
			else
				g_free(k);
			g_string_append_printf(out, "%s=%s\n", key, value);
		} else {
			diag_emit(r->diags, r->ini_path, lineno, DIAG_INI_SYNTAX, line);
			bad = TRUE;
		}
	}
	g_free(group);
	g_strfreev(lines);
	if (bad) {
		g_string_free(out, TRUE);
		return NULL;
	}
	return g_string_free(out, FALSE);
}

/* A decimal integer of at least MIN, or -1. */
static long
parse_count(const char *text, long min)
{
	if (!text || !*text)
		return -1;
	for (const char *p = text; *p; p++)
		if (!g_ascii_isdigit(*p))
			return -1;
	if (strlen(text) > 9)
		return -1;
	long v = atol(text);
	return v >= min ? v : -1;
}

static const struct ini_key {
	const char *group, *key, *meaning;
	gboolean required;
	int min;		/* >= 0: a whole number of at least MIN */
} ini_keys[] = {
	{ "gazette", "title", "刊名", TRUE, -1 },
	{ "gazette", "publisher", "出版单位", TRUE, -1 },
	{ "gazette", "editor", "编辑单位", FALSE, -1 },
	{ "gazette", "address", "地址", FALSE, -1 },
	{ "gazette", "serial", "刊号", FALSE, -1 },
	{ "gazette", "layout", "版式", FALSE, -1 },
	{ "issue", "year", "年份", TRUE, 1 },
	{ "issue", "number", "期号", TRUE, 1 },
	{ "issue", "cumulative", "总期号", FALSE, 1 },
	{ "issue", "date", "出版日期", TRUE, -1 },
	{ "issue", "first-page", "起始页码", FALSE, 1 },
	{ "issue", "reserve-copies", "留存份数", FALSE, 0 },
	{ "sections", "order", "栏目顺序", TRUE, -1 },
};

static const struct ini_key *
ini_key_find(const char *group, const char *key)
{
	for (gsize i = 0; i < G_N_ELEMENTS(ini_keys); i++)
		if (strcmp(ini_keys[i].group, group) == 0 && strcmp(ini_keys[i].key, key) == 0)
			return &ini_keys[i];
	return NULL;
}

static void
ini_check_keys(run *r)
{
	static const char *groups[] = { "gazette", "issue", "sections" };
	for (gsize g = 0; g < G_N_ELEMENTS(groups); g++)
		if (!g_key_file_has_group(r->ini, groups[g]))
			diag_emit(r->diags, r->ini_path, 0, DIAG_INI_MISSING_GROUP, groups[g]);

	for (gsize i = 0; i < G_N_ELEMENTS(ini_keys); i++) {
		const struct ini_key *k = &ini_keys[i];
		char *v = g_key_file_get_string(r->ini, k->group, k->key, NULL);
		if (!v || !*v) {
			if (k->required && g_key_file_has_group(r->ini, k->group))
				diag_emit(r->diags, r->ini_path, v ? ini_line(r, k->group, k->key)
				    : ini_line(r, k->group, NULL), DIAG_INI_MISSING_KEY, k->group, k->key,
				    k->meaning);
		} else if (k->min >= 0 && parse_count(v, k->min) < 0) {
			diag_emit(r->diags, r->ini_path, ini_line(r, k->group, k->key),
			    DIAG_INI_BAD_NUMBER, k->group, k->key, v, k->min);
		}
		g_free(v);
	}

	char **groups_found = g_key_file_get_groups(r->ini, NULL);
	for (int g = 0; groups_found[g]; g++) {
		char **keys = g_key_file_get_keys(r->ini, groups_found[g], NULL, NULL);
		for (int i = 0; keys && keys[i]; i++)
			if (!ini_key_find(groups_found[g], keys[i]))
				diag_emit(r->diags, r->ini_path, ini_line(r, groups_found[g], keys[i]),
				    DIAG_INI_UNKNOWN_KEY, groups_found[g], keys[i]);
		g_strfreev(keys);
	}
	g_strfreev(groups_found);
}

static void
ini_read_date_and_sections(run *r)
{
	char *date = g_key_file_get_string(r->ini, "issue", "date", NULL);
	if (date && *date) {
		if (date_parse(date, &r->issue_date) == GB_DATE_OK) {
			r->issue_date_ok = TRUE;
			r->issue_date_str = g_strdup(date);
			char *year = g_key_file_get_string(r->ini, "issue", "year", NULL);
			if (year && parse_count(year, 1) > 0 && atol(year) != r->issue_date.year)
				diag_emit(r->diags, r->ini_path, ini_line(r, "issue", "year"),
				    DIAG_INI_YEAR_MISMATCH, year, date);
			g_free(year);
		} else {
			diag_emit(r->diags, r->ini_path, ini_line(r, "issue", "date"),
			    DIAG_INI_BAD_DATE, date);
		}
	}
	g_free(date);

	char *order = g_key_file_get_string(r->ini, "sections", "order", NULL);
	if (order && *order) {
		int line = ini_line(r, "sections", "order");
		/* editors type the full-width ； too */
		char **parts = g_strsplit(order, "；", -1);
		char *norm = g_strjoinv(";", parts);
		g_strfreev(parts);
		parts = g_strsplit(norm, ";", -1);
		for (int i = 0; parts[i]; i++) {
			char *name = g_strstrip(parts[i]);
			if (!*name) {
				if (parts[i + 1] || i == 0)
					diag_emit(r->diags, r->ini_path, line, DIAG_INI_EMPTY_SECTION);
				continue;
			}
			gboolean dup = FALSE;
			for (guint j = 0; j < r->sections->len; j++)
				dup |= strcmp(r->sections->pdata[j], name) == 0;
			if (dup)
				diag_emit(r->diags, r->ini_path, line, DIAG_INI_DUPLICATE_SECTION, name);
			else
				g_ptr_array_add(r->sections, g_strdup(name));
		}
		g_strfreev(parts);
		g_free(norm);
	}
	g_free(order);
}

static gboolean
read_ini(run *r)
{
	char *text;
	GError *err = NULL;
	if (!g_file_get_contents(r->ini_path, &text, NULL, &err)) {
		diag_emit(r->diags, r->ini_path, 0, DIAG_INI_MISSING, err->message);
		g_error_free(err);
		return FALSE;
	}
	if (!g_utf8_validate(text, -1, NULL)) {
		const char *end;
		g_utf8_validate(text, -1, &end);
		int line = 1;
		for (const char *p = text; p < end; p++)
			line += *p == '\n';
		diag_emit(r->diags, r->ini_path, line, DIAG_DOC_UTF8);
		g_free(text);
		return FALSE;
	}
	char *clean = ini_clean(r, text);
	g_free(text);
	if (!clean)
		return FALSE;
	r->ini = g_key_file_new();
	gboolean ok = g_key_file_load_from_data(r->ini, clean, -1, G_KEY_FILE_NONE, &err);
	g_free(clean);
	if (!ok) {
		diag_emit(r->diags, r->ini_path, 0, DIAG_INI_SYNTAX, err->message);
		g_error_free(err);
		g_key_file_free(r->ini);
		r->ini = NULL;
		return FALSE;
	}
	ini_check_keys(r);
	ini_read_date_and_sections(r);
	return TRUE;
}

/* --- front matter ------------------------------------------------------- */

static gboolean
is_key_char(char c)
{
	return g_ascii_isalnum(c) || c == '-' || c == '_';
}

static gboolean
is_fence(const char *line, gsize len)
{
	while (len && (line[len - 1] == ' ' || line[len - 1] == '\t' || line[len - 1] == '\r'))
		len--;
	return len == 3 && strncmp(line, "---", 3) == 0;
}

/* The front matter of TEXT into FM; returns the offset where the body
 * starts and sets *BODY_LINE to the number of lines before it, or returns
 * -1 when there is no front matter (reported when DIAGS is given). */
static gssize
read_front_matter(const char *file, const char *text, gsize len, GPtrArray *fm,
    int *body_line, gb_diags *diags)
{
	const char *p = text, *end = text + len;
	int lineno = 0;
	gboolean opened = FALSE;
	while (p < end) {
		const char *nl = memchr(p, '\n', (gsize)(end - p));
		gsize llen = nl ? (gsize)(nl - p) : (gsize)(end - p);
		const char *next = nl ? nl + 1 : end;
		lineno++;
		if (!opened) {
			if (!is_fence(p, llen)) {
				if (diags)
					diag_emit(diags, file, 1, DIAG_FM_MISSING);
				return -1;
			}
			opened = TRUE;
		} else if (is_fence(p, llen)) {
			*body_line = lineno;
			return next - text;
		} else {
			char *line = g_strstrip(g_strndup(p, llen));
			if (*line && *line != '#' && diags) {
				const char *colon = strchr(line, ':');
				const char *wide = strstr(line, "：");
				if (wide && (!colon || wide < colon))
					colon = NULL;
				gsize klen = colon ? (gsize)(colon - line) : 0;
				while (klen && (line[klen - 1] == ' ' || line[klen - 1] == '\t'))
					klen--;
				gboolean key_ok = klen > 0;
				for (gsize i = 0; i < klen; i++)
					key_ok &= is_key_char(line[i]);
				if (key_ok) {
					char *key = g_strndup(line, klen);
					char *value = g_strstrip(g_strdup(colon + 1));
					g_ptr_array_add(fm, meta_new(key, value, lineno));
					g_free(key);
					g_free(value);
				} else if (wide) {
					char *key = g_strstrip(g_strndup(line, (gsize)(wide - line)));
					diag_emit(diags, file, lineno, DIAG_FM_FULLWIDTH_COLON, key);
					g_free(key);
				} else {
					diag_emit(diags, file, lineno, DIAG_FM_SYNTAX, line);
				}
			} else if (*line && *line != '#') {
				/* quiet reading (earlier issues): keep what reads */
				const char *colon = strchr(line, ':');
				if (colon && colon > line) {
					char *key = g_strstrip(g_strndup(line, (gsize)(colon - line)));
					char *value = g_strstrip(g_strdup(colon + 1));
					g_ptr_array_add(fm, meta_new(key, value, lineno));
					g_free(key);
					g_free(value);
				}
			}
			g_free(line);
		}
		p = next;
	}
	if (diags && opened)
		diag_emit(diags, file, 1, DIAG_FM_UNTERMINATED);
	else if (diags)
		diag_emit(diags, file, 1, DIAG_FM_MISSING);
	return -1;
}

static const gb_meta *
fm_entry(const source_doc *s, const char *key)
{
	for (guint i = 0; i < s->fm->len; i++) {
		const gb_meta *m = s->fm->pdata[i];
		if (strcmp(m->key, key) == 0)
			return m;
	}
	return NULL;
}

static const char *
fm_value(const source_doc *s, const char *key)
{
	const gb_meta *m = fm_entry(s, key);
	return m ? m->value : NULL;
}

/* --- validation --------------------------------------------------------- */

static const struct fm_key {
	const char *key, *meaning;
	gboolean required;
} fm_keys[] = {
	{ "section", "栏目", TRUE },
	{ "title", "标题", TRUE },
	{ "issuer", "发文机关", TRUE },
	{ "date", "成文日期", TRUE },
	{ "disclosure", "公开属性", TRUE },
	{ "review", "三级审核", TRUE },
	{ "number", "发文字号", FALSE },
	{ "kind", "文种", FALSE },
	{ "to", "主送机关", FALSE },
	{ "cc", "抄送", FALSE },
	{ "secrecy", "密级", FALSE },
	{ "validity", "有效性", FALSE },
	{ "interprets", "所解读文件", FALSE },
	{ "corrects", "勘误对象", FALSE },
	{ "signature", "落款", FALSE },
};

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
			char *pd = g_strdup_printf("%04d-%02d-%02d", prev.year, prev.month, prev.day);
			diag_emit(r->diags, s->file, m->line, DIAG_REVIEW_ORDER, name, ds, prev_name, pd);
			g_free(pd);
		}
		if (r->issue_date_ok && date_compare(d, r->issue_date) > 0)
			diag_emit(r->diags, s->file, m->line, DIAG_REVIEW_AFTER_ISSUE, name, ds,
			    r->issue_date_str);
		prev = d;
		prev_name = name;
		have_prev = TRUE;
	}
	g_ptr_array_free(entries, TRUE);
	g_strfreev(parts);
}

static GRegex *
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

static void
validate_document(run *r, source_doc *s, GRegex *number_re)
{
	/* keys: known, once each, required ones present and not empty */
	for (guint i = 0; i < s->fm->len; i++) {
		const gb_meta *m = s->fm->pdata[i];
		gboolean known = FALSE;
		for (gsize k = 0; k < G_N_ELEMENTS(fm_keys); k++)
			known |= strcmp(fm_keys[k].key, m->key) == 0;
		if (!known)
			diag_emit(r->diags, s->file, m->line, DIAG_FM_UNKNOWN_KEY, m->key);
		const gb_meta *first = fm_entry(s, m->key);
		if (first != m)
			diag_emit(r->diags, s->file, m->line, DIAG_FM_DUPLICATE_KEY, m->key, first->line);
	}
	for (gsize k = 0; k < G_N_ELEMENTS(fm_keys); k++) {
		if (!fm_keys[k].required)
			continue;
		const gb_meta *m = fm_entry(s, fm_keys[k].key);
		if (!m)
			diag_emit(r->diags, s->file, s->fm_line, DIAG_KEY_MISSING, fm_keys[k].key,
			    fm_keys[k].meaning);
		else if (!*m->value)
			diag_emit(r->diags, s->file, m->line, DIAG_KEY_EMPTY, fm_keys[k].key,
			    fm_keys[k].meaning);
	}

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
		if (s->date_ok && r->issue_date_ok && date_compare(s->date, r->issue_date) > 0)
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

/* --- documents ---------------------------------------------------------- */

/* Reports every line of TEXT that is not valid UTF-8; TRUE if none. */
static gboolean
check_utf8(run *r, const char *file, const char *text, gsize len)
{
	const char *p = text, *end = text + len;
	int line = 1, bad = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (gsize)(end - p));
		gsize llen = nl ? (gsize)(nl - p) : (gsize)(end - p);
		if (!g_utf8_validate(p, (gssize)llen, NULL) && bad++ < 20)
			diag_emit(r->diags, file, line, DIAG_DOC_UTF8);
		p = nl ? nl + 1 : end;
		line++;
	}
	/* a NUL fails g_utf8_validate with a length: reported as its line */
	return bad == 0;
}

static void
read_document(run *r, const char *name, GRegex *number_re)
{
	source_doc *s = g_new0(source_doc, 1);
	s->name = g_strdup(name);
	s->file = g_build_filename(r->dir, "docs", name, NULL);
	s->fm = g_ptr_array_new_with_free_func(meta_free);
	s->section = -1;
	g_ptr_array_add(r->docs, s);

	char *text;
	gsize len;
	GError *err = NULL;
	if (!g_file_get_contents(s->file, &text, &len, &err)) {
		diag_emit(r->diags, s->file, 0, DIAG_SYS_READ, err->message);
		g_error_free(err);
		return;
	}
	const char *start = text;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {	/* a BOM from Windows editors */
		start += 3;
		len -= 3;
	}
	if (!check_utf8(r, s->file, start, len)) {
		g_free(text);
		return;
	}
	int body_line = 0;
	gssize body = read_front_matter(s->file, start, len, s->fm, &body_line, r->diags);
	if (body >= 0) {
		s->fm_line = 1;
		proof_begin_document(r->proof, s->file);
		validate_document(r, s, number_re);
		s->doc = document_new(NULL, s->file, s->fm_line);
		markdown_add_body(s->doc, start + body, len - (gsize)body, body_line, r->proof);
	}
	g_free(text);
}

static gint
compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static GPtrArray *
list_markdown(const char *docs_dir)
{
	GDir *d = g_dir_open(docs_dir, 0, NULL);
	if (!d)
		return NULL;
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *n;
	while ((n = g_dir_read_name(d)))
		if (g_str_has_suffix(n, ".md") && n[0] != '.')
			g_ptr_array_add(names, g_strdup(n));
	g_dir_close(d);
	g_ptr_array_sort(names, compare_names);
	return names;
}

static void
read_documents(run *r)
{
	char *docs_dir = g_build_filename(r->dir, "docs", NULL);
	GPtrArray *names = list_markdown(docs_dir);
	if (!names || names->len == 0) {
		diag_emit(r->diags, docs_dir, 0, DIAG_NO_DOCS);
	} else {
		GRegex *number_re = number_regex();
		for (guint i = 0; i < names->len; i++)
			read_document(r, names->pdata[i], number_re);
		g_regex_unref(number_re);
	}
	if (names)
		g_ptr_array_unref(names);
	g_free(docs_dir);
}

/* --- interpretations ---------------------------------------------------- */

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
			if (g_file_get_contents(path, &text, &len, NULL) && g_utf8_validate(text, len, NULL)) {
				GPtrArray *fm = g_ptr_array_new_with_free_func(meta_free);
				int body_line;
				read_front_matter(path, text, len, fm, &body_line, NULL);
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
find_by_number(run *r, const char *number)
{
	for (guint i = 0; i < r->docs->len; i++) {
		source_doc *s = r->docs->pdata[i];
		const char *n = s->fm ? fm_value(s, "number") : NULL;
		if (n && strcmp(n, number) == 0)
			return s;
	}
	return NULL;
}

static void
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

/* --- the tree ----------------------------------------------------------- */

static gint
compare_print_order(gconstpointer a, gconstpointer b)
{
	const source_doc *x = *(source_doc *const *)a, *y = *(source_doc *const *)b;
	if (x->section != y->section)
		return x->section < y->section ? -1 : 1;
	return strcmp(x->name, y->name);
}

static gb_tree *
build_tree(run *r)
{
	gb_tree *tree = tree_new();
	char **keys = g_key_file_get_keys(r->ini, "gazette", NULL, NULL);
	for (int i = 0; keys && keys[i]; i++) {
		char *v = g_key_file_get_string(r->ini, "gazette", keys[i], NULL);
		tree_add_gazette(tree, keys[i], v);
		g_free(v);
	}
	g_strfreev(keys);
	keys = g_key_file_get_keys(r->ini, "issue", NULL, NULL);
	for (int i = 0; keys && keys[i]; i++) {
		char *v = g_key_file_get_string(r->ini, "issue", keys[i], NULL);
		tree_add_issue(tree, keys[i], v);
		g_free(v);
	}
	g_strfreev(keys);
	char *canon = g_canonicalize_filename(r->dir, NULL);
	char *name = g_path_get_basename(canon);
	tree_add_issue(tree, "name", name);
	tree_add_issue(tree, "dir", r->dir);
	g_free(name);
	g_free(canon);

	g_ptr_array_sort(r->docs, compare_print_order);
	for (guint i = 0; i < r->docs->len; i++) {
		source_doc *s = r->docs->pdata[i];
		g_free(s->doc->id);
		s->doc->id = g_strdup_printf("d%u", i + 1);
		for (guint k = 0; k < s->fm->len; k++) {
			const gb_meta *m = s->fm->pdata[k];
			document_add_meta(s->doc, m->key, m->value, m->line);
		}
		char *dt = date_text(s->date);
		document_add_meta(s->doc, "date-text", dt, 0);
		g_free(dt);
	}
	/* derived links, now that every document has its ID */
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
	guint next = 0;
	for (guint sec = 0; sec < r->sections->len; sec++) {
		gb_section *section = tree_add_section(tree, r->sections->pdata[sec]);
		while (next < r->docs->len && ((source_doc *)r->docs->pdata[next])->section == (int)sec) {
			source_doc *s = r->docs->pdata[next++];
			section_take_document(section, s->doc);
			s->doc = NULL;
		}
	}

	for (guint i = 0; i < r->diags->list->len; i++) {
		const gb_diag *d = r->diags->list->pdata[i];
		if (d->level == GB_LEVEL_WARNING)
			tree_add_warning(tree, d->file, d->line, d->message);
	}
	return tree;
}

gb_tree *
issue_parse(const char *dir, const gb_issue_options *options, gb_diags *diags)
{
	if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
		diag_emit(diags, dir, 0, DIAG_SYS_NO_ISSUE_DIR, dir);
		return NULL;
	}
	run r = { .dir = dir, .diags = diags };
	r.ini_path = g_build_filename(dir, "issue.ini", NULL);
	r.ini_lines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	r.sections = g_ptr_array_new_with_free_func(g_free);
	r.docs = g_ptr_array_new_with_free_func(source_doc_free);
	r.earlier = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, known_doc_free);

	char *words_path = NULL;
	if (options && options->words) {
		words_path = g_strdup(options->words);
	} else {
		char *canon = g_canonicalize_filename(dir, NULL);
		char *parent = g_path_get_dirname(canon);
		words_path = g_build_filename(parent, "words.txt", NULL);
		if (!g_file_test(words_path, G_FILE_TEST_EXISTS))
			g_clear_pointer(&words_path, g_free);
		g_free(parent);
		g_free(canon);
	}
	if (words_path) {
		GError *err = NULL;
		r.words = words_load(words_path, diags, &err);
		if (!r.words) {
			diag_emit(diags, words_path, 0, DIAG_SYS_READ, err->message);
			g_error_free(err);
		}
	}
	r.proof = proof_new(diags, r.words);

	gboolean ini_ok = read_ini(&r);
	read_documents(&r);
	check_interpretations(&r);

	diags_sort(diags);
	gb_tree *tree = NULL;
	if (ini_ok && diags->worst < GB_LEVEL_ERROR)
		tree = build_tree(&r);

	proof_free(r.proof);
	words_free(r.words);
	g_free(words_path);
	g_free(r.issue_date_str);
	if (r.ini)
		g_key_file_free(r.ini);
	g_hash_table_destroy(r.ini_lines);
	g_hash_table_destroy(r.earlier);
	g_ptr_array_unref(r.sections);
	g_ptr_array_unref(r.docs);
	g_free(r.ini_path);
	return tree;
}
