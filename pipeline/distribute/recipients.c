/* recipients.c — the recipient registry: field checks, the CSV form, and the
 * SQLite store that keeps every version of every recipient (valid_from /
 * valid_to) and every issue's recorded distribution.  Not the commands'
 * wording (registry.c) nor the documents made from it (distlist.c). */
#include "recipients.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

GQuark
gb_registry_error_quark(void)
{
	return g_quark_from_static_string("gb-registry-error");
}

const char *const gb_recipient_categories[] = {
	"国家图书馆缴送", "档案馆", "公共图书馆", "政务服务大厅", "查阅点", "乡镇政府",
	"街道办事处", "社区居委会", "村委会", "外地市", "上级机关", "其他", NULL
};

static const struct {
	const char *name;	/* CSV column */
	const char *label;	/* what an editor calls it */
	int max_chars;		/* longest sensible value; 0: checked otherwise */
	gboolean required;
} fields[GB_RF_COUNT] = {
	[GB_RF_ID] = { "id", "编号", 0, TRUE },
	[GB_RF_NAME] = { "name", "名称", 60, TRUE },
	[GB_RF_CATEGORY] = { "category", "类别", 0, TRUE },
	[GB_RF_POSTAL_CODE] = { "postal_code", "邮政编码", 0, TRUE },
	[GB_RF_DISTRICT] = { "district", "区县", 30, TRUE },
	[GB_RF_ADDRESS] = { "address", "地址", 100, TRUE },
	/* a reading point may have no named person: the label then shows the
	 * recipient's name alone */
	[GB_RF_CONTACT] = { "contact", "联系人", 30, FALSE },
	[GB_RF_PHONE] = { "phone", "电话", 0, TRUE },
	[GB_RF_COPIES] = { "copies", "份数", 0, TRUE },
	[GB_RF_ELECTRONIC] = { "electronic", "电子版", 0, TRUE },
};

/* Copies above this are a typing slip, not a mailing. */
#define MAX_COPIES 9999

int
gb_recipient_category_rank(const char *category)
{
	for (int i = 0; gb_recipient_categories[i]; i++)
		if (category && strcmp(category, gb_recipient_categories[i]) == 0)
			return i;
	return -1;
}

const char *
gb_recipient_field_name(gb_recipient_field f)
{
	return fields[f].name;
}

const char *
gb_recipient_field_label(gb_recipient_field f)
{
	return fields[f].label;
}

gb_recipient *
gb_recipient_new(void)
{
	gb_recipient *r = g_new0(gb_recipient, 1);
	for (int f = 0; f < GB_RF_COUNT; f++)
		r->field[f] = g_strdup("");
	r->active = TRUE;
	return r;
}

gb_recipient *
gb_recipient_copy(const gb_recipient *r)
{
	gb_recipient *c = g_new0(gb_recipient, 1);
	*c = *r;
	for (int f = 0; f < GB_RF_COUNT; f++)
		c->field[f] = g_strdup(r->field[f]);
	c->change = g_strdup(r->change);
	c->valid_from = g_strdup(r->valid_from);
	c->valid_to = g_strdup(r->valid_to);
	return c;
}

void
gb_recipient_free(gb_recipient *r)
{
	if (!r)
		return;
	for (int f = 0; f < GB_RF_COUNT; f++)
		g_free(r->field[f]);
	g_free(r->change);
	g_free(r->valid_from);
	g_free(r->valid_to);
	g_free(r);
}

void
gb_recipient_set(gb_recipient *r, gb_recipient_field f, const char *value)
{
	g_free(r->field[f]);
	r->field[f] = g_strstrip(g_strdup(value ? value : ""));
}

gboolean
gb_recipient_same(const gb_recipient *a, const gb_recipient *b)
{
	for (int f = 0; f < GB_RF_COUNT; f++)
		if (strcmp(a->field[f], b->field[f]) != 0)
			return FALSE;
	return a->active == b->active;
}

/* --- checks ------------------------------------------------------------- */

static gboolean
all_digits(const char *s, gsize min, gsize max)
{
	gsize n = strlen(s);
	if (n < min || n > max)
		return FALSE;
	for (gsize i = 0; i < n; i++)
		if (!g_ascii_isdigit(s[i]))
			return FALSE;
	return TRUE;
}

