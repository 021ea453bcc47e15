/* verifyreport.c — the check report: a short text an editor reads before an
 * issue goes out (one line per group of checks, the failures, the parse
 * warnings, a verdict), the same as one JSON object for machines (json-glib),
 * and the diagnostics of a check that could not be made. */
#include "verify.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* Places shown for each kind of parse warning in the summary: an untidy
 * source can have thousands, and the summary must stay readable; the
 * appendix and --json have them all. */
#define FIRST_PLACES 3

static const struct {
	const char *key;
	const char *title;
} groups[GB_CHECK_N] = {
	[GB_CHECK_OPEN] = { "open", "打开文件与页数" },
	[GB_CHECK_TEXT] = { "text", "每页文字与排版结果一致" },
	[GB_CHECK_FONTS] = { "fonts", "字体全部嵌入" },
	[GB_CHECK_BOXES] = { "boxes", "页面尺寸与裁切框" },
	[GB_CHECK_LINKS] = { "links", "目录页码、链接与书签" },
	[GB_CHECK_META] = { "metadata", "元数据、页码标签与PDF/A、PDF/X标识" },
	[GB_CHECK_BLANK] = { "blank", "没有不该空白的页" },
	[GB_CHECK_SIGNATURE] = { "signature", "电子版签名有效、覆盖全文、署出版单位" },
	[GB_CHECK_STRUCTURE] = { "structure", "无障碍结构（PDF/UA）" },
};

const char *
gb_check_group_title(gb_check_group group)
{
	return group < GB_CHECK_N ? groups[group].title : "";
}

const char *
gb_check_group_key(gb_check_group group)
{
	return group < GB_CHECK_N ? groups[group].key : "";
}

static int
failure_count(const gb_check_report *r)
{
	int n = 0;
	for (int g = 0; g < GB_CHECK_N; g++)
		n += r->failed[g];
	return n;
}

static void
append_count(GString *out, const char *edition, const char *file, int pages)
{
	if (pages < 0)
		g_string_append_printf(out, "%s %s：无法打开\n", edition, file);
	else
		g_string_append_printf(out, "%s %s：%d面\n", edition, file, pages);
}

static void
append_warning(GString *out, const char *indent, const gb_check_warning *w)
{
	char *line = diag_format_line(w->file, w->line, GB_LEVEL_WARNING, w->message);
	g_string_append_printf(out, "%s%s\n", indent, line);
	g_free(line);
}

/* The parse warnings by kind: how many, the first places, what to do. */
static void
append_warning_summary(GString *out, const gb_check_report *r)
{
	if (!r->warnings->len)
		return;
	GPtrArray *kinds = gb_check_warning_kinds(r->warnings);
	g_string_append_printf(out, "\n排版前的警告（%u条，%u种，不影响通过，请编辑核对；"
	    "校样 proof.pdf 中每条都已标出，全部警告见文末附录）：\n", r->warnings->len, kinds->len);
	for (guint i = 0; i < kinds->len; i++) {
		const gb_check_kind *k = kinds->pdata[i];
		const char *label = gb_check_kind_label(k->kind);
		if (strcmp(label, k->kind) != 0)
			g_string_append_printf(out, "%s（%s，%u条）：%s\n", label, k->kind,
			    k->items->len, k->advice);
		else
			g_string_append_printf(out, "%s（%u条）：%s\n", k->kind, k->items->len,
			    k->advice);
		guint shown = MIN(k->items->len, FIRST_PLACES);
		for (guint j = 0; j < shown; j++)
			append_warning(out, "  ", k->items->pdata[j]);
		if (shown < k->items->len)
			g_string_append_printf(out, "  ……另有%u条（见附录）\n", k->items->len - shown);
	}
	g_ptr_array_unref(kinds);
}

