/* furniture.c — what stands around the documents: a body page's running
 * head and folio, the 目录 as flow elements, the cover with its 本期要目,
 * and the back page with the colophon. */
#include "furniture.h"

#include <string.h>

#include "document.h"

static char *
folio_text(const gb_layout *L, int folio)
{
	char num[16];
	g_snprintf(num, sizeof num, "%d", folio);
	GString *s = g_string_new("");
	const char *p = strstr(L->folio_format, "%s");
	g_string_append_len(s, L->folio_format, p - L->folio_format);
	g_string_append(s, num);
	g_string_append(s, p + 2);
	return g_string_free(s, FALSE);
}

/* Running head and folio of a body page; artifacts, not content. */
void
furniture_body_page(flow *f, int folio)
{
	ctx *c = f->c;
	const gb_layout *L = c->L;
	gboolean recto = folio % 2 != 0;
	if (L->running_head) {
		const gb_style *st = &L->styles[GB_STYLE_RUNNING_HEAD];
		double top = f->top - L->running_head_gap - st->pitch / 2 - 0.38 * st->size;
		page_begin(c->out, f->page, "Artifact");
		/* the gazette's title on the outer side, the issue on the inner */
		tb_draw(c, f->page, st, recto ? c->issue_short : c->gazette_title, f->x0, 0,
		    L->body_width, GB_ALIGN_LEFT, top, NULL);
		tb_draw(c, f->page, st, recto ? c->gazette_title : c->issue_short, f->x0, 0,
		    L->body_width, GB_ALIGN_RIGHT, top, NULL);
		if (L->running_head_rule > 0) {
			double ry = f->top - L->running_head_gap + 0.4 * st->size;
			page_add_rule(c->out, f->page, f->x0, ry, f->x0 + L->body_width, ry,
			    L->running_head_rule, 0);
		}
		page_end(c->out, f->page, "Artifact");
	}
	const gb_style *st = &L->styles[GB_STYLE_FOLIO];
	char *text = folio_text(L, folio);
	double inset = L->folio_inset * st->size;
	double top = f->top + L->body_height + L->folio_gap - st->pitch / 2 - 0.38 * st->size;
	page_begin(c->out, f->page, "Artifact");
	tb_draw(c, f->page, st, text, f->x0, recto ? 0 : inset, L->body_width - inset,
	    recto ? GB_ALIGN_RIGHT : GB_ALIGN_LEFT, top, NULL);
	page_end(c->out, f->page, "Artifact");
	g_free(text);
}


/* --- the 目录 ------------------------------------------------------------- */

void
furniture_toc(ctx *c, GArray *els)
{
	const gb_layout *L = c->L;
	element *h = el_push_text(c, els, GB_STYLE_TOC_HEADING, "H1", "目　录", c->ini, 1);
	h->tb.align = GB_ALIGN_CENTER;
	h->keep_next = TRUE;
	static const int toc_owner;	/* the TOC group: one for the whole 目录 */
	for (guint s = 0; s < c->tree->sections->len; s++) {
		const gb_section *sec = c->tree->sections->pdata[s];
		if (sec->documents->len == 0)
			continue;
		element *e = el_push_text(c, els, GB_STYLE_TOC_SECTION, "P", sec->name, c->ini, 1);
		e->wrap = "TOCI";
		e->group = "TOC";
		e->owner = &toc_owner;
		e->keep_next = TRUE;
		e->whole = TRUE;
		for (guint d = 0; d < sec->documents->len; d++) {
			const gb_document *doc = sec->documents->pdata[d];
			const char *title = document_print_title(doc);
			const char *folio = g_hash_table_lookup(c->folios, doc->id);
			const gb_style *st = &L->styles[GB_STYLE_TOC_ENTRY];
			const gb_style *ns = &L->styles[GB_STYLE_TOC_NOTE];
			element *t = el_push(els, EL_TOC);
			t->group = "TOC";
			t->owner = &toc_owner;
			t->title_doc = g_strdup(doc->id);
			t->title_text = g_strdup(title);
			t->folio = g_strdup(folio ? folio : "?");
			t->link = g_strdup_printf("doc-%s", doc->id);
			double em = st->size + st->tracking;
			/* room on the right for the leaders and the folio: the
			 * last line of a long title keeps them */
			double folio_room = 4 * em;
			tb_set(c, &t->tb, st, t->title_text, em, L->body_width - em - folio_room,
			    0, GB_ALIGN_LEFT, doc->file, doc->fm.title.line);
			const char *number = doc->fm.number.value;
			const char *validity = L->toc_validity ? doc->fm.validity.value : NULL;
			if (number || validity) {
				char *note = g_strdup_printf("%s%s%s%s%s", number ? number : "",
				    number && validity ? "　" : "", validity ? "（" : "",
				    validity ? validity : "", validity ? "）" : "");
				tb_set(c, &t->note, ns, note, 2 * em, L->body_width - 2 * em - folio_room,
				    0, GB_ALIGN_LEFT, doc->file, number ? doc->fm.number.line : doc->fm.validity.line);
				g_free(note);
			}
		}
	}
}

