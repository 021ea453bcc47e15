/* verify.c — the core of gongbao-check: opens both PDF editions (poppler-glib
 * for what a reader sees, libqpdf for what it cannot: boxes, output intents,
 * /Lang, /ID), walks their pages through the check groups (text.c, boxes.c,
 * links.c, meta.c), records the failures and orders them for the report. */
#include "checker.h"
#include "fontid.h"

#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Failures of one group in one file shown before "另有N处" sums the rest. */
#define MAX_SHOWN 12

/* --- failures ------------------------------------------------------------ */

static void
failure_free(gpointer p)
{
	gb_check_failure *f = p;
	g_free(f->file);
	g_free(f->where);
	g_free(f->message);
	g_free(f);
}

/* Records a failure with MESSAGE (taken) of diagnostic ID: what fail()
 * (checker.h) calls with the table's message formatted. */
void
fail_(checker *ck, gb_check_group group, int file, int page, const char *where,
    gb_diag_id id, char *message)
{
	ck->report->failed[group]++;
	/* the same fault on many pages (no TrimBox anywhere) is one line */
	GPtrArray *list = ck->by_group[group];
	for (guint i = 0; i < list->len && page > 0; i++) {
		gb_check_failure *f = list->pdata[i];
		if (f->page > 0 && f->count > 0 && strcmp(f->file, ck->names[file]) == 0
		    && strcmp(f->message, message) == 0) {
			f->count++;
			g_free(message);
			return;
		}
	}
	if (ck->shown[group][file] >= MAX_SHOWN) {
		ck->hidden[group][file]++;
		g_free(message);
		return;
	}
	ck->shown[group][file]++;
	gb_check_failure *f = g_new0(gb_check_failure, 1);
	f->message = message;
	f->group = group;
	f->id = diag_name(id);
	f->file = g_strdup(ck->names[file]);
	f->page = page;
	f->count = 1;
	f->seq_file = file;
	f->seq = ck->seq++;
	f->where = g_strdup(where ? where : "");
	g_ptr_array_add(list, f);
}

/* --- naming pages ---------------------------------------------------------- */

/* 第12页（第14面）: the folio (or the label where none is printed) and the
 * page's place in the file, so that an editor finds it either way. */
char *
where_list_page(const gb_page *p, int index_in_file)
{
	if (p->folio && *p->folio)
		return g_strdup_printf("第%s页（第%d面）", p->folio, index_in_file);
	return g_strdup_printf("%s（第%d面）", p->label, index_in_file);
}

/* The list page shown on page I (0-based) of edition E, or -1 for a
 * padding page or a page beyond the list. */
int
list_index(const checker *ck, const edition *e, int i)
{
	int n_list = (int)ck->pages->pages->len;
	if (e->padding > 0 && i >= e->pad_at) {
		if (i < e->pad_at + e->padding)
			return -1;
		i -= e->padding;
	}
	return i < n_list ? i : -1;
}

int
pdf_index(const edition *e, int list_i)
{
	if (e->padding > 0 && list_i >= e->pad_at)
		return list_i + e->padding;
	return list_i;
}

char *
where_pdf_page(const checker *ck, const edition *e, int i)
{
	int li = list_index(ck, e, i);
	if (li >= 0)
		return where_list_page(pages_page(ck->pages, (guint)li), i + 1);
	if (e->padding > 0 && i >= e->pad_at && i < e->pad_at + e->padding)
		return g_strdup_printf("补空白页（第%d面）", i + 1);
	return g_strdup_printf("第%d面", i + 1);
}

char *
where_list_index(const checker *ck, const edition *e, int li)
{
	return where_list_page(pages_page(ck->pages, (guint)li), pdf_index(e, li) + 1);
}

/* --- opening -------------------------------------------------------------------- */

/* The PDF as poppler is given it: DATA with, if the catalog has
 * /OutputIntents, an incremental update that takes them out.  poppler
 * builds colour transforms from a lone output intent's profile for every
 * page it reads (for the sRGB profile that is most of the check's time);
 * text, fonts, links and labels do not depend on it, and libqpdf checks
 * the intents on the file as it is.  NULL: give poppler DATA as it is. */
