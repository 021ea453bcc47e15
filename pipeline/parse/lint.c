/* lint.c — the meaning-preserving corrections of Chinese text, found once
 * (lint.h): proof.c warns about them, fix.c applies them. */
#include "lint.h"
#include "cjk.h"
#include "unseen.h"
#include "proof.h"

#include <string.h>

struct gb_linter {
	GRegex *number_re;
};

gb_linter *
linter_new(void)
{
	gb_linter *l = g_new0(gb_linter, 1);
	/* a document number in running text with the year in the wrong
	 * brackets: 国办发(1985)49号, 人薪发［1995］32号 */
	l->number_re = g_regex_new("(?<=\\p{Han})[\\[［【(（]((?:19|20)[0-9]{2})[\\]］】)）]"
	    "([0-9]{1,5})号", G_REGEX_OPTIMIZE, 0, NULL);
	return l;
}

void
linter_free(gb_linter *linter)
{
	if (!linter)
		return;
	g_regex_unref(linter->number_re);
	g_free(linter);
}

const GRegex *
lint_number_regex(const gb_linter *linter)
{
	return linter->number_re;
}

GArray *
lint_text_numbers(const gb_linter *linter, const char *text)
{
	GArray *ranges = g_array_new(FALSE, FALSE, sizeof(gsize));
	if (!strstr(text, "号"))
		return ranges;
	GMatchInfo *mi;
	g_regex_match(linter->number_re, text, 0, &mi);
	while (g_match_info_matches(mi)) {
		int s, e;
		g_match_info_fetch_pos(mi, 0, &s, &e);
		gsize r[2] = { (gsize)s, (gsize)e };
		g_array_append_vals(ranges, r, 2);
		g_match_info_next(mi, NULL);
	}
	g_match_info_free(mi);
	return ranges;
}

/* --- the text as characters --------------------------------------------- */

typedef struct chars {
	gunichar *c;
	gsize *off;		/* byte offset of each character; off[n] the length */
	guint n;
	guint8 *skip;		/* markup or a document number: not text to touch */
	guint8 *wide;		/* a half-width mark that becomes full width */
	GArray *out;		/* gb_lint */
} chars;

static void
chars_init(chars *t, const char *text)
{
	glong n = g_utf8_strlen(text, -1);
	t->n = (guint)n;
	t->c = g_new(gunichar, t->n + 1);
	t->off = g_new(gsize, t->n + 1);
	t->skip = g_new0(guint8, t->n + 1);
	t->wide = g_new0(guint8, t->n + 1);
	guint i = 0;
	for (const char *p = text; *p; p = g_utf8_next_char(p), i++) {
		t->c[i] = g_utf8_get_char(p);
		t->off[i] = (gsize)(p - text);
	}
	t->c[t->n] = 0;
	t->off[t->n] = strlen(text);
	t->out = g_array_new(FALSE, FALSE, sizeof(gb_lint));
}

static void
chars_skip(chars *t, const GArray *ranges, guint8 bit)
{
	for (guint r = 0; ranges && r + 1 < ranges->len; r += 2) {
		gsize s = g_array_index(ranges, gsize, r), e = g_array_index(ranges, gsize, r + 1);
		for (guint i = 0; i < t->n; i++)
			if (t->off[i] >= s && t->off[i] < e)
				t->skip[i] |= bit;
	}
}

static void
add(chars *t, gb_lint_kind kind, guint start, guint end, const char *replacement)
{
	gb_lint f = { kind, start, end - start, t->off[start], t->off[end] - t->off[start],
		replacement };
	g_array_append_val(t->out, f);
}

static gunichar
at(const chars *t, gint64 i)
{
	return i >= 0 && i < t->n ? t->c[i] : 0;
}

/* A space that sets text apart: ASCII space, tab, ideographic space, or an
 * invisible character within such a run. */
static gboolean
is_blank(gunichar c)
{
	return c == ' ' || c == '\t' || c == 0x3000 || unseen_is_format(c);
}

/* --- article, chapter and section numbers ------------------------------- */

static guint
blank_end(const chars *t, guint i)
{
	while (i < t->n && is_blank(t->c[i]))
		i++;
	return i;
}


enum { NUM_NO, NUM_TIAO, NUM_OTHER, NUM_ANNEX };

/* Does an article (第N条, 第N条之M), a chapter, section, part number
 * (第N章 节 编 分编 部分) or an attachment's (附件一, 附表2, 附图) start at I?
 * *END gets the character after it. */
