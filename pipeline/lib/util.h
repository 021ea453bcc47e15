/* util.h — what every stage shares and nothing else owns: finding the
 * layouts and fonts, writing an output file atomically, the escaping of
 * fields in the line-oriented formats, and the --version text. */
#ifndef GONGBAO_UTIL_H
#define GONGBAO_UTIL_H

#include <glib.h>
#include <stdio.h>

#ifndef GONGBAO_VERSION
#define GONGBAO_VERSION "0.0.0"
#endif

/* Exit statuses, SPEC §2. */
enum { GB_EXIT_OK = 0, GB_EXIT_INPUT = 1, GB_EXIT_SYSTEM = 2 };

/* Prints "PROGRAM VERSION" and the licence line to stdout. */
void gb_print_version(const char *program);
/* Parses the options of PROGRAM from ARGC/ARGV with CTX (then freed).  A
 * bad option is the one usage diagnostic, printed; returns its exit status
 * (2), or -1 when the options are read. */
int gb_parse_options(GOptionContext *ctx, int *argc, char ***argv, const char *program);

/* Remembers argv[0] so that data files can be found beside the program,
 * and sets the locale from the environment; where that leaves a plain ASCII
 * character set (no locale, as under `env -i`), the characters are taken as
 * UTF-8 (C.UTF-8), so that --help and messages keep their Chinese instead
 * of GLib's "?" for each character. */
void gb_set_program_path(const char *argv0);

/* The path of a data file ("layouts/gbt9704.ini", "fonts/fonts.conf"),
 * looked for in $GONGBAO_DATA, beside the program in the checkout (bin/..,
 * build/san/bin/../../..), and under PREFIX/share/gongbao.  Returns a newly
 * allocated path, or NULL when none exists. */
char *gb_data_path(const char *relative);

/* An output file written to a temporary name in the same directory and
 * renamed into place by gb_output_commit; gb_output_abort (or a SIGINT,
 * SIGTERM or SIGHUP) removes the temporary file.  The signal handler, set
 * on first use, calls the handler the program had before it.  A NULL or "-" path
 * means standard output.  Errors are diagnostics (GB_DIAG_ERROR, diag.h). */
typedef struct gb_output gb_output;
gb_output *gb_output_open(const char *path, GError **error);
FILE *gb_output_file(gb_output *out);
gboolean gb_output_commit(gb_output *out, GError **error);
void gb_output_abort(gb_output *out);
/* The temporary's name (NULL for standard output or a device). */
const char *gb_output_temp_path(const gb_output *out);
/* A scratch file, named as an output's temporary beside BESIDE (NULL, "-"
 * or a device: in the temporary directory), for what a program writes and
 * reads back before its outputs rather than holding it in memory; never
 * committed: gb_output_abort (or a signal) removes it. */
gb_output *gb_scratch_open(const char *beside, GError **error);

/* Signals (SIGINT, SIGTERM, SIGHUP), handled here for every program: by
 * default one removes the pending temporary outputs and ends the program
 * as it would have.  After gb_signals_defer() it is only recorded:
 * gb_signal_pending() returns it (0: none) for the program to stop where it
 * can stop cleanly, and gb_signal_reraise() then ends the program as the
 * signal would have (it returns when there was none).  Between
 * gb_signals_hold() and gb_signals_release() a signal waits. */
void gb_signals_defer(void);
int gb_signal_pending(void);
void gb_signal_reraise(void);
void gb_signals_hold(void);
void gb_signals_release(void);

/* A test hook: when the environment variable GONGBAO_FAULT is POINT (e.g.
 * GONGBAO_FAULT=distribute-after-labels) the program raises SIGTERM on
 * itself here, or SIGKILL when it is POINT:KILL, so that a test interrupts
 * a run at a known point every time instead of by timing.  The points are
 * named where they are called (gongbao-distribute: distribute-after-
 * print-order, -after-labels, -after-deposit, -after-record, -after-commit,
 * -after-install).  Nothing sets it but the tests. */
void gb_fault_point(const char *point);

/* Writes the whole of DATA to PATH atomically (temp file + rename). */
gboolean gb_write_file_atomic(const char *path, const void *data, gsize len, GError **error);

/* Field escaping of the document tree and the page list: a backslash, a
 * tab and a newline are written \\ \t \n. */
void gb_append_escaped(GString *s, const char *text);
/* Splits LINE (modified in place) at tabs into at most MAX fields and
 * unescapes each; returns the number of fields. */
int gb_split_fields(char *line, char **fields, int max);
/* TEXT as a decimal integer in MIN..MAX (digits only, an optional sign; no
 * spaces, no overflow): FALSE when it is not one.  The one number reader:
 * no atoi anywhere. */
gboolean gb_parse_int(const char *text, gint64 min, gint64 max, gint64 *out);

/* --- inputs ----------------------------------------------------------
 * Every file a program reads is opened here: it must be a regular file
 * (a directory, a FIFO, a device or a socket is refused before anything is
 * read, so a FIFO never blocks: it is opened O_NONBLOCK and looked at with
 * fstat), and it is read only up to the limit of its kind, with a message
 * beyond it.  The limits, in bytes (pipeline/FORMATS.md, "Limits"): */
#define GB_MAX_TEXT_INPUT  (16 * 1024 * 1024)	/* a document, issue.ini, a layout, a CSV, words.txt */
#define GB_MAX_LIST_INPUT  (1024 * 1024 * 1024)	/* the document tree, the page list */
#define GB_MAX_PDF_INPUT   (1024 * 1024 * 1024)	/* an edition, a signed copy */
#define GB_MAX_FONT_INPUT  (256 * 1024 * 1024)	/* a font file (.ttc, .otf, .ttf) */

/* Opens PATH for reading when it is a regular file of at most MAX bytes:
 * returns a file descriptor (close-on-exec, blocking) and its size in
 * SIZE (may be NULL), or -1 with ERROR set: DIAG_UTIL_OPEN_FAILED (system,
 * exit 2), DIAG_UTIL_NOT_REGULAR or DIAG_UTIL_TOO_LARGE (the input is
 * refused, exit 1), each naming PATH. */
int gb_open_input(const char *path, gint64 max, gint64 *size, GError **error);
/* Only checks that PATH is such a file, for a library that opens it by
 * name itself (fontconfig, FreeType): checked just before, so a FIFO put
 * there is refused, not waited on. */
gboolean gb_check_input(const char *path, gint64 max, GError **error);
/* The same as a stdio stream; the reader reads its lines. */
FILE *gb_fopen_input(const char *path, gint64 max, GError **error);
/* The whole of PATH, at most MAX bytes, NUL-terminated after LEN bytes
 * (LEN may be NULL); the replacement of g_file_get_contents for inputs. */
gboolean gb_read_input(const char *path, gint64 max, char **text, gsize *len, GError **error);
/* The 1-based line of TEXT (LEN bytes) that holds its first NUL byte, 0
 * when it has none: text inputs refuse NUL bytes, naming the line. */
int gb_nul_line(const char *text, gsize len);

/* Reads one line (without its newline) into BUF; FALSE at end of file. */
gboolean gb_read_line(FILE *f, GString *buf);

#endif
