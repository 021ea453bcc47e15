/* distribute.c — gongbao-distribute: for a built issue, the print order,
 * mailing list, labels and deposit packages in OUT_DIR/distribution/, and
 * the run recorded in the registry.  Only the run's order and options
 * here; the documents are distlist.c and distpdf.c. */
#include "diag.h"
#include "distlist.h"
#include "pages.h"
#include "recipients.h"
#include "util.h"

#include <dirent.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#define PROGRAM "gongbao-distribute"
#define DEFAULT_FONT "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"
#define TMP_PREFIX ".distribution.tmp-"
#define OLD_PREFIX ".distribution.old-"

/* A signal asks the run to stop: it is honoured between documents, so
 * that the registry is rolled back and the temporary directory removed. */
static volatile sig_atomic_t stop_signal;

static void
on_signal(int sig)
{
	stop_signal = sig;
}

/* Prints ERROR, whose message is "WHERE: what", as "WHERE: error: what". */
static void
print_error(const GError *error)
{
	const char *sep = strstr(error->message, ": ");
	if (sep)
		fprintf(stderr, "%.*s: error: %s\n", (int)(sep - error->message), error->message,
		    sep + 2);
	else
		fprintf(stderr, "%s: error: %s\n", PROGRAM, error->message);
}

static int
remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

static void
remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int
sync_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	int fd = open(path, O_RDONLY | O_CLOEXEC | (flag == FTW_DP ? O_DIRECTORY : 0));
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

/* Flushes every file of the finished directory to the disk before it is
 * put in place: after a power cut the documents are whole or absent. */
static gboolean
sync_tree(const char *path, GError **error)
{
	if (nftw(path, sync_entry, 16, FTW_DEPTH | FTW_PHYS) == 0)
		return TRUE;
	g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "%s: 无法写入磁盘：%s",
	    path, g_strerror(errno));
	return FALSE;
}

/* Removes what an interrupted run left in OUT_DIR. */
static void
remove_stale(const char *out_dir)
{
	DIR *dir = opendir(out_dir);
	if (!dir)
		return;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (g_str_has_prefix(e->d_name, TMP_PREFIX) || g_str_has_prefix(e->d_name, OLD_PREFIX)) {
			char *path = g_build_filename(out_dir, e->d_name, NULL);
			remove_tree(path);
			g_free(path);
		}
	}
	closedir(dir);
}

/* Puts the finished directory TMP in place of FINAL in one step: the
 * output holds the old documents or the new ones, never a mixture. */
static gboolean
install_dir(const char *tmp, const char *final, const char *out_dir, GError **error)
{
	if (rename(tmp, final) == 0)
		return TRUE;
	if (errno != EEXIST && errno != ENOTEMPTY)
		goto fail;
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, final, RENAME_EXCHANGE) == 0) {
		remove_tree(tmp);	/* now the old documents */
		return TRUE;
	}
	/* a file system without exchange: a moment with no directory at all */
	char *old = g_strdup_printf("%s/" OLD_PREFIX "%d", out_dir, (int)getpid());
	gboolean ok = rename(final, old) == 0 && rename(tmp, final) == 0;
	if (ok)
		remove_tree(old);
	g_free(old);
	if (ok)
		return TRUE;
fail:
	g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "%s: 无法放到位：%s",
	    final, g_strerror(errno));
	return FALSE;
}

/* Whether the recorded distribution differs from what the registry would
 * give now (another version of someone, someone added or gone). */
static gboolean
registry_changed(GPtrArray *recorded, GPtrArray *now)
{
	if (recorded->len != now->len)
		return TRUE;
	GHashTable *versions = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < recorded->len; i++) {
		gb_recipient *r = recorded->pdata[i];
		g_hash_table_insert(versions, r->field[GB_RF_ID], r);
	}
	gboolean changed = FALSE;
	for (guint i = 0; i < now->len && !changed; i++) {
		gb_recipient *r = now->pdata[i], *was = g_hash_table_lookup(versions, r->field[GB_RF_ID]);
		changed = !was || was->version != r->version || was->copies != r->copies
		    || was->electronic != r->electronic;
	}
	g_hash_table_unref(versions);
	return changed;
}

static gint
by_id(gconstpointer a, gconstpointer b)
{
	return strcmp((*(gb_recipient *const *)a)->field[GB_RF_ID],
	    (*(gb_recipient *const *)b)->field[GB_RF_ID]);
}

typedef struct {
	const char *issue_dir, *out_dir, *db, *font;
	gboolean re_record;
} run_options;

/* The documents, into the directory DIR.  Faults of the data go to ERRORS
 * (exit 1), of the machine to ERROR (exit 2). */
