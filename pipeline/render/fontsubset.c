/* fontsubset.c — the CID-keyed CFF fonts of a document's own file cut down
 * to the CIDs its pages show (fontsubset.h): the content streams read with
 * the content lexer for the codes each font shows, the program cut by
 * HarfBuzz's subsetter with every glyph at its own number, and read back
 * with FreeType before it replaces the issue's. */
#include "fontsubset.h"

#include "content.h"
#include "pdfstream.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CID_H
#include <hb.h>
#include <hb-subset.h>
#include <stdlib.h>
#include <string.h>

/* Nesting of forms followed; deeper, nothing is cut. */
#define MAX_FORMS 8

typedef struct {
	qpdf_data q;
	GHashTable *programs;	/* font dictionary id → its program's id (0: none cut) */
	GHashTable *shown;	/* program id → set of the CIDs shown */
	gboolean incomplete;	/* a content this does not read: cut nothing */
} usage;

static gboolean
name_is(qpdf_data q, qpdf_oh dict, const char *key, const char *name)
{
	qpdf_oh v = qpdf_oh_get_key(q, dict, key);
	gboolean is = qpdf_oh_is_name_and_equals(q, v, name);
	qpdf_oh_release(q, v);
	return is;
}

/* The key KEY of OH when OH is a dictionary, else null (no type warning). */
static qpdf_oh
key_of(qpdf_data q, qpdf_oh oh, const char *key)
{
	return qpdf_oh_is_dictionary(q, oh) ? qpdf_oh_get_key(q, oh, key) : qpdf_oh_new_null(q);
}

/* The id of CIDFont CID's program when its descriptor holds a
 * CIDFontType0C stream, else 0. */
static int
program_of_cid(qpdf_data q, qpdf_oh cid)
{
	int id = 0;
	qpdf_oh desc = key_of(q, cid, "/FontDescriptor");
	qpdf_oh file = key_of(q, desc, "/FontFile3");
	if (qpdf_oh_is_stream(q, file) && qpdf_oh_is_indirect(q, file)) {
		qpdf_oh dict = qpdf_oh_get_dict(q, file);
		if (name_is(q, dict, "/Subtype", "/CIDFontType0C"))
			id = qpdf_oh_get_object_id(q, file);
		qpdf_oh_release(q, dict);
	}
	qpdf_oh_release(q, file);
	qpdf_oh_release(q, desc);
	return id;
}

/* The id of FONT's program when it is one this cuts: a Type0 font in
 * Identity-H whose CIDFont's descriptor holds a CIDFontType0C stream. */
static int
program_of(qpdf_data q, qpdf_oh font)
{
	if (!qpdf_oh_is_dictionary(q, font) || !name_is(q, font, "/Subtype", "/Type0")
	    || !name_is(q, font, "/Encoding", "/Identity-H"))
		return 0;
	qpdf_oh kids = qpdf_oh_get_key(q, font, "/DescendantFonts");
	qpdf_oh cid = qpdf_oh_is_array(q, kids) && qpdf_oh_get_array_n_items(q, kids) == 1
	    ? qpdf_oh_get_array_item(q, kids, 0) : qpdf_oh_new_null(q);
	int id = program_of_cid(q, cid);
	qpdf_oh_release(q, cid);
	qpdf_oh_release(q, kids);
	return id;
}

/* The program of font NAME (a name token's bytes, "/f-0-0") in RES's /Font. */
static int
font_program(usage *u, qpdf_oh res, const guchar *name, gsize len)
{
	qpdf_data q = u->q;
	char *key = g_strndup((const char *)name, len);
	qpdf_oh fonts = key_of(q, res, "/Font");
	qpdf_oh font = key_of(q, fonts, key);
	g_free(key);
	int fid = qpdf_oh_is_indirect(q, font) ? qpdf_oh_get_object_id(q, font) : 0;
	gpointer known;
	int id;
	if (fid && g_hash_table_lookup_extended(u->programs, GINT_TO_POINTER(fid), NULL, &known)) {
		id = GPOINTER_TO_INT(known);
	} else {
		id = program_of(q, font);
		if (fid)
			g_hash_table_insert(u->programs, GINT_TO_POINTER(fid), GINT_TO_POINTER(id));
		else if (id)
			u->incomplete = TRUE;	/* a direct font dictionary: not retagged */
	}
	qpdf_oh_release(q, font);
	qpdf_oh_release(q, fonts);
	return id;
}

static void
add_codes(usage *u, int program, const GString *bytes)
{
	GHashTable *set = g_hash_table_lookup(u->shown, GINT_TO_POINTER(program));
	if (!set) {
		set = g_hash_table_new(g_direct_hash, g_direct_equal);
		g_hash_table_insert(u->shown, GINT_TO_POINTER(program), set);
	}
	for (gsize i = 0; i + 1 < bytes->len; i += 2) {
		guint code = (guint)(guchar)bytes->str[i] << 8 | (guchar)bytes->str[i + 1];
		g_hash_table_add(set, GUINT_TO_POINTER(code));
	}
}

