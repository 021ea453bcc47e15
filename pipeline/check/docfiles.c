/* docfiles.c — the check of the per-document files (SPEC §5 "Per-document
 * files and identifiers", §6): exactly one file per document of the page
 * list in the directory, named as the renderer names it (lib/docfile.c);
 * each one's pages shown as the web edition shows those pages of the
 * issue, proven glyph by glyph from both content streams (painting.c, as
 * the print edition is proven), its page labels the issue's, its metadata
 * naming its document (title, identifier, 发文字号), its structure the
 * document's Sect, its signature valid and the office's (signature.c). */
#include "checker.h"

#include "docfile.h"

#include <string.h>

/* Whether the XMP packet XMP has <rdf:li>VALUE</rdf:li> inside its
 * dc:identifier. */
static gboolean
xmp_has_identifier(const char *xmp, const char *value)
{
	const char *from = xmp ? strstr(xmp, "<dc:identifier>") : NULL;
	const char *to = from ? strstr(from, "</dc:identifier>") : NULL;
	if (!to)
		return FALSE;
	char *esc = g_markup_escape_text(value, -1);
	char *li = g_strdup_printf("<rdf:li>%s</rdf:li>", esc);
	const char *at = g_strstr_len(from, to - from, li);
	g_free(esc);
	g_free(li);
	return at != NULL;
}

/* Its metadata names document D: the title (document information and
 * XMP's dc:title), the identifier and the 发文字号 in dc:identifier. */
static void
check_metadata(checker *ck, edition *e, const gb_page_document *d)
{
	char *title = poppler_document_get_title(e->doc);
	const char *want = d->title && *d->title ? d->title : d->identifier;
	if (g_strcmp0(title, want) != 0)
		fail(ck, GB_CHECK_DOCUMENTS, FILE_DOCS, 0, "", DIAG_CHECK_DOCS_TITLE,
		    title ? title : "", want);
	g_free(title);
	char *xmp = poppler_document_get_metadata(e->doc);
	char *esc = g_markup_escape_text(want, -1);
	if (!xmp || !strstr(xmp, esc))
		fail(ck, GB_CHECK_DOCUMENTS, FILE_DOCS, 0, "", DIAG_CHECK_DOCS_XMP, "dc:title", want);
	g_free(esc);
	if (!xmp_has_identifier(xmp, d->identifier))
		fail(ck, GB_CHECK_DOCUMENTS, FILE_DOCS, 0, "", DIAG_CHECK_DOCS_XMP, "dc:identifier",
		    d->identifier);
	if (d->number && *d->number && !xmp_has_identifier(xmp, d->number))
		fail(ck, GB_CHECK_DOCUMENTS, FILE_DOCS, 0, "", DIAG_CHECK_DOCS_XMP, "dc:identifier",
		    d->number);
	if (!xmp || !strstr(xmp, "<pdfaid:part>2</pdfaid:part>"))
		fail(ck, GB_CHECK_DOCUMENTS, FILE_DOCS, 0, "", DIAG_CHECK_DOCS_XMP, "pdfaid:part", "2");
	g_free(xmp);
}

/* Its structure tree's Document holds a Sect whose /ID is D's identifier. */
static void
check_structure(checker *ck, edition *e, const gb_page_document *d)
{
	qpdf_data q = e->qpdf;
	qpdf_oh root = qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot");
	qpdf_oh doc = qpdf_oh_get_key(q, root, "/K");
	if (qpdf_oh_is_array(q, doc) && qpdf_oh_get_array_n_items(q, doc) == 1)
		doc = qpdf_oh_get_array_item(q, doc, 0);
	qpdf_oh kids = qpdf_oh_get_key(q, doc, "/K");
	int n = qpdf_oh_is_array(q, kids) ? qpdf_oh_get_array_n_items(q, kids) : 0;
	gboolean found = FALSE;
	for (int i = 0; i < n && !found; i++) {
		qpdf_oh k = qpdf_oh_get_array_item(q, kids, i);
		qpdf_oh id = qpdf_oh_get_key(q, k, "/ID");
		found = qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, k, "/S"), "/Sect")
		    && qpdf_oh_is_string(q, id)
		    && strcmp(qpdf_oh_get_utf8_value(q, id), d->identifier) == 0;
	}
	if (!found)
		fail(ck, GB_CHECK_DOCUMENTS, FILE_DOCS, 0, "", DIAG_CHECK_DOCS_SECT, d->identifier);
}

/* Page I of E shows what the web edition WEB shows on list page LI. */
static void
check_page(checker *ck, edition *e, edition *web, int i, int li)
{
	char *where = g_strdup_printf("第%d面", i + 1);
	qpdf_oh page = qpdf_get_page_n(e->qpdf, (size_t)i);
	qpdf_oh wpage = qpdf_get_page_n(web->qpdf, (size_t)pdf_index(web, li));
	double x, y, wx, wy;
	trim_corner(ck, e, page, &x, &y);
	trim_corner(ck, web, wpage, &wx, &wy);
	page_painting *a = painting_read(ck, e, page, x, y);
	page_painting *b = painting_read(ck, web, wpage, wx, wy);
	char *why = a && b ? painting_difference(a, b) : g_strdup("无法读取内容流");
	if (why) {
		char *wwhere = where_list_index(ck, web, li);
		fail(ck, GB_CHECK_DOCUMENTS, FILE_DOCS, i + 1, where, DIAG_CHECK_DOCS_PAINTING,
		    wwhere, why);
		g_free(wwhere);
	}
	g_free(why);
	painting_free(a);
	painting_free(b);
	PopplerPage *pp = poppler_document_get_page(e->doc, i);
	if (pp) {
		verify_label(ck, e, i, where, pp, pages_page(ck->pages, (guint)li));
		g_object_unref(pp);
	}
	g_free(where);
}

