/* painting.c — one painting, proven: the text-showing operations of a page
 * of one edition read from its content stream (libqpdf, no rendering) with
 * their fonts, matrices and glyphs, so that the check reads the text of the
 * electronic edition only and proves each print page shows the same. */
#include "checker.h"
#include "content.h"
#include "fontid.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Positions agree to a hundredth of a point (cairo writes six decimals, and
 * the print edition's are the web edition's plus the trim's corner) and a
 * glyph's to one design unit of its size more: a TJ array counts in
 * thousandths of an em, and cairo rounds a kern from the absolute place,
 * which differs between the editions by the trim's corner. */
#define PLACE_TOLERANCE 0.01
#define KERN_UNIT 0.001
/* Nesting of q and of form XObjects. */
#define MAX_GSTATE 64
#define MAX_FORMS 8
#define MAX_OPERANDS 16

/* One glyph shown: its font (by what the font is), its code, where its
 * origin stands on the trim and how it is scaled and turned there. */
typedef struct {
	font_info *font;	/* NULL before the first Tf */
	guint code;
	int render;		/* text rendering mode, Tr */
	double x, y;		/* origin in trim space (y up), points */
	double m[4];		/* the glyph space's linear map there, size included */
} shown_glyph;

struct page_painting {
	GArray *glyphs;		/* of shown_glyph, in the order they are painted */
};


/* --- the content stream ---------------------------------------------------------- */

typedef enum { TOK_END, TOK_NUMBER, TOK_NAME, TOK_STRING, TOK_ARRAY, TOK_DICT, TOK_OP } tok_kind;

typedef struct {
	const unsigned char *p, *end;
} lexer;

/* An operand: a number, a name or a string (bytes in a GString of the
 * reader), or an array of those (serialised as a TJ array is). */
typedef struct {
	tok_kind kind;
	double num;
	GString *text;		/* name, string, serialised array */
} operand;

