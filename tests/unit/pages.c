/* Unit tests of pipeline/pages.c: the page list survives a write and a
 * read unchanged, and the reader refuses every kind of damaged file with
 * FILE:LINE. */
#include "pages.h"
#include "t.h"

#include <stdlib.h>

static char *
write_to_string(const gb_pages *p)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	CHECK(pages_write(f, p));
	fclose(f);
	return buf;
}

static gb_pages *
read_string(const char *text, GError **error)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	gb_pages *p = pages_read(f, "t.pages", error);
	fclose(f);
	return p;
}

static gb_pages *
sample(void)
{
	gb_pages *p = pages_new("gazette-a4", 595.28, 841.89, 8.5);
	pages_set_meta(p, "title", "示范市人民政府公报 2026年第5期");
	pages_set_meta(p, "lang", "zh-CN");
	pages_add_font(p, 1, "song", "/usr/share/fonts/x.ttc", 2, "Noto Serif CJK SC");
	pages_add_warning(p, "issues/x.md", 18, "半角\t标点\\");
	pages_add_outline(p, 1, "sec-1", "市政府文件");
	pages_add_outline(p, 2, "doc-d1", "关于𠮷的通知");
	gb_page *cover = pages_add_page(p, GB_PAGE_COVER, "封面", NULL);
	page_begin(p, cover, "Title");
	double off[] = { 0, 10.5, 21.004 };
	CHECK(page_add_text(p, cover, 1, 10.5, 56.69, 120.333, 0, "现将𠮷", off, 3));
	page_end(p, cover, "Title");
	page_add_link(p, cover, 10, 20, 300, 32.5, "doc-d1");
	gb_page *body = pages_add_page(p, GB_PAGE_BODY, "1", "1");
	page_add_dest(p, body, "doc-d1", 0, 56.7);
	page_add_dest(p, body, "sec-1", 0, 50);
	page_add_title(p, body, "d1", "关于𠮷的通知");
	page_add_toc(p, body, "d1", "1", "关于𠮷的通知");
	page_add_rule(p, body, 1, 2, 3, 4, 0.5, 0.25);
	page_add_box(p, body, -1.5, 2, 30, 40, 1);
	return p;
}

TEST(test_page_list_round_trips_unchanged)
{
	gb_pages *p = sample();
	char *first = write_to_string(p);
	GError *err = NULL;
	gb_pages *q = read_string(first, &err);
	CHECK(q != NULL);
	if (!q) {
		fprintf(stderr, "    %s\n", err->message);
		g_error_free(err);
		pages_free(p);
		free(first);
		return;
	}
	char *second = write_to_string(q);
	CHECK_STR(second, first);

	CHECK_STR(q->layout, "gazette-a4");
	CHECK_NEAR(q->trim_width, 595.28, 1e-9);
	CHECK_NEAR(q->bleed, 8.5, 1e-9);
	CHECK_STR(pages_meta(q, "lang"), "zh-CN");
	CHECK_STR(pages_font(q, 1)->family, "Noto Serif CJK SC");
	CHECK_INT(pages_font(q, 1)->index, 2);
	CHECK_STR(g_array_index(q->warnings, gb_page_warning, 0).message, "半角\t标点\\");
	CHECK_INT(q->outline->len, 2);
	CHECK_INT(q->pages->len, 2);
	gb_page *cover = pages_page(q, 0);
	CHECK_INT(cover->kind, GB_PAGE_COVER);
	CHECK(cover->folio == NULL);
	CHECK_STR(cover->label, "封面");
	const gb_item *t = page_item(cover, 1);
	CHECK_INT(t->kind, GB_ITEM_TEXT);
	CHECK_STR(t->text, "现将𠮷");
	CHECK_INT(t->n_chars, 3);
	CHECK_NEAR(t->offsets[2], 21.0, 1e-9);
	CHECK_NEAR(t->y, 120.33, 1e-9);
	CHECK_STR(pages_page(q, 1)->folio, "1");
	const gb_item *box = page_item(pages_page(q, 1), 5);
	CHECK_INT(box->kind, GB_ITEM_BOX);
	CHECK_NEAR(box->x, -1.5, 1e-9);
	CHECK_NEAR(box->h, 40, 1e-9);
	pages_free(q);
	pages_free(p);
	free(first);
	free(second);
}

TEST(test_numbers_are_written_with_at_most_two_decimals)
{
	gb_pages *p = pages_new("x", 100, 200.5, 0);
	pages_add_font(p, 0, "song", "f.otf", 0, "F");
	gb_page *page = pages_add_page(p, GB_PAGE_BODY, "1", "1");
	double off[] = { 0, 10.504, -3.456, 1234567.891 };
	CHECK(page_add_text(p, page, 0, 12, 0.001, -0.001, 0.5, "abcd", off, 4));
	char *s = write_to_string(p);
	CHECK(strstr(s, "trim\t100\t200.5\n") != NULL);
	CHECK(strstr(s, "text\t0\t12\t0\t0\t0.5\tabcd\t0 10.5 -3.46 1234567.89\n") != NULL);
	CHECK(strstr(s, "page\t1\tbody\t1\t1\n") != NULL);
	pages_free(p);
	free(s);
}

