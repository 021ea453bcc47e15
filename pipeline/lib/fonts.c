/* fonts.c — the font roles of a layout resolved through fonts/fonts.conf
 * alone (FcConfigCreate, never the machine's configuration), coverage and
 * fallback between roles, and metrics read with HarfBuzz: advances and where
 * a punctuation mark's blank half sits.  Every lookup is cached per face (or
 * role) and code point, because the line breaker asks for each character. */
#include "fonts.h"
#include "cjk.h"
#include "util.h"
#include "diag.h"
#include "unseen.h"

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FACES 64
#define NO_FACE 255

static const char *const role_names[GB_ROLE_COUNT] = {
	"song", "fang", "kai", "hei", "title"
};

/* When a role lacks a character the others are tried in this order: the
 * plain text faces first, the display faces last. */
static const int fallback_order[GB_ROLE_COUNT] = {
	GB_ROLE_SONG, GB_ROLE_FANG, GB_ROLE_HEI, GB_ROLE_KAI, GB_ROLE_TITLE
};

typedef struct {
	char *file;
	int index;
	char *family;
	FcCharSet *charset;
	hb_font_t *hb;
	double upem;
	float *advance;		/* BMP advances in em, < 0 unknown; lazily allocated */
	GHashTable *advance_astral;
	guint8 *blank;		/* BMP: gb_blank + 1, 0 unknown */
} face;

struct gb_fonts {
	const char *conf;	/* while loading, for messages */
	face faces[MAX_FACES];
	int n_faces;
	int role_faces[GB_ROLE_COUNT][8];
	int n_role_faces[GB_ROLE_COUNT];
	guint8 *cover[GB_ROLE_COUNT];	/* BMP: face + 1, NO_FACE none, 0 unknown */
	GHashTable *cover_astral;	/* role << 21 | cp → face + 1 (0x100 none) */
};

const char *
fonts_role_name(int role)
{
	return role >= 0 && role < GB_ROLE_COUNT ? role_names[role] : "?";
}

int
fonts_role_from_name(const char *name)
{
	for (int i = 0; i < GB_ROLE_COUNT; i++)
		if (strcmp(name, role_names[i]) == 0)
			return i;
	return -1;
}

static gboolean
has_family(FcPattern *font, const char *family)
{
	FcChar8 *s;
	for (int i = 0; FcPatternGetString(font, FC_FAMILY, i, &s) == FcResultMatch; i++)
		if (g_ascii_strcasecmp((const char *)s, family) == 0)
			return TRUE;
	return FALSE;
}

/* The face for FONT, loaded once however many roles use it. */
static int
add_face(gb_fonts *f, FcPattern *font, const char *family, GError **error)
{
	FcChar8 *file;
	int index = 0;
	FcCharSet *cs;
	if (FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch
	    || FcPatternGetCharSet(font, FC_CHARSET, 0, &cs) != FcResultMatch)
		return -1;
	FcPatternGetInteger(font, FC_INDEX, 0, &index);
	for (int i = 0; i < f->n_faces; i++)
		if (strcmp(f->faces[i].file, (const char *)file) == 0 && f->faces[i].index == index)
			return i;
	if (f->n_faces == MAX_FACES)
		return -1;
	hb_blob_t *blob = hb_blob_create_from_file_or_fail((const char *)file);
	if (!blob) {
		diag_set_error(error, (const char *)file, 0, DIAG_FONTS_FILE);
		return -1;
	}
	hb_face_t *hface = hb_face_create(blob, index);
	hb_blob_destroy(blob);
	face *fc = &f->faces[f->n_faces];
	fc->file = g_strdup((const char *)file);
	fc->index = index;
	fc->family = g_strdup(family);
	fc->charset = FcCharSetCopy(cs);
	fc->upem = hb_face_get_upem(hface);
	fc->hb = hb_font_create(hface);
	hb_face_destroy(hface);
	return f->n_faces++;
}

/* The role's families as fonts.conf lists them, each resolved to its best
 * face for the weight the configuration asks of the role. */
