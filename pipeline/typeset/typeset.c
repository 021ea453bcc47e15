/* typeset.c — gongbao-typeset: reads the document tree of an issue and
 * writes its page list, set in a layout (layouts/NAME.ini) with the fonts
 * of fonts/fonts.conf.  Main and options only: the work is in compose.c. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "compose.h"
#include "util.h"

#define PROGRAM "gongbao-typeset"

/* The tree from NAME ("-": standard input); NULL after printing why, with
 * *STATUS set. */
static gb_tree *
read_tree(const char *name, int *status)
{
	gboolean is_stdin = strcmp(name, "-") == 0;
	GError *err = NULL;
	FILE *in = is_stdin ? stdin : gb_fopen_input(name, GB_MAX_LIST_INPUT, &err);
	if (!in) {
		*status = diag_print_error(PROGRAM, err);
		g_error_free(err);
		return NULL;
	}
	gb_tree *tree = tree_read(in, is_stdin ? "<stdin>" : name, &err);
	if (!is_stdin)
		fclose(in);
	if (!tree) {
		*status = diag_print_error(PROGRAM, err);
		g_error_free(err);
	}
	return tree;
}

/* The layout named by --layout (OPTION) or else by the tree; NULL after
 * printing why, with *STATUS set: a bad --layout is a usage error, a bad
 * layout named by the tree an error of the input. */
static gb_layout *
find_layout(const char *option, const gb_tree *tree, int *status)
{
	const char *name = option ? option : tree_gazette(tree, "layout");
	GError *err = NULL;
	gb_layout *layout = layout_find(name ? name : "gazette-a4", &err);
	if (layout)
		return layout;
	*status = diag_print_error(PROGRAM, err);
	if (option)
		*status = diag_print(PROGRAM, 0, DIAG_TYPESET_LAYOUT_OPTION);
	g_error_free(err);
	return NULL;
}

static gb_fonts *
load_fonts(int *status)
{
	char *conf = gb_data_path("fonts/fonts.conf");
	if (!conf) {
		*status = diag_print(PROGRAM, 0, DIAG_TYPESET_NO_FONTS_CONF);
		return NULL;
	}
	GError *err = NULL;
	gb_fonts *fonts = fonts_load(conf, &err);
	g_free(conf);
	if (!fonts) {
		*status = diag_print_error(PROGRAM, err);
		g_error_free(err);
	}
	return fonts;
}

/* Writes PAGES to OUTPUT (NULL: standard output), whole or not at all. */
static int
write_pages(const gb_pages *pages, const char *output)
{
	GError *err = NULL;
	gb_output *out = gb_output_open(output, &err);
	if (!out) {
		int status = diag_print_error(PROGRAM, err);
		g_error_free(err);
		return status;
	}
	if (!pages_write(gb_output_file(out), pages)) {
		gb_output_abort(out);
		return diag_print(output ? output : "-", 0, DIAG_TYPESET_CANNOT_WRITE,
		    g_strerror(errno));
	}
	if (!gb_output_commit(out, &err)) {
		int status = diag_print_error(PROGRAM, err);
		g_error_free(err);
		return status;
	}
	return GB_EXIT_OK;
}

/* Sets the tree NAME in the layout and writes the page list. */
static int
typeset(const char *name, const char *layout_opt, const char *output)
{
	int status = GB_EXIT_OK;
	gb_tree *tree = read_tree(name, &status);
	gb_layout *layout = tree ? find_layout(layout_opt, tree, &status) : NULL;
	gb_fonts *fonts = layout ? load_fonts(&status) : NULL;
	if (fonts) {
		gb_diags *diags = diags_new();
		gb_pages *pages = compose_issue(tree, name, layout, fonts, diags);
		diags_sort(diags);
		diags_print(diags, stderr);
		status = diags_exit_status(diags);
		if (pages)
			status = MAX(status, write_pages(pages, output));
		pages_free(pages);
		diags_free(diags);
	}
	fonts_free(fonts);
	layout_free(layout);
	tree_free(tree);
	return status;
}

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
		G_OPTION_ENTRY_NULL
	};
	gb_set_program_path(argv[0]);
	GOptionContext *oc = g_option_context_new("[TREE|-] — set a document tree into a page list");
	g_option_context_add_main_entries(oc, entries, NULL);
	g_option_context_set_description(oc,
	    "Reads the document tree (gongbao-tree 2) written by gongbao-parse and writes\n"
	    "the page list (gongbao-pages 3) for gongbao-render and gongbao-check.\n"
	    "Exit status: 0 ok, 1 the input has errors, 2 usage or system failure.");
	int status = gb_parse_options(oc, &argc, &argv, PROGRAM);
	if (status >= 0) {
		/* the bad option is said */
	} else if (version) {
		gb_print_version(PROGRAM);
		status = GB_EXIT_OK;
	} else if (argc > 2) {
		status = diag_print(PROGRAM, 0, DIAG_TYPESET_TREES);
	} else {
		status = typeset(argc == 2 ? argv[1] : "-", layout_opt, output);
	}
	g_free(layout_opt);
	g_free(output);
	return status;
}
