/* issue.h — an issue directory as the editors write it (SPEC §3): issue.ini,
 * the Markdown documents in docs/ with their front matter, validated and made into the document
 * tree.  Also the calendar dates of the gazette, shared by the stages. */
#ifndef GONGBAO_ISSUE_H
#define GONGBAO_ISSUE_H

#include <glib.h>

#include "diag.h"
#include "tree.h"

/* --- dates -------------------------------------------------------------- */

typedef struct gb_date {
	int year, month, day;
} gb_date;

typedef enum gb_date_status {
	GB_DATE_OK,
	GB_DATE_BAD_FORMAT,	/* not YYYY-MM-DD */
	GB_DATE_NONEXISTENT	/* 2026-02-30 */
} gb_date_status;

gb_date_status date_parse(const char *text, gb_date *date);
int date_days_in_month(int year, int month);
/* <0, 0, >0 as A is before, on or after B. */
int date_compare(gb_date a, gb_date b);
/* The working days (Monday to Friday) after FROM up to and including TO;
 * 0 if TO is not after FROM. */
int date_working_days_after(gb_date from, gb_date to);
/* 2026年2月28日, newly allocated. */
char *date_text(gb_date date);

/* --- the issue ---------------------------------------------------------- */

typedef struct gb_issue_options {
	const char *words;	/* the word list; NULL: ISSUE_DIR/../words.txt if there */
} gb_issue_options;

/* Reads, validates and parses the issue in DIR (as the user typed it: it
 * becomes part of every file name in diagnostics and in the tree).  Every
 * diagnostic goes to DIAGS, sorted; the tree carries the warnings.  Returns
 * NULL if there was an error (DIAGS says which). */
gb_tree *issue_parse(const char *dir, const gb_issue_options *options, gb_diags *diags);

#endif
