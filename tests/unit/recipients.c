/* recipients.c — unit tests of the recipient registry: the field checks,
 * the CSV form, the versioned store and its schema migrations. */
#include "diag.h"
#include "recipcsv.h"
#include "recipients.h"
#include "regstore.h"
#include "t.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

static const char *const good[GB_RF_COUNT] = {
	"R001", "示范市档案馆", "档案馆", "310002", "上城区", "示范市上城区解放路138号",
	"王敏", "0571-87012345", "3", "yes",
};

static gb_recipient *
recipient_with(gb_recipient_field f, const char *value)
{
	gb_recipient *r = gb_recipient_new();
	for (int i = 0; i < GB_RF_COUNT; i++)
		gb_recipient_set(r, i, good[i]);
	gb_recipient_set(r, f, value);
	return r;
}

/* The check's messages for a recipient that is good but for field F. */
static char *
faults_with(gb_recipient_field f, const char *value)
{
	gb_recipient *r = recipient_with(f, value);
	GPtrArray *faults = g_ptr_array_new_with_free_func(g_free);
	gb_recipient_check(r, faults);
	GString *all = g_string_new(NULL);
	for (guint i = 0; i < faults->len; i++)
		g_string_append_printf(all, "%s\n", (char *)faults->pdata[i]);
	g_ptr_array_unref(faults);
	gb_recipient_free(r);
	return g_string_free(all, FALSE);
}

static gboolean
refused(gb_recipient_field f, const char *value, const char *message)
{
	char *all = faults_with(f, value);
	gboolean ok = strstr(all, message) != NULL;
	if (!ok)
		fprintf(stderr, "    %s=“%s”: got “%s”, expected “%s”\n",
		    gb_recipient_field_name(f), value, all, message);
	g_free(all);
	return ok;
}

static gboolean
accepted(gb_recipient_field f, const char *value)
{
	char *all = faults_with(f, value);
	gboolean ok = *all == '\0';
	if (!ok)
		fprintf(stderr, "    %s=“%s”: refused: %s\n", gb_recipient_field_name(f), value, all);
	g_free(all);
	return ok;
}

TEST(test_good_recipient_passes_and_is_decoded)
{
	gb_recipient *r = recipient_with(GB_RF_COPIES, "007");
	GPtrArray *faults = g_ptr_array_new_with_free_func(g_free);
	CHECK(gb_recipient_check(r, faults));
	CHECK_INT(faults->len, 0);
	CHECK_INT(r->copies, 7);
	CHECK_STR(r->field[GB_RF_COPIES], "7");
	CHECK(r->electronic);
	g_ptr_array_unref(faults);
	gb_recipient_free(r);
}

TEST(test_postal_code_must_be_six_ascii_digits)
{
	CHECK(refused(GB_RF_POSTAL_CODE, "31000", "邮政编码“31000”应为6位数字"));
	CHECK(refused(GB_RF_POSTAL_CODE, "3100001", "应为6位数字"));
	CHECK(refused(GB_RF_POSTAL_CODE, "31000a", "应为6位数字"));
	CHECK(refused(GB_RF_POSTAL_CODE, "３１００００", "应为6位数字"));
	CHECK(refused(GB_RF_POSTAL_CODE, "", "邮政编码不能为空"));
	CHECK(accepted(GB_RF_POSTAL_CODE, "010000"));
}

TEST(test_missing_address_is_refused_but_missing_contact_is_not)
{
	CHECK(refused(GB_RF_ADDRESS, "", "地址不能为空"));
	CHECK(refused(GB_RF_ADDRESS, "   ", "地址不能为空"));
	CHECK(accepted(GB_RF_CONTACT, ""));
	CHECK(refused(GB_RF_NAME, "", "名称不能为空"));
	CHECK(refused(GB_RF_DISTRICT, "", "区县不能为空"));
}

