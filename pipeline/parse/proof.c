/* proof.c — proofreading warnings on the body text of a document, as a
 * gazette's 校对 would mark them: what the SPEC lists for gongbao-parse to
 * warn about.  It only reports; the text goes into the tree as written. */
#include "proof.h"
#include "cjk.h"

#include <stdlib.h>
#include <string.h>

/* --- Chinese numerals --------------------------------------------------- */

static int
cn_digit(gunichar c)
{
	static const gunichar digits[] = { 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
		0x516D, 0x4E03, 0x516B, 0x4E5D };	/* 零一二三四五六七八九 */
	for (int i = 0; i < 10; i++)
		if (c == digits[i])
			return i;
	if (c == 0x3007)	/* 〇 */
		return 0;
	if (c == 0x4E24)	/* 两 */
		return 2;
	return -1;
}

static gboolean
cn_numeral_char(gunichar c)
{
	return cn_digit(c) >= 0 || c == 0x5341 || c == 0x767E;	/* 十 百 */
}

int
cn_numeral_value(const char *text, gsize len)
{
	int total = 0, cur = 0;
	gboolean any = FALSE;
	for (const char *p = text; p < text + len; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		int d = cn_digit(c);
		if (d >= 0) {
			cur = d;
		} else if (c == 0x5341) {	/* 十 */
			total += (cur ? cur : 1) * 10;
			cur = 0;
		} else if (c == 0x767E) {	/* 百 */
			total += (cur ? cur : 1) * 100;
			cur = 0;
		} else {
			return -1;
		}
		any = TRUE;
	}
	return any ? total + cur : -1;
}

