/* fix.c — gongbao-parse --fix (fix.h): lint.c finds, here the findings that
 * have a replacement are applied to the source, line by line, where the
 * source is text: Markdown's own syntax (block markers, table pipes, link
 * destinations, HTML, escapes, code fences) and front-matter keys are left
 * as they are. */
#include "fix.h"
#include "cjk.h"
#include "unseen.h"
#include "lint.h"
#include "source.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct fixer {
	gb_linter *linter;
	const char *file;
	GString *report;	/* the changes of the file being fixed */
	guint changes;
} fixer;

/* Appends LEN bytes of S with what cannot be seen named (【U+200B】). */
static void
append_visible(GString *out, const char *s, gsize len)
{
	for (const char *p = s; p < s + len; p = g_utf8_next_char(p)) {
		unseen_append(out, g_utf8_get_char(p));
	}
}

/* The text around a finding, two characters either side, with MIDDLE in
 * the place of bytes [START, END). */
static char *
around(const char *text, gsize start, gsize end, const char *middle)
{
	const char *a = text + start, *b = text + end;
	for (int i = 0; i < 2 && a > text; i++)
		a = g_utf8_prev_char(a);
	for (int i = 0; i < 2 && *b; i++)
		b = g_utf8_next_char(b);
	GString *s = g_string_new(NULL);
	append_visible(s, a, (gsize)(text + start - a));
	append_visible(s, middle, strlen(middle));
	append_visible(s, text + end, (gsize)(b - (text + end)));
	return g_string_free(s, FALSE);
}

/* The end of a link destination and title that start at P, after "](":
 * parentheses nest (CommonMark), <…> encloses. */
static const char *
destination_end(const char *p)
{
	if (*p == '<') {
		const char *q = strchr(p, '>');
		p = q ? q + 1 : p + 1;
	}
	int depth = 0;
	for (; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')') {
			if (depth-- == 0)
				return p + 1;
		}
	}
	return p;
}

/* Byte ranges of SEG that are markup, not text: link destinations,
 * autolinks and tags, backslash escapes. */
static GArray *
markup_ranges(const char *seg)
{
	GArray *r = g_array_new(FALSE, FALSE, sizeof(gsize));
	for (const char *p = seg; *p;) {
		const char *e = p;
		if (*p == '\\' && g_ascii_ispunct(p[1]))
			e = p + 2;
		else if (p[0] == ']' && p[1] == '(')
			e = destination_end(p + 2);
		else if (*p == '<' && (g_ascii_isalpha(p[1]) || p[1] == '/' || p[1] == '!')) {
			const char *q = strchr(p, '>');
			e = q ? q + 1 : p;
		}
		if (e == p) {
			p++;
			continue;
		}
		gsize v[2] = { (gsize)(p - seg), (gsize)(e - seg) };
		g_array_append_vals(r, v, 2);
		p = e;
	}
	return r;
}

/* SEG corrected (to be freed), its changes reported as on source LINE.  A
 * correction never makes another (lint.c's findings are final), but the
 * text is looked at again until nothing is found, to be sure. */
static char *
fix_segment(fixer *f, const char *seg, int line)
{
	char *text = g_strdup(seg);
	for (int pass = 0; pass < 3; pass++) {
		GArray *skip = markup_ranges(text);
		GArray *found = lint_find(f->linter, text, skip);
		guint applied = 0;
		for (guint i = 0; i < found->len; i++) {
			const gb_lint *l = &g_array_index(found, gb_lint, i);
			if (!l->replacement)
				continue;
			gsize s = l->byte_start, e = s + l->byte_length;
			char *old = g_strndup(text + s, e - s);
			char *was = around(text, s, e, old), *now = around(text, s, e, l->replacement);
			char *change = diag_text(DIAG_FIX_CHANGE, was, now);
			g_string_append_printf(f->report, "%s:%d: %s\n", f->file, line, change);
			g_free(change);
			g_free(old);
			g_free(was);
			g_free(now);
			applied++;
		}
		char *next = applied ? lint_apply(text, found) : NULL;
		g_array_free(found, TRUE);
		g_array_free(skip, TRUE);
		f->changes += applied;
		if (!next)
			break;
		g_free(text);
		text = next;
	}
	return text;
}

/* The length of a line's block markers: indentation, > of a quotation, #
 * of a heading, the marker of a list item. */