static gboolean
is_space(unsigned char c)
{
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static gboolean
is_delim(unsigned char c)
{
	return strchr("()<>[]{}/%", c) != NULL;
}

static void
skip_space(lexer *lx)
{
	while (lx->p < lx->end) {
		if (*lx->p == '%') {
			while (lx->p < lx->end && *lx->p != '\n' && *lx->p != '\r')
				lx->p++;
		} else if (is_space(*lx->p)) {
			lx->p++;
		} else {
			break;
		}
	}
}

/* A dictionary after its '<<' (a marked-content property list): skipped,
 * strings and nested dictionaries included. */
static void
skip_dict(lexer *lx)
{
	int depth = 1;
	GString *scratch = g_string_new(NULL);
	while (lx->p < lx->end && depth > 0) {
		unsigned char c = *lx->p++;
		if (c == '(') {
			content_decode_literal(&lx->p, lx->end, scratch);
		} else if (c == '<' && lx->p < lx->end && *lx->p == '<') {
			lx->p++;
			depth++;
		} else if (c == '<') {
			content_decode_hex(&lx->p, lx->end, scratch);
		} else if (c == '>' && lx->p < lx->end && *lx->p == '>') {
			lx->p++;
			depth--;
		}
		g_string_truncate(scratch, 0);
	}
	g_string_free(scratch, TRUE);
}

/* A regular token (a number, an operator, a name's characters) into OUT. */
static void
lex_regular(lexer *lx, GString *out)
{
	while (lx->p < lx->end && !is_space(*lx->p) && !is_delim(*lx->p))
		g_string_append_c(out, (char)*lx->p++);
}

static gboolean
parse_number(const char *s, double *v)
{
	if (!*s || !strchr("+-.0123456789", *s))
		return FALSE;
	char *end;
	*v = g_ascii_strtod(s, &end);
	return *end == '\0' && isfinite(*v);
}

static tok_kind lex(lexer *lx, operand *o);

/* An array after its '[': numbers as "n%.3f;", strings as "s%u:" and the
 * bytes, nested arrays bracketed. */
static void
lex_array(lexer *lx, GString *out, int depth)
{
	operand item = { .text = g_string_new(NULL) };
	g_string_append_c(out, '[');
	for (;;) {
		skip_space(lx);
		if (lx->p >= lx->end)
			break;
		if (*lx->p == ']') {
			lx->p++;
			break;
		}
		if (*lx->p == '[' && depth < 8) {
			lx->p++;
			lex_array(lx, out, depth + 1);
			continue;
		}
		tok_kind k = lex(lx, &item);
		if (k == TOK_END)
			break;
		if (k == TOK_NUMBER)
			g_string_append_printf(out, "n%.3f;", item.num);
		else if (k == TOK_STRING || k == TOK_NAME) {
			g_string_append_printf(out, "s%u:", (unsigned)item.text->len);
			g_string_append_len(out, item.text->str, (gssize)item.text->len);
		}
	}
	g_string_append_c(out, ']');
	g_string_free(item.text, TRUE);
}

/* The next token into O (its text emptied first). */
static tok_kind
lex(lexer *lx, operand *o)
{
	g_string_truncate(o->text, 0);
	skip_space(lx);
	if (lx->p >= lx->end)
		return o->kind = TOK_END;
	unsigned char c = *lx->p;
	if (c == '(') {
		lx->p++;
		content_decode_literal(&lx->p, lx->end, o->text);
		return o->kind = TOK_STRING;
	}
	if (c == '<' && lx->p + 1 < lx->end && lx->p[1] == '<') {
		lx->p += 2;
		skip_dict(lx);
		return o->kind = TOK_DICT;
	}
	if (c == '<') {
		lx->p++;
		content_decode_hex(&lx->p, lx->end, o->text);
		return o->kind = TOK_STRING;
	}
	if (c == '[') {
		lx->p++;
		lex_array(lx, o->text, 0);
		return o->kind = TOK_ARRAY;
	}
	if (c == '/') {
		lx->p++;
		g_string_append_c(o->text, '/');
		lex_regular(lx, o->text);
		return o->kind = TOK_NAME;
	}
	if (is_delim(c)) {	/* a stray ')', ']', '>', '{' or '}' */
		lx->p++;
		g_string_append_c(o->text, (char)c);
		return o->kind = TOK_OP;
	}
	lex_regular(lx, o->text);
	if (parse_number(o->text->str, &o->num))
		return o->kind = TOK_NUMBER;
	return o->kind = TOK_OP;
}

/* Inline image data after ID: up to an EI between white space. */
static void
skip_inline_image(lexer *lx)
{
	while (lx->p + 2 < lx->end) {
		if (is_space(lx->p[0]) && lx->p[1] == 'E' && lx->p[2] == 'I'
		    && (lx->p + 3 == lx->end || is_space(lx->p[3]) || is_delim(lx->p[3]))) {
			lx->p += 3;
			return;
		}
		lx->p++;
	}
	lx->p = lx->end;
}

/* --- the interpreter ---------------------------------------------------------------- */

typedef struct {
	double ctm[6];
} gstate;

typedef struct {
	checker *ck;
	edition *e;
	page_painting *out;
	double dx, dy;		/* the trim's corner on the page */
	gstate gs[MAX_GSTATE];
	int depth;
	double tm[6], tlm[6];
	double tc, tw, tz, tl, ts, size;
	int tr;
	font_info *font;	/* NULL before the first Tf */
	int forms;
} interp;

/* R = A × B for PDF matrices [a b c d e f]. */
static void
mat_mul(const double a[6], const double b[6], double r[6])
{
	double t[6] = {
		a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
		a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
		a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5],
	};
	memcpy(r, t, sizeof t);
}

static void
mat_set(double m[6], const operand *o)
{
	for (int i = 0; i < 6; i++)
		m[i] = o[i].num;
}

static gboolean
numbers(const operand *o, int n)
{
	for (int i = 0; i < n; i++)
		if (o[i].kind != TOK_NUMBER)
			return FALSE;
	return TRUE;
}

static void
text_move(interp *in, double tx, double ty)
{
	double t[6] = { 1, 0, 0, 1, tx, ty };
	mat_mul(t, in->tlm, in->tlm);
	memcpy(in->tm, in->tlm, sizeof in->tm);
}

/* One glyph of code CODE shown at the text matrix, which then moves on by
 * its advance (PDF 32000-1 9.4.4). */
