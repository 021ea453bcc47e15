/* regstore.h — the recipient registry in SQLite: who receives the gazette,
 * with every version of every recipient, so that what was sent for any
 * past issue can be answered. */
#ifndef GONGBAO_REGSTORE_H
#define GONGBAO_REGSTORE_H

#include "officedb.h"
#include "recipients.h"


typedef struct gb_registry gb_registry;

/* The registry gongbao-registry and gongbao-distribute use without --db. */
#define GB_REGISTRY_DEFAULT_PATH GB_OFFICEDB_DEFAULT_PATH

/* Errors of the registry are diagnostics (GB_DIAG_ERROR, diag.h): a missing
 * registry or one of a newer schema is the user's fault (level E, exit 1),
 * SQLite's and the disk's the machine's (level S, exit 2). */

/* The schema (PRAGMA user_version) is the office database's (officedb.h). */
#define GB_REGISTRY_SCHEMA GB_OFFICEDB_SCHEMA

/* Opens the registry at PATH, creating it if CREATE, and migrates its
 * schema to GB_REGISTRY_SCHEMA.  A registry written by a newer program is
 * refused; a missing registry (not CREATE) is an INPUT error. */
gb_registry *gb_registry_open(const char *path, gboolean create, GError **error);
void gb_registry_close(gb_registry *reg);
/* Whether the registry holds nothing (no recipient, no distribution): one
 * that a failed first change made, to be removed again. */
gboolean gb_registry_is_empty(gb_registry *reg);
const char *gb_registry_path(gb_registry *reg);

/* The time of a change as "YYYY-MM-DDTHH:MM:SSZ" (UTC): the clock, or
 * $GONGBAO_NOW (an ISO 8601 time, for tests).  NULL (with ERROR) when
 * $GONGBAO_NOW is not a time. */
char *gb_registry_now(GError **error);
/* Normalises an ISO 8601 time or a date (the end of that day) to the form
 * above; NULL if TEXT is neither. */
char *gb_registry_time(const char *text);

/* Transactions: every change below is made inside one (BEGIN IMMEDIATE, so
 * that two writers never interleave). */
gboolean gb_registry_begin(gb_registry *reg, GError **error);
gboolean gb_registry_commit(gb_registry *reg, GError **error);
void gb_registry_rollback(gb_registry *reg);

/* The current version of recipient ID (retired or not), or NULL. */
gb_recipient *gb_registry_get(gb_registry *reg, const char *id, GError **error);
/* The recipients as they were at time AT (NULL: now), by id; retired ones
 * only with ALL.  NULL on error. */
GPtrArray *gb_registry_list(gb_registry *reg, const char *at, gboolean all, GError **error);
/* Every version of recipient ID (or of all recipients when ID is NULL), in
 * the order they were made. */
GPtrArray *gb_registry_history(gb_registry *reg, const char *id, GError **error);
/* Makes R (checked) the current version of R's id, as of WHEN, by CHANGE
 * ("add", "update", "retire", "import"): the version before, if any, ends
 * at WHEN. */
gboolean gb_registry_put(gb_registry *reg, gb_recipient *r, const char *change,
    const char *when, GError **error);

/* Imports ROWS (checked, from parse_csv): a new id is added, a changed row
 * makes a new version (and brings a retired recipient back), an unchanged
 * one writes nothing; with RETIRE_MISSING, active recipients not in ROWS
 * are retired.  Counts what it did in N[0..3]: added, updated, unchanged,
 * retired.  Call inside a transaction. */
gboolean gb_registry_import(gb_registry *reg, GPtrArray *rows, gboolean retire_missing,
    const char *when, int n[4], GError **error);

/* The distribution recorded for ISSUE ("2026-05"): each recipient as the
 * version that was used, with the copies and edition recorded, ordered by
 * id.  An empty array when nothing is recorded; NULL on error.  Sets *TIME
 * (if not NULL) to the time of the run. */
GPtrArray *gb_registry_distribution(gb_registry *reg, const char *issue, char **time,
    GError **error);
/* Records RECIPIENTS (current versions) as the distribution of ISSUE at
 * WHEN, replacing a record made before.  Call inside a transaction. */
gboolean gb_registry_record_distribution(gb_registry *reg, const char *issue,
    GPtrArray *recipients, const char *when, GError **error);
/* The issues with a recorded distribution, in order. */
GPtrArray *gb_registry_issues(gb_registry *reg, GError **error);

#endif
