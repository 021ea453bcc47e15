/* volume.c — `gongbao-archive volume --year Y -o FILE [INDEX.pdf]`: the
 * bound volume (合订本): the annual index's web edition and the year's
 * published web editions (each checked against the SHA-256 published)
 * joined with libqpdf, bookmarks year → issue → section → document, page
 * labels 第5期 12, the index's links turned into links to the bound pages,
 * then finished and signed as a web edition is (pdfpost_finish). */
#include "annual.h"
#include "archive.h"
#include "archstore.h"
#include "diag.h"
#include "pages.h"
#include "pdfpost.h"
#include "signkey.h"
#include "tree.h"
#include "util.h"

#include <errno.h>
#include <qpdf/qpdf-c.h>
#include <stdlib.h>
#include <string.h>

#define PROGRAM "gongbao-archive"
#define MAX_PDF (G_GINT64_CONSTANT(1) << 30)

/* One PDF joined: the index or an issue's web edition. */
typedef struct {
	char *path;
	const annual_issue *issue;	/* NULL: the index */
	char *data;
	gsize len;
	qpdf_data q;
	int npages;
	int first;		/* its first page in the volume, from 0 */
	GHashTable *page_of;	/* object id of a page → its index in the file, +1 */
	GHashTable *dests;	/* named destination → its page in the file, from 0, +1 */
} part;

typedef struct {
	const annual_year *y;
	const char *output;
	GError **error;
	GPtrArray *parts;	/* part*: the index, then the issues */
	qpdf_data q;		/* the volume */
	char *index_dir;	/* the index's directory: its links are relative to it */
} binder;

static void
part_free(gpointer p)
{
	part *pt = p;
	if (pt->q)
		qpdf_cleanup(&pt->q);
	g_free(pt->path);
	g_free(pt->data);
	if (pt->page_of)
		g_hash_table_destroy(pt->page_of);
	if (pt->dests)
		g_hash_table_destroy(pt->dests);
	g_free(pt);
}

static gboolean
qpdf_fail(binder *b, qpdf_data q, const char *doing)
{
	qpdf_error e = qpdf_has_error(q) ? qpdf_get_error(q) : NULL;
	diag_set_error(b->error, b->output, 0, DIAG_VOLUME_QPDF, doing,
	    e ? qpdf_get_error_full_text(q, e) : "?");
	return FALSE;
}

/* --- the parts ------------------------------------------------------------ */

static char *
sha256_hex(const char *data, gsize len)
{
	return g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
}

/* A name tree's leaves (PDF 1.7, 7.9.6) into PT->dests, to DEPTH. */
static void
collect_dests(part *pt, qpdf_oh node, int depth)
{
	qpdf_data q = pt->q;
	if (depth > 32 || !qpdf_oh_is_dictionary(q, node))
		return;
	qpdf_oh names = qpdf_oh_get_key(q, node, "/Names");
	int n = qpdf_oh_is_array(q, names) ? qpdf_oh_get_array_n_items(q, names) : 0;
	for (int i = 0; i + 1 < n; i += 2) {
		qpdf_oh k = qpdf_oh_get_array_item(q, names, i);
		qpdf_oh v = qpdf_oh_get_array_item(q, names, i + 1);
		if (qpdf_oh_is_dictionary(q, v))
			v = qpdf_oh_get_key(q, v, "/D");
		if (!qpdf_oh_is_string(q, k) || !qpdf_oh_is_array(q, v))
			continue;
		int id = qpdf_oh_get_object_id(q, qpdf_oh_get_array_item(q, v, 0));
		gpointer page = g_hash_table_lookup(pt->page_of, GINT_TO_POINTER(id));
		if (page)
			g_hash_table_insert(pt->dests, g_strdup(qpdf_oh_get_utf8_value(q, k)), page);
	}
	qpdf_oh kids = qpdf_oh_get_key(q, node, "/Kids");
	int nk = qpdf_oh_is_array(q, kids) ? qpdf_oh_get_array_n_items(q, kids) : 0;
	for (int i = 0; i < nk; i++)
		collect_dests(pt, qpdf_oh_get_array_item(q, kids, i), depth + 1);
}

