/* Unit tests of pipeline/lib/pages.c, pageswrite.c and pagesread.c: the
 * page list survives a write and a read unchanged, fonts are named by file
 * name and found again, the padding is the list's, and the reader refuses
 * every kind of damaged file with FILE:LINE. */
#include "pages.h"
#include "t.h"
#include "util.h"

#include <glib/gstdio.h>

#include <stdlib.h>
#include <unistd.h>

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
	pages_add_font(p, 1, "song", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2,
	    "Noto Serif CJK SC");
	pages_set_print_padding(p, 2);
	gb_anchor a = { 14, 1, 3, 2 };
	pages_add_warning(p, "issues/x.md", 18, "halfwidth-punct", &a, "半角\t标点\\");
	pages_add_outline(p, 1, "sec-1", "市政府文件");
	pages_add_outline(p, 2, "doc-d1", "关于𠮷的通知");
	gb_page *cover = pages_add_page(p, GB_PAGE_COVER, "封面", NULL);
	page_begin(p, cover, "Title");
	double off[] = { 0, 10.5, 21.004 };
	CHECK(pages_add_document(p, "d1", "issues/x.md", "2026-5-1"));
	CHECK(!pages_add_document(p, "d1", "issues/y.md", "2026-5-2"));
	CHECK(page_add_text(p, cover, 1, 10.5, 56.69, 120.333, 0, "现将𠮷", off, 3));
	CHECK(page_text_source(p, cover, "d1", 14, 2, 7));
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
	CHECK_INT(q->print_padding, 2);
	const gb_page_warning *w = &g_array_index(q->warnings, gb_page_warning, 0);
	CHECK_STR(w->message, "半角\t标点\\");
	CHECK_STR(w->kind, "halfwidth-punct");
	CHECK_INT(w->anchor.line, 14);
	CHECK_INT(w->anchor.part, 1);
	CHECK_INT(w->anchor.start, 3);
	CHECK_INT(w->anchor.length, 2);
	CHECK_STR(pages_document_file(q, "d1"), "issues/x.md");
	CHECK(pages_document_file(q, "d2") == NULL);
	CHECK_STR(pages_document(q, "d1")->identifier, "2026-5-1");
	CHECK_INT(q->outline->len, 2);
	CHECK_INT(q->pages->len, 2);
	gb_page *cover = pages_page(q, 0);
	CHECK_INT(cover->kind, GB_PAGE_COVER);
	CHECK(cover->folio == NULL);
	CHECK_STR(cover->label, "封面");
	const gb_item *t = page_item(cover, 1);
	CHECK_INT(t->kind, GB_ITEM_TEXT);
	CHECK_STR(t->text, "现将𠮷");
	CHECK_STR(t->src_doc, "d1");
	CHECK_INT(t->src_line, 14);
	CHECK_INT(t->src_part, 2);
	CHECK_INT(t->src_offset, 7);
	CHECK(strstr(first, "\nsource\td1\t14\t2\t7\ntext\t1\t") != NULL);
	CHECK(strstr(first, "\ndocument\td1\tissues/x.md\t2026-5-1\n") != NULL);
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
#define FONT "font\t1\tsong\tNotoSerifCJK-Regular.ttc\t2\tNoto Serif CJK SC\n"
#define HEAD "gongbao-pages\t4\nlayout\tx\ntrim\t100\t200\nbleed\t0\npadding\t0\n" FONT
#define HEAD_LINES 6

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
	refused("gongbao-tree\t1\nend\n", 1, "不是页面清单");
}

TEST(test_higher_version_is_refused)
{
	refused("gongbao-pages\t5\ntrim\t1\t1\npadding\t0\nend\n", 1, "版本为“5”");
}

TEST(test_version_2_is_refused)
{
	refused("gongbao-pages\t2\ntrim\t1\t1\npadding\t0\nend\n", 1, "版本为“2”");
}

#define DOC "document\td1\tf.md\t2026-5-1\n"
#define TEXT "text\t1\t10\t0\t0\t0\tab\t0 5\n"

