/* archive.h — gongbao-archive's commands on the office's archive of
 * published issues (SPEC §9), for its main (archive.c) to call with the
 * options it parsed.  The tables are lib/officedb.c's (schema 3). */
#ifndef GONGBAO_ARCHIVE_H
#define GONGBAO_ARCHIVE_H

#include <glib.h>

/* Every option of every command; a command refuses the ones not its own
 * (archive_refuse_options).  NULL, 0 or FALSE: not given. */
typedef struct {
	char *db;		/* NULL: GB_OFFICEDB_DEFAULT_PATH */
	gboolean json;		/* records as JSON (publish, search, show, list) */
	int year;		/* list, index, volume */
	char *date;		/* validity: when the change takes effect */
	char *by;		/* validity: the document (identifier) or words that made it */
	char *output;		/* index, volume: -o FILE */
} gb_archive_options;

/* The database the options name. */
const char *archive_db_path(const gb_archive_options *opt);

/* A command: runs with the ARGC arguments that follow its name in ARGV,
 * prints what it did on stdout and every fault on stderr through the
 * diagnostics table; returns the exit status (0, 1 bad input, 2 usage or
 * system). */
typedef int (*gb_archive_command_fn)(const gb_archive_options *opt, int argc, char **argv);

typedef struct {
	const char *name;
	gb_archive_command_fn run;
	/* the options it takes, as a string of their long names separated by
	 * spaces ("json year"); any other option given is refused */
	const char *options;
	int min_args, max_args;
} gb_archive_command;

/* The commands (each its module: publish.c, search.c, show.c, list.c,
 * validity.c). */
int archive_publish(const gb_archive_options *opt, int argc, char **argv);
int archive_search(const gb_archive_options *opt, int argc, char **argv);
int archive_show(const gb_archive_options *opt, int argc, char **argv);
int archive_list(const gb_archive_options *opt, int argc, char **argv);
int archive_validity(const gb_archive_options *opt, int argc, char **argv);
/* index.c, volume.c: the annual index and the bound volume */
int archive_index(const gb_archive_options *opt, int argc, char **argv);
int archive_volume(const gb_archive_options *opt, int argc, char **argv);

/* The commands, ended by a NULL name (archive.c). */
extern const gb_archive_command gb_archive_commands[];

#endif