TEST(test_unknown_category_is_refused_with_the_known_ones)
{
	CHECK(refused(GB_RF_CATEGORY, "档案室", "类别“档案室”不是已知类别"));
	CHECK(refused(GB_RF_CATEGORY, "档案室", "村委会"));
	for (int i = 0; gb_recipient_categories[i]; i++)
		CHECK(accepted(GB_RF_CATEGORY, gb_recipient_categories[i]));
	CHECK_INT(gb_recipient_category_rank("国家图书馆缴送"), 0);
	CHECK_INT(gb_recipient_category_rank("其他"), 11);
	CHECK_INT(gb_recipient_category_rank("图书馆"), -1);
}

TEST(test_phone_must_be_a_landline_with_area_code_or_a_mobile)
{
	CHECK(accepted(GB_RF_PHONE, "0571-87654321"));
	CHECK(accepted(GB_RF_PHONE, "057187654321"));
	CHECK(accepted(GB_RF_PHONE, "010-12345678"));
	CHECK(accepted(GB_RF_PHONE, "0571-87654321-801"));
	CHECK(accepted(GB_RF_PHONE, "13805711234"));
	CHECK(refused(GB_RF_PHONE, "87654321", "电话“87654321”不像电话号码"));
	CHECK(refused(GB_RF_PHONE, "1380571123", "不像电话号码"));
	CHECK(refused(GB_RF_PHONE, "12805711234", "不像电话号码"));
	CHECK(refused(GB_RF_PHONE, "0571-876543", "不像电话号码"));
	CHECK(refused(GB_RF_PHONE, "0571--87654321", "不像电话号码"));
	CHECK(refused(GB_RF_PHONE, "tel 0571", "不像电话号码"));
	CHECK(refused(GB_RF_PHONE, "", "电话不能为空"));
}

TEST(test_copies_must_be_a_whole_number_not_negative)
{
	CHECK(refused(GB_RF_COPIES, "-1", "份数“-1”应为0到9999之间的整数"));
	CHECK(refused(GB_RF_COPIES, "2.5", "份数“2.5”应为"));
	CHECK(refused(GB_RF_COPIES, "两份", "应为0到9999之间的整数"));
	CHECK(refused(GB_RF_COPIES, "10000", "应为0到9999之间的整数"));
	CHECK(accepted(GB_RF_COPIES, "0"));
	CHECK(accepted(GB_RF_COPIES, "9999"));
}

TEST(test_electronic_must_be_yes_or_no)
{
	CHECK(refused(GB_RF_ELECTRONIC, "maybe", "电子版“maybe”应为yes或no"));
	CHECK(refused(GB_RF_ELECTRONIC, "YES", "应为yes或no"));
	CHECK(refused(GB_RF_ELECTRONIC, "是", "应为yes或no"));
	CHECK(accepted(GB_RF_ELECTRONIC, "no"));
}

TEST(test_id_that_could_name_another_directory_is_refused)
{
	CHECK(refused(GB_RF_ID, "../R001", "编号“../R001”只能由字母、数字"));
	CHECK(refused(GB_RF_ID, "R 001", "只能由字母、数字"));
	CHECK(refused(GB_RF_ID, ".hidden", "只能由字母、数字"));
	CHECK(refused(GB_RF_ID, "档案馆", "只能由字母、数字"));
	CHECK(accepted(GB_RF_ID, "R-001_a"));
}

TEST(test_control_characters_and_bad_utf8_are_refused)
{
	CHECK(refused(GB_RF_ADDRESS, "人民路\t1号", "地址含有控制字符"));
	CHECK(refused(GB_RF_NAME, "\xe4\xb8", "名称含有无效的UTF-8字节"));
}

TEST(test_every_fault_of_a_recipient_is_reported)
{
	gb_recipient *r = gb_recipient_new();
	gb_recipient_set(r, GB_RF_ID, "R9");
	gb_recipient_set(r, GB_RF_CATEGORY, "无");
	gb_recipient_set(r, GB_RF_COPIES, "-3");
	GPtrArray *faults = g_ptr_array_new_with_free_func(g_free);
	CHECK(!gb_recipient_check(r, faults));
	/* name, category, postal code, district, address, phone, copies,
	 * electronic: all but the id and the optional contact */
	CHECK_INT(faults->len, 8);
	g_ptr_array_unref(faults);
	gb_recipient_free(r);
}