static int
legal_number(const chars *t, guint i, guint *end)
{
	gunichar c0 = at(t, i), c1 = at(t, i + 1);
	if (c0 == 0x9644 && (c1 == 0x4EF6 || c1 == 0x8868 || c1 == 0x56FE)) {	/* 附件一 附表2 附图 */
		guint j = i + 2;
		while (j < t->n && (cn_numeral_char(t->c[j]) || g_unichar_isdigit(t->c[j])))
			j++;
		*end = j;
		/* unnumbered only where a block starts: 附图 消防救援衔标志式样 */
		return j > i + 2 || i == blank_end(t, 0) ? NUM_ANNEX : NUM_NO;
	}
	if (c0 != 0x7B2C)	/* 第 */
		return NUM_NO;
	guint j = i + 1;
	while (j < t->n && (cn_numeral_char(t->c[j]) || g_unichar_isdigit(t->c[j])))
		j++;
	if (j == i + 1)
		return NUM_NO;
	gunichar c = at(t, j);
	if (c == 0x6761) {	/* 条 */
		j++;
		if (at(t, j) == 0x4E4B && cn_numeral_char(at(t, j + 1))) {	/* 之一 */
			j++;
			while (j < t->n && cn_numeral_char(t->c[j]))
				j++;
		}
		*end = j;
		return NUM_TIAO;
	}
	if (c == 0x7AE0 || c == 0x8282 || c == 0x7F16)	/* 章 节 编 */
		j++;
	else if ((c == 0x5206 && at(t, j + 1) == 0x7F16)	/* 分编 */
	    || (c == 0x90E8 && at(t, j + 1) == 0x5206))	/* 部分 */
		j += 2;
	else
		return NUM_NO;
	*end = j;
	return NUM_OTHER;
}

/* Is the rest of the text from I a spaced heading, two to four single CJK
 * letters set apart by spaces (总 则, 附 则, 目 录)? */
static gboolean
letter_spaced(const chars *t, guint i)
{
	guint letters = 0, n = t->n;
	while (n > i && is_blank(t->c[n - 1]))
		n--;
	while (i < n) {
		if (!cjk_is_han(t->c[i]))
			return FALSE;
		letters++;
		i++;
		guint e = blank_end(t, i);
		if (e == i && i < n)
			return FALSE;
		i = e;
	}
	return letters >= 2 && letters <= 4;
}

/* The start of a block: the separator after its number (第一条 为了, 第一章
 * 总则) is the convention, after 第N条 it is made one full-width space; a
 * spaced heading keeps its spaces.  Marks them in CONV. */
static void
block_start(chars *t, guint8 *conv)
{
	guint b = blank_end(t, 0), end = 0, rest;
	/* an article quoted whole: “第一条 … (a 修正案's new text) */
	while (at(t, b) == 0x201C || at(t, b) == 0x2018)
		b++;
	rest = b;
	int num = legal_number(t, b, &end);
	if (num != NUM_NO) {
		guint e = blank_end(t, end);
		if (e > end && e < t->n) {
			gboolean exact = e == end + 1 && t->c[end] == 0x3000;
			if (num == NUM_TIAO && !exact)
				add(t, LINT_SEPARATOR, end, e, "\u3000");
			memset(conv + end, 1, e - end);
		}
		rest = e;
	}
	if (rest < t->n && letter_spaced(t, rest))
		memset(conv + rest, 1, t->n - rest);
}

/* 第N条 within a paragraph after the end of a sentence (…。 第十二条 空域…):
 * two articles run together, which wants a new paragraph, not a deleted
 * space; so do attachments' titles (…（略） 附件二 飞行…), told apart by
 * nothing else.  The spaces around them are no fault of their own. */
static void
run_ins(chars *t, guint8 *conv)
{
	for (guint i = 1; i < t->n; i++) {
		guint end;
		int num = t->c[i] == 0x7B2C || t->c[i] == 0x9644 ? legal_number(t, i, &end) : NUM_NO;
		if (num != NUM_TIAO && num != NUM_ANNEX)
			continue;
		gint64 p = (gint64)i - 1;
		while (p >= 0 && is_blank(t->c[p]))
			p--;
		gunichar before = at(t, p);
		gboolean stop = before == 0x3002 || before == 0xFF1B || before == 0xFF1A;	/* 。；： */
		guint e = blank_end(t, end);
		if (num == NUM_TIAO && before == 0x201C && (gint64)(i - 1) == p) {
			/* 修改为：“第一条 为了…”: an article quoted whole */
			memset(conv + end, 1, e - end);
			continue;
		}
		if (p < 0 || (num == NUM_TIAO && !stop))
			continue;
		if (e == end || (gint64)(i - 1) == p)
			continue;	/* 。第十条规定: a reference, not an article */
		if (num == NUM_TIAO)
			add(t, LINT_RUN_IN, i, end, NULL);
		memset(conv + p + 1, 1, i - (guint)(p + 1));
		memset(conv + end, 1, e - end);
		i = e;
	}
}

/* Runs of spaces between two full-width characters; invisible characters
 * elsewhere. */
