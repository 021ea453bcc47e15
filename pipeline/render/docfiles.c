/* docfiles.c — one PDF per document, from the web edition's painting
 * (docfiles.h). */
#include "docfiles.h"
#include "diag.h"
#include "docfile.h"
#include "fontsubset.h"
#include "image.h"
#include "structure.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <qpdf/qpdf-c.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A named destination of a file: PAGE its page in the file (from 0). */
typedef struct { const char *name; int page; double x, y; } ddest;
/* A bookmark: level 0 the document's title, 1 its 一级标题 … */
typedef struct { int level; char *title; int page; double x, y; } dmark;

typedef struct {
	char *file;		/* its name in the directory */
	guint first, last;	/* its pages of the list */
	gb_pages *header;	/* its metadata, for pdfpost_finish */
	gb_structure *tree;	/* the structure of its pages */
	GPtrArray *alts;	/* its images' alternative texts */
	GPtrArray *labels;	/* each page's label */
	GArray *dests;		/* of ddest, the names borrowed from the list's copy */
	GArray *marks;		/* of dmark */
	GHashTable *has_dest;	/* dest name → TRUE */
} docplan;

struct gb_docfiles {
	char *name;		/* the page list, for messages */
	double trim_height;
	GPtrArray *docs;	/* of docplan * */
	GHashTable *dest_file;	/* dest name → the file of the document it is in */
	GStringChunk *strings;
	char *dir, *tmp;	/* the directory asked for, the one being written */
};

static void
docplan_free(gpointer p)
{
	docplan *dp = p;
	g_free(dp->file);
	pages_free(dp->header);
	structure_free(dp->tree);
	if (dp->alts)
		g_ptr_array_unref(dp->alts);
	g_ptr_array_unref(dp->labels);
	g_array_free(dp->dests, TRUE);
	for (guint i = 0; i < dp->marks->len; i++)
		g_free(g_array_index(dp->marks, dmark, i).title);
	g_array_free(dp->marks, TRUE);
	g_hash_table_destroy(dp->has_dest);
	g_free(dp);
}

void
docfiles_free(gb_docfiles *d)
{
	if (!d)
		return;
	docfiles_abort(d);
	g_ptr_array_unref(d->docs);
	g_hash_table_destroy(d->dest_file);
	g_string_chunk_free(d->strings);
	g_free(d->name);
	g_free(d->dir);
	g_free(d);
}

/* --- the plan ------------------------------------------------------------------ */

/* The issue's meta, and what names document DOC: its title, its issuer as
 * the author, the gazette and issue as its source (and subject), its
 * identifier and 发文字号 (keywords too, for any reader's properties). */
static gb_pages *
doc_header(const gb_pages *p, const gb_page_document *doc)
{
	gb_pages *h = pages_new(p->layout, p->trim_width, p->trim_height, p->bleed);
	for (guint i = 0; i < p->meta->len; i++) {
		const gb_page_meta *m = &g_array_index(p->meta, gb_page_meta, i);
		pages_set_meta(h, m->key, m->value);
	}
	const char *gazette = pages_meta(p, "gazette"), *issue = pages_meta(p, "issue");
	char *source = gazette && issue ? g_strdup_printf("%s %s", gazette, issue)
	    : g_strdup(pages_meta(p, "title") ? pages_meta(p, "title") : "");
	char *keywords = doc->number && *doc->number
	    ? g_strdup_printf("%s；%s", doc->identifier, doc->number) : g_strdup(doc->identifier);
	pages_set_meta(h, "title", doc->title && *doc->title ? doc->title : doc->identifier);
	if (doc->issuer && *doc->issuer)
		pages_set_meta(h, "publisher", doc->issuer);
	pages_set_meta(h, "subject", source);
	pages_set_meta(h, "source", source);
	pages_set_meta(h, "keywords", keywords);
	pages_set_meta(h, "identifier", doc->identifier);
	pages_set_meta(h, "number", doc->number ? doc->number : "");
	pages_set_meta(h, "document-date", doc->date ? doc->date : "");
	g_free(source);
	g_free(keywords);
	return h;
}

