/* Unit tests of pipeline/compose.c: page composition of trees built in
 * memory, set in gbt9704 (22 lines of 28 characters), each test one fact
 * about where lines go. */
#include "compose.h"
#include "t.h"

#include <stdlib.h>

static gb_fonts *fonts;
static gb_layout *gbt;

/* A tree of one document: K one-line paragraphs, then BLOCK (a heading
 * when HEADING), then a paragraph of TAIL lines. */
static gb_tree *
tree_with(int k, gboolean heading, int tail)
{
	gb_tree *t = tree_new();
	tree_add_gazette(t, "title", "测试公报");
	tree_add_issue(t, "year", "2026");
	tree_add_issue(t, "number", "1");
	gb_section *s = tree_add_section(t, "市政府文件");
	gb_document *d = tree_add_document(s, "d1", "docs/a.md", 1);
	document_add_meta(d, "title", "测试文件", 2);
	document_add_meta(d, "signature", "none", 3);
	for (int i = 0; i < k; i++)
		document_add_text(d, GB_BLOCK_PARA, 10 + i, "短段落一行即可。");
	if (heading)
		document_add_heading(d, 1, 100, "一、标题");
	GString *p = g_string_new("");
	for (int i = 0; i < tail; i++)
		g_string_append(p, i == 0 ? "尾段文字共有二十六个字符用来填满一整行的宽度吧" : "续行文字共有二十八个字符用来填满一整行的宽度正好满行");
	document_add_text(d, GB_BLOCK_PARA, 200, p->str);
	g_string_free(p, TRUE);
	return t;
}

/* T set in gbt9704; its errors, printed, are counted in ERRORS. */
static int errors;

static gb_pages *
set(const gb_tree *t)
{
	gb_diags *diags = diags_new();
	gb_pages *pg = compose_issue(t, "t.tree", gbt, fonts, diags);
	diags_print(diags, stderr);
	errors = (int)diags->counts[GB_LEVEL_ERROR];
	diags_free(diags);
	return pg;
}

/* Lines (distinct baselines) of structure TAG on body page I, counting
 * only the chunk after the Nth chunk of TAG (-1: all). */
typedef struct {
	int page;	/* index of the page, -1 if absent */
	int lines;	/* lines of this chunk */
	int after;	/* lines after it on the same page */
} where;

/* Where the first chunk whose text begins with PREFIX stands. */
static where
find_chunk(const gb_pages *pg, const char *prefix)
{
	where w = { -1, 0, 0 };
	for (guint i = 0; i < pg->pages->len; i++) {
		const gb_page *page = pages_page(pg, i);
		if (page->kind != GB_PAGE_BODY)
			continue;
		int found = 0, depth = 0;
		double last_y = -1;
		for (guint k = 0; k < page->items->len; k++) {
			const gb_item *it = page_item(page, k);
			if (it->kind == GB_ITEM_BEGIN && strcmp(it->text, "Artifact") != 0 && depth++ == 0)
				last_y = -1;
			if (it->kind == GB_ITEM_END && strcmp(it->text, "Artifact") != 0)
				depth--;
			if (it->kind != GB_ITEM_TEXT || it->size != 16 || it->y == last_y)
				continue;
			if (!found && w.page < 0 && g_str_has_prefix(it->text, prefix)) {
				found = 1;
				w.page = (int)i;
			}
			if (found == 1 && depth > 0) {
				/* lines of the chunk until its end tag */
				w.lines++;
			} else if (found == 2) {
				w.after++;
			}
			last_y = it->y;
			if (found == 1 && k + 1 < page->items->len
			    && page_item(page, k + 1)->kind == GB_ITEM_END)
				found = 2;
		}
		if (found)
			break;
	}
	return w;
}

TEST(test_full_gbt9704_page_holds_22_lines)
{
	gb_tree *t = tree_with(60, FALSE, 1);
	gb_pages *pg = set(t);
	CHECK(pg != NULL);
	int most = 0;
	for (guint i = 0; pg && i < pg->pages->len; i++) {
		const gb_page *page = pages_page(pg, i);
		int n = 0;
		double last = -1;
		for (guint k = 0; k < page->items->len; k++) {
			const gb_item *it = page_item(page, k);
			if (it->kind == GB_ITEM_TEXT && it->size == 16 && page->kind == GB_PAGE_BODY
			    && it->y != last) {
				n++;
				last = it->y;
			}
		}
		most = MAX(most, n);
	}
	CHECK_INT(most, 22);
	pages_free(pg);
	tree_free(t);
}

TEST(test_heading_keeps_with_the_next_two_lines)
{
	/* wherever the heading falls, two lines of the paragraph follow it
	 * on its page */
	for (int k = 10; k < 40; k++) {
		gb_tree *t = tree_with(k, TRUE, 4);
		gb_pages *pg = set(t);
		where h = find_chunk(pg, "一、标题");
		CHECK(h.page >= 0);
		if (h.after < 2)
			fprintf(stderr, "    k=%d: heading followed by %d lines\n", k, h.after);
		CHECK(h.after >= 2);
		pages_free(pg);
		tree_free(t);
	}
}

TEST(test_no_paragraph_leaves_one_line_at_a_page_foot_or_head)
{
	for (int k = 10; k < 40; k++) {
		gb_tree *t = tree_with(k, FALSE, 3);
		gb_pages *pg = set(t);
		where p = find_chunk(pg, "尾段");
		/* a 3-line paragraph: all on one page, or 2 + 1 is a widow,
		 * 1 + 2 an orphan: so all three together */
		CHECK_INT(p.lines, 3);
		pages_free(pg);
		tree_free(t);
	}
}

TEST(test_character_without_a_font_fails_the_issue)
{
	gb_tree *t = tree_with(1, FALSE, 1);
	gb_section *s = t->sections->pdata[0];
	document_add_text(s->documents->pdata[0], GB_BLOCK_PARA, 300, "私用\xee\x80\x80字");
	fprintf(stderr, "    (an error on the next line is expected)\n");
	gb_pages *pg = set(t);
	CHECK(pg == NULL);
	CHECK_INT(errors, 1);
	pages_free(pg);
	tree_free(t);
}

int
main(void)
{
	GError *e = NULL;
	fonts = fonts_load("fonts/fonts.conf", &e);
	gbt = fonts ? layout_load("layouts/gbt9704.ini", &e) : NULL;
	if (!gbt) {
		printf("not ok setup: %s\n", e ? e->message : "?");
		g_clear_error(&e);
		fonts_free(fonts);
		return 1;
	}
	RUN(test_full_gbt9704_page_holds_22_lines);
	RUN(test_heading_keeps_with_the_next_two_lines);
	RUN(test_no_paragraph_leaves_one_line_at_a_page_foot_or_head);
	RUN(test_character_without_a_font_fails_the_issue);
	layout_free(gbt);
	fonts_free(fonts);
	return 0;
}
