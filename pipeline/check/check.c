/* check.c — gongbao-check: proves the print and web PDFs of an issue against
 * its page list (SPEC §6) and writes the report an editor reads before the
 * issue goes out.  Only main and its options; the checks are in verify.c. */
#include "util.h"
#include "verify.h"

#include <locale.h>

int
main(int argc, char **argv)
{
	gboolean json = FALSE, version = FALSE;
	char *output = NULL;
	GOptionEntry entries[] = {
		{ "json", 0, 0, G_OPTION_ARG_NONE, &json, "write the report as JSON", NULL },
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
		  "write the report to FILE (default: standard output)", "FILE" },
		{ "version", 0, 0, G_OPTION_ARG_NONE, &version, "print the version and exit", NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};

	setlocale(LC_ALL, "");
	gb_set_program_path(argv[0]);
	GOptionContext *ctx = g_option_context_new("ISSUE.pages PRINT.pdf WEB.pdf");
	g_option_context_set_summary(ctx,
	    "Checks the print and web editions of an issue against its page list:\n"
	    "page counts, the text of every page, fonts, page boxes, 目录 folios,\n"
	    "links, bookmarks, page labels, metadata and the PDF/A and PDF/X markers.\n"
	    "Writes a report (text, or JSON with --json) that also lists the parse\n"
	    "warnings.  Exit status: 0 all checks pass, 1 a check fails, 2 usage or\n"
	    "system failure.");
	g_option_context_add_main_entries(ctx, entries, NULL);
	GError *err = NULL;
	if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
		fprintf(stderr, "gongbao-check: error: %s\n", err->message);
		g_clear_error(&err);
		g_option_context_free(ctx);
		g_free(output);
		return GB_EXIT_SYSTEM;
	}
	g_option_context_free(ctx);
	if (version) {
		gb_print_version("gongbao-check");
		g_free(output);
		return GB_EXIT_OK;
	}
	if (argc != 4) {
		fprintf(stderr, "gongbao-check: error: need ISSUE.pages PRINT.pdf WEB.pdf "
		    "(see gongbao-check --help)\n");
		g_free(output);
		return GB_EXIT_SYSTEM;
	}

	gb_check_report *report = gb_check_issue(argv[1], argv[2], argv[3], &err);
	if (!report) {
		int status = err->code == GB_CHECK_ERROR_INPUT ? GB_EXIT_INPUT : GB_EXIT_SYSTEM;
		fprintf(stderr, "%s\n", err->message);
		g_clear_error(&err);
		g_free(output);
		return status;
	}

	GString *text = g_string_new(NULL);
	if (json)
		gb_check_report_json(text, report);
	else
		gb_check_report_text(text, report);
	int status = gb_check_report_passed(report) ? GB_EXIT_OK : GB_EXIT_INPUT;
	gb_check_report_free(report);

	gb_output *out = gb_output_open(output, &err);
	if (out && fwrite(text->str, 1, text->len, gb_output_file(out)) == text->len
	    && gb_output_commit(out, &err)) {
		out = NULL;
	} else {
		if (out)
			gb_output_abort(out);
		fprintf(stderr, "gongbao-check: error: %s\n", err ? err->message : "cannot write the report");
		g_clear_error(&err);
		status = GB_EXIT_SYSTEM;
	}
	g_string_free(text, TRUE);
	g_free(output);
	return status;
}
