/* render.c — gongbao-render: paints a page list into the print or the web
 * edition (paint.c with cairo, finished by pdfpost.c with libqpdf) and
 * writes the PDF atomically: a failed run leaves no file. */
#include "diag.h"
#include "docfiles.h"
#include "pages.h"
#include "paint.h"
#include "image.h"
#include "pdfpost.h"
#include "printed.h"
#include "signkey.h"
#include "structure.h"
#include "util.h"

#include <string.h>

/* What pdfpost needs of the list (sizes, meta): the pages themselves are
 * freed once painted, so that qpdf has the memory of a large issue. */
static gb_pages *
header_of(const gb_pages *p)
{
	gb_pages *h = pages_new(p->layout, p->trim_width, p->trim_height, p->bleed);
	for (guint i = 0; i < p->meta->len; i++) {
		const gb_page_meta *m = &g_array_index(p->meta, gb_page_meta, i);
		pages_set_meta(h, m->key, m->value);
	}
	return h;
}

/* Prints ERR (of the table) and returns the exit status of its level. */
static int
print_error(const GError *err)
{
	if (err->domain != GB_PAGES_ERROR)
		return diag_print_error("gongbao-render", err);
	GError *d = pages_error_to_diag(err);
	int status = diag_print_error("gongbao-render", d);
	g_error_free(d);
	return status;
}

/* The key the web edition of PAGES (read from NAME) is signed with, the
 * one the list's meta signing-key names, opened for the DATE; NULL
 * with ERR set when there is none or it cannot be used.  UNSIGNED: none
 * is asked for (NULL, no error). */
static gb_signkey *
signer_of(const gb_pages *pages, const char *name, const gb_pdf_date *date, gboolean unsigned_,
    GError **err)
{
	const char *path = pages_meta(pages, "signing-key");
	if (unsigned_)
		return NULL;
	if (!path || !*path) {
		diag_set_error(err, name, 0, DIAG_RENDER_NO_KEY);
		return NULL;
	}
	/* its error names the key file or the passphrase file */
	return signkey_load(path, date->seconds, err);
}

/* Reports ERR, of the output PATH or of the table, and returns the exit
 * status. */
static int
report(GError *err, const char *name, const char *path)
{
	if (!err)
		return diag_print(name, 0, DIAG_RENDER_FAILED);
	if (err->domain != GB_DIAG_ERROR)	/* gb_output_open's */
		return diag_print(path, 0, DIAG_RENDER_OUTPUT, err->message);
	return print_error(err);
}

/* Paints the edition of PAGES (read from NAME, freed here) and finishes it
 * into OUTPUT: the file appears only when the whole PDF is made.  The
 * print edition is made of the web edition's painting (printed.h): one
 * painting, so that both show the same glyphs at the same places; with
 * PRINT_OUTPUT the web edition's run writes it there too, from its own
 * painting (neither file unless both are made).  DOCS (the web edition
 * only): the directory of one PDF per document, of the same painting too
 * (docfiles.h), made whole before any file is put in place.  PROOF: the web edition with the
 * marks of the warnings (proofmarks.h), its title saying it is a proof.
 * The web edition is signed unless UNSIGNED_; the print edition and the
 * proof never are. */
static int
render(gb_pages *pages, const char *name, gb_edition edition, gboolean proof,
    gboolean unsigned_, const char *output, const char *print_output, const char *docs)
{
	gb_docfiles *files = NULL;
	GError *err = NULL;
	gb_pdf_date date;
	gb_painted painted = { .beside = output }, *drawn = &painted;
	gb_output *o = NULL, *po = NULL;
	gb_signkey *signer = NULL;
	gboolean web = edition == GB_EDITION_WEB;
	gboolean sign = web && !proof;
	gb_pages *header = header_of(pages);
	GPtrArray *alts = image_alts(pages);
	gb_structure *tree = web ? structure_plan(pages) : NULL;
	gb_proofmarks *marks = proof ? proofmarks_collect(pages) : NULL;
	gb_print_plan *plan = !web || print_output ? printed_plan(pages) : NULL;
	if (proof) {
		const char *title = pages_meta(header, "title");
		char *t = g_strdup_printf("校样（不得发布）%s%s", title ? "：" : "", title ? title : "");
		pages_set_meta(header, "title", t);
		g_free(t);
	}
	const char *failed_path = output;
	gboolean ok = pdfpost_date(pages, name, &date, &err)
	    && (!sign || (signer = signer_of(pages, name, &date, unsigned_, &err)) || !err)
	    && (!docs || (files = docfiles_plan(pages, name, &err)))
	    && (painted.bytes = paint_pdf(pages, name, date.xmp, &err))
	    && (pages_free(pages), pages = NULL, TRUE)
	    && (o = gb_output_open(output, &err))
	    && (web ? pdfpost_finish(drawn, header, alts, tree, name, edition, &date, marks,
		signer, gb_output_file(o), &err)
		: pdfpost_finish_print(drawn, header, plan, name, &date, gb_output_file(o), &err));
	if (ok && print_output) {
		failed_path = print_output;
		ok = (po = gb_output_open(print_output, &err))
		    && pdfpost_finish_print(drawn, header, plan, name, &date, gb_output_file(po),
		    &err);
	}
	if (ok && files) {
		failed_path = docs;
		ok = docfiles_write(files, drawn, docs, &date, signer, &err);
	}
	int status = GB_EXIT_OK;
	if (ok) {
		/* a commit frees its output, done or not */
		failed_path = output;
		gboolean done = gb_output_commit(o, &err);
		o = NULL;
		if (done && po) {
			failed_path = print_output;
			done = gb_output_commit(po, &err);
			po = NULL;
		}
		if (!done)
			status = diag_print(failed_path, 0, DIAG_RENDER_OUTPUT, err->message);
		else if (files && !docfiles_commit(files, &err))
			status = print_error(err);
	} else {
		status = report(err, name, failed_path);
	}
	gb_output_abort(o);
	gb_output_abort(po);
	g_clear_error(&err);
	if (painted.bytes)
		g_bytes_unref(painted.bytes);
	pages_free(pages);
	pages_free(header);
	g_ptr_array_unref(alts);
	structure_free(tree);
	proofmarks_free(marks);
	printed_plan_free(plan);
	signkey_free(signer);
	docfiles_free(files);
	return status;
}

