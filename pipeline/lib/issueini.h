/* issueini.h — the one reader of an issue's issue.ini (SPEC §3), for every
 * stage: the GLib key file with comments, inline ones included, each key's
 * line kept for diagnostics, the rules of every key checked, and typed
 * access to what it says.  Also the issue title, "2026年第5期".
 *
 * Comments.  A line whose first non-blank character is # or ; is a
 * comment.  After a value, a # or ; starts a comment when it begins the
 * value or follows a space or a tab: `number=5 ; 第5期` is 5, and
 * `serial=  ; optional` is empty.  A # or ; right after another character
 * is part of the value: `order=法规规章;政策解读` is two sections.  So a value
 * cannot hold " ;" or " #"; write the ; without the space before it. */
#ifndef GONGBAO_ISSUEINI_H
#define GONGBAO_ISSUEINI_H

#include <glib.h>

#include "date.h"
#include "diag.h"
#include "tree.h"

/* One [group] as written. */
typedef struct gb_ini_group {
	char *name;
	int line;		/* of its first [name] line */
	GPtrArray *keys;	/* gb_meta*: key, value (comment cut, GKeyFile escapes
				 * read), line; in file order */
} gb_ini_group;

typedef struct gb_issueini {
	char *path;		/* as given: every diagnostic names it */
	GPtrArray *groups;	/* gb_ini_group*, in file order */

	/* What it says, typed.  Trustworthy when the reader reported no
	 * error; otherwise what could be read (NULL, 0 or FALSE for the rest). */
	const char *title, *publisher;		/* [gazette], required */
	const char *editor, *address, *serial, *layout;	/* NULL if absent or empty */
	int year, number;	/* [issue], required, ≥ 1 */
	int cumulative;		/* 总期号, 0 if absent */
	int first_page;		/* 1 if absent */
	int reserve_copies;	/* 0 if absent */
	gboolean date_ok;
	gb_date date;		/* [issue] date, when date_ok */
	const char *date_iso;	/* … as written, YYYY-MM-DD, when date_ok */
	GPtrArray *sections;	/* char*: [sections] order, each once, in order */
} gb_issueini;

/* Reads and checks the issue.ini at PATH; every problem goes to DIAGS at
 * PATH:LINE (the DIAG_INI_* entries).  Returns NULL when the file could not
 * be read as a key file at all (missing, not UTF-8, a line that is neither
 * group, key nor comment); otherwise the file, even when a key is wrong:
 * look at DIAGS (diags->worst) before trusting the typed fields. */
gb_issueini *issueini_read(const char *path, gb_diags *diags);
void issueini_free(gb_issueini *ini);

/* The group NAME, or NULL. */
const gb_ini_group *issueini_group(const gb_issueini *ini, const char *name);
/* The value of KEY in GROUP as read (comment cut), or NULL if absent. */
const char *issueini_value(const gb_issueini *ini, const char *group, const char *key);
/* The line of KEY in GROUP, of GROUP's header if KEY is NULL; 0 if absent. */
int issueini_line(const gb_issueini *ini, const char *group, const char *key);

/* TEXT as a decimal whole number of at least MIN (digits only, at most
 * nine), or -1: the rule of every number issue.ini holds. */
long issueini_parse_count(const char *text, long min);

/* The range of the [issue] number KEY (year, number, cumulative,
 * first-page, reserve-copies): FALSE for another key.  The one rule of
 * those numbers, for the tree reader too. */
gboolean issueini_count_limits(const char *key, long *min, long *max);

/* The issue's title: "2026年第5期", and "2026年第5期（总第245期）" when
 * CUMULATIVE > 0.  Newly allocated. */
char *issue_title(int year, int number, int cumulative);

#endif