void
gb_check_report_text(GString *out, const gb_check_report *r)
{
	g_string_append_printf(out, "%s %s 检查报告\n", r->gazette, r->issue);
	g_string_append_printf(out, "页面清单 %s：%d页\n", r->pages_file, r->list_pages);
	append_count(out, "印刷版", r->print_file, r->print_pages);
	append_count(out, "电子版", r->web_file, r->web_pages);
	if (r->signature)
		g_string_append_printf(out, "电子版签名：%s\n", r->signature);
	if (r->print_pages > 0)
		g_string_append_printf(out, "印刷版%d面逐字形与电子版相同（同一绘制，文字只读电子版），"
		    "其余%d面另行读取\n", r->print_same, r->print_pages - r->print_same);
	g_string_append(out, "\n");
	for (int g = 0; g < GB_CHECK_N; g++) {
		if (r->failed[g])
			g_string_append_printf(out, "不通过  %s（%d处）\n", groups[g].title, r->failed[g]);
		else
			g_string_append_printf(out, "通过    %s\n", groups[g].title);
	}
	if (r->failures->len) {
		g_string_append(out, "\n问题：\n");
		for (guint i = 0; i < r->failures->len; i++) {
			const gb_check_failure *f = r->failures->pdata[i];
			g_string_append_printf(out, "%s: %s%s%s\n", f->file, f->where,
			    *f->where ? ": " : "", f->message);
		}
	}
	append_warning_summary(out, r);
	g_string_append(out, "\n");
	int n = failure_count(r);
	if (n == 0 && r->warnings->len == 0)
		g_string_append(out, "结论：通过。印刷版与电子版可以发出。\n");
	else if (n == 0)
		g_string_append_printf(out, "结论：通过（有%u条警告，请核对）。印刷版与电子版可以发出。\n",
		    r->warnings->len);
	else
		g_string_append_printf(out, "结论：不通过，共%d处问题。请改正后重新生成再检查。\n", n);
	if (r->warnings->len) {
		g_string_append_printf(out, "\n附录：全部警告（%u条）\n", r->warnings->len);
		for (guint i = 0; i < r->warnings->len; i++)
			append_warning(out, "", r->warnings->pdata[i]);
	}
}

/* --- JSON -------------------------------------------------------------------- */

/* A string member; text that is not UTF-8 (a file name) made valid, so
 * that the report stays JSON. */
static void
json_string_member(JsonBuilder *b, const char *name, const char *value)
{
	json_builder_set_member_name(b, name);
	if (!value || g_utf8_validate(value, -1, NULL)) {
		json_builder_add_string_value(b, value ? value : "");
		return;
	}
	char *valid = g_utf8_make_valid(value, -1);
	json_builder_add_string_value(b, valid);
	g_free(valid);
}

static void
json_int_member(JsonBuilder *b, const char *name, gint64 value)
{
	json_builder_set_member_name(b, name);
	json_builder_add_int_value(b, value);
}

/* {"file":…,"pages":N}, pages null for an edition that did not open. */
static void
json_edition(JsonBuilder *b, const char *name, const char *file, int pages)
{
	json_builder_set_member_name(b, name);
	json_builder_begin_object(b);
	json_string_member(b, "file", file);
	json_builder_set_member_name(b, "pages");
	if (pages < 0)
		json_builder_add_null_value(b);
	else
		json_builder_add_int_value(b, pages);
	json_builder_end_object(b);
}

static void
json_file(JsonBuilder *b, const char *role, const char *path, const char *identifier,
    const char *sha256)
{
	json_builder_begin_object(b);
	json_string_member(b, "role", role);
	json_string_member(b, "path", path);
	if (identifier)
		json_string_member(b, "identifier", identifier);
	json_string_member(b, "sha256", sha256);
	json_builder_end_object(b);
}

/* "files": every PDF the check read, with the SHA-256 of the bytes it
 * read, so that a later step refuses a file changed since (the archive's
 * publish). */
static void
json_files(JsonBuilder *b, const gb_check_report *r)
{
	json_builder_set_member_name(b, "files");
	json_builder_begin_array(b);
	if (r->print_sha256)
		json_file(b, "print", r->print_file, NULL, r->print_sha256);
	if (r->web_sha256)
		json_file(b, "web", r->web_file, NULL, r->web_sha256);
	json_builder_end_array(b);
}