static void
show_glyph(interp *in, guint code, gboolean single_space)
{
	double th = in->tz / 100;
	double scale[6] = { in->size * th, 0, 0, in->size, 0, in->ts };
	double trm[6], m[6];
	mat_mul(in->tm, in->gs[in->depth].ctm, m);
	mat_mul(scale, m, trm);
	shown_glyph g = { .font = in->font, .code = code, .render = in->tr,
		.x = trm[4] - in->dx, .y = trm[5] - in->dy,
		.m = { trm[0], trm[1], trm[2], trm[3] } };
	g_array_append_val(in->out->glyphs, g);
	double w = 0;
	if (in->font) {
		const double *known = g_hash_table_lookup(in->font->widths, GUINT_TO_POINTER(code));
		w = known ? *known : in->font->default_width;
	}
	double tx = (w / 1000 * in->size + in->tc + (single_space ? in->tw : 0)) * th;
	double move[6] = { 1, 0, 0, 1, tx, 0 };
	mat_mul(move, in->tm, in->tm);
}

/* The glyphs of string BYTES (LEN bytes) in the current font's codes. */
static void
show_string(interp *in, const unsigned char *bytes, size_t len)
{
	int nb = in->font ? in->font->code_bytes : 1;
	for (size_t i = 0; i + (size_t)nb <= len; i += (size_t)nb) {
		guint code = nb == 2 ? (guint)bytes[i] << 8 | bytes[i + 1] : bytes[i];
		show_glyph(in, code, nb == 1 && code == 32);
	}
}

/* A TJ array as lex_array serialised it: strings shown, numbers moving the
 * text matrix back by thousandths of the text size. */
static void
show_array(interp *in, const GString *arr)
{
	const char *p = arr->str, *end = arr->str + arr->len;
	while (p < end) {
		if (*p == 'n') {
			char *stop;
			double v = g_ascii_strtod(p + 1, &stop);
			p = stop < end && *stop == ';' ? stop + 1 : end;
			double move[6] = { 1, 0, 0, 1, -v / 1000 * in->size * in->tz / 100, 0 };
			mat_mul(move, in->tm, in->tm);
		} else if (*p == 's') {
			char *stop;
			unsigned long n = strtoul(p + 1, &stop, 10);
			if (stop >= end || *stop != ':' || n > (unsigned long)(end - stop - 1))
				break;
			show_string(in, (const unsigned char *)stop + 1, n);
			p = stop + 1 + n;
		} else {
			p++;	/* a bracket */
		}
	}
}

static qpdf_oh
resource(interp *in, qpdf_oh res, const char *kind, const char *name)
{
	qpdf_data q = in->e->qpdf;
	qpdf_oh dict = qpdf_oh_get_key(q, res, kind);
	qpdf_oh v = qpdf_oh_is_dictionary(q, dict) ? qpdf_oh_get_key(q, dict, name) : qpdf_oh_new_null(q);
	qpdf_oh_release(q, dict);
	return v;
}

static void run_content(interp *in, const unsigned char *data, size_t len, qpdf_oh res);

/* Do: a form XObject's content is painted where it is drawn. */
static void
draw_xobject(interp *in, qpdf_oh res, const char *name)
{
	qpdf_data q = in->e->qpdf;
	qpdf_oh xo = resource(in, res, "/XObject", name);
	qpdf_oh dict = qpdf_oh_is_stream(q, xo) ? qpdf_oh_get_dict(q, xo) : qpdf_oh_new_null(q);
	qpdf_oh sub = qpdf_oh_get_key(q, dict, "/Subtype");
	if (qpdf_oh_is_name_and_equals(q, sub, "/Form") && in->forms < MAX_FORMS
	    && in->depth + 1 < MAX_GSTATE) {
		unsigned char *data = NULL;
		size_t len = 0;
		QPDF_BOOL filtered = QPDF_FALSE;
		if (!(qpdf_oh_get_stream_data(q, xo, qpdf_dl_generalized, &filtered, &data, &len)
			& QPDF_ERRORS) && filtered) {
			qpdf_oh mat = qpdf_oh_get_key(q, dict, "/Matrix");
			qpdf_oh fres = qpdf_oh_get_key(q, dict, "/Resources");
			in->depth++;
			in->gs[in->depth] = in->gs[in->depth - 1];
			if (qpdf_oh_is_array(q, mat) && qpdf_oh_get_array_n_items(q, mat) == 6) {
				double m[6];
				for (int i = 0; i < 6; i++) {
					qpdf_oh it = qpdf_oh_get_array_item(q, mat, i);
					m[i] = qpdf_oh_is_number(q, it) ? qpdf_oh_get_numeric_value(q, it) : 0;
					qpdf_oh_release(q, it);
				}
				mat_mul(m, in->gs[in->depth].ctm, in->gs[in->depth].ctm);
			}
			int base = in->depth;
			in->forms++;
			run_content(in, data, len, qpdf_oh_is_dictionary(q, fres) ? fres : res);
			in->forms--;
			in->depth = base - 1;
			qpdf_oh_release(q, fres);
			qpdf_oh_release(q, mat);
		}
		free(data);
	}
	qpdf_oh_release(q, sub);
	qpdf_oh_release(q, dict);
	qpdf_oh_release(q, xo);
}

