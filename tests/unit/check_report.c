/* check_report.c — the check report (pipeline/check/verifyreport.c): what
 * an editor reads and what a machine parses, from hand-made results; and
 * how gongbao-check prints why a check could not be made. */
#include "t.h"
#include "verify.h"

#include <json-glib/json-glib.h>

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

static void
add_kind_warning(gb_check_report *r, int line, const char *kind)
{
	add_warning(r, "d.md", line, "m");
	((gb_check_warning *)r->warnings->pdata[r->warnings->len - 1])->kind = g_strdup(kind);
}

TEST(test_warning_kinds_are_counted_most_frequent_first_in_first_seen_order)
{
	gb_check_report *r = report_new();
	add_kind_warning(r, 1, "unbalanced");
	add_kind_warning(r, 2, "halfwidth-punct");
	add_kind_warning(r, 3, "halfwidth-punct");
	add_kind_warning(r, 4, "heading-sequence");
	add_kind_warning(r, 5, "no-such-kind");
	GPtrArray *k = gb_check_warning_kinds(r->warnings);
	CHECK_INT(k->len, 4);
	if (k->len == 4) {
		const gb_check_kind *a = k->pdata[0], *b = k->pdata[1], *c = k->pdata[3];
		CHECK_STR(a->kind, "halfwidth-punct");
		CHECK_INT(a->items->len, 2);
		CHECK_INT(((const gb_check_warning *)a->items->pdata[1])->line, 3);
		CHECK_STR(b->kind, "unbalanced");
		CHECK_STR(c->kind, "no-such-kind");
		CHECK(strstr(a->advice, "--fix") != NULL);
		CHECK_STR(c->advice, gb_check_advice(NULL));
	}
	g_ptr_array_unref(k);
	char *text = text_of(r);
	CHECK(strstr(text, "（5条，4种，") != NULL);
	CHECK(strstr(text, "\n半角标点（halfwidth-punct，2条）：") != NULL);
	CHECK(strstr(text, "\n附录：全部警告（5条）\nd.md:1: warning: m\n") != NULL);
	g_free(text);
	gb_check_report_free(r);
}