static gboolean
valid_id(const char *s)
{
	gsize n = strlen(s);
	/* the id names a directory in deposit/: nothing a path could misread */
	if (n == 0 || n > 32 || s[0] == '-' || s[0] == '.')
		return FALSE;
	for (gsize i = 0; i < n; i++)
		if (!g_ascii_isalnum(s[i]) && s[i] != '-' && s[i] != '_')
			return FALSE;
	return TRUE;
}

/* A landline with its area code (0571-87654321, 057187654321, 010-12345678,
 * an extension -123 allowed) or an 11-digit mobile number starting 1. */
static gboolean
plausible_phone(const char *s)
{
	if (s[0] == '1')
		return s[1] >= '3' && s[1] <= '9' && all_digits(s, 11, 11);
	if (s[0] != '0')
		return FALSE;
	char **parts = g_strsplit(s, "-", 0);
	guint n = g_strv_length(parts);
	gboolean ok = FALSE;
	if (n == 1) {
		ok = all_digits(parts[0], 10, 12);
	} else if (n == 2 || n == 3) {
		ok = all_digits(parts[0], 3, 4) && all_digits(parts[1], 7, 8)
		    && (n == 2 || all_digits(parts[2], 1, 6));
	}
	g_strfreev(parts);
	return ok;
}

static char *
category_list(void)
{
	GString *s = g_string_new(NULL);
	for (int i = 0; gb_recipient_categories[i]; i++)
		g_string_append_printf(s, "%s%s", i ? "、" : "", gb_recipient_categories[i]);
	return g_string_free(s, FALSE);
}

static void
fault(GPtrArray *errors, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static void
fault(GPtrArray *errors, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	g_ptr_array_add(errors, g_strdup_vprintf(fmt, ap));
	va_end(ap);
}

/* The text faults every field can have; TRUE when the text is usable. */
static gboolean
check_text(gb_recipient_field f, const char *v, GPtrArray *errors)
{
	const char *label = fields[f].label;
	if (!g_utf8_validate(v, -1, NULL)) {
		fault(errors, "%s含有无效的UTF-8字节", label);
		return FALSE;
	}
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			fault(errors, "%s含有控制字符（换行、制表符等）", label);
			return FALSE;
		}
	if (!*v) {
		if (fields[f].required) {
			fault(errors, "%s不能为空", label);
			return FALSE;
		}
		return TRUE;
	}
	if (fields[f].max_chars && g_utf8_strlen(v, -1) > fields[f].max_chars) {
		fault(errors, "%s“%s”过长（最多%d个字）", label, v, fields[f].max_chars);
		return FALSE;
	}
	return TRUE;
}

gboolean
gb_recipient_check(gb_recipient *r, GPtrArray *errors)
{
	guint before = errors->len;
	for (int f = 0; f < GB_RF_COUNT; f++) {
		const char *v = r->field[f];
		if (!check_text(f, v, errors) || !*v)
			continue;
		switch (f) {
		case GB_RF_ID:
			if (!valid_id(v))
				fault(errors, "编号“%s”只能由字母、数字、“-”和“_”组成（最长32个字符）", v);
			break;
		case GB_RF_CATEGORY:
			if (gb_recipient_category_rank(v) < 0) {
				char *list = category_list();
				fault(errors, "类别“%s”不是已知类别（应为%s之一）", v, list);
				g_free(list);
			}
			break;
		case GB_RF_POSTAL_CODE:
			if (!all_digits(v, 6, 6))
				fault(errors, "邮政编码“%s”应为6位数字", v);
			break;
		case GB_RF_PHONE:
			if (!plausible_phone(v))
				fault(errors, "电话“%s”不像电话号码（应为带区号的固定电话如0571-87654321，或以1开头的11位手机号）", v);
			break;
		case GB_RF_COPIES:
			if (!all_digits(v, 1, 4)) {
				fault(errors, "份数“%s”应为0到%d之间的整数", v, MAX_COPIES);
			} else {
				/* "007" is 7: the registry keeps one spelling of a number */
				r->copies = atoi(v);
				g_free(r->field[f]);
				r->field[f] = g_strdup_printf("%d", r->copies);
			}
			break;
		case GB_RF_ELECTRONIC:
			if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)
				fault(errors, "电子版“%s”应为yes或no", v);
			else
				r->electronic = strcmp(v, "yes") == 0;
			break;
		default:
			break;
		}
	}
	return errors->len == before;
}

