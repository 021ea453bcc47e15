/* distlist.h — what one issue's distribution (SPEC §7) is made of: the
 * built issue as the print shop and the archives see it, who gets paper in
 * which order, and the documents: print order, mailing list, labels and
 * BagIt deposit packages.  The registry itself is regstore.h. */
#ifndef GONGBAO_DISTLIST_H
#define GONGBAO_DISTLIST_H

#include <glib.h>

#include "diag.h"
#include "pages.h"
#include "recipients.h"

/* A built issue: issue.ini and the two PDFs in the output directory. */
typedef struct {
	char *name;		/* "2026-05": the issue directory's base name */
	char *title, *publisher, *editor, *address, *serial;
	int year, number, cumulative, reserve;
	char *date;		/* YYYY-MM-DD, the issue date */
	char *issue_text;	/* 2026年第5期（总第245期） */
	char *print_pdf, *web_pdf;	/* paths */
	int print_pages, web_pages;
	int trim_w_mm, trim_h_mm;	/* the trim: the web edition's page */
	char *print_sha256, *web_sha256;
	gint64 web_bytes;
	GPtrArray *docs;	/* of gb_dist_doc *: the per-document files, in print order */
} gb_dist_issue;

/* The SHA-256 of the file at PATH in lowercase hex, and its size (SIZE
 * may be NULL); NULL with a diagnostic in ERROR if it cannot be read. */
char *gb_dist_file_sha256(const char *path, gint64 *size, GError **error);

/* A document's own PDF (SPEC §5), as the built issue holds it. */
typedef struct {
	char *identifier, *title, *number, *issuer, *date;	/* "" where none */
	char *file;		/* docs/2026-5-3-….pdf, relative to the output directory */
	char *path;		/* OUT_DIR/docs/… */
	char *sha256;
	gint64 bytes;
} gb_dist_doc;

/* The documents of the page list HEADER (read from OUT_DIR/issue.pages)
 * and their files in OUT_DIR/docs/ (lib/docfile.h names them) into
 * ISSUE->docs, each checksummed; a missing one is a diagnostic in ERROR
 * naming it and what to build (make issue ISSUE=ISSUE_DIR; distdocs.c). */
gboolean gb_dist_issue_documents(gb_dist_issue *issue, const gb_pages *header,
    const char *issue_dir, const char *out_dir, GError **error);

/* Reads ISSUE_DIR/issue.ini (with the one reader, issueini.h: its
 * problems go to DIAGS at their lines) and OUT_DIR/print.pdf,
 * OUT_DIR/web.pdf (a missing or unreadable one is a diagnostic in ERROR
 * naming what to build).  NULL when either refused. */
gb_dist_issue *gb_dist_issue_load(const char *issue_dir, const char *out_dir, gb_diags *diags,
    GError **error);
void gb_dist_issue_free(gb_dist_issue *issue);

/* Who an issue goes to: of RECIPIENTS (current, active), those with paper
 * copies or the electronic edition. A new array sharing the recipients. */
GPtrArray *gb_dist_receivers(GPtrArray *recipients);
/* The paper recipients of RECEIVERS in mailing order: category (in the
 * order of gb_recipient_categories), district, id.  Shares the recipients. */
GPtrArray *gb_dist_paper_order(GPtrArray *receivers);
int gb_dist_total_copies(GPtrArray *paper);
/* "2 MB"-style size for people. */
char *gb_dist_human_size(gint64 bytes);

/* Binding for PAGES: saddle stitch up to 64 pages, perfect binding above. */
const char *gb_dist_binding(int pages);

/* The print order (印制单) as text. */
void gb_dist_print_order_text(GString *out, const gb_dist_issue *issue, int distributed);
/* The mailing list as CSV: one line per recipient in PAPER (mailing
 * order), a 小计 line after each category/district group, a 合计 line. */
void gb_dist_mailing_csv(GString *out, GPtrArray *paper);

/* Writes LEN bytes of TEXT (-1: up to its NUL) to PATH (a temporary name
 * renamed); a failure is a diagnostic in ERROR. */
gboolean gb_dist_write_text(const char *path, const char *text, gssize len, GError **error);

/* Writes the BagIt package (RFC 8493) for recipient R into DIR (which must
 * not exist): bagit.txt, bag-info.txt, data/web.pdf (a hard link to the
 * issue's web.pdf, or a copy), data/metadata.json and the SHA-256 payload
 * and tag manifests. */
gboolean gb_dist_write_bag(const char *dir, const gb_dist_issue *issue, const gb_recipient *r,
    GError **error);

/* --- the PDFs (distpdf.c, libharu) ------------------------------------- */

/* Checks that FONT (a TrueType file) can draw every character the
 * documents will print of ISSUE and of the recipients in PRINTED.  libharu maps only the
 * Basic Multilingual Plane, so a character beyond it is refused too.  One
 * message per fault appended to ERRORS ("R023: 地址中的字符“𠮷”（U+20BB7）
 * 标签字体无法显示"); FALSE with ERROR if the font cannot be read. */
gboolean gb_dist_check_font(const char *font, const gb_dist_issue *issue, GPtrArray *printed,
    GPtrArray *errors, GError **error);

gboolean gb_dist_print_order_pdf(const char *path, const char *font, const gb_dist_issue *issue,
    int distributed, GError **error);
gboolean gb_dist_mailing_pdf(const char *path, const char *font, const gb_dist_issue *issue,
    GPtrArray *paper, GError **error);
/* Labels, 2 × 7 on A4 (the common 99.1 × 38.1 mm sheet), one per paper
 * recipient.  A recipient whose address or name cannot be fitted is a
 * message in ERRORS (FALSE, nothing written). */
gboolean gb_dist_labels_pdf(const char *path, const char *font, const gb_dist_issue *issue,
    GPtrArray *paper, GPtrArray *errors, GError **error);

#endif
