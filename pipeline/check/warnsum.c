/* warnsum.c — the parse warnings of the check report summed up by kind:
 * an editor shown ten thousand lines reads none, but reads "halfwidth-punct,
 * 812 times, e.g. …, what to do".  The full list stays in the report's
 * appendix and in --json. */
#include "verify.h"

#include <string.h>

/* What each kind of warning is called in the report and what the editor
 * does about it (the kinds of the diag-*.def blocks); a kind not listed
 * goes by its short name with the general advice. */
static const struct {
	const char *kind;
	const char *label;
	const char *advice;
} kinds[] = {
	{ "halfwidth-punct", "半角标点", "把半角标点改为全角（gongbao-parse --fix 可自动改正）" },
	{ "space-between-cjk", "汉字间空格", "删去汉字之间多余的空格（gongbao-parse --fix 可自动改正）" },
	{ "space-by-punct", "标点旁空格", "删去全角标点旁多余的空格（gongbao-parse --fix 可自动改正）" },
	{ "article-run-in", "条文接排", "每一条另起一段" },
	{ "unbalanced", "标点不配对", "补全或删去不配对的引号、括号、书名号" },
	{ "heading-sequence", "标题序号", "核对标题序号是否连续，漏号、重号须改正" },
	{ "word-wrong", "错敏词", "按错敏词表改正用词（不自动改正，须人工确认）" },
	{ "word-sensitive", "敏感词", "核对用词是否妥当" },
	{ "number-duplicate", "发文字号重复", "核对发文字号：两份文件不应同号" },
	{ "fm-unknown-key", "未知的键", "核对文件开头的键名是否拼错" },
	{ "kind-unknown", "文种", "核对文种是否写错" },
	{ "interpretation-late", "解读迟发", "核对解读与被解读文件的期次" },
	{ "text-number-brackets", "发文字号括号", "发文字号的年份应用六角括号〔〕" },
	{ "words-file", "错敏词表", "改正错敏词表的格式" },
	{ "ini-unknown-key", "issue.ini 未知的键", "核对 issue.ini 的键名是否拼错" },
	{ "ini-year-mismatch", "issue.ini 年份", "核对 issue.ini 的年份与出版日期" },
	{ "html-block", "HTML 块", "HTML 不会印出：如需刊登请改为正文，否则删去" },
	{ "html-inline", "HTML 标记", "HTML 标记不会印出：请删去或改为正文" },
	{ "image-no-caption", "图无题注", "为图补上题注（图号和图名）" },
	{ "image-not-here", "图的位置", "图应单独成段" },
	{ "deep-nesting", "列表层次过深", "减少列表的嵌套层次" },
	{ "note-unreferenced", "注释无引用", "在正文中引用此注释，或删去它" },
	{ "wide-table", "表格过宽", "拆分表格或减少列数：已改为逐行排成段落" },
	{ "colour-image", "彩色图", "印刷版已转为灰度：请确认灰度图清楚可读" },
};

static int
kind_index(const char *kind)
{
	for (guint i = 0; kind && i < G_N_ELEMENTS(kinds); i++)
		if (strcmp(kinds[i].kind, kind) == 0)
			return (int)i;
	return -1;
}

const char *
gb_check_advice(const char *kind)
{
	int i = kind_index(kind);
	return i >= 0 ? kinds[i].advice : "逐条核对原文，按警告所说改正或确认无误";
}

const char *
gb_check_kind_label(const char *kind)
{
	int i = kind_index(kind);
	return i >= 0 ? kinds[i].label : kind;
}

static void
kind_free(gpointer p)
{
	gb_check_kind *k = p;
	g_ptr_array_unref(k->items);
	g_free(k);
}

static gint
by_count(gconstpointer a, gconstpointer b)
{
	const gb_check_kind *ka = *(const gb_check_kind *const *)a;
	const gb_check_kind *kb = *(const gb_check_kind *const *)b;
	return ka->items->len != kb->items->len ? (ka->items->len < kb->items->len ? 1 : -1) : 0;
}

GPtrArray *
gb_check_warning_kinds(const GPtrArray *warnings)
{
	GPtrArray *kinds = g_ptr_array_new_with_free_func(kind_free);
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < warnings->len; i++) {
		const gb_check_warning *w = warnings->pdata[i];
		const char *name = w->kind && *w->kind ? w->kind : "?";
		gb_check_kind *k = g_hash_table_lookup(seen, name);
		if (!k) {
			k = g_new0(gb_check_kind, 1);
			k->kind = name;
			k->advice = gb_check_advice(name);
			k->items = g_ptr_array_new();
			g_hash_table_insert(seen, (gpointer)name, k);
			g_ptr_array_add(kinds, k);
		}
		g_ptr_array_add(k->items, (gpointer)w);
	}
	g_hash_table_destroy(seen);
	/* g_ptr_array_sort is stable (a merge sort): equal counts keep the
	 * order of first appearance */
	g_ptr_array_sort(kinds, by_count);
	return kinds;
}