/* --- the CSV ------------------------------------------------------------ */

/* One record of a CSV file: its fields and the line it starts on. */
typedef struct {
	GPtrArray *cells;
	int line;
} csv_record;

/* Reads the record at *POS (RFC 4180: a quoted field may hold commas,
 * doubled quotes and line breaks).  Advances *POS and *LINE; FALSE at the
 * end of the text.  A fault is set in *FAULT (static text). */
static gboolean
csv_next(const char *text, gsize len, gsize *pos, int *line, csv_record *rec,
    const char **fault_text)
{
	gsize i = *pos;
	if (i >= len)
		return FALSE;
	rec->line = *line;
	rec->cells = g_ptr_array_new_with_free_func(g_free);
	*fault_text = NULL;
	GString *cell = g_string_new(NULL);
	for (;;) {
		g_string_truncate(cell, 0);
		if (i < len && text[i] == '"') {
			i++;
			for (;;) {
				if (i >= len) {
					*fault_text = "引号没有结束（缺少配对的“\"”）";
					break;
				}
				if (text[i] == '"') {
					if (i + 1 < len && text[i + 1] == '"') {
						g_string_append_c(cell, '"');
						i += 2;
						continue;
					}
					i++;
					break;
				}
				if (text[i] == '\n')
					(*line)++;
				g_string_append_c(cell, text[i++]);
			}
			if (!*fault_text && i < len && text[i] != ',' && text[i] != '\n'
			    && !(text[i] == '\r' && i + 1 < len && text[i + 1] == '\n'))
				*fault_text = "引号结束后应为逗号或行尾";
		} else {
			while (i < len && text[i] != ',' && text[i] != '\n'
			    && !(text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')) {
				if (text[i] == '"' && !*fault_text)
					*fault_text = "含有引号的字段应整体加引号，字段中的引号写成两个（\"\"）";
				g_string_append_c(cell, text[i++]);
			}
		}
		g_ptr_array_add(rec->cells, g_strdup(cell->str));
		if (*fault_text) {
			/* skip to the end of the physical line and go on with the next */
			while (i < len && text[i] != '\n')
				i++;
		}
		if (i < len && text[i] == ',' && !*fault_text) {
			i++;
			continue;
		}
		if (i < len && text[i] == '\r')
			i++;
		if (i < len && text[i] == '\n') {
			i++;
			(*line)++;
		}
		break;
	}
	g_string_free(cell, TRUE);
	*pos = i;
	return TRUE;
}

static void
csv_error(GPtrArray *errors, const char *file, int line, const char *msg)
{
	g_ptr_array_add(errors, g_strdup_printf("%s:%d: error: %s", file, line, msg));
}

GPtrArray *
gb_recipients_parse_csv(const char *text, gsize len, const char *file, GPtrArray *errors)
{
	GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)gb_recipient_free);
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	gsize pos = 0;
	int line = 1;
	gboolean header = TRUE;
	csv_record rec;
	const char *fault_text;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (csv_next(text, len, &pos, &line, &rec, &fault_text)) {
		GPtrArray *c = rec.cells;
		if (fault_text) {
			csv_error(errors, file, rec.line, fault_text);
		} else if (c->len == 1 && !*(char *)c->pdata[0]) {
			/* an empty line */
			if (header) {
				csv_error(errors, file, rec.line, "第一行应为表头");
				header = FALSE;
			}
		} else if (header) {
			gboolean ok = c->len == GB_RF_COUNT;
			for (guint f = 0; ok && f < GB_RF_COUNT; f++)
				ok = strcmp(g_strstrip((char *)c->pdata[f]), fields[f].name) == 0;
			if (!ok) {
				GString *want = g_string_new("表头应为“");
				for (int f = 0; f < GB_RF_COUNT; f++)
					g_string_append_printf(want, "%s%s", f ? "," : "", fields[f].name);
				g_string_append(want, "”");
				csv_error(errors, file, rec.line, want->str);
				g_string_free(want, TRUE);
			}
			header = FALSE;
		} else if (c->len != GB_RF_COUNT) {
			char *msg = g_strdup_printf("应有%d列，实有%u列", GB_RF_COUNT, c->len);
			csv_error(errors, file, rec.line, msg);
			g_free(msg);
		} else {
			gb_recipient *r = gb_recipient_new();
			r->line = rec.line;
			for (int f = 0; f < GB_RF_COUNT; f++)
				gb_recipient_set(r, f, c->pdata[f]);
			GPtrArray *faults = g_ptr_array_new_with_free_func(g_free);
			gb_recipient_check(r, faults);
			for (guint k = 0; k < faults->len; k++)
				csv_error(errors, file, rec.line, faults->pdata[k]);
			g_ptr_array_unref(faults);
			gb_recipient *first = g_hash_table_lookup(seen, r->field[GB_RF_ID]);
			if (first && *r->field[GB_RF_ID]) {
				char *msg = g_strdup_printf("编号“%s”与第%d行重复",
				    r->field[GB_RF_ID], first->line);
				csv_error(errors, file, rec.line, msg);
				g_free(msg);
			} else {
				g_hash_table_insert(seen, r->field[GB_RF_ID], r);
			}
			g_ptr_array_add(rows, r);
		}
		g_ptr_array_unref(c);
	}
	if (header)
		csv_error(errors, file, 1, "文件是空的（应有表头行）");
	g_hash_table_unref(seen);
	return rows;
}

