/* fontwidths.c — compact /W arrays for cairo's CID fonts (see fontwidths.h).
 * A reader's width for CID c: the /W entry naming c, else /DW (1000 when
 * absent). Widths keep their written form; they are told apart by value. */
#include "fontwidths.h"

#include <string.h>

#define MAX_CID 65535

typedef struct {
	GPtrArray *text;	/* the distinct widths as written */
	GArray *value;		/* their values */
	gint *of;		/* width index of each CID 0..max; -1 none */
	gint max;		/* highest CID listed */
} widths;

static gint
width_index(widths *w, qpdf_data q, qpdf_oh oh)
{
	double v = qpdf_oh_get_numeric_value(q, oh);
	for (guint i = 0; i < w->value->len; i++)
		if (g_array_index(w->value, double, i) == v)
			return (gint)i;
	g_array_append_val(w->value, v);
	g_ptr_array_add(w->text, g_strdup(qpdf_oh_unparse(q, oh)));
	return (gint)w->value->len - 1;
}

static gboolean
set_width(widths *w, long long cid, gint k)
{
	if (cid < 0 || cid > MAX_CID)
		return FALSE;
	if (w->of[cid] < 0)	/* the first entry naming a CID holds */
		w->of[cid] = k;
	if (cid > w->max)
		w->max = (gint)cid;
	return TRUE;
}

static gboolean
is_int(qpdf_data q, qpdf_oh oh)
{
	return qpdf_oh_is_integer(q, oh);
}

/* Reads /W into W; FALSE when it is not a /W a reader would take whole. */
static gboolean
read_w(widths *w, qpdf_data q, qpdf_oh arr)
{
	int n = qpdf_oh_get_array_n_items(q, arr);
	gboolean ok = TRUE;
	for (int i = 0; ok && i < n;) {
		qpdf_oh c = qpdf_oh_get_array_item(q, arr, i);
		qpdf_oh next = qpdf_oh_get_array_item(q, arr, i + 1);
		ok = is_int(q, c) && i + 1 < n;
		long long first = ok ? qpdf_oh_get_int_value(q, c) : 0;
		if (ok && qpdf_oh_is_array(q, next)) {
			int m = qpdf_oh_get_array_n_items(q, next);
			for (int j = 0; ok && j < m; j++) {
				qpdf_oh x = qpdf_oh_get_array_item(q, next, j);
				ok = qpdf_oh_is_number(q, x)
				    && set_width(w, first + j, width_index(w, q, x));
				qpdf_oh_release(q, x);
			}
			i += 2;
		} else if (ok) {
			qpdf_oh x = qpdf_oh_get_array_item(q, arr, i + 2);
			ok = is_int(q, next) && i + 2 < n && qpdf_oh_is_number(q, x);
			long long last = ok ? qpdf_oh_get_int_value(q, next) : 0;
			ok = ok && last >= first && last <= MAX_CID;
			gint k = ok ? width_index(w, q, x) : -1;
			for (long long cid = first; ok && cid <= last; cid++)
				ok = set_width(w, cid, k);
			qpdf_oh_release(q, x);
			i += 3;
		}
		qpdf_oh_release(q, c);
		qpdf_oh_release(q, next);
	}
	return ok;
}

/* The index of the most common width among the listed CIDs (the lowest
 * index on a tie, so the result is the same on every run). */
static gint
most_common(const widths *w)
{
	guint *count = g_new0(guint, w->value->len);
	for (gint c = 0; c <= w->max; c++)
		if (w->of[c] >= 0)
			count[w->of[c]]++;
	gint best = 0;
	for (guint i = 1; i < w->value->len; i++)
		if (count[i] > count[best])
			best = (gint)i;
	g_free(count);
	return best;
}

/* Length of the run of CIDs from C with C's width. */
static gint
run_length(const gint *of, gint c, gint end)
{
	gint j = c;
	while (j + 1 <= end && of[j + 1] == of[c])
		j++;
	return j - c + 1;
}