/* The headings of document DOC on list page P (page PI of its file) as
 * bookmarks: each H2 … H6 whose text is the document's, at its first
 * line's top. */
static void
plan_marks(docplan *dp, const gb_page *p, int pi, const char *doc)
{
	dmark m = { 0 };
	GString *title = NULL;
	const char *open = NULL;
	gboolean ours = FALSE;
	for (guint k = 0; k < p->items->len; k++) {
		const gb_item *it = page_item(p, k);
		if (it->kind == GB_ITEM_BEGIN && !open && it->text[0] == 'H'
		    && it->text[1] >= '2' && it->text[1] <= '6' && !it->text[2]) {
			open = it->text;
			m = (dmark){ .level = it->text[1] - '1', .page = pi, .x = -1 };
			title = g_string_new(NULL);
			ours = FALSE;
		} else if (open && it->kind == GB_ITEM_TEXT) {
			if (m.x < 0) {
				m.x = it->x;
				m.y = it->y - it->size;
				ours = it->src_doc && strcmp(it->src_doc, doc) == 0;
			}
			g_string_append(title, it->text);
		} else if (open && it->kind == GB_ITEM_END && strcmp(it->text, open) == 0) {
			open = NULL;
			if (ours && title->len) {
				m.title = g_string_free(title, FALSE);
				g_array_append_val(dp->marks, m);
			} else {
				g_string_free(title, TRUE);
			}
			title = NULL;
		}
	}
	if (title)
		g_string_free(title, TRUE);
}

/* Document DOC's plan: PAGES seen through its pages only (the structure
 * and the images' texts read the list as they read the issue's). */
static docplan *
plan_document(gb_docfiles *d, const gb_pages *pages, const gb_page_document *doc, guint first,
    guint last)
{
	docplan *dp = g_new0(docplan, 1);
	dp->file = docfile_name(doc);
	dp->first = first;
	dp->last = last;
	dp->header = doc_header(pages, doc);
	dp->labels = g_ptr_array_new();
	dp->dests = g_array_new(FALSE, FALSE, sizeof(ddest));
	dp->marks = g_array_new(FALSE, FALSE, sizeof(dmark));
	dp->has_dest = g_hash_table_new(g_str_hash, g_str_equal);
	gb_pages view = *pages;	/* read only, never freed: its pages are the list's */
	view.pages = g_ptr_array_new();
	char *own = g_strconcat("doc-", doc->id, NULL);
	for (guint i = first; i <= last; i++) {
		const gb_page *p = pages_page(pages, i);
		int pi = (int)(i - first);
		g_ptr_array_add(view.pages, (gpointer)p);
		g_ptr_array_add(dp->labels, g_string_chunk_insert_const(d->strings, p->label));
		for (guint k = 0; k < p->items->len; k++) {
			const gb_item *it = page_item(p, k);
			if (it->kind != GB_ITEM_DEST)
				continue;
			ddest dd = { g_string_chunk_insert_const(d->strings, it->text), pi, it->x, it->y };
			g_array_append_val(dp->dests, dd);
			g_hash_table_add(dp->has_dest, (gpointer)dd.name);
			/* a document's own destination leads to its file */
			gboolean mine = strcmp(it->text, own) == 0;
			if (mine || !g_hash_table_contains(d->dest_file, dd.name))
				g_hash_table_replace(d->dest_file, (gpointer)dd.name, dp->file);
			if (mine) {
				dmark m = { 0, g_strdup(pages_meta(dp->header, "title")), pi, it->x,
					it->y };
				g_array_prepend_val(dp->marks, m);
			}
		}
		plan_marks(dp, p, pi, doc->id);
	}
	g_free(own);
	dp->tree = structure_plan(&view);
	dp->alts = image_alts(&view);
	g_ptr_array_unref(view.pages);
	return dp;
}