static void
spaces(chars *t, const guint8 *conv)
{
	for (guint i = 0; i < t->n;) {
		gunichar c = t->c[i];
		if (c != ' ' && !unseen_is_format(c)) {
			i++;
			continue;
		}
		guint e = i, nspace = 0;
		gboolean touched = FALSE;
		while (e < t->n && (t->c[e] == ' ' || unseen_is_format(t->c[e]))) {
			nspace += t->c[e] == ' ';
			touched |= conv[e] || t->skip[e];
			e++;
		}
		gunichar a = at(t, (gint64)i - 1), b = at(t, e);
		gboolean wa = i > 0 && t->wide[i - 1], wb = e < t->n && t->wide[e];
		/* one space is a slip; two or more set entries apart (…第一次修订
		 * 根据…), which a person lays out.  A mark made full width counts
		 * as one already. */
		if (nspace == 1 && !touched && i > 0 && e < t->n && (cjk_is_full_width(a) || wa)
		    && (cjk_is_full_width(b) || wb)) {
			gboolean mark = cjk_is_punctuation(a) || cjk_is_punctuation(b) || wa || wb;
			add(t, mark ? LINT_SPACE_PUNCT : LINT_SPACE_CJK, i, e, "");
		} else {
			for (guint k = i; k < e; k++)
				if (unseen_is_format(t->c[k]) && !t->skip[k] && !conv[k])
					add(t, LINT_INVISIBLE, k, k + 1, "");
		}
		i = e;
	}
}

/* --- half-width punctuation -------------------------------------------- */

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

/* Is a full-width character the nearest one before or after I, spaces
 * skipped?  1,204 and 10:30 have digits there, "(see below)" letters. */
static gboolean
chinese_beside(const chars *t, guint i)
{
	gint64 j = (gint64)i - 1;
	while (j >= 0 && is_blank(t->c[j]) && t->c[j] != 0x3000)
		j--;
	guint k = i + 1;
	while (k < t->n && is_blank(t->c[k]) && t->c[k] != 0x3000)
		k++;
	return (j >= 0 && cjk_is_full_width(t->c[j])) || (k < t->n && cjk_is_full_width(t->c[k]));
}

/* Half-width marks in Chinese text.  A pair of parentheses is one: both
 * change when either stands beside Chinese or holds it, never one alone
 * ((WTO) after 世界贸易组织 becomes （WTO）). */
static void
halfwidth(chars *t)
{
	gint64 *partner = g_new(gint64, t->n + 1);
	GArray *open = g_array_new(FALSE, FALSE, sizeof(guint));
	for (guint i = 0; i < t->n; i++) {
		partner[i] = -1;
		if (t->skip[i])
			continue;
		if (t->c[i] == '(') {
			g_array_append_val(open, i);
		} else if (t->c[i] == ')' && open->len) {
			guint o = g_array_index(open, guint, open->len - 1);
			g_array_set_size(open, open->len - 1);
			partner[i] = o;
			partner[o] = i;
		}
	}
	g_array_free(open, TRUE);
	for (guint i = 0; i < t->n; i++) {
		const char *full = fullwidth_of(t->c[i]);
		if (!full || t->skip[i])
			continue;
		gboolean chinese = chinese_beside(t, i);
		if (!chinese && partner[i] >= 0) {
			guint o = (guint)partner[i], lo = MIN(i, o), hi = MAX(i, o);
			chinese = chinese_beside(t, o);
			for (guint k = lo + 1; !chinese && k < hi; k++)
				chinese = cjk_is_han(t->c[k]);
		}
		if (chinese) {
			add(t, LINT_HALFWIDTH, i, i + 1, full);
			t->wide[i] = 1;
		}
	}
	g_free(partner);
}

static gint
lint_compare(gconstpointer a, gconstpointer b)
{
	const gb_lint *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

GArray *
lint_find(const gb_linter *linter, const char *text, const GArray *skip)
{
	chars t;
	chars_init(&t, text);
	GArray *numbers = lint_text_numbers(linter, text);
	chars_skip(&t, skip, 1);
	chars_skip(&t, numbers, 2);
	g_array_free(numbers, TRUE);
	guint8 *conv = g_new0(guint8, t.n + 1);
	block_start(&t, conv);
	run_ins(&t, conv);
	halfwidth(&t);
	spaces(&t, conv);
	g_array_sort(t.out, lint_compare);
	g_free(conv);
	g_free(t.c);
	g_free(t.off);
	g_free(t.skip);
	g_free(t.wide);
	return t.out;
}

char *
lint_apply(const char *text, const GArray *findings)
{
	GString *s = g_string_new(NULL);
	gsize pos = 0;
	for (guint i = 0; i < findings->len; i++) {
		const gb_lint *f = &g_array_index(findings, gb_lint, i);
		if (!f->replacement || f->byte_start < pos)
			continue;
		g_string_append_len(s, text + pos, (gssize)(f->byte_start - pos));
		g_string_append(s, f->replacement);
		pos = f->byte_start + f->byte_length;
	}
	g_string_append(s, text + pos);
	return g_string_free(s, FALSE);
}
