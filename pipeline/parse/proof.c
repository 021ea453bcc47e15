/* proof.c — proofreading warnings on the body text of a document, as a
 * gazette's 校对 would mark them: what the SPEC lists for gongbao-parse to
 * warn about.  It only reports; the text goes into the tree as written. */
#include "proof.h"
#include "cjk.h"
#include "util.h"
#include "lint.h"

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

gboolean
cn_numeral_char(gunichar c)
{
	return cn_digit(c) >= 0 || c == 0x5341 || c == 0x767E || c == 0x5343;	/* 十 百 千 */
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
		} else if (c == 0x5343) {	/* 千 */
			total += (cur ? cur : 1) * 1000;
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
	if (!gb_read_input(path, GB_MAX_TEXT_INPUT, &text, &len, error))
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
	NUM_BUFEN, NUM_BIAN, NUM_FENBIAN, NUM_ZHANG, NUM_JIE
};

/* The numbers of a law's parts, ranked 编 > 分编 > 章 > 节. */
#define LEGAL_RANKS 4

/* A “ or （ left open at the end of a block, waiting for its closing mark
 * in a block that follows. */
typedef struct open_mark {
	int line;
	gb_anchor anchor;
} open_mark;

/* The marks that pair: 《》 within a block, “” and （） across blocks too. */
static const struct { gunichar open, close; const char *o, *c; } pairs[] = {
	{ 0x300A, 0x300B, "《", "》" },
	{ 0x201C, 0x201D, "“", "”" },
	{ 0xFF08, 0xFF09, "（", "）" },
};
#define NPAIRS G_N_ELEMENTS(pairs)

struct gb_proof {
	gb_diags *diags;
	const gb_words *words;
	const char *file;
	gb_linter *linter;
	/* the last numbered heading of each level under the current parent */
	struct { enum numbering style; int value; } level[5];
	/* a law's parts: the last number of each rank, and whether a higher
	 * rank began since (then its numbering may start anew or go on) */
	int legal_last[LEGAL_RANKS];
	gboolean legal_fresh[LEGAL_RANKS];
	/* the number of the last article (第N条) of the document or attachment */
	int article_last;
	GArray *carried[NPAIRS];	/* open_mark */
	GArray *empty;		/* no marks carried: for a block alone */
};

gb_proof *
proof_new(gb_diags *diags, const gb_words *words)
{
	gb_proof *p = g_new0(gb_proof, 1);
	p->diags = diags;
	p->words = words;
	p->file = "-";
	p->linter = linter_new();
	for (gsize k = 0; k < NPAIRS; k++)
		p->carried[k] = g_array_new(FALSE, FALSE, sizeof(open_mark));
	p->empty = g_array_new(FALSE, FALSE, sizeof(open_mark));
	return p;
}

/* The marks of pair K still open: never closed. */
static void
flush_kind(gb_proof *p, gsize k)
{
	for (guint i = 0; i < p->carried[k]->len; i++) {
		const open_mark *m = &g_array_index(p->carried[k], open_mark, i);
		diag_emit_at(p->diags, p->file, m->line, 0, &m->anchor, DIAG_UNBALANCED,
		    pairs[k].o, pairs[k].c);
	}
	g_array_set_size(p->carried[k], 0);
}

/* The marks still open when a heading or the document's end comes. */
static void
flush_carried(gb_proof *p)
{
	for (gsize k = 0; k < NPAIRS; k++)
		flush_kind(p, k);
}

void
proof_free(gb_proof *proof)
{
	if (!proof)
		return;
	linter_free(proof->linter);
	for (gsize k = 0; k < NPAIRS; k++)
		g_array_free(proof->carried[k], TRUE);
	g_array_free(proof->empty, TRUE);
	g_free(proof);
}

static void
numbering_reset(gb_proof *proof)
{
	memset(proof->level, 0, sizeof proof->level);
	memset(proof->legal_last, 0, sizeof proof->legal_last);
	memset(proof->legal_fresh, 0, sizeof proof->legal_fresh);
	proof->article_last = 0;
}

void
proof_begin_document(gb_proof *proof, const char *file)
{
	flush_carried(proof);
	proof->file = file;
	numbering_reset(proof);
}

void
proof_end_document(gb_proof *proof)
{
	flush_carried(proof);
}