/* --- cover and colophon --------------------------------------------------- */

/* 本期要目 on the cover between TOP and BOTTOM: the sections and their
 * documents' titles, as many as fit, in a ruled box. */
static void
cover_contents(ctx *c, gb_page *p, double x0, double top, double bottom)
{
	const gb_layout *L = c->L;
	const gb_style *hs = &L->styles[GB_STYLE_TOC_SECTION];
	const gb_style *es = &L->styles[GB_STYLE_TOC_ENTRY];
	double pad = es->size * 2, w = L->body_width;
	double y = top + pad;
	if (y + 3 * hs->pitch + es->pitch > bottom)
		return;
	double box_top = top;
	/* under the cover's H1, the gazette's title */
	y = tb_draw(c, p, hs, "本期要目", x0, 0, w, GB_ALIGN_CENTER, y, "H2");
	y += es->pitch / 2;
	for (guint s = 0; s < c->tree->sections->len; s++) {
		const gb_section *sec = c->tree->sections->pdata[s];
		if (!sec->documents->len)
			continue;
		if (y + hs->pitch + es->pitch > bottom - pad)
			break;
		y = tb_draw(c, p, hs, sec->name, x0, pad, w - 2 * pad, GB_ALIGN_LEFT, y, "P");
		for (guint d = 0; d < sec->documents->len; d++) {
			const gb_document *doc = sec->documents->pdata[d];
			const char *title = doc->fm.title.value;
			tblock tb = { 0 };
			tb_set(c, &tb, es, title ? title : "", 0, w - 4 * pad, 0, GB_ALIGN_LEFT,
			    doc->file, doc->fm.title.line);
			int n = tb_count(&tb);
			tb_clear(&tb);
			if (y + n * es->pitch > bottom - pad)
				break;
			y = tb_draw(c, p, es, title ? title : "", x0, 2 * pad, w - 4 * pad,
			    GB_ALIGN_LEFT, y, "P");
		}
	}
	y += pad / 2;
	page_begin(c->out, p, "Artifact");
	page_add_rule(c->out, p, x0, box_top, x0 + w, box_top, 0.75, 0);
	page_add_rule(c->out, p, x0, y, x0 + w, y, 0.75, 0);
	page_end(c->out, p, "Artifact");
}

void
furniture_cover(ctx *c)
{
	const gb_layout *L = c->L;
	gb_page *p = pages_add_page(c->out, GB_PAGE_COVER, "封面", NULL);
	double x0 = L->margin_inner, w = L->body_width;
	const gb_style *ts = &L->styles[GB_STYLE_COVER_TITLE];
	double y = L->margin_top + L->body_height * 0.12;
	y = tb_draw(c, p, ts, c->gazette_title, x0, 0, w, GB_ALIGN_CENTER, y, "Title");
	/* two rules, heavy over light, as gazette covers have them */
	y += ts->pitch / 3;
	tb_rule(c, p, x0, y, x0 + w, y, 2.5);
	tb_rule(c, p, x0, y + 4, x0 + w, y + 4, 0.75);
	y += ts->pitch / 2;
	const char *year = tree_issue(c->tree, "year"), *number = tree_issue(c->tree, "number");
	const char *cum = tree_issue(c->tree, "cumulative");
	const char *own = tree_issue(c->tree, "title");
	char *issue = own ? g_strdup(own)
	    : g_strdup_printf("%s年 第%s期%s%s%s", year ? year : "", number ? number : "",
		cum ? "（总第" : "", cum ? cum : "", cum ? "期）" : "");
	y = tb_draw(c, p, &L->styles[GB_STYLE_COVER_ISSUE], issue, x0, 0, w, GB_ALIGN_CENTER,
	    y, "P");
	g_free(issue);
	const gb_style *ls = &L->styles[GB_STYLE_COVER_LINE];
	if (c->date_text) {
		char *d = g_strdup_printf("%s出版", c->date_text);
		y = tb_draw(c, p, ls, d, x0, 0, w, GB_ALIGN_CENTER, y, "P");
		g_free(d);
	}
	const char *publisher = tree_gazette(c->tree, "publisher");
	const char *serial = tree_gazette(c->tree, "serial");
	double foot = L->margin_top + L->body_height - 3 * ls->pitch;
	cover_contents(c, p, x0, y + 2 * ls->pitch, foot - ls->pitch);
	/* publisher and serial at the foot */
	if (publisher) {
		char *s = g_strdup_printf("%s　主办", publisher);
		tb_draw(c, p, ls, s, x0, 0, w, GB_ALIGN_CENTER, foot, "P");
		g_free(s);
	}
	if (serial)
		tb_draw(c, p, ls, serial, x0, 0, w, GB_ALIGN_CENTER, foot + ls->pitch, "P");
}

