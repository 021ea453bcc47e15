/* distdocs.c — the per-document files of a built issue (SPEC §5), for the
 * deposit packages: the page list's documents, each file found where the
 * renderer wrote it (OUT_DIR/docs/, named by lib/docfile.c) and
 * checksummed. */
#include "distlist.h"
#include "diag.h"
#include "docfile.h"

static void
doc_free(gpointer p)
{
	gb_dist_doc *d = p;
	g_free(d->identifier);
	g_free(d->title);
	g_free(d->number);
	g_free(d->issuer);
	g_free(d->date);
	g_free(d->file);
	g_free(d->path);
	g_free(d->sha256);
	g_free(d);
}

static char *
or_empty(const char *s)
{
	return g_strdup(s ? s : "");
}

gboolean
gb_dist_issue_documents(gb_dist_issue *issue, const gb_pages *header, const char *issue_dir,
    const char *out_dir, GError **error)
{
	if (issue->docs)
		g_ptr_array_unref(issue->docs);
	issue->docs = g_ptr_array_new_with_free_func(doc_free);
	for (guint i = 0; i < header->documents->len; i++) {
		const gb_page_document *pd = &g_array_index(header->documents, gb_page_document, i);
		gb_dist_doc *d = g_new0(gb_dist_doc, 1);
		g_ptr_array_add(issue->docs, d);
		d->identifier = g_strdup(pd->identifier);
		d->title = or_empty(pd->title);
		d->number = or_empty(pd->number);
		d->issuer = or_empty(pd->issuer);
		d->date = or_empty(pd->date);
		char *name = docfile_name(pd);
		d->file = g_build_filename("docs", name, NULL);
		d->path = g_build_filename(out_dir, d->file, NULL);
		g_free(name);
		if (!g_file_test(d->path, G_FILE_TEST_IS_REGULAR)) {
			diag_set_error(error, d->path, 0, DIAG_DIST_NOT_BUILT, d->file, issue_dir,
			    out_dir);
			return FALSE;
		}
		if (!(d->sha256 = gb_dist_file_sha256(d->path, &d->bytes, error)))
			return FALSE;
	}
	return TRUE;
}
