/* archive.c — gongbao-archive: the gazette as a series (SPEC §9).  The
 * office's record of every published issue, in its SQLite database:
 * publish, search, show, list, validity, the annual index and the bound
 * volume.  Only the options and the dispatch here; each command is a
 * module of its own beside it. */
#include "archive.h"
#include "diag.h"
#include "officedb.h"
#include "util.h"

#include <string.h>


#define PROGRAM "gongbao-archive"

const gb_archive_command gb_archive_commands[] = {
	{ "publish", archive_publish, "", 1, 1 },
	{ "search", archive_search, "json", 1, 1 },
	{ "show", archive_show, "json", 1, 1 },
	{ "list", archive_list, "json year", 0, 0 },
	{ "validity", archive_validity, "date by", 2, 2 },
	{ "index", archive_index, "year output", 0, 0 },
	{ "volume", archive_volume, "year output", 0, 1 },
	{ NULL, NULL, NULL, 0, 0 }
};

static gb_archive_options opt;
static gboolean version;

static const char description[] =
    "命令：\n"
    "  publish OUT_DIR     发布一期：检查通过的本期（make issue 生成的 OUT_DIR，含 check.json）\n"
    "                      记入资料库：本期、各件文件、每页文字、两版 PDF 的 SHA-256；\n"
    "                      同一期再发布不作修改，已发布的期号不能换成另一期\n"
    "  search 检索词       全文检索所有已发布的各期（三字以上用全文索引，一二字逐页查找），\n"
    "                      新的在前：期号、页码、文件标识、标题、时效与所在的一行\n"
    "  show 文件标识       一件文件的记录、时效变更与现行时效、解读与勘误（如 2026-5-3）\n"
    "  list [--year 年度]  已发布的各期；给出年度则列出该年的全部文件\n"
    "  validity 文件标识 有效|失效|废止|修订 --date YYYY-MM-DD --by 文件标识或文字\n"
    "                      记录时效变更（保留全部历史）\n"
    "  index --year 年度 [-o FILE]\n"
    "                      年度总目录（公文树，经 make index 排版、生成、检查）：各栏目的全部文件\n"
    "                      及其发文字号、现行时效、期号页码，再按发文机关索引\n"
    "  volume --year 年度 -o FILE [总目录电子版]\n"
    "                      合订本：总目录与该年各期已发布的电子版合为一个签名的 PDF\n"
    "                      （书签、页码标签“第5期 12”、总目录链接到合订本的页面）\n"
    "\n"
    "资料库在办公室数据库（与收件单位登记库同一文件，默认 " GB_OFFICEDB_DEFAULT_PATH
    "，--db 另指定）。\n"
    "每次修改都记下时间（UTC）；环境变量 GONGBAO_NOW=2026-03-01T09:00:00Z 可指定这个时间（供测试）。\n"
    "退出码：0 成功，1 输入有误（未写入任何内容），2 用法或系统错误。";

/* Whether every option given is one COMMAND takes; says the first that
 * is not. */
static gboolean
options_fit(const gb_archive_command *c)
{
	const struct { const char *name; gboolean given; } given[] = {
		{ "json", opt.json }, { "year", opt.year != 0 }, { "date", opt.date != NULL },
		{ "by", opt.by != NULL }, { "output", opt.output != NULL },
	};
	char **takes = g_strsplit(c->options ? c->options : "", " ", -1);
	gboolean ok = TRUE;
	for (size_t i = 0; ok && i < G_N_ELEMENTS(given); i++) {
		if (given[i].given && !g_strv_contains((const char *const *)takes, given[i].name)) {
			diag_print(PROGRAM, 0, DIAG_ARCHIVE_OPTION_NOT_TAKEN, c->name, given[i].name);
			ok = FALSE;
		}
	}
	g_strfreev(takes);
	return ok;
}

int
main(int argc, char **argv)
{
	gb_set_program_path(argv[0]);
	GOptionEntry entries[] = {
		{ "db", 0, 0, G_OPTION_ARG_FILENAME, &opt.db, "办公室数据库（默认 " GB_OFFICEDB_DEFAULT_PATH "）", "FILE" },
		{ "json", 0, 0, G_OPTION_ARG_NONE, &opt.json, "以JSON输出记录", NULL },
		{ "year", 0, 0, G_OPTION_ARG_INT, &opt.year, "年度（list、index、volume）", "YEAR" },
		{ "date", 0, 0, G_OPTION_ARG_FILENAME, &opt.date, "变更生效日期（validity）", "YYYY-MM-DD" },
		{ "by", 0, 0, G_OPTION_ARG_FILENAME, &opt.by, "变更依据：文件标识或文字（validity）", "ID|TEXT" },
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt.output, "输出文件（index、volume）", "FILE" },
		{ "version", 0, 0, G_OPTION_ARG_NONE, &version, "版本", NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	GOptionContext *ctx = g_option_context_new("COMMAND [ARG…] — 公报资料库");
	g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_set_description(ctx, description);
	int status = gb_parse_options(ctx, &argc, &argv, PROGRAM);
	const gb_archive_command *c = NULL;
	if (status >= 0) {
		/* the bad option is said */
	} else if (version) {
		gb_print_version(PROGRAM);
		status = GB_EXIT_OK;
	} else if (argc < 2) {
		status = diag_print(PROGRAM, 0, DIAG_ARCHIVE_NO_COMMAND);
	} else {
		for (c = gb_archive_commands; c->name && strcmp(c->name, argv[1]) != 0; c++)
			;
		int n = argc - 2;
		if (!c->name)
			status = diag_print(PROGRAM, 0, DIAG_ARCHIVE_UNKNOWN_COMMAND, argv[1]);
		else if (n < c->min_args || n > c->max_args)
			status = diag_print(PROGRAM, 0, DIAG_ARCHIVE_ARGUMENT_COUNT, c->name, PROGRAM);
		else if (!options_fit(c))
			status = GB_EXIT_SYSTEM;
		else
			status = c->run(&opt, n, argv + 2);
	}
	g_free(opt.db);
	g_free(opt.date);
	g_free(opt.by);
	g_free(opt.output);
	return status;
}