/* Reads PT->path: the whole file (checked against the issue's published
 * SHA-256), then with qpdf. */
static gboolean
read_part(binder *b, part *pt)
{
	GError *err = NULL;
	if (!gb_read_input(pt->path, MAX_PDF, &pt->data, &pt->len, &err)) {
		char *why = diag_error_text(err, pt->path);
		if (pt->issue)
			diag_set_error(b->error, pt->path, 0, DIAG_VOLUME_EDITION_UNREADABLE,
			    pt->issue->number, why);
		else
			diag_set_error(b->error, pt->path, 0, DIAG_VOLUME_INDEX_MISSING, why, b->y->year);
		g_free(why);
		g_error_free(err);
		return FALSE;
	}
	if (pt->issue) {
		char *sum = sha256_hex(pt->data, pt->len);
		gboolean same = g_ascii_strcasecmp(sum, pt->issue->web_sha256) == 0;
		if (!same)
			diag_set_error(b->error, pt->path, 0, DIAG_VOLUME_EDITION_CHANGED, pt->path, sum,
			    pt->issue->web_sha256);
		g_free(sum);
		if (!same)
			return FALSE;
	}
	pt->q = qpdf_init();
	qpdf_silence_errors(pt->q);
	qpdf_set_suppress_warnings(pt->q, QPDF_TRUE);
	if (qpdf_read_memory(pt->q, pt->path, pt->data, pt->len, NULL) & QPDF_ERRORS) {
		qpdf_error e = qpdf_get_error(pt->q);
		const char *why = e ? qpdf_get_error_full_text(pt->q, e) : "?";
		if (pt->issue)
			diag_set_error(b->error, pt->path, 0, DIAG_VOLUME_EDITION_UNREADABLE,
			    pt->issue->number, why);
		else
			diag_set_error(b->error, pt->path, 0, DIAG_VOLUME_INDEX_MISSING, why, b->y->year);
		return FALSE;
	}
	pt->npages = qpdf_get_num_pages(pt->q);
	if (pt->issue && pt->npages != pt->issue->pages) {
		diag_set_error(b->error, pt->path, 0, DIAG_VOLUME_EDITION_PAGES, pt->path, pt->npages,
		    pt->issue->pages);
		return FALSE;
	}
	pt->page_of = g_hash_table_new(NULL, NULL);
	for (int i = 0; i < pt->npages; i++)
		g_hash_table_insert(pt->page_of,
		    GINT_TO_POINTER(qpdf_oh_get_object_id(pt->q, qpdf_get_page_n(pt->q, i))),
		    GINT_TO_POINTER(i + 1));
	pt->dests = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	qpdf_oh names = qpdf_oh_get_key(pt->q, qpdf_get_root(pt->q), "/Names");
	collect_dests(pt, qpdf_oh_get_key(pt->q, names, "/Dests"), 0);
	if (!pt->issue) {
		/* the index of this year: its title says so */
		qpdf_oh info = qpdf_oh_get_key(pt->q, qpdf_get_trailer(pt->q), "/Info");
		qpdf_oh title = qpdf_oh_get_key(pt->q, info, "/Title");
		const char *t = qpdf_oh_is_string(pt->q, title) ? qpdf_oh_get_utf8_value(pt->q, title) : "";
		char *want = g_strdup_printf("%d年度总目录", b->y->year);
		gboolean ok = strstr(t, want) != NULL;
		if (!ok)
			diag_set_error(b->error, pt->path, 0, DIAG_VOLUME_INDEX_YEAR, pt->path,
			    b->y->year, t);
		g_free(want);
		return ok;
	}
	return TRUE;
}

/* --- the pages ------------------------------------------------------------ */

