/* distlist.c — the text side of an issue's distribution: reading the built
 * issue (issue.ini, the page counts and checksums of the two PDFs), who
 * gets what in which order, the print order and mailing list as text and
 * CSV, and the BagIt deposit packages.  The PDFs are distpdf.c. */
#include "distlist.h"

#include "diag.h"
#include "issueini.h"
#include "recipcsv.h"
#include "util.h"

#include <errno.h>
#include <json-glib/json-glib.h>
#include <poppler.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* --- the built issue ---------------------------------------------------- */

void
gb_dist_issue_free(gb_dist_issue *issue)
{
	if (!issue)
		return;
	g_free(issue->name);
	g_free(issue->title);
	g_free(issue->publisher);
	g_free(issue->editor);
	g_free(issue->address);
	g_free(issue->serial);
	g_free(issue->date);
	g_free(issue->issue_text);
	g_free(issue->print_pdf);
	g_free(issue->web_pdf);
	g_free(issue->print_sha256);
	g_free(issue->web_sha256);
	if (issue->docs)
		g_ptr_array_unref(issue->docs);
	g_free(issue);
}

/* The SHA-256 of the file at PATH in hex, and its size; NULL on error. */
char *
gb_dist_file_sha256(const char *path, gint64 *size, GError **error)
{
	FILE *f = gb_fopen_input(path, GB_MAX_PDF_INPUT, error);
	if (!f)
		return NULL;
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	guchar buf[65536];
	size_t n;
	gint64 total = 0;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		g_checksum_update(sum, buf, n);
		total += n;
	}
	char *hex = NULL;
	if (ferror(f))
		diag_set_error(error, path, 0, DIAG_DIST_READ_FAILED, g_strerror(errno));
	else
		hex = g_strdup(g_checksum_get_string(sum));
	fclose(f);
	g_checksum_free(sum);
	if (size)
		*size = total;
	return hex;
}

/* Opens PATH with poppler: its page count and the size of its first page. */
static gboolean
pdf_pages(const char *path, int *pages, double *w, double *h, GError **error)
{
	char *abs = g_canonicalize_filename(path, NULL);
	char *uri = g_filename_to_uri(abs, NULL, error);
	g_free(abs);
	if (!uri)
		return FALSE;
	GError *err = NULL;
	PopplerDocument *doc = poppler_document_new_from_file(uri, NULL, &err);
	g_free(uri);
	if (!doc) {
		diag_set_error(error, path, 0, DIAG_DIST_PDF_UNREADABLE, err->message);
		g_error_free(err);
		return FALSE;
	}
	*pages = poppler_document_get_n_pages(doc);
	if (*pages > 0 && w) {
		PopplerPage *page = poppler_document_get_page(doc, 0);
		poppler_page_get_size(page, w, h);
		g_object_unref(page);
	}
	g_object_unref(doc);
	if (*pages <= 0) {
		diag_set_error(error, path, 0, DIAG_DIST_PDF_EMPTY);
		return FALSE;
	}
	return TRUE;
}

/* A copy of TEXT, NULL when it is NULL. */
static char *
dup_or_null(const char *text)
{
	return text ? g_strdup(text) : NULL;
}

/* What the distribution needs of ISSUE_DIR/issue.ini, read by the one
 * reader (issueini.h); NULL when it refused the file. */
static gb_dist_issue *
issue_from_ini(const char *issue_dir, gb_diags *diags)
{
	char *path = g_build_filename(issue_dir, "issue.ini", NULL);
	gb_issueini *ini = issueini_read(path, diags);
	g_free(path);
	if (!ini || diags->worst >= GB_LEVEL_ERROR) {
		issueini_free(ini);
		return NULL;
	}
	gb_dist_issue *issue = g_new0(gb_dist_issue, 1);
	issue->name = g_path_get_basename(issue_dir);
	issue->title = g_strdup(ini->title);
	issue->publisher = g_strdup(ini->publisher);
	issue->editor = dup_or_null(ini->editor);
	issue->address = dup_or_null(ini->address);
	issue->serial = dup_or_null(ini->serial);
	issue->date = g_strdup(ini->date_iso);
	issue->year = ini->year;
	issue->number = ini->number;
	issue->cumulative = ini->cumulative;
	issue->reserve = ini->reserve_copies;
	issue->issue_text = issue_title(ini->year, ini->number, ini->cumulative);
	issueini_free(ini);
	return issue;
}