TEST(test_source_is_kept_for_the_text_that_follows)
{
	GError *err = NULL;
	gb_pages *p = read_string(HEAD DOC "page\t1\tbody\t1\t1\nsource\td1\t3\t0\t4\n" TEXT TEXT
	    "end\n", &err);
	CHECK(p != NULL);
	if (!p) {
		fprintf(stderr, "    %s\n", err->message);
		g_error_free(err);
		return;
	}
	const gb_page *pg = pages_page(p, 0);
	CHECK_STR(page_item(pg, 0)->src_doc, "d1");
	CHECK_INT(page_item(pg, 0)->src_offset, 4);
	CHECK(page_item(pg, 1)->src_doc == NULL);
	pages_free(p);
}

TEST(test_source_not_followed_by_text_is_refused)
{
	refused(HEAD DOC "page\t1\tbody\t1\t1\nsource\td1\t3\t0\t4\nrule\t0\t0\t1\t1\t1\t0\nend\n",
	    HEAD_LINES + 4, "source 记录之后应紧接 text 记录");
	refused(HEAD DOC "page\t1\tbody\t1\t1\nsource\td1\t3\t0\t4\nend\n", HEAD_LINES + 4,
	    "source 记录之后应紧接 text 记录");
}

TEST(test_source_of_an_undefined_document_is_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\nsource\td1\t3\t0\t4\n" TEXT "end\n", HEAD_LINES + 2,
	    "文档 d1 没有 document 记录定义");
	refused(HEAD DOC "page\t1\tbody\t1\t1\nsource\td1\t0\t0\t4\n" TEXT "end\n", HEAD_LINES + 3,
	    "source 记录的行号");
	refused(HEAD DOC DOC "end\n", HEAD_LINES + 2, "document 记录出现了两次");
	refused(HEAD "document\td1\tf.md\n" "end\n", HEAD_LINES + 1, "document 记录应有3个字段");
	refused(HEAD "document\td1\tf.md\t\n" "end\n", HEAD_LINES + 1, "标识符");
}

TEST(test_warning_needs_kind_and_place)
{
	refused(HEAD "warning\tf.md\t3\tm\nend\n", HEAD_LINES + 1, "warning 记录应有8个字段");
	refused(HEAD "warning\tf.md\t3\tX\t0\t0\t0\t0\tm\nend\n", HEAD_LINES + 1, "警告种类");
	refused(HEAD "warning\tf.md\t3\tx\t0\t1\t0\t0\tm\nend\n", HEAD_LINES + 1, "警告的位置有误");
	refused(HEAD "warning\tf.md\t3\tx\t3\t0\t-2\t0\tm\nend\n", HEAD_LINES + 1, "警告的位置有误");
}

TEST(test_version_1_with_font_paths_is_refused)
{
	refused("gongbao-pages\t1\ntrim\t1\t1\nfont\t1\tsong\t/usr/share/x.ttc\t0\tF\nend\n", 1,
	    "版本为“1”");
}

TEST(test_unknown_keyword_is_refused)
{
	/* image became a record (figures): circle never was one */
	refused(HEAD "page\t1\tbody\t1\t1\ncircle\t1\t2\nend\n", 8, "未知的记录“circle”");
}

TEST(test_image_without_a_positive_box_or_a_file_is_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\nimage\t0\t0\t0\t10\tgray\ta.png\tA\nend\n", 8,
	    "宽高不能为负数");
	refused(HEAD "page\t1\tbody\t1\t1\nimage\t0\t0\t10\t10\tgray\t\tA\nend\n", 8,
	    "文件");
	refused(HEAD "page\t1\tbody\t1\t1\nimage\t0\t0\t10\t10\tgray\ta.png\nend\n", 8,
	    "image 记录应有7个字段，此处有6个");
}

TEST(test_missing_end_is_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\n", 7, "没有结束记录 end");
}

