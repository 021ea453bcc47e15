/* frontmatter.c — a document's front matter (SPEC §3): the vocabulary of
 * its keys, the reading of the `key: value` lines between the two ---, and
 * the checks of the keys themselves (known, once each, required ones
 * there).  The rules of each value are validate.c's. */
#include "source.h"
#include "docmeta.h"

#include <string.h>

/* The vocabulary of the keys is docmeta.h's fm_keys (one owner for the
 * parser and the typesetter). */

/* --- reading ------------------------------------------------------------ */

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

static void
add_entry(GPtrArray *fm, const char *line, gsize klen, const char *value, int lineno)
{
	char *key = g_strstrip(g_strndup(line, klen));
	char *v = g_strstrip(g_strdup(value));
	g_ptr_array_add(fm, meta_new(key, v, lineno));
	g_free(key);
	g_free(v);
}

/* One stripped, non-empty line LINE (number LINENO) between the fences:
 * `key: value` into FM, anything else reported. */
static void
read_line(const char *file, const char *line, int lineno, GPtrArray *fm, gb_diags *diags)
{
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
		add_entry(fm, line, klen, colon + 1, lineno);
	} else if (wide) {
		char *key = g_strstrip(g_strndup(line, (gsize)(wide - line)));
		diag_emit(diags, file, lineno, DIAG_FM_FULLWIDTH_COLON, key);
		g_free(key);
	} else {
		diag_emit(diags, file, lineno, DIAG_FM_SYNTAX, line);
	}
}

/* The same line read quietly (earlier issues): keep what reads. */
static void
read_line_quietly(const char *line, int lineno, GPtrArray *fm)
{
	const char *colon = strchr(line, ':');
	if (colon && colon > line)
		add_entry(fm, line, (gsize)(colon - line), colon + 1, lineno);
}

gssize
front_matter_read(const char *file, const char *text, gsize len, GPtrArray *fm,
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
			if (*line && *line != '#') {
				if (diags)
					read_line(file, line, lineno, fm, diags);
				else
					read_line_quietly(line, lineno, fm);
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

/* --- looking up --------------------------------------------------------- */

const gb_meta *
fm_entry(const source_doc *s, const char *key)
{
	for (guint i = 0; i < s->fm->len; i++) {
		const gb_meta *m = s->fm->pdata[i];
		if (strcmp(m->key, key) == 0)
			return m;
	}
	return NULL;
}

const char *
fm_value(const source_doc *s, const char *key)
{
	const gb_meta *m = fm_entry(s, key);
	return m ? m->value : NULL;
}

/* --- the keys ----------------------------------------------------------- */

void
front_matter_check_keys(run *r, const source_doc *s)
{
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
}
