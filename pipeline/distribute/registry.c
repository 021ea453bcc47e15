/* registry.c — gongbao-registry: the distribution office's commands on the
 * recipient registry (add, update, retire, list, show, import, export,
 * history).  Only the options and the wording here; the store and the
 * checks are recipients.c. */
#include "recipients.h"
#include "util.h"

#include <locale.h>
#include <string.h>

#define PROGRAM "gongbao-registry"

/* Every option of every command; a command refuses the ones not its own.
 * Text options are FILENAME so that GLib passes the bytes through: a
 * Chinese name must not depend on the locale the office runs in. */
static struct {
	char *db;
	char *field[GB_RF_COUNT];
	char *active;
	gboolean all;
	char *at;
	char *issue;
	char *output;
	gboolean retire_missing;
	gboolean version;
} opt;

static void
error_line(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

static void
error_line(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: error: %s\n", PROGRAM, msg);
	g_free(msg);
}

static int
fail(GError *error)
{
	int status = error->domain == GB_REGISTRY_ERROR && error->code == GB_REGISTRY_ERROR_INPUT
	    ? GB_EXIT_INPUT : GB_EXIT_SYSTEM;
	/* the message is "WHERE: what": the diagnostic is "WHERE: error: what" */
	const char *sep = strstr(error->message, ": ");
	if (sep)
		fprintf(stderr, "%.*s: error: %s\n", (int)(sep - error->message), error->message,
		    sep + 2);
	else
		fprintf(stderr, "%s: error: %s\n", PROGRAM, error->message);
	g_error_free(error);
	return status;
}

static gboolean
any_field_option(void)
{
	for (int f = 0; f < GB_RF_COUNT; f++)
		if (opt.field[f])
			return TRUE;
	return opt.active != NULL;
}

/* Prints the check's messages; TRUE if there were none. */
static gboolean
report_faults(GPtrArray *faults, const char *id)
{
	for (guint i = 0; i < faults->len; i++) {
		if (id && *id)
			error_line("%s: %s", id, (char *)faults->pdata[i]);
		else
			error_line("%s", (char *)faults->pdata[i]);
	}
	return faults->len == 0;
}

static const char *
change_name(const char *change)
{
	if (strcmp(change, "add") == 0) return "新增";
	if (strcmp(change, "update") == 0) return "修改";
	if (strcmp(change, "retire") == 0) return "停发";
	if (strcmp(change, "import") == 0) return "导入";
	return change;
}

/* --- the commands ------------------------------------------------------- */

static int
cmd_add(gb_registry *reg, const char *now)
{
	gb_recipient *r = gb_recipient_new();
	for (int f = 0; f < GB_RF_COUNT; f++)
		gb_recipient_set(r, f, opt.field[f]);
	GPtrArray *faults = g_ptr_array_new_with_free_func(g_free);
	gb_recipient_check(r, faults);
	int status = GB_EXIT_OK;
	if (!report_faults(faults, r->field[GB_RF_ID])) {
		status = GB_EXIT_INPUT;
	} else {
		GError *error = NULL;
		gb_recipient *prev = NULL;
		if (gb_registry_begin(reg, &error)) {
			prev = gb_registry_get(reg, r->field[GB_RF_ID], &error);
			if (prev) {
				error_line("编号%s已经存在（%s，%s）；修改请用 update", r->field[GB_RF_ID],
				    prev->field[GB_RF_NAME], prev->active ? "在册" : "已停发");
				gb_registry_rollback(reg);
				status = GB_EXIT_INPUT;
			} else if (!error && gb_registry_put(reg, r, "add", now, &error)) {
				gb_registry_commit(reg, &error);
			}
		}
		if (error) {
			gb_registry_rollback(reg);
			status = fail(error);
		}
		gb_recipient_free(prev);
	}
	g_ptr_array_unref(faults);
	gb_recipient_free(r);
	return status;
}

/* update and retire: a new version of an existing recipient. */
static int
cmd_change(gb_registry *reg, const char *id, gboolean retire, const char *now)
{
	GError *error = NULL;
	if (!gb_registry_begin(reg, &error))
		return fail(error);
	gb_recipient *r = gb_registry_get(reg, id, &error);
	int status = GB_EXIT_OK;
	GPtrArray *faults = g_ptr_array_new_with_free_func(g_free);
	if (error) {
		status = fail(error);
		error = NULL;
	} else if (!r) {
		error_line("编号%s不存在", id);
		status = GB_EXIT_INPUT;
	} else if (retire) {
		if (!r->active) {
			error_line("%s（%s）已经停发", id, r->field[GB_RF_NAME]);
			status = GB_EXIT_INPUT;
		}
		r->active = FALSE;
	} else {
		gb_recipient *before = gb_recipient_copy(r);
		for (int f = GB_RF_NAME; f < GB_RF_COUNT; f++)
			if (opt.field[f])
				gb_recipient_set(r, f, opt.field[f]);
		if (opt.active && strcmp(opt.active, "yes") != 0 && strcmp(opt.active, "no") != 0)
			g_ptr_array_add(faults, g_strdup_printf("状态“%s”应为yes（在册）或no（停发）",
			    opt.active));
		else if (opt.active)
			r->active = strcmp(opt.active, "yes") == 0;
		gb_recipient_check(r, faults);
		if (!report_faults(faults, id)) {
			status = GB_EXIT_INPUT;
		} else if (gb_recipient_same(before, r)) {
			printf("%s没有变化，未写入\n", id);
			gb_recipient_free(before);
			gb_recipient_free(r);
			g_ptr_array_unref(faults);
			gb_registry_rollback(reg);
			return GB_EXIT_OK;
		}
		gb_recipient_free(before);
	}
	if (status == GB_EXIT_OK) {
		if (gb_registry_put(reg, r, retire ? "retire" : "update", now, &error))
			gb_registry_commit(reg, &error);
		if (error)
			status = fail(error);
	}
	gb_registry_rollback(reg);
	g_ptr_array_unref(faults);
	gb_recipient_free(r);
	return status;
}

static void
print_list(GPtrArray *list)
{
	printf("编号\t名称\t类别\t区县\t邮政编码\t份数\t电子版\t状态\n");
	for (guint i = 0; i < list->len; i++) {
		gb_recipient *r = list->pdata[i];
		printf("%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", r->field[GB_RF_ID], r->field[GB_RF_NAME],
		    r->field[GB_RF_CATEGORY], r->field[GB_RF_DISTRICT],
		    r->field[GB_RF_POSTAL_CODE], r->copies, r->electronic ? "yes" : "no",
		    r->active ? "在册" : "停发");
	}
}

static int
cmd_list(gb_registry *reg)
{
	GError *error = NULL;
	char *at = NULL;
	if (opt.at && !(at = gb_registry_time(opt.at))) {
		error_line("--at “%s”不是日期或时间（例如2026-03-15或2026-03-15T09:00:00Z）", opt.at);
		return GB_EXIT_SYSTEM;
	}
	GPtrArray *list = gb_registry_list(reg, at, opt.all, &error);
	g_free(at);
	if (!list)
		return fail(error);
	print_list(list);
	g_ptr_array_unref(list);
	return GB_EXIT_OK;
}

static int
cmd_show(gb_registry *reg, const char *id)
{
	GError *error = NULL;
	gb_recipient *r = gb_registry_get(reg, id, &error);
	if (error)
		return fail(error);
	if (!r) {
		error_line("编号%s不存在", id);
		return GB_EXIT_INPUT;
	}
	for (int f = 0; f < GB_RF_COUNT; f++)
		printf("%s：%s\n", gb_recipient_field_label(f), r->field[f]);
	printf("状态：%s\n", r->active ? "在册" : "停发");
	printf("自：%s（%s）\n", r->valid_from, change_name(r->change));
	gb_recipient_free(r);
	return GB_EXIT_OK;
}

static int
cmd_import(gb_registry *reg, const char *file, const char *now)
{
	char *text = NULL;
	gsize len = 0;
	GError *error = NULL;
	if (!g_file_get_contents(file, &text, &len, &error)) {
		fprintf(stderr, "%s: error: 无法读取：%s\n", file, error->message);
		g_error_free(error);
		return GB_EXIT_INPUT;
	}
	GPtrArray *errors = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *rows = gb_recipients_parse_csv(text, len, file, errors);
	g_free(text);
	int status = GB_EXIT_OK;
	if (errors->len) {
		for (guint i = 0; i < errors->len; i++)
			fprintf(stderr, "%s\n", (char *)errors->pdata[i]);
		fprintf(stderr, "%s: error: %u处错误，登记库未作任何修改\n", file, errors->len);
		status = GB_EXIT_INPUT;
	} else {
		int n[4];
		if (gb_registry_begin(reg, &error)
		    && gb_registry_import(reg, rows, opt.retire_missing, now, n, &error)
		    && gb_registry_commit(reg, &error)) {
			printf("%s：新增%d，修改%d，未变%d", file, n[0], n[1], n[2]);
			if (opt.retire_missing)
				printf("，停发%d", n[3]);
			printf("\n");
		} else {
			gb_registry_rollback(reg);
			status = fail(error);
		}
	}
	g_ptr_array_unref(rows);
	g_ptr_array_unref(errors);
	return status;
}

static int
cmd_export(gb_registry *reg)
{
	GError *error = NULL;
	GPtrArray *list = gb_registry_list(reg, NULL, FALSE, &error);
	if (!list)
		return fail(error);
	GString *csv = g_string_new(NULL);
	gb_recipients_write_csv(csv, list);
	g_ptr_array_unref(list);
	int status = GB_EXIT_OK;
	gb_output *out = gb_output_open(opt.output, &error);
	if (!out || fwrite(csv->str, 1, csv->len, gb_output_file(out)) != csv->len
	    || !gb_output_commit(out, &error)) {
		if (!error)
			g_set_error(&error, G_FILE_ERROR, G_FILE_ERROR_IO, "%s: 写入失败",
			    opt.output ? opt.output : "-");
		fprintf(stderr, "%s: error: %s\n", PROGRAM, error->message);
		g_error_free(error);
		status = GB_EXIT_SYSTEM;
	}
	g_string_free(csv, TRUE);
	return status;
}

/* What changed from PREV to R, or all of R when it is the first version. */
static void
describe_change(GString *s, const gb_recipient *prev, const gb_recipient *r)
{
	int n = 0;
	for (int f = GB_RF_NAME; f < GB_RF_COUNT; f++) {
		if (prev && strcmp(prev->field[f], r->field[f]) == 0)
			continue;
		g_string_append_printf(s, "%s%s：", n++ ? "；" : "", gb_recipient_field_label(f));
		if (prev)
			g_string_append_printf(s, "%s → ", prev->field[f]);
		g_string_append(s, r->field[f]);
	}
	if (prev && prev->active != r->active)
		g_string_append_printf(s, "%s状态：%s", n++ ? "；" : "", r->active ? "在册" : "停发");
	if (!n)
		g_string_append(s, "（无变化）");
}

static int
cmd_history(gb_registry *reg, const char *id)
{
	GError *error = NULL;
	GPtrArray *versions = gb_registry_history(reg, id, &error);
	if (!versions)
		return fail(error);
	if (id && versions->len == 0) {
		error_line("编号%s不存在", id);
		g_ptr_array_unref(versions);
		return GB_EXIT_INPUT;
	}
	GHashTable *last = g_hash_table_new(g_str_hash, g_str_equal);
	printf("时间\t编号\t变更\t内容\n");
	for (guint i = 0; i < versions->len; i++) {
		gb_recipient *r = versions->pdata[i];
		GString *what = g_string_new(NULL);
		describe_change(what, g_hash_table_lookup(last, r->field[GB_RF_ID]), r);
		printf("%s\t%s\t%s\t%s\n", r->valid_from, r->field[GB_RF_ID], change_name(r->change),
		    what->str);
		g_string_free(what, TRUE);
		g_hash_table_insert(last, r->field[GB_RF_ID], r);
	}
	g_hash_table_unref(last);
	g_ptr_array_unref(versions);
	return GB_EXIT_OK;
}

static int
cmd_issue_history(gb_registry *reg, const char *issue)
{
	GError *error = NULL;
	char *time = NULL;
	GPtrArray *sent = gb_registry_distribution(reg, issue, &time, &error);
	if (!sent)
		return fail(error);
	int status = GB_EXIT_OK;
	if (sent->len == 0) {
		GPtrArray *issues = gb_registry_issues(reg, NULL);
		GString *known = g_string_new(NULL);
		for (guint i = 0; issues && i < issues->len; i++)
			g_string_append_printf(known, "%s%s", i ? "、" : "", (char *)issues->pdata[i]);
		error_line("%s没有发行记录（有记录的期：%s）", issue, known->len ? known->str : "无");
		g_string_free(known, TRUE);
		if (issues)
			g_ptr_array_unref(issues);
		status = GB_EXIT_INPUT;
	} else {
		int copies = 0, electronic = 0;
		printf("# %s 发行记录 %s\n", issue, time);
		printf("编号\t名称\t类别\t区县\t份数\t电子版\n");
		for (guint i = 0; i < sent->len; i++) {
			gb_recipient *r = sent->pdata[i];
			printf("%s\t%s\t%s\t%s\t%d\t%s\n", r->field[GB_RF_ID], r->field[GB_RF_NAME],
			    r->field[GB_RF_CATEGORY], r->field[GB_RF_DISTRICT], r->copies,
			    r->electronic ? "yes" : "no");
			copies += r->copies;
			electronic += r->electronic;
		}
		printf("# 合计：%u家，纸质%d份，电子版%d家\n", sent->len, copies, electronic);
	}
	g_free(time);
	g_ptr_array_unref(sent);
	return status;
}

/* --- options ------------------------------------------------------------ */

static const char *const commands[] = {
	"add", "update", "retire", "list", "show", "import", "export", "history", NULL
};

/* Refuses the options COMMAND does not take; TRUE when all are its own. */
static gboolean
options_fit(const char *command)
{
	gboolean fields_ok = strcmp(command, "add") == 0 || strcmp(command, "update") == 0;
	const char *bad = NULL;
	if (!fields_ok && any_field_option())
		bad = "--id/--name/… ";
	else if (opt.active && strcmp(command, "update") != 0)
		bad = "--active";
	else if (opt.field[GB_RF_ID] && strcmp(command, "update") == 0)
		bad = "--id";
	else if ((opt.all || opt.at) && strcmp(command, "list") != 0)
		bad = "--all/--at";
	else if (opt.issue && strcmp(command, "history") != 0)
		bad = "--issue";
	else if (opt.output && strcmp(command, "export") != 0)
		bad = "--output";
	else if (opt.retire_missing && strcmp(command, "import") != 0)
		bad = "--retire-missing";
	if (bad)
		error_line("%s 命令不接受选项 %s", command, bad);
	return bad == NULL;
}

static int
run(const char *command, int argc, char **argv)
{
	/* ARGV: what follows the command */
	int want = -1;	/* the number of arguments, -1: 0 or 1 */
	if (strcmp(command, "add") == 0 || strcmp(command, "list") == 0
	    || strcmp(command, "export") == 0)
		want = 0;
	else if (strcmp(command, "update") == 0 || strcmp(command, "retire") == 0
	    || strcmp(command, "show") == 0 || strcmp(command, "import") == 0)
		want = 1;
	else if (opt.issue)
		want = 0;
	if ((want >= 0 && argc != want) || argc > 1) {
		error_line("%s 命令的参数个数不对（见 %s --help）", command, PROGRAM);
		return GB_EXIT_SYSTEM;
	}
	if (!options_fit(command))
		return GB_EXIT_SYSTEM;

	gboolean writes = strcmp(command, "add") == 0 || strcmp(command, "update") == 0
	    || strcmp(command, "retire") == 0 || strcmp(command, "import") == 0;
	GError *error = NULL;
	char *now = NULL;
	if (writes && !(now = gb_registry_now(&error)))
		return fail(error);
	const char *path = opt.db ? opt.db : "issues/registry.db";
	/* only a change creates the registry: a look at a mistyped --db must
	 * not leave an empty registry behind */
	gb_registry *reg = gb_registry_open(path, writes, &error);
	if (!reg) {
		g_free(now);
		return fail(error);
	}
	int status;
	if (strcmp(command, "add") == 0)
		status = cmd_add(reg, now);
	else if (strcmp(command, "update") == 0)
		status = cmd_change(reg, argv[0], FALSE, now);
	else if (strcmp(command, "retire") == 0)
		status = cmd_change(reg, argv[0], TRUE, now);
	else if (strcmp(command, "list") == 0)
		status = cmd_list(reg);
	else if (strcmp(command, "show") == 0)
		status = cmd_show(reg, argv[0]);
	else if (strcmp(command, "import") == 0)
		status = cmd_import(reg, argv[0], now);
	else if (strcmp(command, "export") == 0)
		status = cmd_export(reg);
	else if (opt.issue)
		status = cmd_issue_history(reg, opt.issue);
	else
		status = cmd_history(reg, argc ? argv[0] : NULL);
	gb_registry_close(reg);
	g_free(now);
	return status;
}

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
	setlocale(LC_ALL, "");
	gb_set_program_path(argv[0]);
	GOptionEntry entries[] = {
		{ "db", 0, 0, G_OPTION_ARG_FILENAME, &opt.db, "登记库（默认 issues/registry.db）", "FILE" },
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
		{ "version", 0, 0, G_OPTION_ARG_NONE, &opt.version, "版本", NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	GOptionContext *ctx = g_option_context_new("COMMAND [ARG] — 收件单位登记库");
	g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_set_description(ctx, description);
	GError *error = NULL;
	int status;
	if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
		error_line("%s", error->message);
		g_error_free(error);
		status = GB_EXIT_SYSTEM;
	} else if (opt.version) {
		gb_print_version(PROGRAM);
		status = GB_EXIT_OK;
	} else if (argc < 2 || !g_strv_contains(commands, argv[1])) {
		error_line(argc < 2 ? "缺少命令%s（见 --help）" : "未知命令“%s”（见 --help）",
		    argc < 2 ? "" : argv[1]);
		status = GB_EXIT_SYSTEM;
	} else {
		status = run(argv[1], argc - 2, argv + 2);
	}
	g_option_context_free(ctx);
	g_free(opt.db);
	for (int f = 0; f < GB_RF_COUNT; f++)
		g_free(opt.field[f]);
	g_free(opt.active);
	g_free(opt.at);
	g_free(opt.issue);
	g_free(opt.output);
	return status;
}
