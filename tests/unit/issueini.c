/* Unit tests of pipeline/lib/issueini.c: the SPEC §3 example, inline
 * comments and all, read with the right values and lines; what counts as a
 * comment and what does not; every rule reported at its line; the title. */
#include "t.h"
#include "issueini.h"

#include <glib/gstdio.h>

/* SPEC §3's issue.ini, verbatim. */
static const char spec_example[] =
	"[gazette]\n"
	"title=示范市人民政府公报\n"
	"publisher=示范市人民政府办公室\n"
	"editor=示范市人民政府公报编辑部\n"
	"address=示范市人民路1号\n"
	"serial=CN 00-0000            ; optional: 国内统一刊号 / ISSN\n"
	"layout=gazette-a4            ; a file layouts/gazette-a4.ini\n"
	"\n"
	"[issue]\n"
	"year=2026\n"
	"number=5                     ; 第5期\n"
	"cumulative=245               ; 总第245期\n"
	"date=2026-03-15\n"
	"first-page=1                 ; optional, for pagination continued across a year\n"
	"reserve-copies=20            ; paper copies kept back by the office\n"
	"\n"
	"[sections]\n"
	"order=法规规章;市政府文件;市政府办公室文件;部门文件;政策解读;人事任免;勘误\n";

static char *tmp_dir;

/* Writes TEXT (LEN bytes, -1: a string) as an issue.ini and reads it. */
static gb_issueini *
read_text(const char *text, gssize len, gb_diags *diags)
{
	char *path = g_build_filename(tmp_dir, "issue.ini", NULL);
	g_file_set_contents(path, text, len, NULL);
	gb_issueini *ini = issueini_read(path, diags);
	g_unlink(path);
	g_free(path);
	return ini;
}

/* The first diagnostic ID in DIAGS, or NULL. */
static const gb_diag *
find(const gb_diags *d, gb_diag_id id)
{
	for (guint i = 0; i < d->list->len; i++) {
		const gb_diag *x = d->list->pdata[i];
		if (x->id == id)
			return x;
	}
	return NULL;
}

/* TEXT is the SPEC example with line FROM replaced by TO. */
static char *
spec_with(const char *from, const char *to)
{
	char **parts = g_strsplit(spec_example, from, 2);
	char *s = g_strjoinv(to, parts);
	g_strfreev(parts);
	return s;
}

TEST(test_spec_example_is_read_with_its_values_and_no_diagnostic)
{
	gb_diags *d = diags_new();
	gb_issueini *ini = read_text(spec_example, -1, d);
	CHECK(ini != NULL);
	CHECK_INT(d->list->len, 0);
	if (ini) {
		CHECK_STR(ini->title, "示范市人民政府公报");
		CHECK_STR(ini->publisher, "示范市人民政府办公室");
		CHECK_STR(ini->editor, "示范市人民政府公报编辑部");
		CHECK_STR(ini->address, "示范市人民路1号");
		CHECK_STR(ini->serial, "CN 00-0000");
		CHECK_STR(ini->layout, "gazette-a4");
		CHECK_INT(ini->year, 2026);
		CHECK_INT(ini->number, 5);
		CHECK_INT(ini->cumulative, 245);
		CHECK_INT(ini->first_page, 1);
		CHECK_INT(ini->reserve_copies, 20);
		CHECK(ini->date_ok);
		CHECK_INT(ini->date.year, 2026);
		CHECK_INT(ini->date.month, 3);
		CHECK_INT(ini->date.day, 15);
		CHECK_STR(ini->date_iso, "2026-03-15");
		CHECK_INT(ini->sections->len, 7);
		if (ini->sections->len == 7) {
			CHECK_STR(ini->sections->pdata[0], "法规规章");
			CHECK_STR(ini->sections->pdata[4], "政策解读");
			CHECK_STR(ini->sections->pdata[6], "勘误");
		}
		CHECK_STR(issueini_value(ini, "issue", "number"), "5");
		CHECK_STR(issueini_value(ini, "issue", "reserve-copies"), "20");
	}
	issueini_free(ini);
	diags_free(d);
}

