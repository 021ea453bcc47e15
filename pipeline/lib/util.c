/* util.c — data-file lookup, atomic outputs, the one handling of signals
 * (and the test hook that raises one), field escaping: the small things
 * every stage needs in the same form. */
#include "util.h"

#include "diag.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef GONGBAO_PREFIX
#define GONGBAO_PREFIX "/usr/local"
#endif

static char *program_dir;

void
gb_print_version(const char *program)
{
	printf("%s (gongbao) %s\n", program, GONGBAO_VERSION);
	printf("License GPL-3.0-or-later: this is free software; there is NO WARRANTY.\n");
}

int
gb_parse_options(GOptionContext *ctx, int *argc, char ***argv, const char *program)
{
	GError *err = NULL;
	int status = -1;
	if (!g_option_context_parse(ctx, argc, argv, &err)) {
		status = diag_print(program, 0, DIAG_UTIL_BAD_OPTION, err->message, program);
		g_error_free(err);
	}
	g_option_context_free(ctx);
	return status;
}

void
gb_set_program_path(const char *argv0)
{
	setlocale(LC_ALL, "");
	const char *charset;
	if (!g_get_charset(&charset) && g_ascii_strcasecmp(charset, "ANSI_X3.4-1968") == 0
	    && setlocale(LC_CTYPE, "C.UTF-8"))
		g_setenv("CHARSET", "UTF-8", TRUE);	/* GLib caches the charset by it */
	char *self = g_file_read_link("/proc/self/exe", NULL);
	g_free(program_dir);
	program_dir = g_path_get_dirname(self ? self : argv0);
	g_free(self);
}

char *
gb_data_path(const char *relative)
{
	const char *env = g_getenv("GONGBAO_DATA");
	char *candidates[5] = { 0 };
	int n = 0;

	if (env && *env)
		candidates[n++] = g_build_filename(env, relative, NULL);
	if (program_dir) {
		candidates[n++] = g_build_filename(program_dir, "..", relative, NULL);
		candidates[n++] = g_build_filename(program_dir, "..", "..", "..", relative, NULL);
		candidates[n++] = g_build_filename(program_dir, "..", "share", "gongbao", relative, NULL);
	}
	candidates[n++] = g_build_filename(GONGBAO_PREFIX, "share", "gongbao", relative, NULL);

	char *found = NULL;
	for (int i = 0; i < n; i++) {
		if (!found && g_file_test(candidates[i], G_FILE_TEST_EXISTS))
			found = g_canonicalize_filename(candidates[i], NULL);
		g_free(candidates[i]);
	}
	return found;
}

/* --- signals ------------------------------------------------------------ */

/* Temporary files to remove if a signal ends the program. */
#define MAX_PENDING 16
static volatile sig_atomic_t pending_count;
static char *pending[MAX_PENDING];

/* The handlers the program had before ours: they run after the temporary
 * files are gone, so that a stage's own clean-up still happens. */
static struct sigaction previous[3];
static const int trapped[3] = { SIGINT, SIGTERM, SIGHUP };

/* After gb_signals_defer: the signal received, which the program honours
 * where it can stop cleanly. */
static gboolean deferring;
static volatile sig_atomic_t deferred;
static sigset_t held_mask;

static void
on_signal(int sig)
{
	for (int i = 0; i < pending_count; i++)
		if (pending[i])
			unlink(pending[i]);
	if (deferring) {
		deferred = sig;
		return;
	}
	for (int i = 0; i < 3; i++) {
		if (trapped[i] != sig)
			continue;
		sigaction(sig, &previous[i], NULL);
		if (previous[i].sa_handler != SIG_DFL && previous[i].sa_handler != SIG_IGN) {
			previous[i].sa_handler(sig);
			return;
		}
	}
	raise(sig);
}

static void
install_handlers(void)
{
	static gboolean installed;
	if (installed)
		return;
	struct sigaction sa = { 0 };
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < 3; i++)
		sigaction(trapped[i], &sa, &previous[i]);
	installed = TRUE;
}

void
gb_signals_defer(void)
{
	install_handlers();
	deferring = TRUE;
}

int
gb_signal_pending(void)
{
	return deferred;
}

