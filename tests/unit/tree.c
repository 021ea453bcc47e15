/* Unit tests of pipeline/tree.c: the tree written, read back and written
 * again is the same text; a malformed tree is refused with its line. */
#include "t.h"
#include "diag.h"
#include "tree.h"

#include <stdlib.h>

static char *
write_to_string(const gb_tree *tree)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	tree_write(f, tree);
	fclose(f);
	return buf;
}

static gb_tree *
read_string(const char *text, GError **error)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	gb_tree *t = tree_read(f, "x.tree", error);
	fclose(f);
	return t;
}

static gb_tree *
sample_tree(void)
{
	gb_tree *t = tree_new();
	tree_add_gazette(t, "title", "示范市人民政府公报");
	tree_add_issue(t, "date", "2026-03-15");
	tree_add_issue(t, "name", "2026-05");
	gb_section *s = tree_add_section(t, "市政府文件");
	gb_document *d = tree_add_document(s, "d1", "issues/2026-05/docs/01-通知.md", 1);
	document_add_meta(d, "title", "关于\t制表符\\与换行\n的通知", 4);
	document_add_meta(d, "date-text", "2026年2月28日", 0);
	document_add_text(d, GB_BLOCK_PARA, 14, "现将《要点》印发给你们。");
	document_add_heading(d, 2, 16, "（一）完善制度");
	document_add_item(d, 18, "1.", "第一项");
	gb_block *tb = document_add_table(d, 22, 3, "lrr");
	gb_row *r = table_add_row(tb, 22, TRUE);
	table_set_cell(tb, r, 0, "项目");
	table_set_cell(tb, r, 1, "2025年");
	r = table_add_row(tb, 24, FALSE);
	table_set_cell(tb, r, 2, "1,350");
	document_add_text(d, GB_BLOCK_ATTACHMENT, 30, "附件：分工");
	tree_add_section(t, "政策解读");
	gb_anchor a = { 14, 0, 3, 2 };
	tree_add_warning(t, "issues/2026-05/docs/01-通知.md", 18, "halfwidth-punct", &a, "半角标点");
	return t;
}

TEST(test_identifier_is_year_number_and_print_order)
{
	char *id = docmeta_identifier(2026, 5, "d3");
	CHECK_STR(id, "2026-5-3");
	g_free(id);
	id = docmeta_identifier(2025, 18, "d12");
	CHECK_STR(id, "2025-18-12");
	g_free(id);
	CHECK(docmeta_identifier(2026, 5, "x3") == NULL);
	CHECK(docmeta_identifier(2026, 5, "d0") == NULL);
	CHECK(docmeta_identifier(2026, 5, "d3a") == NULL);
	CHECK(docmeta_identifier(2026, 5, "d") == NULL);
	CHECK(docmeta_identifier(2026, 5, NULL) == NULL);
}

TEST(test_written_tree_reads_back_to_the_same_text)
{
	gb_tree *t = sample_tree();
	char *first = write_to_string(t);
	GError *err = NULL;
	gb_tree *back = read_string(first, &err);
	CHECK(back != NULL);
	if (back) {
		char *second = write_to_string(back);
		CHECK_STR(second, first);
		free(second);
	}
	if (err)
		fprintf(stderr, "    %s\n", err->message);
	g_clear_error(&err);
	tree_free(back);
	tree_free(t);
	free(first);
}