/* Operator OP with its N operands O. */
static void
operate(interp *in, const char *op, operand *o, int n, qpdf_oh res)
{
	double *ctm = in->gs[in->depth].ctm;
	if (strcmp(op, "q") == 0) {
		if (in->depth + 1 < MAX_GSTATE) {
			in->depth++;
			in->gs[in->depth] = in->gs[in->depth - 1];
		}
	} else if (strcmp(op, "Q") == 0) {
		if (in->depth > in->forms)	/* never below a form's own state */
			in->depth--;
	} else if (strcmp(op, "cm") == 0 && n == 6 && numbers(o, 6)) {
		double m[6];
		mat_set(m, o);
		mat_mul(m, ctm, ctm);
	} else if (strcmp(op, "BT") == 0) {
		double id[6] = { 1, 0, 0, 1, 0, 0 };
		memcpy(in->tm, id, sizeof id);
		memcpy(in->tlm, id, sizeof id);
	} else if (strcmp(op, "Tf") == 0 && n == 2 && o[0].kind == TOK_NAME && o[1].kind == TOK_NUMBER) {
		qpdf_oh font = resource(in, res, "/Font", o[0].text->str);
		in->font = qpdf_oh_is_dictionary(in->e->qpdf, font) ? font_of(in->ck, in->e, font) : NULL;
		qpdf_oh_release(in->e->qpdf, font);
		in->size = o[1].num;
	} else if (strcmp(op, "Tm") == 0 && n == 6 && numbers(o, 6)) {
		mat_set(in->tlm, o);
		memcpy(in->tm, in->tlm, sizeof in->tm);
	} else if (strcmp(op, "Td") == 0 && n == 2 && numbers(o, 2)) {
		text_move(in, o[0].num, o[1].num);
	} else if (strcmp(op, "TD") == 0 && n == 2 && numbers(o, 2)) {
		in->tl = -o[1].num;
		text_move(in, o[0].num, o[1].num);
	} else if (strcmp(op, "T*") == 0) {
		text_move(in, 0, -in->tl);
	} else if (n == 1 && o[0].kind == TOK_NUMBER && strlen(op) == 2 && op[0] == 'T'
	    && strchr("cwzLsr", op[1])) {
		double v = o[0].num;
		switch (op[1]) {
		case 'c': in->tc = v; break;
		case 'w': in->tw = v; break;
		case 'z': in->tz = v; break;
		case 'L': in->tl = v; break;
		case 's': in->ts = v; break;
		case 'r': in->tr = (int)v; break;
		}
	} else if (strcmp(op, "Tj") == 0 && n == 1 && o[0].kind == TOK_STRING) {
		show_string(in, (const unsigned char *)o[0].text->str, o[0].text->len);
	} else if (strcmp(op, "TJ") == 0 && n == 1 && o[0].kind == TOK_ARRAY) {
		show_array(in, o[0].text);
	} else if (strcmp(op, "'") == 0 && n == 1 && o[0].kind == TOK_STRING) {
		text_move(in, 0, -in->tl);
		show_string(in, (const unsigned char *)o[0].text->str, o[0].text->len);
	} else if (strcmp(op, "\"") == 0 && n == 3 && numbers(o, 2) && o[2].kind == TOK_STRING) {
		in->tw = o[0].num;
		in->tc = o[1].num;
		text_move(in, 0, -in->tl);
		show_string(in, (const unsigned char *)o[2].text->str, o[2].text->len);
	} else if (strcmp(op, "Do") == 0 && n == 1 && o[0].kind == TOK_NAME) {
		draw_xobject(in, res, o[0].text->str);
	}
}