/* The file of document D at PATH, on list pages FIRST … LAST. */
static void
check_file(checker *ck, edition *web, const gb_page_document *d, const char *path, guint first,
    guint last, gb_check_document *out)
{
	edition e = { .file = FILE_DOCS, .path = path, .title = "文档文件" };
	if (!open_edition(ck, &e) || !e.qpdf) {
		close_edition(&e);
		return;
	}
	out->sha256 = g_strdup(e.sha256);
	out->pages = e.n;
	int want = (int)(last - first + 1);
	if (e.n != want) {
		char *from = where_list_page(pages_page(ck->pages, first), (int)first + 1);
		fail(ck, GB_CHECK_DOCUMENTS, FILE_DOCS, 0, "", DIAG_CHECK_DOCS_PAGES, e.n, want, from);
		g_free(from);
	}
	for (int i = 0; web->qpdf && i < MIN(e.n, want); i++)
		check_page(ck, &e, web, i, (int)first + i);
	check_metadata(ck, &e, d);
	check_structure(ck, &e, d);
	/* the web edition's line in the report stays its own */
	char *web_status = ck->report->signature;
	ck->report->signature = NULL;
	verify_signature(ck, &e);
	out->signature = ck->report->signature;
	ck->report->signature = web_status;
	close_edition(&e);
}

static int
cmp_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
verify_documents(checker *ck, edition *web, const char *dir)
{
	const gb_pages *pl = ck->pages;
	gb_check_report *r = ck->report;
	r->docs_dir = g_strdup(dir);
	char *base = g_path_get_basename(dir);
	GHashTable *expected = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GHashTable *ranges = docfile_ranges(pl);
	GError *err = NULL;
	GDir *d = g_dir_open(dir, 0, &err);
	if (!d) {
		g_free(ck->names[FILE_DOCS]);
		ck->names[FILE_DOCS] = g_strdup(dir);
		fail(ck, GB_CHECK_DOCUMENTS, FILE_DOCS, 0, "", DIAG_CHECK_DOCS_DIR, dir,
		    err->message);
		g_clear_error(&err);
	}
	for (guint i = 0; i < pl->documents->len; i++) {
		const gb_page_document *doc = &g_array_index(pl->documents, gb_page_document, i);
		char *name = docfile_name(doc);
		char *path = g_build_filename(dir, name, NULL);
		gb_check_document *cd = g_new0(gb_check_document, 1);
		cd->identifier = g_strdup(doc->identifier);
		cd->title = g_strdup(doc->title ? doc->title : "");
		cd->number = g_strdup(doc->number ? doc->number : "");
		cd->path = g_strdup(path);
		cd->pages = -1;
		g_ptr_array_add(r->documents, cd);
		g_free(ck->names[FILE_DOCS]);
		ck->names[FILE_DOCS] = g_build_filename(base, name, NULL);
		const docfile_range *range = g_hash_table_lookup(ranges, doc->id);
		if (!d) {
			/* said once, for the directory */
		} else if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
			fail(ck, GB_CHECK_DOCUMENTS, FILE_DOCS, 0, "", DIAG_CHECK_DOCS_MISSING,
			    doc->identifier, doc->title ? doc->title : "");
		} else if (!range) {
			fail(ck, GB_CHECK_DOCUMENTS, FILE_DOCS, 0, "", DIAG_CHECK_DOCS_NO_PAGES,
			    doc->identifier);
		} else {
			check_file(ck, web, doc, path, range->first, range->last, cd);
		}
		g_hash_table_add(expected, name);
		g_free(path);
	}
	/* what else is there, in the order of its names */
	GPtrArray *extra = g_ptr_array_new_with_free_func(g_free);
	const char *entry;
	while (d && (entry = g_dir_read_name(d)))
		if (!g_hash_table_contains(expected, entry))
			g_ptr_array_add(extra, g_strdup(entry));
	g_ptr_array_sort(extra, cmp_names);
	for (guint i = 0; i < extra->len; i++) {
		g_free(ck->names[FILE_DOCS]);
		ck->names[FILE_DOCS] = g_build_filename(base, extra->pdata[i], NULL);
		fail(ck, GB_CHECK_DOCUMENTS, FILE_DOCS, 0, "", DIAG_CHECK_DOCS_EXTRA);
	}
	g_ptr_array_unref(extra);
	if (d)
		g_dir_close(d);
	g_free(ck->names[FILE_DOCS]);
	ck->names[FILE_DOCS] = base;
	g_hash_table_destroy(expected);
	g_hash_table_destroy(ranges);
}