TEST(test_read_tree_has_the_structures_written)
{
	gb_tree *t = sample_tree();
	char *text = write_to_string(t);
	gb_tree *back = read_string(text, NULL);
	CHECK(back != NULL);
	if (back) {
		CHECK_STR(tree_gazette(back, "title"), "示范市人民政府公报");
		CHECK_STR(tree_issue(back, "name"), "2026-05");
		CHECK_INT(back->sections->len, 2);
		CHECK_INT(tree_document_count(back), 1);
		const gb_document *d = tree_find_document(back, "d1");
		CHECK(d != NULL);
		if (d) {
			CHECK_STR(d->section, "市政府文件");
			CHECK_STR(document_meta(d, "title"), "关于\t制表符\\与换行\n的通知");
			CHECK_INT(document_meta_entry(d, "title")->line, 4);
			CHECK(document_meta(d, "number") == NULL);
			CHECK_INT(d->blocks->len, 5);
			const gb_block *h = d->blocks->pdata[1];
			CHECK_INT(h->kind, GB_BLOCK_HEADING);
			CHECK_INT(h->level, 2);
			CHECK_INT(h->line, 16);
			const gb_block *it = d->blocks->pdata[2];
			CHECK_STR(it->marker, "1.");
			const gb_block *tb = d->blocks->pdata[3];
			CHECK_INT(tb->kind, GB_BLOCK_TABLE);
			CHECK_INT(tb->ncols, 3);
			CHECK_STR(tb->align, "lrr");
			CHECK_INT(tb->rows->len, 2);
			const gb_row *r = tb->rows->pdata[1];
			CHECK(!r->head);
			CHECK_STR(r->cells[1], "");
			CHECK_STR(r->cells[2], "1,350");
			CHECK_INT(((gb_block *)d->blocks->pdata[4])->kind, GB_BLOCK_ATTACHMENT);
		}
		CHECK_INT(back->warnings->len, 1);
		const gb_warning *w = back->warnings->pdata[0];
		CHECK_INT(w->line, 18);
		CHECK_STR(w->kind, "halfwidth-punct");
		CHECK_INT(w->anchor.line, 14);
		CHECK_INT(w->anchor.part, 0);
		CHECK_INT(w->anchor.start, 3);
		CHECK_INT(w->anchor.length, 2);
		CHECK_STR(w->message, "半角标点");
	}
	tree_free(back);
	tree_free(t);
	free(text);
}

TEST(test_tabs_and_newlines_in_text_are_escaped_in_one_record)
{
	gb_tree *t = sample_tree();
	char *text = write_to_string(t);
	CHECK(strstr(text, "meta\ttitle\t关于\\t制表符\\\\与换行\\n的通知\t4\n") != NULL);
	CHECK(strncmp(text, "gongbao-tree\t2\n", 15) == 0);
	CHECK(strlen(text) > 4 && strcmp(text + strlen(text) - 4, "end\n") == 0);
	tree_free(t);
	free(text);
}

/* Asserts that TEXT is refused with a message starting "x.tree:LINE: error:". */
static void
check_refused(const char *text, int line, const char *words)
{
	GError *err = NULL;
	gb_tree *t = read_string(text, &err);
	CHECK(t == NULL);
	CHECK(err != NULL);
	if (err) {
		char *prefix = g_strdup_printf("x.tree:%d: error: ", line);
		if (strncmp(err->message, prefix, strlen(prefix)) != 0 || !strstr(err->message, words)) {
			t_failed_checks++;
			fprintf(stderr, "    message \"%s\", expected \"%s…%s\"\n", err->message,
			    prefix, words);
		}
		g_free(prefix);
		g_error_free(err);
	}
	tree_free(t);
}

#define HEAD "gongbao-tree\t2\nsection\tS\ndocument\td1\tf.md\t1\n"

TEST(test_figures_and_notes_read_back_the_same)
{
	const char *text = HEAD "para\t3\t正文①。\nnoteref\t2\t①\n"
	    "image\t5\td/images/图1.png\t300\t200\tcolour\t图1 规划图②\nnoteref\t6\t②\n"
	    "note\t9\t①\t注释内容。\nenddocument\nend\n";
	GError *err = NULL;
	gb_tree *t = read_string(text, &err);
	CHECK(t != NULL);
	if (t) {
		const gb_document *d = tree_find_document(t, "d1");
		const gb_block *p = d->blocks->pdata[0], *im = d->blocks->pdata[1];
		const gb_block *n = d->blocks->pdata[2];
		CHECK_INT(p->noterefs->len, 1);
		CHECK_INT(g_array_index(p->noterefs, gb_noteref, 0).start, 2);
		CHECK_INT(im->kind, GB_BLOCK_IMAGE);
		CHECK_STR(im->path, "d/images/图1.png");
		CHECK_INT(im->px_width, 300);
		CHECK(im->colour);
		CHECK_STR(im->text, "图1 规划图②");
		CHECK_INT(im->noterefs->len, 1);
		CHECK_INT(n->kind, GB_BLOCK_NOTE);
		CHECK_STR(n->marker, "①");
		char *again = write_to_string(t);
		CHECK_STR(again, text);
		free(again);
	}
	g_clear_error(&err);
	tree_free(t);
}