static void
json_checks(JsonBuilder *b, const gb_check_report *r)
{
	json_builder_set_member_name(b, "checks");
	json_builder_begin_array(b);
	for (int g = 0; g < GB_CHECK_N; g++) {
		json_builder_begin_object(b);
		json_string_member(b, "check", groups[g].key);
		json_string_member(b, "title", groups[g].title);
		json_builder_set_member_name(b, "passed");
		json_builder_add_boolean_value(b, r->failed[g] == 0);
		json_int_member(b, "failures", r->failed[g]);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

static void
json_failures(JsonBuilder *b, const gb_check_report *r)
{
	json_builder_set_member_name(b, "failures");
	json_builder_begin_array(b);
	for (guint i = 0; i < r->failures->len; i++) {
		const gb_check_failure *f = r->failures->pdata[i];
		json_builder_begin_object(b);
		json_string_member(b, "check", groups[f->group].key);
		json_string_member(b, "id", f->id);
		json_string_member(b, "file", f->file);
		json_int_member(b, "page", f->page);
		json_int_member(b, "pages", f->count);
		json_string_member(b, "where", f->where);
		json_string_member(b, "message", f->message);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

static void
json_warning(JsonBuilder *b, const gb_check_warning *w)
{
	json_builder_begin_object(b);
	json_string_member(b, "file", w->file);
	json_int_member(b, "line", w->line);
	json_string_member(b, "kind", w->kind);
	json_string_member(b, "message", w->message);
	json_builder_end_object(b);
}

/* "warnings": all of them in report order; "warning_kinds": the summary,
 * each kind with its count, what to do and all its items. */
static void
json_warnings(JsonBuilder *b, const gb_check_report *r)
{
	json_builder_set_member_name(b, "warnings");
	json_builder_begin_array(b);
	for (guint i = 0; i < r->warnings->len; i++)
		json_warning(b, r->warnings->pdata[i]);
	json_builder_end_array(b);
	GPtrArray *kinds = gb_check_warning_kinds(r->warnings);
	json_builder_set_member_name(b, "warning_kinds");
	json_builder_begin_array(b);
	for (guint i = 0; i < kinds->len; i++) {
		const gb_check_kind *k = kinds->pdata[i];
		json_builder_begin_object(b);
		json_string_member(b, "kind", k->kind);
		json_int_member(b, "count", k->items->len);
		json_string_member(b, "advice", k->advice);
		json_builder_set_member_name(b, "items");
		json_builder_begin_array(b);
		for (guint j = 0; j < k->items->len; j++)
			json_warning(b, k->items->pdata[j]);
		json_builder_end_array(b);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	g_ptr_array_unref(kinds);
}

void
gb_check_report_json(GString *out, const gb_check_report *r)
{
	JsonBuilder *b = json_builder_new();
	json_builder_begin_object(b);
	json_string_member(b, "gazette", r->gazette);
	json_string_member(b, "issue", r->issue);
	json_edition(b, "pages", r->pages_file, r->list_pages);
	json_edition(b, "print", r->print_file, r->print_pages);
	json_edition(b, "web", r->web_file, r->web_pages);
	if (r->signature)
		json_string_member(b, "signature", r->signature);
	json_int_member(b, "print_same_painting", r->print_same);
	json_files(b, r);
	json_checks(b, r);
	json_failures(b, r);
	json_warnings(b, r);
	json_builder_set_member_name(b, "passed");
	json_builder_add_boolean_value(b, gb_check_report_passed(r));
	json_builder_end_object(b);

	JsonNode *root = json_builder_get_root(b);
	JsonGenerator *gen = json_generator_new();
	json_generator_set_root(gen, root);
	gsize len = 0;
	char *data = json_generator_to_data(gen, &len);
	g_string_append_len(out, data, (gssize)len);
	g_string_append_c(out, '\n');
	g_free(data);
	g_object_unref(gen);
	json_node_unref(root);
	g_object_unref(b);
}