/* --- CSV ---------------------------------------------------------------- */

#define HEADER "id,name,category,postal_code,district,address,contact,phone,copies,electronic\n"

/* Parses TEXT as r.csv; each diagnostic appended to ERRORS as the line
 * gongbao-registry prints, "FILE:LINE: error: message". */
static GPtrArray *
parse(const char *text, GPtrArray *errors)
{
	gb_diags *diags = diags_new();
	GPtrArray *rows = gb_recipients_parse_csv(text, strlen(text), "r.csv", diags);
	for (guint i = 0; i < diags->list->len; i++) {
		gb_diag *d = diags->list->pdata[i];
		g_ptr_array_add(errors, g_strdup_printf("%s:%d: %s: %s", d->file, d->line,
		    diag_level_name(d->level), d->message));
	}
	diags_free(diags);
	return rows;
}

TEST(test_csv_quoted_fields_hold_commas_quotes_and_line_breaks)
{
	GPtrArray *errors = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *rows = parse(HEADER
	    "R001,\"西湖区\"\"文新\"\"社区\",社区居委会,310012,西湖区,\"文一西路100号,3幢\",,0571-88001122,1,no\n"
	    "R002,\"解放路\",档案馆,310002,上城区,\"\",王敏,0571-87012345,2,yes\n", errors);
	CHECK_INT(errors->len, 1);
	if (errors->len)
		CHECK_STR(errors->pdata[0], "r.csv:3: error: 地址不能为空");
	CHECK_INT(rows->len, 2);
	if (rows->len == 2) {
		gb_recipient *a = rows->pdata[0], *b = rows->pdata[1];
		CHECK_STR(a->field[GB_RF_NAME], "西湖区\"文新\"社区");
		CHECK_STR(a->field[GB_RF_ADDRESS], "文一西路100号,3幢");
		CHECK_STR(a->field[GB_RF_CONTACT], "");
		CHECK_INT(b->line, 3);
	}
	g_ptr_array_unref(rows);
	g_ptr_array_unref(errors);
}

TEST(test_csv_bom_and_crlf_are_tolerated)
{
	GPtrArray *errors = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *rows = parse("\xEF\xBB\xBF"
	    "id,name,category,postal_code,district,address,contact,phone,copies,electronic\r\n"
	    "R001,档案馆,档案馆,310002,上城区,解放路1号,王敏,0571-87012345,2,yes\r\n", errors);
	CHECK_INT(errors->len, 0);
	CHECK_INT(rows->len, 1);
	if (rows->len)
		CHECK_STR(((gb_recipient *)rows->pdata[0])->field[GB_RF_ELECTRONIC], "yes");
	g_ptr_array_unref(rows);
	g_ptr_array_unref(errors);
}

TEST(test_csv_bad_rows_are_all_reported_with_their_lines)
{
	GPtrArray *errors = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *rows = parse(HEADER
	    "R001,\"两行\n名称\",档案馆,310002,上城区,解放路1号,王敏,0571-87012345,2,yes\n"
	    "R002,坏邮编,档案馆,31000,上城区,解放路2号,王敏,0571-87012345,2,yes\n"
	    "R003,好,档案馆,310002,上城区,解放路3号,王敏,0571-87012345,2,yes\n"
	    "R004,坏份数,档案馆,310002,上城区,解放路4号,王敏,0571-87012345,-1,yes\n"
	    "R003,重复,档案馆,310002,上城区,解放路5号,王敏,0571-87012345,2,yes\n"
	    "R006,少列,档案馆\n", errors);
	/* the line break inside quotes counts for the lines after it */
	CHECK_INT(errors->len, 5);
	if (errors->len == 5) {
		CHECK_STR(errors->pdata[0], "r.csv:2: error: 名称含有控制字符（换行、制表符等）");
		CHECK_STR(errors->pdata[1], "r.csv:4: error: 邮政编码“31000”应为6位数字");
		CHECK_STR(errors->pdata[2], "r.csv:6: error: 份数“-1”应为0到9999之间的整数");
		CHECK_STR(errors->pdata[3], "r.csv:7: error: 编号“R003”与第5行重复");
		CHECK_STR(errors->pdata[4], "r.csv:8: error: 应有10列，实有3列");
	}
	g_ptr_array_unref(rows);
	g_ptr_array_unref(errors);
}

