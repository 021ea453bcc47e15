/* cjk.h — Chinese line composition (W3C clreq, GB/T 15834): character
 * classes, punctuation compression, line breaking with the kinsoku rules,
 * push-in by squeezing punctuation, and justification.  Works on one
 * paragraph of one style at a time; knows nothing of pages. */
#ifndef GONGBAO_CJK_H
#define GONGBAO_CJK_H

#include <glib.h>

#include "fonts.h"

/* --- the punctuation of Chinese text: the one list ---------------------- */

/* What kind of mark a character is.  Every rule on punctuation (where a
 * line may break, which marks have a blank half, what counts as Chinese
 * text to the proofreader) is written on these classes. */
typedef enum {
	GB_PUNCT_NONE,		/* not a mark of Chinese text: letters, digits, ASCII */
	GB_PUNCT_OPEN,		/* opening marks （《「『“‘〔【〈〖［｛ */
	GB_PUNCT_CLOSE,		/* closing marks ）》」』”’〕】〉〗］｝ */
	GB_PUNCT_STOP,		/* full stops, commas, pauses ，。、；：？！． */
	GB_PUNCT_DOT,		/* middle dots (间隔号) · ・ ‧ */
	GB_PUNCT_DASH,		/* dashes and ellipses — ― … ⋯ ⸺ */
	GB_PUNCT_SIGN,		/* signs after a number ％ ‰ ℃ ° */
	GB_PUNCT_FORM		/* other full-width forms, CJK symbols (U+3000–303F),
				 * vertical forms, the quotes ‚‛„‟ */
} gb_punct;

gb_punct cjk_class_of(gunichar cp);

/* An opening mark: never at a line's end. */
gboolean cjk_is_opening(gunichar cp);
/* A closing mark, stop or sign: never at a line's head. */
gboolean cjk_is_closing(gunichar cp);
/* A line may not start with CP: closing marks, stops, signs, dashes,
 * middle dots, and their half-width twins ,.;:?!)]}% in Chinese text. */
gboolean cjk_no_line_start(gunichar cp);
/* A line may not end with CP: opening marks, middle dots, and ([{. */
gboolean cjk_no_line_end(gunichar cp);
/* A full-width mark with a blank half that may be taken away (GB/T 15834
 * punctuation compression): the stops and the brackets and quotes but
 * ［］｛｝, which are set at full width. */
gboolean cjk_has_blank_half(gunichar cp);
/* A letter of a CJK script: Han, kana, Hangul, bopomofo, and 〇. */
gboolean cjk_is_han(gunichar cp);
/* A mark of Chinese text (any class but NONE; a sign only in its
 * full-width form ％). */
gboolean cjk_is_punctuation(gunichar cp);
/* A character that sits in the em grid of Chinese text: a CJK letter or
 * mark.  Between two of them a space or a line break is no word space. */
gboolean cjk_is_full_width(gunichar cp);
/* TITLE in book-title marks, to be freed: 《TITLE》, and a title that holds
 * book-title marks of its own has them as the inner single marks, as GB/T
 * 15834-2011 (4.15) sets a title within a title: 《〈…〉解读》. */
char *cjk_book_title(const char *title);

/* The width of LEN bytes of TEXT as the caller sets it. */
typedef double (*gb_cjk_measure)(const char *text, gsize len, gpointer data);

/* Breaks TEXT greedily into lines no wider than WIDTH as MEASURE measures
 * them (DATA passed along), with the line rules above: a mark that may not
 * start a line takes the character before it along, an opening mark goes
 * to the next line with what it opens.  A character wider than WIDTH
 * stands on a line of its own.  Returns the lines (at least one; free with
 * g_ptr_array_unref). */
GPtrArray *cjk_wrap(const char *text, double width, gb_cjk_measure measure, gpointer data);

/* --- paragraph composition ---------------------------------------------- */

