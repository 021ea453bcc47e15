/* registry.c — gongbao-registry: the distribution office's commands on the
 * recipient registry (add, update, retire, list, show, import, export,
 * history).  Only the options here; the commands are regcmd.c, the store
 * regstore.c, the checks recipients.c. */
#include "diag.h"
#include "regcmd.h"
#include "regstore.h"
#include "util.h"


#define PROGRAM "gongbao-registry"

/* Text options are FILENAME so that GLib passes the bytes through: a
 * Chinese name must not depend on the locale the office runs in. */
static gb_registry_options opt;
static gboolean version;

static const char description[] =
    "命令：\n"
    "  add --id ID --name 名称 --category 类别 --postal-code 邮编 --district 区县\n"
    "      --address 地址 [--contact 联系人] --phone 电话 --copies 份数 --electronic yes|no\n"
    "                      新增收件单位\n"
    "  update ID [--name …] [--address …] … [--active yes|no]\n"
    "                      修改：只改给出的字段；--active yes 恢复已停发的单位\n"
    "  retire ID           停发（历史保留）\n"
    "  list [--all] [--at 时间]\n"
    "                      在册单位（--all 含停发的；--at 某时的登记）\n"
    "  show ID             一个单位的全部字段\n"
    "  import FILE.csv [--retire-missing]\n"
    "                      导入CSV：全部正确才写入，否则逐行报错、不作修改；\n"
    "                      新编号新增，有变化的修改（停发的恢复），无变化的不写；\n"
    "                      --retire-missing 同时停发文件中没有的在册单位\n"
    "  export [-o FILE]    导出在册单位为CSV（import 读的格式）\n"
    "  history [ID]        变更记录（全部，或一个单位的）\n"
    "  history --issue 期  该期发行记录：发给了谁、几份（如 --issue 2026-05）\n"
    "\n"
    "CSV 表头：id,name,category,postal_code,district,address,contact,phone,copies,electronic\n"
    "（RFC 4180 引号规则，UTF-8，可带BOM）。\n"
    "类别：国家图书馆缴送 档案馆 公共图书馆 政务服务大厅 查阅点 乡镇政府 街道办事处\n"
    "      社区居委会 村委会 外地市 上级机关 其他\n"
    "邮政编码6位数字；电话为带区号的固定电话（0571-87654321）或11位手机号；\n"
    "份数0-9999；电子版yes或no；联系人可空，其余必填。\n"
    "\n"
    "每次修改都记下时间（UTC，ISO 8601）；环境变量 GONGBAO_NOW=2026-03-01T09:00:00Z\n"
    "可指定这个时间（供测试）。\n"
    "退出码：0 成功，1 输入有误（未写入任何内容），2 用法或系统错误。";

int
main(int argc, char **argv)
{
	gb_set_program_path(argv[0]);
	GOptionEntry entries[] = {
		{ "db", 0, 0, G_OPTION_ARG_FILENAME, &opt.db, "登记库（默认 " GB_REGISTRY_DEFAULT_PATH "）", "FILE" },
		{ "id", 0, 0, G_OPTION_ARG_FILENAME, &opt.field[GB_RF_ID], "编号（add）", "ID" },
		{ "name", 0, 0, G_OPTION_ARG_FILENAME, &opt.field[GB_RF_NAME], "名称", "TEXT" },
		{ "category", 0, 0, G_OPTION_ARG_FILENAME, &opt.field[GB_RF_CATEGORY], "类别", "TEXT" },
		{ "postal-code", 0, 0, G_OPTION_ARG_FILENAME, &opt.field[GB_RF_POSTAL_CODE], "邮政编码", "NNNNNN" },
		{ "district", 0, 0, G_OPTION_ARG_FILENAME, &opt.field[GB_RF_DISTRICT], "区县", "TEXT" },
		{ "address", 0, 0, G_OPTION_ARG_FILENAME, &opt.field[GB_RF_ADDRESS], "地址", "TEXT" },
		{ "contact", 0, 0, G_OPTION_ARG_FILENAME, &opt.field[GB_RF_CONTACT], "联系人", "TEXT" },
		{ "phone", 0, 0, G_OPTION_ARG_FILENAME, &opt.field[GB_RF_PHONE], "电话", "TEXT" },
		{ "copies", 0, 0, G_OPTION_ARG_FILENAME, &opt.field[GB_RF_COPIES], "纸质份数", "N" },
		{ "electronic", 0, 0, G_OPTION_ARG_FILENAME, &opt.field[GB_RF_ELECTRONIC], "是否接收电子版", "yes|no" },
		{ "active", 0, 0, G_OPTION_ARG_FILENAME, &opt.active, "在册（update）", "yes|no" },
		{ "all", 0, 0, G_OPTION_ARG_NONE, &opt.all, "含已停发的（list）", NULL },
		{ "at", 0, 0, G_OPTION_ARG_FILENAME, &opt.at, "某时的登记（list）", "TIME" },
		{ "issue", 0, 0, G_OPTION_ARG_FILENAME, &opt.issue, "该期的发行记录（history）", "ISSUE" },
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt.output, "输出文件（export，默认标准输出）", "FILE" },
		{ "retire-missing", 0, 0, G_OPTION_ARG_NONE, &opt.retire_missing, "停发文件中没有的单位（import）", NULL },
		{ "version", 0, 0, G_OPTION_ARG_NONE, &version, "版本", NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	GOptionContext *ctx = g_option_context_new("COMMAND [ARG] — 收件单位登记库");
	g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_set_description(ctx, description);
	int status = gb_parse_options(ctx, &argc, &argv, PROGRAM);
	if (status >= 0) {
		/* the bad option is said */
	} else if (version) {
		gb_print_version(PROGRAM);
		status = GB_EXIT_OK;
	} else if (argc < 2) {
		status = diag_print(PROGRAM, 0, DIAG_REGISTRY_NO_COMMAND);
	} else if (!g_strv_contains(gb_registry_commands, argv[1])) {
		status = diag_print(PROGRAM, 0, DIAG_REGISTRY_UNKNOWN_COMMAND, argv[1]);
	} else {
		status = gb_registry_run(&opt, argv[1], argc - 2, argv + 2);
	}
	g_free(opt.db);
	for (int f = 0; f < GB_RF_COUNT; f++)
		g_free(opt.field[f]);
	g_free(opt.active);
	g_free(opt.at);
	g_free(opt.issue);
	g_free(opt.output);
	return status;
}