static GString *
without_output_intents(qpdf_data q, const char *data, gsize len)
{
	qpdf_oh root = qpdf_get_root(q);
	int id = qpdf_oh_get_object_id(q, root), gen = qpdf_oh_get_generation(q, root);
	if (id <= 0 || !qpdf_oh_has_key(q, root, "/OutputIntents")) {
		qpdf_oh_release(q, root);
		return NULL;
	}
	/* where the last cross-reference section starts */
	const char *tail = len > 1024 ? data + len - 1024 : data, *sx = NULL;
	for (const char *p = tail; (p = g_strstr_len(p, data + len - p, "startxref")); p++)
		sx = p;
	long prev = sx ? strtol(sx + 9, NULL, 10) : 0;
	qpdf_oh trailer = qpdf_get_trailer(q);
	qpdf_oh size = qpdf_oh_get_key(q, trailer, "/Size");
	long n_objects = qpdf_oh_is_integer(q, size) ? (long)qpdf_oh_get_int_value(q, size) : 0;
	if (!sx || prev <= 0 || n_objects <= id) {
		qpdf_oh_release(q, root);
		return NULL;
	}

	GString *out = g_string_sized_new(len + 4096);
	g_string_append_len(out, data, (gssize)len);
	g_string_append_c(out, '\n');
	gsize obj_at = out->len;
	g_string_append_printf(out, "%d %d obj\n<<", id, gen);
	qpdf_oh_begin_dict_key_iter(q, root);
	GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
	while (qpdf_oh_dict_more_keys(q))
		g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
	for (guint i = 0; i < keys->len; i++) {
		const char *key = keys->pdata[i];
		if (strcmp(key, "/OutputIntents") == 0)
			continue;
		qpdf_oh name = qpdf_oh_new_name(q, key);
		g_string_append_printf(out, " %s ", qpdf_oh_unparse(q, name));
		qpdf_oh v = qpdf_oh_get_key(q, root, key);
		g_string_append(out, qpdf_oh_unparse(q, v));
		qpdf_oh_release(q, v);
		qpdf_oh_release(q, name);
	}
	g_ptr_array_free(keys, TRUE);
	g_string_append(out, " >>\nendobj\n");
	gsize xref_at = out->len;
	g_string_append_printf(out, "xref\n0 1\n0000000000 65535 f \n%d 1\n%010lu %05d n \n", id,
	    (unsigned long)obj_at, gen);
	g_string_append_printf(out, "trailer\n<< /Size %ld /Root %d %d R /Prev %ld", n_objects, id,
	    gen, prev);
	const char *keep[] = { "/Info", "/ID" };
	for (int i = 0; i < 2; i++)
		if (qpdf_oh_has_key(q, trailer, keep[i])) {
			qpdf_oh v = qpdf_oh_get_key(q, trailer, keep[i]);
			g_string_append_printf(out, " %s %s", keep[i], qpdf_oh_unparse(q, v));
			qpdf_oh_release(q, v);
		}
	g_string_append_printf(out, " >>\nstartxref\n%lu\n%%%%EOF\n", (unsigned long)xref_at);
	qpdf_oh_release(q, size);
	qpdf_oh_release(q, trailer);
	qpdf_oh_release(q, root);
	return out;
}

/* libqpdf's reading of E: it reads the file itself, as it needs it, so
 * that only one copy of a large edition stays in memory, poppler's.
 * NULL, and the failure recorded, if it cannot. */
static void
open_qpdf(checker *ck, edition *e)
{
	e->qpdf = qpdf_init();
	qpdf_silence_errors(e->qpdf);
	qpdf_set_suppress_warnings(e->qpdf, QPDF_TRUE);
	if (qpdf_read(e->qpdf, e->path, NULL) & QPDF_ERRORS) {
		qpdf_error qe = qpdf_get_error(e->qpdf);
		fail(ck, GB_CHECK_OPEN, e->file, 0, "", DIAG_CHECK_PDF_STRUCTURE, e->title,
		    qe ? qpdf_get_error_full_text(e->qpdf, qe) : "libqpdf无法读取");
		qpdf_cleanup(&e->qpdf);
		e->qpdf = NULL;
	}
}

/* libqpdf's reading of E made anew, for what is still to be read of it:
 * libqpdf keeps every object it has loaded until it is closed, and the
 * walk over the structure tree loads all of them (at the corpus 130 MB,
 * which the print edition's pages, proven against these, do not need),
 * and it needs none of what the pages' check loaded. */