gb_docfiles *
docfiles_plan(const gb_pages *pages, const char *name, GError **error)
{
	gb_docfiles *d = g_new0(gb_docfiles, 1);
	d->name = g_strdup(name);
	d->trim_height = pages->trim_height;
	d->docs = g_ptr_array_new_with_free_func(docplan_free);
	d->dest_file = g_hash_table_new(g_str_hash, g_str_equal);
	d->strings = g_string_chunk_new(4096);
	GHashTable *ranges = docfile_ranges(pages);
	for (guint i = 0; i < pages->documents->len; i++) {
		const gb_page_document *doc = &g_array_index(pages->documents, gb_page_document, i);
		const docfile_range *r = g_hash_table_lookup(ranges, doc->id);
		if (!r) {
			diag_set_error(error, name, 0, DIAG_DOCFILES_NO_PAGES, doc->id, doc->identifier);
			g_hash_table_destroy(ranges);
			docfiles_free(d);
			return NULL;
		}
		g_ptr_array_add(d->docs, plan_document(d, pages, doc, r->first, r->last));
	}
	g_hash_table_destroy(ranges);
	return d;
}

/* --- one file -------------------------------------------------------------------- */

/* [PAGE /XYZ x y null]: the point (X, Y) of the trim (y down). */
static qpdf_oh
dest_array(qpdf_data q, qpdf_oh page, double x, double y, double trim_height)
{
	qpdf_oh a = qpdf_oh_new_array(q);
	qpdf_oh_append_item(q, a, page);
	qpdf_oh_append_item(q, a, qpdf_oh_new_name(q, "/XYZ"));
	qpdf_oh_append_item(q, a, qpdf_oh_new_real_from_double(q, x, 2));
	qpdf_oh_append_item(q, a, qpdf_oh_new_real_from_double(q, trim_height - y, 2));
	qpdf_oh_append_item(q, a, qpdf_oh_new_null(q));
	return a;
}

static int
cmp_dest(gconstpointer a, gconstpointer b)
{
	return strcmp(((const ddest *)a)->name, ((const ddest *)b)->name);
}

/* /Names /Dests: its destinations, sorted as a name tree is. */
static void
add_dests(gb_docfiles *d, docplan *dp, qpdf_data q, const qpdf_oh *pages)
{
	GArray *sorted = g_array_copy(dp->dests);
	g_array_sort(sorted, cmp_dest);
	qpdf_oh names = qpdf_oh_new_array(q);
	for (guint i = 0; i < sorted->len; i++) {
		const ddest *dd = &g_array_index(sorted, ddest, i);
		if (i && strcmp(dd->name, g_array_index(sorted, ddest, i - 1).name) == 0)
			continue;	/* the list defines each once */
		qpdf_oh_append_item(q, names, qpdf_oh_new_string(q, dd->name));
		qpdf_oh_append_item(q, names, dest_array(q, pages[dd->page], dd->x, dd->y,
		    d->trim_height));
	}
	g_array_free(sorted, TRUE);
	qpdf_oh tree = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, tree, "/Names", names);
	qpdf_oh dict = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, dict, "/Dests", qpdf_make_indirect_object(q, tree));
	qpdf_oh_replace_key(q, qpdf_get_root(q), "/Names", dict);
}

/* /PageLabels: each page the label it has in the issue (its folio). */
static void
add_labels(docplan *dp, qpdf_data q)
{
	qpdf_oh nums = qpdf_oh_new_array(q);
	for (guint i = 0; i < dp->labels->len; i++) {
		qpdf_oh l = qpdf_oh_new_dictionary(q);
		qpdf_oh_replace_key(q, l, "/P", qpdf_oh_new_unicode_string(q, dp->labels->pdata[i]));
		qpdf_oh_append_item(q, nums, qpdf_oh_new_integer(q, i));
		qpdf_oh_append_item(q, nums, l);
	}
	qpdf_oh labels = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, labels, "/Nums", nums);
	qpdf_oh_replace_key(q, qpdf_get_root(q), "/PageLabels", labels);
}