TEST(test_csv_wrong_header_is_an_error)
{
	GPtrArray *errors = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *rows = parse("id,name,category,postcode,district,address,contact,phone,copies,electronic\n",
	    errors);
	CHECK_INT(errors->len, 1);
	if (errors->len)
		CHECK(g_str_has_prefix(errors->pdata[0], "r.csv:1: error: 表头应为“id,name,"));
	g_ptr_array_unref(rows);
	g_ptr_array_unref(errors);

	errors = g_ptr_array_new_with_free_func(g_free);
	rows = parse("", errors);
	CHECK_INT(errors->len, 1);
	g_ptr_array_unref(rows);
	g_ptr_array_unref(errors);
}

TEST(test_csv_unterminated_or_stray_quote_is_an_error)
{
	GPtrArray *errors = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *rows = parse(HEADER
	    "R001,名称\"有引号,档案馆,310002,上城区,解放路1号,王敏,0571-87012345,2,yes\n"
	    "R002,\"没结束,档案馆,310002,上城区,解放路1号,王敏,0571-87012345,2,yes\n", errors);
	CHECK_INT(errors->len, 2);
	if (errors->len == 2) {
		CHECK(g_str_has_prefix(errors->pdata[0], "r.csv:2: error: 含有引号的字段"));
		CHECK(g_str_has_prefix(errors->pdata[1], "r.csv:3: error: 引号没有结束"));
	}
	g_ptr_array_unref(rows);
	g_ptr_array_unref(errors);
}

TEST(test_csv_written_is_read_back_the_same)
{
	GPtrArray *errors = g_ptr_array_new_with_free_func(g_free);
	const char *text = HEADER
	    "R001,\"西湖区\"\"文新\"\"社区\",社区居委会,310012,西湖区,\"文一西路100号,3幢\",,0571-88001122,1,no\n"
	    "R002,\"两行\n名称\",档案馆,310002,上城区,解放路1号,王敏,0571-87012345,2,yes\n";
	GPtrArray *rows = parse(text, errors);
	GString *out = g_string_new(NULL);
	gb_recipients_write_csv(out, rows);
	CHECK_STR(out->str, text);
	g_string_free(out, TRUE);
	g_ptr_array_unref(rows);
	g_ptr_array_unref(errors);
}

/* --- the store ---------------------------------------------------------- */

static char *
temp_db(void)
{
	char *dir = g_dir_make_tmp("gb-registry-XXXXXX", NULL);
	char *path = g_build_filename(dir, "r.db", NULL);
	g_free(dir);
	return path;
}

static void
remove_db(char *path)
{
	char *dir = g_path_get_dirname(path);
	g_unlink(path);
	char *journal = g_strconcat(path, "-journal", NULL);
	g_unlink(journal);
	g_free(journal);
	g_rmdir(dir);
	g_free(dir);
	g_free(path);
}

static int
sql_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_open(path, &db) == SQLITE_OK
	    && sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v;
}

static void
sql_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	if (sqlite3_open(path, &db) == SQLITE_OK)
		sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
}

