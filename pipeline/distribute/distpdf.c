/* distpdf.c — the distribution documents drawn with libharu: the print
 * order, the mailing list and the mailing labels, in one embedded TrueType
 * CJK font.  Every character is proved drawable (FreeType cmap, BMP only)
 * before anything is drawn, so a rare character is an error, not a blank;
 * distfix.c then gives the font the ToUnicode map libharu gets wrong. */
#include "cjk.h"
#include "date.h"
#include "diag.h"
#include "distfix.h"
#include "distlist.h"
#include "util.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hpdf.h>
#include <string.h>

#define MM(x) ((x) * 72.0 / 25.4)
#define A4_W 595.276
#define A4_H 841.89

/* --- the font check ----------------------------------------------------- */

/* Appends a fault for every character of TEXT that FACE cannot draw. */
static void
check_text(FT_Face face, const char *who, const char *what, const char *text, GPtrArray *errors,
    GHashTable *reported)
{
	for (const char *p = text; p && *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c < 0x20)
			continue;
		/* libharu 2.3's UTF-8 encoder maps the BMP only */
		if (c <= 0xFFFF && FT_Get_Char_Index(face, c) != 0)
			continue;
		char *key = g_strdup_printf("%s\t%s\t%u", who, what, c);
		if (g_hash_table_add(reported, key)) {
			char ch[8] = { 0 };
			g_unichar_to_utf8(c, ch);
			g_ptr_array_add(errors, diag_text(DIAG_DIST_CHAR_NOT_IN_FONT, who, what, ch, c));
		}
	}
}

gboolean
gb_dist_check_font(const char *font, const gb_dist_issue *issue, GPtrArray *printed,
    GPtrArray *errors, GError **error)
{
	FT_Library lib;
	FT_Face face;
	if (FT_Init_FreeType(&lib) != 0) {
		diag_set_error(error, font, 0, DIAG_DIST_FREETYPE);
		return FALSE;
	}
	if (!gb_check_input(font, GB_MAX_FONT_INPUT, NULL) || FT_New_Face(lib, font, 0, &face) != 0) {
		diag_set_error(error, font, 0, DIAG_DIST_FONT_UNREADABLE);
		FT_Done_FreeType(lib);
		return FALSE;
	}
	GHashTable *reported = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	const char *ini = "issue.ini";
	check_text(face, ini, "刊名", issue->title, errors, reported);
	check_text(face, ini, "出版单位", issue->publisher, errors, reported);
	check_text(face, ini, "编辑单位", issue->editor, errors, reported);
	check_text(face, ini, "地址", issue->address, errors, reported);
	check_text(face, ini, "刊号", issue->serial, errors, reported);
	for (guint i = 0; i < printed->len; i++) {
		gb_recipient *r = printed->pdata[i];
		for (int f = 0; f < GB_RF_COUNT; f++)
			check_text(face, r->field[GB_RF_ID], gb_recipient_field_label(f), r->field[f],
			    errors, reported);
	}
	g_hash_table_unref(reported);
	FT_Done_Face(face);
	FT_Done_FreeType(lib);
	return TRUE;
}

/* --- a libharu document ------------------------------------------------- */

typedef struct {
	HPDF_Doc pdf;
	HPDF_Font font;
	const char *font_path;
	guint8 *used;		/* GB_DIST_CODES: the codes drawn, for the ToUnicode */
	HPDF_Page page;
	HPDF_STATUS status;	/* the first error libharu reported */
	HPDF_STATUS detail;
} doc;

static void
on_hpdf_error(HPDF_STATUS status, HPDF_STATUS detail, void *data)
{
	doc *d = data;
	if (!d->status) {
		d->status = status;
		d->detail = detail;
	}
}

static gboolean
doc_failed(doc *d, const char *what, GError **error)
{
	if (!d->status)
		return FALSE;
	diag_set_error(error, what, 0, DIAG_DIST_LIBHARU, (unsigned)d->status, (unsigned)d->detail);
	return TRUE;
}

static void
doc_free(doc *d)
{
	HPDF_Free(d->pdf);
	g_free(d->used);
}

