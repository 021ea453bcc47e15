/* proof.h — the proofreader's warnings on body text (校对): half-width
 * punctuation in Chinese, unbalanced 《》“”（）, spaces between Chinese
 * characters, words of the wrong-and-sensitive word list (错敏字库), heading
 * numbers out of sequence, and document numbers with wrong brackets. */
#ifndef GONGBAO_PROOF_H
#define GONGBAO_PROOF_H

#include <glib.h>

#include "diag.h"

/* Where the lines of a flattened text start: marks in increasing offset;
 * the text from OFFSET on stands on source line LINE. */
typedef struct gb_linemark {
	gsize offset;
	int line;
} gb_linemark;

/* The source line of byte OFFSET of a text with MARKS (an array of
 * gb_linemark, at least one). */
int linemark_line(const GArray *marks, gsize offset);

/* The word list: `wrong<TAB>right` or a lone word per line, `#` comments. */
typedef struct gb_words gb_words;
/* NULL and ERROR set if PATH cannot be read; malformed lines are warned
 * about in DIAGS and skipped. */
gb_words *words_load(const char *path, gb_diags *diags, GError **error);
void words_free(gb_words *words);
guint words_count(const gb_words *words);

typedef struct gb_proof gb_proof;
/* WORDS may be NULL; both are borrowed. */
gb_proof *proof_new(gb_diags *diags, const gb_words *words);
void proof_free(gb_proof *proof);
/* Starts a document: warnings name FILE (borrowed until the next call);
 * heading numbering starts again. */
void proof_begin_document(gb_proof *proof, const char *file);
/* Ends the document's body: a “ or （ still open is reported. */
void proof_end_document(gb_proof *proof);

/* Checks a paragraph, heading, list item or table cell: the block of the
 * tree whose record has LINE (PART: the cell's index in a table row, else
 * 0); each warning's anchor is its place in TEXT, the block's text. */
void proof_text(gb_proof *proof, const char *text, const GArray *marks, int line, int part);
/* The same for a table cell: its marks pair within the cell. */
void proof_cell(gb_proof *proof, const char *text, const GArray *marks, int line, int part);
/* Checks a front-matter value on source line LINE (no place in a block). */
void proof_text_at(gb_proof *proof, const char *text, int line);
/* Checks the numbering of a heading of LEVEL (1..4) against the headings
 * before it under the same parent. */
void proof_heading(gb_proof *proof, int level, const char *text, int line);
/* Checks the number of the article (第N条) a paragraph on LINE begins
 * with, if any, against the article before it in the document: they go
 * 第一条, 第二条 … through every chapter. */
void proof_paragraph(gb_proof *proof, const char *text, int line);
/* An attachment starts: its headings and articles are numbered anew. */
void proof_attachment(gb_proof *proof);

/* A character of a Chinese numeral: 零〇一…九 两 十 百 千. */
gboolean cn_numeral_char(gunichar c);
/* The value of a Chinese numeral (一 十一 二十 一百零五), -1 if it is none. */
int cn_numeral_value(const char *text, gsize len);
/* Writes N (1..999) as a Chinese numeral into a new string. */
char *cn_numeral(int n);

#endif