static gsize
block_prefix(const char *line)
{
	const char *p = line;
	for (int i = 0; i < 3 && *p == ' '; i++)
		p++;
	for (;;) {
		const char *q = p;
		if (*q == '>') {
			q++;
			if (*q == ' ')
				q++;
		} else if (*q == '#') {
			while (*q == '#' && q - p < 6)
				q++;
			if (*q != ' ' && *q)
				return (gsize)(p - line);
			while (*q == ' ')
				q++;
		} else if ((*q == '-' || *q == '*' || *q == '+') && q[1] == ' ') {
			q += 2;
		} else if (g_ascii_isdigit(*q)) {
			while (g_ascii_isdigit(*q) && q - p < 9)
				q++;
			if ((*q != '.' && *q != ')') || q[1] != ' ')
				return (gsize)(p - line);
			q += 2;
		}
		if (q == p)
			return (gsize)(p - line);
		p = q;
	}
}

/* Appends LINE (without its newline) corrected to OUT: a table row cell by
 * cell, any other line after its block markers. */
static void
fix_body_line(fixer *f, GString *out, const char *line, int lineno)
{
	gsize pre = block_prefix(line);
	g_string_append_len(out, line, (gssize)pre);
	const char *p = line + pre;
	gboolean row = *p == '|';
	while (*p) {
		const char *e = p;
		if (row) {
			if (*e == '|') {
				g_string_append_c(out, '|');
				p = e + 1;
				continue;
			}
			while (*e && !(*e == '|' && (e == p || e[-1] != '\\')))
				e++;
		} else {
			e = p + strlen(p);
		}
		char *seg = g_strndup(p, (gsize)(e - p));
		char *fixed = fix_segment(f, seg, lineno);
		g_string_append(out, fixed);
		g_free(fixed);
		g_free(seg);
		p = e;
	}
}

/* A front-matter line: only the values that are printed (and proofread,
 * validate.c) are text; the key and its colon stay as they are. */
static void
fix_front_line(fixer *f, GString *out, const char *line, int lineno)
{
	static const char *const printed[] = { "title", "to", "cc" };
	const char *colon = strchr(line, ':');
	gsize klen = colon ? (gsize)(colon - line) : 0;
	gboolean text = FALSE;
	for (gsize k = 0; colon && k < G_N_ELEMENTS(printed); k++)
		text |= klen == strlen(printed[k]) && strncmp(line, printed[k], klen) == 0;
	if (!text) {
		g_string_append(out, line);
		return;
	}
	const char *v = colon + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	g_string_append_len(out, line, v - line);
	char *fixed = fix_segment(f, v, lineno);
	g_string_append(out, fixed);
	g_free(fixed);
}

/* A fence of code (``` or ~~~) or the start of an HTML block: not text. */
static gboolean
is_fence(const char *line)
{
	while (*line == ' ')
		line++;
	return g_str_has_prefix(line, "```") || g_str_has_prefix(line, "~~~");
}

static gboolean
is_html_start(const char *line)
{
	while (*line == ' ')
		line++;
	return line[0] == '<' && (g_ascii_isalpha(line[1]) || line[1] == '/' || line[1] == '!');
}

static gboolean
is_blank_line(const char *line)
{
	while (*line == ' ' || *line == '\t')
		line++;
	return *line == '\0';
}

enum part { START, FRONT, BODY, CODE, HTML };

/* Appends LINE corrected as its part of the document asks; returns the
 * part the next line is in. */
static enum part
fix_line(fixer *f, GString *out, const char *line, int lineno, enum part part)
{
	gboolean dashes = strcmp(line, "---") == 0;
	switch (part) {
	case START:
		if (dashes) {
			g_string_append(out, line);
			return FRONT;
		}
		return fix_line(f, out, line, lineno, BODY);
	case FRONT:
		if (dashes) {
			g_string_append(out, line);
			return BODY;
		}
		fix_front_line(f, out, line, lineno);
		return FRONT;
	case CODE:
		g_string_append(out, line);
		return is_fence(line) ? BODY : CODE;
	case HTML:
		g_string_append(out, line);
		return is_blank_line(line) ? BODY : HTML;
	default:
		if (is_fence(line) || is_html_start(line)) {
			g_string_append(out, line);
			return is_fence(line) ? CODE : HTML;
		}
		fix_body_line(f, out, line, lineno);
		return BODY;
	}
}