static gboolean
write_documents(const char *dir, const run_options *o, const gb_dist_issue *issue,
    GPtrArray *receivers, GPtrArray *errors, GError **error)
{
	GPtrArray *paper = gb_dist_paper_order(receivers);
	int distributed = gb_dist_total_copies(paper);
	GString *text = g_string_new(NULL);
	gb_dist_print_order_text(text, issue, distributed);
	char *path = g_build_filename(dir, "print-order.txt", NULL);
	gboolean ok = g_file_set_contents(path, text->str, text->len, error);
	g_free(path);

	g_string_truncate(text, 0);
	gb_dist_mailing_csv(text, paper);
	path = g_build_filename(dir, "mailing-list.csv", NULL);
	ok = ok && !stop_signal && g_file_set_contents(path, text->str, text->len, error);
	g_free(path);
	g_string_free(text, TRUE);

	path = g_build_filename(dir, "print-order.pdf", NULL);
	ok = ok && !stop_signal && gb_dist_print_order_pdf(path, o->font, issue, distributed, error);
	g_free(path);
	path = g_build_filename(dir, "mailing-list.pdf", NULL);
	ok = ok && !stop_signal && gb_dist_mailing_pdf(path, o->font, issue, paper, error);
	g_free(path);
	path = g_build_filename(dir, "labels.pdf", NULL);
	ok = ok && !stop_signal && gb_dist_labels_pdf(path, o->font, issue, paper, errors, error);
	g_free(path);

	char *deposit = g_build_filename(dir, "deposit", NULL);
	if (ok && g_mkdir(deposit, 0755) != 0) {
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "%s: %s", deposit,
		    g_strerror(errno));
		ok = FALSE;
	}
	for (guint i = 0; ok && i < receivers->len; i++) {
		gb_recipient *r = receivers->pdata[i];
		if (!r->electronic)
			continue;
		char *bag = g_build_filename(deposit, r->field[GB_RF_ID], NULL);
		ok = !stop_signal && gb_dist_write_bag(bag, issue, r, error);
		g_free(bag);
	}
	g_free(deposit);
	g_ptr_array_unref(paper);
	return ok;
}

static int
distribute(const run_options *o)
{
	GError *error = NULL;
	gb_dist_issue *issue = gb_dist_issue_load(o->issue_dir, o->out_dir, &error);
	if (!issue) {
		print_error(error);
		g_error_free(error);
		return GB_EXIT_INPUT;
	}
	/* the print edition has the pages of the list and the padding the
	 * typesetter decided (the page list's `padding` record) */
	char *list = g_build_filename(o->out_dir, "issue.pages", NULL);
	gb_pages *header = pages_load_header(list, &error);
	g_free(list);
	if (!header) {
		GError *d = pages_error_to_diag(error);
		int status = diag_print_error(PROGRAM, d);
		g_error_free(d);
		g_error_free(error);
		gb_dist_issue_free(issue);
		return status;
	}
	if (issue->print_pages != issue->web_pages + header->print_padding)
		diag_print(issue->print_pdf, 0, DIAG_PAGES_PRINT_COUNT, issue->print_pages,
		    issue->web_pages + header->print_padding, issue->web_pages,
		    header->print_padding);
	pages_free(header);
	char *now = gb_registry_now(&error);
	gb_registry *reg = now ? gb_registry_open(o->db, FALSE, &error) : NULL;
	if (!reg) {
		int status = error->domain == GB_REGISTRY_ERROR
		    && error->code == GB_REGISTRY_ERROR_INPUT ? GB_EXIT_INPUT : GB_EXIT_SYSTEM;
		print_error(error);
		g_error_free(error);
		g_free(now);
		gb_dist_issue_free(issue);
		return status;
	}

	/* one run at a time in an output directory: the next one clears what
	 * an interrupted one left, and must not clear a live one's */
	char *lock_path = g_build_filename(o->out_dir, ".distribution.lock", NULL);
	int lock = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	int status = GB_EXIT_OK;
	char *tmp = NULL;
	GPtrArray *recorded = NULL, *current = NULL, *now_receivers = NULL;
	GPtrArray *errors = g_ptr_array_new_with_free_func(g_free);
	if (lock < 0 || flock(lock, LOCK_EX | LOCK_NB) != 0) {
		fprintf(stderr, "%s: error: %s\n", lock_path, lock < 0 ? g_strerror(errno)
		    : "另一个 gongbao-distribute 正在处理这一期，请稍后再试");
		status = GB_EXIT_SYSTEM;
		goto out;
	}
	remove_stale(o->out_dir);

	char *time = NULL;
	if (!gb_registry_begin(reg, &error)
	    || !(recorded = gb_registry_distribution(reg, issue->name, &time, &error))
	    || !(current = gb_registry_list(reg, NULL, FALSE, &error))) {
		g_free(time);
		goto system_error;
	}
	now_receivers = gb_dist_receivers(current);
	gboolean record = o->re_record || recorded->len == 0;
	GPtrArray *receivers = record ? now_receivers : recorded;
	if (!record && registry_changed(recorded, now_receivers))
		fprintf(stderr, "%s: warning: %s的发行已于%s记录，此后登记库有变化；"
		    "本次按原记录生成（按当前登记重新生成并记录，请加 --re-record）\n",
		    o->db, issue->name, time);
	g_free(time);
	g_ptr_array_sort(receivers, by_id);

	/* only the paper recipients are printed: an electronic-only one with a
	 * rare character in its name needs no font */
	GPtrArray *printed = gb_dist_paper_order(receivers);
	gboolean font_ok = gb_dist_check_font(o->font, issue, printed, errors, &error);
	g_ptr_array_unref(printed);
	if (!font_ok)
		goto system_error;
	if (errors->len) {
		status = GB_EXIT_INPUT;
		goto out;
	}
	char *tmpl = g_build_filename(o->out_dir, TMP_PREFIX "XXXXXX", NULL);
	tmp = g_mkdtemp(tmpl);
	if (!tmp) {
		g_set_error(&error, G_FILE_ERROR, g_file_error_from_errno(errno), "%s: %s", tmpl,
		    g_strerror(errno));
		g_free(tmpl);
		goto system_error;
	}
	g_chmod(tmp, 0755);
	if (!write_documents(tmp, o, issue, receivers, errors, &error)) {
		if (error)
			goto system_error;
		status = stop_signal ? GB_EXIT_SYSTEM : GB_EXIT_INPUT;
		goto out;
	}
	if (stop_signal || !sync_tree(tmp, &error) || (record
	    && !gb_registry_record_distribution(reg, issue->name, receivers, now, &error)))
		goto system_error;

	/* from here the run is done: a signal waits until the record and the
	 * documents are both in place.  Should the machine stop between the
	 * two, the next run finds the record and makes the same documents. */
	sigset_t block, saved;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &saved);
	char *final = g_build_filename(o->out_dir, "distribution", NULL);
	gboolean done = gb_registry_commit(reg, &error) && install_dir(tmp, final, o->out_dir, &error);
	g_free(final);
	sigprocmask(SIG_SETMASK, &saved, NULL);
	if (!done)
		goto system_error;
	g_free(tmp);
	tmp = NULL;

	GPtrArray *paper = gb_dist_paper_order(receivers);
	int distributed = gb_dist_total_copies(paper), electronic = 0;
	for (guint i = 0; i < receivers->len; i++)
		electronic += ((gb_recipient *)receivers->pdata[i])->electronic;
	printf("%s：印数%d份（发行%d份，留存%d份），邮寄%u家，电子版缴送%d家%s → %s/distribution/\n",
	    issue->name, distributed + issue->reserve, distributed, issue->reserve, paper->len,
	    electronic, record ? "" : "（沿用已有的发行记录）", o->out_dir);
	g_ptr_array_unref(paper);
	goto out;