TEST(test_noteref_not_at_its_marker_or_after_a_table_is_refused)
{
	check_refused(HEAD "para\t3\t正文①。\nnoteref\t1\t①\nenddocument\nend\n", 5,
	    "不在文字块的第1个字符处");
	check_refused(HEAD "para\t3\t正文①。\nnoteref\t9\t①\nenddocument\nend\n", 5,
	    "应为0至4的整数");
	check_refused(HEAD "table\t5\t1\t-\nrow\t5\tbody\ncell\t图\nendtable\nnoteref\t0\t图\n"
	    "enddocument\nend\n", 8, "不在文字块之内");
	check_refused(HEAD "image\t5\ta.png\t3\t2\tred\t图\nenddocument\nend\n", 4,
	    "colour 或 gray");
}

TEST(test_a_link_of_a_paragraph_or_item_reads_back_the_same)
{
	const char *text = HEAD "para\t3\t正文\nlink\t../2026-05/web.pdf#page=5\n"
	    "item\t5\t·\t条目\nnoteref\t0\t条\nlink\tdocs/a%E4%B9%99.pdf\nenddocument\nend\n";
	GError *err = NULL;
	gb_tree *t = read_string(text, &err);
	CHECK(t != NULL);
	if (t) {
		const gb_document *d = tree_find_document(t, "d1");
		CHECK_STR(((const gb_block *)d->blocks->pdata[0])->uri, "../2026-05/web.pdf#page=5");
		CHECK_STR(((const gb_block *)d->blocks->pdata[1])->uri, "docs/a%E4%B9%99.pdf");
		char *again = write_to_string(t);
		CHECK_STR(again, text);
		free(again);
	}
	g_clear_error(&err);
	tree_free(t);
}

TEST(test_a_link_after_a_heading_twice_or_not_ascii_is_refused)
{
	check_refused(HEAD "heading\t1\t3\t一、总则\nlink\ta.pdf\nenddocument\nend\n", 5,
	    "link 记录不在段落或列表项");
	check_refused(HEAD "para\t3\t正文\nlink\ta.pdf\nlink\tb.pdf\nenddocument\nend\n", 6,
	    "link 记录不在段落或列表项");
	check_refused(HEAD "para\t3\t正文\nlink\t文件.pdf\nenddocument\nend\n", 5,
	    "URI“文件.pdf”无效");
	check_refused(HEAD "para\t3\t正文\nlink\ta b.pdf\nenddocument\nend\n", 5, "无效");
}

TEST(test_tree_without_end_is_refused_as_cut_short)
{
	check_refused(HEAD "para\t3\t正文\nenddocument\n", 6, "不完整");
}

TEST(test_unknown_record_is_refused_with_its_line)
{
	check_refused(HEAD "# a comment\n\npicture\t3\tx\nenddocument\nend\n", 6, "未知的记录");
}

TEST(test_higher_version_is_refused)
{
	check_refused("gongbao-tree\t3\nend\n", 1, "版本");
}

TEST(test_version_1_tree_is_refused)
{
	check_refused("gongbao-tree\t1\nsection\tS\nwarning\tf.md\t3\tm\nend\n", 1, "版本为1");
}

TEST(test_warning_has_kind_and_place_fields)
{
	gb_tree *t = sample_tree();
	char *text = write_to_string(t);
	CHECK(strstr(text, "\nwarning\tissues/2026-05/docs/01-通知.md\t18\thalfwidth-punct"
	    "\t14\t0\t3\t2\t半角标点\nend\n") != NULL);
	free(text);
	tree_free(t);
}

#define WHEAD "gongbao-tree\t2\nsection\tS\n"

TEST(test_warning_of_the_old_shape_is_refused)
{
	check_refused(WHEAD "warning\tf.md\t3\tmessage\nend\n", 3, "记录有3个字段，应有8个");
}

TEST(test_warning_kind_must_be_a_diagnostic_name)
{
	check_refused(WHEAD "warning\tf.md\t3\t半角\t3\t0\t0\t1\tm\nend\n", 3, "警告类别");
	check_refused(WHEAD "warning\tf.md\t3\t\t3\t0\t0\t1\tm\nend\n", 3, "警告类别");
}

