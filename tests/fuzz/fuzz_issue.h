/* fuzz_issue.h — what the two issue targets share: a temporary issue
 * directory (TMP/2026-05/issue.ini, one TMP/2026-05/docs/01-fuzz.md, a
 * word list TMP/words.txt) read by the parse stage (issue_parse), its tree
 * written and read back, and every file removed again. */
#ifndef GONGBAO_FUZZ_ISSUE_H
#define GONGBAO_FUZZ_ISSUE_H

#include "diag.h"
#include "fuzz.h"
#include "issue.h"
#include "tree.h"
#include "util.h"

#include <glib/gstdio.h>

/* The sample issue's issue.ini (issues/2026-05). */
static const char fuzz_issue_ini[] =
	"# 示范市人民政府公报 2026年第5期（总第245期）\n"
	"[gazette]\n"
	"title=示范市人民政府公报\n"
	"publisher=示范市人民政府办公室\n"
	"editor=示范市人民政府公报编辑部\n"
	"address=示范市人民路1号\n"
	"layout=gazette-a4\n"
	"\n"
	"[issue]\n"
	"year=2026\n"
	"number=5\n"
	"cumulative=245\n"
	"date=2026-03-15\n"
	"first-page=1\n"
	"reserve-copies=20\n"
	"\n"
	"[sections]\n"
	"order=法规规章;市政府文件;市政府办公室文件;部门文件;政策解读;人事任免;勘误\n";

/* A document of tests/e2e/parse.sh's good issue: front matter, headings,
 * a table, an attachment. */
static const char fuzz_issue_doc[] =
	"---\n"
	"section: 市政府文件\n"
	"kind: 通知\n"
	"title: 示范市人民政府关于印发2026年政务公开工作要点的通知\n"
	"issuer: 示范市人民政府\n"
	"number: 示政发〔2026〕5号\n"
	"date: 2026-02-28\n"
	"to: 各县（市）区人民政府，市政府各部门\n"
	"disclosure: 主动公开\n"
	"review: 张三 2026-02-20; 李四 2026-02-21; 王五 2026-02-22\n"
	"validity: 有效\n"
	"---\n"
	"现将《2026年政务公开工作要点》印发给你们，\n"
	"请认真贯彻落实。\n"
	"\n"
	"# 一、深化决策公开\n"
	"\n"
	"## （一）完善重大行政决策公众参与制度\n"
	"\n"
	"主动公开信息1,204条，10:30开始。See the list (below), please.\n"
	"\n"
	"| 项目 | 2025年 | 2026年 |\n"
	"|---|---:|---:|\n"
	"| 主动公开信息（条） | 1,204 | 1,350 |\n"
	"\n"
	"# 附件：2026年政务公开工作任务分工\n";

/* A few lines of issues/words.txt: corrections and a sensitive word. */
static const char fuzz_issue_words[] =
	"# 错敏字库\n"
	"按装\t安装\n"
	"部份\t部分\n"
	"贯切\t贯彻\n"
	"国家机密\n";

static void
fuzz_write(const char *path, const char *data, size_t size)
{
	if (!g_file_set_contents(path, data, (gssize)size, NULL))
		fuzz_fail("cannot write %s", path);
}

/* Parses the issue of INI and DOC; if it has no error, its tree must be
 * written and read back.  Leaves no file behind. */
static void
fuzz_parse_issue(const char *ini, size_t ini_len, const char *doc, size_t doc_len)
{
	char *top = g_dir_make_tmp("gongbao-fuzz-XXXXXX", NULL);
	if (!top)
		fuzz_fail("cannot make a temporary directory");
	char *dir = g_build_filename(top, "2026-05", NULL);
	char *docs = g_build_filename(dir, "docs", NULL);
	char *ini_path = g_build_filename(dir, "issue.ini", NULL);
	char *doc_path = g_build_filename(docs, "01-fuzz.md", NULL);
	char *words_path = g_build_filename(top, "words.txt", NULL);
	if (g_mkdir(dir, 0700) != 0 || g_mkdir(docs, 0700) != 0)
		fuzz_fail("cannot make %s", docs);
	fuzz_write(ini_path, ini, ini_len);
	fuzz_write(doc_path, doc, doc_len);
	fuzz_write(words_path, fuzz_issue_words, sizeof fuzz_issue_words - 1);

	/* the layouts of the checkout (issue.ini names one: parse checks it
	 * exists), found beside the target as beside a program */
	static gboolean located;
	if (!located)
		gb_set_program_path("fuzz");
	located = TRUE;
	gb_diags *diags = diags_new();
	gb_tree *tree = issue_parse(dir, NULL, diags);
	FILE *null = fopen("/dev/null", "w");
	diags_print(diags, null);
	fclose(null);
	if (tree && diags_exit_status(diags) == GB_EXIT_OK) {
		char *text = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&text, &len);
		if (!out || !tree_write(out, tree))
			fuzz_fail("tree_write failed");
		fclose(out);
		GError *error = NULL;
		FILE *in = fuzz_stream((const uint8_t *)text, len);
		gb_tree *back = tree_read(in, "fuzz.tree", &error);
		fclose(in);
		if (!back)
			fuzz_fail("the tree of a good issue is refused: %s", error->message);
		tree_free(back);
		free(text);
	}
	tree_free(tree);
	diags_free(diags);

	g_unlink(words_path);
	g_unlink(doc_path);
	g_unlink(ini_path);
	g_rmdir(docs);
	g_rmdir(dir);
	if (g_rmdir(top) != 0)
		fuzz_fail("%s is not empty after the parse", top);
	g_free(words_path);
	g_free(doc_path);
	g_free(ini_path);
	g_free(docs);
	g_free(dir);
	g_free(top);
}

#endif
