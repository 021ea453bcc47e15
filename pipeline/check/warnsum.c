/* warnsum.c — the parse warnings of the check report summed up by kind:
 * an editor shown ten thousand lines reads none, but reads "halfwidth-punct,
 * 812 times, e.g. …, what to do".  The full list stays in the report's
 * appendix and in --json. */
#include "verify.h"

#include <string.h>

/* What the editor does about each kind of parse warning (the kinds of
 * pipeline/parse/diag-parse.def); a kind not listed gets the general
 * advice. */
static const struct {
	const char *kind;
	const char *advice;
} advice[] = {
	{ "halfwidth-punct", "把半角标点改为全角（gongbao-parse --fix 可自动改正）" },
	{ "space-between-cjk", "删去汉字之间多余的空格（gongbao-parse --fix 可自动改正）" },
	{ "unbalanced", "补全或删去不配对的引号、括号、书名号" },
	{ "heading-sequence", "核对标题序号是否连续，漏号、重号须改正" },
	{ "word-wrong", "按错敏词表改正用词（不自动改正，须人工确认）" },
	{ "word-sensitive", "核对用词是否妥当" },
	{ "number-duplicate", "核对发文字号：两份文件不应同号" },
	{ "fm-unknown-key", "核对文件开头的键名是否拼错" },
	{ "kind-unknown", "核对文种是否写错" },
	{ "interpretation-late", "核对解读与被解读文件的期次" },
	{ "text-number-brackets", "发文字号的年份应用六角括号〔〕" },
	{ "words-file", "改正错敏词表的格式" },
	{ "ini-unknown-key", "核对 issue.ini 的键名是否拼错" },
	{ "ini-year-mismatch", "核对 issue.ini 的年份与出版日期" },
};

const char *
gb_check_advice(const char *kind)
{
	for (guint i = 0; kind && i < G_N_ELEMENTS(advice); i++)
		if (strcmp(advice[i].kind, kind) == 0)
			return advice[i].advice;
	return "逐条核对原文，按警告所说改正或确认无误";
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
