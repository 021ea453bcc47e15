/* recipients.h — a recipient of the gazette (SPEC §7): its fields as the
 * CSV and the command line write them, and the checks every field must
 * pass before anything is written.  The CSV is recipcsv.h, the store that
 * keeps every version regstore.h. */
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

#endif
