/* diag.h — every diagnostic a stage can print, in one table (mandoc's
 * mandoc_msg.c): an id, its severity, and the message an editor reads.
 * Diagnostics are collected, printed sorted by file and line as
 * `FILE:LINE: error|warning: message`, and the exit status follows the
 * worst one. */
#ifndef GONGBAO_DIAG_H
#define GONGBAO_DIAG_H

#include <glib.h>
#include <stdio.h>

/* Severities, mildest first; the exit status follows the worst. */
typedef enum gb_level {
	GB_LEVEL_OK = 0,
	GB_LEVEL_WARNING,	/* built; shown in the check report */
	GB_LEVEL_ERROR,		/* the input is refused: exit 1 */
	GB_LEVEL_SYSTEM		/* usage or system failure: exit 2 */
} gb_level;

/* The one table is made of a block per stage, each in its own folder:
 * pipeline/STAGE/diag-STAGE.def, one DIAG(ID, name, level, format) a
 * message.  A stage adds its messages to its block.  The same blocks give
 * the ids here, the table in diag.c and, made by the Makefile,
 * build/gen/diag-formats.h with DIAG_ID_FMT, the format of each, so that
 * diag_emit() and diag_text() check every call's arguments against it. */
#define DIAG(id, name, level, format) DIAG_##id,
typedef enum gb_diag_id {
#include "diag-lib.def"
#include "diag-parse.def"
#include "diag-typeset.def"
#include "diag-render.def"
#include "diag-check.def"
#include "diag-distribute.def"
#include "diag-archive.def"
	DIAG__COUNT
} gb_diag_id;
#undef DIAG

#include "diag-formats.h"

/* The table entry of ID: its severity and printf format. */
gb_level diag_level(gb_diag_id id);
const char *diag_format(gb_diag_id id);
/* The short name of ID ("halfwidth-punct"), for tests and --json. */
const char *diag_name(gb_diag_id id);

/* Where in a block of text a diagnostic stands, for the proof (SPEC §5):
 * the block is the tree record of the document whose LINE is LINE (PART the
 * cell's index in a table row, 0 for any other block); START and LENGTH
 * count Unicode characters of the block's text as the tree carries it
 * (inline Markdown flattened).  LINE 0: the diagnostic has no place in a
 * block of text (a front-matter key, a late 解读). */
typedef struct gb_anchor {
	int line;
	int part;
	int start;
	int length;
} gb_anchor;

/* One emitted diagnostic. */
typedef struct gb_diag {
	char *file;
	int line;
	int column;		/* 1-based character column in the source line; 0 none */
	gb_diag_id id;
	gb_level level;
	char *message;
	gb_anchor anchor;	/* anchor.line 0: none */
	guint seq;		/* emission order, to keep the sort stable */
} gb_diag;

/* The diagnostics of one run. */
typedef struct gb_diags {
	GPtrArray *list;	/* gb_diag* */
	gb_level worst;
	guint counts[GB_LEVEL_SYSTEM + 1];
} gb_diags;

gb_diags *diags_new(void);
void diags_free(gb_diags *diags);

/* Records diagnostic ID (a DIAG_ name) at FILE:LINE, its message formatted
 * from the table's format with the arguments that follow; the compiler
 * checks them against the format. */
#define diag_emit(diags, file, line, ID, ...) \
	diag_emit_((diags), (file), (line), ID, ID##_FMT, ##__VA_ARGS__)
/* The same, with the source column (0: none) and the place in a block of
 * text (NULL: none) that the proof marks. */
#define diag_emit_at(diags, file, line, column, anchor, ID, ...) \
	diag_emit_at_((diags), (file), (line), (column), (anchor), ID, ID##_FMT, \
	    ##__VA_ARGS__)
/* The message of diagnostic ID (a DIAG_ name) formatted from the arguments
 * that follow, to be freed. */
#define diag_text(ID, ...) diag_text_(ID, ID##_FMT, ##__VA_ARGS__)

/* What the macros call: FORMAT is always the table's format of ID. */
void diag_emit_(gb_diags *diags, const char *file, int line, gb_diag_id id,
    const char *format, ...) G_GNUC_PRINTF(5, 6);
void diag_emit_at_(gb_diags *diags, const char *file, int line, int column,
    const gb_anchor *anchor, gb_diag_id id, const char *format, ...) G_GNUC_PRINTF(7, 8);
char *diag_text_(gb_diag_id id, const char *format, ...) G_GNUC_PRINTF(2, 3);

/* For a failure that ends the run at once, where nothing is collected.
 * diag_print() prints diagnostic ID (a DIAG_ name) now on stderr as
 * `FILE:LINE: error|warning: message` and returns the exit status of its
 * level.  diag_set_error() puts the same line into ERROR (domain
 * GB_DIAG_ERROR, code ID) for a module to hand to its main, which prints it
 * with diag_print_error() and exits with the status that returns. */
#define diag_print(file, line, ID, ...) \
	diag_print_((file), (line), ID, ID##_FMT, ##__VA_ARGS__)
#define diag_set_error(error, file, line, ID, ...) \
	diag_set_error_((error), (file), (line), ID, ID##_FMT, ##__VA_ARGS__)
#define GB_DIAG_ERROR (gb_diag_error_quark())
GQuark gb_diag_error_quark(void);
int diag_print_(const char *file, int line, gb_diag_id id, const char *format, ...)
    G_GNUC_PRINTF(4, 5);
void diag_set_error_(GError **error, const char *file, int line, gb_diag_id id,
    const char *format, ...) G_GNUC_PRINTF(5, 6);
/* Prints ERROR on stderr (a GB_DIAG_ERROR as it is, any other prefixed with
 * PROGRAM) and returns the exit status: its level's, 2 for other domains. */
int diag_print_error(const char *program, const GError *error);

/* The one form of a diagnostic line, to be freed: `FILE:LINE: level: MESSAGE`,
 * or `FILE: level: MESSAGE` where there is no line (LINE 0), as GNU tools do. */
char *diag_format_line(const char *file, int line, gb_level level, const char *message);
/* The same with a column: `FILE:LINE:COLUMN: level: MESSAGE` (COLUMN 0: none). */
char *diag_format_line_col(const char *file, int line, int column, gb_level level,
    const char *message);

/* Records ERROR, a diagnostic made by diag_set_error() for FILE:LINE, in
 * DIAGS as if it had been emitted there (its id, level and message); an
 * error of another domain is recorded as DIAG_UTIL_READ_FAILED. */
void diags_add_error(gb_diags *diags, const char *file, int line, const GError *error);
/* The message of ERROR (made by diag_set_error for FILE without a line)
 * without its `FILE: level: `, to be freed: for a message that quotes it. */
char *diag_error_text(const GError *error, const char *file);

/* Sorts by file, then line, then emission order. */
void diags_sort(gb_diags *diags);
/* Prints every diagnostic as `FILE:LINE: error|warning: message`. */
void diags_print(gb_diags *diags, FILE *out);
/* The same, but of each warning kind only the first FIRST in order; after
 * them, for each kind with more, the line SUMMARY(ID, FIRST, REST, DATA)
 * returns (a diagnostic line, to be freed; NULL: none). */
typedef char *(*gb_diag_summary)(gb_diag_id id, guint first, guint rest, gpointer data);
void diags_print_summed(gb_diags *diags, FILE *out, guint first, gb_diag_summary summary,
    gpointer data);
/* "error" or "warning". */
const char *diag_level_name(gb_level level);
/* 0, 1 or 2 from the worst level recorded. */
int diags_exit_status(const gb_diags *diags);

#endif
