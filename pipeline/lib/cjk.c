/* cjk.c — the line rules of Chinese text (W3C clreq, GB/T 15834): which
 * character may end or start a line, which punctuation pairs lose a blank
 * half, how a line that does not fit is first squeezed and only then
 * broken earlier, and how slack is spread evenly over a justified line. */
#include "cjk.h"

#include <stdlib.h>
#include <math.h>
#include <string.h>

#define EPS 0.01

/* --- the punctuation classes ------------------------------------------- */

/* Every mark with a class of its own, by code point.  BLANK: the mark has
 * a blank half that may be taken away. */
static const struct mark {
	gunichar cp;
	guint8 cls;		/* gb_punct */
	guint8 blank;
} marks[] = {
	{ 0x00B0, GB_PUNCT_SIGN, 0 },	/* ° */
	{ 0x00B7, GB_PUNCT_DOT, 0 },	/* · */
	{ 0x2014, GB_PUNCT_DASH, 0 },	/* — */
	{ 0x2015, GB_PUNCT_DASH, 0 },	/* ― */
	{ 0x2018, GB_PUNCT_OPEN, 1 },	/* ‘ */
	{ 0x2019, GB_PUNCT_CLOSE, 1 },	/* ’ */
	{ 0x201C, GB_PUNCT_OPEN, 1 },	/* “ */
	{ 0x201D, GB_PUNCT_CLOSE, 1 },	/* ” */
	{ 0x2026, GB_PUNCT_DASH, 0 },	/* … */
	{ 0x2027, GB_PUNCT_DOT, 0 },	/* ‧ */
	{ 0x2030, GB_PUNCT_SIGN, 0 },	/* ‰ */
	{ 0x2103, GB_PUNCT_SIGN, 0 },	/* ℃ */
	{ 0x22EF, GB_PUNCT_DASH, 0 },	/* ⋯ */
	{ 0x2E3A, GB_PUNCT_DASH, 0 },	/* ⸺ */
	{ 0x3001, GB_PUNCT_STOP, 1 },	/* 、 */
	{ 0x3002, GB_PUNCT_STOP, 1 },	/* 。 */
	{ 0x3008, GB_PUNCT_OPEN, 1 },	/* 〈 */
	{ 0x3009, GB_PUNCT_CLOSE, 1 },	/* 〉 */
	{ 0x300A, GB_PUNCT_OPEN, 1 },	/* 《 */
	{ 0x300B, GB_PUNCT_CLOSE, 1 },	/* 》 */
	{ 0x300C, GB_PUNCT_OPEN, 1 },	/* 「 */
	{ 0x300D, GB_PUNCT_CLOSE, 1 },	/* 」 */
	{ 0x300E, GB_PUNCT_OPEN, 1 },	/* 『 */
	{ 0x300F, GB_PUNCT_CLOSE, 1 },	/* 』 */
	{ 0x3010, GB_PUNCT_OPEN, 1 },	/* 【 */
	{ 0x3011, GB_PUNCT_CLOSE, 1 },	/* 】 */
	{ 0x3014, GB_PUNCT_OPEN, 1 },	/* 〔 */
	{ 0x3015, GB_PUNCT_CLOSE, 1 },	/* 〕 */
	{ 0x3016, GB_PUNCT_OPEN, 1 },	/* 〖 */
	{ 0x3017, GB_PUNCT_CLOSE, 1 },	/* 〗 */
	{ 0x30FB, GB_PUNCT_DOT, 0 },	/* ・ */
	{ 0xFF01, GB_PUNCT_STOP, 1 },	/* ！ */
	{ 0xFF05, GB_PUNCT_SIGN, 0 },	/* ％ */
	{ 0xFF08, GB_PUNCT_OPEN, 1 },	/* （ */
	{ 0xFF09, GB_PUNCT_CLOSE, 1 },	/* ） */
	{ 0xFF0C, GB_PUNCT_STOP, 1 },	/* ， */
	{ 0xFF0E, GB_PUNCT_STOP, 1 },	/* ． */
	{ 0xFF1A, GB_PUNCT_STOP, 1 },	/* ： */
	{ 0xFF1B, GB_PUNCT_STOP, 1 },	/* ； */
	{ 0xFF1F, GB_PUNCT_STOP, 1 },	/* ？ */
	{ 0xFF3B, GB_PUNCT_OPEN, 0 },	/* ［ */
	{ 0xFF3D, GB_PUNCT_CLOSE, 0 },	/* ］ */
	{ 0xFF5B, GB_PUNCT_OPEN, 0 },	/* ｛ */
	{ 0xFF5D, GB_PUNCT_CLOSE, 0 },	/* ｝ */
};