char *
cn_numeral(int n)
{
	static const char *digit[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	GString *s = g_string_new(NULL);
	if (n <= 0 || n > 999) {
		g_string_printf(s, "%d", n);
		return g_string_free(s, FALSE);
	}
	int h = n / 100, t = n / 10 % 10, u = n % 10;
	if (h)
		g_string_append_printf(s, "%s百", digit[h]);
	if (t) {
		/* 十一, not 一十一, when it stands first */
		if (h || t > 1)
			g_string_append(s, digit[t]);
		g_string_append(s, "十");
	} else if (h && u) {
		g_string_append(s, "零");
	}
	if (u)
		g_string_append(s, digit[u]);
	return g_string_free(s, FALSE);
}

/* --- the word list ------------------------------------------------------ */

typedef struct word {
	char *wrong;
	char *right;		/* NULL for a word that is only to be checked */
} word;

struct gb_words {
	GPtrArray *list;	/* word* */
};

static void
word_free(gpointer p)
{
	word *w = p;
	g_free(w->wrong);
	g_free(w->right);
	g_free(w);
}

gb_words *
words_load(const char *path, gb_diags *diags, GError **error)
{
	char *text;
	gsize len;
	if (!g_file_get_contents(path, &text, &len, error))
		return NULL;
	gb_words *words = g_new0(gb_words, 1);
	words->list = g_ptr_array_new_with_free_func(word_free);
	/* a BOM from a Windows editor would stick to the first word */
	gsize bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	char **lines = g_strsplit(text + bom, "\n", -1);
	for (int i = 0; lines[i]; i++) {
		char *line = g_strstrip(lines[i]);
		if (!*line || *line == '#')
			continue;
		if (!g_utf8_validate(line, -1, NULL)) {
			diag_emit(diags, path, i + 1, DIAG_DOC_UTF8);
			continue;
		}
		char **f = g_strsplit(line, "\t", -1);
		guint n = g_strv_length(f);
		if (n > 2) {
			diag_emit(diags, path, i + 1, DIAG_WORDS_FILE);
		} else {
			word *w = g_new0(word, 1);
			w->wrong = g_strdup(g_strstrip(f[0]));
			w->right = n == 2 && *g_strstrip(f[1]) ? g_strdup(f[1]) : NULL;
			if (*w->wrong)
				g_ptr_array_add(words->list, w);
			else
				word_free(w);
		}
		g_strfreev(f);
	}
	g_strfreev(lines);
	g_free(text);
	return words;
}

void
words_free(gb_words *words)
{
	if (!words)
		return;
	g_ptr_array_unref(words->list);
	g_free(words);
}

guint
words_count(const gb_words *words)
{
	return words ? words->list->len : 0;
}

/* --- the proofreader ---------------------------------------------------- */

enum numbering {
	NUM_NONE, NUM_CN_DUN, NUM_CN_PAREN, NUM_AR_DOT, NUM_AR_PAREN,
	NUM_ZHANG, NUM_JIE, NUM_BIAN, NUM_BUFEN
};

struct gb_proof {
	gb_diags *diags;
	const gb_words *words;
	const char *file;
	GRegex *number_re;
	/* the last numbered heading of each level under the current parent */
	struct { enum numbering style; int value; } level[5];
};

gb_proof *
proof_new(gb_diags *diags, const gb_words *words)
{
	gb_proof *p = g_new0(gb_proof, 1);
	p->diags = diags;
	p->words = words;
	p->file = "-";
	/* a document number in running text with the year in the wrong
	 * brackets: 国办发(1985)49号, 人薪发［1995］32号 */
	p->number_re = g_regex_new("(?<=\\p{Han})[\\[［【(（]((?:19|20)[0-9]{2})[\\]］】)）]"
	    "([0-9]{1,5})号", G_REGEX_OPTIMIZE, 0, NULL);
	return p;
}

void
proof_free(gb_proof *proof)
{
	if (!proof)
		return;
	g_regex_unref(proof->number_re);
	g_free(proof);
}

void
proof_begin_document(gb_proof *proof, const char *file)
{
	proof->file = file;
	memset(proof->level, 0, sizeof proof->level);
}

void
proof_attachment(gb_proof *proof)
{
	memset(proof->level, 0, sizeof proof->level);
}

int
linemark_line(const GArray *marks, gsize offset)
{
	if (!marks || marks->len == 0)
		return 0;
	guint lo = 0, hi = marks->len;	/* the last mark at or before OFFSET */
	while (hi - lo > 1) {
		guint mid = (lo + hi) / 2;
		if (g_array_index(marks, gb_linemark, mid).offset <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return g_array_index(marks, gb_linemark, lo).line;
}

/* A decoded character and where it starts in the text. */
typedef struct uchar {
	gunichar c;
	gsize off;
} uchar;

static GArray *
decode(const char *text)
{
	GArray *a = g_array_new(FALSE, FALSE, sizeof(uchar));
	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		uchar u = { g_utf8_get_char(p), (gsize)(p - text) };
		g_array_append_val(a, u);
	}
	return a;
}

#define UC(a, i) (g_array_index((a), uchar, (i)))

static const char *
fullwidth_of(gunichar c)
{
	switch (c) {
	case ',': return "，";
	case ';': return "；";
	case ':': return "：";
	case '(': return "（";
	case ')': return "）";
	case '?': return "？";
	case '!': return "！";
	default: return NULL;
	}
}

/* Byte ranges of document numbers found in running text: their brackets
 * are reported once, as such, not again as half-width punctuation. */
static GArray *
check_text_numbers(gb_proof *p, const char *text, const GArray *marks)
{
	GArray *ranges = g_array_new(FALSE, FALSE, sizeof(gsize));
	if (!strstr(text, "号"))
		return ranges;
	GMatchInfo *mi;
	g_regex_match(p->number_re, text, 0, &mi);
	while (g_match_info_matches(mi)) {
		int s, e;
		g_match_info_fetch_pos(mi, 0, &s, &e);
		char *whole = g_match_info_fetch(mi, 0);
		char *year = g_match_info_fetch(mi, 1);
		char *num = g_match_info_fetch(mi, 2);
		char *fixed = g_strdup_printf("〔%s〕%s号", year, num);
		diag_emit(p->diags, p->file, linemark_line(marks, s), DIAG_TEXT_NUMBER_BRACKETS,
		    whole, fixed);
		gsize r[2] = { (gsize)s, (gsize)e };
		g_array_append_vals(ranges, r, 2);
		g_free(whole);
		g_free(year);
		g_free(num);
		g_free(fixed);
		g_match_info_next(mi, NULL);
	}
	g_match_info_free(mi);
	return ranges;
}

static gboolean
in_ranges(const GArray *ranges, gsize off)
{
	for (guint i = 0; i + 1 < ranges->len; i += 2)
		if (off >= g_array_index(ranges, gsize, i) && off < g_array_index(ranges, gsize, i + 1))
			return TRUE;
	return FALSE;
}

static void
check_halfwidth(gb_proof *p, const GArray *u, const GArray *marks, const GArray *skip)
{
	for (guint i = 0; i < u->len; i++) {
		const char *full = fullwidth_of(UC(u, i).c);
		if (!full || in_ranges(skip, UC(u, i).off))
			continue;
		/* the nearest characters either side, spaces skipped: 1,204 and
		 * 10:30 have digits there, "(see below)" Latin letters */
		int j = (int)i - 1;
		while (j >= 0 && UC(u, j).c == ' ')
			j--;
		guint k = i + 1;
		while (k < u->len && UC(u, k).c == ' ')
			k++;
		gboolean cjk = (j >= 0 && cjk_is_full_width(UC(u, j).c)) || (k < u->len && cjk_is_full_width(UC(u, k).c));
		if (!cjk)
			continue;
		char half[2] = { (char)UC(u, i).c, 0 };
		diag_emit(p->diags, p->file, linemark_line(marks, UC(u, i).off), DIAG_HALFWIDTH_PUNCT,
		    half, full);
	}
}

static void
check_spaces(gb_proof *p, const char *text, const GArray *u, const GArray *marks)
{
	for (guint i = 1; i < u->len; i++) {
		if (UC(u, i).c != ' ' || UC(u, i - 1).c == ' ')
			continue;
		guint e = i;
		while (e < u->len && UC(u, e).c == ' ')
			e++;
		if (e < u->len && cjk_is_full_width(UC(u, i - 1).c) && cjk_is_full_width(UC(u, e).c)) {
			gsize from = UC(u, i - 1).off;
			gsize to = e + 1 < u->len ? UC(u, e + 1).off : strlen(text);
			char *context = g_strndup(text + from, to - from);
			diag_emit(p->diags, p->file, linemark_line(marks, UC(u, i).off),
			    DIAG_SPACE_BETWEEN_CJK, context);
			g_free(context);
		}
		i = e;
	}
}

static void
check_pairs(gb_proof *p, const GArray *u, const GArray *marks)
{
	static const struct { gunichar open, close; const char *o, *c; } pairs[] = {
		{ 0x300A, 0x300B, "《", "》" },
		{ 0x201C, 0x201D, "“", "”" },
		{ 0xFF08, 0xFF09, "（", "）" },
	};
	for (gsize k = 0; k < G_N_ELEMENTS(pairs); k++) {
		GArray *open = g_array_new(FALSE, FALSE, sizeof(gsize));
		for (guint i = 0; i < u->len; i++) {
			if (UC(u, i).c == pairs[k].open) {
				g_array_append_val(open, UC(u, i).off);
			} else if (UC(u, i).c == pairs[k].close) {
				if (open->len)
					g_array_set_size(open, open->len - 1);
				else
					diag_emit(p->diags, p->file, linemark_line(marks, UC(u, i).off),
					    DIAG_UNBALANCED, pairs[k].c, pairs[k].o);
			}
		}
		for (guint i = 0; i < open->len; i++)
			diag_emit(p->diags, p->file, linemark_line(marks, g_array_index(open, gsize, i)),
			    DIAG_UNBALANCED, pairs[k].o, pairs[k].c);
		g_array_free(open, TRUE);
	}
}

/* Is the WRONG found at POS part of the RIGHT word around it (the right
 * word contains the wrong one: 帐 → 账 never, but 作 → 做作 would)? */
static gboolean
inside_right(const char *text, const char *pos, const word *w)
{
	if (!w->right)
		return FALSE;
	for (const char *r = strstr(w->right, w->wrong); r; r = strstr(r + 1, w->wrong)) {
		gsize k = (gsize)(r - w->right);
		if ((gsize)(pos - text) >= k && strncmp(pos - k, w->right, strlen(w->right)) == 0)
			return TRUE;
	}
	return FALSE;
}

static void
check_words(gb_proof *p, const char *text, const GArray *marks)
{
	if (!p->words)
		return;
	for (guint i = 0; i < p->words->list->len; i++) {
		const word *w = p->words->list->pdata[i];
		gsize wl = strlen(w->wrong);
		for (const char *pos = strstr(text, w->wrong); pos; pos = strstr(pos + wl, w->wrong)) {
			if (inside_right(text, pos, w))
				continue;
			int line = linemark_line(marks, (gsize)(pos - text));
			if (w->right)
				diag_emit(p->diags, p->file, line, DIAG_WORD_WRONG, w->wrong, w->right);
			else
				diag_emit(p->diags, p->file, line, DIAG_WORD_SENSITIVE, w->wrong);
		}
	}
}

void
proof_text(gb_proof *proof, const char *text, const GArray *marks)
{
	if (!text || !*text)
		return;
	GArray *u = decode(text);
	GArray *numbers = check_text_numbers(proof, text, marks);
	check_halfwidth(proof, u, marks, numbers);
	check_spaces(proof, text, u, marks);
	check_pairs(proof, u, marks);
	check_words(proof, text, marks);
	g_array_free(numbers, TRUE);
	g_array_free(u, TRUE);
}

void
proof_text_at(gb_proof *proof, const char *text, int line)
{
	GArray *marks = g_array_sized_new(FALSE, FALSE, sizeof(gb_linemark), 1);
	gb_linemark m = { 0, line };
	g_array_append_val(marks, m);
	proof_text(proof, text, marks);
	g_array_free(marks, TRUE);
}

/* --- heading numbers ---------------------------------------------------- */

static gboolean
skip_prefix(const char **p, const char *prefix)
{
	gsize n = strlen(prefix);
	if (strncmp(*p, prefix, n) != 0)
		return FALSE;
	*p += n;
	return TRUE;
}

/* A run of Chinese numerals at *P: its value, or -1; *P moves past it. */
static int
cn_run(const char **p)
{
	const char *s = *p;
	while (**p && cn_numeral_char(g_utf8_get_char(*p)))
		*p = g_utf8_next_char(*p);
	return *p > s ? cn_numeral_value(s, (gsize)(*p - s)) : -1;
}

static int
digit_run(const char **p)
{
	const char *s = *p;
	long v = 0;
	while (g_ascii_isdigit(**p) && *p - s < 6)
		v = v * 10 + (*(*p)++ - '0');
	return *p > s ? (int)v : -1;
}

/* The numbering a heading begins with ("四、", "（三）", "2.", "第五章"),
 * its value and its length in bytes. */
static enum numbering
heading_number(const char *text, int *value, gsize *len)
{
	const char *p = text;
	enum numbering style = NUM_NONE;
	int v;

	if (skip_prefix(&p, "第")) {
		v = cn_run(&p);
		if (v < 0)
			v = digit_run(&p);
		if (v >= 0) {
			if (skip_prefix(&p, "章"))
				style = NUM_ZHANG;
			else if (skip_prefix(&p, "节"))
				style = NUM_JIE;
			else if (skip_prefix(&p, "编"))
				style = NUM_BIAN;
			else if (skip_prefix(&p, "部分"))
				style = NUM_BUFEN;
		}
	} else if (skip_prefix(&p, "（") || skip_prefix(&p, "(")) {
		gboolean cn = TRUE;
		v = cn_run(&p);
		if (v < 0) {
			v = digit_run(&p);
			cn = FALSE;
		}
		if (v >= 0 && (skip_prefix(&p, "）") || skip_prefix(&p, ")")))
			style = cn ? NUM_CN_PAREN : NUM_AR_PAREN;
	} else if ((v = cn_run(&p)) >= 0) {
		if (skip_prefix(&p, "、"))
			style = NUM_CN_DUN;
	} else if ((v = digit_run(&p)) >= 0) {
		/* "1.5倍" is a number, not a heading's numbering */
		if ((skip_prefix(&p, ".") || skip_prefix(&p, "．") || skip_prefix(&p, "、"))
		    && !g_ascii_isdigit(*p))
			style = NUM_AR_DOT;
	}
	*value = v;
	*len = (gsize)(p - text);
	return style;
}

static char *
numbering_text(enum numbering style, int n)
{
	char *cn = cn_numeral(n), *s;
	switch (style) {
	case NUM_CN_DUN: s = g_strdup_printf("%s、", cn); break;
	case NUM_CN_PAREN: s = g_strdup_printf("（%s）", cn); break;
	case NUM_AR_DOT: s = g_strdup_printf("%d.", n); break;
	case NUM_AR_PAREN: s = g_strdup_printf("（%d）", n); break;
	case NUM_ZHANG: s = g_strdup_printf("第%s章", cn); break;
	case NUM_JIE: s = g_strdup_printf("第%s节", cn); break;
	case NUM_BIAN: s = g_strdup_printf("第%s编", cn); break;
	case NUM_BUFEN: s = g_strdup_printf("第%s部分", cn); break;
	default: s = g_strdup("");
	}
	g_free(cn);
	return s;
}

void
proof_heading(gb_proof *proof, int level, const char *text, int line)
{
	level = CLAMP(level, 1, 4);
	int value;
	gsize len;
	enum numbering style = heading_number(text, &value, &len);

	/* a heading is a new parent: the levels below number anew */
	for (int l = level + 1; l <= 4; l++)
		proof->level[l].style = NUM_NONE;
	if (style == NUM_NONE)
		return;

	int expected = 1;
	const char *what = "跳号";
	if (proof->level[level].style == style) {
		int prev = proof->level[level].value;
		expected = prev + 1;
		what = value == prev ? "重复" : value < prev ? "倒序" : "跳号";
	}
	if (value != expected) {
		char *got = g_strndup(text, len);
		char *want = numbering_text(style, expected);
		diag_emit(proof->diags, proof->file, line, DIAG_HEADING_SEQUENCE, what, got, want);
		g_free(got);
		g_free(want);
	}
	proof->level[level].style = style;
	proof->level[level].value = value;
}