static qpdf_oh
volume_page(binder *b, const part *pt, int page)
{
	return qpdf_get_page_n(b->q, (size_t)(pt->first + page));
}

/* An explicit destination: the top of page PAGE of part PT in the volume. */
static qpdf_oh
dest_to(binder *b, const part *pt, int page)
{
	qpdf_oh d = qpdf_oh_new_array(b->q);
	qpdf_oh_append_item(b->q, d, volume_page(b, pt, page));
	qpdf_oh_append_item(b->q, d, qpdf_oh_new_name(b->q, "/Fit"));
	return d;
}

static const part *
part_of_issue(binder *b, const annual_issue *is)
{
	for (guint i = 0; i < b->parts->len; i++) {
		const part *pt = b->parts->pdata[i];
		if (pt->issue == is)
			return pt;
	}
	return NULL;
}

/* The annotations of the volume's page K (of part PT): the issues'
 * signature fields go (the volume is signed as a whole), a link to a
 * named destination goes to its page in the volume, and the links to the
 * documents' files (the index's, a 解读's) go to the bound pages. */
static void
retarget_annotations(binder *b, part *pt, int k)
{
	qpdf_data q = b->q;
	qpdf_oh page = volume_page(b, pt, k);
	qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
	if (!qpdf_oh_is_array(q, annots))
		return;
	qpdf_oh kept = qpdf_oh_new_array(q);
	int n = qpdf_oh_get_array_n_items(q, annots);
	for (int i = 0; i < n; i++) {
		qpdf_oh a = qpdf_oh_get_array_item(q, annots, i);
		if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, a, "/Subtype"), "/Widget")
		    || qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, a, "/FT"), "/Sig"))
			continue;
		qpdf_oh_remove_key(q, a, "/StructParent");
		qpdf_oh dest = qpdf_oh_get_key(q, a, "/Dest");
		qpdf_oh action = qpdf_oh_get_key(q, a, "/A");
		if (qpdf_oh_is_dictionary(q, action)
		    && qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, action, "/S"), "/GoTo"))
			dest = qpdf_oh_get_key(q, action, "/D");
		if (qpdf_oh_is_string(q, dest) || qpdf_oh_is_name(q, dest)) {
			const char *name = qpdf_oh_is_string(q, dest) ? qpdf_oh_get_utf8_value(q, dest)
			    : qpdf_oh_get_name(q, dest) + 1;
			gpointer to = g_hash_table_lookup(pt->dests, name);
			if (to) {
				qpdf_oh_remove_key(q, a, "/A");
				qpdf_oh_replace_key(q, a, "/Dest",
				    dest_to(b, pt, GPOINTER_TO_INT(to) - 1));
			}
		} else if (qpdf_oh_is_dictionary(q, action)
		    && qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, action, "/S"), "/URI")) {
			/* relative to the file it is in: the index's directory, or
			 * an issue's (a 解读 of an earlier issue links to its file) */
			qpdf_oh uri = qpdf_oh_get_key(q, action, "/URI");
			int to = 0;
			const annual_document *d = qpdf_oh_is_string(q, uri)
			    ? annual_link_target(b->y, qpdf_oh_get_utf8_value(q, uri),
				pt->issue ? pt->issue->out_dir : b->index_dir, &to)
			    : NULL;
			const part *target = d ? part_of_issue(b, d->issue) : NULL;
			if (target && to >= 1 && to <= target->npages) {
				qpdf_oh_remove_key(q, a, "/A");
				qpdf_oh_replace_key(q, a, "/Dest", dest_to(b, target, to - 1));
			}
		}
		qpdf_oh_append_item(q, kept, a);
	}
	if (qpdf_oh_get_array_n_items(q, kept))
		qpdf_oh_replace_key(q, page, "/Annots", kept);
	else
		qpdf_oh_remove_key(q, page, "/Annots");
}

/* The page label of page I of PT's own labels (cairo writes one /P a
 * page, PDF 1.7 12.4.2), or its number. */
