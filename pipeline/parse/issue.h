/* issue.h — an issue directory as the editors write it (SPEC §3): issue.ini,
 * the Markdown documents in docs/ with their front matter, validated and made into the document
 * tree. */
#ifndef GONGBAO_ISSUE_H
#define GONGBAO_ISSUE_H

#include <glib.h>

#include "date.h"
#include "diag.h"
#include "tree.h"

/* --- the issue ---------------------------------------------------------- */

typedef struct gb_issue_options {
	const char *words;	/* the word list; NULL: ISSUE_DIR/../words.txt if there */
	const char *holidays;	/* the holiday arrangement; NULL: ISSUE_DIR/../holidays.txt if there */
	const char *db;		/* the office database (the archive); NULL: GB_OFFICEDB_DEFAULT_PATH */
} gb_issue_options;

/* Reads, validates and parses the issue in DIR (as the user typed it: it
 * becomes part of every file name in diagnostics and in the tree).  Every
 * diagnostic goes to DIAGS, sorted; the tree carries the warnings.  Returns
 * NULL if there was an error (DIAGS says which). */
gb_tree *issue_parse(const char *dir, const gb_issue_options *options, gb_diags *diags);

#endif