static void read_stream(usage *u, qpdf_oh stream, qpdf_oh res, int *font, int depth);

/* Content BUF (LEN bytes) painted with resources RES, the current font
 * *FONT (a program id, 0 none cut, -1 none) on entry and on leaving. */
static void
read_content(usage *u, const guchar *buf, gsize len, qpdf_oh res, int *font, int depth)
{
	qpdf_data q = u->q;
	GArray *strings = g_array_new(FALSE, FALSE, sizeof(gb_tok));
	GString *bytes = g_string_new(NULL);
	gb_tok name = { GB_TOK_END, 0, 0 };
	gsize pos = 0;
	for (;;) {
		gb_tok t = content_next(buf, len, &pos);
		if (t.kind == GB_TOK_END)
			break;
		if (t.kind == GB_TOK_NAME)
			name = t;
		else if (t.kind == GB_TOK_STRING)
			g_array_append_val(strings, t);
		if (t.kind != GB_TOK_OPERATOR)
			continue;
		if (content_is_op(buf, &t, "Tf") && name.kind == GB_TOK_NAME) {
			*font = font_program(u, res, buf + name.start, name.end - name.start);
		} else if (content_shows_text(buf, &t) && *font > 0) {
			for (guint i = 0; i < strings->len; i++) {
				g_string_truncate(bytes, 0);
				content_string_bytes(buf, &g_array_index(strings, gb_tok, i), bytes);
				add_codes(u, *font, bytes);
			}
		} else if (content_is_op(buf, &t, "Do") && name.kind == GB_TOK_NAME) {
			char *key = g_strndup((const char *)buf + name.start, name.end - name.start);
			qpdf_oh xobjects = key_of(q, res, "/XObject");
			qpdf_oh xo = key_of(q, xobjects, key);
			g_free(key);
			if (qpdf_oh_is_stream(q, xo)) {
				qpdf_oh dict = qpdf_oh_get_dict(q, xo);
				if (name_is(q, dict, "/Subtype", "/Form")) {
					qpdf_oh own = qpdf_oh_get_key(q, dict, "/Resources");
					read_stream(u, xo, qpdf_oh_is_dictionary(q, own) ? own : res, font,
					    depth + 1);
					qpdf_oh_release(q, own);
				}
				qpdf_oh_release(q, dict);
			}
			qpdf_oh_release(q, xo);
			qpdf_oh_release(q, xobjects);
		}
		g_array_set_size(strings, 0);
		name.kind = GB_TOK_END;
	}
	g_string_free(bytes, TRUE);
	g_array_free(strings, TRUE);
}

/* A form (or an appearance) STREAM painted with RES. */
static void
read_stream(usage *u, qpdf_oh stream, qpdf_oh res, int *font, int depth)
{
	unsigned char *data = NULL;
	size_t len = 0;
	QPDF_BOOL filtered = QPDF_FALSE;
	if (depth > MAX_FORMS
	    || (qpdf_oh_get_stream_data(u->q, stream, qpdf_dl_generalized, &filtered, &data, &len)
		& QPDF_ERRORS) || !filtered)
		u->incomplete = TRUE;
	else
		read_content(u, data, len, res, font, depth);
	free(data);
}

/* Page PAGE's content, and its annotations' appearances. */
static void
read_page(usage *u, qpdf_oh page)
{
	qpdf_data q = u->q;
	unsigned char *data = NULL;
	size_t len = 0;
	qpdf_oh res = qpdf_oh_get_key(q, page, "/Resources");
	int font = -1;
	if (qpdf_oh_get_page_content_data(q, page, &data, &len) & QPDF_ERRORS)
		u->incomplete = TRUE;
	else
		read_content(u, data, len, res, &font, 0);
	free(data);
	qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
	int n = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
	for (int i = 0; i < n; i++) {
		qpdf_oh a = qpdf_oh_get_array_item(q, annots, i);
		qpdf_oh ap = key_of(q, a, "/AP");
		qpdf_oh normal = key_of(q, ap, "/N");
		if (qpdf_oh_is_stream(q, normal)) {
			qpdf_oh dict = qpdf_oh_get_dict(q, normal);
			qpdf_oh own = qpdf_oh_get_key(q, dict, "/Resources");
			int f = -1;
			read_stream(u, normal, own, &f, 1);
			qpdf_oh_release(q, own);
			qpdf_oh_release(q, dict);
		} else if (!qpdf_oh_is_null(q, ap)) {
			u->incomplete = TRUE;	/* appearance states: not read */
		}
		qpdf_oh_release(q, normal);
		qpdf_oh_release(q, ap);
		qpdf_oh_release(q, a);
	}
	qpdf_oh_release(q, annots);
	qpdf_oh_release(q, res);
}

