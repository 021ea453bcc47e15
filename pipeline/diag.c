/* diag.c — the one table of diagnostics (mandoc style) and their
 * collection: messages are gathered during a run, sorted by file and line,
 * printed as `FILE:LINE: error|warning: message`; the worst sets the exit
 * status.  Messages are in the editors' Chinese and say what to do. */
#include "diag.h"
#include "util.h"

#include <stdarg.h>
#include <string.h>

typedef struct diag_entry {
	const char *name;
	gb_level level;
	const char *format;
} diag_entry;

#define E GB_LEVEL_ERROR
#define W GB_LEVEL_WARNING
#define S GB_LEVEL_SYSTEM

/* Indexed by gb_diag_id: a stage adds its ids to diag.h and its entries
 * here, in the same place. */
static const diag_entry table[DIAG__COUNT] = {
	/* gongbao-parse: system */
	[DIAG_SYS_NO_ISSUE_DIR] = { "no-issue-dir", S, "找不到公报目录：%s" },
	[DIAG_SYS_READ] = { "read", S, "无法读取：%s" },

	/* gongbao-parse: issue.ini */
	[DIAG_INI_MISSING] = { "ini-missing", E,
	    "缺少 issue.ini 或无法读取（%s）：每期公报目录中须有 issue.ini" },
	[DIAG_INI_SYNTAX] = { "ini-syntax", E,
	    "issue.ini 此行无法识别：“%s”；应为 [组名]、键=值 或以 # 开头的注释" },
	[DIAG_INI_MISSING_GROUP] = { "ini-missing-group", E, "issue.ini 缺少 [%s] 组" },
	[DIAG_INI_MISSING_KEY] = { "ini-missing-key", E,
	    "issue.ini [%s] 缺少必填项 %s（%s）" },
	[DIAG_INI_BAD_NUMBER] = { "ini-bad-number", E,
	    "issue.ini [%s] %s=%s 应为不小于%d的整数" },
	[DIAG_INI_BAD_DATE] = { "ini-bad-date", E,
	    "issue.ini [issue] date=%s 不是有效日期（应为 YYYY-MM-DD，且这一天存在）" },
	[DIAG_INI_EMPTY_SECTION] = { "ini-empty-section", E,
	    "[sections] order 中有空的栏目名（两个分号相连或以分号结尾），请删去多余的分号" },
	[DIAG_INI_DUPLICATE_SECTION] = { "ini-duplicate-section", E,
	    "[sections] order 中栏目“%s”出现了两次，请删去一个" },
	[DIAG_INI_UNKNOWN_KEY] = { "ini-unknown-key", W,
	    "issue.ini [%s] 中的 %s 不是已知的设置项，将被忽略（拼写错误？）" },
	[DIAG_INI_YEAR_MISMATCH] = { "ini-year-mismatch", W,
	    "issue.ini [issue] year=%s 与出版日期 %s 的年份不一致，请核对" },
	[DIAG_NO_DOCS] = { "no-docs", E,
	    "docs/ 目录中没有文档（*.md）：一期公报至少要有一篇文件" },

	/* gongbao-parse: a document */
	[DIAG_DOC_UTF8] = { "utf8", E,
	    "此行不是有效的 UTF-8 编码，请将文件另存为 UTF-8" },
	[DIAG_FM_MISSING] = { "fm-missing", E,
	    "文件应以 front matter 开头：第一行为 ---，随后是“键: 值”各行，再以 --- 结束" },
	[DIAG_FM_UNTERMINATED] = { "fm-unterminated", E,
	    "front matter 没有结束行 ---，请在最后一个“键: 值”之后加一行 ---" },
	[DIAG_FM_SYNTAX] = { "fm-syntax", E,
	    "front matter 中此行不是“键: 值”形式：“%s”" },
	[DIAG_FM_FULLWIDTH_COLON] = { "fm-fullwidth-colon", E,
	    "front matter 的键 %s 后应使用半角冒号“:”，此处是全角“：”" },
	[DIAG_FM_DUPLICATE_KEY] = { "fm-duplicate-key", E,
	    "%s 重复出现（第%d行已有），请删去一个" },
	[DIAG_KEY_MISSING] = { "key-missing", E, "缺少必填项 %s（%s）" },
	[DIAG_KEY_EMPTY] = { "key-empty", E, "必填项 %s（%s）的值为空" },
	[DIAG_SECTION_UNKNOWN] = { "section-unknown", E,
	    "栏目“%s”不在 issue.ini [sections] order 中；应为其中之一：%s" },
	[DIAG_DISCLOSURE_REFUSED] = { "disclosure-refused", E,
	    "公开属性为“%s”的文件不得在公报刊登：只刊登“主动公开”的文件，请撤下此文件" },
	[DIAG_DISCLOSURE_INVALID] = { "disclosure-invalid", E,
	    "公开属性“%s”无效：可刊登的文件应为“主动公开”" },
	[DIAG_SECRECY] = { "secrecy", E,
	    "密级为“%s”：涉密文件不得在公报刊登；非涉密文件请删去 secrecy 或写“无”" },
	[DIAG_REVIEW_COUNT] = { "review-count", E,
	    "三级审核应有三条“姓名 日期”记录，以分号分隔（经办人; 分管负责人; 主要负责人），此处有%d条" },
	[DIAG_REVIEW_ENTRY] = { "review-entry", E,
	    "审核记录“%s”应为“姓名 YYYY-MM-DD”，且日期存在" },
	[DIAG_REVIEW_ORDER] = { "review-order", E,
	    "审核顺序有误：%s 的审核日期 %s 早于前一级 %s 的 %s；应依次由经办人、分管负责人、主要负责人审核" },
	[DIAG_REVIEW_AFTER_ISSUE] = { "review-after-issue", E,
	    "%s 的审核日期 %s 晚于本期出版日期 %s：须先审后发" },
	[DIAG_NUMBER_BRACKETS] = { "number-brackets", E,
	    "%s: 发文字号年份应使用六角括号〔〕，即 %s" },
	[DIAG_NUMBER_MALFORMED] = { "number-malformed", E,
	    "发文字号“%s”格式不正确：应为 机关代字〔年份〕序号号，如 示政发〔2026〕5号" },
	[DIAG_DATE_FORMAT] = { "date-format", E,
	    "%s“%s”不是 YYYY-MM-DD 格式的日期（如 2026-02-28）" },
	[DIAG_DATE_NONEXISTENT] = { "date-nonexistent", E,
	    "%s %s 是不存在的日期：%d年%d月只有%d天" },
	[DIAG_DATE_AFTER_ISSUE] = { "date-after-issue", E,
	    "成文日期 %s 晚于本期出版日期 %s" },
	[DIAG_INTERPRETS_UNKNOWN] = { "interprets-unknown", E,
	    "interprets 指向的“%s”不是本期或往期任何文件的发文字号，请核对" },
	[DIAG_VALIDITY_INVALID] = { "validity-invalid", E,
	    "有效性“%s”无效：应为 有效、失效、废止 或 修订" },
	[DIAG_SIGNATURE_INVALID] = { "signature-invalid", E,
	    "signature 只能为 none（不印落款），此处是“%s”" },

	/* gongbao-parse: warnings */
	[DIAG_FM_UNKNOWN_KEY] = { "fm-unknown-key", W,
	    "front matter 键 %s 不是已知的键，将被忽略（拼写错误？）" },
	[DIAG_KIND_UNKNOWN] = { "kind-unknown", W,
	    "文种“%s”不是常用公文文种（命令 决定 通知 意见 办法 规定 通告 公告 批复 函 解读 任免 勘误 等），请核对" },
	[DIAG_NUMBER_DUPLICATE] = { "number-duplicate", W,
	    "发文字号 %s 与 %s 中的相同，请核对" },
	[DIAG_HEADING_SEQUENCE] = { "heading-sequence", W,
	    "标题序号%s：此处是“%s”，应为“%s”" },
	[DIAG_HALFWIDTH_PUNCT] = { "halfwidth-punct", W,
	    "“%s”是半角标点，中文中应使用全角标点“%s”" },
	[DIAG_UNBALANCED] = { "unbalanced", W,
	    "「%s」没有与之配对的「%s」，请补全或删去" },
	[DIAG_SPACE_BETWEEN_CJK] = { "space-between-cjk", W,
	    "汉字之间有空格（“%s”），应删去" },
	[DIAG_WORD_WRONG] = { "word-wrong", W, "“%s”是错敏词，应改为“%s”" },
	[DIAG_WORD_SENSITIVE] = { "word-sensitive", W,
	    "“%s”在错敏词表中，请核对用词" },
	[DIAG_INTERPRETATION_LATE] = { "interpretation-late", W,
	    "政策解读（%s）晚于所解读文件（%s）%d个工作日，应在三个工作日内同步发布" },
	[DIAG_TEXT_NUMBER_BRACKETS] = { "text-number-brackets", W,
	    "正文中发文字号的年份“%s”应使用六角括号〔〕，即“%s”" },
	[DIAG_WORDS_FILE] = { "words-file", W,
	    "错敏词表此行多于两列（应为“错词<TAB>正词”或单独一个词），已跳过" },

	/* gongbao-check: a check that fails (the report lists them) */
	[DIAG_CHECK_NO_FILE] = { "check-no-file", S,
	    "文件不存在，或不是普通文件" },
	[DIAG_CHECK_PDF_OPEN] = { "check-pdf-open", E,
	    "%s无法打开：%s" },
	[DIAG_CHECK_PDF_STRUCTURE] = { "check-pdf-structure", E,
	    "%s的文件结构有误：%s" },
	[DIAG_CHECK_PAGE_COUNT_WEB] = { "check-page-count-web", E,
	    "页数不符：电子版有%d面，页面清单有%d页" },
	[DIAG_CHECK_PAGE_COUNT_PRINT] = { "check-page-count-print", E,
	    "页数不符：印刷版有%d面，应为%d面（页面清单%d页，补%d面空白页凑成4的倍数）" },
	[DIAG_CHECK_TEXT_CHANGED] = { "check-text-changed", E,
	    "文字与排版结果不符：“%s”中的“%s”成了“%s”%s" },
	[DIAG_CHECK_TEXT_UNMAPPED] = { "check-text-unmapped", E,
	    "文字无法提取：“%s”中的“%s”的字形未映射到Unicode%s" },
	[DIAG_CHECK_TEXT_MISSING] = { "check-text-missing", E,
	    "文字与排版结果不符：缺少“%s”（在“%s”中）%s" },
	[DIAG_CHECK_TEXT_EXTRA] = { "check-text-extra", E,
	    "文字与排版结果不符：多出“%s”（在“%s”处）%s" },
	[DIAG_CHECK_TEXT_EXTRA_UNMAPPED] = { "check-text-extra-unmapped", E,
	    "文字无法提取：多出未映射到Unicode的字符“%s”（在“%s”处）%s" },
	[DIAG_CHECK_PAGE_ORDER] = { "check-page-order", E,
	    "页序错乱或缺页：此面排的是页面清单%s的内容" },
	[DIAG_CHECK_FONT_TYPE3] = { "check-font-type3", E,
	    "字体“%s”是Type 3字体（应为嵌入的OpenType、TrueType或CID字体）" },
	[DIAG_CHECK_FONT_NOT_EMBEDDED] = { "check-font-not-embedded", E,
	    "字体“%s”未嵌入" },
	[DIAG_CHECK_FONT_NOT_SUBSET] = { "check-font-not-subset", E,
	    "字体“%s”未子集化" },
	[DIAG_CHECK_PAGE_SIZE] = { "check-page-size", E,
	    "页面尺寸为%.1f×%.1f毫米，应为%.1f×%.1f毫米%s" },
	[DIAG_CHECK_TRIMBOX_MISSING] = { "check-trimbox-missing", E,
	    "缺少裁切框（TrimBox）" },
	[DIAG_CHECK_TRIMBOX_WRONG] = { "check-trimbox-wrong", E,
	    "裁切框（TrimBox）为[%.2f %.2f %.2f %.2f]，应为[%.2f %.2f %.2f %.2f]" },
	[DIAG_CHECK_BLEEDBOX_MISSING] = { "check-bleedbox-missing", E,
	    "缺少出血框（BleedBox）" },
	[DIAG_CHECK_BLEEDBOX_WRONG] = { "check-bleedbox-wrong", E,
	    "出血框（BleedBox）为[%.2f %.2f %.2f %.2f]，应为[%.2f %.2f %.2f %.2f]" },
	[DIAG_CHECK_LINK_MISSING] = { "check-link-missing", E,
	    "缺少%s" },
	[DIAG_CHECK_LINK_WRONG] = { "check-link-wrong", E,
	    "%s指向%s，应指向%s" },
	[DIAG_CHECK_LINK_NO_TARGET] = { "check-link-no-target", E,
	    "%s没有有效的目标页，应指向%s" },
	[DIAG_CHECK_LINK_EXTRA] = { "check-link-extra", E,
	    "页面清单中没有的链接（指向%s）" },
	[DIAG_CHECK_TOC_NO_LINK] = { "check-toc-no-link", E,
	    "目录中“%s”没有链到第%d面的链接" },
	[DIAG_CHECK_TITLE_ABSENT] = { "check-title-absent", E,
	    "此面上没有文件标题“%s”" },
	[DIAG_CHECK_TOC_NO_TITLE] = { "check-toc-no-title", E,
	    "目录中“%s”（%s）的标题不在任何一页上" },
	[DIAG_CHECK_TOC_FOLIO] = { "check-toc-folio", E,
	    "目录中“%s”的页码为%s，标题却在%s" },
	[DIAG_CHECK_BOOKMARK_TITLE] = { "check-bookmark-title", E,
	    "第%u个书签为“%s”，应为“%s”" },
	[DIAG_CHECK_BOOKMARK_LEVEL] = { "check-bookmark-level", E,
	    "书签“%s”在第%d层，应在第%d层" },
	[DIAG_CHECK_BOOKMARK_TARGET] = { "check-bookmark-target", E,
	    "书签“%s”指向%s，应指向%s" },
	[DIAG_CHECK_BOOKMARKS_FEWER] = { "check-bookmarks-fewer", E,
	    "书签不全：有%u个，应有%u个（缺“%s”等）" },
	[DIAG_CHECK_BOOKMARKS_MORE] = { "check-bookmarks-more", E,
	    "书签多出：有%u个，应有%u个（多出“%s”等）" },
	[DIAG_CHECK_LABEL] = { "check-label", E,
	    "页码标签为“%s”，应为“%s”" },
	[DIAG_CHECK_INFO_MISSING] = { "check-info-missing", E,
	    "文档信息缺少%s" },
	[DIAG_CHECK_INFO_WRONG] = { "check-info-wrong", E,
	    "文档信息的%s为“%s”，应为“%s”" },
	[DIAG_CHECK_XMP_MISSING] = { "check-xmp-missing", E,
	    "缺少XMP元数据" },
	[DIAG_CHECK_XMP_PDFA] = { "check-xmp-pdfa", E,
	    "XMP元数据中没有PDF/A-2u标识（pdfaid:part=2，pdfaid:conformance=U）" },
	[DIAG_CHECK_XMP_PDFX] = { "check-xmp-pdfx", E,
	    "XMP元数据中没有PDF/X-4标识（pdfxid:GTS_PDFXVersion）" },
	[DIAG_CHECK_XMP_TITLE] = { "check-xmp-title", E,
	    "XMP元数据中没有标题“%s”" },
	[DIAG_CHECK_NO_ID] = { "check-no-id", E,
	    "缺少文件标识（/ID）" },
	[DIAG_CHECK_PDFX_INTENT_MISSING] = { "check-pdfx-intent-missing", E,
	    "缺少PDF/X输出意图（OutputIntent /GTS_PDFX）" },
	[DIAG_CHECK_PDFX_INTENT_INCOMPLETE] = { "check-pdfx-intent-incomplete", E,
	    "PDF/X输出意图不完整（缺少嵌入的特性文件或OutputConditionIdentifier）" },
	[DIAG_CHECK_PDFA_INTENT_MISSING] = { "check-pdfa-intent-missing", E,
	    "缺少sRGB输出意图（OutputIntent /GTS_PDFA1）" },
	[DIAG_CHECK_PDFA_INTENT_NOT_RGB] = { "check-pdfa-intent-not-rgb", E,
	    "PDF/A输出意图的特性文件不是RGB（sRGB）的" },
	[DIAG_CHECK_LANG] = { "check-lang", E,
	    "文档语言（/Lang）为“%s”，应为“%s”" },
	[DIAG_CHECK_UNTAGGED] = { "check-untagged", E,
	    "没有结构标记（MarkInfo /Marked、StructTreeRoot）" },
	[DIAG_CHECK_ENCRYPTED] = { "check-encrypted", E,
	    "文件已加密（电子版不得加密）" },
	[DIAG_CHECK_NOT_LINEARIZED] = { "check-not-linearized", E,
	    "未线性化（不能快速网页浏览）" },
	[DIAG_CHECK_BLANK_NO_CONTENT] = { "check-blank-no-content", E,
	    "此面是空白的，页面清单在这一页上有内容" },
	[DIAG_CHECK_BLANK_HAS_TEXT] = { "check-blank-has-text", E,
	    "应为空白页，却有文字" },
	[DIAG_CHECK_BLANK_HAS_INK] = { "check-blank-has-ink", E,
	    "应为空白页，成品范围内却有图文" },
	[DIAG_CHECK_MORE] = { "check-more", E,
	    "……另有%d处同类问题未列出" },
	[DIAG_CHECK_DATE_WRONG] = { "check-date-wrong", E,
	    "文档信息的创建日期为%s，应为本期出版日期%s" },
	[DIAG_CHECK_XMP_DATE] = { "check-xmp-date", E,
	    "XMP元数据中没有本期出版日期%s" },
};

