/* recipcsv.h — the registry's CSV form: what gongbao-registry import reads
 * and export writes. */
#ifndef GONGBAO_RECIPCSV_H
#define GONGBAO_RECIPCSV_H

#include "diag.h"
#include "recipients.h"


/* Parses the registry CSV (RFC 4180, UTF-8, an optional BOM, the header
 * line above).  Every record becomes a gb_recipient with its line; faults
 * of the file and of every record's fields go to DIAGS at FILE and the
 * record's line.  Returns the records (free with g_ptr_array_unref), even
 * when there were errors. */
GPtrArray *gb_recipients_parse_csv(const char *text, gsize len, const char *file,
    gb_diags *diags);
/* Appends FIELD to OUT quoted as RFC 4180 needs (only when it must be). */
void gb_csv_append_field(GString *out, const char *field);
/* Appends the header and one line per recipient: what parse_csv reads. */
void gb_recipients_write_csv(GString *out, GPtrArray *recipients);

#endif