static gboolean
put(gb_registry *reg, gb_recipient_field f, const char *value, const char *change,
    const char *when)
{
	gb_recipient *r = recipient_with(f, value);
	GPtrArray *faults = g_ptr_array_new_with_free_func(g_free);
	gboolean ok = gb_recipient_check(r, faults) && gb_registry_begin(reg, NULL)
	    && gb_registry_put(reg, r, change, when, NULL) && gb_registry_commit(reg, NULL);
	g_ptr_array_unref(faults);
	gb_recipient_free(r);
	return ok;
}

TEST(test_new_registry_has_the_current_schema_version)
{
	char *path = temp_db();
	GError *error = NULL;
	CHECK(gb_registry_open(path, FALSE, &error) == NULL);
	CHECK(error && error->domain == GB_DIAG_ERROR && error->code == DIAG_REGISTRY_MISSING
	    && diag_level(error->code) == GB_LEVEL_ERROR);
	CHECK(!g_file_test(path, G_FILE_TEST_EXISTS));
	g_clear_error(&error);
	gb_registry *reg = gb_registry_open(path, TRUE, &error);
	CHECK(reg != NULL);
	gb_registry_close(reg);
	CHECK_INT(sql_int(path, "PRAGMA user_version"), GB_REGISTRY_SCHEMA);
	CHECK_INT(sql_int(path, "SELECT count(*) FROM distribution"), 0);
	remove_db(path);
}

TEST(test_registry_of_version_1_is_migrated_keeping_its_recipients)
{
	char *path = temp_db();
	gb_registry *reg = gb_registry_open(path, TRUE, NULL);
	CHECK(put(reg, GB_RF_ID, "R001", "add", "2026-01-01T00:00:00Z"));
	gb_registry_close(reg);
	/* what a program of schema 1 left */
	sql_exec(path, "DROP TABLE distribution; DROP TABLE link; DROP TABLE validity;"
	    " DROP TABLE page_text; DROP TABLE page; DROP TABLE document; DROP TABLE issue;"
	    " PRAGMA user_version = 1;");
	CHECK_INT(sql_int(path, "PRAGMA user_version"), 1);
	reg = gb_registry_open(path, FALSE, NULL);
	CHECK(reg != NULL);
	gb_registry_close(reg);
	CHECK_INT(sql_int(path, "PRAGMA user_version"), GB_REGISTRY_SCHEMA);
	CHECK_INT(sql_int(path, "SELECT count(*) FROM distribution"), 0);
	CHECK_INT(sql_int(path, "SELECT count(*) FROM issue"), 0);
	CHECK_INT(sql_int(path, "SELECT count(*) FROM recipient_version"), 1);
	remove_db(path);
}

TEST(test_registry_of_a_newer_schema_is_refused_untouched)
{
	char *path = temp_db();
	gb_registry_close(gb_registry_open(path, TRUE, NULL));
	sql_exec(path, "PRAGMA user_version = 99;");
	GError *error = NULL;
	CHECK(gb_registry_open(path, FALSE, &error) == NULL);
	CHECK(error && strstr(error->message, "高于本程序支持的版本"));
	g_clear_error(&error);
	CHECK_INT(sql_int(path, "PRAGMA user_version"), 99);
	remove_db(path);
}

TEST(test_a_change_keeps_the_version_before_with_its_end_time)
{
	char *path = temp_db();
	gb_registry *reg = gb_registry_open(path, TRUE, NULL);
	CHECK(put(reg, GB_RF_COPIES, "3", "add", "2026-01-01T00:00:00Z"));
	CHECK(put(reg, GB_RF_COPIES, "5", "update", "2026-02-01T00:00:00Z"));
	GPtrArray *h = gb_registry_history(reg, "R001", NULL);
	CHECK_INT(h->len, 2);
	if (h->len == 2) {
		gb_recipient *a = h->pdata[0], *b = h->pdata[1];
		CHECK_STR(a->valid_to, "2026-02-01T00:00:00Z");
		CHECK_INT(a->copies, 3);
		CHECK(b->valid_to == NULL);
		CHECK_INT(b->copies, 5);
		CHECK_STR(b->change, "update");
	}
	g_ptr_array_unref(h);

	GPtrArray *then = gb_registry_list(reg, "2026-01-15T00:00:00Z", FALSE, NULL);
	CHECK_INT(then->len, 1);
	if (then->len)
		CHECK_INT(((gb_recipient *)then->pdata[0])->copies, 3);
	g_ptr_array_unref(then);
	GPtrArray *before = gb_registry_list(reg, "2025-12-31T00:00:00Z", TRUE, NULL);
	CHECK_INT(before->len, 0);
	g_ptr_array_unref(before);
	gb_registry_close(reg);
	remove_db(path);
}

