/* checker.h — what the check groups of gongbao-check share, inside
 * pipeline/check/ only: an edition as read back, the checker's state,
 * recording a failure (verify.c), naming a page, and each group's entry
 * points (text.c, boxes.c, links.c, meta.c, signature.c). */
#ifndef GONGBAO_CHECKER_H
#define GONGBAO_CHECKER_H

#include "diag.h"
#include "pages.h"
#include "verify.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <poppler.h>
#include <qpdf/qpdf-c.h>

/* The files a failure can be in, in the order the report lists them
 * (FILE_DOCS: the per-document file being checked, docfiles.c). */
enum { FILE_LIST, FILE_PRINT, FILE_WEB, FILE_DOCS, FILE_N };

typedef struct {
	int file;		/* FILE_PRINT or FILE_WEB */
	const char *path;
	const char *title;	/* 印刷版, 电子版 */
	PopplerDocument *doc;	/* NULL once its pages and tree are read */
	gboolean read;		/* poppler-glib read it */
	qpdf_data qpdf;		/* NULL if libqpdf could not read it */
	int n;			/* its pages */
	int padding;		/* print: blank pages before the back page */
	int pad_at;		/* index of the first padding page */
	GHashTable *font_index;	/* font object id → what painting.c knows of it */
	GPtrArray *direct_fonts;	/* the same of fonts that are direct objects */
	char *sha256;		/* of the file as read, lowercase hex */
} edition;

typedef struct {
	const gb_pages *pages;
	gb_check_report *report;
	char *names[FILE_N];
	GPtrArray *by_group[GB_CHECK_N];
	int shown[GB_CHECK_N][FILE_N];
	int hidden[GB_CHECK_N][FILE_N];
	GHashTable *dest_page;	/* dest name → list index */
	GHashTable *title_page;	/* document ID → list index */
	guint seq;		/* failures recorded, to keep sorting stable */
	gboolean unsigned_ok;	/* --unsigned: an unsigned web edition was asked for */
	GHashTable *font_digests;	/* digest of a font, in either edition → its index */
	FT_Library freetype;	/* reads fonts' outlines (painting.c), closed after the editions */
	gboolean *web_text_failed;	/* by list page: the web edition's text failed there */
} checker;

/* A rectangle in points: a PDF box (y up) or a link's area (y down). */
typedef struct { double x0, y0, x1, y1; } rect;

/* --- verify.c: failures and the names of pages ------------------------------ */

/* Records a failure of GROUP in FILE (FILE_*) at PAGE (from 1, 0 for the
 * whole file), WHERE naming it, with the message of diagnostic ID (a DIAG_
 * name of the table) formatted from the arguments that follow. */