/* FreeType's face of DATA, or NULL. */
static FT_Face
face_of(FT_Library lib, const guchar *data, gsize len)
{
	FT_Face face = NULL;
	if (len > G_MAXLONG || FT_New_Memory_Face(lib, data, (FT_Long)len, 0, &face) != 0)
		return NULL;
	return face;
}

/* The CID of glyph GID of FACE: the glyph number itself unless the font
 * is CID-keyed (KEYED, asked of FreeType once a face). */
static guint
cid_of(FT_Face face, gboolean keyed, guint gid)
{
	FT_UInt cid = gid;
	if (keyed && FT_Get_CID_From_Glyph_Index(face, gid, &cid) != 0)
		return G_MAXUINT;
	return cid;
}

static gboolean
cid_keyed(FT_Face face)
{
	FT_Bool keyed = 0;
	return FT_Get_CID_Is_Internally_CID_Keyed(face, &keyed) == 0 && keyed;
}

GBytes *
fontsubset_cff(const guchar *data, gsize len, GHashTable *cids)
{
	FT_Library lib;
	if (FT_Init_FreeType(&lib) != 0)
		return NULL;
	FT_Face face = face_of(lib, data, len);
	long n = face ? face->num_glyphs : 0;
	GBytes *out = NULL;
	hb_subset_input_t *in = n > 0 && n <= 65535 ? hb_subset_input_create_or_fail() : NULL;
	if (in) {
		hb_set_t *gids = hb_subset_input_glyph_set(in);
		hb_set_add(gids, 0);
		gboolean keyed = cid_keyed(face);
		for (guint g = 0; g < (guint)n; g++)
			if (!cids || g_hash_table_contains(cids, GUINT_TO_POINTER(cid_of(face, keyed, g))))
				hb_set_add(gids, g);
		hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS
		    | HB_SUBSET_FLAGS_DESUBROUTINIZE);
		/* a bare CFF as the one table of a font, with the glyph count
		 * HarfBuzz reads from maxp (version 0.5: six bytes) */
		guchar maxp[6] = { 0, 0, 0x50, 0, (guchar)(n >> 8), (guchar)n };
		hb_face_t *font = hb_face_builder_create();
		hb_blob_t *cff = hb_blob_create((const char *)data, (unsigned)len,
		    HB_MEMORY_MODE_READONLY, NULL, NULL);
		hb_blob_t *mp = hb_blob_create((const char *)maxp, sizeof maxp,
		    HB_MEMORY_MODE_READONLY, NULL, NULL);
		hb_face_builder_add_table(font, HB_TAG('C', 'F', 'F', ' '), cff);
		hb_face_builder_add_table(font, HB_TAG('m', 'a', 'x', 'p'), mp);
		hb_face_t *cut = hb_subset_or_fail(font, in);
		hb_blob_t *table = cut ? hb_face_reference_table(cut, HB_TAG('C', 'F', 'F', ' ')) : NULL;
		unsigned tlen = 0;
		const char *tdata = table ? hb_blob_get_data(table, &tlen) : NULL;
		/* read back: every glyph kept stands at its number, for its CID */
		FT_Face back = tdata && tlen ? face_of(lib, (const guchar *)tdata, tlen) : NULL;
		gboolean same = back && back->num_glyphs <= n;
		gboolean back_keyed = back && cid_keyed(back);
		hb_codepoint_t g = HB_SET_VALUE_INVALID;
		while (same && hb_set_next(gids, &g))
			same = (long)g < back->num_glyphs
			    && cid_of(back, back_keyed, g) == cid_of(face, keyed, g);
		if (same)
			out = g_bytes_new(tdata, tlen);
		if (back)
			FT_Done_Face(back);
		hb_blob_destroy(table);
		hb_face_destroy(cut);
		hb_face_destroy(font);
		hb_blob_destroy(mp);
		hb_blob_destroy(cff);
		hb_subset_input_destroy(in);
	}
	if (face)
		FT_Done_Face(face);
	FT_Done_FreeType(lib);
	return out;
}

/* NAME ("/ABCDEF+Font") with the subset tag TAG (six letters). */
static void
retag(qpdf_data q, qpdf_oh dict, const char *key, const char *tag)
{
	qpdf_oh v = qpdf_oh_get_key(q, dict, key);
	const char *name = qpdf_oh_is_name(q, v) ? qpdf_oh_get_name(q, v) : NULL;
	if (name && strlen(name) > 8 && name[7] == '+') {
		char *re = g_strdup_printf("/%s%s", tag, name + 7);
		qpdf_oh nv = qpdf_oh_new_name(q, re);
		qpdf_oh_replace_key(q, dict, key, nv);
		qpdf_oh_release(q, nv);
		g_free(re);
	}
	qpdf_oh_release(q, v);
}