static gboolean
doc_open(doc *d, const char *font, const gb_dist_issue *issue, GError **error)
{
	memset(d, 0, sizeof *d);
	d->pdf = HPDF_New(on_hpdf_error, d);
	d->font_path = font;
	d->used = g_malloc0(GB_DIST_CODES);
	if (!d->pdf) {
		g_free(d->used);
		diag_set_error(error, font, 0, DIAG_DIST_LIBHARU_NEW);
		return FALSE;
	}
	HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(d->pdf);
	HPDF_SetCurrentEncoder(d->pdf, "UTF-8");
	const char *name = HPDF_LoadTTFontFromFile(d->pdf, font, HPDF_TRUE);
	if (name)
		d->font = HPDF_GetFont(d->pdf, name, "UTF-8");
	/* the issue's date, never the clock: a rerun writes the same bytes */
	gb_date day = { 0, 0, 0 };
	date_parse(issue->date, &day);
	HPDF_Date date = { day.year, day.month, day.day, 0, 0, 0, 'Z', 0, 0 };
	HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE, date);
	HPDF_SetInfoAttr(d->pdf, HPDF_INFO_CREATOR, "gongbao-distribute " GONGBAO_VERSION);
	if (doc_failed(d, font, error) || !d->font) {
		if (!d->status)
			diag_set_error(error, font, 0, DIAG_DIST_FONT_LOAD);
		doc_free(d);
		return FALSE;
	}
	return TRUE;
}

/* libharu's PDF, in memory, is written by distfix.c with its ToUnicode
 * repaired. */
static gboolean
doc_save(doc *d, const char *path, GError **error)
{
	guchar *pdf = NULL;
	HPDF_UINT32 len = 0;
	if (!doc_failed(d, path, error))
		HPDF_SaveToStream(d->pdf);
	if (!doc_failed(d, path, error)) {
		len = HPDF_GetStreamSize(d->pdf);
		pdf = g_malloc(len ? len : 1);
		HPDF_GetContents(d->pdf, pdf, &len);
	}
	gboolean ok = !doc_failed(d, path, error)
	    && gb_dist_fix_tounicode(path, pdf, len, d->font_path, d->used, error);
	g_free(pdf);
	doc_free(d);
	return ok;
}

static void
new_page(doc *d)
{
	d->page = HPDF_AddPage(d->pdf);
	HPDF_Page_SetWidth(d->page, A4_W);
	HPDF_Page_SetHeight(d->page, A4_H);
}

static double
text_width(doc *d, const char *text, double size)
{
	if (!*text)
		return 0;
	HPDF_TextWidth w = HPDF_Font_TextWidth(d->font, (const HPDF_BYTE *)text, strlen(text));
	return w.width * size / 1000.0;
}

/* Draws TEXT with its baseline at Y points from the top of the page. */
static void
draw_text(doc *d, double x, double y, double size, const char *text)
{
	if (!*text)
		return;
	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c < GB_DIST_CODES)
			d->used[c] = 1;
	}
	HPDF_Page_BeginText(d->page);
	HPDF_Page_SetFontAndSize(d->page, d->font, size);
	HPDF_Page_TextOut(d->page, x, A4_H - y, text);
	HPDF_Page_EndText(d->page);
}

static void
draw_text_right(doc *d, double right, double y, double size, const char *text)
{
	draw_text(d, right - text_width(d, text, size), y, size, text);
}

static void
draw_text_centre(doc *d, double centre, double y, double size, const char *text)
{
	draw_text(d, centre - text_width(d, text, size) / 2, y, size, text);
}

/* A rectangle with its top left at (X, Y) from the top of the page. */
static void
draw_rect(doc *d, double x, double y, double w, double h, double line, double fill_gray)
{
	if (fill_gray >= 0) {
		HPDF_Page_SetGrayFill(d->page, fill_gray);
		HPDF_Page_Rectangle(d->page, x, A4_H - y - h, w, h);
		HPDF_Page_Fill(d->page);
		HPDF_Page_SetGrayFill(d->page, 0);
	}
	if (line > 0) {
		HPDF_Page_SetLineWidth(d->page, line);
		HPDF_Page_Rectangle(d->page, x, A4_H - y - h, w, h);
		HPDF_Page_Stroke(d->page);
	}
}

