/* regcmd.c — gongbao-registry's commands (add, update, retire, list, show,
 * import, export, history): each checks its arguments, works on the store
 * (regstore.c) in one transaction, and says what it did or what is wrong. */
#include "regcmd.h"

#include "diag.h"
#include "recipcsv.h"
#include "regstore.h"
#include "util.h"

#include <string.h>
#include <unistd.h>

#define PROGRAM "gongbao-registry"

/* The options of the command being run. */
static const gb_registry_options *opt;

/* Prints ERROR (a diagnostic of the store) and frees it: the exit status. */
static int
fail_with(GError *error)
{
	int status = diag_print_error(PROGRAM, error);
	g_error_free(error);
	return status;
}

static gboolean
any_field_option(void)
{
	for (int f = 0; f < GB_RF_COUNT; f++)
		if (opt->field[f])
			return TRUE;
	return opt->active != NULL;
}

/* Prints the check's messages; TRUE if there were none. */
static gboolean
report_faults(GPtrArray *faults, const char *db, const char *id)
{
	for (guint i = 0; i < faults->len; i++) {
		if (id && *id)
			diag_print(db, 0, DIAG_REGISTRY_RECIPIENT_FAULT, id, (char *)faults->pdata[i]);
		else
			diag_print(db, 0, DIAG_CSV_FIELD, (char *)faults->pdata[i]);
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
		gb_recipient_set(r, f, opt->field[f]);
	GPtrArray *faults = g_ptr_array_new_with_free_func(g_free);
	gb_recipient_check(r, faults);
	int status = GB_EXIT_OK;
	if (!report_faults(faults, gb_registry_path(reg), r->field[GB_RF_ID])) {
		status = GB_EXIT_INPUT;
	} else {
		GError *error = NULL;
		gb_recipient *prev = NULL;
		if (gb_registry_begin(reg, &error)) {
			prev = gb_registry_get(reg, r->field[GB_RF_ID], &error);
			if (prev) {
				diag_print(gb_registry_path(reg), 0, DIAG_REGISTRY_ID_EXISTS, r->field[GB_RF_ID],
				    prev->field[GB_RF_NAME], prev->active ? "在册" : "已停发");
				gb_registry_rollback(reg);
				status = GB_EXIT_INPUT;
			} else if (!error && gb_registry_put(reg, r, "add", now, &error)) {
				gb_registry_commit(reg, &error);
			}
		}
		if (error) {
			gb_registry_rollback(reg);
			status = fail_with(error);
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
		return fail_with(error);
	gb_recipient *r = gb_registry_get(reg, id, &error);
	int status = GB_EXIT_OK;
	GPtrArray *faults = g_ptr_array_new_with_free_func(g_free);
	if (error) {
		status = fail_with(error);
		error = NULL;
	} else if (!r) {
		diag_print(gb_registry_path(reg), 0, DIAG_REGISTRY_NO_SUCH_ID, id);
		status = GB_EXIT_INPUT;
	} else if (retire) {
		if (!r->active) {
			diag_print(gb_registry_path(reg), 0, DIAG_REGISTRY_ALREADY_RETIRED, id,
			    r->field[GB_RF_NAME]);
			status = GB_EXIT_INPUT;
		}
		r->active = FALSE;
	} else {
		gb_recipient *before = gb_recipient_copy(r);
		for (int f = GB_RF_NAME; f < GB_RF_COUNT; f++)
			if (opt->field[f])
				gb_recipient_set(r, f, opt->field[f]);
		if (opt->active && strcmp(opt->active, "yes") != 0 && strcmp(opt->active, "no") != 0)
			g_ptr_array_add(faults, diag_text(DIAG_RECIPIENT_BAD_ACTIVE, opt->active));
		else if (opt->active)
			r->active = strcmp(opt->active, "yes") == 0;
		gb_recipient_check(r, faults);
		if (!report_faults(faults, gb_registry_path(reg), id)) {
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
			status = fail_with(error);
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
	if (opt->at && !(at = gb_registry_time(opt->at))) {
		return diag_print(PROGRAM, 0, DIAG_REGISTRY_BAD_AT, opt->at);
	}
	GPtrArray *list = gb_registry_list(reg, at, opt->all, &error);
	g_free(at);
	if (!list)
		return fail_with(error);
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
		return fail_with(error);
	if (!r) {
		diag_print(gb_registry_path(reg), 0, DIAG_REGISTRY_NO_SUCH_ID, id);
		return GB_EXIT_INPUT;
	}
	for (int f = 0; f < GB_RF_COUNT; f++)
		printf("%s：%s\n", gb_recipient_field_label(f), r->field[f]);
	printf("状态：%s\n", r->active ? "在册" : "停发");
	printf("自：%s（%s）\n", r->valid_from, change_name(r->change));
	gb_recipient_free(r);
	return GB_EXIT_OK;
}

/* The registry this run created at PATH and SQLite's files beside it. */
static void
remove_new_registry(const char *path)
{
	static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };
	for (gsize i = 0; i < G_N_ELEMENTS(suffixes); i++) {
		char *p = g_strconcat(path, suffixes[i], NULL);
		unlink(p);
		g_free(p);
	}
}

static int
cmd_import(gb_registry *reg, const char *file, const char *now)
{
	char *text = NULL;
	gsize len = 0;
	GError *error = NULL;
	if (!gb_read_input(file, GB_MAX_TEXT_INPUT, &text, &len, &error)) {
		int status = diag_print_error("gongbao-registry", error);
		g_error_free(error);
		return status;
	}
	gb_diags *diags = diags_new();
	GPtrArray *rows = gb_recipients_parse_csv(text, len, file, diags);
	g_free(text);
	int status = GB_EXIT_OK;
	if (diags->list->len) {
		diags_sort(diags);
		diags_print(diags, stderr);
		diag_print(gb_registry_path(reg), 0, DIAG_REGISTRY_IMPORT_REFUSED, file,
		    diags->list->len);
		status = GB_EXIT_INPUT;
	} else {
		int n[4];
		if (gb_registry_begin(reg, &error)
		    && gb_registry_import(reg, rows, opt->retire_missing, now, n, &error)
		    && gb_registry_commit(reg, &error)) {
			printf("%s：新增%d，修改%d，未变%d", file, n[0], n[1], n[2]);
			if (opt->retire_missing)
				printf("，停发%d", n[3]);
			printf("\n");
		} else {
			gb_registry_rollback(reg);
			status = fail_with(error);
		}
	}
	g_ptr_array_unref(rows);
	diags_free(diags);
	return status;
}

static int
cmd_export(gb_registry *reg)
{
	GError *error = NULL;
	GPtrArray *list = gb_registry_list(reg, NULL, FALSE, &error);
	if (!list)
		return fail_with(error);
	GString *csv = g_string_new(NULL);
	gb_recipients_write_csv(csv, list);
	g_ptr_array_unref(list);
	int status = GB_EXIT_OK;
	gb_output *out = gb_output_open(opt->output, &error);
	gboolean ok = out != NULL;
	if (ok && fwrite(csv->str, 1, csv->len, gb_output_file(out)) != csv->len) {
		gb_output_abort(out);
		ok = FALSE;
	} else if (ok) {
		ok = gb_output_commit(out, &error);
	}
	if (!ok) {
		if (error) {
			diag_print_error(PROGRAM, error);
			g_error_free(error);
		} else {
			diag_print(opt->output ? opt->output : "-", 0, DIAG_REGISTRY_EXPORT_FAILED);
		}
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
		return fail_with(error);
	if (id && versions->len == 0) {
		diag_print(gb_registry_path(reg), 0, DIAG_REGISTRY_NO_SUCH_ID, id);
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
		return fail_with(error);
	int status = GB_EXIT_OK;
	if (sent->len == 0) {
		GPtrArray *issues = gb_registry_issues(reg, NULL);
		GString *known = g_string_new(NULL);
		for (guint i = 0; issues && i < issues->len; i++)
			g_string_append_printf(known, "%s%s", i ? "、" : "", (char *)issues->pdata[i]);
		diag_print(gb_registry_path(reg), 0, DIAG_REGISTRY_NO_RECORD, issue,
		    known->len ? known->str : "无");
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

/* --- the command line ----------------------------------------------------- */

const char *const gb_registry_commands[] = {
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
	else if (opt->active && strcmp(command, "update") != 0)
		bad = "--active";
	else if (opt->field[GB_RF_ID] && strcmp(command, "update") == 0)
		bad = "--id";
	else if ((opt->all || opt->at) && strcmp(command, "list") != 0)
		bad = "--all/--at";
	else if (opt->issue && strcmp(command, "history") != 0)
		bad = "--issue";
	else if (opt->output && strcmp(command, "export") != 0)
		bad = "--output";
	else if (opt->retire_missing && strcmp(command, "import") != 0)
		bad = "--retire-missing";
	if (bad)
		diag_print(PROGRAM, 0, DIAG_REGISTRY_OPTION_NOT_TAKEN, command, bad);
	return bad == NULL;
}

int
gb_registry_run(const gb_registry_options *options, const char *command, int argc,
    char **argv)
{
	opt = options;
	/* ARGV: what follows the command */
	int want = -1;	/* the number of arguments, -1: 0 or 1 */
	if (strcmp(command, "add") == 0 || strcmp(command, "list") == 0
	    || strcmp(command, "export") == 0)
		want = 0;
	else if (strcmp(command, "update") == 0 || strcmp(command, "retire") == 0
	    || strcmp(command, "show") == 0 || strcmp(command, "import") == 0)
		want = 1;
	else if (opt->issue)
		want = 0;
	if ((want >= 0 && argc != want) || argc > 1) {
		return diag_print(PROGRAM, 0, DIAG_REGISTRY_ARGUMENT_COUNT, command, PROGRAM);
	}
	if (!options_fit(command))
		return GB_EXIT_SYSTEM;

	gboolean writes = strcmp(command, "add") == 0 || strcmp(command, "update") == 0
	    || strcmp(command, "retire") == 0 || strcmp(command, "import") == 0;
	GError *error = NULL;
	char *now = NULL;
	if (writes && !(now = gb_registry_now(&error)))
		return fail_with(error);
	const char *path = opt->db ? opt->db : GB_REGISTRY_DEFAULT_PATH;
	/* only a change creates the registry: a look at a mistyped --db must
	 * not leave an empty registry behind, nor a first change that failed */
	gboolean existed = g_file_test(path, G_FILE_TEST_EXISTS);
	gb_registry *reg = gb_registry_open(path, writes, &error);
	if (!reg) {
		if (!existed)
			remove_new_registry(path);
		g_free(now);
		return fail_with(error);
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
	else if (opt->issue)
		status = cmd_issue_history(reg, opt->issue);
	else
		status = cmd_history(reg, argc ? argv[0] : NULL);
	gboolean remove = !existed && status != GB_EXIT_OK && gb_registry_is_empty(reg);
	gb_registry_close(reg);
	if (remove)
		remove_new_registry(path);
	g_free(now);
	return status;
}
