/* content.c — a lexer of PDF content streams: white space, comments,
 * strings with their escapes and nesting, hex strings, names, numbers,
 * dictionaries, arrays, operators, an inline image taken whole; and the
 * standard structure types a tagged PDF names. */
#include "content.h"

#include <string.h>

static gboolean
white(guchar c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static gboolean
delim(guchar c)
{
	return c != '\0' && strchr("()<>[]{}/%", c) != NULL;
}

static gsize
regular_end(const guchar *in, gsize len, gsize i)
{
	while (i < len && !white(in[i]) && !delim(in[i]))
		i++;
	return i;
}

/* The end of an inline image's data: the first EI standing alone after
 * the ID operator at I. */
static gsize
inline_image_end(const guchar *in, gsize len, gsize i)
{
	for (; i + 2 <= len; i++)
		if (in[i] == 'E' && in[i + 1] == 'I' && i > 0 && white(in[i - 1])
		    && (i + 2 == len || white(in[i + 2]) || delim(in[i + 2])))
			return i + 2;
	return len;
}

gb_tok
content_next(const guchar *in, gsize len, gsize *pos)
{
	gsize i = *pos;
	for (;;) {
		while (i < len && white(in[i]))
			i++;
		if (i < len && in[i] == '%') {
			while (i < len && in[i] != '\n' && in[i] != '\r')
				i++;
			continue;
		}
		break;
	}
	gb_tok t = { GB_TOK_END, i, i };
	if (i >= len) {
		*pos = i;
		return t;
	}
	guchar c = in[i];
	if (c == '(') {
		int depth = 0;
		for (; i < len; i++) {
			if (in[i] == '\\')
				i++;
			else if (in[i] == '(')
				depth++;
			else if (in[i] == ')' && --depth == 0) {
				i++;
				break;
			}
		}
		t.kind = GB_TOK_STRING;
	} else if (c == '<' && i + 1 < len && in[i + 1] == '<') {
		i += 2;
		t.kind = GB_TOK_DICT_OPEN;
	} else if (c == '>' && i + 1 < len && in[i + 1] == '>') {
		i += 2;
		t.kind = GB_TOK_DICT_CLOSE;
	} else if (c == '<') {
		while (i < len && in[i] != '>')
			i++;
		i = MIN(i + 1, len);
		t.kind = GB_TOK_STRING;
	} else if (c == '[' || c == ']') {
		i++;
		t.kind = c == '[' ? GB_TOK_ARRAY_OPEN : GB_TOK_ARRAY_CLOSE;
	} else if (c == '/') {
		i = regular_end(in, len, i + 1);
		t.kind = GB_TOK_NAME;
	} else if (delim(c)) {
		i++;	/* a stray ) > { } */
		t.kind = GB_TOK_OTHER;
	} else {
		i = regular_end(in, len, i);
		if (g_ascii_isdigit(c) || c == '+' || c == '-' || c == '.')
			t.kind = GB_TOK_NUMBER;
		else if ((i - t.start == 4 && (memcmp(in + t.start, "true", 4) == 0
		    || memcmp(in + t.start, "null", 4) == 0))
		    || (i - t.start == 5 && memcmp(in + t.start, "false", 5) == 0))
			t.kind = GB_TOK_OTHER;
		else if (i - t.start == 2 && memcmp(in + t.start, "BI", 2) == 0) {
			/* its dictionary and data are no operators */
			gsize k = i;
			for (; k + 2 <= len; k++)
				if (in[k - 1] == 'I' && in[k] == 'D' && white(in[k - 2])
				    && (k + 1 == len || white(in[k + 1])))
					break;
			i = inline_image_end(in, len, k + 1);
			t.kind = GB_TOK_INLINE_IMAGE;
		} else
			t.kind = GB_TOK_OPERATOR;
	}
	t.end = i;
	*pos = i;
	return t;
}

gboolean
content_is_op(const guchar *in, const gb_tok *tok, const char *op)
{
	gsize n = strlen(op);
	return tok->kind == GB_TOK_OPERATOR && tok->end - tok->start == n
	    && memcmp(in + tok->start, op, n) == 0;
}

gboolean
content_shows_text(const guchar *in, const gb_tok *tok)
{
	return content_is_op(in, tok, "Tj") || content_is_op(in, tok, "TJ")
	    || content_is_op(in, tok, "'") || content_is_op(in, tok, "\"");
}

/* The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4). */
gboolean
content_standard_type(const char *name)
{
	static const char *types[] = {
		"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC",
		"TOCI", "Index", "NonStruct", "Private", "H", "H1", "H2", "H3", "H4", "H5",
		"H6", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead",
		"TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code",
		"Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure",
		"Formula", "Form",
	};
	for (guint i = 0; i < G_N_ELEMENTS(types); i++)
		if (strcmp(name, types[i]) == 0)
			return TRUE;
	return FALSE;
}

static int
hex_digit(guchar c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void
content_decode_literal(const guchar **pos, const guchar *end, GString *out)
{
	const guchar *p = *pos;
	int depth = 1;
	while (p < end) {
		guchar c = *p++;
		if (c == '(') {
			depth++;
		} else if (c == ')') {
			if (--depth == 0)
				break;
		} else if (c == '\\' && p < end) {
			c = *p++;
			const char *esc = strchr("n\nr\rt\tb\bf\f", c);
			if (c >= '0' && c <= '7') {
				int v = c - '0';
				for (int k = 0; k < 2 && p < end && *p >= '0' && *p <= '7'; k++)
					v = v * 8 + (*p++ - '0');
				c = (guchar)v;
			} else if (c == '\r' || c == '\n') {
				if (c == '\r' && p < end && *p == '\n')
					p++;
				continue;	/* a line continuation */
			} else if (esc && (esc - "n\nr\rt\tb\bf\f") % 2 == 0) {
				c = (guchar)esc[1];
			}
		}
		g_string_append_c(out, (char)c);
	}
	*pos = p;
}

void
content_decode_hex(const guchar **pos, const guchar *end, GString *out)
{
	const guchar *p = *pos;
	int hi = -1;
	while (p < end && *p != '>') {
		int d = hex_digit(*p++);
		if (d < 0)
			continue;
		if (hi < 0) {
			hi = d;
		} else {
			g_string_append_c(out, (char)(hi * 16 + d));
			hi = -1;
		}
	}
	if (hi >= 0)
		g_string_append_c(out, (char)(hi * 16));
	if (p < end)
		p++;
	*pos = p;
}

void
content_append_literal(GString *out, const guchar *bytes, gsize len)
{
	g_string_append_c(out, '(');
	for (gsize i = 0; i < len; i++) {
		guchar c = bytes[i];
		if (c == '(' || c == ')' || c == '\\') {
			g_string_append_c(out, '\\');
			g_string_append_c(out, (char)c);
		} else if (c == '\r') {
			g_string_append(out, "\\r");
		} else if (c == '\n') {
			g_string_append(out, "\\n");
		} else {
			g_string_append_c(out, (char)c);
		}
	}
	g_string_append_c(out, ')');
}

GString *
content_literal_text(const guchar *in, gsize len)
{
	GString *out = g_string_sized_new(len);
	GString *bytes = g_string_new(NULL);
	GArray *hex = g_array_new(FALSE, FALSE, sizeof(gb_tok));	/* since the last operator */
	gsize pos = 0, copied = 0;
	for (;;) {
		gb_tok t = content_next(in, len, &pos);
		if (t.kind == GB_TOK_END)
			break;
		if (t.kind == GB_TOK_STRING && in[t.start] == '<')
			g_array_append_val(hex, t);
		if (t.kind != GB_TOK_OPERATOR)
			continue;
		for (guint i = 0; i < hex->len && content_shows_text(in, &t); i++) {
			const gb_tok *h = &g_array_index(hex, gb_tok, i);
			g_string_append_len(out, (const char *)in + copied, (gssize)(h->start - copied));
			g_string_truncate(bytes, 0);
			content_string_bytes(in, h, bytes);
			content_append_literal(out, (const guchar *)bytes->str, bytes->len);
			copied = h->end;
		}
		g_array_set_size(hex, 0);
	}
	g_string_append_len(out, (const char *)in + copied, (gssize)(len - copied));
	g_string_free(bytes, TRUE);
	g_array_free(hex, TRUE);
	return out;
}

void
content_string_bytes(const guchar *in, const gb_tok *tok, GString *out)
{
	if (tok->kind != GB_TOK_STRING || tok->end <= tok->start)
		return;
	const guchar *p = in + tok->start + 1, *end = in + tok->end;
	if (in[tok->start] == '(')
		content_decode_literal(&p, end, out);
	else
		content_decode_hex(&p, end, out);
}