static gboolean
load_role(gb_fonts *f, FcConfig *cfg, int role, GError **error)
{
	char *alias = g_strdup_printf("gongbao-%s", role_names[role]);
	FcPattern *pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)alias);
	FcPatternAddString(pat, FC_LANG, (const FcChar8 *)"zh-cn");
	FcConfigSubstitute(cfg, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	FcResult res;
	FcFontSet *set = FcFontSort(cfg, pat, FcFalse, NULL, &res);
	FcChar8 *family;
	for (int n = 0; set && FcPatternGetString(pat, FC_FAMILY, n, &family) == FcResultMatch; n++) {
		if (g_str_has_prefix((const char *)family, "gongbao-"))
			continue;
		for (int i = 0; i < set->nfont; i++) {
			if (!has_family(set->fonts[i], (const char *)family))
				continue;
			int id = add_face(f, set->fonts[i], (const char *)family, error);
			if (id < 0 && error && *error)
				goto out;
			if (id >= 0 && f->n_role_faces[role] < 8)
				f->role_faces[role][f->n_role_faces[role]++] = id;
			break;
		}
	}
	if (f->n_role_faces[role] == 0)
		diag_set_error(error, f->conf, 0, DIAG_FONTS_ROLE_EMPTY, role_names[role], alias);
out:
	if (set)
		FcFontSetDestroy(set);
	FcPatternDestroy(pat);
	g_free(alias);
	return f->n_role_faces[role] > 0 && !(error && *error);
}

/* The configuration CONF and nothing else: never the machine's. */
static FcConfig *
load_config(const char *conf, GError **error)
{
	/* fontconfig looks a relative name up in its own directory */
	if (!gb_check_input(conf, GB_MAX_TEXT_INPUT, error))
		return NULL;
	char *abs = g_canonicalize_filename(conf, NULL);
	FcConfig *cfg = FcConfigCreate();
	gboolean loaded = FcConfigParseAndLoad(cfg, (const FcChar8 *)abs, FcTrue)
	    && FcConfigBuildFonts(cfg);
	g_free(abs);
	if (!loaded) {
		diag_set_error(error, conf, 0, DIAG_FONTS_CONF);
		FcConfigDestroy(cfg);
		return NULL;
	}
	return cfg;
}

gb_fonts *
fonts_load(const char *conf, GError **error)
{
	FcConfig *cfg = load_config(conf, error);
	if (!cfg)
		return NULL;
	gb_fonts *f = g_new0(gb_fonts, 1);
	f->conf = conf;
	f->cover_astral = g_hash_table_new(NULL, NULL);
	for (int role = 0; role < GB_ROLE_COUNT; role++)
		if (!load_role(f, cfg, role, error)) {
			fonts_free(f);
			f = NULL;
			break;
		}
	if (f)
		f->conf = NULL;	/* CONF is the caller's */
	FcConfigDestroy(cfg);
	return f;
}

/* --- finding a face again ------------------------------------------------ */

struct gb_font_files {
	FcConfig *cfg;
};

gb_font_files *
fonts_files_load(const char *conf, GError **error)
{
	FcConfig *cfg = load_config(conf, error);
	if (!cfg)
		return NULL;
	gb_font_files *ff = g_new0(gb_font_files, 1);
	ff->cfg = cfg;
	return ff;
}

void
fonts_files_free(gb_font_files *files)
{
	if (!files)
		return;
	FcConfigDestroy(files->cfg);
	g_free(files);
}

static gint
by_path(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* FAMILY's faces as the configuration lists them, sorted by path so that
 * the choice between two copies of one file never depends on the order in
 * which fontconfig scanned its directories. */
static GPtrArray *
family_faces(gb_font_files *ff, const char *family)
{
	FcPattern *pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_INDEX, FC_FAMILY, NULL);
	FcFontSet *set = FcFontList(ff->cfg, pat, os);
	GPtrArray *faces = g_ptr_array_new_with_free_func(g_free);
	for (int i = 0; set && i < set->nfont; i++) {
		FcChar8 *file;
		int index = 0;
		if (!has_family(set->fonts[i], family)
		    || FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch)
			continue;
		FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &index);
		/* "PATH\nINDEX" sorts by path, then index */
		g_ptr_array_add(faces, g_strdup_printf("%s\n%05d", (const char *)file, index));
	}
	g_ptr_array_sort(faces, by_path);
	if (set)
		FcFontSetDestroy(set);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	return faces;
}

