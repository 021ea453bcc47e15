/* fontid.c — what a font of an edition is (fontid.h): its digests, its
 * codes' widths, and its codes' outlines read with FreeType. */
#include "fontid.h"

#include <ft2build.h>
#include FT_OUTLINE_H

#include <stdlib.h>
#include <string.h>

/* Nesting of objects a font digest follows. */
#define MAX_DIGEST_DEPTH 24

/* Two digests made in one walk: SUM of everything, FAMILY of everything
 * but the font programs' data and the subset tags of font names. */
typedef struct {
	qpdf_data q;
	GChecksum *sum, *family;
	int in_program;		/* > 0 below a FontFile* key: FAMILY not fed */
	GHashTable *open;	/* the indirect objects being digested */
} digest;

static void digest_object(digest *d, qpdf_oh oh, const char *key, int depth);

static void
feed(digest *d, const void *data, gssize len)
{
	g_checksum_update(d->sum, data, len);
	if (!d->in_program)
		g_checksum_update(d->family, data, len);
}

static gint
cmp_keys(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static gboolean
is_program_key(const char *k)
{
	return strcmp(k, "/FontFile") == 0 || strcmp(k, "/FontFile2") == 0
	    || strcmp(k, "/FontFile3") == 0;
}

static void
digest_dict(digest *d, qpdf_oh oh, int depth, gboolean skip_filters)
{
	qpdf_data q = d->q;
	GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
	qpdf_oh_begin_dict_key_iter(q, oh);
	while (qpdf_oh_dict_more_keys(q))
		g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
	g_ptr_array_sort(keys, cmp_keys);
	feed(d, "<<", 2);
	for (guint i = 0; i < keys->len; i++) {
		const char *k = keys->pdata[i];
		/* a stream's data is digested decoded: how it was compressed is not
		 * what it shows */
		if (skip_filters && (strcmp(k, "/Length") == 0 || strcmp(k, "/Filter") == 0
		    || strcmp(k, "/DecodeParms") == 0))
			continue;
		feed(d, k, -1);
		qpdf_oh v = qpdf_oh_get_key(q, oh, k);
		/* a family has a program of the same kind, not the same program */
		gboolean program = is_program_key(k);
		if (program && !d->in_program && qpdf_oh_is_stream(q, v)) {
			qpdf_oh dict = qpdf_oh_get_dict(q, v);
			qpdf_oh sub = qpdf_oh_get_key(q, dict, "/Subtype");
			if (qpdf_oh_is_name(q, sub))
				g_checksum_update(d->family, (const guchar *)qpdf_oh_get_name(q, sub), -1);
			qpdf_oh_release(q, sub);
			qpdf_oh_release(q, dict);
		}
		d->in_program += program;
		digest_object(d, v, k, depth + 1);
		d->in_program -= program;
		qpdf_oh_release(q, v);
	}
	feed(d, ">>", 2);
	g_ptr_array_free(keys, TRUE);
}

/* NAME without a subset tag, the six capitals and '+' that begin it. */
static const char *
untagged(const char *name)
{
	const char *n = name + (*name == '/');
	for (int i = 0; i < 6; i++)
		if (n[i] < 'A' || n[i] > 'Z')
			return name;
	return n[6] == '+' ? n + 7 : name;
}

/* A digest of OH (the value of KEY, or NULL) and everything it refers to,
 * whatever the object numbers: two fonts with the same digest show the
 * same glyphs for the same codes.  A cycle is named, not followed. */
static void
digest_object(digest *d, qpdf_oh oh, const char *key, int depth)
{
	qpdf_data q = d->q;
	char buf[64];
	if (depth > MAX_DIGEST_DEPTH) {
		feed(d, "deep", 4);
		return;
	}
	int id = qpdf_oh_is_indirect(q, oh) ? qpdf_oh_get_object_id(q, oh) : 0;
	if (id > 0) {
		if (g_hash_table_contains(d->open, GINT_TO_POINTER(id))) {
			feed(d, "cycle", 5);
			return;
		}
		g_hash_table_add(d->open, GINT_TO_POINTER(id));
	}
	switch (qpdf_oh_get_type_code(q, oh)) {
	case ot_boolean:
		feed(d, qpdf_oh_get_bool_value(q, oh) ? "T" : "F", 1);
		break;
	case ot_integer:
		g_snprintf(buf, sizeof buf, "i%lld", qpdf_oh_get_int_value(q, oh));
		feed(d, buf, -1);
		break;
	case ot_real:
		g_snprintf(buf, sizeof buf, "r%.4f", qpdf_oh_get_numeric_value(q, oh));
		feed(d, buf, -1);
		break;
	case ot_name: {
		const char *name = qpdf_oh_get_name(q, oh);
		g_checksum_update(d->sum, (const guchar *)name, -1);
		if (!d->in_program) {
			gboolean font_name = key && (strcmp(key, "/BaseFont") == 0
			    || strcmp(key, "/FontName") == 0);
			g_checksum_update(d->family, (const guchar *)(font_name ? untagged(name) : name), -1);
		}
		break;
	}
	case ot_string: {
		size_t n = 0;
		const char *s = qpdf_oh_get_binary_string_value(q, oh, &n);
		g_snprintf(buf, sizeof buf, "s%zu:", n);
		feed(d, buf, -1);
		feed(d, s, (gssize)n);
		break;
	}
	case ot_array: {
		int n = qpdf_oh_get_array_n_items(q, oh);
		feed(d, "[", 1);
		for (int i = 0; i < n; i++) {
			qpdf_oh item = qpdf_oh_get_array_item(q, oh, i);
			digest_object(d, item, NULL, depth + 1);
			qpdf_oh_release(q, item);
		}
		feed(d, "]", 1);
		break;
	}
	case ot_dictionary:
		digest_dict(d, oh, depth, FALSE);
		break;
	case ot_stream: {
		unsigned char *data = NULL;
		size_t len = 0;
		QPDF_BOOL filtered = QPDF_FALSE;
		qpdf_oh dict = qpdf_oh_get_dict(q, oh);
		if (qpdf_oh_get_stream_data(q, oh, qpdf_dl_generalized, &filtered, &data, &len)
		    & QPDF_ERRORS)
			filtered = QPDF_FALSE, len = 0;
		digest_dict(d, dict, depth, filtered);
		qpdf_oh_release(q, dict);
		g_snprintf(buf, sizeof buf, "stream%zu:", len);
		feed(d, buf, -1);
		if (data)
			feed(d, data, (gssize)len);
		free(data);
		break;
	}
	default:
		feed(d, "null", 4);
		break;
	}
	if (id > 0)
		g_hash_table_remove(d->open, GINT_TO_POINTER(id));
}

/* The index of DIGEST (a SHA-256) among the checker's font digests. */
static guint
digest_index(checker *ck, GChecksum *sum)
{
	if (!ck->font_digests)
		ck->font_digests = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	const char *hex = g_checksum_get_string(sum);
	gpointer index;
	if (g_hash_table_lookup_extended(ck->font_digests, hex, NULL, &index))
		return GPOINTER_TO_UINT(index);
	guint i = g_hash_table_size(ck->font_digests) + 1;
	g_hash_table_insert(ck->font_digests, g_strdup(hex), GUINT_TO_POINTER(i));
	return i;
}

static double
number_at(qpdf_data q, qpdf_oh arr, int i, gboolean *ok)
{
	qpdf_oh it = qpdf_oh_get_array_item(q, arr, i);
	*ok = *ok && qpdf_oh_is_number(q, it);
	double v = qpdf_oh_is_number(q, it) ? qpdf_oh_get_numeric_value(q, it) : 0;
	qpdf_oh_release(q, it);
	return v;
}

static void
set_width(GHashTable *widths, guint code, double w)
{
	double *v = g_new(double, 1);
	*v = w;
	g_hash_table_insert(widths, GUINT_TO_POINTER(code), v);
}

/* A CIDFont's /W: `c [w1 w2 …]` and `c_first c_last w` (at most 65536 codes). */
static void
read_cid_widths(qpdf_data q, qpdf_oh w, GHashTable *widths)
{
	int n = qpdf_oh_is_array(q, w) ? qpdf_oh_get_array_n_items(q, w) : 0;
	for (int i = 0; i + 1 < n;) {
		gboolean ok = TRUE;
		double first = number_at(q, w, i, &ok);
		qpdf_oh next = qpdf_oh_get_array_item(q, w, i + 1);
		if (ok && qpdf_oh_is_array(q, next)) {
			int m = qpdf_oh_get_array_n_items(q, next);
			for (int k = 0; k < m && first + k < 65536; k++) {
				gboolean num = TRUE;
				double v = number_at(q, next, k, &num);
				if (num && first >= 0)
					set_width(widths, (guint)first + (guint)k, v);
			}
			i += 2;
		} else if (i + 2 < n) {
			double last = number_at(q, w, i + 1, &ok);
			double v = number_at(q, w, i + 2, &ok);
			for (double c = first; ok && c >= 0 && c <= last && c < 65536; c++)
				set_width(widths, (guint)c, v);
			i += 3;
		} else {
			i = n;
		}
		qpdf_oh_release(q, next);
	}
}

/* A simple font's /FirstChar and /Widths. */
static void
read_simple_widths(qpdf_data q, qpdf_oh font, GHashTable *widths)
{
	qpdf_oh first = qpdf_oh_get_key(q, font, "/FirstChar");
	qpdf_oh w = qpdf_oh_get_key(q, font, "/Widths");
	if (qpdf_oh_is_integer(q, first) && qpdf_oh_is_array(q, w)) {
		long long f = qpdf_oh_get_int_value(q, first);
		int n = qpdf_oh_get_array_n_items(q, w);
		for (int i = 0; i < n && f >= 0 && f + i < 256; i++) {
			gboolean ok = TRUE;
			double v = number_at(q, w, i, &ok);
			if (ok)
				set_width(widths, (guint)(f + i), v);
		}
	}
	qpdf_oh_release(q, w);
	qpdf_oh_release(q, first);
}

static void
font_info_free(gpointer p)
{
	font_info *f = p;
	g_hash_table_destroy(f->widths);
	if (f->outlines)
		g_hash_table_destroy(f->outlines);
	if (f->face)
		FT_Done_Face(f->face);
	free(f->data);
	g_free(f);
}

/* The program of CIDFONT (a Type0 font's descendant, encoded ENCODING) that
 * its codes are CIDs of, glyph ids to FreeType: a CFF one (FreeType maps a
 * CID-keyed one's CIDs), or TrueType with the identity CIDToGIDMap.  Its
 * object id (and generation in *GEN), 0 if none. */
static int
program_of(qpdf_data q, qpdf_oh cidfont, qpdf_oh encoding, int *gen)
{
	int id = 0;
	qpdf_oh sub = qpdf_oh_get_key(q, cidfont, "/Subtype");
	qpdf_oh desc = qpdf_oh_get_key(q, cidfont, "/FontDescriptor");
	qpdf_oh map = qpdf_oh_get_key(q, cidfont, "/CIDToGIDMap");
	gboolean cff = qpdf_oh_is_name_and_equals(q, sub, "/CIDFontType0");
	gboolean tt = qpdf_oh_is_name_and_equals(q, sub, "/CIDFontType2")
	    && (qpdf_oh_is_null(q, map) || qpdf_oh_is_name_and_equals(q, map, "/Identity"));
	qpdf_oh file = qpdf_oh_get_key(q, desc, cff ? "/FontFile3" : "/FontFile2");
	qpdf_oh dict = qpdf_oh_is_stream(q, file) ? qpdf_oh_get_dict(q, file) : qpdf_oh_new_null(q);
	qpdf_oh kind = qpdf_oh_get_key(q, dict, "/Subtype");
	if (qpdf_oh_is_name_and_equals(q, encoding, "/Identity-H") && qpdf_oh_is_stream(q, file)
	    && qpdf_oh_is_indirect(q, file)
	    && ((cff && qpdf_oh_is_name_and_equals(q, kind, "/CIDFontType0C")) || tt)) {
		id = qpdf_oh_get_object_id(q, file);
		*gen = qpdf_oh_get_generation(q, file);
	}
	qpdf_oh_release(q, kind);
	qpdf_oh_release(q, dict);
	qpdf_oh_release(q, file);
	qpdf_oh_release(q, map);
	qpdf_oh_release(q, desc);
	qpdf_oh_release(q, sub);
	return id;
}

font_info *
font_of(checker *ck, edition *e, qpdf_oh font)
{
	qpdf_data q = e->qpdf;
	int id = qpdf_oh_get_object_id(q, font);
	if (!e->font_index)
		e->font_index = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
		    font_info_free);
	font_info *known = id > 0 ? g_hash_table_lookup(e->font_index, GINT_TO_POINTER(id)) : NULL;
	if (known)
		return known;

	digest d = { .q = q, .sum = g_checksum_new(G_CHECKSUM_SHA256),
		.family = g_checksum_new(G_CHECKSUM_SHA256),
		.open = g_hash_table_new(g_direct_hash, g_direct_equal) };
	digest_object(&d, font, NULL, 0);
	g_hash_table_destroy(d.open);
	font_info *f = g_new0(font_info, 1);
	f->index = digest_index(ck, d.sum);
	f->family = digest_index(ck, d.family);
	g_checksum_free(d.sum);
	g_checksum_free(d.family);
	f->ck = ck;
	f->q = q;
	f->widths = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
	qpdf_oh sub = qpdf_oh_get_key(q, font, "/Subtype");
	if (qpdf_oh_is_name_and_equals(q, sub, "/Type0")) {
		f->code_bytes = 2;
		f->default_width = 1000;
		qpdf_oh kids = qpdf_oh_get_key(q, font, "/DescendantFonts");
		qpdf_oh cid = qpdf_oh_get_array_item(q, kids, 0);
		if (qpdf_oh_is_dictionary(q, cid)) {
			qpdf_oh dw = qpdf_oh_get_key(q, cid, "/DW");
			if (qpdf_oh_is_number(q, dw))
				f->default_width = qpdf_oh_get_numeric_value(q, dw);
			qpdf_oh w = qpdf_oh_get_key(q, cid, "/W");
			read_cid_widths(q, w, f->widths);
			qpdf_oh_release(q, w);
			qpdf_oh_release(q, dw);
			qpdf_oh enc = qpdf_oh_get_key(q, font, "/Encoding");
			f->program = program_of(q, cid, enc, &f->program_gen);
			qpdf_oh_release(q, enc);
		}
		qpdf_oh_release(q, cid);
		qpdf_oh_release(q, kids);
	} else {
		f->code_bytes = 1;
		read_simple_widths(q, font, f->widths);
	}
	qpdf_oh_release(q, sub);
	if (id > 0)
		g_hash_table_insert(e->font_index, GINT_TO_POINTER(id), f);
	else
		g_ptr_array_add(e->direct_fonts ? e->direct_fonts
		    : (e->direct_fonts = g_ptr_array_new_with_free_func(font_info_free)), f);
	return f;
}

