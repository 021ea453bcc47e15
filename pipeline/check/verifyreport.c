/* verifyreport.c — the check report: a short text an editor reads before an
 * issue goes out (one line per group of checks, the failures, the parse
 * warnings, a verdict), and the same as one JSON object for machines. */
#include "verify.h"

#include <string.h>

/* Parse warnings listed in the text report: an untidy source can have
 * thousands, and the report must stay readable; --json has them all. */
#define MAX_WARNINGS 200

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

void
gb_check_report_text(GString *out, const gb_check_report *r)
{
	g_string_append_printf(out, "%s %s 检查报告\n", r->gazette, r->issue);
	g_string_append_printf(out, "页面清单 %s：%d页\n", r->pages_file, r->list_pages);
	append_count(out, "印刷版", r->print_file, r->print_pages);
	append_count(out, "电子版", r->web_file, r->web_pages);
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
	if (r->warnings->len) {
		g_string_append_printf(out, "\n排版前的警告（%u条，不影响通过，请编辑核对）：\n",
		    r->warnings->len);
		guint shown = MIN(r->warnings->len, MAX_WARNINGS);
		for (guint i = 0; i < shown; i++) {
			const gb_check_warning *w = r->warnings->pdata[i];
			g_string_append_printf(out, "%s:%d: warning: %s\n", w->file, w->line, w->message);
		}
		if (shown < r->warnings->len)
			g_string_append_printf(out, "……另有%u条警告未列出（--json 的报告中有全部警告）\n",
			    r->warnings->len - shown);
	}
	g_string_append(out, "\n");
	int n = failure_count(r);
	if (n == 0 && r->warnings->len == 0)
		g_string_append(out, "结论：通过。印刷版与电子版可以发出。\n");
	else if (n == 0)
		g_string_append_printf(out, "结论：通过（有%u条警告，请核对）。印刷版与电子版可以发出。\n",
		    r->warnings->len);
	else
		g_string_append_printf(out, "结论：不通过，共%d处问题。请改正后重新生成再检查。\n", n);
}

/* A JSON string: quotes, backslashes and control characters escaped, the
 * rest (valid UTF-8 from the page list and poppler) as is. */
static void
json_string(GString *out, const char *s)
{
	g_string_append_c(out, '"');
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		switch (*p) {
		case '"': g_string_append(out, "\\\""); break;
		case '\\': g_string_append(out, "\\\\"); break;
		case '\n': g_string_append(out, "\\n"); break;
		case '\r': g_string_append(out, "\\r"); break;
		case '\t': g_string_append(out, "\\t"); break;
		default:
			if (*p < 0x20)
				g_string_append_printf(out, "\\u%04x", *p);
			else
				g_string_append_c(out, (char)*p);
		}
	}
	g_string_append_c(out, '"');
}

static void
json_key(GString *out, const char *key)
{
	json_string(out, key);
	g_string_append_c(out, ':');
}

static void
json_edition(GString *out, const char *key, const char *file, int pages)
{
	json_key(out, key);
	g_string_append(out, "{");
	json_key(out, "file");
	json_string(out, file);
	g_string_append(out, ",");
	json_key(out, "pages");
	if (pages < 0)
		g_string_append(out, "null");
	else
		g_string_append_printf(out, "%d", pages);
	g_string_append(out, "}");
}

void
gb_check_report_json(GString *out, const gb_check_report *r)
{
	g_string_append(out, "{");
	json_key(out, "gazette");
	json_string(out, r->gazette);
	g_string_append(out, ",");
	json_key(out, "issue");
	json_string(out, r->issue);
	g_string_append(out, ",");
	json_edition(out, "pages", r->pages_file, r->list_pages);
	g_string_append(out, ",");
	json_edition(out, "print", r->print_file, r->print_pages);
	g_string_append(out, ",");
	json_edition(out, "web", r->web_file, r->web_pages);
	g_string_append(out, ",\n");
	json_key(out, "checks");
	g_string_append(out, "[");
	for (int g = 0; g < GB_CHECK_N; g++) {
		g_string_append(out, g ? ",\n {" : "\n {");
		json_key(out, "check");
		json_string(out, groups[g].key);
		g_string_append(out, ",");
		json_key(out, "title");
		json_string(out, groups[g].title);
		g_string_append_printf(out, ",\"passed\":%s,\"failures\":%d}",
		    r->failed[g] ? "false" : "true", r->failed[g]);
	}
	g_string_append(out, "],\n");
	json_key(out, "failures");
	g_string_append(out, "[");
	for (guint i = 0; i < r->failures->len; i++) {
		const gb_check_failure *f = r->failures->pdata[i];
		g_string_append(out, i ? ",\n {" : "\n {");
		json_key(out, "check");
		json_string(out, groups[f->group].key);
		g_string_append(out, ",");
		json_key(out, "id");
		json_string(out, f->id);
		g_string_append(out, ",");
		json_key(out, "file");
		json_string(out, f->file);
		g_string_append_printf(out, ",\"page\":%d,\"pages\":%d,", f->page, f->count);
		json_key(out, "where");
		json_string(out, f->where);
		g_string_append(out, ",");
		json_key(out, "message");
		json_string(out, f->message);
		g_string_append(out, "}");
	}
	g_string_append(out, "],\n");
	json_key(out, "warnings");
	g_string_append(out, "[");
	for (guint i = 0; i < r->warnings->len; i++) {
		const gb_check_warning *w = r->warnings->pdata[i];
		g_string_append(out, i ? ",\n {" : "\n {");
		json_key(out, "file");
		json_string(out, w->file);
		g_string_append_printf(out, ",\"line\":%d,", w->line);
		json_key(out, "message");
		json_string(out, w->message);
		g_string_append(out, "}");
	}
	g_string_append(out, "],\n");
	g_string_append_printf(out, "\"passed\":%s}\n", gb_check_report_passed(r) ? "true" : "false");
}