TEST(test_a_clock_set_back_never_ends_a_version_before_it_began)
{
	char *path = temp_db();
	gb_registry *reg = gb_registry_open(path, TRUE, NULL);
	CHECK(put(reg, GB_RF_COPIES, "3", "add", "2026-05-01T00:00:00Z"));
	CHECK(put(reg, GB_RF_COPIES, "4", "update", "2026-04-01T00:00:00Z"));
	CHECK_INT(sql_int(path, "SELECT count(*) FROM recipient_version WHERE valid_to < valid_from"), 0);
	gb_registry_close(reg);
	remove_db(path);
}

static GPtrArray *
rows_from(const char *text)
{
	GPtrArray *errors = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *rows = parse(text, errors);
	CHECK_INT(errors->len, 0);
	g_ptr_array_unref(errors);
	return rows;
}

TEST(test_import_adds_updates_and_leaves_unchanged_rows_alone)
{
	char *path = temp_db();
	gb_registry *reg = gb_registry_open(path, TRUE, NULL);
	int n[4];
	GPtrArray *rows = rows_from(HEADER
	    "R001,甲,档案馆,310002,上城区,解放路1号,王敏,0571-87012345,2,yes\n"
	    "R002,乙,档案馆,310002,上城区,解放路2号,王敏,0571-87012345,2,yes\n");
	CHECK(gb_registry_begin(reg, NULL) && gb_registry_import(reg, rows, FALSE,
	    "2026-01-01T00:00:00Z", n, NULL) && gb_registry_commit(reg, NULL));
	CHECK_INT(n[0], 2);
	g_ptr_array_unref(rows);

	rows = rows_from(HEADER
	    "R001,甲,档案馆,310002,上城区,解放路1号,王敏,0571-87012345,2,yes\n"
	    "R002,乙,档案馆,310002,上城区,解放路2号,王敏,0571-87012345,4,yes\n"
	    "R003,丙,档案馆,310002,上城区,解放路3号,王敏,0571-87012345,1,no\n");
	CHECK(gb_registry_begin(reg, NULL) && gb_registry_import(reg, rows, FALSE,
	    "2026-02-01T00:00:00Z", n, NULL) && gb_registry_commit(reg, NULL));
	CHECK_INT(n[0], 1);
	CHECK_INT(n[1], 1);
	CHECK_INT(n[2], 1);
	CHECK_INT(sql_int(path, "SELECT count(*) FROM recipient_version"), 4);
	g_ptr_array_unref(rows);

	rows = rows_from(HEADER "R003,丙,档案馆,310002,上城区,解放路3号,王敏,0571-87012345,1,no\n");
	CHECK(gb_registry_begin(reg, NULL) && gb_registry_import(reg, rows, TRUE,
	    "2026-03-01T00:00:00Z", n, NULL) && gb_registry_commit(reg, NULL));
	CHECK_INT(n[3], 2);
	GPtrArray *active = gb_registry_list(reg, NULL, FALSE, NULL);
	CHECK_INT(active->len, 1);
	g_ptr_array_unref(active);
	g_ptr_array_unref(rows);
	gb_registry_close(reg);
	remove_db(path);
}

