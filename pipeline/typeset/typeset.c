/* typeset.c — gongbao-typeset: reads the document tree of an issue and
 * writes its page list, set in a layout (layouts/NAME.ini) with the fonts
 * of fonts/fonts.conf.  Main and options only: the work is in compose.c. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "compose.h"
#include "util.h"

int
main(int argc, char **argv)
{
	char *layout_opt = NULL, *output = NULL;
	gboolean version = FALSE;
	GOptionEntry entries[] = {
		{ "layout", 'l', 0, G_OPTION_ARG_STRING, &layout_opt,
		  "set in layout NAME (layouts/NAME.ini) or the layout file FILE; "
		  "default: the tree's `gazette layout`, else gazette-a4", "NAME|FILE" },
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
		  "write the page list to FILE (default: standard output)", "FILE" },
		{ "version", 0, 0, G_OPTION_ARG_NONE, &version, "print the version and exit", NULL },
		{ NULL }
	};
	gb_set_program_path(argv[0]);
	GOptionContext *oc = g_option_context_new("[TREE|-] — set a document tree into a page list");
	g_option_context_add_main_entries(oc, entries, NULL);
	g_option_context_set_description(oc,
	    "Reads the document tree (gongbao-tree 1) written by gongbao-parse and writes\n"
	    "the page list (gongbao-pages 1) for gongbao-render and gongbao-check.\n"
	    "Exit status: 0 ok, 1 the input has errors, 2 usage or system failure.");
	GError *err = NULL;
	if (!g_option_context_parse(oc, &argc, &argv, &err)) {
		fprintf(stderr, "gongbao-typeset: %s\n", err->message);
		g_error_free(err);
		g_option_context_free(oc);
		return GB_EXIT_SYSTEM;
	}
	g_option_context_free(oc);
	if (version) {
		gb_print_version("gongbao-typeset");
		g_free(layout_opt);
		g_free(output);
		return GB_EXIT_OK;
	}
	if (argc > 2) {
		fprintf(stderr, "gongbao-typeset: one tree at most (see --help)\n");
		g_free(layout_opt);
		g_free(output);
		return GB_EXIT_SYSTEM;
	}
	const char *name = argc == 2 ? argv[1] : "-";
	FILE *in = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
	if (!in) {
		fprintf(stderr, "gongbao-typeset: %s: %s\n", name, g_strerror(errno));
		g_free(layout_opt);
		g_free(output);
		return GB_EXIT_SYSTEM;
	}
	gb_tree *tree = tree_read(in, strcmp(name, "-") == 0 ? "<stdin>" : name, &err);
	if (in != stdin)
		fclose(in);
	if (!tree) {
		fprintf(stderr, "%s\n", err->message);
		g_error_free(err);
		g_free(layout_opt);
		g_free(output);
		return GB_EXIT_INPUT;
	}

	int status = GB_EXIT_OK;
	gb_fonts *fonts = NULL;
	gb_pages *pages = NULL;
	const char *layout_name = layout_opt ? layout_opt : tree_gazette(tree, "layout");
	gb_layout *layout = layout_find(layout_name ? layout_name : "gazette-a4", &err);
	if (!layout) {
		fprintf(stderr, "gongbao-typeset: %s\n", err->message);
		status = layout_opt ? GB_EXIT_SYSTEM : GB_EXIT_INPUT;
		goto out;
	}
	char *conf = gb_data_path("fonts/fonts.conf");
	if (!conf) {
		fprintf(stderr, "gongbao-typeset: fonts/fonts.conf not found\n");
		status = GB_EXIT_SYSTEM;
		goto out;
	}
	fonts = fonts_load(conf, &err);
	g_free(conf);
	if (!fonts) {
		fprintf(stderr, "gongbao-typeset: %s\n", err->message);
		status = GB_EXIT_SYSTEM;
		goto out;
	}
	pages = compose_issue(tree, name, layout, fonts);
	if (!pages) {
		status = GB_EXIT_INPUT;
		goto out;
	}
	gb_output *out = gb_output_open(output, &err);
	if (!out) {
		fprintf(stderr, "gongbao-typeset: %s\n", err->message);
		status = GB_EXIT_SYSTEM;
		goto out;
	}
	if (!pages_write(gb_output_file(out), pages)) {
		fprintf(stderr, "gongbao-typeset: %s: %s\n", output ? output : "-", g_strerror(errno));
		gb_output_abort(out);
		status = GB_EXIT_SYSTEM;
	} else if (!gb_output_commit(out, &err)) {
		fprintf(stderr, "gongbao-typeset: %s\n", err->message);
		status = GB_EXIT_SYSTEM;
	}
out:
	g_clear_error(&err);
	pages_free(pages);
	fonts_free(fonts);
	layout_free(layout);
	tree_free(tree);
	g_free(layout_opt);
	g_free(output);
	return status;
}
