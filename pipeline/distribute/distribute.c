/* distribute.c — gongbao-distribute: for a built issue, the print order,
 * mailing list, labels and deposit packages in OUT_DIR/distribution/, and
 * the run recorded in the registry.  Only the options here; the run is
 * distrun.c, the documents distlist.c and distpdf.c. */
#include "diag.h"
#include "distrun.h"
#include "regstore.h"
#include "util.h"


#define PROGRAM "gongbao-distribute"

static const char description[] =
    "为已排印的一期（OUT_DIR 中有 print.pdf 和 web.pdf，即 make issue 的结果）生成\n"
    "OUT_DIR/distribution/：\n"
    "  print-order.txt, print-order.pdf   印制单（印数=在册单位纸质份数+留存份数）\n"
    "  mailing-list.csv, mailing-list.pdf 发行清单（按类别、区县分组，小计与合计）\n"
    "  labels.pdf                         邮寄标签（A4，每页2×7）\n"
    "  deposit/ID/                        接收电子版的单位各一个 BagIt 包（RFC 8493）\n"
    "并在登记库中记录本期发给了谁、几份（gongbao-registry history --issue 期）。\n"
    "\n"
    "同一期再次运行：按已有记录重新生成同样的文件，不重复记录；登记库此后有变化时\n"
    "给出警告。--re-record 按当前登记重新生成并替换本期的记录。\n"
    "所有文件先写在临时目录中，完成后一次换入；中断的运行不留下半成品。\n"
    "环境变量 GONGBAO_NOW 可指定记录时间（供测试）。\n"
    "退出码：0 成功，1 输入有误（未排印、登记内容无法印出等），2 用法或系统错误。";

int
main(int argc, char **argv)
{
	gb_set_program_path(argv[0]);
	char *db = NULL, *font = NULL;
	gboolean re_record = FALSE, version = FALSE;
	GOptionEntry entries[] = {
		{ "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "登记库（默认 " GB_REGISTRY_DEFAULT_PATH "）", "FILE" },
		{ "font", 0, 0, G_OPTION_ARG_FILENAME, &font, "标签和清单的TrueType字体（默认霞鹜文楷）", "FILE" },
		{ "re-record", 0, 0, G_OPTION_ARG_NONE, &re_record, "按当前登记重新记录本期发行", NULL },
		{ "version", 0, 0, G_OPTION_ARG_NONE, &version, "版本", NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	GOptionContext *ctx = g_option_context_new("ISSUE_DIR OUT_DIR — 印制单、发行清单、邮寄标签、电子版缴送包");
	g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_set_description(ctx, description);
	int status = gb_parse_options(ctx, &argc, &argv, PROGRAM);
	if (status >= 0) {
		/* the bad option is said */
	} else if (version) {
		gb_print_version(PROGRAM);
		status = GB_EXIT_OK;
	} else if (argc != 3) {
		status = diag_print(PROGRAM, 0, DIAG_DIST_ARGUMENTS);
	} else {
		/* a signal stops the run between documents, so that the registry
		 * is rolled back and the temporary directory removed */
		gb_signals_defer();
		gb_dist_options o = { argv[1], argv[2], db ? db : GB_REGISTRY_DEFAULT_PATH,
			font ? font : GB_DIST_DEFAULT_FONT, re_record };
		status = gb_dist_run(&o);
		/* end as the signal would have, now that nothing is half done */
		gb_signal_reraise();
	}
	g_free(db);
	g_free(font);
	return status;
}
