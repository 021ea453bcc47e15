/* annual.h — a year of the archive as the annual index (index.c) and the
 * bound volume (volume.c) read it: the year's published issues and their
 * documents in print order, each document's validity as of a date, and
 * the link from an index entry to its document (a URI relative to the
 * index's directory) and back. */
#ifndef GONGBAO_ANNUAL_H
#define GONGBAO_ANNUAL_H

#include <glib.h>
#include <sqlite3.h>

typedef struct {
	int year, number;
	char *name;		/* 2026-05 */
	int cumulative;		/* 0: none */
	char *date, *title, *publisher;
	int pages, first_folio, last_folio;
	char *out_dir;		/* absolute, as publish recorded it */
	char *web_sha256;
} annual_issue;

typedef struct {
	char *identifier;
	int number, seq;	/* its issue's number, its place in it */
	char *section, *kind, *title, *issuer, *doc_number, *validity_printed;
	char *validity;		/* as of the date asked */
	int first_folio, last_folio, first_page, last_page;
	char *file;		/* per-document file relative to out_dir, NULL if none */
	const annual_issue *issue;
} annual_document;

typedef struct {
	int year;
	GPtrArray *issues;	/* annual_issue*, by number */
	GPtrArray *documents;	/* annual_document*, by issue, then seq */
	GPtrArray *sections;	/* char*: the section names in the order the issues print them */
	GHashTable *targets;	/* where an entry links to → annual_document* (annual_link_target) */
} annual_year;

/* Reads YEAR from DB (PATH for messages), validity as of DATE
 * (YYYY-MM-DD, archive_validity_as_of).  A year with no published issue is an INPUT error
 * (DIAG_ANNUAL_NOTHING_PUBLISHED).  NULL with ERROR on failure. */
annual_year *annual_read(sqlite3 *db, const char *path, int year, const char *date,
    GError **error);
/* YEAR of the office database at PATH (opened read only and closed),
 * validity as of today (archive_today): annual_read's year. */
annual_year *annual_load(const char *path, int year, GError **error);
void annual_free(annual_year *y);

/* Where an entry for DOC links to: its per-document file when it has one,
 * else its first page of its issue's web edition (web.pdf#page=N); as a
 * URI relative to directory BASE (absolute), non-ASCII percent-encoded. */
char *annual_link_uri(const annual_document *doc, const char *base);
/* The document a link URI of the index (relative to BASE) goes to, and the
 * page of its issue's web edition (from 1); NULL if none of Y. */
const annual_document *annual_link_target(const annual_year *y, const char *uri,
    const char *base, int *page);

/* The label of folio FOLIO of issue NUMBER in the bound volume: 第5期 12. */
char *annual_folio_label(int number, const char *folio);

#endif