/* /Outlines: the title, open, over its headings nested by level (each
 * closed over the headings under it). */
static void
add_outline(gb_docfiles *d, docplan *dp, qpdf_data q, const qpdf_oh *pages)
{
	guint n = dp->marks->len;
	if (!n)
		return;
	qpdf_oh *item = g_new0(qpdf_oh, n + 1);
	int *first = g_new(int, n + 1), *last = g_new(int, n + 1), *count = g_new0(int, n + 1);
	int *parent = g_new(int, n);
	int at_level[8];
	for (int l = 0; l < 8; l++)
		at_level[l] = -1;
	item[n] = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));	/* the root */
	for (guint i = 0; i <= n; i++)
		first[i] = last[i] = -1;
	for (guint i = 0; i < n; i++) {
		const dmark *m = &g_array_index(dp->marks, dmark, i);
		int level = CLAMP(m->level, 0, 7);
		int p = (int)n;
		for (int l = level - 1; l >= 0; l--)
			if (at_level[l] >= 0) {
				p = at_level[l];
				break;
			}
		at_level[level] = (int)i;
		for (int l = level + 1; l < 8; l++)
			at_level[l] = -1;
		parent[i] = p;
		item[i] = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));
		qpdf_oh_replace_key(q, item[i], "/Title", qpdf_oh_new_unicode_string(q, m->title));
		qpdf_oh_replace_key(q, item[i], "/Dest", dest_array(q, pages[m->page], m->x, m->y,
		    d->trim_height));
		qpdf_oh_replace_key(q, item[i], "/Parent", item[p]);
		if (last[p] >= 0) {
			qpdf_oh_replace_key(q, item[last[p]], "/Next", item[i]);
			qpdf_oh_replace_key(q, item[i], "/Prev", item[last[p]]);
		} else {
			first[p] = (int)i;
		}
		last[p] = (int)i;
		count[p]++;
	}
	int visible = 0;
	for (guint i = 0; i <= n; i++) {
		if (first[i] < 0)
			continue;
		qpdf_oh_replace_key(q, item[i], "/First", item[first[i]]);
		qpdf_oh_replace_key(q, item[i], "/Last", item[last[i]]);
		/* the root's children and the title's are shown, deeper closed */
		gboolean open = i == n || parent[i] == (int)n;
		if (i < n)
			qpdf_oh_replace_key(q, item[i], "/Count",
			    qpdf_oh_new_integer(q, open ? count[i] : -count[i]));
		if (open)
			visible += count[i];
	}
	qpdf_oh_replace_key(q, item[n], "/Type", qpdf_oh_new_name(q, "/Outlines"));
	qpdf_oh_replace_key(q, item[n], "/Count", qpdf_oh_new_integer(q, visible));
	qpdf_oh root = qpdf_get_root(q);
	qpdf_oh_replace_key(q, root, "/Outlines", item[n]);
	qpdf_oh_replace_key(q, root, "/PageMode", qpdf_oh_new_name(q, "/UseOutlines"));
	g_free(item);
	g_free(first);
	g_free(last);
	g_free(count);
	g_free(parent);
}

/* A link to a destination the file does not hold goes to the file of the
 * document that holds it (a 解读's line to its document), else to the
 * issue's web edition beside the directory. */