void
reopen_qpdf(checker *ck, edition *e)
{
	if (!e->qpdf)
		return;
	qpdf_cleanup(&e->qpdf);
	open_qpdf(ck, e);
	font_rebind(e);
}

gboolean
open_edition(checker *ck, edition *e)
{
	GError *err = NULL;
	char *data = NULL;
	gsize len = 0;
	if (!gb_read_input(e->path, GB_MAX_PDF_INPUT, &data, &len, &err)) {
		char *why = diag_error_text(err, e->path);
		fail(ck, GB_CHECK_OPEN, e->file, 0, "", DIAG_CHECK_PDF_OPEN, e->title, why);
		g_free(why);
		g_clear_error(&err);
		return FALSE;
	}
	g_free(e->sha256);
	e->sha256 = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
	open_qpdf(ck, e);
	GString *patched = e->qpdf ? without_output_intents(e->qpdf, data, len) : NULL;
	GBytes *bytes;
	if (patched) {
		g_free(data);
		bytes = g_string_free_to_bytes(patched);
	} else {
		bytes = g_bytes_new_take(data, len);
	}
	e->doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	g_bytes_unref(bytes);
	if (!e->doc) {
		fail(ck, GB_CHECK_OPEN, e->file, 0, "", DIAG_CHECK_PDF_OPEN, e->title,
		    err ? err->message : "不是PDF文件");
		g_clear_error(&err);
		return FALSE;
	}
	e->n = poppler_document_get_n_pages(e->doc);
	e->read = TRUE;
	return TRUE;
}

/* poppler's reading of E, no longer needed once its pages are checked. */
static void
drop_poppler(edition *e)
{
	if (e->doc)
		g_object_unref(e->doc);
	e->doc = NULL;
}

void
close_edition(edition *e)
{
	drop_poppler(e);
	if (e->qpdf)
		qpdf_cleanup(&e->qpdf);
	if (e->font_index)
		g_hash_table_destroy(e->font_index);
	if (e->direct_fonts)
		g_ptr_array_free(e->direct_fonts, TRUE);
	e->font_index = NULL;
	e->direct_fonts = NULL;
	g_free(e->sha256);
	e->sha256 = NULL;
}

/* The print edition adds the blank pages the page list's `padding` record
 * says (the typesetter's decision) before the back page; the web edition
 * is the page list page for page. */
static void
check_page_count(checker *ck, edition *e)
{
	int n_list = (int)ck->pages->pages->len;
	if (e->file == FILE_WEB) {
		if (e->n != n_list)
			fail(ck, GB_CHECK_OPEN, e->file, 0, "", DIAG_CHECK_PAGE_COUNT_WEB,
			    e->n, n_list);
		return;
	}
	int want_pad = ck->pages->print_padding;
	int pad = e->n - n_list;
	e->pad_at = pages_padding_at(ck->pages);
	e->padding = pad >= 0 && pad <= want_pad ? pad : 0;
	if (pad != want_pad)
		fail(ck, GB_CHECK_OPEN, e->file, 0, "",
		    DIAG_CHECK_PAGE_COUNT_PRINT,
		    e->n, n_list + want_pad, n_list, want_pad);
}

/* --- one page, one edition ----------------------------------------------------------- */

static int
text_failures(const checker *ck)
{
	return ck->report->failed[GB_CHECK_TEXT] + ck->report->failed[GB_CHECK_BLANK];
}

/* Whether print page I (list page LI, QPAGE to libqpdf) shows what the web
 * edition WEB shows of that list page: its text-showing operations, fonts
 * and places, the trim's corner taken off both.  FALSE with *WHY NULL when
 * either cannot be read that way (the page is then read as text). */
static gboolean
same_painting(checker *ck, edition *e, edition *web, int li, qpdf_oh qpage, char **why)
{
	*why = NULL;
	int wi = pdf_index(web, li);
	if (!web->qpdf || !qpage || wi >= web->n)
		return FALSE;
	qpdf_oh wpage = qpdf_get_page_n(web->qpdf, (size_t)wi);
	double px, py, wx, wy;
	trim_corner(ck, e, qpage, &px, &py);
	trim_corner(ck, web, wpage, &wx, &wy);
	page_painting *a = painting_read(ck, e, qpage, px, py);
	page_painting *b = painting_read(ck, web, wpage, wx, wy);
	qpdf_oh_release(web->qpdf, wpage);
	gboolean same = FALSE;
	if (a && b) {
		*why = painting_difference(a, b);
		/* a page with no text at all is read, so that "blank" is proven */
		same = !*why && painting_shows(a) > 0;
	}
	painting_free(a);
	painting_free(b);
	return same;
}