#define fail(ck, group, file, page, where, ID, ...) \
	fail_((ck), (group), (file), (page), (where), ID, diag_text(ID, ##__VA_ARGS__))

/* What fail() calls: MESSAGE (taken) is diagnostic ID's. */
void fail_(checker *ck, gb_check_group group, int file, int page, const char *where,
    gb_diag_id id, char *message);

/* Opens edition E (its path, file and title set) with poppler and libqpdf:
 * FALSE, a failure recorded, if it does not open; close_edition frees what
 * it read. */
gboolean open_edition(checker *ck, edition *e);
void close_edition(edition *e);
/* libqpdf's reading of E (open) made anew from its file: what it had
 * loaded goes; NULL, and the failure recorded, if it cannot. */
void reopen_qpdf(checker *ck, edition *e);

/* 第12页（第14面）: page P of the list shown as page INDEX_IN_FILE (from 1). */
char *where_list_page(const gb_page *p, int index_in_file);
/* Page I (from 0) of edition E by its list page, or as a padding page. */
char *where_pdf_page(const checker *ck, const edition *e, int i);
/* List page LI (from 0) where edition E shows it. */
char *where_list_index(const checker *ck, const edition *e, int li);

/* The list page shown on page I (from 0) of edition E, -1 for a padding
 * page or a page beyond the list; and the page of E that shows list page
 * LIST_I. */
int list_index(const checker *ck, const edition *e, int i);
int pdf_index(const edition *e, int list_i);

/* --- text.c: the text of a page, blank pages ---------------------------------- */

/* The text poppler reads from a page, and its characters with their boxes. */
typedef struct {
	char *text;		/* poppler_page_get_text */
	GArray *chars;		/* of got_char (text.c), whitespace left out */
	int *by_x;		/* indices into chars sorted by x1 */
} page_text;

void page_text_load(page_text *t, PopplerPage *page);
void page_text_clear(page_text *t);

/* Page I of E against list page LI, the trim's corner at OFFX, OFFY in
 * poppler's space: TRUE if every character stands where the list put it. */
gboolean verify_text(checker *ck, edition *e, int i, int li, const char *where, page_text *t,
    double offx, double offy);
/* Page I (list page LI, -1 for none) is blank exactly when it should be. */
void verify_blank(checker *ck, edition *e, int i, int li, const char *where, PopplerPage *page,
    const page_text *t, double offx, double offy);

/* --- painting.c: what a page shows, from its content stream ------------------------ */

/* The glyphs page QPAGE of E shows, in painting order, each with its font
 * (by what the font is, not its object number), code, place (less DX, DY,
 * the trim's corner) and scale; NULL if libqpdf cannot read the page. */
typedef struct page_painting page_painting;
page_painting *painting_read(checker *ck, edition *e, qpdf_oh qpage, double dx, double dy);
void painting_free(page_painting *pp);
/* How many glyphs it shows. */
guint painting_shows(const page_painting *pp);
/* NULL if A shows what B shows, else the first difference in words. */
char *painting_difference(const page_painting *a, const page_painting *b);

/* --- boxes.c: fonts and page boxes ------------------------------------------- */

/* Every font of E embedded (in the print edition, subset), none Type 3. */
void verify_fonts(checker *ck, edition *e);
/* Where the trim's top left corner stands in poppler's page space. */
void trim_origin(const checker *ck, const edition *e, qpdf_oh qpage, double w, double h,
    double *offx, double *offy);
/* The trim's lower left corner in PDF space (y up) of QPAGE: its TrimBox,
 * or the middle of its MediaBox for a page without one. */
void trim_corner(const checker *ck, const edition *e, qpdf_oh qpage, double *x, double *y);
/* Page I's size W×H, and in the print edition its TrimBox and BleedBox. */
void verify_boxes(checker *ck, edition *e, int i, const char *where, qpdf_oh qpage, double w,
    double h);

/* --- links.c: 目录, titles, links and bookmarks ------------------------------ */

/* 目录 entries against the page list: each folio is its title's page's. */
void verify_toc(checker *ck);
/* Every document title list page LI carries is in page I's text. */
void verify_titles(checker *ck, edition *e, int i, int li, const char *where, const page_text *t,
    gboolean text_ok);
/* The web edition's links on page I (list page LI), page height H. */
void verify_links(checker *ck, edition *e, int i, int li, const char *where, PopplerPage *page,
    double h, double offx, double offy);
/* The web edition's bookmarks against the page list's outline. */
void verify_outline(checker *ck, edition *e);

/* --- structure.c: the tagged structure (PDF/UA-1) -------------------------------- */

/* The web edition's structure tree as poppler-glib and libqpdf read it:
 * one Document, a Sect for each document of the list (its identifier
 * the ID) opening with an H1, no heading level skipped, standard types
 * only, every TH with a /Scope; every page's text marked, reached from
 * the tree in the order it stands, or an artifact; every link described,
 * in the tree, and the page read in the tree's order (/Tabs /S). */
void verify_structure_tree(checker *ck, edition *e);	/* poppler-glib's reading */
void verify_structure_objects(checker *ck, edition *e);	/* libqpdf's */

/* --- meta.c: metadata, XMP, labels and the PDF/A and PDF/X markers ------------- */

void verify_metadata(checker *ck, edition *e);
/* Whether E has page labels at all (the print edition may have none). */
gboolean has_page_labels(const edition *e);
/* Page I's label is list page P's. */
void verify_label(checker *ck, edition *e, int i, const char *where, PopplerPage *page,
    const gb_page *p);

/* --- signature.c: the web edition's signature --------------------------------- */

/* The web edition's one signature valid over the whole file and the page
 * list's signer's (the chain too with GONGBAO_TRUST_DIR); the print
 * edition unsigned.  Sets the report's line on the signature. */
void verify_signature(checker *ck, edition *e);

/* --- docfiles.c: one PDF per document ------------------------------------------- */

/* The directory DIR holds exactly one file per document of the list, named
 * as the renderer names it (docfile.h), each showing its pages as the web
 * edition WEB (still open to libqpdf) shows them, glyph by glyph, with its
 * labels, metadata naming its document and a valid signature; the report
 * gets each one's identifier, file and SHA-256. */
void verify_documents(checker *ck, edition *web, const char *dir);

#endif