TEST(test_each_key_and_group_keeps_its_line)
{
	gb_diags *d = diags_new();
	gb_issueini *ini = read_text(spec_example, -1, d);
	CHECK(ini != NULL);
	if (ini) {
		CHECK_INT(issueini_line(ini, "gazette", NULL), 1);
		CHECK_INT(issueini_line(ini, "gazette", "serial"), 6);
		CHECK_INT(issueini_line(ini, "issue", NULL), 9);
		CHECK_INT(issueini_line(ini, "issue", "number"), 11);
		CHECK_INT(issueini_line(ini, "sections", "order"), 18);
		CHECK_INT(issueini_line(ini, "issue", "nothing"), 0);
		CHECK_INT(issueini_line(ini, "nothing", NULL), 0);
		/* the groups and keys in file order, as the tree writes them */
		const gb_ini_group *g = issueini_group(ini, "issue");
		CHECK(g != NULL);
		if (g && g->keys->len == 6) {
			CHECK_STR(((gb_meta *)g->keys->pdata[0])->key, "year");
			CHECK_STR(((gb_meta *)g->keys->pdata[5])->key, "reserve-copies");
			CHECK_INT(((gb_meta *)g->keys->pdata[5])->line, 15);
		} else {
			CHECK(!"[issue] has six keys");
		}
	}
	issueini_free(ini);
	diags_free(d);
}

TEST(test_semicolon_after_a_character_is_part_of_the_value)
{
	gb_diags *d = diags_new();
	char *text = spec_with("order=法规规章;市政府文件;市政府办公室文件;部门文件;政策解读;人事任免;勘误",
	    "order=法规规章;政策解读 ; 以分号分隔");
	gb_issueini *ini = read_text(text, -1, d);
	CHECK(ini != NULL);
	if (ini) {
		CHECK_STR(issueini_value(ini, "sections", "order"), "法规规章;政策解读");
		CHECK_INT(ini->sections->len, 2);
	}
	CHECK_INT(d->list->len, 0);
	issueini_free(ini);
	diags_free(d);
	g_free(text);
}

TEST(test_hash_after_a_space_and_whole_line_comments_are_comments)
{
	gb_diags *d = diags_new();
	char *text = spec_with("address=示范市人民路1号\n",
	    "address=示范市人民路1号\t# 邮编另写\n; 整行注释\n  # 缩进的注释\n");
	gb_issueini *ini = read_text(text, -1, d);
	CHECK(ini != NULL);
	if (ini) {
		CHECK_STR(ini->address, "示范市人民路1号");
		/* the comment lines count: serial is two lines further down */
		CHECK_INT(issueini_line(ini, "gazette", "serial"), 8);
	}
	CHECK_INT(d->list->len, 0);
	issueini_free(ini);
	diags_free(d);
	g_free(text);
}

TEST(test_value_that_is_only_a_comment_is_empty)
{
	gb_diags *d = diags_new();
	char *text = spec_with("serial=CN 00-0000  ", "serial=");
	gb_issueini *ini = read_text(text, -1, d);
	CHECK(ini != NULL);
	if (ini) {
		CHECK_STR(issueini_value(ini, "gazette", "serial"), "");
		CHECK(ini->serial == NULL);
	}
	CHECK_INT(d->list->len, 0);
	issueini_free(ini);
	diags_free(d);
	g_free(text);
}

TEST(test_missing_file_is_reported_and_gives_nothing)
{
	gb_diags *d = diags_new();
	char *path = g_build_filename(tmp_dir, "none.ini", NULL);
	gb_issueini *ini = issueini_read(path, d);
	CHECK(ini == NULL);
	const gb_diag *x = find(d, DIAG_INI_MISSING);
	CHECK(x != NULL);
	if (x) {
		CHECK_STR(x->file, path);
		CHECK_INT(x->line, 0);
	}
	CHECK_INT(diags_exit_status(d), 1);
	g_free(path);
	diags_free(d);
}

TEST(test_line_that_is_no_key_is_refused_naming_the_line)
{
	gb_diags *d = diags_new();
	char *text = spec_with("[issue]\n", "[issue]\nthis line is nonsense\n");
	gb_issueini *ini = read_text(text, -1, d);
	CHECK(ini == NULL);
	const gb_diag *x = find(d, DIAG_INI_SYNTAX);
	CHECK(x != NULL);
	if (x) {
		CHECK_INT(x->line, 10);
		CHECK(strstr(x->message, "this line is nonsense") != NULL);
	}
	issueini_free(ini);
	diags_free(d);
	g_free(text);
}