/* Page I of edition E through every group that reads a page.  A print page
 * that shows what the web edition WEB shows (same_painting) is not read
 * again: the web edition's reading of its text stands for both. */
static void
check_page(checker *ck, edition *e, int i, gboolean labels, edition *web)
{
	PopplerPage *page = poppler_document_get_page(e->doc, i);
	if (!page)
		return;
	char *where = where_pdf_page(ck, e, i);
	int li = list_index(ck, e, i);
	qpdf_oh qpage = e->qpdf ? qpdf_get_page_n(e->qpdf, (size_t)i) : 0;
	double w, h, offx, offy;
	poppler_page_get_size(page, &w, &h);
	trim_origin(ck, e, qpage, w, h, &offx, &offy);
	verify_boxes(ck, e, i, where, qpage, w, h);
	char *why = NULL;
	gboolean proven = web && li >= 0 && same_painting(ck, e, web, li, qpage, &why);
	if (qpage)
		qpdf_oh_release(e->qpdf, qpage);
	if (proven) {
		ck->report->print_same++;
		if (labels)
			verify_label(ck, e, i, where, page, pages_page(ck->pages, (guint)li));
		g_free(where);
		g_object_unref(page);
		return;
	}

	int failures_before = text_failures(ck);
	page_text t;
	page_text_load(&t, page);
	if (li >= 0) {
		gboolean text_ok = verify_text(ck, e, i, li, where, &t, offx, offy);
		verify_titles(ck, e, i, li, where, &t, text_ok);
		if (e->file == FILE_WEB)
			verify_links(ck, e, i, li, where, page, h, offx, offy);
		if (labels)
			verify_label(ck, e, i, where, page, pages_page(ck->pages, (guint)li));
	}
	verify_blank(ck, e, i, li, where, page, &t, offx, offy);
	page_text_clear(&t);
	gboolean text_failed = text_failures(ck) > failures_before;
	if (e->file == FILE_WEB && li >= 0)
		ck->web_text_failed[li] = text_failed;
	/* a difference that reading the text did not find in either edition
	 * (a glyph of another font, a line moved): the painting's own */
	if (why && !text_failed && !ck->web_text_failed[li]) {
		char *wwhere = where_list_index(ck, web, li);
		fail(ck, GB_CHECK_TEXT, e->file, i + 1, where, DIAG_CHECK_NOT_SAME_PAINTING, wwhere, why);
		g_free(wwhere);
	}
	g_free(why);
	g_free(where);
	g_object_unref(page);
}

/* Edition E, every page; for the print edition, WEB (already checked, its
 * libqpdf reading still open) against which its pages are proven. */
static void
check_edition(checker *ck, edition *e, edition *web)
{
	if (!open_edition(ck, e))
		return;
	check_page_count(ck, e);
	verify_metadata(ck, e);
	verify_fonts(ck, e);
	verify_signature(ck, e);
	gboolean labels = e->file == FILE_WEB || has_page_labels(e);
	for (int i = 0; i < e->n; i++)
		check_page(ck, e, i, labels, web);
	if (e->file == FILE_WEB) {
		verify_outline(ck, e);
		verify_structure_tree(ck, e);
		/* poppler's reading, its tree too, and what libqpdf has read
		 * go before libqpdf's walk loads every element: they are never
		 * held at once */
		drop_poppler(e);
		reopen_qpdf(ck, e);
		verify_structure_objects(ck, e);
		reopen_qpdf(ck, e);
	}
}

/* --- the checker ------------------------------------------------------------------- */

/* The list page of every destination, and of every document's title
 * (its first page). */
static void
index_pages(checker *ck)
{
	const gb_pages *pl = ck->pages;
	ck->dest_page = g_hash_table_new(g_str_hash, g_str_equal);
	ck->title_page = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < pl->pages->len; i++) {
		const gb_page *p = pages_page(pl, i);
		for (guint k = 0; k < p->items->len; k++) {
			const gb_item *it = page_item(p, k);
			if (it->kind == GB_ITEM_DEST)
				g_hash_table_insert(ck->dest_page, (gpointer)it->text, GINT_TO_POINTER(i));
			else if (it->kind == GB_ITEM_TITLE
			    && !g_hash_table_contains(ck->title_page, it->doc))
				g_hash_table_insert(ck->title_page, (gpointer)it->doc, GINT_TO_POINTER(i));
		}
	}
}