void
font_rebind(edition *e)
{
	if (e->font_index) {
		GHashTableIter it;
		gpointer v;
		g_hash_table_iter_init(&it, e->font_index);
		while (g_hash_table_iter_next(&it, NULL, &v))
			((font_info *)v)->q = e->qpdf;
	}
	for (guint i = 0; e->direct_fonts && i < e->direct_fonts->len; i++)
		((font_info *)e->direct_fonts->pdata[i])->q = e->qpdf;
}

/* --- outlines ------------------------------------------------------------------- */

/* FreeType's face of F's program, NULL if it does not open. */
static FT_Face
face_of(font_info *f)
{
	if (f->face || f->unreadable)
		return f->face;
	f->unreadable = TRUE;
	if (!f->ck->freetype && FT_Init_FreeType(&f->ck->freetype) != 0) {
		f->ck->freetype = NULL;
		return NULL;
	}
	qpdf_oh file = qpdf_get_object_by_id(f->q, f->program, f->program_gen);
	size_t len = 0;
	QPDF_BOOL filtered = QPDF_FALSE;
	if (!(qpdf_oh_get_stream_data(f->q, file, qpdf_dl_generalized, &filtered, &f->data, &len)
		& QPDF_ERRORS) && filtered && len > 0 && len <= G_MAXLONG
	    && FT_New_Memory_Face(f->ck->freetype, f->data, (FT_Long)len, 0, &f->face) == 0)
		f->unreadable = FALSE;
	else
		f->face = NULL;
	qpdf_oh_release(f->q, file);
	return f->face;
}

