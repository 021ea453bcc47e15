/* issueini.c — reads issue.ini (SPEC §3) for every stage: cuts comments,
 * notes the line of each group and key, loads the rest as a GLib key file,
 * checks every key against the vocabulary below and gives it typed.  The
 * comment rule is documented in issueini.h. */
#include "issueini.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* The vocabulary of issue.ini: every key SPEC §3 knows, what it means (for
 * the editor's messages) and its rule. */
static const struct ini_key {
	const char *group, *key, *meaning;
	gboolean required;
	int min;		/* >= 0: a whole number of at least MIN */
	int max;		/* and at most MAX (FORMATS.md, "Limits") */
} ini_keys[] = {
	{ "gazette", "title", "刊名", TRUE, -1, 0 },
	{ "gazette", "publisher", "出版单位", TRUE, -1, 0 },
	{ "gazette", "editor", "编辑单位", FALSE, -1, 0 },
	{ "gazette", "address", "地址", FALSE, -1, 0 },
	{ "gazette", "serial", "刊号", FALSE, -1, 0 },
	{ "gazette", "layout", "版式", FALSE, -1, 0 },
	{ "gazette", "signing-key", "签名证书（PKCS#12 文件，相对于本期目录）", FALSE, -1, 0 },
	/* a year of a date YYYY-MM-DD; an issue number, a cumulative number
	 * and a folio of at most five digits (the typesetter's folios); a
	 * copy count of at most four digits (the recipients' rule) */
	{ "issue", "year", "年份", TRUE, 1, 9999 },
	{ "issue", "number", "期号", TRUE, 1, 99999 },
	{ "issue", "cumulative", "总期号", FALSE, 1, 99999 },
	{ "issue", "date", "出版日期", TRUE, -1, 0 },
	{ "issue", "first-page", "起始页码", FALSE, 1, 99999 },
	{ "issue", "reserve-copies", "留存份数", FALSE, 0, 9999 },
	{ "sections", "order", "栏目顺序", TRUE, -1, 0 },
};

static const char *const ini_groups[] = { "gazette", "issue", "sections" };

static const struct ini_key *
ini_key_find(const char *group, const char *key)
{
	for (gsize i = 0; i < G_N_ELEMENTS(ini_keys); i++)
		if (strcmp(ini_keys[i].group, group) == 0 && strcmp(ini_keys[i].key, key) == 0)
			return &ini_keys[i];
	return NULL;
}

/* One reading: the file being built and where its lines stand. */
typedef struct reading {
	gb_issueini *ini;
	gb_diags *diags;
	GHashTable *lines;	/* "group\nkey" or "group" → first line */
} reading;

static void
group_free(gpointer p)
{
	gb_ini_group *g = p;
	g_free(g->name);
	g_ptr_array_unref(g->keys);
	g_free(g);
}

void
issueini_free(gb_issueini *ini)
{
	if (!ini)
		return;
	g_free(ini->path);
	g_ptr_array_unref(ini->groups);
	g_ptr_array_unref(ini->sections);
	g_free(ini);
}

const gb_ini_group *
issueini_group(const gb_issueini *ini, const char *name)
{
	for (guint i = 0; i < ini->groups->len; i++) {
		const gb_ini_group *g = ini->groups->pdata[i];
		if (strcmp(g->name, name) == 0)
			return g;
	}
	return NULL;
}

static const gb_meta *
key_entry(const gb_issueini *ini, const char *group, const char *key)
{
	const gb_ini_group *g = issueini_group(ini, group);
	for (guint i = 0; g && i < g->keys->len; i++) {
		const gb_meta *m = g->keys->pdata[i];
		if (strcmp(m->key, key) == 0)
			return m;
	}
	return NULL;
}

const char *
issueini_value(const gb_issueini *ini, const char *group, const char *key)
{
	const gb_meta *m = key_entry(ini, group, key);
	return m ? m->value : NULL;
}

int
issueini_line(const gb_issueini *ini, const char *group, const char *key)
{
	if (!key) {
		const gb_ini_group *g = issueini_group(ini, group);
		return g ? g->line : 0;
	}
	const gb_meta *m = key_entry(ini, group, key);
	return m ? m->line : 0;
}