static char *
own_label(const part *pt, int i)
{
	qpdf_data q = pt->q;
	qpdf_oh labels = qpdf_oh_get_key(q, qpdf_get_root(q), "/PageLabels");
	qpdf_oh nums = qpdf_oh_get_key(q, labels, "/Nums");
	int n = qpdf_oh_is_array(q, nums) ? qpdf_oh_get_array_n_items(q, nums) : 0;
	int start = -1;
	qpdf_oh found = 0;
	for (int k = 0; k + 1 < n; k += 2) {
		int at = qpdf_oh_get_int_value_as_int(q, qpdf_oh_get_array_item(q, nums, k));
		if (at <= i && at > start) {
			start = at;
			found = qpdf_oh_get_array_item(q, nums, k + 1);
		}
	}
	if (start < 0 || !qpdf_oh_is_dictionary(q, found))
		return g_strdup_printf("%d", i + 1);
	qpdf_oh p = qpdf_oh_get_key(q, found, "/P");
	const char *prefix = qpdf_oh_is_string(q, p) ? qpdf_oh_get_utf8_value(q, p) : "";
	qpdf_oh st = qpdf_oh_get_key(q, found, "/St");
	int first = qpdf_oh_is_integer(q, st) ? qpdf_oh_get_int_value_as_int(q, st) : 1;
	if (!qpdf_oh_has_key(q, found, "/S"))
		return g_strdup(prefix);
	return g_strdup_printf("%s%d", prefix, first + i - start);
}

/* The volume's labels: 第5期 12 for an issue's page (its own label after
 * the issue's number), 总目录 3 for the index's. */
static void
set_labels(binder *b)
{
	qpdf_data q = b->q;
	qpdf_oh nums = qpdf_oh_new_array(q);
	for (guint i = 0; i < b->parts->len; i++) {
		const part *pt = b->parts->pdata[i];
		for (int k = 0; k < pt->npages; k++) {
			char *own = own_label(pt, k);
			char *label = pt->issue ? annual_folio_label(pt->issue->number, own)
			    : g_strdup_printf("总目录 %s", own);
			qpdf_oh d = qpdf_oh_new_dictionary(q);
			qpdf_oh_replace_key(q, d, "/P", qpdf_oh_new_unicode_string(q, label));
			qpdf_oh_append_item(q, nums, qpdf_oh_new_integer(q, pt->first + k));
			qpdf_oh_append_item(q, nums, d);
			g_free(own);
			g_free(label);
		}
	}
	qpdf_oh labels = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, labels, "/Nums", nums);
	qpdf_oh_replace_key(q, qpdf_get_root(q), "/PageLabels", labels);
}

/* --- the bookmarks --------------------------------------------------------- */

typedef struct mark {
	char *title;
	qpdf_oh dest;
	GPtrArray *kids;	/* struct mark* */
} mark;

static void
mark_free(gpointer p)
{
	mark *m = p;
	g_free(m->title);
	g_ptr_array_free(m->kids, TRUE);
	g_free(m);
}

static mark *
mark_add(mark *parent, const char *title, qpdf_oh dest)
{
	mark *m = g_new0(mark, 1);
	m->title = g_strdup(title);
	m->dest = dest;
	m->kids = g_ptr_array_new_with_free_func(mark_free);
	if (parent)
		g_ptr_array_add(parent->kids, m);
	return m;
}

