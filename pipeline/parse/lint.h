/* lint.h — the faults of Chinese text that can be corrected without
 * changing its meaning (SPEC §3), found by one definition for both the
 * proofreader's warnings (proof.c) and `gongbao-parse --fix` (fix.c):
 * half-width , ; : ? ! ( ) in Chinese text, a space between two CJK
 * characters, the separator after 第N条 that is not one full-width space,
 * an invisible format character.  The conventions of legal text that look
 * like such faults are known here too, so that they are never flagged:
 * the separator after an article, chapter or section number (第一条 为了,
 * 第一章 总则), a spaced heading (总 则), spaces that set entries apart. */
#ifndef GONGBAO_LINT_H
#define GONGBAO_LINT_H

#include <glib.h>

typedef enum gb_lint_kind {
	LINT_HALFWIDTH,		/* a half-width mark in Chinese text → its full-width form */
	LINT_SPACE_CJK,		/* a space between two CJK letters → removed */
	LINT_SPACE_PUNCT,	/* a space beside a full-width mark, between CJK characters → removed */
	LINT_SEPARATOR,		/* the separator after 第N条 at a block's start → one U+3000 */
	LINT_INVISIBLE,		/* an invisible format character → removed */
	LINT_RUN_IN		/* 第N条 run into the paragraph before it: not fixed here */
} gb_lint_kind;

/* One finding: characters [START, START + LENGTH) of the text (bytes
 * [BYTE_START, BYTE_START + BYTE_LENGTH)), and what they become (NULL: a
 * person must decide). */
typedef struct gb_lint {
	gb_lint_kind kind;
	guint start, length;
	gsize byte_start, byte_length;
	const char *replacement;
} gb_lint;

typedef struct gb_linter gb_linter;
gb_linter *linter_new(void);
void linter_free(gb_linter *linter);

/* The document numbers in running text whose year stands in wrong brackets
 * (国办发(1985)49号): byte ranges, pairs of gsize [start, end).  Their
 * brackets are their own fault, not half-width punctuation. */
GArray *lint_text_numbers(const gb_linter *linter, const char *text);
/* Their pattern: group 1 the year, group 2 the number. */
const GRegex *lint_number_regex(const gb_linter *linter);

/* The findings in TEXT, the text of one block (a paragraph, a list item, a
 * table cell, a heading), sorted and not overlapping (gb_lint).
 * SKIP (byte ranges, pairs of gsize; may be NULL) is markup that is not
 * text and is never touched. */
GArray *lint_find(const gb_linter *linter, const char *text, const GArray *skip);

/* TEXT with the replacements of FINDINGS (from lint_find) applied, to be
 * freed. */
char *lint_apply(const char *text, const GArray *findings);

#endif