TEST(test_add_text_refuses_offsets_that_do_not_match_the_characters)
{
	gb_pages *p = pages_new("x", 100, 100, 0);
	gb_page *page = pages_add_page(p, GB_PAGE_BODY, "1", "1");
	double off[] = { 0, 10, 20 };
	CHECK(!page_add_text(p, page, 0, 12, 0, 0, 0, "𠮷吉", off, 3));
	CHECK(!page_add_text(p, page, 0, 12, 0, 0, 0, "", off, 0));
	CHECK(!page_add_text(p, page, 0, 12, 0, 0, 0, "\xff\xfe", off, 2));
	CHECK_INT(page->items->len, 0);
	CHECK(page_add_text(p, page, 0, 12, 0, 0, 0, "𠮷吉", off, 2));
	pages_free(p);
}

/* A minimal valid file; each refusal test breaks one thing in it. */
#define HEAD "gongbao-pages\t1\nlayout\tx\ntrim\t100\t200\nbleed\t0\nfont\t1\tsong\tf.otf\t0\tF\n"

/* Asserts TEXT is refused with a message starting "t.pages:LINE: error:"
 * and containing WHAT: a reader that returns NULL without saying why
 * fails, as in tests/unit/tree.c. */
static void
refused(const char *text, int line, const char *what)
{
	GError *err = NULL;
	gb_pages *p = read_string(text, &err);
	CHECK(p == NULL);
	CHECK(err != NULL);
	pages_free(p);
	if (!err)
		return;
	char *prefix = g_strdup_printf("t.pages:%d: error: ", line);
	if (!g_str_has_prefix(err->message, prefix) || !strstr(err->message, what)) {
		t_failed_checks++;
		fprintf(stderr, "    got \"%s\", expected \"%s…%s\"\n", err->message, prefix, what);
	}
	CHECK_INT(err->code, GB_PAGES_ERROR_INPUT);
	g_free(prefix);
	g_error_free(err);
}

TEST(test_minimal_file_is_accepted)
{
	GError *err = NULL;
	gb_pages *p = read_string(HEAD "# a comment\n\npage\t1\tbody\t1\t-\n"
	    "text\t1\t10\t0\t0\t0\t𠮷a\t0 10\nend\n", &err);
	CHECK(p != NULL);
	if (p)
		CHECK_INT(page_item(pages_page(p, 0), 0)->n_chars, 2);
	if (err)
		g_error_free(err);
	pages_free(p);
}

TEST(test_other_format_name_is_refused)
{
	refused("gongbao-tree\t1\nend\n", 1, "not a page list");
}

TEST(test_higher_version_is_refused)
{
	refused("gongbao-pages\t2\ntrim\t1\t1\nend\n", 1, "version \"2\"");
}

TEST(test_unknown_keyword_is_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\nimage\t1\t2\nend\n", 7, "unknown record \"image\"");
}

TEST(test_missing_end_is_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\n", 6, "no end record");
}

TEST(test_wrong_field_count_is_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\nrule\t0\t0\t1\t1\t1\nend\n", 7,
	    "rule takes 6 fields, not 5");
	refused(HEAD "page\t1\tbody\t1\t1\ntitle\td1\tT\textra\nend\n", 7,
	    "title takes 2 fields, not 3");
	refused("gongbao-pages\t1\ntrim\t1\nend\n", 2, "trim takes 2 fields");
}

TEST(test_offsets_count_differing_from_characters_is_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\ntext\t1\t10\t0\t0\t0\t𠮷吉\t0 10 20\nend\n", 7,
	    "has 2 characters but 3 offsets");
	refused(HEAD "page\t1\tbody\t1\t1\ntext\t1\t10\t0\t0\t0\t现将《\t0 10\nend\n", 7,
	    "has 3 characters but 2 offsets");
}

TEST(test_bad_number_is_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\nbox\t1\t2x\t3\t4\t0\nend\n", 7, "\"2x\" is not a number");
	refused(HEAD "page\t1\tbody\t1\t1\ntext\t1\t10\t0\t0\t0\tab\t0 1O\nend\n", 7,
	    "\"1O\" is not a number");
}

TEST(test_gray_outside_zero_to_one_is_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\nbox\t1\t2\t3\t4\t1.5\nend\n", 7, "outside 0");
}

TEST(test_text_in_an_undefined_font_is_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\ntext\t7\t10\t0\t0\t0\ta\t0\nend\n", 7,
	    "font 7 is not defined");
}

