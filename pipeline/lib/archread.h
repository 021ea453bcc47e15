/* archread.h — what the archive (SPEC §9, the office database's tables of
 * schema 3, lib/officedb.c) knows of published issues, read-only: a
 * document by its 发文字号, the documents on a folio of an issue, an issue.
 * For gongbao-parse, which resolves a 解读's or a 勘误's document of an
 * earlier issue through it; it never writes the database. */
#ifndef GONGBAO_ARCHREAD_H
#define GONGBAO_ARCHREAD_H

#include <glib.h>

typedef struct gb_archread gb_archread;

/* A published issue (table issue). */
typedef struct gb_arch_issue {
	int year, number;
	char *name;		/* the issue directory's base name, 2026-05 */
	char *date;		/* YYYY-MM-DD */
	int pages;		/* pages of web.pdf */
	int first_folio, last_folio;
	char *out_dir;		/* OUT_DIR as published, absolute */
} gb_arch_issue;

/* A published document (table document) with its issue. */
typedef struct gb_arch_doc {
	char *identifier;	/* 2026-5-3 */
	char *title, *doc_number, *date;	/* doc_number '' when none; date YYYY-MM-DD */
	int first_folio, last_folio, first_page, last_page;
	char *file;		/* per-document PDF relative to the issue's out_dir, or NULL */
	gb_arch_issue issue;
} gb_arch_doc;

/* Opens the database at PATH read-only.  A file that does not exist, or a
 * database without the archive's tables (schema under 3), is an archive
 * where nothing is published yet: not an error.  A newer schema or a file
 * that is not a database is (NULL with ERROR, a diagnostic naming PATH). */
gb_archread *archread_open(const char *path, GError **error);
void archread_close(gb_archread *a);
const char *archread_path(const gb_archread *a);

/* The document published under 发文字号 NUMBER (the latest issue's if more
 * than one), or NULL.  On a database failure NULL with ERROR. */
gb_arch_doc *archread_by_number(gb_archread *a, const char *number, GError **error);
/* The documents printed on FOLIO of issue NUMBER of YEAR (gb_arch_doc*, in
 * print order; empty when none), or NULL with ERROR. */
GPtrArray *archread_on_folio(gb_archread *a, int year, int number, int folio, GError **error);
/* Issue NUMBER of YEAR, or NULL (not published, or with ERROR). */
gb_arch_issue *archread_issue(gb_archread *a, int year, int number, GError **error);

void arch_doc_free(gb_arch_doc *d);
void arch_issue_free(gb_arch_issue *i);

#endif