void
gb_csv_append_field(GString *out, const char *field)
{
	if (!strpbrk(field, ",\"\r\n") && field[0] != ' ' &&
	    (!*field || field[strlen(field) - 1] != ' ')) {
		g_string_append(out, field);
		return;
	}
	g_string_append_c(out, '"');
	for (const char *p = field; *p; p++) {
		if (*p == '"')
			g_string_append_c(out, '"');
		g_string_append_c(out, *p);
	}
	g_string_append_c(out, '"');
}

void
gb_recipients_write_csv(GString *out, GPtrArray *recipients)
{
	for (int f = 0; f < GB_RF_COUNT; f++)
		g_string_append_printf(out, "%s%s", f ? "," : "", fields[f].name);
	g_string_append_c(out, '\n');
	for (guint i = 0; i < recipients->len; i++) {
		gb_recipient *r = recipients->pdata[i];
		for (int f = 0; f < GB_RF_COUNT; f++) {
			if (f)
				g_string_append_c(out, ',');
			gb_csv_append_field(out, r->field[f]);
		}
		g_string_append_c(out, '\n');
	}
}

/* --- the store ---------------------------------------------------------- */

struct gb_registry {
	sqlite3 *db;
	char *path;
};

/* The schema, one step per version: a registry at user_version N gets
 * steps N+1 … GB_REGISTRY_SCHEMA, in one transaction.  Never edit a step
 * that has shipped: add one. */
static const char *const migrations[GB_REGISTRY_SCHEMA] = {
	/* 1: recipients, every version kept */
	"CREATE TABLE recipient_version ("
	" version INTEGER PRIMARY KEY AUTOINCREMENT,"
	" id TEXT NOT NULL, name TEXT NOT NULL, category TEXT NOT NULL,"
	" postal_code TEXT NOT NULL, district TEXT NOT NULL, address TEXT NOT NULL,"
	" contact TEXT NOT NULL, phone TEXT NOT NULL,"
	" copies INTEGER NOT NULL CHECK (copies >= 0),"
	" electronic INTEGER NOT NULL CHECK (electronic IN (0, 1)),"
	" active INTEGER NOT NULL CHECK (active IN (0, 1)),"
	" change TEXT NOT NULL,"
	" valid_from TEXT NOT NULL, valid_to TEXT);"
	"CREATE UNIQUE INDEX recipient_current ON recipient_version(id) WHERE valid_to IS NULL;"
	"CREATE INDEX recipient_versions ON recipient_version(id, version);",
	/* 2: what each issue's distribution sent to whom */
	"CREATE TABLE distribution ("
	" issue TEXT NOT NULL, recipient TEXT NOT NULL,"
	" version INTEGER NOT NULL REFERENCES recipient_version(version),"
	" copies INTEGER NOT NULL, electronic INTEGER NOT NULL, time TEXT NOT NULL,"
	" PRIMARY KEY (issue, recipient));",
};

