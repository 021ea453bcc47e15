/* recipients.h — the recipient registry (SPEC §7): who receives the gazette,
 * kept in SQLite with every version of every recipient, so that what was
 * sent for any past issue can be answered.  Also the registry's CSV form
 * and the checks every field must pass before anything is written. */
#ifndef GONGBAO_RECIPIENTS_H
#define GONGBAO_RECIPIENTS_H

#include <glib.h>

/* The fields of a recipient, in the column order of the CSV
 * (id,name,category,postal_code,district,address,contact,phone,copies,
 * electronic). */
typedef enum {
	GB_RF_ID, GB_RF_NAME, GB_RF_CATEGORY, GB_RF_POSTAL_CODE, GB_RF_DISTRICT,
	GB_RF_ADDRESS, GB_RF_CONTACT, GB_RF_PHONE, GB_RF_COPIES, GB_RF_ELECTRONIC,
	GB_RF_COUNT
} gb_recipient_field;

/* A recipient (one version of it).  The fields are kept as text, as they
 * are written in the CSV and on the command line; copies and electronic
 * are also given decoded once the recipient has passed the checks. */
typedef struct {
	char *field[GB_RF_COUNT];
	int copies;
	gboolean electronic;
	gboolean active;
	/* a stored version: its number, the change that made it and the time
	 * it was valid from and to (valid_to NULL: the current version) */
	gint64 version;
	char *change;
	char *valid_from;
	char *valid_to;
	int line;		/* the CSV line it came from, 0 if none */
} gb_recipient;

/* The categories, in the order the mailing list groups them. */
extern const char *const gb_recipient_categories[];
/* The index of CATEGORY in gb_recipient_categories, -1 if unknown. */
int gb_recipient_category_rank(const char *category);

/* The CSV column name ("postal_code") and the Chinese label ("邮政编码"). */
const char *gb_recipient_field_name(gb_recipient_field f);
const char *gb_recipient_field_label(gb_recipient_field f);

gb_recipient *gb_recipient_new(void);
gb_recipient *gb_recipient_copy(const gb_recipient *r);
void gb_recipient_free(gb_recipient *r);
/* Sets field F (a copy of VALUE, surrounding white space removed). */
void gb_recipient_set(gb_recipient *r, gb_recipient_field f, const char *value);
/* Whether the fields (not the version data) of A and B are the same. */
gboolean gb_recipient_same(const gb_recipient *a, const gb_recipient *b);

/* Checks every field; appends one message (Chinese, naming the field and
 * what is wrong) per fault to ERRORS (strings the caller frees) and returns
 * FALSE if there was any.  On success sets r->copies and r->electronic. */
gboolean gb_recipient_check(gb_recipient *r, GPtrArray *errors);

/* --- the CSV ------------------------------------------------------------ */

/* Parses the registry CSV (RFC 4180, UTF-8, an optional BOM, the header
 * line above).  Every record becomes a gb_recipient with its line; faults
 * of the file and of every record's fields are appended to ERRORS as
 * "FILE:LINE: error: message".  Returns the records (free with
 * g_ptr_array_unref), even when there were errors. */
GPtrArray *gb_recipients_parse_csv(const char *text, gsize len, const char *file,
    GPtrArray *errors);
/* Appends FIELD to OUT quoted as RFC 4180 needs (only when it must be). */
void gb_csv_append_field(GString *out, const char *field);
/* Appends the header and one line per recipient: what parse_csv reads. */
void gb_recipients_write_csv(GString *out, GPtrArray *recipients);

/* --- the registry ------------------------------------------------------- */

typedef struct gb_registry gb_registry;

/* Errors of the registry: INPUT is the user's fault (exit 1: an unknown id,
 * a missing registry), SYSTEM the machine's (exit 2: SQLite, the disk). */
#define GB_REGISTRY_ERROR gb_registry_error_quark()
GQuark gb_registry_error_quark(void);
enum { GB_REGISTRY_ERROR_INPUT = 1, GB_REGISTRY_ERROR_SYSTEM = 2 };

/* The schema version this program writes (PRAGMA user_version). */
#define GB_REGISTRY_SCHEMA 2

/* Opens the registry at PATH, creating it if CREATE, and migrates its
 * schema to GB_REGISTRY_SCHEMA.  A registry written by a newer program is
 * refused; a missing registry (not CREATE) is an INPUT error. */
gb_registry *gb_registry_open(const char *path, gboolean create, GError **error);
void gb_registry_close(gb_registry *reg);
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
