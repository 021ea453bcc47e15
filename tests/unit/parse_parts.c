/* Unit tests of the parse stage's parts: the diagnostics table and its
 * ordering (diag.c), calendar dates as parse uses them (lib/date.c),
 * Chinese numerals and the proofreading checks (proof.c), Markdown to
 * blocks (markdown.c). */
#include "t.h"
#include "diag.h"
#include "issue.h"
#include "markdown.h"
#include "proof.h"

TEST(test_every_diagnostic_has_a_name_a_level_and_a_message)
{
	for (int id = 0; id < DIAG__COUNT; id++) {
		CHECK(strcmp(diag_name(id), "?") != 0);
		CHECK(strcmp(diag_format(id), "?") != 0);
		CHECK(diag_level(id) >= GB_LEVEL_WARNING);
	}
}

TEST(test_diagnostics_sort_by_file_then_line_then_order)
{
	gb_diags *d = diags_new();
	diag_emit(d, "b.md", 3, DIAG_SECRECY, "秘密");
	diag_emit(d, "a.md", 9, DIAG_FM_MISSING);
	diag_emit(d, "b.md", 1, DIAG_DISCLOSURE_INVALID, "x");
	diag_emit(d, "b.md", 3, DIAG_DISCLOSURE_INVALID, "y");
	diags_sort(d);
	const gb_diag *x = d->list->pdata[0];
	CHECK_STR(x->file, "a.md");
	x = d->list->pdata[1];
	CHECK_INT(x->line, 1);
	x = d->list->pdata[2];
	CHECK_INT(x->id, DIAG_SECRECY);
	x = d->list->pdata[3];
	CHECK_STR(x->message, "公开属性“y”无效：可刊登的文件应为“主动公开”");
	diags_free(d);
}

TEST(test_exit_status_follows_the_worst_diagnostic)
{
	gb_diags *d = diags_new();
	CHECK_INT(diags_exit_status(d), 0);
	diag_emit(d, "a.md", 1, DIAG_HALFWIDTH_PUNCT, ",", "，");
	CHECK_INT(diags_exit_status(d), 0);
	diag_emit(d, "a.md", 1, DIAG_SECRECY, "秘密");
	CHECK_INT(diags_exit_status(d), 1);
	diag_emit(d, "x", 0, DIAG_SYS_READ, "no");
	CHECK_INT(diags_exit_status(d), 2);
	diag_emit(d, "a.md", 1, DIAG_HALFWIDTH_PUNCT, ",", "，");
	CHECK_INT(diags_exit_status(d), 2);
	diags_free(d);
}

TEST(test_date_parse_accepts_only_existing_iso_dates)
{
	gb_date d;
	CHECK_INT(date_parse("2026-02-28", &d), GB_DATE_OK);
	CHECK_INT(d.day, 28);
	CHECK_INT(date_parse("2024-02-29", &d), GB_DATE_OK);
	CHECK_INT(date_parse("2026-02-29", &d), GB_DATE_NONEXISTENT);
	CHECK_INT(date_parse("2026-04-31", &d), GB_DATE_NONEXISTENT);
	CHECK_INT(date_parse("2100-02-29", &d), GB_DATE_NONEXISTENT);
	CHECK_INT(date_parse("2026-13-01", &d), GB_DATE_BAD_FORMAT);
	CHECK_INT(date_parse("2026-2-28", &d), GB_DATE_BAD_FORMAT);
	CHECK_INT(date_parse("2026/02/28", &d), GB_DATE_BAD_FORMAT);
	CHECK_INT(date_parse("", &d), GB_DATE_BAD_FORMAT);
	CHECK_INT(date_parse(NULL, &d), GB_DATE_BAD_FORMAT);
}

TEST(test_working_days_skip_weekends)
{
	gb_date fri = { 2026, 2, 27 }, mon = { 2026, 3, 2 }, wed = { 2026, 3, 4 },
		thu = { 2026, 3, 5 };
	CHECK_INT(date_working_days_after(fri, mon, NULL, NULL), 1);
	CHECK_INT(date_working_days_after(fri, wed, NULL, NULL), 3);
	CHECK_INT(date_working_days_after(fri, thu, NULL, NULL), 4);
	CHECK_INT(date_working_days_after(wed, fri, NULL, NULL), 0);
}

TEST(test_date_text_is_written_without_leading_zeros)
{
	char *s = date_text((gb_date){ 2026, 2, 8 });
	CHECK_STR(s, "2026年2月8日");
	g_free(s);
}

TEST(test_chinese_numerals_read_and_write)
{
	CHECK_INT(cn_numeral_value("十一", strlen("十一")), 11);
	CHECK_INT(cn_numeral_value("二十", strlen("二十")), 20);
	CHECK_INT(cn_numeral_value("一百零五", strlen("一百零五")), 105);
	CHECK_INT(cn_numeral_value("甲", strlen("甲")), -1);
	const int ns[] = { 1, 10, 11, 20, 21, 99, 100, 105, 110, 999 };
	for (gsize i = 0; i < G_N_ELEMENTS(ns); i++) {
		char *s = cn_numeral(ns[i]);
		CHECK_INT(cn_numeral_value(s, strlen(s)), ns[i]);
		g_free(s);
	}
	char *s = cn_numeral(11);
	CHECK_STR(s, "十一");
	g_free(s);
}

TEST(test_linemark_finds_the_line_of_an_offset)
{
	GArray *m = g_array_new(FALSE, FALSE, sizeof(gb_linemark));
	gb_linemark a = { 0, 5 }, b = { 10, 6 }, c = { 20, 8 };
	g_array_append_val(m, a);
	g_array_append_val(m, b);
	g_array_append_val(m, c);
	CHECK_INT(linemark_line(m, 0), 5);
	CHECK_INT(linemark_line(m, 9), 5);
	CHECK_INT(linemark_line(m, 10), 6);
	CHECK_INT(linemark_line(m, 100), 8);
	g_array_free(m, TRUE);
}