static void
draw_line(doc *d, double x0, double y0, double x1, double y1, double width)
{
	HPDF_Page_SetLineWidth(d->page, width);
	HPDF_Page_MoveTo(d->page, x0, A4_H - y0);
	HPDF_Page_LineTo(d->page, x1, A4_H - y1);
	HPDF_Page_Stroke(d->page);
}

/* What cjk_wrap measures with: the document's font at a size. */
typedef struct {
	doc *d;
	double size;
} measure_at;

static double
measure_span(const char *text, gsize len, gpointer data)
{
	const measure_at *m = data;
	char *s = g_strndup(text, len);
	double w = text_width(m->d, s, m->size);
	g_free(s);
	return w;
}

/* TEXT in lines no wider than WIDTH at SIZE, broken by the line rules of
 * cjk.c; at most MAX lines (0: any number).  NULL when it needs more. */
static GPtrArray *
wrap(doc *d, const char *text, double size, double width, int max)
{
	measure_at m = { d, size };
	GPtrArray *lines = cjk_wrap(text, width, measure_span, &m);
	if (max && (int)lines->len > max) {
		g_ptr_array_unref(lines);
		return NULL;
	}
	return lines;
}

/* --- the print order ---------------------------------------------------- */

gboolean
gb_dist_print_order_pdf(const char *path, const char *font, const gb_dist_issue *issue,
    int distributed, GError **error)
{
	doc d;
	if (!doc_open(&d, font, issue, error))
		return FALSE;
	new_page(&d);
	double left = MM(25), right = A4_W - MM(25), y = MM(30);
	draw_text_centre(&d, A4_W / 2, y, 22, "印 制 单");
	y += 14;
	draw_text_centre(&d, A4_W / 2, y + 6, 10, issue->title);

	GString *text = g_string_new(NULL);
	gb_dist_print_order_text(text, issue, distributed);
	char **lines = g_strsplit(text->str, "\n", 0);
	g_string_free(text, TRUE);
	double row = 26, label_w = MM(32);
	y += 26;
	double top = y;
	for (int i = 0; lines[i]; i++) {
		/* "label：value" lines; the heading and blank lines are drawn above */
		char *sep = strstr(lines[i], "：");
		if (!sep)
			continue;
		*sep = '\0';
		const char *value = sep + strlen("：");
		draw_text(&d, left + 8, y + row / 2 + 4, 11, lines[i]);
		double size = 11;
		while (size > 6 && text_width(&d, value, size) > right - left - label_w - 16)
			size -= 0.5;
		draw_text(&d, left + label_w + 8, y + row / 2 + 4, size, value);
		y += row;
		draw_line(&d, left, y, right, y, 0.5);
	}
	g_strfreev(lines);
	draw_rect(&d, left, top, right - left, y - top, 1, -1);
	draw_line(&d, left + label_w, top, left + label_w, y, 0.5);

	y += 40;
	draw_text(&d, left, y, 11, "编辑部签发：");
	draw_text(&d, left + MM(85), y, 11, "印制单位签收：");
	y += 30;
	draw_text(&d, left, y, 11, "日期：");
	draw_text(&d, left + MM(85), y, 11, "日期：");
	return doc_save(&d, path, error);
}

/* --- the mailing list --------------------------------------------------- */

static const struct {
	const char *head;
	double mm;
	gb_recipient_field field;
} columns[] = {
	{ "编号", 14, GB_RF_ID }, { "名称", 40, GB_RF_NAME }, { "邮编", 14, GB_RF_POSTAL_CODE },
	{ "地址", 60, GB_RF_ADDRESS }, { "联系人", 20, GB_RF_CONTACT }, { "电话", 26, GB_RF_PHONE },
	{ "份数", 12, GB_RF_COPIES },
};
#define N_COLUMNS (int)G_N_ELEMENTS(columns)
#define LIST_SIZE 8.5
#define LIST_LEADING 11.0
#define LIST_LEFT MM(12)
#define LIST_TOP MM(28)
#define LIST_BOTTOM (A4_H - MM(18))