TEST(test_warning_without_a_block_line_has_no_place)
{
	check_refused(WHEAD "warning\tf.md\t3\tx\t0\t0\t2\t1\tm\nend\n", 3, "没有块行号");
	check_refused(WHEAD "warning\tf.md\t3\tx\t3\t0\t-1\t1\tm\nend\n", 3, "起点");
	gb_tree *t = read_string(WHEAD "warning\tf.md\t3\tx\t0\t0\t0\t0\tm\nend\n", NULL);
	CHECK(t != NULL);
	if (t)
		CHECK_INT(((gb_warning *)t->warnings->pdata[0])->anchor.line, 0);
	tree_free(t);
}

TEST(test_other_format_is_refused)
{
	check_refused("gongbao-pages\t1\nend\n", 1, "不是公文树");
}

TEST(test_wrong_number_of_fields_is_refused)
{
	check_refused(HEAD "heading\t1\t5\n", 4, "字段");
}

TEST(test_heading_level_five_is_refused)
{
	check_refused(HEAD "heading\t5\t5\tx\n", 4, "标题级别");
}

TEST(test_row_with_missing_cell_is_refused)
{
	check_refused(HEAD "table\t3\t2\tl-\nrow\t3\thead\ncell\ta\nendtable\n", 7, "单元格");
}

TEST(test_head_row_after_body_row_is_refused)
{
	check_refused(HEAD "table\t3\t1\tl\nrow\t3\tbody\ncell\ta\nrow\t4\thead\n", 7, "表头行（head）出现在表体行");
}

TEST(test_document_without_enddocument_is_refused)
{
	check_refused(HEAD "para\t3\tx\nend\n", 5, "缺少 enddocument");
}

TEST(test_block_outside_a_document_is_refused)
{
	check_refused("gongbao-tree\t2\nsection\tS\npara\t3\tx\nend\n", 3, "不在公文（document … enddocument）之内");
}

TEST(test_duplicate_document_id_is_refused)
{
	check_refused(HEAD "enddocument\ndocument\td1\tg.md\t1\n", 5, "用了两次");
}

TEST(test_non_numeric_line_is_refused)
{
	check_refused(HEAD "para\tx3\ttext\n", 4, "不是数");
}

TEST(test_record_after_end_is_refused)
{
	check_refused(HEAD "enddocument\nend\nsection\tT\n", 6, "end 记录之后");
}

TEST(test_empty_input_is_refused)
{
	check_refused("", 1, "文件是空的");
}

/* --- the typed front matter (docmeta.h) --------------------------------- */

TEST(test_every_key_of_the_vocabulary_fills_a_field_of_the_view)
{
	gb_document *d = document_new("d1", "a.md", 1);
	for (int k = 0; k < GB_FM_KEY_COUNT; k++)
		document_add_meta(d, fm_keys[k].key, fm_keys[k].meaning, 10 + k);
	const gb_fm_value *fields[] = { &d->fm.section, &d->fm.title, &d->fm.issuer,
		&d->fm.date, &d->fm.disclosure, &d->fm.review, &d->fm.number, &d->fm.kind,
		&d->fm.to, &d->fm.cc, &d->fm.secrecy, &d->fm.validity, &d->fm.interprets,
		&d->fm.corrects, &d->fm.signature };
	CHECK_INT(G_N_ELEMENTS(fields), GB_FM_KEY_COUNT);
	for (int k = 0; k < GB_FM_KEY_COUNT; k++) {
		CHECK_STR(fields[k]->value, fm_keys[k].meaning);
		CHECK_INT(fields[k]->line, 10 + k);
	}
	document_free(d);
}

TEST(test_the_first_of_a_repeated_key_counts_as_document_meta_has_it)
{
	gb_document *d = document_new("d1", "a.md", 1);
	document_add_meta(d, "title", "第一个", 2);
	document_add_meta(d, "title", "第二个", 3);
	CHECK_STR(d->fm.title.value, "第一个");
	CHECK_STR(d->fm.title.value, document_meta(d, "title"));
	CHECK_INT(d->fm.title.line, 2);
	document_free(d);
}