gb_dist_issue *
gb_dist_issue_load(const char *issue_dir, const char *out_dir, gb_diags *diags, GError **error)
{
	gb_dist_issue *issue = issue_from_ini(issue_dir, diags);
	if (!issue)
		return NULL;
	issue->print_pdf = g_build_filename(out_dir, "print.pdf", NULL);
	issue->web_pdf = g_build_filename(out_dir, "web.pdf", NULL);
	const char *pdfs[2] = { issue->print_pdf, issue->web_pdf };
	for (int i = 0; i < 2; i++) {
		if (!g_file_test(pdfs[i], G_FILE_TEST_IS_REGULAR)) {
			diag_set_error(error, pdfs[i], 0, DIAG_DIST_NOT_BUILT, i ? "web.pdf" : "print.pdf",
			    issue_dir, out_dir);
			goto fail;
		}
	}
	double w = 0, h = 0;
	if (!pdf_pages(issue->print_pdf, &issue->print_pages, NULL, NULL, error)
	    || !pdf_pages(issue->web_pdf, &issue->web_pages, &w, &h, error))
		goto fail;
	/* the web edition's page is the trim (SPEC §5) */
	issue->trim_w_mm = (int)(w * 25.4 / 72 + 0.5);
	issue->trim_h_mm = (int)(h * 25.4 / 72 + 0.5);
	if (!(issue->print_sha256 = gb_dist_file_sha256(issue->print_pdf, NULL, error))
	    || !(issue->web_sha256 = gb_dist_file_sha256(issue->web_pdf, &issue->web_bytes, error)))
		goto fail;
	return issue;
fail:
	gb_dist_issue_free(issue);
	return NULL;
}

/* --- who gets what ------------------------------------------------------ */

GPtrArray *
gb_dist_receivers(GPtrArray *recipients)
{
	GPtrArray *out = g_ptr_array_new();
	for (guint i = 0; i < recipients->len; i++) {
		gb_recipient *r = recipients->pdata[i];
		if (r->active && (r->copies > 0 || r->electronic))
			g_ptr_array_add(out, r);
	}
	return out;
}

static gint
mailing_order(gconstpointer a, gconstpointer b)
{
	const gb_recipient *x = *(gb_recipient *const *)a, *y = *(gb_recipient *const *)b;
	int cx = gb_recipient_category_rank(x->field[GB_RF_CATEGORY]);
	int cy = gb_recipient_category_rank(y->field[GB_RF_CATEGORY]);
	if (cx != cy)
		return cx < cy ? -1 : 1;
	int d = strcmp(x->field[GB_RF_DISTRICT], y->field[GB_RF_DISTRICT]);
	return d ? d : strcmp(x->field[GB_RF_ID], y->field[GB_RF_ID]);
}

GPtrArray *
gb_dist_paper_order(GPtrArray *receivers)
{
	GPtrArray *out = g_ptr_array_new();
	for (guint i = 0; i < receivers->len; i++) {
		gb_recipient *r = receivers->pdata[i];
		if (r->copies > 0)
			g_ptr_array_add(out, r);
	}
	g_ptr_array_sort(out, mailing_order);
	return out;
}

int
gb_dist_total_copies(GPtrArray *paper)
{
	int n = 0;
	for (guint i = 0; i < paper->len; i++)
		n += ((gb_recipient *)paper->pdata[i])->copies;
	return n;
}

char *
gb_dist_human_size(gint64 bytes)
{
	if (bytes < 1024)
		return g_strdup_printf("%" G_GINT64_FORMAT " bytes", bytes);
	if (bytes < 1024 * 1024)
		return g_strdup_printf("%.1f KB", bytes / 1024.0);
	return g_strdup_printf("%.1f MB", bytes / (1024.0 * 1024.0));
}

const char *
gb_dist_binding(int pages)
{
	/* beyond 64 pages a saddle-stitched issue no longer folds flat */
	return pages > 64 ? "胶装" : "骑马钉";
}

/* --- text documents ----------------------------------------------------- */