static int
mark_cmp(const void *key, const void *elem)
{
	gunichar cp = *(const gunichar *)key, m = ((const struct mark *)elem)->cp;
	return cp < m ? -1 : cp > m;
}

static const struct mark *
mark_of(gunichar cp)
{
	return bsearch(&cp, marks, G_N_ELEMENTS(marks), sizeof marks[0], mark_cmp);
}

gb_punct
cjk_class_of(gunichar cp)
{
	const struct mark *m = mark_of(cp);
	if (m)
		return (gb_punct)m->cls;
	if ((cp >= 0x2018 && cp <= 0x201F) || (cp >= 0x3000 && cp <= 0x303F)
	    || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF01 && cp <= 0xFF60))
		return GB_PUNCT_FORM;
	return GB_PUNCT_NONE;
}

gboolean
cjk_is_opening(gunichar cp)
{
	return cjk_class_of(cp) == GB_PUNCT_OPEN;
}

gboolean
cjk_is_closing(gunichar cp)
{
	gb_punct c = cjk_class_of(cp);
	return c == GB_PUNCT_CLOSE || c == GB_PUNCT_STOP || c == GB_PUNCT_SIGN;
}

gboolean
cjk_no_line_start(gunichar cp)
{
	gb_punct c = cjk_class_of(cp);
	if (cjk_is_closing(cp) || c == GB_PUNCT_DASH || c == GB_PUNCT_DOT)
		return TRUE;
	return cp && cp < 0x80 && strchr(",.;:?!)]}%", (int)cp) != NULL;
}

gboolean
cjk_no_line_end(gunichar cp)
{
	if (cjk_is_opening(cp) || cjk_class_of(cp) == GB_PUNCT_DOT)
		return TRUE;
	return cp && cp < 0x80 && strchr("([{", (int)cp) != NULL;
}

gboolean
cjk_has_blank_half(gunichar cp)
{
	const struct mark *m = mark_of(cp);
	return m && m->blank;
}

gboolean
cjk_is_han(gunichar cp)
{
	switch (g_unichar_get_script(cp)) {
	case G_UNICODE_SCRIPT_HAN:
	case G_UNICODE_SCRIPT_HIRAGANA:
	case G_UNICODE_SCRIPT_KATAKANA:
	case G_UNICODE_SCRIPT_HANGUL:
	case G_UNICODE_SCRIPT_BOPOMOFO:
		return TRUE;
	default:
		return cp == 0x3007;	/* 〇 is script Han in some tables, Common in others */
	}
}

gboolean
cjk_is_punctuation(gunichar cp)
{
	gb_punct c = cjk_class_of(cp);
	if (c == GB_PUNCT_SIGN)
		return cp == 0xFF05;	/* ‰ ℃ ° stand among digits and letters too */
	return c != GB_PUNCT_NONE;
}

gboolean
cjk_is_full_width(gunichar cp)
{
	return cjk_is_han(cp) || cjk_is_punctuation(cp);
}

/* May a line end at AT, between the character before it and the one there? */
static gboolean
may_cut(const char *at)
{
	gunichar before = g_utf8_get_char(g_utf8_prev_char(at)), after = g_utf8_get_char(at);
	return !cjk_no_line_start(after) && !cjk_no_line_end(before);
}

GPtrArray *
cjk_wrap(const char *text, double width, gb_cjk_measure measure, gpointer data)
{
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	const char *start = text, *p = text;
	while (*p) {
		const char *next = g_utf8_next_char(p);
		if (p > start && measure(start, (gsize)(next - start), data) > width) {
			/* the line ends before P, or earlier where a rule forbids P */
			const char *cut = p;
			while (cut > start && !may_cut(cut))
				cut = g_utf8_prev_char(cut);
			if (cut == start)
				cut = p;	/* nothing but marks: cut where it is full */
			g_ptr_array_add(lines, g_strndup(start, (gsize)(cut - start)));
			start = cut;
			continue;	/* P again, on the new line */
		}
		p = next;
	}
	if (p > start || lines->len == 0)
		g_ptr_array_add(lines, g_strndup(start, (gsize)(p - start)));
	return lines;
}

/* --- paragraph composition ---------------------------------------------- */