/* TEXT (a whole document, its BOM and line ends kept) corrected, to be
 * freed. */
static char *
fix_text(fixer *f, const char *text)
{
	GString *out = g_string_new(NULL);
	const char *p = text;
	if (g_str_has_prefix(p, "\xEF\xBB\xBF")) {
		g_string_append(out, "\xEF\xBB\xBF");
		p += 3;
	}
	enum part part = START;
	for (int lineno = 1; *p; lineno++) {
		const char *nl = strchr(p, '\n');
		gsize len = nl ? (gsize)(nl - p) : strlen(p);
		gsize cr = len && p[len - 1] == '\r' ? 1 : 0;
		char *line = g_strndup(p, len - cr);
		part = fix_line(f, out, line, lineno, part);
		g_string_append_len(out, p + len - cr, (gssize)(cr + (nl ? 1 : 0)));
		g_free(line);
		p = nl ? nl + 1 : p + len;
	}
	return g_string_free(out, FALSE);
}

/* Writes DATA over PATH whole or not at all, keeping its mode. */
static gboolean
replace_file(const char *path, const char *data, mode_t mode, GError **error)
{
	gb_output *out = gb_output_open(path, error);
	if (!out)
		return FALSE;
	FILE *file = gb_output_file(out);
	gsize len = strlen(data);
	if ((len && fwrite(data, 1, len, file) != len) || fchmod(fileno(file), mode & 07777) != 0) {
		diag_set_error(error, path, 0, DIAG_UTIL_WRITE_FAILED, g_strerror(errno));
		gb_output_abort(out);
		return FALSE;
	}
	/* a test stops the program here: the original must be as it was */
	gb_fault_point("fix-before-rename");
	return gb_output_commit(out, error);
}

/* Fixes one document; FALSE on a failure to read or write it. */
static gboolean
fix_file(fixer *f, const char *path, FILE *out, gb_diags *diags, guint *files)
{
	char *text;
	gsize len;
	GError *err = NULL;
	struct stat st;
	if (!gb_read_input(path, GB_MAX_TEXT_INPUT, &text, &len, &err) || stat(path, &st) != 0) {
		diag_emit(diags, path, 0, DIAG_SYS_READ, err ? err->message : g_strerror(errno));
		g_clear_error(&err);
		return FALSE;
	}
	if (!g_utf8_validate(text, (gssize)len, NULL)) {
		/* not text as it stands (or a NUL in it): parse says where */
		diag_emit(diags, path, 0, DIAG_DOC_UTF8);
		g_free(text);
		return TRUE;
	}
	f->file = path;
	g_string_truncate(f->report, 0);
	guint before = f->changes;
	char *fixed = fix_text(f, text);
	gboolean ok = TRUE;
	if (strcmp(fixed, text) != 0) {
		/* a document that is a symbolic link: its target is rewritten, the
		 * link stays */
		char *target = realpath(path, NULL);
		ok = replace_file(target ? target : path, fixed, st.st_mode, &err);
		free(target);
		if (ok) {
			fputs(f->report->str, out);
			(*files)++;
		} else {
			diag_emit(diags, path, 0, DIAG_SYS_WRITE_FIX, err->message);
			g_error_free(err);
			f->changes = before;
		}
	}
	g_free(fixed);
	g_free(text);
	return ok;
}

int
fix_issue(const char *dir, FILE *out, gb_diags *diags)
{
	char *docs = g_build_filename(dir, "docs", NULL);
	GPtrArray *names = list_markdown(docs);
	if (!names) {
		diag_emit(diags, dir, 0, DIAG_SYS_NO_ISSUE_DIR, docs);
		g_free(docs);
		return diags_exit_status(diags);
	}
	fixer f = { linter_new(), NULL, g_string_new(NULL), 0 };
	guint files = 0;
	for (guint i = 0; i < names->len; i++) {
		char *path = g_build_filename(docs, names->pdata[i], NULL);
		fix_file(&f, path, out, diags, &files);
		g_free(path);
	}
	char *count = diag_text(DIAG_FIX_COUNT, f.changes, files);
	fprintf(out, "%s\n", count);
	fflush(out);
	g_free(count);
	linter_free(f.linter);
	g_string_free(f.report, TRUE);
	g_ptr_array_unref(names);
	g_free(docs);
	return diags_exit_status(diags);
}