void
gb_signal_reraise(void)
{
	int sig = deferred;
	if (!sig)
		return;
	deferring = FALSE;
	signal(sig, SIG_DFL);
	raise(sig);
}

void
gb_signals_hold(void)
{
	sigset_t block;
	sigemptyset(&block);
	for (int i = 0; i < 3; i++)
		sigaddset(&block, trapped[i]);
	sigprocmask(SIG_BLOCK, &block, &held_mask);
}

void
gb_signals_release(void)
{
	sigprocmask(SIG_SETMASK, &held_mask, NULL);
}

void
gb_fault_point(const char *point)
{
	const char *want = g_getenv("GONGBAO_FAULT");
	if (!want || !g_str_has_prefix(want, point))
		return;
	const char *rest = want + strlen(point);
	if (*rest == '\0')
		raise(SIGTERM);
	else if (strcmp(rest, ":KILL") == 0)
		raise(SIGKILL);
}

/* --- atomic outputs ---------------------------------------------------- */

struct gb_output {
	char *path;		/* final name, NULL for stdout */
	char *tmp;		/* temporary name */
	FILE *file;
	gboolean device;	/* written in place: /dev/null, a pipe */
	char *device_path;	/* its name, for a message */
};

static void
pending_add(char *tmp)
{
	install_handlers();
	for (int i = 0; i < pending_count; i++)
		if (!pending[i]) {
			pending[i] = tmp;
			return;
		}
	if (pending_count < MAX_PENDING)
		pending[pending_count++] = tmp;
}

static void
pending_remove(char *tmp)
{
	for (int i = 0; i < pending_count; i++)
		if (pending[i] == tmp)
			pending[i] = NULL;
}

/* The temporary of output BASE is `.BASE.tmp-PID-XXXXXX`, PID the process
 * writing it.  One whose process is gone (killed while writing: no handler
 * ran) is stale, and the next run of the same output removes it; one of a
 * live process is that process's, and stays.  A temporary of the form
 * before the PID was named (`.BASE.tmp-XXXXXX`) is stale when it has not
 * been written for ten minutes. */
static gboolean
temporary_is_stale(const char *dir, const char *name, const char *rest)
{
	const char *dash = strchr(rest, '-');
	if (dash && strlen(dash + 1) == 6) {
		char *pid_text = g_strndup(rest, (gsize)(dash - rest));
		gint64 pid;
		gboolean parsed = gb_parse_int(pid_text, 1, G_MAXINT, &pid);
		g_free(pid_text);
		if (!parsed)
			return FALSE;
		return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
	}
	if (strlen(rest) != 6)
		return FALSE;
	char *full = g_build_filename(dir, name, NULL);
	struct stat st;
	gboolean old = lstat(full, &st) == 0 && S_ISREG(st.st_mode)
	    && st.st_mtime + 600 < time(NULL);
	g_free(full);
	return old;
}

static void
remove_stale_temporaries(const char *dir, const char *base)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	char *prefix = g_strdup_printf(".%s.tmp-", base);
	size_t plen = strlen(prefix);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, prefix, plen) != 0
		    || !temporary_is_stale(dir, e->d_name, e->d_name + plen))
			continue;
		char *full = g_build_filename(dir, e->d_name, NULL);
		if (unlink(full) != 0 && errno != ENOENT)
			diag_print(full, 0, DIAG_UTIL_STALE_TEMP, g_strerror(errno));
		g_free(full);
	}
	g_free(prefix);
	closedir(d);
}

gb_output *
gb_output_open(const char *path, GError **error)
{
	gb_output *out = g_new0(gb_output, 1);
	if (!path || strcmp(path, "-") == 0) {
		out->file = stdout;
		return out;
	}
	/* Renaming a temporary file over a device or a pipe would replace the
	 * device itself (as root, `-o /dev/null` turned /dev/null into a file). */
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
		out->file = fopen(path, "wb");
		if (!out->file) {
			diag_set_error(error, path, 0, DIAG_UTIL_OPEN_FAILED, g_strerror(errno));
			g_free(out);
			return NULL;
		}
		out->device = TRUE;
		out->device_path = g_strdup(path);
		return out;
	}
	char *dir = g_path_get_dirname(path);
	char *base = g_path_get_basename(path);
	remove_stale_temporaries(dir, base);
	out->tmp = g_strdup_printf("%s/.%s.tmp-%ld-XXXXXX", dir, base, (long)getpid());
	g_free(dir);
	g_free(base);
	int fd = g_mkstemp(out->tmp);
	if (fd < 0) {
		diag_set_error(error, path, 0, DIAG_UTIL_CREATE_FAILED, g_strerror(errno));
		g_free(out->tmp);
		g_free(out);
		return NULL;
	}
	fchmod(fd, 0644);
	out->path = g_strdup(path);
	out->file = fdopen(fd, "wb");
	pending_add(out->tmp);
	return out;
}

