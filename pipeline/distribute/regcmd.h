/* regcmd.h — gongbao-registry's commands on the recipient registry, for its
 * main (registry.c) to call with the options it parsed. */
#ifndef GONGBAO_REGCMD_H
#define GONGBAO_REGCMD_H

#include "recipients.h"

/* Every option of every command; a command refuses the ones not its own.
 * NULL or FALSE: not given. */
typedef struct {
	char *db;		/* NULL: GB_REGISTRY_DEFAULT_PATH */
	char *field[GB_RF_COUNT];
	char *active;
	gboolean all;
	char *at;
	char *issue;
	char *output;
	gboolean retire_missing;
} gb_registry_options;

/* The command names, NULL-terminated. */
extern const char *const gb_registry_commands[];

/* Runs COMMAND (one of gb_registry_commands) with the ARGC arguments that
 * follow it in ARGV; prints what it did on stdout and every fault on
 * stderr through the diagnostics table.  Returns the exit status. */
int gb_registry_run(const gb_registry_options *opt, const char *command, int argc,
    char **argv);

#endif