/* One row of the list: a recipient (R), a group heading, a subtotal or the
 * total (R NULL, TEXT and COPIES). */
typedef struct {
	enum { ROW_RECIPIENT, ROW_GROUP, ROW_SUBTOTAL, ROW_TOTAL } kind;
	gb_recipient *r;
	char *text;
	int copies;
	GPtrArray *cell[N_COLUMNS];	/* wrapped lines of each column */
	double height;
} list_row;

static void
list_row_free(list_row *row)
{
	for (int c = 0; c < N_COLUMNS; c++)
		if (row->cell[c])
			g_ptr_array_unref(row->cell[c]);
	g_free(row->text);
	g_free(row);
}

static list_row *
list_row_new(int kind, gb_recipient *r, char *text, int copies)
{
	list_row *row = g_new0(list_row, 1);
	row->kind = kind;
	row->r = r;
	row->text = text;
	row->copies = copies;
	row->height = LIST_LEADING + 4;
	return row;
}

static void
draw_list_head(doc *d, const gb_dist_issue *issue, int page, int pages)
{
	draw_text_centre(d, A4_W / 2, MM(14), 16, "发 行 清 单");
	char *sub = g_strdup_printf("《%s》%s　出版日期 %s", issue->title, issue->issue_text,
	    issue->date);
	draw_text_centre(d, A4_W / 2, MM(20), 9, sub);
	g_free(sub);
	char *folio = g_strdup_printf("第%d页 共%d页", page, pages);
	draw_text_centre(d, A4_W / 2, A4_H - MM(10), 8, folio);
	g_free(folio);
	double x = LIST_LEFT, y = LIST_TOP;
	draw_rect(d, x, y, A4_W - 2 * LIST_LEFT, LIST_LEADING + 4, 0.5, 0.85);
	for (int c = 0; c < N_COLUMNS; c++) {
		draw_text(d, x + 2, y + LIST_LEADING, LIST_SIZE, columns[c].head);
		x += MM(columns[c].mm);
	}
}

static void
draw_list_row(doc *d, list_row *row, double y)
{
	double x = LIST_LEFT, width = A4_W - 2 * LIST_LEFT;
	if (row->kind == ROW_GROUP) {
		draw_rect(d, x, y, width, row->height, 0, 0.93);
		draw_text(d, x + 2, y + LIST_LEADING, LIST_SIZE + 0.5, row->text);
	} else if (row->kind == ROW_RECIPIENT) {
		for (int c = 0; c < N_COLUMNS; c++) {
			GPtrArray *lines = row->cell[c];
			for (guint l = 0; l < lines->len; l++) {
				if (columns[c].field == GB_RF_COPIES)
					draw_text_right(d, x + MM(columns[c].mm) - 3, y + LIST_LEADING,
					    LIST_SIZE, lines->pdata[l]);
				else
					draw_text(d, x + 2, y + LIST_LEADING + l * LIST_LEADING, LIST_SIZE,
					    lines->pdata[l]);
			}
			x += MM(columns[c].mm);
		}
	} else {
		char *n = g_strdup_printf("%d", row->copies);
		draw_text_right(d, LIST_LEFT + width - MM(columns[N_COLUMNS - 1].mm) - 4,
		    y + LIST_LEADING, LIST_SIZE, row->text);
		draw_text_right(d, LIST_LEFT + width - 3, y + LIST_LEADING, LIST_SIZE, n);
		g_free(n);
	}
	draw_line(d, LIST_LEFT, y + row->height, LIST_LEFT + width,
	    y + row->height, row->kind == ROW_TOTAL ? 1.0 : 0.3);
}

