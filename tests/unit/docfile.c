/* Unit tests of pipeline/lib/docfile.c and the page list's docmeta
 * records: a document's file name (identifier, the title's letters and
 * digits, nothing a file system or a URL dislikes), the pages it stands
 * on, and its metadata through a write and a read. */
#include "docfile.h"
#include "pages.h"
#include "t.h"

#include <stdlib.h>

static char *
name_of(const char *ident, const char *title)
{
	gb_page_document d = { "d1", "x.md", ident, title, NULL, NULL, NULL };
	return docfile_name(&d);
}

TEST(test_name_is_identifier_and_the_titles_letters_and_digits)
{
	char *n = name_of("2026-5-3", "示范市人民政府关于印发《2026年政务公开工作要点》的通知");
	CHECK_STR(n, "2026-5-3-示范市人民政府关于印发2026年政务公开工作要点.pdf");	/* 24 */
	g_free(n);
	n = name_of("2026-5-7", "关于“12345”/热线 (A&B) 的 通知？");
	CHECK_STR(n, "2026-5-7-关于12345热线AB的通知.pdf");
	g_free(n);
	n = name_of("2026-5-9", "。、！");	/* no letter: the identifier alone */
	CHECK_STR(n, "2026-5-9.pdf");
	g_free(n);
	n = name_of("2026-5-1", NULL);
	CHECK_STR(n, "2026-5-1.pdf");
	g_free(n);
}

TEST(test_a_long_title_is_cut_well_under_a_file_systems_limit)
{
	GString *t = g_string_new(NULL);
	for (int i = 0; i < 200; i++)
		g_string_append(t, "𠮷");	/* four bytes each */
	char *n = name_of("2026-12-999", t->str);
	CHECK(strlen(n) < 120);
	CHECK(g_str_has_suffix(n, ".pdf"));
	CHECK(g_utf8_validate(n, -1, NULL));
	g_free(n);
	g_string_free(t, TRUE);
}

/* Pages: cover; body 1 (d1 starts); body 2 (d1 goes on, a page without
 * source: its 落款); body 3 (d2 starts); back. */
static gb_pages *
sample(void)
{
	gb_pages *p = pages_new("gazette-a4", 595.28, 841.89, 0);
	pages_set_print_padding(p, 0);
	CHECK(pages_add_document(p, "d1", "a.md", "2026-5-1"));
	CHECK(pages_add_document(p, "d2", "b.md", "2026-5-2"));
	double off[] = { 0, 10 };
	pages_add_page(p, GB_PAGE_COVER, "封面", NULL);
	gb_page *b1 = pages_add_page(p, GB_PAGE_BODY, "1", "1");
	page_add_dest(p, b1, "doc-d1", 0, 50);
	CHECK(page_add_text(p, b1, 1, 10, 50, 60, 0, "标题", off, 2));
	CHECK(page_text_source(p, b1, "d1", 3, 0, 0));
	gb_page *b2 = pages_add_page(p, GB_PAGE_BODY, "2", "2");
	CHECK(page_add_text(p, b2, 1, 10, 50, 60, 0, "落款", off, 2));
	gb_page *b3 = pages_add_page(p, GB_PAGE_BODY, "3", "3");
	page_add_dest(p, b3, "doc-d2", 0, 50);
	CHECK(page_add_text(p, b3, 1, 10, 50, 60, 0, "正文", off, 2));
	CHECK(page_text_source(p, b3, "d2", 5, 0, 0));
	pages_add_page(p, GB_PAGE_BACK, "封底", NULL);
	return p;
}

TEST(test_a_document_stands_on_its_pages_up_to_the_next_one)
{
	gb_pages *p = sample();
	GHashTable *ranges = docfile_ranges(p);
	const docfile_range *r = g_hash_table_lookup(ranges, "d1");
	CHECK(r);
	CHECK_INT(r->first, 1);
	CHECK_INT(r->last, 2);
	r = g_hash_table_lookup(ranges, "d2");
	CHECK(r);
	CHECK_INT(r->first, 3);
	CHECK_INT(r->last, 3);	/* not the back page */
	CHECK(!g_hash_table_lookup(ranges, "d3"));
	CHECK_INT(g_hash_table_size(ranges), 2);
	g_hash_table_destroy(ranges);
	pages_free(p);
}