FILE *
gb_output_file(gb_output *out)
{
	return out->file;
}

static void
output_free(gb_output *out)
{
	if (out->tmp)
		pending_remove(out->tmp);
	g_free(out->tmp);
	g_free(out->path);
	g_free(out->device_path);
	g_free(out);
}

gboolean
gb_output_commit(gb_output *out, GError **error)
{
	gboolean ok = TRUE;
	if (out->device) {
		gboolean failed = ferror(out->file) != 0;
		if (fclose(out->file) != 0 || failed) {
			diag_set_error(error, out->device_path, 0, DIAG_UTIL_WRITE_FAILED,
			    g_strerror(errno));
			ok = FALSE;
		}
		output_free(out);
		return ok;
	}
	if (!out->path) {
		if (fflush(stdout) != 0 || ferror(stdout)) {
			diag_set_error(error, "-", 0, DIAG_UTIL_WRITE_FAILED, g_strerror(errno));
			ok = FALSE;
		}
		output_free(out);
		return ok;
	}
	if (fflush(out->file) != 0 || ferror(out->file) || fsync(fileno(out->file)) != 0) {
		diag_set_error(error, out->path, 0, DIAG_UTIL_WRITE_FAILED, g_strerror(errno));
		ok = FALSE;
	}
	if (fclose(out->file) != 0 && ok) {
		diag_set_error(error, out->path, 0, DIAG_UTIL_WRITE_FAILED, g_strerror(errno));
		ok = FALSE;
	}
	if (ok && rename(out->tmp, out->path) != 0) {
		diag_set_error(error, out->path, 0, DIAG_UTIL_RENAME_FAILED, g_strerror(errno));
		ok = FALSE;
	}
	if (!ok)
		unlink(out->tmp);
	output_free(out);
	return ok;
}

void
gb_output_abort(gb_output *out)
{
	if (!out)
		return;
	if (out->device)
		fclose(out->file);
	else if (out->path) {
		fclose(out->file);
		unlink(out->tmp);
	}
	output_free(out);
}

const char *
gb_output_temp_path(const gb_output *out)
{
	return out->tmp;
}

gb_output *
gb_scratch_open(const char *beside, GError **error)
{
	struct stat st;
	gboolean here = beside && strcmp(beside, "-") != 0
	    && (stat(beside, &st) != 0 || S_ISREG(st.st_mode));
	char *path = here ? g_strdup(beside) : g_build_filename(g_get_tmp_dir(), "gongbao", NULL);
	gb_output *out = gb_output_open(path, error);
	g_free(path);
	return out;
}

gboolean
gb_write_file_atomic(const char *path, const void *data, gsize len, GError **error)
{
	gb_output *out = gb_output_open(path, error);
	if (!out)
		return FALSE;
	if (len && fwrite(data, 1, len, out->file) != len) {
		diag_set_error(error, path, 0, DIAG_UTIL_WRITE_FAILED, g_strerror(errno));
		gb_output_abort(out);
		return FALSE;
	}
	return gb_output_commit(out, error);
}

/* --- inputs ------------------------------------------------------------ */

static const char *
file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "目录";
	if (S_ISFIFO(mode))
		return "命名管道（FIFO）";
	if (S_ISSOCK(mode))
		return "套接字";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "设备";
	return "特殊文件";
}

