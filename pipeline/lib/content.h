/* content.h — a lexer of PDF content streams (ISO 32000-1, 7.8.2): the
 * tokens one at a time, for the finishing that marks content
 * (render/structure.c) and the check that reads the marks back
 * (check/structure.c).  Bytes only: no PDF library needed. */
#ifndef GONGBAO_CONTENT_H
#define GONGBAO_CONTENT_H

#include <glib.h>

typedef enum {
	GB_TOK_END,		/* no more tokens */
	GB_TOK_OPERATOR,	/* BT, Tj, BDC … */
	GB_TOK_NAME,		/* /P */
	GB_TOK_NUMBER,
	GB_TOK_STRING,		/* (…) or <…> */
	GB_TOK_DICT_OPEN,	/* << */
	GB_TOK_DICT_CLOSE,	/* >> */
	GB_TOK_ARRAY_OPEN,	/* [ */
	GB_TOK_ARRAY_CLOSE,	/* ] */
	GB_TOK_INLINE_IMAGE,	/* BI … ID … EI, whole */
	GB_TOK_OTHER		/* true, false, null, { } */
} gb_tok_kind;

typedef struct {
	gb_tok_kind kind;
	gsize start, end;	/* the token's bytes: in[start, end) */
} gb_tok;

/* The token at or after *POS in IN[0, LEN) (comments and white space
 * skipped), *POS moved past it. */
gb_tok content_next(const guchar *in, gsize len, gsize *pos);

/* The bytes string token TOK of IN stands for, appended to OUT: a
 * literal's escapes and nesting, a hexadecimal string's digits (an odd
 * last digit followed by 0). */
void content_string_bytes(const guchar *in, const gb_tok *tok, GString *out);
/* The same read from *POS, just past the string's opening '(' or '<', up
 * to END; *POS is moved past its closing ')' or '>'. */
void content_decode_literal(const guchar **pos, const guchar *end, GString *out);
void content_decode_hex(const guchar **pos, const guchar *end, GString *out);

/* BYTES (LEN of them) as a literal string, appended to OUT: ( ) and \
 * escaped, and CR and LF as \r and \n, which a reader would otherwise
 * read as a line end (ISO 32000-1, 7.3.4.2); every other byte as it is,
 * half the length of the hexadecimal form. */
void content_append_literal(GString *out, const guchar *bytes, gsize len);

/* The content stream IN (LEN bytes) with every hexadecimal string that a
 * text-showing operator shows written as a literal string: cairo writes
 * each glyph code in hexadecimal, four digits for a CID's two bytes; as
 * bytes the web edition of the corpus is 4 % smaller, deflated.  Other
 * strings (a mark's properties) stay as they are. */
GString *content_literal_text(const guchar *in, gsize len);

/* Whether TOK is the operator OP. */
gboolean content_is_op(const guchar *in, const gb_tok *tok, const char *op);

/* Whether OP (an operator token) shows text: Tj TJ ' " (ISO 32000-1,
 * table 109). */
gboolean content_shows_text(const guchar *in, const gb_tok *tok);

/* Whether NAME is a standard structure type of PDF 1.7 (ISO 32000-1,
 * 14.8.4), which a tagged PDF may use without a RoleMap. */
gboolean content_standard_type(const char *name);

#endif