void
furniture_back(ctx *c)
{
	const gb_layout *L = c->L;
	/* the back of the last sheet: its inner margin is on the right */
	gb_page *p = pages_add_page(c->out, GB_PAGE_BACK, "封底", NULL);
	double x0 = L->margin_outer, w = L->body_width;
	const gb_style *cs = &L->styles[GB_STYLE_COLOPHON];
	const gb_style *hs = &L->styles[GB_STYLE_COLOPHON_TITLE];
	const char *keys[][2] = {
		{ "编　　辑：", "editor" }, { "出版单位：", "publisher" },
		{ "地　　址：", "address" }, { "国内统一刊号：", "serial" },
	};
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(lines, g_strdup_printf("%s　%s出版", c->issue_long, c->date_text ? c->date_text : ""));
	for (guint i = 0; i < G_N_ELEMENTS(keys); i++) {
		const char *v = tree_gazette(c->tree, keys[i][1]);
		if (v)
			g_ptr_array_add(lines, g_strdup_printf("%s%s", keys[i][0], v));
	}
	if (c->date_text)
		g_ptr_array_add(lines, g_strdup_printf("印刷日期：%s", c->date_text));
	const char *range = tree_gazette(c->tree, "distribution");
	g_ptr_array_add(lines, g_strdup_printf("发放范围：%s", range ? range
	    : "本市各级国家机关、档案馆、公共图书馆、政务服务大厅及政府信息公开查阅点"));
	g_ptr_array_add(lines, g_strdup("本刊纸质版与电子版同步发行，电子版可在本级政府门户网站查阅、下载。"));
	const char *signer = tree_issue(c->tree, "signer");
	if (signer && tree_issue(c->tree, "signer-test"))
		g_ptr_array_add(lines, g_strdup_printf("本期电子版为测试签名：签名证书“%s”仅供测试，"
		    "不具效力。签名可在 PDF 阅读器的签名面板中查看，或以命令 pdfsig web.pdf 核验。", signer));
	else if (signer)
		g_ptr_array_add(lines, g_strdup_printf("本期电子版由%s数字签名。读者可在 PDF 阅读器的"
		    "签名面板中核验签名，或以命令 pdfsig web.pdf 核验；文件如有改动，签名即失效。", signer));

	double inner = 2 * cs->size;
	double height = hs->pitch + hs->after + inner;
	for (guint i = 0; i < lines->len; i++) {
		tblock tb = { 0 };
		tb_set(c, &tb, cs, lines->pdata[i], 0, w - 2 * inner, 0, GB_ALIGN_LEFT, c->ini, 1);
		height += tb_count(&tb) * cs->pitch;
		tb_clear(&tb);
	}
	double top = L->margin_top + L->body_height - height - inner;
	page_begin(c->out, p, "Artifact");
	page_add_rule(c->out, p, x0, top, x0 + w, top, 1, 0);
	page_add_rule(c->out, p, x0, top + height + inner, x0 + w, top + height + inner, 1, 0);
	page_end(c->out, p, "Artifact");
	char *head = g_strdup_printf("《%s》", c->gazette_title);
	double y = tb_draw(c, p, hs, head, x0, 0, w, GB_ALIGN_CENTER, top + inner, "H1");
	g_free(head);
	y += hs->after;
	for (guint i = 0; i < lines->len; i++)
		y = tb_draw(c, p, cs, lines->pdata[i], x0, inner, w - 2 * inner, GB_ALIGN_LEFT, y, "P");
	g_ptr_array_free(lines, TRUE);
}