TEST(test_bytes_that_are_not_utf8_are_refused_naming_the_line)
{
	gb_diags *d = diags_new();
	char *text = spec_with("editor=示范市", "editor=\xB9\xAB\xB1\xA8");
	gb_issueini *ini = read_text(text, -1, d);
	CHECK(ini == NULL);
	const gb_diag *x = find(d, DIAG_INI_UTF8);
	CHECK(x != NULL);
	if (x)
		CHECK_INT(x->line, 4);
	diags_free(d);
	g_free(text);
}

TEST(test_byte_order_mark_is_no_part_of_the_first_group)
{
	gb_diags *d = diags_new();
	char *text = g_strconcat("\xEF\xBB\xBF", spec_example, NULL);
	gb_issueini *ini = read_text(text, -1, d);
	CHECK(ini != NULL);
	CHECK_INT(d->list->len, 0);
	if (ini)
		CHECK_STR(ini->title, "示范市人民政府公报");
	issueini_free(ini);
	diags_free(d);
	g_free(text);
}

TEST(test_nonexistent_issue_date_is_an_error_at_its_line)
{
	gb_diags *d = diags_new();
	char *text = spec_with("date=2026-03-15", "date=2026-02-29");
	gb_issueini *ini = read_text(text, -1, d);
	CHECK(ini != NULL);
	const gb_diag *x = find(d, DIAG_INI_BAD_DATE);
	CHECK(x != NULL);
	if (x)
		CHECK_INT(x->line, 13);
	if (ini)
		CHECK(!ini->date_ok);
	CHECK_INT(diags_exit_status(d), 1);
	issueini_free(ini);
	diags_free(d);
	g_free(text);
}

TEST(test_leap_day_is_a_good_issue_date)
{
	gb_diags *d = diags_new();
	char *a = spec_with("date=2026-03-15", "date=2028-02-29");
	char **parts = g_strsplit(a, "year=2026", 2);
	char *text = g_strjoinv("year=2028", parts);
	g_strfreev(parts);
	gb_issueini *ini = read_text(text, -1, d);
	CHECK(ini != NULL);
	CHECK_INT(d->list->len, 0);
	if (ini) {
		CHECK(ini->date_ok);
		CHECK_INT(ini->date.day, 29);
	}
	issueini_free(ini);
	diags_free(d);
	g_free(a);
	g_free(text);
}

TEST(test_number_that_is_not_whole_is_an_error_at_its_line)
{
	gb_diags *d = diags_new();
	char *text = spec_with("number=5 ", "number=五 ");
	gb_issueini *ini = read_text(text, -1, d);
	CHECK(ini != NULL);
	const gb_diag *x = find(d, DIAG_INI_BAD_NUMBER);
	CHECK(x != NULL);
	if (x) {
		CHECK_INT(x->line, 11);
		CHECK(strstr(x->message, "number=五") != NULL);
	}
	if (ini)
		CHECK_INT(ini->number, 0);
	issueini_free(ini);
	diags_free(d);
	g_free(text);
}

TEST(test_missing_required_key_and_group_are_errors)
{
	gb_diags *d = diags_new();
	char *text = spec_with("title=示范市人民政府公报\n", "");
	gb_issueini *ini = read_text(text, -1, d);
	const gb_diag *x = find(d, DIAG_INI_MISSING_KEY);
	CHECK(x != NULL);
	if (x) {
		CHECK_INT(x->line, 1);
		CHECK(strstr(x->message, "title（刊名）") != NULL);
	}
	if (ini)
		CHECK(ini->title == NULL);
	issueini_free(ini);
	diags_free(d);
	g_free(text);

	d = diags_new();
	text = spec_with("[sections]\norder=", "[sectionz]\norder=");
	ini = read_text(text, -1, d);
	x = find(d, DIAG_INI_MISSING_GROUP);
	CHECK(x != NULL);
	if (x)
		CHECK(strstr(x->message, "[sections]") != NULL);
	CHECK(find(d, DIAG_INI_UNKNOWN_KEY) != NULL);
	issueini_free(ini);
	diags_free(d);
	g_free(text);
}

TEST(test_unknown_key_is_a_warning_at_its_line)
{
	gb_diags *d = diags_new();
	char *text = spec_with("first-page=1", "first-pages=1");
	gb_issueini *ini = read_text(text, -1, d);
	CHECK(ini != NULL);
	const gb_diag *x = find(d, DIAG_INI_UNKNOWN_KEY);
	CHECK(x != NULL);
	if (x) {
		CHECK_INT(x->line, 14);
		CHECK_INT(x->level, GB_LEVEL_WARNING);
	}
	CHECK_INT(diags_exit_status(d), 0);
	issueini_free(ini);
	diags_free(d);
	g_free(text);
}