long
issueini_parse_count(const char *text, long min)
{
	if (!text || !*text || strlen(text) > 9)
		return -1;
	for (const char *p = text; *p; p++)
		if (!g_ascii_isdigit(*p))
			return -1;
	gint64 v;
	return gb_parse_int(text, min, G_MAXLONG, &v) ? (long)v : -1;
}

gboolean
issueini_count_limits(const char *key, long *min, long *max)
{
	const struct ini_key *k = ini_key_find("issue", key);
	if (!k || k->min < 0)
		return FALSE;
	*min = k->min;
	*max = k->max;
	return TRUE;
}

/* The value V of number key K, or -1 when it is none or out of range. */
static long
key_count(const struct ini_key *k, const char *v)
{
	long n = issueini_parse_count(v, k->min);
	return n > k->max ? -1 : n;
}

char *
issue_title(int year, int number, int cumulative)
{
	if (cumulative > 0)
		return g_strdup_printf("%d年第%d期（总第%d期）", year, number, cumulative);
	return g_strdup_printf("%d年第%d期", year, number);
}

/* --- lines -------------------------------------------------------------- */

/* Cuts an inline comment off VALUE (the rule of issueini.h): a # or ; at
 * its start or after a space or tab.  GKeyFile knows only whole-line
 * comments, and the SPEC's example has inline ones. */
static void
strip_inline_comment(char *value)
{
	for (char *p = value; *p; p++)
		if ((*p == ';' || *p == '#') && (p == value || p[-1] == ' ' || p[-1] == '\t')) {
			*p = '\0';
			break;
		}
	g_strchomp(value);
}

static void
note_line(reading *r, const char *group, const char *key, int lineno)
{
	char *k = key ? g_strdup_printf("%s\n%s", group, key) : g_strdup(group);
	if (!g_hash_table_contains(r->lines, k))
		g_hash_table_insert(r->lines, k, GINT_TO_POINTER(lineno));
	else
		g_free(k);
}

static int
noted_line(const reading *r, const char *group, const char *key)
{
	char *k = key ? g_strdup_printf("%s\n%s", group, key) : g_strdup(group);
	int line = GPOINTER_TO_INT(g_hash_table_lookup(r->lines, k));
	g_free(k);
	return line;
}

/* Rewrites TEXT into what GKeyFile reads, comments cut, noting where each
 * group and key stands; returns NULL after reporting the lines it cannot
 * read. */