/* Font FID, whose program is now SUBSET: its names carry the subset's tag,
 * six capitals of the subset's digest. */
static void
retag_font(qpdf_data q, int fid, GBytes *subset)
{
	char *hex = g_compute_checksum_for_bytes(G_CHECKSUM_SHA256, subset);
	char tag[7];
	tag[6] = '\0';
	for (int i = 0; i < 6; i++)
		tag[i] = (char)('A' + ((g_ascii_xdigit_value(hex[2 * i]) << 4)
		    | g_ascii_xdigit_value(hex[2 * i + 1])) % 26);
	g_free(hex);
	qpdf_oh font = qpdf_get_object_by_id(q, fid, 0);
	qpdf_oh kids = qpdf_oh_get_key(q, font, "/DescendantFonts");
	qpdf_oh cid = qpdf_oh_get_array_item(q, kids, 0);
	qpdf_oh desc = qpdf_oh_get_key(q, cid, "/FontDescriptor");
	retag(q, font, "/BaseFont", tag);
	retag(q, cid, "/BaseFont", tag);
	retag(q, desc, "/FontName", tag);
	qpdf_oh_release(q, desc);
	qpdf_oh_release(q, cid);
	qpdf_oh_release(q, kids);
	qpdf_oh_release(q, font);
}

/* Program PID, shown with the CIDs in SET, cut down; every glyph of it
 * kept, and the tags left as they are, when SET is NULL. */
static void
cut_program(usage *u, int pid, GHashTable *set)
{
	qpdf_data q = u->q;
	qpdf_oh s = qpdf_get_object_by_id(q, pid, 0);
	unsigned char *data = NULL;
	size_t len = 0;
	QPDF_BOOL filtered = QPDF_FALSE;
	GBytes *subset = NULL;
	if (!(qpdf_oh_get_stream_data(q, s, qpdf_dl_generalized, &filtered, &data, &len)
	    & QPDF_ERRORS) && filtered)
		subset = fontsubset_cff(data, len, set);
	free(data);
	if (subset && g_bytes_get_size(subset) < len) {
		gsize n;
		const void *d = g_bytes_get_data(subset, &n);
		pdfstream_replace(q, s, d, n);
		GHashTableIter it;
		gpointer fid, prog;
		g_hash_table_iter_init(&it, u->programs);
		while (set && g_hash_table_iter_next(&it, &fid, &prog))
			if (GPOINTER_TO_INT(prog) == pid)
				retag_font(q, GPOINTER_TO_INT(fid), subset);
	}
	if (subset)
		g_bytes_unref(subset);
	qpdf_oh_release(q, s);
}

static gint
cmp_ids(gconstpointer a, gconstpointer b)
{
	return GPOINTER_TO_INT(a) - GPOINTER_TO_INT(b);
}

gboolean
fontsubset_apply(qpdf_data q)
{
	usage u = { .q = q,
		.programs = g_hash_table_new(g_direct_hash, g_direct_equal),
		.shown = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
		    (GDestroyNotify)g_hash_table_destroy) };
	int n = qpdf_get_num_pages(q);
	for (int i = 0; i < n && !u.incomplete; i++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
		read_page(&u, page);
		qpdf_oh_release(q, page);
	}
	if (!u.incomplete && !qpdf_has_error(q)) {
		/* in the order of the programs' numbers: the same file each run */
		GList *ids = g_list_sort(g_hash_table_get_keys(u.shown), cmp_ids);
		for (GList *l = ids; l; l = l->next)
			cut_program(&u, GPOINTER_TO_INT(l->data), g_hash_table_lookup(u.shown, l->data));
		g_list_free(ids);
	}
	g_hash_table_destroy(u.shown);
	g_hash_table_destroy(u.programs);
	return n >= 0 && !qpdf_has_error(q);
}

gboolean
fontsubset_flatten(qpdf_data q, const GArray *fonts)
{
	/* tests/e2e/fontprograms.sh compares against cairo's own programs */
	if (g_getenv("GONGBAO_KEEP_CAIRO_FONTS"))
		return TRUE;
	usage u = { .q = q, .programs = g_hash_table_new(g_direct_hash, g_direct_equal) };
	GHashTable *done = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (guint i = 0; i < fonts->len && !qpdf_has_error(q); i++) {
		qpdf_oh cid = qpdf_get_object_by_id(q, g_array_index(fonts, int, i), 0);
		int pid = program_of_cid(q, cid);
		if (pid && g_hash_table_add(done, GINT_TO_POINTER(pid)))
			cut_program(&u, pid, NULL);
		qpdf_oh_release(q, cid);
	}
	g_hash_table_destroy(done);
	g_hash_table_destroy(u.programs);
	return !qpdf_has_error(q);
}