/* The new /W: every CID 0..END whose width is not DW. */
static void
write_w(GString *s, const widths *w, const gint *of, gint end, gint dw)
{
	g_string_append_c(s, '[');
	for (gint c = 0; c <= end;) {
		if (of[c] == dw) {
			c++;
			continue;
		}
		gint run = run_length(of, c, end);
		if (run >= 3) {
			g_string_append_printf(s, " %d %d %s", c, c + run - 1,
			    (const char *)w->text->pdata[of[c]]);
			c += run;
			continue;
		}
		g_string_append_printf(s, " %d [", c);
		while (c <= end && of[c] != dw && run_length(of, c, end) < 3)
			g_string_append_printf(s, " %s", (const char *)w->text->pdata[of[c++]]);
		g_string_append(s, " ]");
	}
	g_string_append(s, " ]");
}

static void
compact_font(qpdf_data q, qpdf_oh font)
{
	qpdf_oh arr = qpdf_oh_get_key(q, font, "/W");
	qpdf_oh dwo = qpdf_oh_get_key(q, font, "/DW");
	widths w = {
		.text = g_ptr_array_new_with_free_func(g_free),
		.value = g_array_new(FALSE, FALSE, sizeof(double)),
		.of = g_new(gint, MAX_CID + 1), .max = -1,
	};
	for (gint c = 0; c <= MAX_CID; c++)
		w.of[c] = -1;
	gboolean has_dw = qpdf_oh_is_number(q, dwo);
	if ((has_dw || qpdf_oh_is_null(q, dwo)) && qpdf_oh_is_array(q, arr)
	    && read_w(&w, q, arr) && w.max >= 0) {
		/* the old default, for the CIDs /W did not list */
		qpdf_oh one = qpdf_oh_new_integer(q, 1000);
		gint old = width_index(&w, q, has_dw ? dwo : one);
		qpdf_oh_release(q, one);
		gint dw = most_common(&w);
		gint end = dw == old ? w.max : MAX_CID;
		for (gint c = 0; c <= end; c++)
			if (w.of[c] < 0)
				w.of[c] = old;
		GString *s = g_string_new(NULL);
		write_w(s, &w, w.of, end, dw);
		qpdf_oh nw = qpdf_oh_parse(q, s->str);
		qpdf_oh ndw = qpdf_oh_parse(q, w.text->pdata[dw]);
		qpdf_oh_replace_key(q, font, "/W", nw);
		qpdf_oh_replace_key(q, font, "/DW", ndw);
		qpdf_oh_release(q, nw);
		qpdf_oh_release(q, ndw);
		g_string_free(s, TRUE);
	}
	g_ptr_array_free(w.text, TRUE);
	g_array_free(w.value, TRUE);
	g_free(w.of);
	qpdf_oh_release(q, arr);
	qpdf_oh_release(q, dwo);
}

GArray *
fontwidths_cid_fonts(qpdf_data q)
{
	GArray *ids = g_array_new(FALSE, FALSE, sizeof(int));
	qpdf_oh size = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Size");
	long long n = qpdf_oh_is_integer(q, size) ? qpdf_oh_get_int_value(q, size) : 0;
	qpdf_oh_release(q, size);
	for (long long id = 1; id < n && id <= G_MAXINT && !qpdf_has_error(q); id++) {
		qpdf_oh o = qpdf_get_object_by_id(q, (int)id, 0);
		if (qpdf_oh_is_dictionary(q, o)
		    && qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, o, "/Type"), "/Font")
		    && (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, o, "/Subtype"),
			"/CIDFontType0")
			|| qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, o, "/Subtype"),
			    "/CIDFontType2"))) {
			int i = (int)id;
			g_array_append_val(ids, i);
		}
		qpdf_oh_release(q, o);
	}
	return ids;
}

gboolean
fontwidths_compact(qpdf_data q, const GArray *fonts)
{
	/* tests/e2e/fontwidths.sh compares against cairo's own widths */
	if (g_getenv("GONGBAO_KEEP_CAIRO_WIDTHS"))
		return TRUE;
	for (guint i = 0; i < fonts->len && !qpdf_has_error(q); i++) {
		qpdf_oh o = qpdf_get_object_by_id(q, g_array_index(fonts, int, i), 0);
		compact_font(q, o);
		qpdf_oh_release(q, o);
	}
	return !qpdf_has_error(q);
}