static int
count_id(const gb_diags *d, gb_diag_id id)
{
	int n = 0;
	for (guint i = 0; i < d->list->len; i++)
		n += ((const gb_diag *)d->list->pdata[i])->id == id;
	return n;
}

TEST(test_halfwidth_comma_between_digits_is_not_warned)
{
	gb_diags *d = diags_new();
	gb_proof *p = proof_new(d, NULL);
	proof_text_at(p, "共1,204条，10:30开始", 1);
	CHECK_INT(count_id(d, DIAG_HALFWIDTH_PUNCT), 0);
	proof_text_at(p, "中文,中文", 1);
	CHECK_INT(count_id(d, DIAG_HALFWIDTH_PUNCT), 1);
	proof_free(p);
	diags_free(d);
}

TEST(test_nested_book_title_marks_are_balanced)
{
	gb_diags *d = diags_new();
	gb_proof *p = proof_new(d, NULL);
	proof_text_at(p, "《关于印发《要点》的通知》（试行（草案））“甲”", 1);
	CHECK_INT(count_id(d, DIAG_UNBALANCED), 0);
	proof_text_at(p, "》《", 1);
	CHECK_INT(count_id(d, DIAG_UNBALANCED), 2);
	proof_free(p);
	diags_free(d);
}

TEST(test_heading_numbers_restart_under_a_new_parent)
{
	gb_diags *d = diags_new();
	gb_proof *p = proof_new(d, NULL);
	proof_begin_document(p, "a.md");
	proof_heading(p, 1, "一、甲", 1);
	proof_heading(p, 2, "（一）乙", 2);
	proof_heading(p, 1, "二、丙", 3);
	proof_heading(p, 2, "（一）丁", 4);
	proof_heading(p, 2, "（二）戊", 5);
	proof_heading(p, 1, "十一、错", 6);
	CHECK_INT(count_id(d, DIAG_HEADING_SEQUENCE), 1);
	proof_attachment(p);
	proof_heading(p, 1, "一、附件中重新编号", 7);
	CHECK_INT(count_id(d, DIAG_HEADING_SEQUENCE), 1);
	proof_free(p);
	diags_free(d);
}

TEST(test_decimal_number_is_not_a_heading_number)
{
	gb_diags *d = diags_new();
	gb_proof *p = proof_new(d, NULL);
	proof_begin_document(p, "a.md");
	proof_heading(p, 3, "1.5倍的增长", 1);
	CHECK_INT(count_id(d, DIAG_HEADING_SEQUENCE), 0);
	proof_free(p);
	diags_free(d);
}

TEST(test_markdown_blocks_carry_their_source_lines)
{
	const char *body = "第一段\n接续。\n\n## （一）标题\n\n- 甲\n- 乙\n\n> 引用\n";
	gb_document *doc = document_new("d1", "a.md", 1);
	markdown_add_body(doc, body, strlen(body), 10, NULL);
	CHECK_INT(doc->blocks->len, 5);
	const gb_block *b = doc->blocks->pdata[0];
	CHECK_INT(b->line, 11);
	CHECK_STR(b->text, "第一段接续。");
	b = doc->blocks->pdata[1];
	CHECK_INT(b->kind, GB_BLOCK_HEADING);
	CHECK_INT(b->level, 2);
	CHECK_INT(b->line, 14);
	b = doc->blocks->pdata[3];
	CHECK_INT(b->kind, GB_BLOCK_ITEM);
	CHECK_STR(b->marker, "·");
	CHECK_STR(b->text, "乙");
	CHECK_INT(b->line, 17);
	b = doc->blocks->pdata[4];
	CHECK_STR(b->text, "引用");
	document_free(doc);
}

TEST(test_latin_words_across_a_line_break_keep_a_space)
{
	const char *body = "See the\nlist.\n";
	gb_document *doc = document_new("d1", "a.md", 1);
	markdown_add_body(doc, body, strlen(body), 0, NULL);
	CHECK_STR(((gb_block *)doc->blocks->pdata[0])->text, "See the list.");
	document_free(doc);
}

TEST(test_heading_level_five_becomes_level_four)
{
	const char *body = "##### 深\n";
	gb_document *doc = document_new("d1", "a.md", 1);
	markdown_add_body(doc, body, strlen(body), 0, NULL);
	CHECK_INT(((gb_block *)doc->blocks->pdata[0])->level, 4);
	document_free(doc);
}

int
main(void)
{
	RUN(test_every_diagnostic_has_a_name_a_level_and_a_message);
	RUN(test_diagnostics_sort_by_file_then_line_then_order);
	RUN(test_exit_status_follows_the_worst_diagnostic);
	RUN(test_date_parse_accepts_only_existing_iso_dates);
	RUN(test_working_days_skip_weekends);
	RUN(test_date_text_is_written_without_leading_zeros);
	RUN(test_chinese_numerals_read_and_write);
	RUN(test_linemark_finds_the_line_of_an_offset);
	RUN(test_halfwidth_comma_between_digits_is_not_warned);
	RUN(test_nested_book_title_marks_are_balanced);
	RUN(test_heading_numbers_restart_under_a_new_parent);
	RUN(test_decimal_number_is_not_a_heading_number);
	RUN(test_markdown_blocks_carry_their_source_lines);
	RUN(test_latin_words_across_a_line_break_keep_a_space);
	RUN(test_heading_level_five_becomes_level_four);
	return 0;
}