system_error:
	if (error) {
		print_error(error);
		g_error_free(error);
	}
	status = GB_EXIT_SYSTEM;
out:
	for (guint i = 0; i < errors->len; i++)
		fprintf(stderr, "%s: error: %s\n", o->db, (char *)errors->pdata[i]);
	if (errors->len)
		fprintf(stderr, "%s: error: %u处错误，未生成发行文件，也未记录发行\n", o->db, errors->len);
	gb_registry_rollback(reg);
	if (tmp)
		remove_tree(tmp);
	g_free(tmp);
	if (lock >= 0)
		close(lock);
	g_free(lock_path);
	g_ptr_array_unref(errors);
	if (now_receivers)
		g_ptr_array_unref(now_receivers);
	if (current)
		g_ptr_array_unref(current);
	if (recorded)
		g_ptr_array_unref(recorded);
	gb_registry_close(reg);
	g_free(now);
	gb_dist_issue_free(issue);
	return status;
}

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
	setlocale(LC_ALL, "");
	gb_set_program_path(argv[0]);
	char *db = NULL, *font = NULL;
	gboolean re_record = FALSE, version = FALSE;
	GOptionEntry entries[] = {
		{ "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "登记库（默认 issues/registry.db）", "FILE" },
		{ "font", 0, 0, G_OPTION_ARG_FILENAME, &font, "标签和清单的TrueType字体（默认霞鹜文楷）", "FILE" },
		{ "re-record", 0, 0, G_OPTION_ARG_NONE, &re_record, "按当前登记重新记录本期发行", NULL },
		{ "version", 0, 0, G_OPTION_ARG_NONE, &version, "版本", NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	GOptionContext *ctx = g_option_context_new("ISSUE_DIR OUT_DIR — 印制单、发行清单、邮寄标签、电子版缴送包");
	g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_set_description(ctx, description);
	GError *error = NULL;
	int status;
	if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
		fprintf(stderr, "%s: error: %s\n", PROGRAM, error->message);
		g_error_free(error);
		status = GB_EXIT_SYSTEM;
	} else if (version) {
		gb_print_version(PROGRAM);
		status = GB_EXIT_OK;
	} else if (argc != 3) {
		fprintf(stderr, "%s: error: 需要两个参数：ISSUE_DIR OUT_DIR（见 --help）\n", PROGRAM);
		status = GB_EXIT_SYSTEM;
	} else {
		struct sigaction sa = { 0 };
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGHUP, &sa, NULL);
		run_options o = { argv[1], argv[2], db ? db : "issues/registry.db",
			font ? font : DEFAULT_FONT, re_record };
		status = distribute(&o);
		if (stop_signal) {
			/* end as the signal would have, now that nothing is half done */
			signal(stop_signal, SIG_DFL);
			raise(stop_signal);
		}
	}
	g_option_context_free(ctx);
	g_free(db);
	g_free(font);
	return status;
}