#undef E
#undef W
#undef S

gb_level
diag_level(gb_diag_id id)
{
	return id < DIAG__COUNT ? table[id].level : GB_LEVEL_SYSTEM;
}

const char *
diag_format(gb_diag_id id)
{
	return id < DIAG__COUNT && table[id].format ? table[id].format : "?";
}

const char *
diag_name(gb_diag_id id)
{
	return id < DIAG__COUNT && table[id].name ? table[id].name : "?";
}

const char *
diag_level_name(gb_level level)
{
	return level >= GB_LEVEL_ERROR ? "error" : "warning";
}

static void
diag_free(gpointer p)
{
	gb_diag *d = p;
	g_free(d->file);
	g_free(d->message);
	g_free(d);
}

gb_diags *
diags_new(void)
{
	gb_diags *ds = g_new0(gb_diags, 1);
	ds->list = g_ptr_array_new_with_free_func(diag_free);
	return ds;
}

void
diags_free(gb_diags *diags)
{
	if (!diags)
		return;
	g_ptr_array_unref(diags->list);
	g_free(diags);
}

void
diag_emit(gb_diags *diags, const char *file, int line, gb_diag_id id, ...)
{
	va_list ap;
	va_start(ap, id);
	gb_diag *d = g_new0(gb_diag, 1);
	d->file = g_strdup(file ? file : "-");
	d->line = line;
	d->id = id;
	d->level = diag_level(id);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	d->message = g_strdup_vprintf(diag_format(id), ap);
#pragma GCC diagnostic pop
	va_end(ap);
	d->seq = diags->list->len;
	g_ptr_array_add(diags->list, d);
	if (d->level > diags->worst)
		diags->worst = d->level;
	diags->counts[d->level]++;
}

static gint
diag_compare(gconstpointer a, gconstpointer b)
{
	const gb_diag *x = *(gb_diag *const *)a, *y = *(gb_diag *const *)b;
	int c = strcmp(x->file, y->file);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
diags_sort(gb_diags *diags)
{
	g_ptr_array_sort(diags->list, diag_compare);
}

void
diags_print(gb_diags *diags, FILE *out)
{
	for (guint i = 0; i < diags->list->len; i++) {
		const gb_diag *d = diags->list->pdata[i];
		fprintf(out, "%s:%d: %s: %s\n", d->file, d->line, diag_level_name(d->level),
		    d->message);
	}
	fflush(out);
}

int
diags_exit_status(const gb_diags *diags)
{
	switch (diags->worst) {
	case GB_LEVEL_SYSTEM: return GB_EXIT_SYSTEM;
	case GB_LEVEL_ERROR: return GB_EXIT_INPUT;
	default: return GB_EXIT_OK;
	}
}