static char *
clean_lines(reading *r, const char *text)
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
			note_line(r, group, NULL, lineno);
			g_string_append_printf(out, "%s\n", line);
		} else if (strchr(line, '=') && group && *line != '=') {
			char *eq = strchr(line, '=');
			*eq = '\0';
			char *key = g_strstrip(line), *value = g_strstrip(eq + 1);
			strip_inline_comment(value);
			note_line(r, group, key, lineno);
			g_string_append_printf(out, "%s=%s\n", key, value);
		} else {
			diag_emit(r->diags, r->ini->path, lineno, DIAG_INI_SYNTAX, line);
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

/* The groups and keys of KF, in file order, with their lines. */
static void
take_groups(reading *r, GKeyFile *kf)
{
	char **names = g_key_file_get_groups(kf, NULL);
	for (int i = 0; names[i]; i++) {
		gb_ini_group *g = g_new0(gb_ini_group, 1);
		g->name = g_strdup(names[i]);
		g->line = noted_line(r, names[i], NULL);
		g->keys = g_ptr_array_new_with_free_func(meta_free);
		g_ptr_array_add(r->ini->groups, g);
		char **keys = g_key_file_get_keys(kf, names[i], NULL, NULL);
		for (int k = 0; keys && keys[k]; k++) {
			int line = noted_line(r, names[i], keys[k]);
			char *v = g_key_file_get_string(kf, names[i], keys[k], NULL);
			if (v) {
				g_ptr_array_add(g->keys, meta_new(keys[k], v, line));
			} else {
				char *raw = g_key_file_get_value(kf, names[i], keys[k], NULL);
				diag_emit(r->diags, r->ini->path, line, DIAG_INI_BAD_VALUE, names[i],
				    keys[k], raw ? raw : "");
				g_free(raw);
			}
			g_free(v);
		}
		g_strfreev(keys);
	}
	g_strfreev(names);
}

/* Reads the file into R->ini->groups; FALSE after reporting why not. */
static gboolean
load(reading *r)
{
	char *text;
	GError *err = NULL;
	const char *path = r->ini->path;
	gsize len;
	if (!gb_read_input(path, GB_MAX_TEXT_INPUT, &text, &len, &err)) {
		/* a directory, a FIFO, too large: said as such; else it is missing */
		if (err->domain == GB_DIAG_ERROR && diag_level((gb_diag_id)err->code) == GB_LEVEL_ERROR)
			diags_add_error(r->diags, path, 0, err);
		else {
			char *why = diag_error_text(err, path);
			diag_emit(r->diags, path, 0, DIAG_INI_MISSING, why);
			g_free(why);
		}
		g_error_free(err);
		return FALSE;
	}
	int nul = gb_nul_line(text, len);
	if (nul) {
		diag_emit(r->diags, path, nul, DIAG_UTIL_NUL);
		g_free(text);
		return FALSE;
	}
	const char *end;
	if (!g_utf8_validate(text, -1, &end)) {
		int line = 1;
		for (const char *p = text; p < end; p++)
			line += *p == '\n';
		diag_emit(r->diags, path, line, DIAG_INI_UTF8);
		g_free(text);
		return FALSE;
	}
	/* a BOM, as Windows editors write it, is no part of the first line */
	const char *start = g_str_has_prefix(text, "\xEF\xBB\xBF") ? text + 3 : text;
	char *clean = clean_lines(r, start);
	g_free(text);
	if (!clean)
		return FALSE;
	GKeyFile *kf = g_key_file_new();
	gboolean ok = g_key_file_load_from_data(kf, clean, -1, G_KEY_FILE_NONE, &err);
	g_free(clean);
	if (ok) {
		take_groups(r, kf);
	} else {
		diag_emit(r->diags, path, 0, DIAG_INI_SYNTAX, err->message);
		g_error_free(err);
	}
	g_key_file_free(kf);
	return ok;
}

/* --- the rules ---------------------------------------------------------- */

/* Every group there, every key known, required keys present and not
 * empty, numbers whole and large enough. */
static void
check_keys(reading *r)
{
	const gb_issueini *ini = r->ini;
	for (gsize g = 0; g < G_N_ELEMENTS(ini_groups); g++)
		if (!issueini_group(ini, ini_groups[g]))
			diag_emit(r->diags, ini->path, 0, DIAG_INI_MISSING_GROUP, ini_groups[g]);

	for (gsize i = 0; i < G_N_ELEMENTS(ini_keys); i++) {
		const struct ini_key *k = &ini_keys[i];
		const char *v = issueini_value(ini, k->group, k->key);
		if (!v || !*v) {
			if (k->required && issueini_group(ini, k->group))
				diag_emit(r->diags, ini->path, v ? issueini_line(ini, k->group, k->key)
				    : issueini_line(ini, k->group, NULL), DIAG_INI_MISSING_KEY, k->group,
				    k->key, k->meaning);
		} else if (k->min >= 0 && key_count(k, v) < 0) {
			diag_emit(r->diags, ini->path, issueini_line(ini, k->group, k->key),
			    DIAG_INI_BAD_NUMBER, k->group, k->key, v, k->min, k->max);
		}
	}

	for (guint g = 0; g < ini->groups->len; g++) {
		const gb_ini_group *group = ini->groups->pdata[g];
		for (guint i = 0; i < group->keys->len; i++) {
			const gb_meta *m = group->keys->pdata[i];
			if (!ini_key_find(group->name, m->key))
				diag_emit(r->diags, ini->path, m->line, DIAG_INI_UNKNOWN_KEY, group->name,
				    m->key);
		}
	}
}

static void
check_date(reading *r)
{
	gb_issueini *ini = r->ini;
	const char *date = issueini_value(ini, "issue", "date");
	if (!date || !*date)
		return;
	if (date_parse(date, &ini->date) != GB_DATE_OK) {
		diag_emit(r->diags, ini->path, issueini_line(ini, "issue", "date"), DIAG_INI_BAD_DATE,
		    date);
		ini->date = (gb_date){ 0 };
		return;
	}
	ini->date_ok = TRUE;
	ini->date_iso = date;
	const char *year = issueini_value(ini, "issue", "year");
	if (year && issueini_parse_count(year, 1) > 0 && issueini_parse_count(year, 1) != ini->date.year)
		diag_emit(r->diags, ini->path, issueini_line(ini, "issue", "year"),
		    DIAG_INI_YEAR_MISMATCH, year, date);
}

/* [sections] order: names separated by ; or the full-width ； (what a
 * Chinese keyboard gives), none empty, none twice. */
static void
read_sections(reading *r)
{
	gb_issueini *ini = r->ini;
	const char *order = issueini_value(ini, "sections", "order");
	if (!order || !*order)
		return;
	int line = issueini_line(ini, "sections", "order");
	char **parts = g_strsplit(order, "；", -1);
	char *norm = g_strjoinv(";", parts);
	g_strfreev(parts);
	parts = g_strsplit(norm, ";", -1);
	for (int i = 0; parts[i]; i++) {
		char *name = g_strstrip(parts[i]);
		if (!*name) {
			if (parts[i + 1] || i == 0)
				diag_emit(r->diags, ini->path, line, DIAG_INI_EMPTY_SECTION);
			continue;
		}
		gboolean dup = FALSE;
		for (guint j = 0; j < ini->sections->len; j++)
			dup |= strcmp(ini->sections->pdata[j], name) == 0;
		if (dup)
			diag_emit(r->diags, ini->path, line, DIAG_INI_DUPLICATE_SECTION, name);
		else
			g_ptr_array_add(ini->sections, g_strdup(name));
	}
	g_strfreev(parts);
	g_free(norm);
}

/* A value that is there and not empty, else NULL. */
static const char *
present(const gb_issueini *ini, const char *group, const char *key)
{
	const char *v = issueini_value(ini, group, key);
	return v && *v ? v : NULL;
}

/* A number key: DEF when absent, 0 when it breaks its rule (reported). */
static int
count_of(const gb_issueini *ini, const char *key, long min, int def)
{
	const char *v = present(ini, "issue", key);
	if (!v)
		return def;
	const struct ini_key *k = ini_key_find("issue", key);
	long n = k ? key_count(k, v) : issueini_parse_count(v, min);
	return n < 0 ? 0 : (int)n;
}

static void
take_typed(gb_issueini *ini)
{
	ini->title = present(ini, "gazette", "title");
	ini->publisher = present(ini, "gazette", "publisher");
	ini->editor = present(ini, "gazette", "editor");
	ini->address = present(ini, "gazette", "address");
	ini->serial = present(ini, "gazette", "serial");
	ini->layout = present(ini, "gazette", "layout");
	ini->year = count_of(ini, "year", 1, 0);
	ini->number = count_of(ini, "number", 1, 0);
	ini->cumulative = count_of(ini, "cumulative", 1, 0);
	ini->first_page = count_of(ini, "first-page", 1, 1);
	ini->reserve_copies = count_of(ini, "reserve-copies", 0, 0);
}

gb_issueini *
issueini_read(const char *path, gb_diags *diags)
{
	gb_issueini *ini = g_new0(gb_issueini, 1);
	ini->path = g_strdup(path);
	ini->groups = g_ptr_array_new_with_free_func(group_free);
	ini->sections = g_ptr_array_new_with_free_func(g_free);
	reading r = { ini, diags, g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL) };
	gboolean ok = load(&r);
	g_hash_table_destroy(r.lines);
	if (!ok) {
		issueini_free(ini);
		return NULL;
	}
	check_keys(&r);
	check_date(&r);
	read_sections(&r);
	take_typed(ini);
	return ini;
}