/* The class of a character for the line breaker. */
typedef enum {
	GB_CL_IDEO,		/* ideographs, kana, full-width forms: one unit each */
	GB_CL_LATIN,		/* letters, digits, ASCII signs: words are one unit */
	GB_CL_SPACE,		/* a space: a break after it, never at a line's head */
	GB_CL_OPEN,		/* （《「『“‘〔【: never at a line's end */
	GB_CL_CLOSE,		/* ，。、；：？！）》」』”’〕】％: never at a line's head */
	GB_CL_DASH,		/* — …: pairs are one unit, never at a line's head */
	GB_CL_GLUE		/* · (间隔号): no break on either side */
} gb_cjk_class;

/* CP's class for the line breaker, from cjk_class_of. */
gb_cjk_class cjk_class(gunichar cp);

/* One character of a paragraph as the line breaker sees it.  Lengths in
 * points; ADV already holds the tracking and any pair compression. */
typedef struct {
	gunichar cp;
	gint16 face;
	guint8 cls;		/* gb_cjk_class */
	guint8 blank;		/* gb_blank */
	guint8 brk;		/* a line may end after this character */
	float adv;
	float xoff;		/* where the glyph is drawn relative to its pen position */
	float squeeze;		/* blank that may still be taken away to fit a line */
	float space_after;	/* cjk-latin-space before the next character, dropped at a break */
	int src;		/* byte offset in the source text */
	int ch;			/* character index in the source text */
} gb_glyph;

/* What text is set in. */
typedef struct {
	int role;		/* gb_role */
	double size;		/* pt */
	double tracking;	/* pt added to every advance */
	double cjk_latin_space;	/* em */
} gb_textstyle;

/* A line: characters [start, end) of the paragraph; SHRINK points to take
 * from its punctuation (push-in); LAST if it ends the paragraph. */
typedef struct {
	int start, end;
	float shrink;
	gboolean last;
} gb_line;

/* The face that draws CP in ROLE as cjk_shape sets it (a space as U+0020,
 * through fonts_face_for with its fallback between roles), -1 if no font
 * covers it, GB_CJK_NOT_DRAWN if cjk_shape leaves it out (controls,
 * joiners, variation selectors).  The one coverage test: the typesetter's,
 * and gongbao-parse's before anything is typeset. */
#define GB_CJK_NOT_DRAWN (-2)
int cjk_face_for(gb_fonts *fonts, int role, gunichar cp);

/* Appends TEXT's characters to GLYPHS (cleared first) with faces, classes,
 * break opportunities and compressed punctuation pairs.  Returns FALSE if
 * some character has no font, with *MISSING the first such character (the
 * glyphs are still filled, drawn in the role's first face). */
gboolean cjk_shape(gb_fonts *fonts, const gb_textstyle *style, const char *text,
    GArray *glyphs, gunichar *missing);

/* Breaks GLYPHS into lines (LINES cleared first): the first line is
 * FIRST_MEASURE wide, the others MEASURE. */
void cjk_break(const GArray *glyphs, double first_measure, double measure, GArray *lines);

/* Places LINE's characters: X[i - start] gets the drawing x of character i
 * relative to the line's start.  JUSTIFY spreads the slack evenly between
 * the characters (never for a paragraph's last line), in whole multiples
 * of UNIT where UNIT > 0: the font's design unit at the text size (size /
 * 1000), so that every gap is a whole number of the units a PDF's TJ
 * array counts in (no -18/-19 alternation), the first gaps one unit wider
 * than the rest to use up the slack, and the last taking the fraction of
 * a unit left so that the line still ends at MEASURE.  Returns the line's
 * width as set, trailing spaces excluded.  X must hold end - start values. */
double cjk_place(const GArray *glyphs, const gb_line *line, double measure,
    gboolean justify, double unit, double *x);

/* The width of the widest piece no line may be broken inside (a Latin
 * word, a character with the marks glued to it). */
double cjk_widest_unit(const GArray *glyphs);

/* The natural width of LINE (no justification, its shrink applied). */
double cjk_line_width(const GArray *glyphs, const gb_line *line);

#endif