/* M's kids as outline items under PARENT (indirect); their count. */
static int
write_kids(binder *b, const mark *m, qpdf_oh parent)
{
	qpdf_data q = b->q;
	qpdf_oh prev = 0;
	int count = 0;
	qpdf_oh *items = g_new0(qpdf_oh, m->kids->len + 1);
	for (guint i = 0; i < m->kids->len; i++)
		items[i] = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));
	for (guint i = 0; i < m->kids->len; i++) {
		const mark *k = m->kids->pdata[i];
		qpdf_oh it = items[i];
		qpdf_oh_replace_key(q, it, "/Title", qpdf_oh_new_unicode_string(q, k->title));
		qpdf_oh_replace_key(q, it, "/Parent", parent);
		qpdf_oh_replace_key(q, it, "/Dest", k->dest);
		if (prev)
			qpdf_oh_replace_key(q, it, "/Prev", prev);
		if (i + 1 < m->kids->len)
			qpdf_oh_replace_key(q, it, "/Next", items[i + 1]);
		int below = write_kids(b, k, it);
		/* the year and the issues open, sections and documents closed */
		if (below)
			qpdf_oh_replace_key(q, it, "/Count", qpdf_oh_new_integer(q, below));
		count += 1 + below;
		prev = it;
	}
	if (m->kids->len) {
		qpdf_oh_replace_key(q, parent, "/First", items[0]);
		qpdf_oh_replace_key(q, parent, "/Last", items[m->kids->len - 1]);
	}
	g_free(items);
	return count;
}

static void
set_outline(binder *b)
{
	qpdf_data q = b->q;
	const annual_year *y = b->y;
	const annual_issue *first = y->issues->pdata[0];
	mark *root = mark_add(NULL, "", 0);
	char *t = g_strdup_printf("%s%d年", first->title, y->year);
	const part *index = b->parts->pdata[0];
	mark *year = mark_add(root, t, dest_to(b, index, 0));
	g_free(t);
	t = g_strdup_printf("%d年度总目录", y->year);
	mark_add(year, t, dest_to(b, index, 0));
	g_free(t);
	for (guint i = 1; i < b->parts->len; i++) {
		const part *pt = b->parts->pdata[i];
		const annual_issue *is = pt->issue;
		char *it = is->cumulative > 0
		    ? g_strdup_printf("%d年第%d期（总第%d期）", is->year, is->number, is->cumulative)
		    : g_strdup_printf("%d年第%d期", is->year, is->number);
		mark *issue = mark_add(year, it, dest_to(b, pt, 0));
		g_free(it);
		mark *section = NULL;
		const char *sname = NULL;
		for (guint k = 0; k < y->documents->len; k++) {
			const annual_document *d = y->documents->pdata[k];
			if (d->issue != is || d->first_page < 1 || d->first_page > pt->npages)
				continue;
			if (!sname || strcmp(sname, d->section) != 0)
				section = mark_add(issue, sname = d->section,
				    dest_to(b, pt, d->first_page - 1));
			mark_add(section, d->title, dest_to(b, pt, d->first_page - 1));
		}
	}
	qpdf_oh outlines = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));
	qpdf_oh_replace_key(q, outlines, "/Type", qpdf_oh_new_name(q, "/Outlines"));
	int n = write_kids(b, root, outlines);
	qpdf_oh_replace_key(q, outlines, "/Count", qpdf_oh_new_integer(q, n));
	qpdf_oh root_dict = qpdf_get_root(q);
	qpdf_oh_replace_key(q, root_dict, "/Outlines", outlines);
	qpdf_oh_replace_key(q, root_dict, "/PageMode", qpdf_oh_new_name(q, "/UseOutlines"));
	mark_free(root);
}

/* --- binding ---------------------------------------------------------------- */