char *
fonts_files_find(gb_font_files *files, const char *family, const char *name, int index,
    char **other)
{
	GPtrArray *faces = family_faces(files, family);
	char *found = NULL;
	if (other)
		*other = NULL;
	for (guint i = 0; !found && i < faces->len; i++) {
		char *face = faces->pdata[i];
		char *nl = strrchr(face, '\n');
		*nl = '\0';
		char *base = g_path_get_basename(face);
		gint64 at = -1;
		gb_parse_int(nl + 1, 0, G_MAXINT, &at);	/* written by family_faces */
		if (strcmp(base, name) == 0 && at == index)
			found = g_strdup(face);
		else if (other && !*other)
			*other = g_strdup_printf("%s 第%d个字面", face, (int)at);
		g_free(base);
	}
	if (found && other) {
		g_free(*other);
		*other = NULL;
	}
	g_ptr_array_free(faces, TRUE);
	return found;
}

void
fonts_free(gb_fonts *fonts)
{
	if (!fonts)
		return;
	for (int i = 0; i < fonts->n_faces; i++) {
		face *fc = &fonts->faces[i];
		g_free(fc->file);
		g_free(fc->family);
		FcCharSetDestroy(fc->charset);
		hb_font_destroy(fc->hb);
		g_free(fc->advance);
		g_free(fc->blank);
		if (fc->advance_astral)
			g_hash_table_destroy(fc->advance_astral);
	}
	for (int r = 0; r < GB_ROLE_COUNT; r++)
		g_free(fonts->cover[r]);
	g_hash_table_destroy(fonts->cover_astral);
	g_free(fonts);
}

static int
find_face(gb_fonts *f, int role, gunichar cp)
{
	if (unseen_is_private(cp))
		return -1;	/* a font's private-use glyph is its own, never the editor's */
	for (int i = 0; i < f->n_role_faces[role]; i++) {
		int id = f->role_faces[role][i];
		if (FcCharSetHasChar(f->faces[id].charset, cp))
			return id;
	}
	for (int k = 0; k < GB_ROLE_COUNT; k++) {
		int other = fallback_order[k];
		if (other == role)
			continue;
		for (int i = 0; i < f->n_role_faces[other]; i++) {
			int id = f->role_faces[other][i];
			if (FcCharSetHasChar(f->faces[id].charset, cp))
				return id;
		}
	}
	return -1;
}

int
fonts_face_for(gb_fonts *fonts, int role, gunichar cp)
{
	if (role < 0 || role >= GB_ROLE_COUNT)
		role = GB_ROLE_SONG;
	if (cp < 0x10000) {
		if (!fonts->cover[role])
			fonts->cover[role] = g_new0(guint8, 0x10000);
		guint8 v = fonts->cover[role][cp];
		if (v == 0) {
			int id = find_face(fonts, role, cp);
			v = id < 0 ? NO_FACE : (guint8)(id + 1);
			fonts->cover[role][cp] = v;
		}
		return v == NO_FACE ? -1 : v - 1;
	}
	gpointer key = GUINT_TO_POINTER((guint)role << 21 | cp);
	guint v = GPOINTER_TO_UINT(g_hash_table_lookup(fonts->cover_astral, key));
	if (v == 0) {
		int id = find_face(fonts, role, cp);
		v = id < 0 ? 0x100 : (guint)id + 1;
		g_hash_table_insert(fonts->cover_astral, key, GUINT_TO_POINTER(v));
	}
	return v == 0x100 ? -1 : (int)v - 1;
}

static double
measure_advance(face *fc, gunichar cp)
{
	hb_codepoint_t gid;
	if (!hb_font_get_nominal_glyph(fc->hb, cp, &gid))
		return 0.5;	/* only for a face chosen without coverage: never in practice */
	return hb_font_get_glyph_h_advance(fc->hb, gid) / fc->upem;
}