static void
set_sql_error(GError **error, gb_registry *reg, const char *what)
{
	g_set_error(error, GB_REGISTRY_ERROR, GB_REGISTRY_ERROR_SYSTEM, "%s: %s: %s",
	    reg->path, what, sqlite3_errmsg(reg->db));
}

static gboolean
exec(gb_registry *reg, const char *sql, GError **error)
{
	char *msg = NULL;
	if (sqlite3_exec(reg->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		g_set_error(error, GB_REGISTRY_ERROR, GB_REGISTRY_ERROR_SYSTEM, "%s: %s",
		    reg->path, msg ? msg : "SQLite error");
		sqlite3_free(msg);
		return FALSE;
	}
	return TRUE;
}

static gboolean
migrate(gb_registry *reg, GError **error)
{
	if (!gb_registry_begin(reg, error))
		return FALSE;
	sqlite3_stmt *st;
	int version = -1;
	if (sqlite3_prepare_v2(reg->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK
	    && sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version < 0) {
		set_sql_error(error, reg, "不是可读的SQLite登记库");
		gb_registry_rollback(reg);
		return FALSE;
	}
	if (version > GB_REGISTRY_SCHEMA) {
		g_set_error(error, GB_REGISTRY_ERROR, GB_REGISTRY_ERROR_INPUT,
		    "%s: 登记库的结构版本%d高于本程序支持的版本%d，请使用新版gongbao",
		    reg->path, version, GB_REGISTRY_SCHEMA);
		gb_registry_rollback(reg);
		return FALSE;
	}
	for (int v = version; v < GB_REGISTRY_SCHEMA; v++) {
		if (!exec(reg, migrations[v], error)) {
			gb_registry_rollback(reg);
			return FALSE;
		}
	}
	if (version < GB_REGISTRY_SCHEMA) {
		char *sql = g_strdup_printf("PRAGMA user_version = %d", GB_REGISTRY_SCHEMA);
		gboolean ok = exec(reg, sql, error);
		g_free(sql);
		if (!ok) {
			gb_registry_rollback(reg);
			return FALSE;
		}
	}
	return gb_registry_commit(reg, error);
}

gb_registry *
gb_registry_open(const char *path, gboolean create, GError **error)
{
	if (!create && !g_file_test(path, G_FILE_TEST_EXISTS)) {
		g_set_error(error, GB_REGISTRY_ERROR, GB_REGISTRY_ERROR_INPUT,
		    "%s: 登记库不存在：先用 gongbao-registry import issues/recipients.csv 建立"
		    "（另一个登记库用 --db 指定）", path);
		return NULL;
	}
	gb_registry *reg = g_new0(gb_registry, 1);
	reg->path = g_strdup(path);
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &reg->db, flags, NULL) != SQLITE_OK) {
		set_sql_error(error, reg, "无法打开登记库");
		gb_registry_close(reg);
		return NULL;
	}
	sqlite3_busy_timeout(reg->db, 10000);
	if (!exec(reg, "PRAGMA foreign_keys = ON", error) || !migrate(reg, error)) {
		gb_registry_close(reg);
		return NULL;
	}
	return reg;
}

void
gb_registry_close(gb_registry *reg)
{
	if (!reg)
		return;
	sqlite3_close(reg->db);
	g_free(reg->path);
	g_free(reg);
}

const char *
gb_registry_path(gb_registry *reg)
{
	return reg->path;
}

char *
gb_registry_time(const char *text)
{
	if (!text)
		return NULL;
	GTimeZone *utc = g_time_zone_new_utc();
	GDateTime *t = g_date_time_new_from_iso8601(text, utc);
	if (!t && strlen(text) == 10) {
		/* a date: the state at the end of that day */
		char *full = g_strdup_printf("%sT23:59:59Z", text);
		t = g_date_time_new_from_iso8601(full, utc);
		g_free(full);
	}
	g_time_zone_unref(utc);
	if (!t)
		return NULL;
	GDateTime *u = g_date_time_to_utc(t);
	char *s = g_date_time_format(u, "%Y-%m-%dT%H:%M:%SZ");
	g_date_time_unref(u);
	g_date_time_unref(t);
	return s;
}