static void
run_content(interp *in, const unsigned char *data, size_t len, qpdf_oh res)
{
	lexer lx = { data, data + len };
	operand o[MAX_OPERANDS + 1];
	for (int i = 0; i <= MAX_OPERANDS; i++)
		o[i].text = g_string_new(NULL);
	int n = 0;
	for (;;) {
		tok_kind k = lex(&lx, &o[n]);
		if (k == TOK_END)
			break;
		if (k != TOK_OP) {
			/* too many operands: keep the last ones, which are an
			 * operator's (the earlier are garbage to it anyway) */
			if (n < MAX_OPERANDS) {
				n++;
			} else {
				GString *t = o[0].text;
				memmove(o, o + 1, MAX_OPERANDS * sizeof *o);
				o[MAX_OPERANDS].text = t;
			}
			continue;
		}
		if (strcmp(o[n].text->str, "ID") == 0)
			skip_inline_image(&lx);
		else
			operate(in, o[n].text->str, o, n, res);
		n = 0;
	}
	for (int i = 0; i <= MAX_OPERANDS; i++)
		g_string_free(o[i].text, TRUE);
}

/* --- a page -------------------------------------------------------------------------- */

page_painting *
painting_read(checker *ck, edition *e, qpdf_oh qpage, double dx, double dy)
{
	qpdf_data q = e->qpdf;
	unsigned char *data = NULL;
	size_t len = 0;
	if (!q || (qpdf_oh_get_page_content_data(q, qpage, &data, &len) & QPDF_ERRORS)) {
		free(data);
		return NULL;
	}
	page_painting *pp = g_new0(page_painting, 1);
	pp->glyphs = g_array_new(FALSE, FALSE, sizeof(shown_glyph));
	interp in = { .ck = ck, .e = e, .out = pp, .dx = dx, .dy = dy, .tz = 100 };
	double id[6] = { 1, 0, 0, 1, 0, 0 };
	memcpy(in.gs[0].ctm, id, sizeof id);
	qpdf_oh res = qpdf_oh_get_key(q, qpage, "/Resources");
	run_content(&in, data, len, res);
	qpdf_oh_release(q, res);
	free(data);
	return pp;
}

void
painting_free(page_painting *pp)
{
	if (!pp)
		return;
	g_array_free(pp->glyphs, TRUE);
	g_free(pp);
}

guint
painting_shows(const page_painting *pp)
{
	return pp ? pp->glyphs->len : 0;
}

static gboolean
close_to(double a, double b)
{
	return fabs(a - b) <= PLACE_TOLERANCE;
}

char *
painting_difference(const page_painting *a, const page_painting *b)
{
	guint n = MIN(a->glyphs->len, b->glyphs->len);
	for (guint i = 0; i < n; i++) {
		const shown_glyph *x = &g_array_index(a->glyphs, shown_glyph, i);
		const shown_glyph *y = &g_array_index(b->glyphs, shown_glyph, i);
		guint fx = x->font ? x->font->index : 0, fy = y->font ? y->font->index : 0;
		if (fx != fy && !(x->font && y->font && x->font->family == y->font->family
		    && x->font->program && y->font->program))
			return g_strdup_printf("第%u个字的字体不同", i + 1);
		if (x->code != y->code || (fx != fy && !font_same_outline(x->font, y->font, x->code)))
			return g_strdup_printf("第%u个字的字形不同", i + 1);
		double unit = (hypot(x->m[0], x->m[1]) + hypot(x->m[2], x->m[3])) / 2 * KERN_UNIT;
		if (fabs(x->x - y->x) > PLACE_TOLERANCE + unit
		    || fabs(x->y - y->y) > PLACE_TOLERANCE + unit)
			return g_strdup_printf("第%u个字的位置相差%.2f毫米", i + 1,
			    hypot(x->x - y->x, x->y - y->y) * 25.4 / 72);
		gboolean same = x->render == y->render;
		for (int k = 0; k < 4; k++)
			same = same && close_to(x->m[k], y->m[k]);
		if (!same)
			return g_strdup_printf("第%u个字的字号、变形或描绘方式不同", i + 1);
	}
	if (a->glyphs->len != b->glyphs->len)
		return g_strdup_printf("印刷版此面有%u个字，电子版有%u个", a->glyphs->len,
		    b->glyphs->len);
	return NULL;
}