int
main(int argc, char **argv)
{
	char *edition_name = NULL, *output = NULL, *print_output = NULL, *docs = NULL;
	gboolean version = FALSE, unsigned_ = FALSE;
	GOptionEntry entries[] = {
		{ "edition", 'e', 0, G_OPTION_ARG_STRING, &edition_name,
		  "print (trim + bleed, crop marks, gray, PDF/X-4), web (tagged, linked, PDF/A-2u) "
		  "or proof (web with every parse warning marked: a highlight and a note)",
		  "EDITION" },
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "write the PDF to FILE", "FILE" },
		{ "print-output", 0, 0, G_OPTION_ARG_FILENAME, &print_output,
		  "with --edition web: also write the print edition to FILE, made of the same "
		  "painting (one run for both editions)", "FILE" },
		{ "documents", 0, 0, G_OPTION_ARG_FILENAME, &docs,
		  "with --edition web: also write one PDF per document into DIR (replaced whole), "
		  "named by identifier and title, of the same painting and signed alike", "DIR" },
		{ "unsigned", 0, 0, G_OPTION_ARG_NONE, &unsigned_,
		  "do not sign the web edition (without this, web needs the issue's signing key: "
		  "meta signing-key, passphrase from GONGBAO_SIGNING_PASS or GONGBAO_SIGNING_PASS_FILE)",
		  NULL },
		{ "version", 0, 0, G_OPTION_ARG_NONE, &version, "print the version and exit", NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL },
	};
	GOptionContext *ctx = g_option_context_new("[PAGES|-] — render a page list as a PDF");
	g_option_context_set_summary(ctx,
	    "Paints the page list (gongbao-pages 3, from gongbao-typeset) into the print\n"
	    "or the electronic edition of the issue, or the proof (校样).  Reads standard\n"
	    "input without PAGES.  The web edition is signed (PAdES) with the key the\n"
	    "list names (meta signing-key, from issue.ini [gazette] signing-key=); its\n"
	    "passphrase comes from GONGBAO_SIGNING_PASS or the file GONGBAO_SIGNING_PASS_FILE\n"
	    "names, never from the command line.");
	g_option_context_add_main_entries(ctx, entries, NULL);
	gb_set_program_path(argv[0]);
	int status = gb_parse_options(ctx, &argc, &argv, "gongbao-render");
	if (status >= 0) {
		g_free(edition_name);
		g_free(output);
		g_free(print_output);
		g_free(docs);
		return status;
	}
	if (version) {
		gb_print_version("gongbao-render");
		g_free(edition_name);
		g_free(output);
		g_free(print_output);
		g_free(docs);
		return GB_EXIT_OK;
	}

	GError *err = NULL;
	if (!edition_name || (strcmp(edition_name, "print") != 0 && strcmp(edition_name, "web") != 0
	    && strcmp(edition_name, "proof") != 0)) {
		status = diag_print("gongbao-render", 0, DIAG_RENDER_NO_EDITION);
	} else if (argc > 2) {
		status = diag_print("gongbao-render", 0, DIAG_RENDER_ONE_LIST);
	} else {
		gb_edition edition = strcmp(edition_name, "print") == 0 ? GB_EDITION_PRINT
		    : GB_EDITION_WEB;
		const char *input = argc == 2 ? argv[1] : "-";
		const char *name = strcmp(input, "-") == 0 ? "<stdin>" : input;
		gb_pages *pages = pages_load(input, &err);
		gboolean proof = strcmp(edition_name, "proof") == 0;
		if (print_output && (edition != GB_EDITION_WEB || proof)) {
			pages_free(pages);
			pages = NULL;
			status = diag_print("gongbao-render", 0, DIAG_RENDER_PRINT_OUTPUT);
		} else if (docs && (edition != GB_EDITION_WEB || proof)) {
			pages_free(pages);
			pages = NULL;
			status = diag_print("gongbao-render", 0, DIAG_RENDER_DOCUMENTS_EDITION);
		} else {
			status = pages ? render(pages, name, edition, proof, unsigned_, output,
			    print_output, docs) : print_error(err);
		}
	}
	g_clear_error(&err);
	g_free(edition_name);
	g_free(output);
	g_free(print_output);
	g_free(docs);
	return status;
}
