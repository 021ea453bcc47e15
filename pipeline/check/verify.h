/* verify.h — the checks of `gongbao-check` (SPEC §6): the page list against
 * both PDF editions as poppler-glib and libqpdf read them back, and the
 * report an editor reads (text) or a machine reads (JSON). */
#ifndef GONGBAO_VERIFY_H
#define GONGBAO_VERIFY_H

#include "diag.h"
#include "pages.h"

#include <glib.h>
#include <stdio.h>

/* The groups of checks, in the order the report lists them. */
typedef enum {
	GB_CHECK_OPEN,		/* both PDFs open, page counts agree */
	GB_CHECK_TEXT,		/* each page's text is the page list's */
	GB_CHECK_FONTS,		/* every font embedded, none Type 3 */
	GB_CHECK_BOXES,		/* page sizes, TrimBox, BleedBox */
	GB_CHECK_LINKS,		/* 目录 folios, links, bookmarks */
	GB_CHECK_META,		/* metadata, labels, PDF/A and PDF/X markers */
	GB_CHECK_BLANK,		/* no page blank that should have content */
	GB_CHECK_SIGNATURE,	/* the web edition's signature valid, the office's */
	GB_CHECK_STRUCTURE,	/* the web edition's structure (PDF/UA-1) */
	GB_CHECK_N
} gb_check_group;

typedef struct {
	gb_check_group group;
	const char *id;		/* the diagnostic's name (diag-check.def) */
	char *file;		/* the edition's file name, or the page list's */
	int page;		/* page in that file counted from 1, 0 for the file */
	char *where;		/* "第12页（第14面）", "" for the whole file */
	char *message;
	int count;		/* pages with this same failure, from PAGE on */
	/* private: the order of recording */
	int seq_file;
	guint seq;
} gb_check_failure;

typedef struct {
	char *file;
	int line;
	char *kind;		/* its diagnostic's name, "halfwidth-punct" */
	char *message;
} gb_check_warning;

/* The warnings of one kind, for the report's summary (warnsum.c). */
typedef struct {
	const char *kind;
	const char *advice;	/* what the editor does about them */
	GPtrArray *items;	/* of const gb_check_warning *, in report order */
} gb_check_kind;

/* The warnings of REPORT by kind, the most frequent kind first (equal
 * counts: the kind met first); free with g_ptr_array_unref. */
GPtrArray *gb_check_warning_kinds(const GPtrArray *warnings);
/* What to do about warnings of KIND. */
const char *gb_check_advice(const char *kind);
/* What warnings of KIND are called in the report (半角标点); KIND itself
 * for a kind without a name of its own. */
const char *gb_check_kind_label(const char *kind);

typedef struct {
	char *pages_file, *print_file, *web_file;
	char *print_sha256, *web_sha256;	/* of the files as read, NULL if not */
	char *gazette, *issue;	/* from the page list's meta, "" if absent */
	int list_pages, print_pages, web_pages;	/* -1 where a PDF did not open */
	char *signature;	/* the web edition's signature in words, NULL if not read */
	int print_same;		/* print pages proven to show the web edition's painting */
	GPtrArray *failures;	/* of gb_check_failure *, in report order */
	GPtrArray *warnings;	/* of gb_check_warning *: the parse warnings */
	int failed[GB_CHECK_N];	/* failures per group */
} gb_check_report;

/* Whether the page list and both editions are files; the first that is
 * not is recorded in DIAGS (a system failure, exit 2). */
gboolean gb_check_inputs(const char *pages_path, const char *print_path,
    const char *web_path, gb_diags *diags);
/* Runs every check of the editions at PRINT_PATH and WEB_PATH against the
 * page list PAGES, read from PAGES_PATH.  A PDF that exists but does not
 * open is a failure in the report.  UNSIGNED_OK: the web edition was made
 * with --unsigned although the list names a key (reported, not failed). */
gb_check_report *gb_check_issue(const gb_pages *pages, const char *pages_path,
    const char *print_path, const char *web_path, gboolean unsigned_ok);
void gb_check_report_free(gb_check_report *report);
gboolean gb_check_report_passed(const gb_check_report *report);

/* The group's name in the report (页数与打开, 文字 …) and in JSON (open, text …). */
const char *gb_check_group_title(gb_check_group group);
const char *gb_check_group_key(gb_check_group group);

/* The report as an editor reads it, and as a JSON object. */
void gb_check_report_text(GString *out, const gb_check_report *report);
void gb_check_report_json(GString *out, const gb_check_report *report);

/* Prints DIAGS (why a check could not be made) as FILE:LINE: error: message,
 * or FILE: error: message where there is no line: a PDF, the command line,
 * which tests/e2e/check.sh reads in this form. */

#endif