static char *
display_name(const char *path, const char *other)
{
	char *base = g_path_get_basename(path);
	char *other_base = g_path_get_basename(other);
	gboolean clash = strcmp(base, other_base) == 0;
	g_free(other_base);
	if (clash) {
		g_free(base);
		return g_strdup(path);
	}
	return base;
}

static void
checker_init(checker *ck, const gb_pages *pl, gb_check_report *r, const char *pages_path,
    const char *print_path, const char *web_path)
{
	*ck = (checker){ .pages = pl, .report = r };
	ck->names[FILE_LIST] = g_path_get_basename(pages_path);
	ck->names[FILE_PRINT] = display_name(print_path, web_path);
	ck->names[FILE_WEB] = display_name(web_path, print_path);
	ck->names[FILE_DOCS] = g_strdup("docs");	/* docfiles.c names each file */
	for (int g = 0; g < GB_CHECK_N; g++)
		ck->by_group[g] = g_ptr_array_new();
	index_pages(ck);
}

static void
checker_clear(checker *ck)
{
	for (int f = 0; f < FILE_N; f++)
		g_free(ck->names[f]);
	g_hash_table_destroy(ck->dest_page);
	g_hash_table_destroy(ck->title_page);
	if (ck->font_digests)
		g_hash_table_destroy(ck->font_digests);
	if (ck->freetype)
		FT_Done_FreeType(ck->freetype);
	g_free(ck->web_text_failed);
}

/* --- the report ---------------------------------------------------------------------- */

static void
warning_free(gpointer p)
{
	gb_check_warning *w = p;
	g_free(w->file);
	g_free(w->kind);
	g_free(w->message);
	g_free(w);
}

/* In a group: the page list's failures, the print edition's, the web
 * edition's; in each, the file's own before its pages', pages in order. */