void
gb_dist_print_order_text(GString *out, const gb_dist_issue *issue, int distributed)
{
	g_string_append(out, "印制单\n\n");
	g_string_append_printf(out, "刊名：%s\n", issue->title);
	if (issue->serial)
		g_string_append_printf(out, "刊号：%s\n", issue->serial);
	g_string_append_printf(out, "期号：%s\n", issue->issue_text);
	g_string_append_printf(out, "出版日期：%s\n", issue->date);
	g_string_append_printf(out, "印数：%d份（发行%d份，留存%d份）\n",
	    distributed + issue->reserve, distributed, issue->reserve);
	int padding = issue->print_pages - issue->web_pages;
	if (padding > 0)
		g_string_append_printf(out, "页数：%d页（含补足装订的空白页%d页）\n",
		    issue->print_pages, padding);
	else
		g_string_append_printf(out, "页数：%d页\n", issue->print_pages);
	g_string_append_printf(out, "成品尺寸：%d×%d mm\n", issue->trim_w_mm, issue->trim_h_mm);
	g_string_append_printf(out, "装订：%s\n", gb_dist_binding(issue->print_pages));
	g_string_append(out, "印刷文件：print.pdf\n");
	g_string_append_printf(out, "SHA-256：%s\n", issue->print_sha256);
	/* the signed electronic edition of the same issue, for the record */
	g_string_append(out, "电子版文件：web.pdf\n");
	g_string_append_printf(out, "电子版SHA-256：%s\n", issue->web_sha256);
	if (issue->editor)
		g_string_append_printf(out, "编辑：%s\n", issue->editor);
	g_string_append_printf(out, "出版：%s\n", issue->publisher);
	if (issue->address)
		g_string_append_printf(out, "地址：%s\n", issue->address);
}

static void
csv_line(GString *out, const char *const *cells, int n)
{
	for (int i = 0; i < n; i++) {
		if (i)
			g_string_append_c(out, ',');
		gb_csv_append_field(out, cells[i]);
	}
	g_string_append_c(out, '\n');
}

void
gb_dist_mailing_csv(GString *out, GPtrArray *paper)
{
	static const char *const head[] = { "category", "district", "id", "name", "postal_code",
		"address", "contact", "phone", "copies" };
	csv_line(out, head, 9);
	int group = 0;
	for (guint i = 0; i < paper->len; i++) {
		gb_recipient *r = paper->pdata[i];
		const char *row[] = { r->field[GB_RF_CATEGORY], r->field[GB_RF_DISTRICT],
			r->field[GB_RF_ID], r->field[GB_RF_NAME], r->field[GB_RF_POSTAL_CODE],
			r->field[GB_RF_ADDRESS], r->field[GB_RF_CONTACT], r->field[GB_RF_PHONE],
			r->field[GB_RF_COPIES] };
		csv_line(out, row, 9);
		group += r->copies;
		gb_recipient *next = i + 1 < paper->len ? paper->pdata[i + 1] : NULL;
		if (!next || strcmp(next->field[GB_RF_CATEGORY], r->field[GB_RF_CATEGORY]) != 0
		    || strcmp(next->field[GB_RF_DISTRICT], r->field[GB_RF_DISTRICT]) != 0) {
			char *n = g_strdup_printf("%d", group);
			const char *sub[] = { r->field[GB_RF_CATEGORY], r->field[GB_RF_DISTRICT], "",
				"小计", "", "", "", "", n };
			csv_line(out, sub, 9);
			g_free(n);
			group = 0;
		}
	}
	char *n = g_strdup_printf("%d", gb_dist_total_copies(paper));
	const char *total[] = { "", "", "", "合计", "", "", "", "", n };
	csv_line(out, total, 9);
	g_free(n);
}

/* --- BagIt (RFC 8493) --------------------------------------------------- */

static void
json_member(JsonBuilder *b, const char *key, const char *value)
{
	json_builder_set_member_name(b, key);
	json_builder_add_string_value(b, value);
}

static void
json_int_member(JsonBuilder *b, const char *key, gint64 value)
{
	json_builder_set_member_name(b, key);
	json_builder_add_int_value(b, value);
}

/* data/metadata.json: the issue and the recipient, for the archive's
 * catalogue (json-glib, two spaces a level). */