TEST(test_wrong_field_count_is_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\nrule\t0\t0\t1\t1\t1\nend\n", 8,
	    "rule 记录应有6个字段，此处有5个");
	refused(HEAD "page\t1\tbody\t1\t1\ntitle\td1\tT\textra\nend\n", 8,
	    "title 记录应有2个字段，此处有3个");
	refused("gongbao-pages\t4\ntrim\t1\nend\n", 2, "trim 记录应有2个字段");
	refused("gongbao-pages\t4\ntrim\t10\t10\npadding\nend\n", 3, "padding 记录应有1个字段");
}

TEST(test_offsets_count_differing_from_characters_is_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\ntext\t1\t10\t0\t0\t0\t𠮷吉\t0 10 20\nend\n", 8,
	    "有2个字符，却有3个位置");
	refused(HEAD "page\t1\tbody\t1\t1\ntext\t1\t10\t0\t0\t0\t现将《\t0 10\nend\n", 8,
	    "有3个字符，却有2个位置");
}

TEST(test_bad_number_is_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\nbox\t1\t2x\t3\t4\t0\nend\n", 8, "“2x”不是数");
	refused(HEAD "page\t1\tbody\t1\t1\ntext\t1\t10\t0\t0\t0\tab\t0 1O\nend\n", 8,
	    "“1O”不是数");
	refused("gongbao-pages\t4\ntrim\t10\t10\npadding\t2.5\nend\n", 3, "“2.5”不是整数");
}

TEST(test_gray_outside_zero_to_one_is_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\nbox\t1\t2\t3\t4\t1.5\nend\n", 8, "超出 0");
}

TEST(test_text_in_an_undefined_font_is_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\ntext\t7\t10\t0\t0\t0\ta\t0\nend\n", 8,
	    "字体 7 没有 font 记录定义");
}

TEST(test_link_to_an_undefined_destination_is_refused)
{
	refused(HEAD "page\t1\ttoc\t目录\t-\nlink\t0\t0\t10\t10\tdoc-d9\nend\n", 8,
	    "目标 doc-d9 被引用，却没有 dest 记录定义它");
	refused(HEAD "outline\t1\tsec-1\t法规\npage\t1\tbody\t1\t1\nend\n", 7,
	    "目标 sec-1 被引用");
}

TEST(test_destination_defined_twice_is_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\ndest\tdoc-d1\t0\t0\npage\t2\tbody\t2\t2\n"
	    "dest\tdoc-d1\t0\t0\nend\n", 10, "定义了两次（第8行已有）");
}

TEST(test_unbalanced_structure_tags_are_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\nbegin\tP\npage\t2\tbody\t2\t2\nend\n", 9,
	    "“P”仍未关闭");
	refused(HEAD "page\t1\tbody\t1\t1\nbegin\tP\nend\tH1\nend\n", 9, "end H1 关闭的是“P”");
	refused(HEAD "page\t1\tbody\t1\t1\nend\tP\nend\n", 8, "end P 在本页没有对应的 begin");
	refused(HEAD "page\t1\tbody\t1\t1\nbegin\tPara\nend\tPara\nend\n", 8,
	    "未知的结构标记");
}

TEST(test_header_record_after_a_page_is_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\nmeta\ttitle\tx\nend\n", 8, "出现在第一个 page 之后");
}

TEST(test_page_numbers_out_of_sequence_are_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\npage\t3\tbody\t3\t3\nend\n", 8,
	    "此处是第3页，应为第2页");
	refused(HEAD "page\t1\tfront\t1\t1\nend\n", 7, "未知的页面种类");
}

TEST(test_records_after_end_are_refused)
{
	refused(HEAD "page\t1\tbody\t1\t1\nend\npage\t2\tbody\t2\t2\n", 9, "end 记录之后还有记录");
}

TEST(test_page_record_before_trim_is_refused)
{
	refused("gongbao-pages\t4\npadding\t0\npage\t1\tbody\t1\t1\nend\n", 3, "缺少 trim 记录");
}