char *
gb_registry_now(GError **error)
{
	const char *env = g_getenv("GONGBAO_NOW");
	if (env && *env) {
		char *t = gb_registry_time(env);
		if (!t)
			g_set_error(error, GB_REGISTRY_ERROR, GB_REGISTRY_ERROR_SYSTEM,
			    "GONGBAO_NOW=%s: 不是ISO 8601时间（例如2026-03-01T09:00:00Z）", env);
		return t;
	}
	GDateTime *now = g_date_time_new_now_utc();
	char *s = g_date_time_format(now, "%Y-%m-%dT%H:%M:%SZ");
	g_date_time_unref(now);
	return s;
}

gboolean
gb_registry_begin(gb_registry *reg, GError **error)
{
	return exec(reg, "BEGIN IMMEDIATE", error);
}

gboolean
gb_registry_commit(gb_registry *reg, GError **error)
{
	if (exec(reg, "COMMIT", error))
		return TRUE;
	gb_registry_rollback(reg);
	return FALSE;
}

void
gb_registry_rollback(gb_registry *reg)
{
	if (!sqlite3_get_autocommit(reg->db))
		sqlite3_exec(reg->db, "ROLLBACK", NULL, NULL, NULL);
}

#define VERSION_COLUMNS "v.version, v.id, v.name, v.category, v.postal_code, v.district," \
	" v.address, v.contact, v.phone, v.copies, v.electronic, v.active, v.change," \
	" v.valid_from, v.valid_to"

static const char *
column_text(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return s ? s : "";
}

/* The recipient in the VERSION_COLUMNS of the current row of ST. */
static gb_recipient *
row_recipient(sqlite3_stmt *st)
{
	gb_recipient *r = gb_recipient_new();
	r->version = sqlite3_column_int64(st, 0);
	for (int f = GB_RF_ID; f <= GB_RF_PHONE; f++)
		gb_recipient_set(r, f, column_text(st, 1 + f));
	r->copies = sqlite3_column_int(st, 9);
	r->electronic = sqlite3_column_int(st, 10) != 0;
	char *copies = g_strdup_printf("%d", r->copies);
	gb_recipient_set(r, GB_RF_COPIES, copies);
	g_free(copies);
	gb_recipient_set(r, GB_RF_ELECTRONIC, r->electronic ? "yes" : "no");
	r->active = sqlite3_column_int(st, 11) != 0;
	r->change = g_strdup(column_text(st, 12));
	r->valid_from = g_strdup(column_text(st, 13));
	if (sqlite3_column_type(st, 14) != SQLITE_NULL)
		r->valid_to = g_strdup(column_text(st, 14));
	return r;
}

/* Runs SQL with the text parameters (NULL-terminated) and collects the
 * recipients of its rows; NULL on error. */
static GPtrArray *
query(gb_registry *reg, const char *sql, GError **error, ...)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(reg->db, sql, -1, &st, NULL) != SQLITE_OK) {
		set_sql_error(error, reg, "查询失败");
		return NULL;
	}
	va_list ap;
	va_start(ap, error);
	const char *arg;
	for (int i = 1; (arg = va_arg(ap, const char *)); i++)
		sqlite3_bind_text(st, i, arg, -1, SQLITE_TRANSIENT);
	va_end(ap);
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)gb_recipient_free);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		g_ptr_array_add(out, row_recipient(st));
	if (rc != SQLITE_DONE) {
		set_sql_error(error, reg, "查询失败");
		g_ptr_array_unref(out);
		out = NULL;
	}
	sqlite3_finalize(st);
	return out;
}

gb_recipient *
gb_registry_get(gb_registry *reg, const char *id, GError **error)
{
	GPtrArray *rows = query(reg, "SELECT " VERSION_COLUMNS " FROM recipient_version v"
	    " WHERE v.id = ?1 AND v.valid_to IS NULL", error, id, NULL);
	if (!rows)
		return NULL;
	gb_recipient *r = rows->len ? gb_recipient_copy(rows->pdata[0]) : NULL;
	g_ptr_array_unref(rows);
	return r;
}