gb_cjk_class
cjk_class(gunichar cp)
{
	switch (cp) {
	case ' ': case '\t': case '\n': case 0xA0:
		return GB_CL_SPACE;
	default:
		break;
	}
	switch (cjk_class_of(cp)) {
	case GB_PUNCT_OPEN:
		return GB_CL_OPEN;
	case GB_PUNCT_CLOSE: case GB_PUNCT_STOP: case GB_PUNCT_SIGN:
		return GB_CL_CLOSE;
	case GB_PUNCT_DOT:
		return GB_CL_GLUE;
	case GB_PUNCT_DASH:
		return GB_CL_DASH;
	case GB_PUNCT_FORM:
		return GB_CL_IDEO;
	case GB_PUNCT_NONE:
		break;
	}
	if (cp < 0x80)
		return GB_CL_LATIN;
	if (cp < 0x2E80 && (cp < 0x2000 || g_unichar_isalnum(cp)))
		return GB_CL_LATIN;	/* accented letters, Greek, Cyrillic, Latin-1 signs */
	return GB_CL_IDEO;
}

/* May a line end between A and B?  Half-width signs in Chinese text
 * (县(市), 北京,上海) keep the rules of their full-width twins. */
static gboolean
may_break(const gb_glyph *a, const gb_glyph *b)
{
	if (b->cls == GB_CL_SPACE || cjk_no_line_start(b->cp) || cjk_no_line_end(a->cp))
		return FALSE;
	return !(a->cls == GB_CL_LATIN && b->cls == GB_CL_LATIN);
}

int
cjk_face_for(gb_fonts *fonts, int role, gunichar cp)
{
	if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F || cp == 0xAD
	    || (cp >= 0x200B && cp <= 0x200D) || cp == 0xFEFF
	    || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF))
		return GB_CJK_NOT_DRAWN;	/* invisible: controls, joiners, variation selectors */
	return fonts_face_for(fonts, role, cjk_class(cp) == GB_CL_SPACE ? ' ' : cp);
}

gboolean
cjk_shape(gb_fonts *fonts, const gb_textstyle *st, const char *text, GArray *glyphs,
    gunichar *missing)
{
	g_array_set_size(glyphs, 0);
	gboolean ok = TRUE;
	int fallback = fonts_role_face(fonts, st->role);
	int ch = -1;
	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		gunichar cp = g_utf8_get_char(p);
		ch++;
		int face = cjk_face_for(fonts, st->role, cp);
		if (face == GB_CJK_NOT_DRAWN)
			continue;
		gb_glyph g = { 0 };
		g.cls = (guint8)cjk_class(cp);
		g.cp = g.cls == GB_CL_SPACE ? ' ' : cp;
		g.src = (int)(p - text);
		g.ch = ch;
		if (face < 0) {
			if (ok && missing)
				*missing = cp;
			ok = FALSE;
			face = fallback;
		}
		g.face = (gint16)face;
		double adv = fonts_advance(fonts, face, g.cp) * st->size;
		if (g.cls == GB_CL_SPACE && adv > st->size / 4)
			adv = st->size / 4;	/* a space in CJK text is at most a quarter em */
		g.adv = (float)(adv + st->tracking);
		g.blank = (guint8)fonts_blank(fonts, face, g.cp);
		if (g.blank != GB_BLANK_NONE)
			g.squeeze = (float)(adv / 2);
		g_array_append_val(glyphs, g);
	}

	gb_glyph *gl = (gb_glyph *)glyphs->data;
	int n = (int)glyphs->len;
	/* A space-run collapses to one space: the editor's double space is no
	 * reason for a hole. */
	int w = 0;
	for (int i = 0; i < n; i++)
		if (!(gl[i].cls == GB_CL_SPACE && (w == 0 || gl[w - 1].cls == GB_CL_SPACE)))
			gl[w++] = gl[i];
	while (w > 0 && gl[w - 1].cls == GB_CL_SPACE)
		w--;
	n = w;
	g_array_set_size(glyphs, n);

	double cls_space = st->cjk_latin_space * st->size;
	for (int i = 0; i < n; i++) {
		gb_glyph *a = &gl[i];
		if (i + 1 == n) {
			a->brk = TRUE;
			break;
		}
		gb_glyph *b = &gl[i + 1];
		a->brk = (guint8)may_break(a, b);
		if ((a->cls == GB_CL_IDEO && b->cls == GB_CL_LATIN && g_unichar_isalnum(b->cp))
		    || (a->cls == GB_CL_LATIN && b->cls == GB_CL_IDEO && g_unichar_isalnum(a->cp)))
			a->space_after = (float)cls_space;
		/* Adjacent punctuation: the first mark loses its blank right, or
		 * else the second its blank left (。” ）、 ，“ “《 take 1.5 em). */
		if (a->blank != GB_BLANK_NONE && b->blank != GB_BLANK_NONE) {
			if (a->blank == GB_BLANK_RIGHT && a->squeeze > 0) {
				a->adv -= a->squeeze;
				a->squeeze = 0;
			} else if (b->blank == GB_BLANK_LEFT && b->squeeze > 0) {
				b->adv -= b->squeeze;
				b->xoff -= b->squeeze;
				b->squeeze = 0;
			}
		}
	}
	return ok;
}