void
proof_attachment(gb_proof *proof)
{
	flush_carried(proof);
	numbering_reset(proof);
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

/* The block being checked: its text, where its lines start, and its place
 * in the tree (LINE 0: none, a front-matter value). */
typedef struct block {
	const char *text;
	const GArray *marks;
	int line, part;
	gboolean alone;		/* its marks pair within it: a cell, a front-matter value */
} block;

/* The source line of byte OFF of the block and, in ANCHOR, the place of
 * the LENGTH characters from there. */
static int
place(const block *b, gsize off, int length, gb_anchor *anchor)
{
	anchor->line = b->line;
	anchor->part = b->part;
	anchor->start = b->line ? (int)g_utf8_pointer_to_offset(b->text, b->text + off) : 0;
	anchor->length = b->line ? length : 0;
	return linemark_line(b->marks, off);
}

static void
check_text_numbers(gb_proof *p, const block *b)
{
	GArray *ranges = lint_text_numbers(p->linter, b->text);
	for (guint i = 0; i + 1 < ranges->len; i += 2) {
		gsize s = g_array_index(ranges, gsize, i), e = g_array_index(ranges, gsize, i + 1);
		char *whole = g_strndup(b->text + s, e - s);
		GMatchInfo *mi;
		g_regex_match_full(lint_number_regex(p->linter), b->text, -1, (gint)s, 0, &mi, NULL);
		char *year = g_match_info_fetch(mi, 1), *num = g_match_info_fetch(mi, 2);
		g_match_info_free(mi);
		char *fixed = g_strdup_printf("〔%s〕%s号", year, num);
		gb_anchor a;
		int line = place(b, s, (int)g_utf8_strlen(whole, -1), &a);
		diag_emit_at(p->diags, p->file, line, 0, &a, DIAG_TEXT_NUMBER_BRACKETS, whole, fixed);
		g_free(whole);
		g_free(year);
		g_free(num);
		g_free(fixed);
	}
	g_array_free(ranges, TRUE);
}

/* The warnings of what lint.c finds: the fixable faults and the run-in
 * articles (invisible characters are errors of their own, chars.c). */
static void
check_lint(gb_proof *p, const block *b)
{
	GArray *found = lint_find(p->linter, b->text, NULL);
	for (guint i = 0; i < found->len; i++) {
		const gb_lint *f = &g_array_index(found, gb_lint, i);
		if (f->kind == LINT_SEPARATOR || f->kind == LINT_INVISIBLE)
			continue;
		gb_anchor a;
		int line = place(b, f->byte_start, (int)f->length, &a);
		char *what = g_strndup(b->text + f->byte_start, f->byte_length);
		/* the characters either side, for the message */
		const char *from = b->text + f->byte_start, *to = from + f->byte_length;
		if (from > b->text)
			from = g_utf8_prev_char(from);
		if (*to)
			to = g_utf8_next_char(to);
		char *context = g_strndup(from, (gsize)(to - from));
		switch (f->kind) {
		case LINT_HALFWIDTH:
			diag_emit_at(p->diags, p->file, line, 0, &a, DIAG_HALFWIDTH_PUNCT, what,
			    f->replacement);
			break;
		case LINT_SPACE_CJK:
			diag_emit_at(p->diags, p->file, line, 0, &a, DIAG_SPACE_BETWEEN_CJK, context);
			break;
		case LINT_SPACE_PUNCT:
			diag_emit_at(p->diags, p->file, line, 0, &a, DIAG_SPACE_BY_PUNCT, context);
			break;
		default:
			diag_emit_at(p->diags, p->file, line, 0, &a, DIAG_ARTICLE_RUN_IN, what);
		}
		g_free(what);
		g_free(context);
	}
	g_array_free(found, TRUE);
}

static void
pair_warn(gb_proof *p, const block *b, gsize off, const char *mark, const char *other)
{
	gb_anchor a;
	int line = place(b, off, 1, &a);
	diag_emit_at(p->diags, p->file, line, 0, &a, DIAG_UNBALANCED, mark, other);
}

/* One kind of pair in a block.  A quotation of several paragraphs opens
 * each with “ and closes only the last (GB/T 15834-2011 4.1.3.3); a （ may
 * close in a later block (a 题注 over several lines); 《》 never spans. */
static void
check_pair(gb_proof *p, const block *b, gsize k)
{
	GArray *carried = p->carried[k];
	GArray *open = g_array_new(FALSE, FALSE, sizeof(gsize));
	const char *first = b->text;
	while (*first == ' ' || g_utf8_get_char(first) == 0x3000)
		first = g_utf8_next_char(first);
	if (b->alone)
		carried = p->empty;
	gboolean continued = k == 1 && carried->len && g_utf8_get_char(first) == pairs[k].open;
	gboolean closed = FALSE;
	for (const char *q = b->text; *q; q = g_utf8_next_char(q)) {
		gunichar c = g_utf8_get_char(q);
		gsize off = (gsize)(q - b->text);
		if (c == pairs[k].open && !(continued && q == first)) {
			g_array_append_val(open, off);
		} else if (c == pairs[k].close) {
			if (open->len) {
				g_array_set_size(open, open->len - 1);
			} else if (k && carried->len) {
				g_array_set_size(carried, carried->len - 1);
				closed = TRUE;
			} else {
				pair_warn(p, b, off, pairs[k].c, pairs[k].o);
			}
		}
	}
	/* a quotation neither continued nor closed here was never closed */
	if (k == 1 && !continued && !closed)
		flush_kind(p, k);
	for (guint i = 0; i < open->len; i++) {
		gsize off = g_array_index(open, gsize, i);
		if (k == 0 || b->alone) {
			pair_warn(p, b, off, pairs[k].o, pairs[k].c);
		} else {
			open_mark m;
			m.line = place(b, off, 1, &m.anchor);
			g_array_append_val(p->carried[k], m);
		}
	}
	g_array_free(open, TRUE);
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
check_words(gb_proof *p, const block *b)
{
	if (!p->words)
		return;
	for (guint i = 0; i < p->words->list->len; i++) {
		const word *w = p->words->list->pdata[i];
		gsize wl = strlen(w->wrong);
		for (const char *pos = strstr(b->text, w->wrong); pos; pos = strstr(pos + wl, w->wrong)) {
			if (inside_right(b->text, pos, w))
				continue;
			gb_anchor a;
			int line = place(b, (gsize)(pos - b->text), (int)g_utf8_strlen(w->wrong, -1), &a);
			if (w->right)
				diag_emit_at(p->diags, p->file, line, 0, &a, DIAG_WORD_WRONG, w->wrong,
				    w->right);
			else
				diag_emit_at(p->diags, p->file, line, 0, &a, DIAG_WORD_SENSITIVE, w->wrong);
		}
	}
}

static void
check_block(gb_proof *proof, const block *b)
{
	if (!b->text || !*b->text)
		return;
	check_text_numbers(proof, b);
	check_lint(proof, b);
	for (gsize k = 0; k < NPAIRS; k++)
		check_pair(proof, b, k);
	check_words(proof, b);
}

void
proof_text(gb_proof *proof, const char *text, const GArray *marks, int line, int part)
{
	block b = { text, marks, line, part, FALSE };
	check_block(proof, &b);
}

void
proof_cell(gb_proof *proof, const char *text, const GArray *marks, int line, int part)
{
	block b = { text, marks, line, part, TRUE };
	check_block(proof, &b);
}

void
proof_text_at(gb_proof *proof, const char *text, int line)
{
	GArray *marks = g_array_sized_new(FALSE, FALSE, sizeof(gb_linemark), 1);
	gb_linemark m = { 0, line };
	g_array_append_val(marks, m);
	block b = { text, marks, 0, 0, TRUE };
	check_block(proof, &b);
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
			else if (skip_prefix(&p, "分编"))
				style = NUM_FENBIAN;
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
	case NUM_FENBIAN: s = g_strdup_printf("第%s分编", cn); break;
	case NUM_BUFEN: s = g_strdup_printf("第%s部分", cn); break;
	default: s = g_strdup("");
	}
	g_free(cn);
	return s;
}

/* A law's 编, 分编, 章 or 节 (RANK 0..3): numbered on from the last of its
 * rank in the document, or, under a new part of a higher rank, anew from
 * 一 as well (SPEC §3: both are correct).  Returns the number expected,
 * *OK whether VALUE is one. */
static int
legal_expected(gb_proof *proof, int rank, int value, gboolean *ok)
{
	int next = proof->legal_last[rank] + 1;
	*ok = value == next || (proof->legal_fresh[rank] && value == 1);
	proof->legal_last[rank] = value;
	proof->legal_fresh[rank] = FALSE;
	for (int r = rank + 1; r < LEGAL_RANKS; r++)
		proof->legal_fresh[r] = TRUE;
	return next;
}

/* Whether the text from START up to END ends with SUFFIX. */
static gboolean
ends_with(const char *start, const char *end, const char *suffix)
{
	gsize n = strlen(suffix);
	return (gsize)(end - start) >= n && memcmp(end - n, suffix, n) == 0;
}

/* The article a paragraph begins with: 第N条 (Chinese numerals or digits)
 * followed by a space, the convention that sets an article apart from a
 * reference (第十条规定, 第五条修改为); its value, or 0 (none, or an
 * article inserted by an amendment, 第十条之一, which keeps the count). */
static int
article_number(const char *text, gsize *len)
{
	const char *p = text;
	if (!skip_prefix(&p, "第"))
		return 0;
	int v = cn_run(&p);
	if (v < 0)
		v = digit_run(&p);
	if (v <= 0 || !skip_prefix(&p, "条"))
		return 0;
	*len = (gsize)(p - text);
	if (g_str_has_prefix(p, "之"))
		return 0;
	return *p == ' ' || g_str_has_prefix(p, "\u3000") ? v : 0;
}

void
proof_paragraph(gb_proof *proof, const char *text, int line)
{
	gsize len = 0;
	int value = article_number(text, &len);
	int prev = proof->article_last, expected = prev + 1;
	if (value)
		proof->article_last = value;
	/* the first article may be any: an excerpt of a law (第一千二百六十条)
	 * starts where it starts, and a slip there shows at the next one */
	if (!prev)
		value = value ? expected : 0;
	/* articles run in after it (…。 第十二条 空域…), said as such by
	 * lint.c, still count: the next paragraph's follows the last */
	for (const char *p = strstr(text + len, "第"); p; p = strstr(p + 1, "第")) {
		const char *q = p;
		while (q > text && q[-1] == ' ')
			q--;
		gsize n;
		int v;
		if (q < p && q > text && (ends_with(text, q, "。")
		    || ends_with(text, q, "；") || ends_with(text, q, "："))
		    && (v = article_number(p, &n)) > 0)
			proof->article_last = v;
	}
	if (!value || value == expected)
		return;
	const char *what = value == prev ? "重复" : value < prev ? "倒序" : "跳号";
	char *got = g_strndup(text, len);
	char *cn = cn_numeral(expected);
	char *want = g_strdup_printf("第%s条", cn);
	gb_anchor a = { line, 0, 0, (int)g_utf8_strlen(got, -1) };
	diag_emit_at(proof->diags, proof->file, line, 0, &a, DIAG_ARTICLE_SEQUENCE, what, got, want);
	g_free(got);
	g_free(cn);
	g_free(want);
}

void
proof_heading(gb_proof *proof, int level, const char *text, int line)
{
	level = CLAMP(level, 1, 4);
	int value;
	gsize len;
	enum numbering style = heading_number(text, &value, &len);

	flush_carried(proof);
	/* a heading is a new parent: the levels below number anew */
	for (int l = level + 1; l <= 4; l++)
		proof->level[l].style = NUM_NONE;
	if (style == NUM_NONE)
		return;

	int expected = 1, prev = 0;
	gboolean ok;
	if (style >= NUM_BIAN) {
		prev = proof->legal_last[style - NUM_BIAN];
		expected = legal_expected(proof, style - NUM_BIAN, value, &ok);
	} else {
		if (proof->level[level].style == style) {
			prev = proof->level[level].value;
			expected = prev + 1;
		}
		ok = value == expected;
		proof->level[level].style = style;
		proof->level[level].value = value;
	}
	if (!ok) {
		const char *what = prev && value == prev ? "重复" : prev && value < prev ? "倒序" : "跳号";
		char *got = g_strndup(text, len);
		char *want = numbering_text(style, expected);
		gb_anchor a = { line, 0, 0, (int)g_utf8_strlen(got, -1) };
		diag_emit_at(proof->diags, proof->file, line, 0, &a, DIAG_HEADING_SEQUENCE, what, got,
		    want);
		g_free(got);
		g_free(want);
	}
}