static int
cmp_failures(gconstpointer a, gconstpointer b)
{
	const gb_check_failure *x = *(gb_check_failure *const *)a;
	const gb_check_failure *y = *(gb_check_failure *const *)b;
	if (x->seq_file != y->seq_file)
		return x->seq_file - y->seq_file;
	if (x->page != y->page)
		return x->page - y->page;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Moves the failures into the report in its order, group by group: the
 * "另有N处" line of each file after its shown failures, the pages of a
 * failure repeated on many pages in its WHERE. */
static void
collect_failures(checker *ck)
{
	for (int g = 0; g < GB_CHECK_N; g++) {
		for (int f = 0; f < FILE_N; f++)
			if (ck->hidden[g][f]) {
				gb_check_failure *more = g_new0(gb_check_failure, 1);
				more->group = (gb_check_group)g;
				more->file = g_strdup(ck->names[f]);
				more->where = g_strdup("");
				more->message = diag_text(DIAG_CHECK_MORE, ck->hidden[g][f]);
				more->id = diag_name(DIAG_CHECK_MORE);
				more->seq_file = f;
				more->page = G_MAXINT;	/* last of its file */
				g_ptr_array_add(ck->by_group[g], more);
			}
		g_ptr_array_sort(ck->by_group[g], cmp_failures);
		for (guint k = 0; k < ck->by_group[g]->len; k++) {
			gb_check_failure *f = ck->by_group[g]->pdata[k];
			if (f->page == G_MAXINT)
				f->page = 0;
			if (f->count > 1) {
				char *where = g_strdup_printf("%s等%d面", f->where, f->count);
				g_free(f->where);
				f->where = where;
			}
			g_ptr_array_add(ck->report->failures, f);
		}
		g_ptr_array_free(ck->by_group[g], TRUE);
	}
}

/* An empty report of the page list PL: its meta and its parse warnings. */
static gb_check_report *
report_new(const gb_pages *pl, const char *pages_path, const char *print_path,
    const char *web_path)
{
	gb_check_report *r = g_new0(gb_check_report, 1);
	r->pages_file = g_strdup(pages_path);
	r->print_file = g_strdup(print_path);
	r->web_file = g_strdup(web_path);
	const char *gazette = pages_meta(pl, "gazette");
	const char *issue = pages_meta(pl, "issue");
	r->gazette = g_strdup(gazette ? gazette : pages_meta(pl, "title") ? pages_meta(pl, "title") : "");
	r->issue = g_strdup(issue ? issue : "");
	r->list_pages = (int)pl->pages->len;
	r->failures = g_ptr_array_new();
	r->warnings = g_ptr_array_new();
	r->documents = g_ptr_array_new();
	for (guint i = 0; i < pl->warnings->len; i++) {
		const gb_page_warning *w = &g_array_index(pl->warnings, gb_page_warning, i);
		gb_check_warning *cw = g_new0(gb_check_warning, 1);
		cw->file = g_strdup(w->file);
		cw->line = w->line;
		cw->kind = g_strdup(w->kind);
		cw->message = g_strdup(w->message);
		g_ptr_array_add(r->warnings, cw);
	}
	return r;
}

gboolean
gb_check_inputs(const char *pages_path, const char *print_path, const char *web_path,
    gb_diags *diags)
{
	const char *inputs[] = { pages_path, print_path, web_path };
	for (int i = 0; i < 3; i++)
		if (!g_file_test(inputs[i], G_FILE_TEST_IS_REGULAR)) {
			diag_emit(diags, inputs[i], 0, DIAG_CHECK_NO_FILE);
			return FALSE;
		}
	return TRUE;
}

gb_check_report *
gb_check_issue(const gb_pages *pl, const char *pages_path, const char *print_path,
    const char *web_path, gboolean unsigned_ok)
{
	return gb_check_issue_documents(pl, pages_path, print_path, web_path, NULL, unsigned_ok);
}

gb_check_report *
gb_check_issue_documents(const gb_pages *pl, const char *pages_path, const char *print_path,
    const char *web_path, const char *docs_dir, gboolean unsigned_ok)
{
	gb_check_report *r = report_new(pl, pages_path, print_path, web_path);
	checker ck;
	checker_init(&ck, pl, r, pages_path, print_path, web_path);
	ck.unsigned_ok = unsigned_ok;
	edition print = { .file = FILE_PRINT, .path = print_path, .title = "印刷版" };
	edition web = { .file = FILE_WEB, .path = web_path, .title = "电子版" };
	verify_toc(&ck);
	/* The web edition's text is read (poppler) and the print edition's
	 * pages proven to show the same (painting.c), one edition in
	 * poppler's memory at a time: a year's volume is large. */
	ck.web_text_failed = g_new0(gboolean, pl->pages->len + 1);
	check_edition(&ck, &web, NULL);
	r->web_pages = web.read ? web.n : -1;
	drop_poppler(&web);
	check_edition(&ck, &print, web.n > 0 ? &web : NULL);
	r->print_pages = print.read ? print.n : -1;
	r->print_sha256 = g_strdup(print.sha256);
	r->web_sha256 = g_strdup(web.sha256);
	close_edition(&print);
	if (docs_dir)
		verify_documents(&ck, &web, docs_dir);
	close_edition(&web);
	collect_failures(&ck);
	checker_clear(&ck);
	return r;
}

void
gb_check_report_free(gb_check_report *r)
{
	if (!r)
		return;
	g_free(r->pages_file);
	g_free(r->print_file);
	g_free(r->web_file);
	g_free(r->print_sha256);
	g_free(r->web_sha256);
	g_free(r->gazette);
	g_free(r->issue);
	g_free(r->signature);
	g_free(r->docs_dir);
	for (guint i = 0; r->documents && i < r->documents->len; i++) {
		gb_check_document *d = r->documents->pdata[i];
		g_free(d->identifier);
		g_free(d->title);
		g_free(d->number);
		g_free(d->path);
		g_free(d->sha256);
		g_free(d->signature);
		g_free(d);
	}
	if (r->documents)
		g_ptr_array_free(r->documents, TRUE);
	/* the elements are freed here, so that a report can be made by hand */
	for (guint i = 0; i < r->failures->len; i++)
		failure_free(r->failures->pdata[i]);
	for (guint i = 0; i < r->warnings->len; i++)
		warning_free(r->warnings->pdata[i]);
	g_ptr_array_free(r->failures, TRUE);
	g_ptr_array_free(r->warnings, TRUE);
	g_free(r);
}

gboolean
gb_check_report_passed(const gb_check_report *r)
{
	for (int g = 0; g < GB_CHECK_N; g++)
		if (r->failed[g])
			return FALSE;
	return TRUE;
}