TEST(test_recording_an_issue_again_replaces_its_rows)
{
	char *path = temp_db();
	gb_registry *reg = gb_registry_open(path, TRUE, NULL);
	CHECK(put(reg, GB_RF_COPIES, "3", "add", "2026-01-01T00:00:00Z"));
	GPtrArray *now = gb_registry_list(reg, NULL, FALSE, NULL);
	for (int i = 0; i < 2; i++)
		CHECK(gb_registry_begin(reg, NULL) && gb_registry_record_distribution(reg, "2026-05",
		    now, "2026-03-01T00:00:00Z", NULL) && gb_registry_commit(reg, NULL));
	g_ptr_array_unref(now);
	CHECK_INT(sql_int(path, "SELECT count(*) FROM distribution"), 1);

	CHECK(put(reg, GB_RF_COPIES, "9", "update", "2026-04-01T00:00:00Z"));
	char *time = NULL;
	GPtrArray *sent = gb_registry_distribution(reg, "2026-05", &time, NULL);
	CHECK_INT(sent->len, 1);
	if (sent->len)
		CHECK_INT(((gb_recipient *)sent->pdata[0])->copies, 3);
	CHECK_STR(time, "2026-03-01T00:00:00Z");
	g_free(time);
	g_ptr_array_unref(sent);
	sent = gb_registry_distribution(reg, "2026-06", NULL, NULL);
	CHECK_INT(sent->len, 0);
	g_ptr_array_unref(sent);
	gb_registry_close(reg);
	remove_db(path);
}

TEST(test_times_are_normalised_to_utc)
{
	char *t = gb_registry_time("2026-03-01T17:00:00+08:00");
	CHECK_STR(t, "2026-03-01T09:00:00Z");
	g_free(t);
	t = gb_registry_time("2026-03-15");
	CHECK_STR(t, "2026-03-15T23:59:59Z");
	g_free(t);
	CHECK(gb_registry_time("yesterday") == NULL);
	g_setenv("GONGBAO_NOW", "2026-01-02T03:04:05Z", TRUE);
	t = gb_registry_now(NULL);
	CHECK_STR(t, "2026-01-02T03:04:05Z");
	g_free(t);
	g_setenv("GONGBAO_NOW", "soon", TRUE);
	GError *error = NULL;
	CHECK(gb_registry_now(&error) == NULL);
	CHECK(error != NULL);
	g_clear_error(&error);
	g_unsetenv("GONGBAO_NOW");
}

int
main(void)
{
	RUN(test_good_recipient_passes_and_is_decoded);
	RUN(test_postal_code_must_be_six_ascii_digits);
	RUN(test_missing_address_is_refused_but_missing_contact_is_not);
	RUN(test_unknown_category_is_refused_with_the_known_ones);
	RUN(test_phone_must_be_a_landline_with_area_code_or_a_mobile);
	RUN(test_copies_must_be_a_whole_number_not_negative);
	RUN(test_electronic_must_be_yes_or_no);
	RUN(test_id_that_could_name_another_directory_is_refused);
	RUN(test_control_characters_and_bad_utf8_are_refused);
	RUN(test_every_fault_of_a_recipient_is_reported);
	RUN(test_csv_quoted_fields_hold_commas_quotes_and_line_breaks);
	RUN(test_csv_bom_and_crlf_are_tolerated);
	RUN(test_csv_bad_rows_are_all_reported_with_their_lines);
	RUN(test_csv_wrong_header_is_an_error);
	RUN(test_csv_unterminated_or_stray_quote_is_an_error);
	RUN(test_csv_written_is_read_back_the_same);
	RUN(test_new_registry_has_the_current_schema_version);
	RUN(test_registry_of_version_1_is_migrated_keeping_its_recipients);
	RUN(test_registry_of_a_newer_schema_is_refused_untouched);
	RUN(test_a_change_keeps_the_version_before_with_its_end_time);
	RUN(test_a_clock_set_back_never_ends_a_version_before_it_began);
	RUN(test_import_adds_updates_and_leaves_unchanged_rows_alone);
	RUN(test_recording_an_issue_again_replaces_its_rows);
	RUN(test_times_are_normalised_to_utc);
	return 0;
}