/* The parts joined into one PDF (not yet finished): its bytes. */
static GBytes *
join(binder *b)
{
	qpdf_data q = b->q = qpdf_init();
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	gboolean ok = !(qpdf_empty_pdf(q) & QPDF_ERRORS);
	int at = 0;
	for (guint i = 0; ok && i < b->parts->len; i++) {
		part *pt = b->parts->pdata[i];
		pt->first = at;
		for (int k = 0; ok && k < pt->npages; k++)
			ok = !(qpdf_add_page(q, pt->q, qpdf_get_page_n(pt->q, k), QPDF_FALSE)
			    & QPDF_ERRORS);
		at += pt->npages;
	}
	if (!ok) {
		qpdf_fail(b, q, "合并页面");
		return NULL;
	}
	for (guint i = 0; i < b->parts->len; i++) {
		part *pt = b->parts->pdata[i];
		for (int k = 0; k < pt->npages; k++)
			retarget_annotations(b, pt, k);
	}
	set_labels(b);
	set_outline(b);
	if (qpdf_has_error(q) || (qpdf_init_write_memory(q) & QPDF_ERRORS)) {
		qpdf_fail(b, q, "合并页面");
		return NULL;
	}
	qpdf_set_object_stream_mode(q, qpdf_o_disable);
	qpdf_set_decode_level(q, qpdf_dl_none);
	qpdf_set_deterministic_ID(q, QPDF_TRUE);
	if (qpdf_write(q) & QPDF_ERRORS) {
		qpdf_fail(b, q, "合并页面");
		return NULL;
	}
	return g_bytes_new(qpdf_get_buffer(q), qpdf_get_buffer_length(q));
}

/* The volume's metadata as a page list's header carries it for
 * pdfpost_finish: title, publisher, the date of the year's last issue
 * (never the clock), language; the trim of the first issue's pages. */
static gb_pages *
volume_header(binder *b)
{
	const annual_year *y = b->y;
	const annual_issue *last = y->issues->pdata[y->issues->len - 1];
	const part *pt = b->parts->pdata[1];
	double w = 595.28, h = 841.89;
	qpdf_oh box = qpdf_oh_get_key(pt->q, qpdf_get_page_n(pt->q, 0), "/MediaBox");
	if (qpdf_oh_is_array(pt->q, box) && qpdf_oh_get_array_n_items(pt->q, box) == 4) {
		w = qpdf_oh_get_numeric_value(pt->q, qpdf_oh_get_array_item(pt->q, box, 2))
		    - qpdf_oh_get_numeric_value(pt->q, qpdf_oh_get_array_item(pt->q, box, 0));
		h = qpdf_oh_get_numeric_value(pt->q, qpdf_oh_get_array_item(pt->q, box, 3))
		    - qpdf_oh_get_numeric_value(pt->q, qpdf_oh_get_array_item(pt->q, box, 1));
	}
	gb_pages *p = pages_new("volume", w, h, 0);
	char *title = g_strdup_printf("%s%d年合订本", last->title, y->year);
	pages_set_meta(p, "title", title);
	pages_set_meta(p, "gazette", last->title);
	pages_set_meta(p, "publisher", last->publisher);
	pages_set_meta(p, "date", last->date);
	pages_set_meta(p, "lang", "zh-CN");
	char *subject = g_strdup_printf("政府公报合订本：%d年第%d—%d期及年度总目录", y->year,
	    ((annual_issue *)y->issues->pdata[0])->number, last->number);
	pages_set_meta(p, "subject", subject);
	pages_set_meta(p, "keywords", "政府公报；合订本；年度总目录");
	g_free(title);
	g_free(subject);
	return p;
}

/* The key the year's last issue was signed with, as its tree names it
 * (OUT_DIR/issue.tree): the office's key.  NULL without an error when the
 * issue was not signed. */
static gb_signkey *
volume_signer(binder *b, const gb_pdf_date *date)
{
	const annual_issue *last = b->y->issues->pdata[b->y->issues->len - 1];
	char *path = g_build_filename(last->out_dir, "issue.tree", NULL);
	FILE *f = gb_check_input(path, MAX_PDF, NULL) ? fopen(path, "rb") : NULL;
	gb_tree *t = NULL;
	if (f) {
		GError *err = NULL;
		t = tree_read(f, path, &err);
		g_clear_error(&err);
		fclose(f);
	}
	g_free(path);
	const char *key = t ? tree_issue(t, "signing-key-file") : NULL;
	gb_signkey *k = NULL;
	if (key) {
		GError *err = NULL;
		k = signkey_load(key, date->seconds, &err);
		if (!k) {
			char *why = diag_error_text(err, signkey_error_file(err, key));
			diag_set_error(b->error, key, 0, DIAG_VOLUME_SIGNING_KEY, why);
			g_free(why);
			g_error_free(err);
		}
	}
	tree_free(t);
	return k;
}

