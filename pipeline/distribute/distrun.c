/* distrun.c — one run of gongbao-distribute: the built issue and the
 * registry read, the documents written into a temporary directory, the
 * distribution recorded and the directory put in place in one step, so that
 * an interrupted run leaves the registry and the documents whole or as
 * they were. */
#include "distrun.h"

#include "diag.h"
#include "pages.h"
#include "distlist.h"
#include "regstore.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#define PROGRAM "gongbao-distribute"
#define TMP_PREFIX ".distribution.tmp-"
#define OLD_PREFIX ".distribution.old-"

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
	diag_set_error(error, path, 0, DIAG_DIST_SYNC_FAILED, g_strerror(errno));
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
	diag_set_error(error, final, 0, DIAG_DIST_INSTALL_FAILED, g_strerror(errno));
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

/* The documents, into the directory DIR.  Faults of the data go to ERRORS
 * (exit 1), of the machine to ERROR (exit 2). */
static gboolean
write_documents(const char *dir, const gb_dist_options *o, const gb_dist_issue *issue,
    GPtrArray *receivers, GPtrArray *errors, GError **error)
{
	GPtrArray *paper = gb_dist_paper_order(receivers);
	int distributed = gb_dist_total_copies(paper);
	GString *text = g_string_new(NULL);
	gb_dist_print_order_text(text, issue, distributed);
	char *path = g_build_filename(dir, "print-order.txt", NULL);
	gboolean ok = gb_dist_write_text(path, text->str, text->len, error);
	g_free(path);

	g_string_truncate(text, 0);
	gb_dist_mailing_csv(text, paper);
	path = g_build_filename(dir, "mailing-list.csv", NULL);
	ok = ok && !gb_signal_pending() && gb_dist_write_text(path, text->str, text->len, error);
	g_free(path);
	g_string_free(text, TRUE);

	path = g_build_filename(dir, "print-order.pdf", NULL);
	ok = ok && !gb_signal_pending() && gb_dist_print_order_pdf(path, o->font, issue, distributed, error);
	g_free(path);
	if (ok)
		gb_fault_point("distribute-after-print-order");
	path = g_build_filename(dir, "mailing-list.pdf", NULL);
	ok = ok && !gb_signal_pending() && gb_dist_mailing_pdf(path, o->font, issue, paper, error);
	g_free(path);
	path = g_build_filename(dir, "labels.pdf", NULL);
	ok = ok && !gb_signal_pending() && gb_dist_labels_pdf(path, o->font, issue, paper, errors, error);
	g_free(path);
	if (ok)
		gb_fault_point("distribute-after-labels");

	char *deposit = g_build_filename(dir, "deposit", NULL);
	if (ok && g_mkdir(deposit, 0755) != 0) {
		diag_set_error(error, deposit, 0, DIAG_DIST_MKDIR_FAILED, g_strerror(errno));
		ok = FALSE;
	}
	for (guint i = 0; ok && i < receivers->len; i++) {
		gb_recipient *r = receivers->pdata[i];
		if (!r->electronic)
			continue;
		char *bag = g_build_filename(deposit, r->field[GB_RF_ID], NULL);
		ok = !gb_signal_pending() && gb_dist_write_bag(bag, issue, r, error);
		g_free(bag);
	}
	g_free(deposit);
	g_ptr_array_unref(paper);
	if (ok)
		gb_fault_point("distribute-after-deposit");
	return ok;
}


/* What one run holds, to be released at its end. */
typedef struct {
	const gb_dist_options *o;
	gb_dist_issue *issue;
	gb_registry *reg;
	char *now;		/* the time recorded */
	char *lock_path;
	int lock;
	char *tmp;		/* the temporary directory, until it is in place */
	GPtrArray *recorded;	/* the distribution recorded before, maybe empty */
	GPtrArray *current;	/* the registry now */
	GPtrArray *now_receivers;
	GPtrArray *receivers;	/* recorded, or now_receivers when recording */
	gboolean record;
	GPtrArray *errors;	/* faults of the data: texts from the table */
	gb_diags *ini;		/* what the issue.ini reader said */
} dist_run;

/* The print edition has the pages of the list and the padding the
 * typesetter decided (the page list's `padding` record); one that differs
 * is sent, with a warning.  The list's documents' files are found and
 * checksummed.  Fails when the page list cannot be read or a document's
 * file is missing. */