TEST(test_a_kind_with_many_warnings_shows_three_places_and_how_many_more)
{
	gb_check_report *r = report_new();
	for (int i = 1; i <= 7; i++)
		add_kind_warning(r, i, "space-between-cjk");
	char *text = text_of(r);
	CHECK(strstr(text, "汉字间空格（space-between-cjk，7条）：删去汉字之间多余的空格（gongbao-parse --fix 可自动改正）\n"
	    "  d.md:1: warning: m\n  d.md:2: warning: m\n  d.md:3: warning: m\n"
	    "  ……另有4条（见附录）\n") != NULL);
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

/* The JSON report read back by json-glib's parser: NULL if it is not JSON. */
static JsonObject *
parsed(const char *json, JsonParser **parser)
{
	*parser = json_parser_new();
	if (!json_parser_load_from_data(*parser, json, -1, NULL))
		return NULL;
	JsonNode *root = json_parser_get_root(*parser);
	return root && JSON_NODE_HOLDS_OBJECT(root) ? json_node_get_object(root) : NULL;
}

TEST(test_json_reads_back_with_every_field_of_a_failure_and_a_warning)
{
	gb_check_report *r = report_new();
	add_failure(r, GB_CHECK_BOXES, "print.pdf", 3, "第1页（第3面）等2面", "缺少裁切框（TrimBox）");
	((gb_check_failure *)r->failures->pdata[0])->count = 2;
	add_warning(r, "issues/2026-05/docs/02.md", 18, "“,”是半角标点");
	char *json = json_of(r);
	JsonParser *parser;
	JsonObject *o = parsed(json, &parser);
	CHECK(o != NULL);
	if (o) {
		CHECK_STR(json_object_get_string_member(o, "gazette"), "示范市人民政府公报");
		CHECK_STR(json_object_get_string_member(o, "issue"), "2026年第5期（总第245期）");
		JsonObject *pages = json_object_get_object_member(o, "pages");
		CHECK_STR(json_object_get_string_member(pages, "file"), "out/issue.pages");
		CHECK_INT(json_object_get_int_member(pages, "pages"), 6);
		CHECK_INT(json_object_get_int_member(json_object_get_object_member(o, "print"), "pages"), 8);
		JsonArray *checks = json_object_get_array_member(o, "checks");
		CHECK_INT(json_array_get_length(checks), GB_CHECK_N);
		JsonObject *boxes = json_array_get_object_element(checks, GB_CHECK_BOXES);
		CHECK_STR(json_object_get_string_member(boxes, "check"), "boxes");
		CHECK_STR(json_object_get_string_member(boxes, "title"), "页面尺寸与裁切框");
		CHECK(!json_object_get_boolean_member(boxes, "passed"));
		CHECK_INT(json_object_get_int_member(boxes, "failures"), 1);
		JsonArray *failures = json_object_get_array_member(o, "failures");
		CHECK_INT(json_array_get_length(failures), 1);
		JsonObject *f = json_array_get_object_element(failures, 0);
		CHECK_STR(json_object_get_string_member(f, "check"), "boxes");
		CHECK_STR(json_object_get_string_member(f, "id"), "check-test");
		CHECK_STR(json_object_get_string_member(f, "file"), "print.pdf");
		CHECK_INT(json_object_get_int_member(f, "page"), 3);
		CHECK_INT(json_object_get_int_member(f, "pages"), 2);
		CHECK_STR(json_object_get_string_member(f, "where"), "第1页（第3面）等2面");
		CHECK_STR(json_object_get_string_member(f, "message"), "缺少裁切框（TrimBox）");
		JsonArray *warnings = json_object_get_array_member(o, "warnings");
		CHECK_INT(json_array_get_length(warnings), 1);
		JsonObject *w = json_array_get_object_element(warnings, 0);
		CHECK_STR(json_object_get_string_member(w, "file"), "issues/2026-05/docs/02.md");
		CHECK_INT(json_object_get_int_member(w, "line"), 18);
		CHECK_STR(json_object_get_string_member(w, "message"), "“,”是半角标点");
		CHECK(!json_object_get_boolean_member(o, "passed"));
	}
	/* Chinese stays as it is, not \u-escaped, for a reader of the file */
	CHECK(strstr(json, "\"where\":\"第1页（第3面）等2面\"") != NULL);
	g_object_unref(parser);
	g_free(json);
	gb_check_report_free(r);
}

TEST(test_json_lists_the_members_in_the_documented_order)
{
	gb_check_report *r = report_new();
	char *json = json_of(r);
	const char *keys[] = { "\"gazette\":", "\"issue\":", "\"pages\":{", "\"print\":{",
		"\"web\":{", "\"checks\":[", "\"failures\":[", "\"warnings\":[", "\"passed\":true}" };
	const char *at = json;
	for (guint i = 0; i < G_N_ELEMENTS(keys) && at; i++) {
		at = strstr(at, keys[i]);
		CHECK(at != NULL);
	}
	CHECK(g_str_has_suffix(json, "}\n"));
	g_free(json);
	gb_check_report_free(r);
}

TEST(test_json_of_a_file_name_that_is_not_utf8_is_still_json)
{
	gb_check_report *r = report_new();
	g_free(r->print_file);
	r->print_file = g_strdup("out/\xff\xfe.pdf");
	char *json = json_of(r);
	JsonParser *parser;
	JsonObject *o = parsed(json, &parser);
	CHECK(o != NULL);
	if (o) {
		const char *file = json_object_get_string_member(json_object_get_object_member(o, "print"),
		    "file");
		CHECK(file && g_utf8_validate(file, -1, NULL) && g_str_has_prefix(file, "out/"));
	}
	g_object_unref(parser);
	g_free(json);
	gb_check_report_free(r);
}

/* What diags_print (diag.c, the one printer) writes for DIAGS. */
static char *
printed(const gb_diags *diags)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	diags_print((gb_diags *)diags, f);
	fclose(f);
	char *s = g_strdup(buf);
	free(buf);
	return s;
}

TEST(test_a_diagnostic_without_a_line_is_printed_as_file_error_message)
{
	gb_diags *diags = diags_new();
	diag_emit(diags, "out/no-such.pdf", 0, DIAG_CHECK_NO_FILE);
	char *s = printed(diags);
	CHECK_STR(s, "out/no-such.pdf: error: 文件不存在，或不是普通文件\n");
	CHECK_INT(diags_exit_status(diags), 2);
	g_free(s);
	diags_free(diags);
}

TEST(test_a_diagnostic_with_a_line_is_printed_as_file_line_error_message)
{
	gb_diags *diags = diags_new();
	diag_emit(diags, "gongbao-check", 0, DIAG_CHECK_ARGUMENTS);
	diag_emit(diags, "out/issue.pages", 3, DIAG_CHECK_NO_FILE);
	char *s = printed(diags);
	CHECK_STR(s, "gongbao-check: error: 需要三个参数：页面清单、印刷版和电子版（ISSUE.pages "
	    "PRINT.pdf WEB.pdf，参见 gongbao-check --help）\n"
	    "out/issue.pages:3: error: 文件不存在，或不是普通文件\n");
	g_free(s);
	diags_free(diags);
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
	RUN(test_json_reads_back_with_every_field_of_a_failure_and_a_warning);
	RUN(test_json_lists_the_members_in_the_documented_order);
	RUN(test_json_of_a_file_name_that_is_not_utf8_is_still_json);
	RUN(test_warning_kinds_are_counted_most_frequent_first_in_first_seen_order);
	RUN(test_a_kind_with_many_warnings_shows_three_places_and_how_many_more);
	RUN(test_a_diagnostic_without_a_line_is_printed_as_file_error_message);
	RUN(test_a_diagnostic_with_a_line_is_printed_as_file_line_error_message);
	return 0;
}