static void
retarget_links(gb_docfiles *d, docplan *dp, qpdf_data q, const qpdf_oh *pages)
{
	for (guint pi = 0; pi < dp->labels->len; pi++) {
		qpdf_oh annots = qpdf_oh_get_key(q, pages[pi], "/Annots");
		int n = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
		for (int k = 0; k < n; k++) {
			qpdf_oh a = qpdf_oh_get_array_item(q, annots, k);
			qpdf_oh dest = qpdf_oh_get_key(q, a, "/Dest");
			if (!qpdf_oh_is_string(q, dest))
				continue;
			const char *name = qpdf_oh_get_string_value(q, dest);
			if (g_hash_table_contains(dp->has_dest, name))
				continue;
			const char *file = g_hash_table_lookup(d->dest_file, name);
			char *target = file ? g_strdup(file) : g_strdup("../web.pdf");
			qpdf_oh spec = qpdf_oh_new_dictionary(q);
			qpdf_oh_replace_key(q, spec, "/Type", qpdf_oh_new_name(q, "/Filespec"));
			qpdf_oh_replace_key(q, spec, "/F", qpdf_oh_new_string(q, target));
			qpdf_oh_replace_key(q, spec, "/UF", qpdf_oh_new_unicode_string(q, target));
			qpdf_oh action = qpdf_oh_new_dictionary(q);
			qpdf_oh_replace_key(q, action, "/S", qpdf_oh_new_name(q, "/GoToR"));
			qpdf_oh_replace_key(q, action, "/F", spec);
			qpdf_oh_replace_key(q, action, "/D", qpdf_oh_new_string(q, name));
			qpdf_oh_replace_key(q, a, "/A", action);
			qpdf_oh_remove_key(q, a, "/Dest");
			g_free(target);
		}
	}
}

/* FALSE with the error of qpdf on Q, naming NAME. */
static gboolean
qpdf_error_of(qpdf_data q, const char *name, GError **error)
{
	qpdf_error e = qpdf_get_error(q);
	diag_set_error(error, name, 0, DIAG_PDFPOST_QPDF, "文档文件",
	    e ? qpdf_get_error_full_text(q, e) : "?");
	return FALSE;
}

/* Document DP's pages of SRC (cairo's PDF) as a PDF of their own, its
 * destinations, labels, bookmarks and links its own: what pdfpost_finish
 * then finishes as it does cairo's PDF.  NULL with an error. */
static GBytes *
extract(gb_docfiles *d, docplan *dp, qpdf_data src, const char *name, GError **error)
{
	qpdf_data q = qpdf_init();
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	guint n = dp->last - dp->first + 1;
	qpdf_oh *pages = g_new0(qpdf_oh, n);
	gboolean ok = !(qpdf_empty_pdf(q) & QPDF_ERRORS);
	for (guint i = 0; ok && i < n; i++) {
		qpdf_oh page = qpdf_get_page_n(src, dp->first + i);
		ok = !(qpdf_add_page(q, src, page, QPDF_FALSE) & QPDF_ERRORS);
	}
	for (guint i = 0; ok && i < n; i++)
		pages[i] = qpdf_get_page_n(q, i);
	GBytes *out = NULL;
	if (ok) {
		add_dests(d, dp, q, pages);
		add_labels(dp, q);
		add_outline(d, dp, q, pages);
		retarget_links(d, dp, q, pages);
		ok = fontsubset_apply(q) && !qpdf_has_error(q) && !(qpdf_init_write_memory(q) & QPDF_ERRORS);
	}
	if (ok) {
		/* as cairo's own: streams as they are, read once more at once */
		qpdf_set_object_stream_mode(q, qpdf_o_disable);
		qpdf_set_decode_level(q, qpdf_dl_none);
		qpdf_set_compress_streams(q, QPDF_FALSE);
		qpdf_set_deterministic_ID(q, QPDF_TRUE);
		ok = !(qpdf_write(q) & QPDF_ERRORS);
	}
	if (ok)
		out = g_bytes_new(qpdf_get_buffer(q), qpdf_get_buffer_length(q));
	else
		qpdf_error_of(q, name, error);
	g_free(pages);
	qpdf_cleanup(&q);
	return out;
}

/* Removes PATH, and what it holds if it is a directory. */
static void
remove_tree(const char *path)
{
	GDir *dir = g_file_test(path, G_FILE_TEST_IS_DIR) && !g_file_test(path,
	    G_FILE_TEST_IS_SYMLINK) ? g_dir_open(path, 0, NULL) : NULL;
	if (dir) {
		const char *e;
		while ((e = g_dir_read_name(dir))) {
			char *p = g_build_filename(path, e, NULL);
			remove_tree(p);
			g_free(p);
		}
		g_dir_close(dir);
		rmdir(path);
	} else {
		unlink(path);
	}
}