static gboolean
check_padding(const dist_run *r, GError **error)
{
	const gb_dist_issue *issue = r->issue;
	char *list = g_build_filename(r->o->out_dir, "issue.pages", NULL);
	GError *err = NULL;
	gb_pages *header = pages_load_header(list, &err);
	g_free(list);
	if (!header) {
		GError *d = pages_error_to_diag(err);
		g_propagate_error(error, d);
		g_error_free(err);
		return FALSE;
	}
	if (issue->print_pages != issue->web_pages + header->print_padding)
		diag_print(issue->print_pdf, 0, DIAG_PAGES_PRINT_COUNT, issue->print_pages,
		    issue->web_pages + header->print_padding, issue->web_pages,
		    header->print_padding);
	/* the deposits carry each document's own file beside the issue's */
	gboolean ok = gb_dist_issue_documents(r->issue, header, r->o->issue_dir,
	    r->o->out_dir, error);
	pages_free(header);
	return ok;
}

/* The built issue, the clock and the registry. */
static gboolean
open_inputs(dist_run *r, GError **error)
{
	r->issue = gb_dist_issue_load(r->o->issue_dir, r->o->out_dir, r->ini, error);
	diags_sort(r->ini);
	diags_print(r->ini, stderr);
	if (!r->issue)
		return FALSE;
	return check_padding(r, error)
	    && (r->now = gb_registry_now(error))
	    && (r->reg = gb_registry_open(r->o->db, FALSE, error));
}

/* How long a run waits for the output directory's lock: the registry's
 * busy timeout (regstore.c). */
#define LOCK_WAIT_SECONDS 10

/* One run at a time in an output directory: the next one clears what an
 * interrupted one left, and must not clear a live one's. */