TEST(test_page_list_without_padding_is_refused_naming_the_line)
{
	refused("gongbao-pages\t4\ntrim\t100\t200\n" FONT "page\t1\tbody\t1\t1\nend\n", 4,
	    "缺少 padding 记录");
	refused("gongbao-pages\t4\ntrim\t100\t200\nend\n", 3, "缺少 padding 记录");
	refused("gongbao-pages\t4\ntrim\t10\t10\npadding\t-1\nend\n", 3, "不能为负数");
	refused("gongbao-pages\t4\ntrim\t10\t10\npadding\t1\npadding\t1\nend\n", 4,
	    "padding 记录出现了两次");
}

TEST(test_padding_is_written_only_when_the_typesetter_set_it)
{
	gb_pages *p = pages_new("x", 100, 100, 0);
	pages_add_page(p, GB_PAGE_BODY, "1", "1");
	char *unset = write_to_string(p);
	CHECK(strstr(unset, "padding") == NULL);
	pages_set_print_padding(p, 3);
	char *set = write_to_string(p);
	CHECK(strstr(set, "\nbleed\t0\npadding\t3\n") != NULL);
	GError *err = NULL;
	gb_pages *q = read_string(set, &err);
	CHECK(q != NULL);
	if (q)
		CHECK_INT(q->print_padding, 3);
	g_clear_error(&err);
	pages_free(q);
	q = read_string(unset, &err);
	CHECK(q == NULL);
	CHECK(err && strstr(err->message, "缺少 padding 记录"));
	g_clear_error(&err);
	pages_free(q);
	pages_free(p);
	free(unset);
	free(set);
}

TEST(test_font_is_written_by_file_name_and_found_again)
{
	gb_pages *p = sample();
	char *s = write_to_string(p);
	CHECK(strstr(s, "\nfont\t1\tsong\tNotoSerifCJK-Regular.ttc\t2\tNoto Serif CJK SC\n") != NULL);
	CHECK(strstr(s, "/usr/share") == NULL);
	GError *err = NULL;
	gb_pages *q = read_string(s, &err);
	CHECK(q != NULL);
	if (q) {
		const gb_font *f = pages_font(q, 1);
		CHECK_STR(f->name, "NotoSerifCJK-Regular.ttc");
		CHECK(g_path_is_absolute(f->file) && g_str_has_suffix(f->file, "/NotoSerifCJK-Regular.ttc"));
		CHECK(g_file_test(f->file, G_FILE_TEST_IS_REGULAR));
		CHECK_INT(f->line, 8);	/* after the version, layout, trim, bleed, padding and two meta */
	}
	g_clear_error(&err);
	pages_free(q);
	pages_free(p);
	free(s);
}

TEST(test_font_this_machine_lacks_is_refused_naming_the_line)
{
	const char *head = "gongbao-pages\t4\ntrim\t100\t200\npadding\t0\n";
	char *t = g_strconcat(head, "font\t1\tsong\tNoSuch.ttc\t2\tNoto Serif CJK SC\nend\n", NULL);
	refused(t, 4, "页面清单要求 NoSuch.ttc 第2个字面");
	g_free(t);
	t = g_strconcat(head, "font\t1\tsong\tNotoSerifCJK-Regular.ttc\t2\tNo Such Serif\nend\n", NULL);
	refused(t, 4, "在本机找不到");
	g_free(t);
	t = g_strconcat(head, "font\t1\tsong\tNotoSerifCJK-Regular.ttc\t9\tNoto Serif CJK SC\nend\n",
	    NULL);
	refused(t, 4, "页面清单要求 NotoSerifCJK-Regular.ttc 第9个字面");
	g_free(t);
	t = g_strconcat(head, "font\t1\tsong\t/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
	    "\t2\tNoto Serif CJK SC\nend\n", NULL);
	refused(t, 4, "是路径");
	g_free(t);
}

