/* proofplace.c — where the proofreader's warnings stand (proof.c): each
 * carries the tree line of its block, the cell, and the characters
 * concerned, for the proof (SPEC §5); and lint.c's findings are what --fix
 * applies, once and for all. */
#include "t.h"
#include "lint.h"
#include "proof.h"

#include <glib.h>

static const gb_diag *
find(const gb_diags *d, gb_diag_id id, int nth)
{
	for (guint i = 0; i < d->list->len; i++) {
		const gb_diag *x = d->list->pdata[i];
		if (x->id == id && nth-- == 0)
			return x;
	}
	return NULL;
}

static GArray *
marks_of(int line, gsize second_offset, int second_line)
{
	GArray *m = g_array_new(FALSE, FALSE, sizeof(gb_linemark));
	gb_linemark a = { 0, line }, b = { second_offset, second_line };
	g_array_append_val(m, a);
	if (second_offset)
		g_array_append_val(m, b);
	return m;
}

TEST(test_warning_anchor_is_block_line_cell_and_characters)
{
	gb_diags *d = diags_new();
	gb_proof *p = proof_new(d, NULL);
	proof_begin_document(p, "a.md");
	GArray *m = marks_of(20, 0, 0);
	proof_text(p, "为了规范 管理(试行)", m, 20, 2);
	const gb_diag *w = find(d, DIAG_SPACE_BETWEEN_CJK, 0);
	CHECK(w != NULL);
	if (w) {
		CHECK_INT(w->line, 20);
		CHECK_INT(w->anchor.line, 20);
		CHECK_INT(w->anchor.part, 2);
		CHECK_INT(w->anchor.start, 4);
		CHECK_INT(w->anchor.length, 1);
	}
	w = find(d, DIAG_HALFWIDTH_PUNCT, 1);
	CHECK(w != NULL);
	if (w) {
		CHECK_INT(w->anchor.start, 10);
		CHECK_INT(w->anchor.length, 1);
	}
	g_array_free(m, TRUE);
	proof_free(p);
	diags_free(d);
}

TEST(test_warning_on_a_later_source_line_counts_characters_of_the_whole_block)
{
	gb_diags *d = diags_new();
	gb_proof *p = proof_new(d, NULL);
	proof_begin_document(p, "a.md");
	const char *text = "第一行没有问题，第二行有,问题";
	GArray *m = marks_of(30, strlen("第一行没有问题，"), 31);
	proof_text(p, text, m, 30, 0);
	const gb_diag *w = find(d, DIAG_HALFWIDTH_PUNCT, 0);
	CHECK(w != NULL);
	if (w) {
		CHECK_INT(w->line, 31);
		CHECK_INT(w->anchor.line, 30);
		CHECK_INT(w->anchor.start, 12);
	}
	g_array_free(m, TRUE);
	proof_free(p);
	diags_free(d);
}

TEST(test_front_matter_warning_has_no_place_in_a_block)
{
	gb_diags *d = diags_new();
	gb_proof *p = proof_new(d, NULL);
	proof_text_at(p, "关于印发办法(试行)的通知", 4);
	const gb_diag *w = find(d, DIAG_HALFWIDTH_PUNCT, 0);
	CHECK(w != NULL);
	if (w) {
		CHECK_INT(w->line, 4);
		CHECK_INT(w->anchor.line, 0);
	}
	proof_free(p);
	diags_free(d);
}

TEST(test_quotation_left_open_is_warned_at_its_own_block)
{
	gb_diags *d = diags_new();
	gb_proof *p = proof_new(d, NULL);
	proof_begin_document(p, "a.md");
	GArray *m1 = marks_of(10, 0, 0), *m2 = marks_of(12, 0, 0);
	proof_text(p, "修改为：“第一条 为了规范管理。", m1, 10, 0);
	CHECK(find(d, DIAG_UNBALANCED, 0) == NULL);
	proof_text(p, "下一段不是引文。", m2, 12, 0);
	const gb_diag *w = find(d, DIAG_UNBALANCED, 0);
	CHECK(w != NULL);
	if (w) {
		CHECK_INT(w->line, 10);
		CHECK_INT(w->anchor.line, 10);
		CHECK_INT(w->anchor.start, 4);
		CHECK_INT(w->anchor.length, 1);
	}
	g_array_free(m1, TRUE);
	g_array_free(m2, TRUE);
	proof_free(p);
	diags_free(d);
}

TEST(test_heading_sequence_anchor_covers_the_number)
{
	gb_diags *d = diags_new();
	gb_proof *p = proof_new(d, NULL);
	proof_begin_document(p, "a.md");
	proof_heading(p, 1, "第一章 总则", 5);
	proof_heading(p, 1, "第三章 附则", 9);
	const gb_diag *w = find(d, DIAG_HEADING_SEQUENCE, 0);
	CHECK(w != NULL);
	if (w) {
		CHECK_INT(w->anchor.line, 9);
		CHECK_INT(w->anchor.start, 0);
		CHECK_INT(w->anchor.length, 3);
	}
	proof_free(p);
	diags_free(d);
}

static int
fixable(const GArray *found)
{
	int n = 0;
	for (guint i = 0; i < found->len; i++)
		n += g_array_index(found, gb_lint, i).replacement != NULL;
	return n;
}

TEST(test_applying_the_findings_leaves_nothing_to_find)
{
	static const char *const texts[] = {
		"第一条 为了规范管理(试行),制定本办法: 甲 ;乙。",
		"“ 规范性文件 ”是指 文件\u200b。",
		"第二条\u3000 本办法(WTO) 适用 于本市！ 完",
	};
	gb_linter *l = linter_new();
	for (gsize i = 0; i < G_N_ELEMENTS(texts); i++) {
		GArray *found = lint_find(l, texts[i], NULL);
		CHECK(fixable(found) > 0);
		char *fixed = lint_apply(texts[i], found);
		GArray *again = lint_find(l, fixed, NULL);
		CHECK_INT(fixable(again), 0);
		g_array_free(again, TRUE);
		g_array_free(found, TRUE);
		g_free(fixed);
	}
	linter_free(l);
}

TEST(test_run_in_article_and_document_number_are_not_fixed)
{
	gb_linter *l = linter_new();
	const char *text = "本办法自公布之日起施行。 第二条 根据国办发(1985)49号文件。";
	GArray *found = lint_find(l, text, NULL);
	CHECK_INT(found->len, 1);
	if (found->len) {
		CHECK_INT(g_array_index(found, gb_lint, 0).kind, LINT_RUN_IN);
		CHECK(g_array_index(found, gb_lint, 0).replacement == NULL);
	}
	char *fixed = lint_apply(text, found);
	CHECK_STR(fixed, text);
	g_free(fixed);
	g_array_free(found, TRUE);
	linter_free(l);
}

int
main(void)
{
	RUN(test_warning_anchor_is_block_line_cell_and_characters);
	RUN(test_warning_on_a_later_source_line_counts_characters_of_the_whole_block);
	RUN(test_front_matter_warning_has_no_place_in_a_block);
	RUN(test_quotation_left_open_is_warned_at_its_own_block);
	RUN(test_heading_sequence_anchor_covers_the_number);
	RUN(test_applying_the_findings_leaves_nothing_to_find);
	RUN(test_run_in_article_and_document_number_are_not_fixed);
	return 0;
}