TEST(test_link_to_an_undefined_destination_is_refused)
{
	refused(HEAD "page\t1\ttoc\t目录\t-\nlink\t0\t0\t10\t10\tdoc-d9\nend\n", 7,
	    "destination doc-d9 is used but no dest record defines it");
	refused(HEAD "outline\t1\tsec-1\t法规\npage\t1\tbody\t1\t1\nend\n", 6,
	    "destination sec-1 is used");
}

TEST(test_destination_defined_twice_is_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\ndest\tdoc-d1\t0\t0\npage\t2\tbody\t2\t2\n"
	    "dest\tdoc-d1\t0\t0\nend\n", 9, "defined twice (first on line 7)");
}

TEST(test_unbalanced_structure_tags_are_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\nbegin\tP\npage\t2\tbody\t2\t2\nend\n", 8,
	    "\"P\" still open");
	refused(HEAD "page\t1\tbody\t1\t1\nbegin\tP\nend\tH1\nend\n", 8, "end H1 closes \"P\"");
	refused(HEAD "page\t1\tbody\t1\t1\nend\tP\nend\n", 7, "end P without begin");
	refused(HEAD "page\t1\tbody\t1\t1\nbegin\tPara\nend\tPara\nend\n", 7,
	    "unknown structure tag");
}

TEST(test_header_record_after_a_page_is_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\nmeta\ttitle\tx\nend\n", 7, "after the first page");
}

TEST(test_page_numbers_out_of_sequence_are_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\npage\t3\tbody\t3\t3\nend\n", 7,
	    "page 3 where page 2 was expected");
	refused(HEAD "page\t1\tfront\t1\t1\nend\n", 6, "unknown page kind");
}

TEST(test_records_after_end_are_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\nend\npage\t2\tbody\t2\t2\n", 8, "after end");
}

TEST(test_page_record_before_trim_is_refused)
{
	refused("gongbao-pages\t1\npage\t1\tbody\t1\t1\nend\n", 2, "no trim record");
}

static gb_pages *
list_of(int n, gboolean back_last)
{
	gb_pages *p = pages_new("x", 100, 100, 0);
	for (int i = 0; i < n; i++)
		pages_add_page(p, back_last && i == n - 1 ? GB_PAGE_BACK : GB_PAGE_BODY, "x", NULL);
	return p;
}

TEST(test_print_order_puts_blanks_before_the_back_cover)
{
	gb_pages *p = list_of(6, TRUE);
	int *o;
	CHECK_INT(pages_print_order(p, &o), 8);
	int want[] = { 0, 1, 2, 3, 4, -1, -1, 5 };
	for (int i = 0; i < 8; i++)
		CHECK_INT(o[i], want[i]);
	g_free(o);
	pages_free(p);
}

TEST(test_print_order_puts_blanks_at_the_end_without_a_back_cover)
{
	gb_pages *p = list_of(5, FALSE);
	int *o;
	CHECK_INT(pages_print_order(p, &o), 8);
	int want[] = { 0, 1, 2, 3, 4, -1, -1, -1 };
	for (int i = 0; i < 8; i++)
		CHECK_INT(o[i], want[i]);
	g_free(o);
	pages_free(p);
	p = list_of(8, TRUE);
	CHECK_INT(pages_print_order(p, &o), 8);
	CHECK_INT(o[7], 7);
	CHECK_INT(o[6], 6);
	g_free(o);
	pages_free(p);
}

int
main(void)
{
	RUN(test_page_list_round_trips_unchanged);
	RUN(test_numbers_are_written_with_at_most_two_decimals);
	RUN(test_add_text_refuses_offsets_that_do_not_match_the_characters);
	RUN(test_minimal_file_is_accepted);
	RUN(test_other_format_name_is_refused);
	RUN(test_higher_version_is_refused);
	RUN(test_unknown_keyword_is_refused);
	RUN(test_missing_end_is_refused);
	RUN(test_wrong_field_count_is_refused);
	RUN(test_offsets_count_differing_from_characters_is_refused);
	RUN(test_bad_number_is_refused);
	RUN(test_gray_outside_zero_to_one_is_refused);
	RUN(test_text_in_an_undefined_font_is_refused);
	RUN(test_link_to_an_undefined_destination_is_refused);
	RUN(test_destination_defined_twice_is_refused);
	RUN(test_unbalanced_structure_tags_are_refused);
	RUN(test_header_record_after_a_page_is_refused);
	RUN(test_page_numbers_out_of_sequence_are_refused);
	RUN(test_records_after_end_are_refused);
	RUN(test_page_record_before_trim_is_refused);
	RUN(test_print_order_puts_blanks_before_the_back_cover);
	RUN(test_print_order_puts_blanks_at_the_end_without_a_back_cover);
	return 0;
}