gboolean
gb_dist_mailing_pdf(const char *path, const char *font, const gb_dist_issue *issue,
    GPtrArray *paper, GError **error)
{
	doc d;
	if (!doc_open(&d, font, issue, error))
		return FALSE;
	GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)list_row_free);
	int group = 0;
	for (guint i = 0; i < paper->len; i++) {
		gb_recipient *r = paper->pdata[i];
		gb_recipient *prev = i ? paper->pdata[i - 1] : NULL;
		gboolean new_group = !prev
		    || strcmp(prev->field[GB_RF_CATEGORY], r->field[GB_RF_CATEGORY]) != 0
		    || strcmp(prev->field[GB_RF_DISTRICT], r->field[GB_RF_DISTRICT]) != 0;
		if (new_group)
			g_ptr_array_add(rows, list_row_new(ROW_GROUP, NULL, g_strdup_printf("%s · %s",
			    r->field[GB_RF_CATEGORY], r->field[GB_RF_DISTRICT]), 0));
		list_row *row = list_row_new(ROW_RECIPIENT, r, NULL, r->copies);
		int most = 1;
		for (int c = 0; c < N_COLUMNS; c++) {
			row->cell[c] = wrap(&d, r->field[columns[c].field], LIST_SIZE,
			    MM(columns[c].mm) - 4, 0);
			most = MAX(most, (int)row->cell[c]->len);
		}
		row->height = most * LIST_LEADING + 4;
		g_ptr_array_add(rows, row);
		group += r->copies;
		gb_recipient *next = i + 1 < paper->len ? paper->pdata[i + 1] : NULL;
		if (!next || strcmp(next->field[GB_RF_CATEGORY], r->field[GB_RF_CATEGORY]) != 0
		    || strcmp(next->field[GB_RF_DISTRICT], r->field[GB_RF_DISTRICT]) != 0) {
			g_ptr_array_add(rows, list_row_new(ROW_SUBTOTAL, NULL, g_strdup("小计"), group));
			group = 0;
		}
	}
	g_ptr_array_add(rows, list_row_new(ROW_TOTAL, NULL,
	    g_strdup_printf("合计（%u家）", paper->len), gb_dist_total_copies(paper)));

	/* two passes: count the pages, then draw them with "page n of N" */
	int pages = 1;
	double y = LIST_TOP + LIST_LEADING + 4;
	for (guint i = 0; i < rows->len; i++) {
		list_row *row = rows->pdata[i];
		if (y + row->height > LIST_BOTTOM) {
			pages++;
			y = LIST_TOP + LIST_LEADING + 4;
		}
		y += row->height;
	}
	int page = 1;
	new_page(&d);
	draw_list_head(&d, issue, page, pages);
	y = LIST_TOP + LIST_LEADING + 4;
	for (guint i = 0; i < rows->len; i++) {
		list_row *row = rows->pdata[i];
		if (y + row->height > LIST_BOTTOM) {
			new_page(&d);
			draw_list_head(&d, issue, ++page, pages);
			y = LIST_TOP + LIST_LEADING + 4;
		}
		draw_list_row(&d, row, y);
		y += row->height;
	}
	g_ptr_array_unref(rows);
	return doc_save(&d, path, error);
}

/* --- labels ------------------------------------------------------------- */

/* The common A4 sheet of 14 labels (99.1 × 38.1 mm, 2 × 7). */
#define LABEL_W MM(99.1)
#define LABEL_H MM(38.1)
#define LABEL_LEFT MM(4.65)
#define LABEL_TOP MM(15.15)
#define LABEL_PITCH_X MM(101.6)
#define LABEL_PAD MM(5)

/* One label's text, fitted: the sizes chosen and the lines. */
typedef struct {
	GPtrArray *address;
	double address_size;
	double name_size;
} label_fit;

static gboolean
fit_label(doc *d, const gb_recipient *r, label_fit *fit, GPtrArray *errors)
{
	double width = LABEL_W - 2 * LABEL_PAD;
	static const double sizes[] = { 10, 9, 8, 7.5 };
	fit->address = NULL;
	for (guint i = 0; i < G_N_ELEMENTS(sizes) && !fit->address; i++) {
		fit->address = wrap(d, r->field[GB_RF_ADDRESS], sizes[i], width, 2);
		fit->address_size = sizes[i];
	}
	fit->name_size = 12;
	while (fit->name_size > 7.5 && text_width(d, r->field[GB_RF_NAME], fit->name_size) > width)
		fit->name_size -= 0.5;
	gboolean ok = TRUE;
	if (!fit->address) {
		g_ptr_array_add(errors, diag_text(DIAG_DIST_ADDRESS_TOO_LONG, r->field[GB_RF_ID],
		    r->field[GB_RF_ADDRESS]));
		ok = FALSE;
	}
	if (text_width(d, r->field[GB_RF_NAME], fit->name_size) > width) {
		g_ptr_array_add(errors, diag_text(DIAG_DIST_NAME_TOO_LONG, r->field[GB_RF_ID],
		    r->field[GB_RF_NAME]));
		ok = FALSE;
	}
	return ok;
}

