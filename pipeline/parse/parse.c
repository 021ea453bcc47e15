/* parse.c — gongbao-parse: reads an issue directory, reports what is wrong
 * with it (FILE:LINE: error|warning: message) and, when nothing is an
 * error, writes the document tree.  Options and calls only: see issue.c. */
#include "diag.h"
#include "fix.h"
#include "issue.h"
#include "officedb.h"
#include "tree.h"
#include "util.h"

#include <stdlib.h>

/* Writes TREE to OUTPUT (NULL: standard output) whole or not at all;
 * returns the exit status. */
static int
write_tree(const gb_tree *tree, const char *output)
{
	GError *err = NULL;
	gb_output *out = gb_output_open(output, &err);
	if (out && !tree_write(gb_output_file(out), tree)) {
		gb_output_abort(out);
		return diag_print(output ? output : "-", 0, DIAG_SYS_WRITE_TREE);
	}
	if (out && gb_output_commit(out, &err))
		return GB_EXIT_OK;
	int status = diag_print_error("gongbao-parse", err);
	g_error_free(err);
	return status;
}

/* Warnings printed of each kind before the rest is summed up. */
#define FIRST_WARNINGS 5

/* The line that sums up the REST warnings of kind ID after the FIRST. */
static char *
sum_up(gb_diag_id id, guint first, guint rest, gpointer data)
{
	(void)data;
	gboolean fixable = id == DIAG_HALFWIDTH_PUNCT || id == DIAG_SPACE_BETWEEN_CJK
	    || id == DIAG_SPACE_BY_PUNCT;
	char *advice = fixable ? diag_text(DIAG_ADVICE_FIX) : diag_text(DIAG_ADVICE_CHECK);
	char *msg = diag_text(DIAG_WARNINGS_SUMMED, first, rest, diag_name(id), first + rest,
	    advice);
	char *line = diag_format_line("gongbao-parse", 0, GB_LEVEL_WARNING, msg);
	g_free(advice);
	g_free(msg);
	return line;
}

/* Parses the issue in DIR and, when nothing is an error, writes its tree;
 * returns the exit status.  The warnings of a kind are summed up after the
 * first few unless ALL. */
static int
parse_issue(const char *dir, const gb_issue_options *opts, const char *output, gboolean all)
{
	gb_diags *diags = diags_new();
	gb_tree *tree = issue_parse(dir, opts, diags);
	if (all)
		diags_print(diags, stderr);
	else
		diags_print_summed(diags, stderr, FIRST_WARNINGS, sum_up, NULL);
	int status = diags_exit_status(diags);
	if (tree && status == GB_EXIT_OK)
		status = write_tree(tree, output);
	tree_free(tree);
	diags_free(diags);
	return status;
}

int
main(int argc, char **argv)
{
	char *output = NULL, *words = NULL, *holidays = NULL, *db = NULL;
	gboolean version = FALSE, all = FALSE, fix = FALSE;
	char **args = NULL;
	GOptionEntry entries[] = {
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
		  "Write the document tree to FILE (default: standard output)", "FILE" },
		{ "words", 'w', 0, G_OPTION_ARG_FILENAME, &words,
		  "The wrong-and-sensitive word list (default: ISSUE_DIR/../words.txt if it exists)",
		  "FILE" },
		{ "holidays", 0, 0, G_OPTION_ARG_FILENAME, &holidays,
		  "The holiday arrangement of each year, for working days (default:\n"
		  "                        ISSUE_DIR/../holidays.txt if it exists; else Monday to Friday)",
		  "FILE" },
		{ "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
		  "The office database, whose archive resolves a 解读 or 勘误 of an earlier\n"
		  "                        issue (default: $GONGBAO_DB, else " GB_OFFICEDB_DEFAULT_PATH ";\n"
		  "                        a missing one: nothing published yet)", "FILE" },
		{ "all-warnings", 0, 0, G_OPTION_ARG_NONE, &all,
		  "Print every warning (default: the first few of each kind, then their count)",
		  NULL },
		{ "fix", 0, 0, G_OPTION_ARG_NONE, &fix,
		  "Correct ISSUE_DIR's documents in place where it cannot change meaning\n"
		  "                        (half-width punctuation in Chinese, spaces between Chinese\n"
		  "                        characters, invisible characters); print every change", NULL },
		{ "version", 'V', 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
		{ G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};

	gb_set_program_path(argv[0]);
	GOptionContext *ctx = g_option_context_new("ISSUE_DIR");
	g_option_context_set_summary(ctx,
	    "Reads a gazette issue (ISSUE_DIR/issue.ini and ISSUE_DIR/docs/*.md), checks it\n"
	    "and writes its document tree (pipeline/FORMATS.md).");
	g_option_context_set_description(ctx,
	    "Diagnostics go to standard error as FILE:LINE: error|warning: message.\n"
	    "On an error no tree is written.\n"
	    "Exit status: 0 tree written (possibly with warnings), 1 the issue has errors,\n"
	    "2 usage or system failure (no such issue directory, cannot write the output).");
	g_option_context_add_main_entries(ctx, entries, NULL);
	int status = gb_parse_options(ctx, &argc, &argv, "gongbao-parse");
	if (status >= 0) {
		/* the bad option is said */
	} else if (version) {
		gb_print_version("gongbao-parse");
		status = GB_EXIT_OK;
	} else if (!args || !args[0] || args[1]) {
		status = diag_print("gongbao-parse", 0, DIAG_SYS_ONE_ISSUE_DIR);
	} else if (fix) {
		gb_diags *diags = diags_new();
		status = fix_issue(args[0], stdout, diags);
		diags_print(diags, stderr);
		diags_free(diags);
	} else {
		const char *env_db = g_getenv("GONGBAO_DB");
		gb_issue_options opts = { .words = words, .holidays = holidays,
			.db = db ? db : env_db && *env_db ? env_db : GB_OFFICEDB_DEFAULT_PATH };
		status = parse_issue(args[0], &opts, output, all);
	}

	g_free(output);
	g_free(words);
	g_free(holidays);
	g_free(db);
	g_strfreev(args);
	return status;
}