static char *
metadata_json(const gb_dist_issue *issue, const gb_recipient *r)
{
	JsonBuilder *b = json_builder_new();
	json_builder_begin_object(b);
	json_member(b, "title", issue->title);
	json_member(b, "issue", issue->issue_text);
	json_member(b, "issue_id", issue->name);
	json_int_member(b, "year", issue->year);
	json_int_member(b, "number", issue->number);
	if (issue->cumulative)
		json_int_member(b, "cumulative", issue->cumulative);
	json_member(b, "date", issue->date);
	json_member(b, "publisher", issue->publisher);
	if (issue->editor)
		json_member(b, "editor", issue->editor);
	if (issue->serial)
		json_member(b, "serial", issue->serial);
	json_member(b, "language", "zh-CN");
	json_member(b, "file", "web.pdf");
	json_member(b, "format", "application/pdf");
	json_int_member(b, "pages", issue->web_pages);
	json_int_member(b, "bytes", issue->web_bytes);
	json_member(b, "sha256", issue->web_sha256);
	json_builder_set_member_name(b, "documents");
	json_builder_begin_array(b);
	for (guint i = 0; issue->docs && i < issue->docs->len; i++) {
		const gb_dist_doc *d = issue->docs->pdata[i];
		json_builder_begin_object(b);
		json_member(b, "identifier", d->identifier);
		json_member(b, "title", d->title);
		json_member(b, "number", d->number);
		json_member(b, "issuer", d->issuer);
		json_member(b, "date", d->date);
		json_member(b, "file", d->file);
		json_int_member(b, "bytes", d->bytes);
		json_member(b, "sha256", d->sha256);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "recipient");
	json_builder_begin_object(b);
	json_member(b, "id", r->field[GB_RF_ID]);
	json_member(b, "name", r->field[GB_RF_NAME]);
	json_builder_end_object(b);
	json_builder_end_object(b);

	JsonNode *root = json_builder_get_root(b);
	JsonGenerator *gen = json_generator_new();
	json_generator_set_pretty(gen, TRUE);
	json_generator_set_indent(gen, 2);
	json_generator_set_root(gen, root);
	char *text = json_generator_to_data(gen, NULL);
	char *out = g_strconcat(text, "\n", NULL);
	g_free(text);
	g_object_unref(gen);
	json_node_unref(root);
	g_object_unref(b);
	return out;
}

gboolean
gb_dist_write_text(const char *path, const char *text, gssize len, GError **error)
{
	GError *err = NULL;
	if (g_file_set_contents(path, text, len, &err))
		return TRUE;
	diag_set_error(error, path, 0, DIAG_DIST_WRITE_FAILED, err->message);
	g_error_free(err);
	return FALSE;
}

static gboolean
write_file(const char *dir, const char *name, const char *text, GError **error)
{
	char *path = g_build_filename(dir, name, NULL);
	gboolean ok = gb_dist_write_text(path, text, -1, error);
	g_free(path);
	return ok;
}

/* DIR/data/NAME as the file SRC: a hard link when the file system
 * allows it (the deposit of thirty libraries is one file), else a copy;
 * either way proved to be the file that was checksummed (SHA256). */
static gboolean
place_payload(const char *dir, const char *src, const char *name, const char *sha256,
    GError **error)
{
	char *dest = g_build_filename(dir, "data", name, NULL);
	gboolean ok = link(src, dest) == 0;
	if (!ok) {
		char *data = NULL;
		gsize len = 0;
		GError *err = NULL;
		ok = gb_read_input(src, GB_MAX_PDF_INPUT, &data, &len, &err);
		if (!ok) {
			char *why = diag_error_text(err, src);
			diag_set_error(error, src, 0, DIAG_DIST_READ_FAILED, why);
			g_free(why);
			g_error_free(err);
		}
		ok = ok && gb_dist_write_text(dest, data, len, error);
		g_free(data);
	}
	/* web.pdf could have been rebuilt since it was checksummed: the
	 * manifest must describe what the bag holds */
	char *sum = ok ? gb_dist_file_sha256(dest, NULL, error) : NULL;
	if (sum && strcmp(sum, sha256) != 0) {
		diag_set_error(error, src, 0, DIAG_DIST_FILE_CHANGED);
		ok = FALSE;
	}
	ok = ok && sum;
	g_free(sum);
	g_free(dest);
	return ok;
}

static void
manifest_line(GString *m, const char *sha, const char *path)
{
	g_string_append_printf(m, "%s  %s\n", sha, path);
}