/* A digest of the outline and advance of code CODE in F's program, in its
 * design units and unhinted: NULL if it has none. */
static const char *
outline_of(font_info *f, guint code)
{
	if (!f->outlines)
		f->outlines = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
	gpointer known;
	if (g_hash_table_lookup_extended(f->outlines, GUINT_TO_POINTER(code), NULL, &known))
		return known;
	char *digest = NULL;
	FT_Face face = face_of(f);
	if (face && FT_Load_Glyph(face, code, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING
		| FT_LOAD_NO_BITMAP) == 0 && face->glyph->format == FT_GLYPH_FORMAT_OUTLINE) {
		const FT_Outline *o = &face->glyph->outline;
		GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
		long head[4] = { face->units_per_EM, face->glyph->metrics.horiAdvance,
			o->n_points, o->n_contours };
		g_checksum_update(sum, (const guchar *)head, sizeof head);
		for (int k = 0; k < o->n_points; k++) {
			long pt[3] = { o->points[k].x, o->points[k].y, FT_CURVE_TAG(o->tags[k]) };
			g_checksum_update(sum, (const guchar *)pt, sizeof pt);
		}
		for (int k = 0; k < o->n_contours; k++) {
			long end = o->contours[k];
			g_checksum_update(sum, (const guchar *)&end, sizeof end);
		}
		digest = g_strdup(g_checksum_get_string(sum));
		g_checksum_free(sum);
	}
	g_hash_table_insert(f->outlines, GUINT_TO_POINTER(code), digest);
	return digest;
}

gboolean
font_same_outline(font_info *a, font_info *b, guint code)
{
	const char *x = outline_of(a, code);
	const char *y = outline_of(b, code);
	return x && y && strcmp(x, y) == 0;
}