TEST(test_header_alone_is_read_without_pages_or_fonts)
{
	char *path = g_build_filename(g_get_tmp_dir(), "gongbao-pages-header-XXXXXX", NULL);
	int fd = g_mkstemp(path);
	CHECK(fd >= 0);
	const char *text = "gongbao-pages\t4\ntrim\t100\t200\npadding\t3\n"
	    "font\t1\tsong\tNotOnThisMachine.ttc\t0\tNo Such Serif\npage\t1\tbody\t1\t1\n"
	    "this line is never read\n";
	CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
	GError *err = NULL;
	gb_pages *p = pages_load_header(path, &err);
	CHECK(p != NULL);
	if (p) {
		CHECK_INT(p->print_padding, 3);
		CHECK_INT(p->pages->len, 0);
	}
	pages_free(p);
	g_clear_error(&err);
	/* the whole list is refused: the font is not here, and the last line is no record */
	p = pages_load(path, &err);
	CHECK(p == NULL);
	CHECK(err && strstr(err->message, ":4: error: "));
	g_clear_error(&err);
	pages_free(p);
	g_unlink(path);
	g_free(path);
}

static gb_pages *
list_of(int n, gboolean back_last, int padding)
{
	gb_pages *p = pages_new("x", 100, 100, 0);
	for (int i = 0; i < n; i++)
		pages_add_page(p, back_last && i == n - 1 ? GB_PAGE_BACK : GB_PAGE_BODY, "x", NULL);
	pages_set_print_padding(p, padding);
	return p;
}

TEST(test_print_order_puts_blanks_before_the_back_cover)
{
	gb_pages *p = list_of(6, TRUE, 2);
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
	gb_pages *p = list_of(5, FALSE, 3);
	int *o;
	CHECK_INT(pages_print_order(p, &o), 8);
	int want[] = { 0, 1, 2, 3, 4, -1, -1, -1 };
	for (int i = 0; i < 8; i++)
		CHECK_INT(o[i], want[i]);
	g_free(o);
	pages_free(p);
	p = list_of(8, TRUE, 0);
	CHECK_INT(pages_print_order(p, &o), 8);
	CHECK_INT(o[7], 7);
	CHECK_INT(o[6], 6);
	g_free(o);
	pages_free(p);
}

TEST(test_print_order_adds_the_padding_the_list_says)
{
	gb_pages *p = list_of(6, TRUE, 6);
	int *o;
	CHECK_INT(pages_print_order(p, &o), 12);
	int want[] = { 0, 1, 2, 3, 4, -1, -1, -1, -1, -1, -1, 5 };
	for (int i = 0; i < 12; i++)
		CHECK_INT(o[i], want[i]);
	g_free(o);
	pages_free(p);
	p = list_of(6, TRUE, 0);
	CHECK_INT(pages_print_order(p, &o), 6);
	CHECK_INT(o[5], 5);
	g_free(o);
	pages_free(p);
}

int
main(int argc, char **argv)
{
	(void)argc;
	/* fonts/fonts.conf of the checkout: build/san/unit/../../.. */
	gb_set_program_path(argv[0]);
	RUN(test_page_list_round_trips_unchanged);
	RUN(test_numbers_are_written_with_at_most_two_decimals);
	RUN(test_add_text_refuses_offsets_that_do_not_match_the_characters);
	RUN(test_minimal_file_is_accepted);
	RUN(test_other_format_name_is_refused);
	RUN(test_higher_version_is_refused);
	RUN(test_version_2_is_refused);
	RUN(test_source_is_kept_for_the_text_that_follows);
	RUN(test_source_not_followed_by_text_is_refused);
	RUN(test_source_of_an_undefined_document_is_refused);
	RUN(test_warning_needs_kind_and_place);
	RUN(test_version_1_with_font_paths_is_refused);
	RUN(test_unknown_keyword_is_refused);
	RUN(test_image_without_a_positive_box_or_a_file_is_refused);
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
	RUN(test_print_order_adds_the_padding_the_list_says);
	RUN(test_page_list_without_padding_is_refused_naming_the_line);
	RUN(test_padding_is_written_only_when_the_typesetter_set_it);
	RUN(test_font_is_written_by_file_name_and_found_again);
	RUN(test_font_this_machine_lacks_is_refused_naming_the_line);
	RUN(test_header_alone_is_read_without_pages_or_fonts);
	return 0;
}