static gboolean
bind_volume(binder *b, const char *index_path)
{
	part *ix = g_new0(part, 1);
	ix->path = g_strdup(index_path);
	g_ptr_array_add(b->parts, ix);
	char *cwd = g_get_current_dir();
	char *abs = g_canonicalize_filename(index_path, cwd);
	b->index_dir = g_path_get_dirname(abs);
	g_free(abs);
	g_free(cwd);
	for (guint i = 0; i < b->y->issues->len; i++) {
		part *pt = g_new0(part, 1);
		pt->issue = b->y->issues->pdata[i];
		pt->path = g_build_filename(pt->issue->out_dir, "web.pdf", NULL);
		g_ptr_array_add(b->parts, pt);
	}
	/* every edition checked before anything is joined */
	for (guint i = 1; i < b->parts->len; i++)
		if (!read_part(b, b->parts->pdata[i]))
			return FALSE;
	if (!read_part(b, ix))
		return FALSE;
	/* the key before the long join: a wrong passphrase is said at once */
	gb_pages *header = volume_header(b);
	gb_pdf_date date;
	gboolean ok = pdfpost_date(header, b->output, &date, b->error);
	gb_signkey *signer = ok ? volume_signer(b, &date) : NULL;
	ok = ok && (signer || !*b->error);
	GBytes *joined = ok ? join(b) : NULL;
	ok = joined != NULL;
	/* the parts are in the joined bytes now: their memory goes before the
	 * volume is finished (a year of large issues is gigabytes) */
	if (b->q)
		qpdf_cleanup(&b->q);
	g_ptr_array_set_size(b->parts, 0);
	gb_output *out = ok ? gb_output_open(b->output, b->error) : NULL;
	if (out) {
		GPtrArray *alts = g_ptr_array_new();
		gb_painted painted = { .bytes = joined, .beside = b->output };
		ok = pdfpost_finish(&painted, header, alts, NULL, b->output, GB_EDITION_WEB, &date, NULL,
		    signer, gb_output_file(out), b->error);
		g_ptr_array_free(alts, TRUE);
		if (ok)
			ok = gb_output_commit(out, b->error);
		else
			gb_output_abort(out);
	} else {
		ok = FALSE;
	}
	signkey_free(signer);
	pages_free(header);
	if (joined)
		g_bytes_unref(joined);
	return ok;
}

int
archive_volume(const gb_archive_options *opt, int argc, char **argv)
{
	const char *path = archive_db_path(opt);
	if (opt->year < 1 || opt->year > 9999)
		return diag_print(PROGRAM, 0, DIAG_ANNUAL_YEAR_NEEDED, "volume");
	if (!opt->output || strcmp(opt->output, "-") == 0)
		return diag_print(PROGRAM, 0, DIAG_VOLUME_OUTPUT_NEEDED);
	GError *err = NULL;
	annual_year *y = annual_load(path, opt->year, &err);
	if (y) {
		char *index_path = argc > 0 ? g_strdup(argv[0])
		    : g_strdup_printf("out/index-%d/web.pdf", opt->year);
		binder b = { .y = y, .output = opt->output, .error = &err,
			.parts = g_ptr_array_new_with_free_func(part_free) };
		bind_volume(&b, index_path);
		if (b.q)
			qpdf_cleanup(&b.q);
		g_ptr_array_free(b.parts, TRUE);
		g_free(b.index_dir);
		g_free(index_path);
	}
	int status = GB_EXIT_OK;
	if (err) {
		status = diag_print_error(PROGRAM, err);
		g_error_free(err);
	}
	annual_free(y);
	return status;
}