double
fonts_advance(gb_fonts *fonts, int id, gunichar cp)
{
	face *fc = &fonts->faces[id];
	if (cp < 0x10000) {
		if (!fc->advance) {
			fc->advance = g_new(float, 0x10000);
			for (int i = 0; i < 0x10000; i++)
				fc->advance[i] = -1;
		}
		if (fc->advance[cp] < 0)
			fc->advance[cp] = (float)measure_advance(fc, cp);
		return fc->advance[cp];
	}
	if (!fc->advance_astral)
		fc->advance_astral = g_hash_table_new_full(NULL, NULL, NULL, g_free);
	double *v = g_hash_table_lookup(fc->advance_astral, GUINT_TO_POINTER(cp));
	if (!v) {
		v = g_new(double, 1);
		*v = measure_advance(fc, cp);
		g_hash_table_insert(fc->advance_astral, GUINT_TO_POINTER(cp), v);
	}
	return *v;
}

static gb_blank
measure_blank(face *fc, gunichar cp)
{
	hb_codepoint_t gid;
	if (!cjk_has_blank_half(cp) || !hb_font_get_nominal_glyph(fc->hb, cp, &gid))
		return GB_BLANK_NONE;
	hb_position_t full = hb_font_get_glyph_h_advance(fc->hb, gid);
	if (full < 0.9 * fc->upem)
		return GB_BLANK_NONE;	/* a proportional mark has no blank half */

	/* The font's own answer: `halt` halves the advance and, for a mark
	 * whose blank is on the left, moves the glyph left. */
	hb_buffer_t *buf = hb_buffer_create();
	hb_buffer_add_codepoints(buf, &cp, 1, 0, 1);
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_buffer_set_script(buf, HB_SCRIPT_HAN);
	hb_buffer_set_language(buf, hb_language_from_string("zh-Hans", -1));
	hb_feature_t halt;
	hb_feature_from_string("halt", -1, &halt);
	hb_shape(fc->hb, buf, &halt, 1);
	unsigned n = 0;
	hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
	gb_blank b = GB_BLANK_NONE;
	gboolean halved = n == 1 && pos[0].x_advance < 0.75 * full;
	if (halved)
		b = pos[0].x_offset < -0.25 * full ? GB_BLANK_LEFT : GB_BLANK_RIGHT;
	hb_buffer_destroy(buf);
	if (halved)
		return b;

	/* No `halt` (LXGW WenKai has no GPOS): where the ink sits. */
	hb_glyph_extents_t ext;
	if (!hb_font_get_glyph_extents(fc->hb, gid, &ext) || ext.width <= 0)
		return GB_BLANK_NONE;
	double left = ext.x_bearing, right = ext.x_bearing + ext.width;
	if (right <= 0.55 * full)
		return GB_BLANK_RIGHT;
	if (left >= 0.45 * full)
		return GB_BLANK_LEFT;
	return GB_BLANK_NONE;
}

gb_blank
fonts_blank(gb_fonts *fonts, int id, gunichar cp)
{
	if (cp >= 0x10000)
		return GB_BLANK_NONE;
	face *fc = &fonts->faces[id];
	if (!fc->blank)
		fc->blank = g_new0(guint8, 0x10000);
	if (!fc->blank[cp])
		fc->blank[cp] = (guint8)(measure_blank(fc, cp) + 1);
	return (gb_blank)(fc->blank[cp] - 1);
}

int
fonts_face_count(const gb_fonts *fonts)
{
	return fonts->n_faces;
}

const char *
fonts_face_file(const gb_fonts *fonts, int id)
{
	return fonts->faces[id].file;
}

int
fonts_face_index(const gb_fonts *fonts, int id)
{
	return fonts->faces[id].index;
}

const char *
fonts_face_family(const gb_fonts *fonts, int id)
{
	return fonts->faces[id].family;
}

int
fonts_role_face(const gb_fonts *fonts, int role)
{
	return fonts->role_faces[role][0];
}
