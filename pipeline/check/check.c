/* check.c — gongbao-check: proves the print and web PDFs of an issue against
 * its page list (SPEC §6) and writes the report an editor reads before the
 * issue goes out.  Options and calls only: the checks are in verify.c and
 * the group files beside it, the report in verifyreport.c. */
#include "diag.h"
#include "pages.h"
#include "util.h"
#include "verify.h"


#define PROGRAM "gongbao-check"

/* Checks the issue of PATHS (page list, print, web) and writes its report:
 * the exit status.  What stops the check is recorded in DIAGS, but for a
 * page list that does not read, whose diagnostic pages_load makes whole. */
static int
check_and_report(char **paths, gboolean json, gboolean unsigned_ok, const char *output,
    const char *json_output, gb_diags *diags)
{
	if (!gb_check_inputs(paths[0], paths[1], paths[2], diags))
		return diags_exit_status(diags);
	GError *err = NULL;
	gb_pages *pages = pages_load(paths[0], &err);
	if (!pages) {
		/* the page list's own diagnostic, FILE:LINE: error: …, made whole */
		GError *d = pages_error_to_diag(err);
		int status = diag_print_error("gongbao-check", d);
		g_error_free(d);
		g_clear_error(&err);
		return status;
	}
	gb_check_report *report = gb_check_issue(pages, paths[0], paths[1], paths[2],
	    unsigned_ok);
	pages_free(pages);
	GString *text = g_string_new(NULL);
	if (json)
		gb_check_report_json(text, report);
	else
		gb_check_report_text(text, report);
	int status = gb_check_report_passed(report) ? GB_EXIT_OK : GB_EXIT_INPUT;
	if (json_output) {
		/* the same report for machines (the archive's publish), from this run */
		GString *j = g_string_new(NULL);
		gb_check_report_json(j, report);
		if (!gb_write_file_atomic(json_output, j->str, j->len, &err)) {
			diag_emit(diags, PROGRAM, 0, DIAG_CHECK_WRITE, err->message);
			g_clear_error(&err);
			status = diags_exit_status(diags);
		}
		g_string_free(j, TRUE);
	}
	gb_check_report_free(report);
	if (!gb_write_file_atomic(output, text->str, text->len, &err)) {
		diag_emit(diags, PROGRAM, 0, DIAG_CHECK_WRITE, err->message);
		g_clear_error(&err);
		status = diags_exit_status(diags);
	}
	g_string_free(text, TRUE);
	return status;
}

int
main(int argc, char **argv)
{
	gboolean json = FALSE, version = FALSE, unsigned_ok = FALSE;
	char *output = NULL, *json_output = NULL;
	GOptionEntry entries[] = {
		{ "json", 0, 0, G_OPTION_ARG_NONE, &json, "write the report as JSON", NULL },
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
		  "write the report to FILE (default: standard output)", "FILE" },
		{ "unsigned", 0, 0, G_OPTION_ARG_NONE, &unsigned_ok,
		  "the web edition was rendered with --unsigned: report it unsigned instead of failing",
		  NULL },
		{ "json-output", 0, 0, G_OPTION_ARG_FILENAME, &json_output,
		  "also write the report as JSON to FILE, from the same run", "FILE" },
		{ "version", 0, 0, G_OPTION_ARG_NONE, &version, "print the version and exit", NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};

	gb_set_program_path(argv[0]);
	GOptionContext *ctx = g_option_context_new("ISSUE.pages PRINT.pdf WEB.pdf");
	g_option_context_set_summary(ctx,
	    "Checks the print and web editions of an issue against its page list:\n"
	    "page counts, the text of every page, fonts, page boxes, 目录 folios,\n"
	    "links, bookmarks, page labels, metadata, the PDF/A and PDF/X markers and\n"
	    "the web edition's signature (GONGBAO_TRUST_DIR: a directory of trusted\n"
	    "certificates the signer's chain must reach).\n"
	    "Writes a report (text, or JSON with --json) that also lists the parse\n"
	    "warnings.  Exit status: 0 all checks pass, 1 a check fails, 2 usage or\n"
	    "system failure.");
	g_option_context_add_main_entries(ctx, entries, NULL);
	int status = gb_parse_options(ctx, &argc, &argv, PROGRAM);
	if (status >= 0) {
		g_free(output);
		g_free(json_output);
		return status;
	}
	gb_diags *diags = diags_new();
	status = GB_EXIT_OK;
	if (version) {
		gb_print_version(PROGRAM);
	} else if (argc != 4) {
		diag_emit(diags, PROGRAM, 0, DIAG_CHECK_ARGUMENTS);
		status = diags_exit_status(diags);
	} else {
		status = check_and_report(argv + 1, json, unsigned_ok, output, json_output, diags);
	}
	diags_print(diags, stderr);
	diags_free(diags);
	g_free(output);
	g_free(json_output);
	return status;
}