static gboolean
lock_output(dist_run *r, GError **error)
{
	r->lock_path = g_build_filename(r->o->out_dir, ".distribution.lock", NULL);
	r->lock = open(r->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (r->lock < 0) {
		diag_set_error(error, r->lock_path, 0, DIAG_DIST_LOCK_FAILED, g_strerror(errno));
		return FALSE;
	}
	/* a run that is finishing is waited for, as the registry's lock is
	 * (sqlite3_busy_timeout), for as long: then it is given up */
	gint64 until = g_get_monotonic_time() + LOCK_WAIT_SECONDS * G_USEC_PER_SEC;
	while (flock(r->lock, LOCK_EX | LOCK_NB) != 0) {
		if ((errno != EWOULDBLOCK && errno != EINTR) || g_get_monotonic_time() >= until) {
			diag_set_error(error, r->lock_path, 0, DIAG_DIST_LOCKED, LOCK_WAIT_SECONDS);
			return FALSE;
		}
		g_usleep(50 * 1000);
	}
	remove_stale(r->o->out_dir);
	return TRUE;
}

/* Who the documents are for: the recorded distribution, or the registry
 * now when there is none or --re-record. */
static gboolean
choose_receivers(dist_run *r, GError **error)
{
	char *time = NULL;
	if (!gb_registry_begin(r->reg, error)
	    || !(r->recorded = gb_registry_distribution(r->reg, r->issue->name, &time, error))
	    || !(r->current = gb_registry_list(r->reg, NULL, FALSE, error))) {
		g_free(time);
		return FALSE;
	}
	r->now_receivers = gb_dist_receivers(r->current);
	r->record = r->o->re_record || r->recorded->len == 0;
	r->receivers = r->record ? r->now_receivers : r->recorded;
	if (!r->record && registry_changed(r->recorded, r->now_receivers))
		diag_print(r->o->db, 0, DIAG_DIST_REGISTRY_CHANGED, r->issue->name, time);
	g_free(time);
	g_ptr_array_sort(r->receivers, by_id);
	return TRUE;
}

/* Only the paper recipients are printed: an electronic-only one with a
 * rare character in its name needs no font. */
static gboolean
check_printable(dist_run *r, GError **error)
{
	GPtrArray *printed = gb_dist_paper_order(r->receivers);
	gboolean ok = gb_dist_check_font(r->o->font, r->issue, printed, r->errors, error);
	g_ptr_array_unref(printed);
	return ok && r->errors->len == 0;
}

/* The documents, in a new temporary directory of OUT_DIR. */
static gboolean
make_documents(dist_run *r, GError **error)
{
	char *tmpl = g_build_filename(r->o->out_dir, TMP_PREFIX "XXXXXX", NULL);
	r->tmp = g_mkdtemp(tmpl);
	if (!r->tmp) {
		diag_set_error(error, tmpl, 0, DIAG_DIST_MKDIR_FAILED, g_strerror(errno));
		g_free(tmpl);
		return FALSE;
	}
	g_chmod(r->tmp, 0755);
	return write_documents(r->tmp, r->o, r->issue, r->receivers, r->errors, error);
}

/* The record and the documents, both or neither. */
static gboolean
put_in_place(dist_run *r, GError **error)
{
	if (gb_signal_pending() || !sync_tree(r->tmp, error) || (r->record
	    && !gb_registry_record_distribution(r->reg, r->issue->name, r->receivers, r->now, error)))
		return FALSE;
	gb_fault_point("distribute-after-record");

	/* from here the run is done: a signal waits until the record and the
	 * documents are both in place.  Should the machine stop between the
	 * two, the next run finds the record and makes the same documents. */
	gb_signals_hold();
	char *final = g_build_filename(r->o->out_dir, "distribution", NULL);
	gboolean done = gb_registry_commit(r->reg, error);
	if (done)
		gb_fault_point("distribute-after-commit");
	done = done && install_dir(r->tmp, final, r->o->out_dir, error);
	if (done)
		gb_fault_point("distribute-after-install");
	g_free(final);
	gb_signals_release();
	if (done) {
		g_free(r->tmp);
		r->tmp = NULL;
	}
	return done;
}

static void
print_summary(const dist_run *r)
{
	GPtrArray *paper = gb_dist_paper_order(r->receivers);
	int distributed = gb_dist_total_copies(paper), electronic = 0;
	for (guint i = 0; i < r->receivers->len; i++)
		electronic += ((gb_recipient *)r->receivers->pdata[i])->electronic;
	printf("%s：印数%d份（发行%d份，留存%d份），邮寄%u家，电子版缴送%d家%s → %s/distribution/\n",
	    r->issue->name, distributed + r->issue->reserve, distributed, r->issue->reserve,
	    paper->len, electronic, r->record ? "" : "（沿用已有的发行记录）", r->o->out_dir);
	g_ptr_array_unref(paper);
}

static void
dist_run_free(dist_run *r)
{
	if (r->reg)
		gb_registry_rollback(r->reg);
	if (r->tmp)
		remove_tree(r->tmp);
	g_free(r->tmp);
	if (r->lock >= 0)
		close(r->lock);
	g_free(r->lock_path);
	g_ptr_array_unref(r->errors);
	diags_free(r->ini);
	if (r->now_receivers)
		g_ptr_array_unref(r->now_receivers);
	if (r->current)
		g_ptr_array_unref(r->current);
	if (r->recorded)
		g_ptr_array_unref(r->recorded);
	gb_registry_close(r->reg);
	g_free(r->now);
	gb_dist_issue_free(r->issue);
}

int
gb_dist_run(const gb_dist_options *o)
{
	dist_run r = { .o = o, .lock = -1, .errors = g_ptr_array_new_with_free_func(g_free),
		.ini = diags_new() };
	GError *error = NULL;
	gboolean ok = open_inputs(&r, &error) && lock_output(&r, &error)
	    && choose_receivers(&r, &error) && check_printable(&r, &error)
	    && make_documents(&r, &error) && put_in_place(&r, &error);
	int status = GB_EXIT_OK;
	if (ok) {
		print_summary(&r);
	} else if (error) {
		status = diag_print_error(PROGRAM, error);
		g_error_free(error);
	} else if (r.ini->worst >= GB_LEVEL_ERROR) {
		status = diags_exit_status(r.ini);
	} else {
		/* stopped by a signal, or faults of the data */
		status = r.errors->len ? GB_EXIT_INPUT : GB_EXIT_SYSTEM;
	}
	for (guint i = 0; i < r.errors->len; i++)
		diag_print(o->db, 0, DIAG_DIST_FAULT, (char *)r.errors->pdata[i]);
	if (r.errors->len)
		diag_print(o->db, 0, DIAG_DIST_REFUSED, r.errors->len);
	dist_run_free(&r);
	return status;
}