/* Width of characters [s, e) as a line: the gaps between them but not a
 * trailing space. */
static int
trim_end(const gb_glyph *gl, int s, int e)
{
	while (e > s + 1 && gl[e - 1].cls == GB_CL_SPACE)
		e--;
	return e;
}

/* A paragraph should not end in a line holding a single character: the
 * line before gives up its last unit when that leaves it no looser than a
 * tenth of an em between characters. */
static void
avoid_lone_last_character(const gb_glyph *gl, double measure, GArray *lines)
{
	int nl = (int)lines->len;
	if (nl < 2)
		return;
	gb_line *prev = &g_array_index(lines, gb_line, nl - 2);
	gb_line *last = &g_array_index(lines, gb_line, nl - 1);
	int chars = 0;
	for (int i = last->start; i < last->end; i++)
		if (gl[i].cls != GB_CL_CLOSE && gl[i].cls != GB_CL_SPACE)
			chars++;
	if (chars != 1 || gl[last->start].cls != GB_CL_IDEO)
		return;
	int k = last->start - 1;
	while (k > prev->start + 1 && !gl[k - 1].brk)
		k--;
	if (k <= prev->start + 1)
		return;
	double w = 0, em = 0;
	for (int i = prev->start; i < k; i++) {
		w += gl[i].adv + (i + 1 < k ? gl[i].space_after : 0);
		em = MAX(em, gl[i].adv);
	}
	if (measure < w || (measure - w) / (k - prev->start - 1) > 0.1 * em)
		return;
	double lw = 0;	/* the moved unit and the lone character on one line */
	for (int i = k; i < last->end; i++)
		lw += gl[i].adv + (i + 1 < last->end ? gl[i].space_after : 0);
	if (lw > measure + EPS)
		return;
	prev->end = k;
	prev->shrink = 0;
	last->start = k;
	last->shrink = 0;
}

void
cjk_break(const GArray *glyphs, double first_measure, double measure, GArray *lines)
{
	const gb_glyph *gl = (const gb_glyph *)glyphs->data;
	int n = (int)glyphs->len;
	g_array_set_size(lines, 0);
	int s = 0;
	while (s < n) {
		double m = s == 0 ? first_measure : measure;
		double w = 0, q = 0;	/* the accepted units: width and squeezable blank */
		int e = s;
		float shrink = 0;
		while (e < n) {
			int ne = e;
			while (ne < n && !gl[ne].brk)
				ne++;
			ne = ne < n ? ne + 1 : n;
			int ve = trim_end(gl, s, ne);	/* visible end */
			double uw = e > s ? gl[e - 1].space_after : 0, uq = 0;
			for (int i = e; i < ve; i++) {
				uw += gl[i].adv + (i + 1 < ve ? gl[i].space_after : 0);
				uq += gl[i].squeeze;
			}
			if (w + uw <= m + EPS) {
				for (int i = ve; i < ne; i++)
					uw += gl[i].adv + gl[i - 1].space_after;
				w += uw;
				q += uq;
				e = ne;
				continue;
			}
			/* Push in before pushing down: squeezing the line's
			 * punctuation may make room for this unit (also for the
			 * first unit of a narrow table cell). */
			if (w + uw - (q + uq) <= m + EPS) {
				shrink = (float)(w + uw - m);
				if (shrink < 0)
					shrink = 0;
				e = ne;
				break;
			}
			if (e == s) {
				/* One unit wider than the line (a long URL): cut it. */
				double cw = 0;
				e = s + 1;
				cw = gl[s].adv;
				while (e < ne && cw + gl[e - 1].space_after + gl[e].adv <= m + EPS) {
					cw += gl[e - 1].space_after + gl[e].adv;
					e++;
				}
				break;
			}
			break;
		}
		gb_line line = { s, e, shrink, e >= n };
		g_array_append_val(lines, line);
		s = e;
	}
	avoid_lone_last_character(gl, measure, lines);
}