TEST(test_an_absent_key_is_null_on_the_documents_line)
{
	gb_document *d = document_new("d1", "a.md", 7);
	CHECK(d->fm.cc.value == NULL);
	CHECK_INT(d->fm.cc.line, 7);
	CHECK(docmeta_signs_off(&d->fm));
	document_add_meta(d, "signature", "none", 8);
	CHECK(!docmeta_signs_off(&d->fm));
	document_free(d);
}

TEST(test_a_read_tree_has_the_derived_keys_typed)
{
	const char *text = "gongbao-tree\t2\nsection\tS\ndocument\td1\ta.md\t1\n"
	    "meta\ttitle\t通知\t2\nmeta\tinterpreted-by\td2\t0\nmeta\tinterpreted-by\td3\t0\n"
	    "meta\tdate-text\t2026年3月1日\t0\nmeta\tidentifier\t2026-3-1\t0\nenddocument\nend\n";
	GError *e = NULL;
	gb_tree *t = read_string(text, &e);
	CHECK(t != NULL);
	if (t) {
		const gb_document *d = tree_find_document(t, "d1");
		CHECK_STR(d->fm.title.value, "通知");
		CHECK_STR(d->fm.identifier.value, "2026-3-1");
		CHECK_STR(d->fm.date_text.value, "2026年3月1日");
		CHECK(d->fm.interpreted_by && d->fm.interpreted_by->len == 2);
		if (d->fm.interpreted_by && d->fm.interpreted_by->len == 2) {
			CHECK_STR(d->fm.interpreted_by->pdata[0], "d2");
			CHECK_STR(d->fm.interpreted_by->pdata[1], "d3");
		}
		tree_free(t);
	}
	g_clear_error(&e);
}

TEST(test_a_refused_tree_names_its_table_entry)
{
	GError *e = NULL;
	gb_tree *t = read_string("gongbao-tree\t2\nsection\tS\npara\t3\tx\nend\n", &e);
	CHECK(t == NULL);
	CHECK(e != NULL);
	if (e) {
		CHECK(e->domain == GB_DIAG_ERROR);
		CHECK_INT(e->code, DIAG_TREE_OUTSIDE);
	}
	g_clear_error(&e);
}

int
main(void)
{
	RUN(test_identifier_is_year_number_and_print_order);
	RUN(test_written_tree_reads_back_to_the_same_text);
	RUN(test_read_tree_has_the_structures_written);
	RUN(test_tabs_and_newlines_in_text_are_escaped_in_one_record);
	RUN(test_figures_and_notes_read_back_the_same);
	RUN(test_noteref_not_at_its_marker_or_after_a_table_is_refused);
	RUN(test_a_link_of_a_paragraph_or_item_reads_back_the_same);
	RUN(test_a_link_after_a_heading_twice_or_not_ascii_is_refused);
	RUN(test_tree_without_end_is_refused_as_cut_short);
	RUN(test_unknown_record_is_refused_with_its_line);
	RUN(test_higher_version_is_refused);
	RUN(test_version_1_tree_is_refused);
	RUN(test_warning_has_kind_and_place_fields);
	RUN(test_warning_of_the_old_shape_is_refused);
	RUN(test_warning_kind_must_be_a_diagnostic_name);
	RUN(test_warning_without_a_block_line_has_no_place);
	RUN(test_other_format_is_refused);
	RUN(test_wrong_number_of_fields_is_refused);
	RUN(test_heading_level_five_is_refused);
	RUN(test_row_with_missing_cell_is_refused);
	RUN(test_head_row_after_body_row_is_refused);
	RUN(test_document_without_enddocument_is_refused);
	RUN(test_block_outside_a_document_is_refused);
	RUN(test_duplicate_document_id_is_refused);
	RUN(test_non_numeric_line_is_refused);
	RUN(test_record_after_end_is_refused);
	RUN(test_empty_input_is_refused);
	RUN(test_every_key_of_the_vocabulary_fills_a_field_of_the_view);
	RUN(test_the_first_of_a_repeated_key_counts_as_document_meta_has_it);
	RUN(test_an_absent_key_is_null_on_the_documents_line);
	RUN(test_a_read_tree_has_the_derived_keys_typed);
	RUN(test_a_refused_tree_names_its_table_entry);
	return 0;
}
