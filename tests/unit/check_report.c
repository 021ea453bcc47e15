/* check_report.c — the check report (pipeline/verifyreport.c): what an
 * editor reads and what a machine parses, from hand-made results. */
#include "t.h"
#include "verify.h"

static gb_check_report *
report_new(void)
{
	gb_check_report *r = g_new0(gb_check_report, 1);
	r->pages_file = g_strdup("out/issue.pages");
	r->print_file = g_strdup("out/print.pdf");
	r->web_file = g_strdup("out/web.pdf");
	r->gazette = g_strdup("示范市人民政府公报");
	r->issue = g_strdup("2026年第5期（总第245期）");
	r->list_pages = 6;
	r->print_pages = 8;
	r->web_pages = 6;
	r->failures = g_ptr_array_new();
	r->warnings = g_ptr_array_new();
	return r;
}

static void
add_failure(gb_check_report *r, gb_check_group group, const char *file, int page,
    const char *where, const char *message)
{
	gb_check_failure *f = g_new0(gb_check_failure, 1);
	f->group = group;
	f->id = "check-test";
	f->file = g_strdup(file);
	f->page = page;
	f->count = 1;
	f->where = g_strdup(where);
	f->message = g_strdup(message);
	g_ptr_array_add(r->failures, f);
	r->failed[group]++;
}

static void
add_warning(gb_check_report *r, const char *file, int line, const char *message)
{
	gb_check_warning *w = g_new0(gb_check_warning, 1);
	w->file = g_strdup(file);
	w->line = line;
	w->message = g_strdup(message);
	g_ptr_array_add(r->warnings, w);
}

static char *
text_of(const gb_check_report *r)
{
	GString *s = g_string_new(NULL);
	gb_check_report_text(s, r);
	return g_string_free(s, FALSE);
}

static char *
json_of(const gb_check_report *r)
{
	GString *s = g_string_new(NULL);
	gb_check_report_json(s, r);
	return g_string_free(s, FALSE);
}

TEST(test_report_without_failures_passes_and_says_so)
{
	gb_check_report *r = report_new();
	char *text = text_of(r);
	CHECK(gb_check_report_passed(r));
	CHECK(strstr(text, "通过    每页文字与排版结果一致\n") != NULL);
	CHECK(strstr(text, "结论：通过。") != NULL);
	CHECK(strstr(text, "不通过") == NULL);
	g_free(text);
	gb_check_report_free(r);
}

TEST(test_warnings_alone_do_not_fail_and_are_listed_with_file_and_line)
{
	gb_check_report *r = report_new();
	add_warning(r, "issues/2026-05/docs/01.md", 18, "“,”是半角标点");
	char *text = text_of(r);
	CHECK(gb_check_report_passed(r));
	CHECK(strstr(text, "issues/2026-05/docs/01.md:18: warning: “,”是半角标点\n") != NULL);
	CHECK(strstr(text, "结论：通过（有1条警告") != NULL);
	g_free(text);
	gb_check_report_free(r);
}

TEST(test_a_failure_fails_its_group_and_is_listed_with_the_page)
{
	gb_check_report *r = report_new();
	add_failure(r, GB_CHECK_TEXT, "print.pdf", 14, "第12页（第14面）", "文字与排版结果不符：缺少“政”");
	char *text = text_of(r);
	CHECK(!gb_check_report_passed(r));
	CHECK(strstr(text, "不通过  每页文字与排版结果一致（1处）\n") != NULL);
	CHECK(strstr(text, "通过    字体全部嵌入\n") != NULL);
	CHECK(strstr(text, "print.pdf: 第12页（第14面）: 文字与排版结果不符：缺少“政”\n") != NULL);
	CHECK(strstr(text, "结论：不通过，共1处问题") != NULL);
	g_free(text);
	gb_check_report_free(r);
}

TEST(test_a_whole_file_failure_has_no_page_part)
{
	gb_check_report *r = report_new();
	add_failure(r, GB_CHECK_META, "web.pdf", 0, "", "缺少XMP元数据");
	char *text = text_of(r);
	CHECK(strstr(text, "\nweb.pdf: 缺少XMP元数据\n") != NULL);
	g_free(text);
	gb_check_report_free(r);
}

TEST(test_json_escapes_quotes_backslashes_and_control_characters)
{
	gb_check_report *r = report_new();
	add_failure(r, GB_CHECK_LINKS, "web.pdf", 2, "目录1（第2面）", "a \"b\" c\\d\te\x01");
	char *json = json_of(r);
	CHECK(strstr(json, "\"message\":\"a \\\"b\\\" c\\\\d\\te\\u0001\"") != NULL);
	CHECK(strstr(json, "\"check\":\"links\",\"id\":\"check-test\",\"file\":\"web.pdf\",\"page\":2") != NULL);
	CHECK(strstr(json, "\"passed\":false}") != NULL);
	g_free(json);
	gb_check_report_free(r);
}

TEST(test_json_lists_every_group_and_an_unopened_edition_as_null_pages)
{
	gb_check_report *r = report_new();
	r->web_pages = -1;
	char *json = json_of(r);
	for (int g = 0; g < GB_CHECK_N; g++) {
		char *key = g_strdup_printf("{\"check\":\"%s\"", gb_check_group_key((gb_check_group)g));
		CHECK(strstr(json, key) != NULL);
		g_free(key);
	}
	CHECK(strstr(json, "\"web\":{\"file\":\"out/web.pdf\",\"pages\":null}") != NULL);
	CHECK(strstr(json, "\"passed\":true}") != NULL);
	g_free(json);
	gb_check_report_free(r);
}

int
main(void)
{
	RUN(test_report_without_failures_passes_and_says_so);
	RUN(test_warnings_alone_do_not_fail_and_are_listed_with_file_and_line);
	RUN(test_a_failure_fails_its_group_and_is_listed_with_the_page);
	RUN(test_a_whole_file_failure_has_no_page_part);
	RUN(test_json_escapes_quotes_backslashes_and_control_characters);
	RUN(test_json_lists_every_group_and_an_unopened_edition_as_null_pages);
	return 0;
}