TEST(test_year_unlike_the_date_is_a_warning)
{
	gb_diags *d = diags_new();
	char *text = spec_with("year=2026", "year=2025");
	gb_issueini *ini = read_text(text, -1, d);
	const gb_diag *x = find(d, DIAG_INI_YEAR_MISMATCH);
	CHECK(x != NULL);
	if (x)
		CHECK_INT(x->line, 10);
	CHECK_INT(diags_exit_status(d), 0);
	issueini_free(ini);
	diags_free(d);
	g_free(text);
}

TEST(test_sections_split_on_fullwidth_semicolons_and_refuse_repeats)
{
	gb_diags *d = diags_new();
	char *text = spec_with("order=法规规章;市政府文件;市政府办公室文件;部门文件;政策解读;人事任免;勘误",
	    "order=法规规章；政策解读;法规规章");
	gb_issueini *ini = read_text(text, -1, d);
	CHECK(ini != NULL);
	if (ini) {
		CHECK_INT(ini->sections->len, 2);
		if (ini->sections->len == 2)
			CHECK_STR(ini->sections->pdata[1], "政策解读");
	}
	const gb_diag *x = find(d, DIAG_INI_DUPLICATE_SECTION);
	CHECK(x != NULL);
	if (x)
		CHECK_INT(x->line, 18);
	issueini_free(ini);
	diags_free(d);
	g_free(text);

	d = diags_new();
	text = spec_with("order=法规规章;", "order=法规规章;;");
	ini = read_text(text, -1, d);
	CHECK(find(d, DIAG_INI_EMPTY_SECTION) != NULL);
	issueini_free(ini);
	diags_free(d);
	g_free(text);
}

TEST(test_issue_title_with_and_without_the_cumulative_number)
{
	char *s = issue_title(2026, 5, 0);
	CHECK_STR(s, "2026年第5期");
	g_free(s);
	s = issue_title(2026, 5, 245);
	CHECK_STR(s, "2026年第5期（总第245期）");
	g_free(s);
}

TEST(test_counts_are_plain_digits_of_at_least_the_minimum)
{
	CHECK_INT(issueini_parse_count("20", 0), 20);
	CHECK_INT(issueini_parse_count("0", 0), 0);
	CHECK_INT(issueini_parse_count("0", 1), -1);
	CHECK_INT(issueini_parse_count("5 ", 1), -1);
	CHECK_INT(issueini_parse_count("-1", 0), -1);
	CHECK_INT(issueini_parse_count("1234567890", 0), -1);
	CHECK_INT(issueini_parse_count("", 0), -1);
	CHECK_INT(issueini_parse_count(NULL, 0), -1);
}

int
main(void)
{
	tmp_dir = g_dir_make_tmp("gb-issueini-XXXXXX", NULL);
	RUN(test_spec_example_is_read_with_its_values_and_no_diagnostic);
	RUN(test_each_key_and_group_keeps_its_line);
	RUN(test_semicolon_after_a_character_is_part_of_the_value);
	RUN(test_hash_after_a_space_and_whole_line_comments_are_comments);
	RUN(test_value_that_is_only_a_comment_is_empty);
	RUN(test_missing_file_is_reported_and_gives_nothing);
	RUN(test_line_that_is_no_key_is_refused_naming_the_line);
	RUN(test_bytes_that_are_not_utf8_are_refused_naming_the_line);
	RUN(test_byte_order_mark_is_no_part_of_the_first_group);
	RUN(test_nonexistent_issue_date_is_an_error_at_its_line);
	RUN(test_leap_day_is_a_good_issue_date);
	RUN(test_number_that_is_not_whole_is_an_error_at_its_line);
	RUN(test_missing_required_key_and_group_are_errors);
	RUN(test_unknown_key_is_a_warning_at_its_line);
	RUN(test_year_unlike_the_date_is_a_warning);
	RUN(test_sections_split_on_fullwidth_semicolons_and_refuse_repeats);
	RUN(test_issue_title_with_and_without_the_cumulative_number);
	RUN(test_counts_are_plain_digits_of_at_least_the_minimum);
	g_rmdir(tmp_dir);
	g_free(tmp_dir);
	return 0;
}
