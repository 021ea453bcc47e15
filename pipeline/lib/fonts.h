/* fonts.h — font roles (song fang kai hei title), chosen through
 * fonts/fonts.conf only, with coverage, fallback between roles and the
 * HarfBuzz metrics the line breaker needs (advances, punctuation blanks). */
#ifndef GONGBAO_FONTS_H
#define GONGBAO_FONTS_H

#include <glib.h>

typedef enum {
	GB_ROLE_SONG, GB_ROLE_FANG, GB_ROLE_KAI, GB_ROLE_HEI, GB_ROLE_TITLE,
	GB_ROLE_COUNT
} gb_role;

/* Where a full-width punctuation mark's blank half sits in its em box. */
typedef enum {
	GB_BLANK_NONE,		/* centred or not full width: not compressible */
	GB_BLANK_RIGHT,		/* ink on the left: 。，、）》” in Chinese fonts */
	GB_BLANK_LEFT		/* ink on the right: （《“ */
} gb_blank;

typedef struct gb_fonts gb_fonts;

/* Loads the fontconfig configuration CONF (and nothing else) and resolves
 * every role to its faces.  NULL with ERROR (GB_DIAG_ERROR) if the file
 * does not load or a role has no font at all. */
gb_fonts *fonts_load(const char *conf, GError **error);
void fonts_free(gb_fonts *fonts);

const char *fonts_role_name(int role);
/* -1 if NAME is not a role. */
int fonts_role_from_name(const char *name);

/* The face that draws CP for ROLE: the role's own faces first, then the
 * other roles' faces; -1 if no face covers it, and always for a private-use
 * code point (unseen.h): what a font keeps there is its own.  Cached. */
int fonts_face_for(gb_fonts *fonts, int role, gunichar cp);
/* Advance of CP in FACE, as a fraction of the type size.  Cached. */
double fonts_advance(gb_fonts *fonts, int face, gunichar cp);
/* Where the blank half of punctuation mark CP is in FACE: from the font's
 * `halt` feature where it has one, else from the glyph's ink.  Cached. */
gb_blank fonts_blank(gb_fonts *fonts, int face, gunichar cp);

int fonts_face_count(const gb_fonts *fonts);
const char *fonts_face_file(const gb_fonts *fonts, int face);
int fonts_face_index(const gb_fonts *fonts, int face);
const char *fonts_face_family(const gb_fonts *fonts, int face);
/* The first face of ROLE's own list. */
int fonts_role_face(const gb_fonts *fonts, int role);

/* The font files of the configuration CONF, to find a face a page list
 * names (family, file name, index) again on this machine, without
 * loading any font.  NULL with ERROR (GB_DIAG_ERROR) if CONF does not
 * load. */
typedef struct gb_font_files gb_font_files;
gb_font_files *fonts_files_load(const char *conf, GError **error);
void fonts_files_free(gb_font_files *files);
/* The path of face INDEX of FAMILY in the file whose base name is NAME, as
 * CONF finds it; NULL if FAMILY has no such face.  Then *OTHER (if OTHER
 * is not NULL) is newly allocated text naming the first face FAMILY does
 * have here ("PATH 第N个字面"), or NULL if CONF finds no FAMILY at all. */
char *fonts_files_find(gb_font_files *files, const char *family, const char *name, int index,
    char **other);

#endif