GPtrArray *
gb_registry_list(gb_registry *reg, const char *at, gboolean all, GError **error)
{
	if (!at)
		return query(reg, all
		    ? "SELECT " VERSION_COLUMNS " FROM recipient_version v WHERE v.valid_to IS NULL ORDER BY v.id"
		    : "SELECT " VERSION_COLUMNS " FROM recipient_version v WHERE v.valid_to IS NULL AND v.active ORDER BY v.id",
		    error, NULL);
	return query(reg, all
	    ? "SELECT " VERSION_COLUMNS " FROM recipient_version v WHERE v.valid_from <= ?1"
	      " AND (v.valid_to IS NULL OR v.valid_to > ?1) ORDER BY v.id"
	    : "SELECT " VERSION_COLUMNS " FROM recipient_version v WHERE v.valid_from <= ?1"
	      " AND (v.valid_to IS NULL OR v.valid_to > ?1) AND v.active ORDER BY v.id",
	    error, at, NULL);
}

GPtrArray *
gb_registry_history(gb_registry *reg, const char *id, GError **error)
{
	if (id)
		return query(reg, "SELECT " VERSION_COLUMNS " FROM recipient_version v"
		    " WHERE v.id = ?1 ORDER BY v.version", error, id, NULL);
	return query(reg, "SELECT " VERSION_COLUMNS " FROM recipient_version v"
	    " ORDER BY v.version", error, NULL);
}

gboolean
gb_registry_put(gb_registry *reg, gb_recipient *r, const char *change, const char *when,
    GError **error)
{
	GError *err = NULL;
	gb_recipient *prev = gb_registry_get(reg, r->field[GB_RF_ID], &err);
	if (err) {
		g_propagate_error(error, err);
		return FALSE;
	}
	/* a clock set back must not make a version end before it began */
	if (prev && strcmp(when, prev->valid_from) < 0)
		when = prev->valid_from;
	char *at = g_strdup(when);
	gb_recipient_free(prev);

	sqlite3_stmt *st = NULL;
	gboolean ok = sqlite3_prepare_v2(reg->db, "UPDATE recipient_version SET valid_to = ?2"
	    " WHERE id = ?1 AND valid_to IS NULL", -1, &st, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_text(st, 1, r->field[GB_RF_ID], -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, at, -1, SQLITE_TRANSIENT);
		ok = sqlite3_step(st) == SQLITE_DONE;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (ok)
		ok = sqlite3_prepare_v2(reg->db, "INSERT INTO recipient_version (id, name, category,"
		    " postal_code, district, address, contact, phone, copies, electronic, active,"
		    " change, valid_from) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
		    -1, &st, NULL) == SQLITE_OK;
	if (ok) {
		for (int f = GB_RF_ID; f <= GB_RF_PHONE; f++)
			sqlite3_bind_text(st, 1 + f, r->field[f], -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 9, r->copies);
		sqlite3_bind_int(st, 10, r->electronic);
		sqlite3_bind_int(st, 11, r->active);
		sqlite3_bind_text(st, 12, change, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 13, at, -1, SQLITE_TRANSIENT);
		ok = sqlite3_step(st) == SQLITE_DONE;
	}
	if (!ok)
		set_sql_error(error, reg, "无法写入登记库");
	sqlite3_finalize(st);
	g_free(at);
	return ok;
}

gboolean
gb_registry_import(gb_registry *reg, GPtrArray *rows, gboolean retire_missing,
    const char *when, int n[4], GError **error)
{
	memset(n, 0, 4 * sizeof n[0]);
	GHashTable *in_file = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < rows->len; i++) {
		gb_recipient *r = rows->pdata[i];
		g_hash_table_add(in_file, r->field[GB_RF_ID]);
		GError *err = NULL;
		gb_recipient *prev = gb_registry_get(reg, r->field[GB_RF_ID], &err);
		if (err) {
			g_propagate_error(error, err);
			g_hash_table_unref(in_file);
			return FALSE;
		}
		r->active = TRUE;
		gboolean same = prev && gb_recipient_same(prev, r);
		gb_recipient_free(prev);
		if (same) {
			n[2]++;
			continue;
		}
		if (!gb_registry_put(reg, r, "import", when, error)) {
			g_hash_table_unref(in_file);
			return FALSE;
		}
		n[prev ? 1 : 0]++;
	}
	gboolean ok = TRUE;
	if (retire_missing) {
		GPtrArray *active = gb_registry_list(reg, NULL, FALSE, error);
		ok = active != NULL;
		for (guint i = 0; ok && i < active->len; i++) {
			gb_recipient *r = active->pdata[i];
			if (g_hash_table_contains(in_file, r->field[GB_RF_ID]))
				continue;
			r->active = FALSE;
			ok = gb_registry_put(reg, r, "retire", when, error);
			n[3]++;
		}
		if (active)
			g_ptr_array_unref(active);
	}
	g_hash_table_unref(in_file);
	return ok;
}