int
gb_open_input(const char *path, gint64 max, gint64 *size, GError **error)
{
	/* O_NONBLOCK: opening a FIFO for reading would wait for a writer. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		diag_set_error(error, path, 0, DIAG_UTIL_OPEN_FAILED, g_strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		diag_set_error(error, path, 0, DIAG_UTIL_OPEN_FAILED, g_strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_set_error(error, path, 0, DIAG_UTIL_NOT_REGULAR, file_kind(st.st_mode));
		close(fd);
		return -1;
	}
	if (st.st_size > max) {
		diag_set_error(error, path, 0, DIAG_UTIL_TOO_LARGE, (long long)max);
		close(fd);
		return -1;
	}
	int flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	if (size)
		*size = (gint64)st.st_size;
	return fd;
}

gboolean
gb_check_input(const char *path, gint64 max, GError **error)
{
	int fd = gb_open_input(path, max, NULL, error);
	if (fd < 0)
		return FALSE;
	close(fd);
	return TRUE;
}

FILE *
gb_fopen_input(const char *path, gint64 max, GError **error)
{
	int fd = gb_open_input(path, max, NULL, error);
	if (fd < 0)
		return NULL;
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		diag_set_error(error, path, 0, DIAG_UTIL_OPEN_FAILED, g_strerror(errno));
		close(fd);
	}
	return f;
}

gboolean
gb_read_input(const char *path, gint64 max, char **text, gsize *len, GError **error)
{
	gint64 size;
	int fd = gb_open_input(path, max, &size, error);
	if (fd < 0)
		return FALSE;
	/* The size fstat gave, then whatever was appended meanwhile, up to
	 * MAX: a file that grows past it is refused too. */
	gsize cap = (gsize)size + 1, got = 0;
	char *buf = g_malloc(cap + 1);
	for (;;) {
		if (got == cap) {
			if ((gint64)got > max)
				break;
			cap = MIN(cap * 2, (gsize)max + 1);
			buf = g_realloc(buf, cap + 1);
		}
		ssize_t n = read(fd, buf + got, cap - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			diag_set_error(error, path, 0, DIAG_UTIL_READ_FAILED, g_strerror(errno));
			g_free(buf);
			close(fd);
			return FALSE;
		}
		if (n == 0)
			break;
		got += (gsize)n;
	}
	close(fd);
	if ((gint64)got > max) {
		diag_set_error(error, path, 0, DIAG_UTIL_TOO_LARGE, (long long)max);
		g_free(buf);
		return FALSE;
	}
	buf[got] = '\0';
	*text = buf;
	if (len)
		*len = got;
	return TRUE;
}

int
gb_nul_line(const char *text, gsize len)
{
	const char *nul = memchr(text, '\0', len);
	if (!nul)
		return 0;
	int line = 1;
	for (const char *p = text; p < nul; p++)
		line += *p == '\n';
	return line;
}

/* --- fields -------------------------------------------------------------- */

void
gb_append_escaped(GString *s, const char *text)
{
	for (const char *p = text; *p; p++) {
		switch (*p) {
		case '\\': g_string_append(s, "\\\\"); break;
		case '\t': g_string_append(s, "\\t"); break;
		case '\n': g_string_append(s, "\\n"); break;
		case '\r': g_string_append(s, "\\r"); break;
		default: g_string_append_c(s, *p);
		}
	}
}

static void
unescape_in_place(char *s)
{
	char *w = s;
	for (char *r = s; *r; r++) {
		if (*r == '\\' && r[1]) {
			r++;
			*w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r == 'r' ? '\r' : *r;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
}

gboolean
gb_parse_int(const char *text, gint64 min, gint64 max, gint64 *out)
{
	gint64 v;
	if (!text || !g_ascii_string_to_signed(text, 10, min, max, &v, NULL))
		return FALSE;
	*out = v;
	return TRUE;
}

int
gb_split_fields(char *line, char **fields, int max)
{
	int n = 0;
	char *p = line;
	while (n < max) {
		fields[n++] = p;
		char *tab = (n < max) ? strchr(p, '\t') : NULL;
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	for (int i = 0; i < n; i++)
		unescape_in_place(fields[i]);
	return n;
}

gboolean
gb_read_line(FILE *f, GString *buf)
{
	g_string_truncate(buf, 0);
	int c;
	while ((c = getc(f)) != EOF && c != '\n')
		g_string_append_c(buf, (char)c);
	if (c == EOF && buf->len == 0)
		return FALSE;
	if (buf->len && buf->str[buf->len - 1] == '\r')
		g_string_truncate(buf, buf->len - 1);
	return TRUE;
}
