/* fontid.h — what a font of an edition is, inside pipeline/check/ only
 * (painting.c asks it of every font a page's text is shown in). */
#ifndef GONGBAO_FONTID_H
#define GONGBAO_FONTID_H

#include "checker.h"

/* What the check knows of a font: its identity, how many bytes a code
 * is, and each code's advance (in thousandths of the text size).  Two fonts
 * of one index are the same font; two of one family differ in their
 * programs and subset tags only (a per-document file's font cut to the
 * glyphs its pages show, render/fontsubset.c), and show the same glyphs
 * for a code if its outlines in both programs are the same. */
typedef struct font_info {
	guint index;		/* of its digest among the checker's font_digests */
	guint family;		/* of its family digest, the same table */
	int code_bytes;		/* 2 for a Type0 font, else 1 */
	double default_width;	/* /DW, or 0 for a simple font */
	GHashTable *widths;	/* code → width (a double, boxed in a pointer-sized key) */
	checker *ck;
	qpdf_data q;		/* its edition's, open while its paintings are compared */
	int program, program_gen;	/* the program an outline of a code is read from
				 * (a Type0 font's, codes its CIDs), 0 if none */
	FT_Face face;		/* of the program, read at the first outline asked */
	unsigned char *data;	/* the program the face reads */
	gboolean unreadable;	/* the program did not open */
	GHashTable *outlines;	/* code → digest of its outline (NULL: none) */
} font_info;

/* What font dictionary FONT of E is: its digests' indices among every font
 * the check has met in either edition (equal indices, the same font; equal
 * families, the same but for the programs), its codes' widths and the
 * program its outlines are in; read once a font, kept until E closes. */
font_info *font_of(checker *ck, edition *e, qpdf_oh font);

/* Whether code CODE shows the same outline and advance in A and B, two
 * fonts of one family with programs: FALSE if either has none for it.  A
 * code's outline is read once a font. */
gboolean font_same_outline(font_info *a, font_info *b, guint code);

/* E's libqpdf reading is a new one of the same file: what is known of its
 * fonts holds (the object numbers are the file's), their programs are
 * read from the new one. */
void font_rebind(edition *e);

#endif