gboolean
gb_dist_write_bag(const char *dir, const gb_dist_issue *issue, const gb_recipient *r,
    GError **error)
{
	char *data = g_build_filename(dir, "data", NULL);
	if (g_mkdir_with_parents(data, 0755) != 0) {
		diag_set_error(error, data, 0, DIAG_DIST_MKDIR_FAILED, g_strerror(errno));
		g_free(data);
		return FALSE;
	}
	if (!place_payload(dir, issue->web_pdf, "web.pdf", issue->web_sha256, error)) {
		g_free(data);
		return FALSE;
	}
	/* and the per-document files, in data/docs/ */
	gint64 payload = issue->web_bytes;
	guint ndocs = issue->docs ? issue->docs->len : 0;
	char *docs = g_build_filename(data, "docs", NULL);
	g_free(data);
	if (ndocs && g_mkdir_with_parents(docs, 0755) != 0) {
		diag_set_error(error, docs, 0, DIAG_DIST_MKDIR_FAILED, g_strerror(errno));
		g_free(docs);
		return FALSE;
	}
	g_free(docs);
	for (guint i = 0; i < ndocs; i++) {
		const gb_dist_doc *d = issue->docs->pdata[i];
		if (!place_payload(dir, d->path, d->file, d->sha256, error))
			return FALSE;
		payload += d->bytes;
	}

	char *meta = metadata_json(issue, r);
	char *meta_sha = g_compute_checksum_for_string(G_CHECKSUM_SHA256, meta, -1);
	payload += (gint64)strlen(meta);
	GString *manifest = g_string_new(NULL);
	manifest_line(manifest, meta_sha, "data/metadata.json");
	manifest_line(manifest, issue->web_sha256, "data/web.pdf");
	for (guint i = 0; i < ndocs; i++) {
		const gb_dist_doc *d = issue->docs->pdata[i];
		char *in_bag = g_strconcat("data/", d->file, NULL);
		manifest_line(manifest, d->sha256, in_bag);
		g_free(in_bag);
	}

	const char *bagit = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
	GString *info = g_string_new(NULL);
	g_string_append_printf(info, "Source-Organization: %s\n", issue->publisher);
	if (issue->address)
		g_string_append_printf(info, "Organization-Address: %s\n", issue->address);
	if (issue->editor)
		g_string_append_printf(info, "Contact-Name: %s\n", issue->editor);
	if (ndocs)
		g_string_append_printf(info, "External-Description: %s %s 电子版（全期及%u个文档各自的文件）\n",
		    issue->title, issue->issue_text, ndocs);
	else
		g_string_append_printf(info, "External-Description: %s %s 电子版\n", issue->title,
		    issue->issue_text);
	g_string_append_printf(info, "External-Identifier: %s %s\n",
	    issue->serial ? issue->serial : issue->title, issue->name);
	g_string_append_printf(info, "Internal-Sender-Identifier: %s/%s\n", issue->name,
	    r->field[GB_RF_ID]);
	/* the issue's date, not the clock: a rerun makes the same bag */
	g_string_append_printf(info, "Bagging-Date: %s\n", issue->date);
	g_string_append_printf(info, "Payload-Oxum: %" G_GINT64_FORMAT ".%u\n", payload, 2 + ndocs);
	char *size = gb_dist_human_size(payload);
	g_string_append_printf(info, "Bag-Size: %s\n", size);
	g_free(size);

	gboolean ok = write_file(dir, "data/metadata.json", meta, error)
	    && write_file(dir, "manifest-sha256.txt", manifest->str, error)
	    && write_file(dir, "bagit.txt", bagit, error)
	    && write_file(dir, "bag-info.txt", info->str, error);
	if (ok) {
		GString *tags = g_string_new(NULL);
		const char *names[] = { "bag-info.txt", "bagit.txt", "manifest-sha256.txt" };
		const char *texts[] = { info->str, bagit, manifest->str };
		for (int i = 0; i < 3; i++) {
			char *sha = g_compute_checksum_for_string(G_CHECKSUM_SHA256, texts[i], -1);
			manifest_line(tags, sha, names[i]);
			g_free(sha);
		}
		ok = write_file(dir, "tagmanifest-sha256.txt", tags->str, error);
		g_string_free(tags, TRUE);
	}
	g_string_free(info, TRUE);
	g_string_free(manifest, TRUE);
	g_free(meta_sha);
	g_free(meta);
	return ok;
}