TEST(test_a_link_goes_to_the_documents_file_or_its_page_of_the_web_edition)
{
	char *u = docfile_link("../2026-06", "docs/2026-6-1-乙.pdf", 5);
	CHECK_STR(u, "../2026-06/docs/2026-6-1-%E4%B9%99.pdf");	/* no page: the file is the document */
	g_free(u);
	u = docfile_link("../2026-05", NULL, 7);
	CHECK_STR(u, "../2026-05/web.pdf#page=7");
	g_free(u);
	u = docfile_link("../2026-05", "", 7);	/* an empty file is none */
	CHECK_STR(u, "../2026-05/web.pdf#page=7");
	g_free(u);
	u = docfile_link("", NULL, 3);	/* the linking file's own directory */
	CHECK_STR(u, "web.pdf#page=3");
	g_free(u);
	u = docfile_link("../第 5 期", NULL, 1);	/* spaces and CJK in a directory name */
	CHECK_STR(u, "../%E7%AC%AC%205%20%E6%9C%9F/web.pdf#page=1");
	g_free(u);
}

TEST(test_docmeta_survives_a_write_and_a_read)
{
	gb_pages *p = pages_new("gazette-a4", 595.28, 841.89, 0);
	pages_set_print_padding(p, 0);
	CHECK(pages_add_document(p, "d1", "a.md", "2026-5-1"));
	CHECK(pages_add_document(p, "d2", "b.md", "2026-5-2"));
	pages_add_page(p, GB_PAGE_BODY, "1", "1");
	CHECK(pages_set_document_meta(p, "d1", "title", "关于\t某某的通知"));
	CHECK(pages_set_document_meta(p, "d1", "number", "示政发〔2026〕1号"));
	CHECK(pages_set_document_meta(p, "d1", "issuer", "示范市人民政府"));
	CHECK(pages_set_document_meta(p, "d1", "date", "2026-02-12"));
	CHECK(pages_set_document_meta(p, "d2", "number", NULL));
	CHECK(!pages_set_document_meta(p, "d3", "title", "x"));
	CHECK(!pages_set_document_meta(p, "d1", "colour", "x"));
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	CHECK(pages_write(f, p));
	fclose(f);
	CHECK(strstr(buf, "docmeta\td1\tnumber\t示政发〔2026〕1号\n") != NULL);
	CHECK(strstr(buf, "docmeta\td2") == NULL);
	f = fmemopen(buf, len, "r");
	GError *err = NULL;
	gb_pages *q = pages_read(f, "t.pages", &err);
	fclose(f);
	CHECK(q != NULL);
	if (!q)
		fprintf(stderr, "    %s\n", err->message);
	const gb_page_document *d = q ? pages_document(q, "d1") : NULL;
	CHECK(d != NULL);
	if (d) {
		CHECK_STR(d->title, "关于\t某某的通知");
		CHECK_STR(d->number, "示政发〔2026〕1号");
		CHECK_STR(d->issuer, "示范市人民政府");
		CHECK_STR(d->date, "2026-02-12");
	}
	d = q ? pages_document(q, "d2") : NULL;
	CHECK(d && !d->title && !d->number);
	pages_free(q);
	g_clear_error(&err);
	/* a docmeta of no document, or of another key, is refused at its line */
	const char *bad[] = { "docmeta\td9\ttitle\tx\n", "docmeta\td1\tcolour\tx\n" };
	for (int i = 0; i < 2; i++) {
		char *t = g_strdup(buf);
		char *at = strstr(t, "page\t");
		GString *s = g_string_new_len(t, at - t);
		g_string_append(s, bad[i]);
		g_string_append(s, at);
		f = fmemopen(s->str, s->len, "r");
		gb_pages *r = pages_read(f, "t.pages", &err);
		fclose(f);
		CHECK(r == NULL);
		CHECK(err && strstr(err->message, "t.pages:"));
		pages_free(r);
		g_clear_error(&err);
		g_string_free(s, TRUE);
		g_free(t);
	}
	free(buf);
	pages_free(p);
}

int
main(void)
{
	RUN(test_name_is_identifier_and_the_titles_letters_and_digits);
	RUN(test_a_long_title_is_cut_well_under_a_file_systems_limit);
	RUN(test_a_document_stands_on_its_pages_up_to_the_next_one);
	RUN(test_a_link_goes_to_the_documents_file_or_its_page_of_the_web_edition);
	RUN(test_docmeta_survives_a_write_and_a_read);
	return 0;
}