/* The amount each character gives up of LINE's shrink: the closing marks
 * inside the line first, from the right, then the opening marks, and the
 * line-end mark last, so that a line keeps its right edge where it can and
 * an opening mark stays beside what it opens. */
static void
shrink_amounts(const gb_glyph *gl, const gb_line *line, int ve, float *take)
{
	float left = line->shrink;
	for (int pass = 0; pass < 2; pass++) {
		gb_blank side = pass == 0 ? GB_BLANK_RIGHT : GB_BLANK_LEFT;
		for (int i = ve - 2; i >= line->start && left > 0; i--) {
			if (gl[i].blank != side)
				continue;
			float t = left > gl[i].squeeze ? gl[i].squeeze : left;
			take[i - line->start] = t;
			left -= t;
		}
	}
	if (left > 0 && ve > line->start)
		take[ve - 1 - line->start] = left > gl[ve - 1].squeeze ? gl[ve - 1].squeeze : left;
}

double
cjk_place(const GArray *glyphs, const gb_line *line, double measure, gboolean justify,
    double unit, double *x)
{
	const gb_glyph *gl = (const gb_glyph *)glyphs->data;
	int s = line->start, ve = trim_end(gl, s, line->end);
	int len = line->end - s;
	float take_small[64];
	float *take = len <= 64 ? take_small : g_new(float, len);
	memset(take, 0, sizeof(float) * (size_t)len);
	if (line->shrink > 0)
		shrink_amounts(gl, line, ve, take);

	double natural = 0;
	for (int i = s; i < ve; i++)
		natural += gl[i].adv - take[i - s] + (i + 1 < ve ? gl[i].space_after : 0);
	double extra = 0, slack = 0;
	int gaps = ve - s - 1, wider = 0;
	if (justify && !line->last && gaps > 0 && measure > natural) {
		slack = measure - natural;
		extra = slack / gaps;
		if (unit > 0 && extra >= unit) {
			extra = floor(extra / unit) * unit;
			wider = (int)floor((slack - extra * gaps) / unit + 1e-9);
			wider = CLAMP(wider, 0, gaps);
		}
	}
	double pen = 0;
	for (int i = s; i < line->end; i++) {
		double t = take[i - s];
		/* A mark whose blank is on its left gives it up by moving left. */
		double shift = gl[i].blank == GB_BLANK_LEFT ? -t : 0;
		x[i - s] = pen + gl[i].xoff + shift;
		if (i < ve)
			pen += gl[i].adv - t + gl[i].space_after + extra + (i - s < wider ? unit : 0);
		/* the fraction of a unit left over: the last gap, to the measure */
		if (i == ve - 2 && slack > 0)
			pen = measure - (gl[ve - 1].adv - take[ve - 1 - s]);
	}
	if (take != take_small)
		g_free(take);
	return extra > 0 ? measure : natural;
}

double
cjk_line_width(const GArray *glyphs, const gb_line *line)
{
	const gb_glyph *gl = (const gb_glyph *)glyphs->data;
	int s = line->start, ve = trim_end(gl, s, line->end);
	double w = 0;
	for (int i = s; i < ve; i++)
		w += gl[i].adv + (i + 1 < ve ? gl[i].space_after : 0);
	return w - line->shrink;
}

double
cjk_widest_unit(const GArray *glyphs)
{
	const gb_glyph *gl = (const gb_glyph *)glyphs->data;
	double widest = 0, w = 0;
	for (guint i = 0; i < glyphs->len; i++) {
		if (gl[i].cls != GB_CL_SPACE)
			w += gl[i].adv;
		if (gl[i].brk) {
			/* a closing mark at a line's end may lose its blank half */
			widest = MAX(widest, w - gl[i].squeeze);
			w = 0;
		} else {
			w += gl[i].space_after;
		}
	}
	return widest;
}

char *
cjk_book_title(const char *title)
{
	GString *s = g_string_new("《");
	for (const char *p = title; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c == 0x300A)		/* 《 */
			g_string_append(s, "〈");
		else if (c == 0x300B)	/* 》 */
			g_string_append(s, "〉");
		else
			g_string_append_unichar(s, c);
	}
	g_string_append(s, "》");
	return g_string_free(s, FALSE);
}