/* --- distributions ------------------------------------------------------ */

GPtrArray *
gb_registry_distribution(gb_registry *reg, const char *issue, char **time, GError **error)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(reg->db, "SELECT " VERSION_COLUMNS ", d.copies, d.electronic, d.time"
	    " FROM distribution d JOIN recipient_version v ON v.version = d.version"
	    " WHERE d.issue = ?1 ORDER BY d.recipient", -1, &st, NULL) != SQLITE_OK) {
		set_sql_error(error, reg, "查询失败");
		return NULL;
	}
	sqlite3_bind_text(st, 1, issue, -1, SQLITE_TRANSIENT);
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)gb_recipient_free);
	if (time)
		*time = NULL;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		gb_recipient *r = row_recipient(st);
		/* what was sent, which the version holds too unless the record
		 * was made by an older program */
		r->copies = sqlite3_column_int(st, 15);
		r->electronic = sqlite3_column_int(st, 16) != 0;
		char *copies = g_strdup_printf("%d", r->copies);
		gb_recipient_set(r, GB_RF_COPIES, copies);
		g_free(copies);
		gb_recipient_set(r, GB_RF_ELECTRONIC, r->electronic ? "yes" : "no");
		if (time && !*time)
			*time = g_strdup(column_text(st, 17));
		g_ptr_array_add(out, r);
	}
	if (rc != SQLITE_DONE) {
		set_sql_error(error, reg, "查询失败");
		g_ptr_array_unref(out);
		out = NULL;
		if (time) {
			g_free(*time);
			*time = NULL;
		}
	}
	sqlite3_finalize(st);
	return out;
}

gboolean
gb_registry_record_distribution(gb_registry *reg, const char *issue, GPtrArray *recipients,
    const char *when, GError **error)
{
	sqlite3_stmt *st = NULL;
	gboolean ok = sqlite3_prepare_v2(reg->db, "DELETE FROM distribution WHERE issue = ?1",
	    -1, &st, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_text(st, 1, issue, -1, SQLITE_TRANSIENT);
		ok = sqlite3_step(st) == SQLITE_DONE;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (ok)
		ok = sqlite3_prepare_v2(reg->db, "INSERT INTO distribution (issue, recipient, version,"
		    " copies, electronic, time) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &st, NULL)
		    == SQLITE_OK;
	for (guint i = 0; ok && i < recipients->len; i++) {
		gb_recipient *r = recipients->pdata[i];
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, issue, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, r->field[GB_RF_ID], -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, r->version);
		sqlite3_bind_int(st, 4, r->copies);
		sqlite3_bind_int(st, 5, r->electronic);
		sqlite3_bind_text(st, 6, when, -1, SQLITE_TRANSIENT);
		ok = sqlite3_step(st) == SQLITE_DONE;
	}
	if (!ok)
		set_sql_error(error, reg, "无法记录发行");
	sqlite3_finalize(st);
	return ok;
}

GPtrArray *
gb_registry_issues(gb_registry *reg, GError **error)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(reg->db, "SELECT DISTINCT issue FROM distribution ORDER BY issue",
	    -1, &st, NULL) != SQLITE_OK) {
		set_sql_error(error, reg, "查询失败");
		return NULL;
	}
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		g_ptr_array_add(out, g_strdup(column_text(st, 0)));
	if (rc != SQLITE_DONE) {
		set_sql_error(error, reg, "查询失败");
		g_ptr_array_unref(out);
		out = NULL;
	}
	sqlite3_finalize(st);
	return out;
}