static void
draw_label(doc *d, const gb_dist_issue *issue, const gb_recipient *r, label_fit *fit,
    double x, double y)
{
	/* the postal code in its six boxes, top left, as on a Chinese envelope */
	double bx = x + LABEL_PAD, by = y + MM(4), bw = MM(5.5), bh = MM(6.5);
	for (int i = 0; i < 6; i++) {
		draw_rect(d, bx, by, bw, bh, 0.6, -1);
		char digit[2] = { r->field[GB_RF_POSTAL_CODE][i], 0 };
		draw_text_centre(d, bx + bw / 2, by + bh - MM(1.6), 12, digit);
		bx += bw + MM(1.2);
	}
	draw_text_right(d, x + LABEL_W - LABEL_PAD, y + MM(8), 8, r->field[GB_RF_ID]);

	double line = y + MM(15.5);
	for (guint i = 0; i < fit->address->len; i++) {
		draw_text(d, x + LABEL_PAD, line, fit->address_size, fit->address->pdata[i]);
		line += fit->address_size * 1.3;
	}
	line = y + MM(25.5);
	draw_text(d, x + LABEL_PAD, line, fit->name_size, r->field[GB_RF_NAME]);
	line += MM(5);
	GString *who = g_string_new(NULL);
	if (*r->field[GB_RF_CONTACT])
		g_string_append_printf(who, "%s 收　", r->field[GB_RF_CONTACT]);
	g_string_append_printf(who, "电话 %s", r->field[GB_RF_PHONE]);
	double who_size = 9;
	while (who_size > 5 && text_width(d, who->str, who_size) > LABEL_W - 2 * LABEL_PAD)
		who_size -= 0.5;
	draw_text(d, x + LABEL_PAD, line, who_size, who->str);
	g_string_free(who, TRUE);

	char *what = g_strdup_printf("《%s》%s", issue->title, issue->issue_text);
	char *copies = g_strdup_printf("%d份", r->copies);
	double size = 7.5, room = LABEL_W - 2 * LABEL_PAD - text_width(d, copies, 8) - MM(3);
	while (size > 5 && text_width(d, what, size) > room)
		size -= 0.5;
	line = y + LABEL_H - MM(3);
	draw_text(d, x + LABEL_PAD, line, size, what);
	draw_text_right(d, x + LABEL_W - LABEL_PAD, line, 8, copies);
	g_free(copies);
	g_free(what);
}

gboolean
gb_dist_labels_pdf(const char *path, const char *font, const gb_dist_issue *issue,
    GPtrArray *paper, GPtrArray *errors, GError **error)
{
	doc d;
	if (!doc_open(&d, font, issue, error))
		return FALSE;
	label_fit *fits = g_new0(label_fit, paper->len + 1);
	gboolean fitted = TRUE;
	for (guint i = 0; i < paper->len; i++)
		fitted &= fit_label(&d, paper->pdata[i], &fits[i], errors);
	gboolean ok = FALSE;
	if (fitted) {
		for (guint i = 0; i < paper->len; i++) {
			if (i % 14 == 0)
				new_page(&d);
			double x = LABEL_LEFT + (i % 2) * LABEL_PITCH_X;
			double y = LABEL_TOP + ((i % 14) / 2) * LABEL_H;
			draw_label(&d, issue, paper->pdata[i], &fits[i], x, y);
		}
		if (paper->len == 0)
			new_page(&d);
		ok = doc_save(&d, path, error);
	} else {
		doc_free(&d);
	}
	for (guint i = 0; i < paper->len; i++)
		if (fits[i].address)
			g_ptr_array_unref(fits[i].address);
	g_free(fits);
	return ok;
}