static gboolean
write_one(gb_docfiles *d, docplan *dp, qpdf_data src, const gb_pdf_date *date,
    const gb_signkey *signer, GError **error)
{
	char *name = g_build_filename(d->dir, dp->file, NULL);	/* for messages */
	char *path = g_build_filename(d->tmp, dp->file, NULL);
	GBytes *pdf = extract(d, dp, src, name, error);
	gboolean ok = FALSE;
	FILE *f = pdf ? fopen(path, "wb") : NULL;
	if (pdf && !f)
		diag_set_error(error, name, 0, DIAG_DOCFILES_WRITE, path, g_strerror(errno));
	if (f) {
		gb_painted painted = { .bytes = pdf, .beside = path };
		ok = pdfpost_finish(&painted, dp->header, dp->alts, dp->tree, name, GB_EDITION_WEB, date,
		    NULL, signer, f, error);
		if (fclose(f) != 0 && ok) {
			diag_set_error(error, name, 0, DIAG_DOCFILES_WRITE, path, g_strerror(errno));
			ok = FALSE;
		}
	}
	if (pdf)
		g_bytes_unref(pdf);
	g_free(name);
	g_free(path);
	return ok;
}

gboolean
docfiles_write(gb_docfiles *d, const gb_painted *cairo_pdf, const char *dir,
    const gb_pdf_date *date, const gb_signkey *signer, GError **error)
{
	g_free(d->dir);
	d->dir = g_strdup(dir);
	char *parent = g_path_get_dirname(dir), *base = g_path_get_basename(dir);
	char *tmpl = g_strdup_printf("%s/.%s.tmp-XXXXXX", parent, base);
	g_free(base);
	if (g_mkdir_with_parents(parent, 0777) != 0 || !g_mkdtemp(tmpl)) {
		diag_set_error(error, dir, 0, DIAG_DOCFILES_WRITE, tmpl, g_strerror(errno));
		g_free(tmpl);
		g_free(parent);
		return FALSE;
	}
	g_free(parent);
	/* readable as the files in it are (mkdtemp makes it the owner's only) */
	mode_t mask = umask(0);
	umask(mask);
	chmod(tmpl, 0777 & ~mask);
	d->tmp = tmpl;

	qpdf_data src = qpdf_init();
	qpdf_silence_errors(src);
	qpdf_set_suppress_warnings(src, QPDF_TRUE);
	gboolean ok = !(pdfpost_read_painted(src, cairo_pdf, d->name) & QPDF_ERRORS);
	if (!ok)
		diag_set_error(error, d->name, 0, DIAG_PDFPOST_CAIRO_PDF);
	for (guint i = 0; ok && i < d->docs->len; i++)
		ok = write_one(d, d->docs->pdata[i], src, date, signer, error);
	qpdf_cleanup(&src);
	if (!ok)
		docfiles_abort(d);
	return ok;
}

gboolean
docfiles_commit(gb_docfiles *d, GError **error)
{
	if (!d->tmp)
		return TRUE;
	gboolean exists = g_file_test(d->dir, G_FILE_TEST_EXISTS)
	    || g_file_test(d->dir, G_FILE_TEST_IS_SYMLINK);
	int r = exists ? renameat2(AT_FDCWD, d->tmp, AT_FDCWD, d->dir, RENAME_EXCHANGE)
	    : rename(d->tmp, d->dir);
	if (r != 0) {
		diag_set_error(error, d->dir, 0, DIAG_DOCFILES_WRITE, d->dir, g_strerror(errno));
		docfiles_abort(d);
		return FALSE;
	}
	if (exists)
		remove_tree(d->tmp);	/* the old directory, now at the temporary name */
	g_free(d->tmp);
	d->tmp = NULL;
	return TRUE;
}

void
docfiles_abort(gb_docfiles *d)
{
	if (!d || !d->tmp)
		return;
	remove_tree(d->tmp);
	g_free(d->tmp);
	d->tmp = NULL;
}
