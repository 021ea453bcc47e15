/* distfix.c — libharu 2.3 gives a TrueType font drawn through its UTF-8
 * encoder a /ToUnicode that is really its encoding CMap (begincidrange,
 * beginnotdefrange: operators a ToUnicode CMap may not have), which
 * readers warn about.  This rewrites the PDF with libqpdf, the ToUnicode
 * replaced by bfchar blocks (Adobe TN #5411) for the codes drawn. */
#include "distfix.h"
#include "util.h"

#include "diag.h"
#include "distlist.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <qpdf/qpdf-c.h>
#include <stdlib.h>

/* Adobe TN #5014: at most 100 entries between begin… and end…. */
#define BLOCK 100

gboolean
gb_dist_tounicode_cmap(GString *out, const guint8 *used)
{
	for (guint c = 0xD800; c <= 0xDFFF; c++)
		if (used[c])
			return FALSE;
	g_string_append(out,
	    "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\n"
	    "begincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	/* bfchar only: Ghostscript 10.0 misreads a bfrange of 2-byte codes
	 * (<5316> <5317> <5316> gives "X" for U+5317) */
	guint n = 0;
	for (guint c = 0; c < GB_DIST_CODES; c++)
		n += used[c] != 0;
	guint done = 0;
	for (guint c = 0; c < GB_DIST_CODES; c++) {
		if (!used[c])
			continue;
		if (done % BLOCK == 0)
			g_string_append_printf(out, "%u beginbfchar\n", MIN(BLOCK, n - done));
		g_string_append_printf(out, "<%04X> <%04X>\n", c, c);
		if (++done % BLOCK == 0 || done == n)
			g_string_append(out, "endbfchar\n");
	}
	g_string_append(out,
	    "endcmap\n"
	    "CMapName currentdict /CMap defineresource pop\n"
	    "end\n"
	    "end\n");
	return TRUE;
}

/* --- the rewrite ---------------------------------------------------------- */

typedef struct {
	qpdf_data q;
	const char *path;
	const guint8 *used;
	FT_Face face;
	GHashTable *done;	/* object ids of the fonts already repaired */
	GError **error;
} fix;

/* FALSE, as a function so that fail() may stand alone as a statement. */
static gboolean
failed(void)
{
	return FALSE;
}

/* Sets the error of F to the entry ID (a DIAG_ name) at its PDF; FALSE. */
#define fail(f, ID, ...) \
	(diag_set_error((f)->error, (f)->path, 0, ID, ##__VA_ARGS__), failed())

static gboolean
qpdf_failed(fix *f, const char *doing)
{
	if (!qpdf_has_error(f->q))
		return FALSE;
	qpdf_error e = qpdf_get_error(f->q);
	fail(f, DIAG_DIST_FIX_QPDF, doing, e ? qpdf_get_error_full_text(f->q, e) : "未知错误");
	return TRUE;
}

/* Proves that code c draws the glyph of U+c: the descendant font's
 * CIDToGIDMap (Identity-H makes the code the CID) against the font's own
 * cmap. */
static gboolean
check_glyphs(fix *f, qpdf_oh cidfont)
{
	qpdf_oh map = qpdf_oh_get_key(f->q, cidfont, "/CIDToGIDMap");
	if (!qpdf_oh_is_stream(f->q, map))
		return fail(f, DIAG_DIST_FIX_NO_CIDTOGID);
	QPDF_BOOL filtered = QPDF_FALSE;
	unsigned char *gids = NULL;
	size_t len = 0;
	if (qpdf_oh_get_stream_data(f->q, map, qpdf_dl_generalized, &filtered, &gids, &len)
	    & QPDF_ERRORS || !filtered) {
		free(gids);
		if (!qpdf_failed(f, "CIDToGIDMap"))
			fail(f, DIAG_DIST_FIX_CIDTOGID_DECODE);
		return FALSE;
	}
	gboolean ok = TRUE;
	for (guint c = 0; ok && c < GB_DIST_CODES; c++) {
		if (!f->used[c])
			continue;
		guint pdf_gid = 2 * (gsize)c + 1 < len ? (guint)gids[2 * c] << 8 | gids[2 * c + 1] : 0;
		guint font_gid = FT_Get_Char_Index(f->face, c);
		if (pdf_gid == 0 || pdf_gid != font_gid)
			ok = fail(f, DIAG_DIST_FIX_GLYPH_MISMATCH, c, pdf_gid, c, font_gid);
	}
	free(gids);
	return ok;
}

/* Replaces the /ToUnicode of FONT if it is a Type0 font; other fonts keep
 * theirs (libharu writes none but this kind here). */
static gboolean
fix_font(fix *f, qpdf_oh font)
{
	if (!qpdf_oh_is_dictionary(f->q, font)
	    || !qpdf_oh_is_name_and_equals(f->q, qpdf_oh_get_key(f->q, font, "/Subtype"), "/Type0"))
		return TRUE;
	int id = qpdf_oh_get_object_id(f->q, font);
	if (id && !g_hash_table_add(f->done, GINT_TO_POINTER(id)))
		return TRUE;
	qpdf_oh cidfont = qpdf_oh_get_array_item(f->q,
	    qpdf_oh_get_key(f->q, font, "/DescendantFonts"), 0);
	if (!qpdf_oh_is_name_and_equals(f->q, qpdf_oh_get_key(f->q, font, "/Encoding"), "/Identity-H")
	    || !qpdf_oh_is_dictionary(f->q, cidfont)
	    || !qpdf_oh_is_name_and_equals(f->q, qpdf_oh_get_key(f->q, cidfont, "/Subtype"),
	    "/CIDFontType2"))
		return fail(f, DIAG_DIST_FIX_NOT_IDENTITY_H);
	if (!check_glyphs(f, cidfont))
		return FALSE;
	GString *cmap = g_string_new(NULL);
	if (!gb_dist_tounicode_cmap(cmap, f->used)) {
		g_string_free(cmap, TRUE);
		return fail(f, DIAG_DIST_FIX_SURROGATE);
	}
	qpdf_oh stream = qpdf_oh_new_stream(f->q);
	qpdf_oh null = qpdf_oh_new_null(f->q);
	/* unfiltered here; the writer compresses it */
	qpdf_oh_replace_stream_data(f->q, stream, (const unsigned char *)cmap->str, cmap->len, null,
	    null);
	g_string_free(cmap, TRUE);
	qpdf_oh_replace_key(f->q, font, "/ToUnicode", stream);
	return !qpdf_failed(f, "ToUnicode");
}

static gboolean
fix_fonts(fix *f)
{
	int pages = qpdf_get_num_pages(f->q);
	if (pages < 0) {
		if (!qpdf_failed(f, "pages"))
			fail(f, DIAG_DIST_FIX_PAGES);
		return FALSE;
	}
	for (int i = 0; i < pages; i++) {
		qpdf_oh page = qpdf_get_page_n(f->q, i);
		qpdf_oh fonts = qpdf_oh_get_key(f->q, qpdf_oh_get_key(f->q, page, "/Resources"), "/Font");
		if (!qpdf_oh_is_dictionary(f->q, fonts))
			continue;
		/* the C API has one key iterator per document: collect the keys first */
		GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
		qpdf_oh_begin_dict_key_iter(f->q, fonts);
		while (qpdf_oh_dict_more_keys(f->q))
			g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(f->q)));
		gboolean ok = TRUE;
		for (guint k = 0; ok && k < keys->len; k++)
			ok = fix_font(f, qpdf_oh_get_key(f->q, fonts, keys->pdata[k]));
		g_ptr_array_unref(keys);
		if (!ok)
			return FALSE;
	}
	gboolean drawn = FALSE;
	for (guint c = 0; c < GB_DIST_CODES && !drawn; c++)
		drawn = f->used[c] != 0;
	if (drawn && g_hash_table_size(f->done) == 0)
		return fail(f, DIAG_DIST_FIX_NO_TYPE0);
	return TRUE;
}

gboolean
gb_dist_fix_tounicode(const char *path, const guchar *pdf, gsize len, const char *font,
    const guint8 *used, GError **error)
{
	fix f = { .path = path, .used = used, .error = error };
	FT_Library lib;
	if (FT_Init_FreeType(&lib) != 0) {
		diag_set_error(error, font, 0, DIAG_DIST_FREETYPE);
		return FALSE;
	}
	if (!gb_check_input(font, GB_MAX_FONT_INPUT, NULL) || FT_New_Face(lib, font, 0, &f.face) != 0) {
		diag_set_error(error, font, 0, DIAG_DIST_FONT_UNREADABLE);
		FT_Done_FreeType(lib);
		return FALSE;
	}
	f.done = g_hash_table_new(g_direct_hash, g_direct_equal);
	f.q = qpdf_init();
	qpdf_silence_errors(f.q);
	/* qpdf repairs what it warns about; the tests check the result */
	qpdf_set_suppress_warnings(f.q, QPDF_TRUE);
	gboolean ok = !(qpdf_read_memory(f.q, path, (const char *)pdf, len, NULL) & QPDF_ERRORS);
	if (!ok && !qpdf_failed(&f, "read"))
		fail(&f, DIAG_DIST_FIX_READ);
	ok = ok && fix_fonts(&f);
	if (ok) {
		qpdf_init_write_memory(f.q);
		qpdf_set_object_stream_mode(f.q, qpdf_o_disable);
		qpdf_set_compress_streams(f.q, QPDF_TRUE);
		/* libharu's streams are compressed already: copy them as they are */
		qpdf_set_decode_level(f.q, qpdf_dl_none);
		/* a rerun writes the same bytes */
		qpdf_set_deterministic_ID(f.q, QPDF_TRUE);
		ok = !(qpdf_write(f.q) & QPDF_ERRORS);
		if (!ok && !qpdf_failed(&f, "write"))
			fail(&f, DIAG_DIST_FIX_WRITE);
	}
	/* a temporary name renamed, inside the run's temporary directory */
	if (ok)
		ok = gb_dist_write_text(path, (const char *)qpdf_get_buffer(f.q),
		    (gssize)qpdf_get_buffer_length(f.q), error);
	qpdf_cleanup(&f.q);
	g_hash_table_unref(f.done);
	FT_Done_Face(f.face);
	FT_Done_FreeType(lib);
	return ok;
}
