/* document.c — a gazette document as flow elements, in reading order:
 * section heading, title, 发文字号, links to its 解读, 主送机关, the body
 * blocks, the 落款 (before the attachments), the 版记. */
#include "document.h"

#include <string.h>

#include "figure.h"
#include "table.h"

/* The parser insists on a title, but a hand-written tree may lack it, and
 * an entry of the 目录 needs words to link. */
const char *
document_print_title(const gb_document *doc)
{
	const char *t = doc->fm.title.value;
	return t && *t ? t : "（无标题）";
}

static char *
with_colon(const char *to)
{
	if (g_str_has_suffix(to, "："))
		return g_strdup(to);
	if (g_str_has_suffix(to, ":"))
		return g_strdup_printf("%.*s：", (int)strlen(to) - 1, to);
	return g_strdup_printf("%s：", to);
}

/* 附件 / 附件1 / 附件：标题 / 附件1：标题 → the label and the title. */
static void
split_attachment(const char *text, char **label, char **title)
{
	const char *p = text + strlen("附件");
	while (*p && (g_ascii_isdigit(*p) || *p == '.' || *p == '-'))
		p++;
	*label = g_strndup(text, p - text);
	while (*p == ' ' || *p == ':')
		p++;
	if (g_str_has_prefix(p, "："))
		p += strlen("：");
	if (g_str_has_prefix(p, "　"))
		p += strlen("　");
	*title = *p ? g_strdup(p) : NULL;
}

static void
push_signature(ctx *c, GArray *els, const gb_document *doc)
{
	const gb_layout *L = c->L;
	const gb_docmeta *fm = &doc->fm;
	const char *issuer = fm->issuer.value;
	const char *date = fm->date_text.value ? fm->date_text.value : fm->date.value;
	const gb_style *st = &L->styles[GB_STYLE_SIGNATURE];
	/* GB/T 9704: the date right-aligned, [signature] indent characters in
	 * from the right edge; the issuer centred over the date */
	double right = L->body_width - st->indent * (st->size + st->tracking);
	tblock probe = { 0 };
	double dw = 0;
	if (date) {
		tb_set(c, &probe, st, date, 0, right, 0, GB_ALIGN_RIGHT, doc->file,
		    fm->date.line);
		dw = tb_count(&probe) ? cjk_line_width(probe.glyphs,
		    &g_array_index(probe.lines, gb_line, 0)) : 0;
		tb_clear(&probe);
	}
	if (issuer) {
		element *e = el_push(els, EL_TEXT);
		e->tag = "P";
		e->before = st->before;
		e->whole = TRUE;
		e->keep_next = date != NULL;
		tb_set(c, &probe, st, issuer, 0, L->body_width, 0, GB_ALIGN_LEFT, doc->file,
		    fm->issuer.line);
		double iw = tb_count(&probe) ? cjk_line_width(probe.glyphs,
		    &g_array_index(probe.lines, gb_line, 0)) : 0;
		tb_clear(&probe);
		double centre = date ? right - dw / 2 : right - iw / 2;
		double x = MAX(0, MIN(centre - iw / 2, L->body_width - iw));
		tb_set(c, &e->tb, st, issuer, x, MIN(iw + 0.5, L->body_width - x), 0,
		    GB_ALIGN_CENTER, doc->file, fm->issuer.line);
	}
	if (date) {
		element *d = el_push(els, EL_TEXT);
		d->tag = "P";
		d->whole = TRUE;
		d->before = issuer ? 0 : st->before;
		d->after = st->after;
		tb_set(c, &d->tb, st, date, 0, right, 0, GB_ALIGN_RIGHT, doc->file,
		    fm->date.line);
	}
}

/* The 落款 unless the document has `signature: none`, kept with the line
 * before it: no page holds the 落款 alone (GB/T 9704). */
static void
push_signoff(ctx *c, GArray *els, const gb_document *doc)
{
	if (!docmeta_signs_off(&doc->fm))
		return;
	element *last = els->len ? &g_array_index(els, element, els->len - 1) : NULL;
	if (last && last->kind == EL_TEXT)
		last->keep_next = TRUE;
	push_signature(c, els, doc);
}

static const gb_document *
find_doc(const ctx *c, const char *id)
{
	return id ? tree_find_document(c->tree, id) : NULL;
}

/* 第…章 or 第…节 at the start of a heading. */
static gboolean
is_chapter(const char *text)
{
	if (!text || !g_str_has_prefix(text, "第"))
		return FALSE;
	const char *p = text + strlen("第");
	for (int i = 0; i < 6 && *p; i++, p = g_utf8_next_char(p))
		if (g_str_has_prefix(p, "章") || g_str_has_prefix(p, "节") || g_str_has_prefix(p, "编"))
			return TRUE;
	return FALSE;
}

/* The section's heading before its first document, where the layout
 * has one; it carries the section's destination. */
static void
push_section_heading(ctx *c, GArray *els, const gb_document *doc, char **sec_dest)
{
	const gb_layout *L = c->L;
	element *e = el_push_text(c, els, GB_STYLE_SECTION, "H1", doc->section, doc->file, doc->line);
	e->keep_next = TRUE;
	e->rule_below = TRUE;
	e->rule_width = L->running_head_rule > 0 ? L->running_head_rule : 0.5;
	e->dest = *sec_dest;
	*sec_dest = NULL;
}

/* The title, centred in balanced lines, with the document's destination
 * (and the section's, SEC_DEST, taken over, when no heading took it). */
static void
push_title(ctx *c, GArray *els, const gb_document *doc, char *sec_dest)
{
	const gb_layout *L = c->L;
	const char *title = document_print_title(doc);
	const gb_style *ts = &L->styles[GB_STYLE_TITLE];
	element *t = el_push(els, EL_TEXT);
	t->tag = "Title";
	t->before = ts->before;
	t->after = ts->after;
	t->keep_next = TRUE;
	t->whole = TRUE;
	double inset = 2 * ts->size;
	tb_set(c, &t->tb, ts, title, inset / 2, L->body_width - inset, 0, GB_ALIGN_CENTER,
	    doc->file, doc->fm.title.line);
	if (title == doc->fm.title.value)
		tb_source(&t->tb, doc->id, doc->fm.title.line, 0, 0, 0, -1);
	tb_balance(&t->tb);
	t->dest = g_strdup_printf("doc-%s", doc->id);
	t->dest2 = sec_dest;
	t->title_doc = g_strdup(doc->id);
	t->title_text = g_strdup(title);
}

/* 发文字号 and validity under the title, kept with it. */
static void
push_number_and_validity(ctx *c, GArray *els, const gb_document *doc)
{
	const gb_docmeta *fm = &doc->fm;
	if (fm->number.value) {
		element *e = el_push_text(c, els, GB_STYLE_NUMBER, "P", fm->number.value, doc->file,
		    fm->number.line);
		tb_source(&e->tb, doc->id, fm->number.line, 0, 0, 0, -1);
		e->keep_next = e->whole = TRUE;
	}
	if (fm->validity.value) {
		char *v = g_strdup_printf("（%s）", fm->validity.value);
		element *e = el_push_text(c, els, GB_STYLE_VALIDITY, "P", v, doc->file,
		    fm->validity.line);
		e->keep_next = e->whole = TRUE;
		g_free(v);
	}
}

/* A centred line naming a related document, linked to LINK_ID if given. */
static element *
push_related(ctx *c, GArray *els, const gb_document *doc, const char *text, int line,
    const char *link_id)
{
	element *e = el_push_text(c, els, GB_STYLE_RELATED, "P", text, doc->file, line);
	e->tb.align = GB_ALIGN_CENTER;
	tb_balance(&e->tb);
	e->keep_next = e->whole = TRUE;
	if (link_id)
		e->link = g_strdup_printf("doc-%s", link_id);
	return e;
}

/* 政策解读 and the document it interprets point at each other: the same
 * words in both editions, the link an area over them. */
static void
push_interpretation_links(ctx *c, GArray *els, const gb_document *doc)
{
	const gb_docmeta *fm = &doc->fm;
	if (fm->interprets.value) {
		const char *it = fm->interprets_title.value, *iid = fm->interprets_id.value;
		const char *where = fm->interprets_where.value, *uri = fm->interprets_uri.value;
		char *bt = it ? cjk_book_title(it) : NULL;
		/* a document of an earlier issue: where it was published, 本刊2026年第5期第12页 */
		char *s = bt && where ? g_strdup_printf("解读文件：%s（%s，%s）", bt,
			fm->interprets.value, where)
		    : bt ? g_strdup_printf("解读文件：%s（%s）", bt, fm->interprets.value)
		    : g_strdup_printf("解读文件：%s", fm->interprets.value);
		g_free(bt);
		element *e = push_related(c, els, doc, s, fm->interprets.line,
		    iid && find_doc(c, iid) ? iid : NULL);
		/* … its file beside this (FORMATS.md: a link to a URI) */
		if (!e->link && where && uri && *uri)
			e->link = g_strdup_printf("uri:%s", uri);
		g_free(s);
	}
	for (guint i = 0; fm->interpreted_by && i < fm->interpreted_by->len; i++) {
		const gb_document *by = find_doc(c, fm->interpreted_by->pdata[i]);
		if (!by)
			continue;
		char *bt = cjk_book_title(by->fm.title.value ? by->fm.title.value : by->id);
		char *s = g_strdup_printf("相关解读：%s", bt);
		g_free(bt);
		push_related(c, els, doc, s, doc->line, by->id);
		g_free(s);
	}
}

/* The title and what stands between it and the body. */
static void
push_head(ctx *c, GArray *els, const gb_document *doc, char *sec_dest)
{
	push_title(c, els, doc, sec_dest);
	push_number_and_validity(c, els, doc);
	push_interpretation_links(c, els, doc);
	const gb_fm_value *to = &doc->fm.to;
	if (to->value) {
		char *s = with_colon(to->value);
		element *e = el_push_text(c, els, GB_STYLE_ADDRESSEE, "P", s, doc->file, to->line);
		tb_source(&e->tb, doc->id, to->line, 0, 0, 0, (int)g_utf8_strlen(to->value, -1));
		e->keep_next = TRUE;
		g_free(s);
	}
}

static void
push_heading(ctx *c, GArray *els, const gb_document *doc, const gb_block *b)
{
	static const gb_style_id heading_style[] = { GB_STYLE_H1, GB_STYLE_H2, GB_STYLE_H3, GB_STYLE_H4 };
	/* the title is the document's H1 (PDF/UA: no level skipped) */
	static const char *const heading_tag[] = { "H2", "H3", "H4", "H5" };
	const gb_layout *L = c->L;
	int lv = CLAMP(b->level, 1, 4) - 1;
	element *e = el_push_text(c, els, heading_style[lv], heading_tag[lv], b->text,
	    doc->file, b->line);
	tb_source(&e->tb, doc->id, b->line, 0, 0, 0, -1);
	e->keep_next = TRUE;
	notes_anchor(c, e, doc, b, 0);
	/* 第一章　总则, 第二节　…: the chapters of a regulation stand
	 * centred, as they do in print */
	if (lv == 0 && is_chapter(b->text)) {
		e->tb.align = GB_ALIGN_CENTER;
		e->tb.indent = 0;
		cjk_break(e->tb.glyphs, L->body_width, L->body_width, e->tb.lines);
	}
}

/* A block whose words link to a file (the tree's `link`: the annual
 * index's entries) is a link over its lines (the page list's uri:). */
static void
block_link(element *e, const gb_block *b)
{
	if (b->uri)
		e->link = g_strdup_printf("uri:%s", b->uri);
}

static void
push_item(ctx *c, GArray *els, const gb_document *doc, const gb_block *b, const void *list)
{
	const char *sep = b->marker && g_ascii_isdigit(b->marker[0]) ? "" : " ";
	char *s = g_strdup_printf("%s%s%s", b->marker ? b->marker : "", sep,
	    b->text ? b->text : "");
	element *e = el_push_text(c, els, GB_STYLE_ITEM, "LBody", s, doc->file, b->line);
	/* consecutive items are one list: L → LI → LBody */
	e->wrap = "LI";
	e->group = "L";
	e->owner = list;
	notes_anchor(c, e, doc, b, (int)(strlen(s) - strlen(b->text ? b->text : "")));
	/* the marker is the typesetter's, the text the block's */
	tb_source(&e->tb, doc->id, b->line, 0,
	    (int)(g_utf8_strlen(b->marker ? b->marker : "", -1) + g_utf8_strlen(sep, -1)), 0, -1);
	block_link(e, b);
	g_free(s);
}

/* An attachment starts a new page: its label, then its title. */
static void
push_attachment(ctx *c, GArray *els, const gb_document *doc, const gb_block *b)
{
	char *label, *atitle;
	split_attachment(b->text ? b->text : "附件", &label, &atitle);
	el_push(els, EL_BREAK);
	element *e = el_push_text(c, els, GB_STYLE_ATTACHMENT_LABEL, "P", label, doc->file, b->line);
	if (b->text)
		tb_source(&e->tb, doc->id, b->line, 0, 0, 0, -1);
	e->keep_next = TRUE;
	if (atitle) {
		e = el_push_text(c, els, GB_STYLE_ATTACHMENT_TITLE, "H2", atitle, doc->file, b->line);
		/* the title is the end of the block's text */
		tb_source(&e->tb, doc->id, b->line, 0, 0,
		    (int)(g_utf8_strlen(b->text, -1) - g_utf8_strlen(atitle, -1)), -1);
		tb_balance(&e->tb);
		e->keep_next = TRUE;
		e->whole = TRUE;
	}
	g_free(label);
	g_free(atitle);
}

/* The body blocks.  GB/T 9704: the 落款 closes the body; the attachments
 * follow it, each on a new page, and the 版记 comes after them. */
static void
push_body(ctx *c, GArray *els, const gb_document *doc)
{
	gboolean signed_off = FALSE;
	const void *list = NULL;
	for (guint i = 0; i < doc->blocks->len; i++) {
		const gb_block *b = doc->blocks->pdata[i];
		if (b->kind == GB_BLOCK_ATTACHMENT && !signed_off) {
			push_signoff(c, els, doc);
			notes_push(c, els, doc);
			signed_off = TRUE;
		}
		switch (b->kind) {
		case GB_BLOCK_PARA: {
			element *e = el_push_text(c, els, GB_STYLE_BODY, "P", b->text, doc->file,
			    b->line);
			notes_anchor(c, e, doc, b, 0);
			tb_source(&e->tb, doc->id, b->line, 0, 0, 0, -1);
			block_link(e, b);
			break;
		}
		case GB_BLOCK_HEADING:
			push_heading(c, els, doc, b);
			break;
		case GB_BLOCK_ITEM:
			/* the list is named by its first item */
			if (i == 0 || ((const gb_block *)doc->blocks->pdata[i - 1])->kind
			    != GB_BLOCK_ITEM)
				list = b;
			push_item(c, els, doc, b, list);
			break;
		case GB_BLOCK_ATTACHMENT:
			push_attachment(c, els, doc, b);
			break;
		case GB_BLOCK_TABLE:
			if (!figure_wide_table(c, els, doc, b))
				table_push(c, els, doc, b);
			break;
		case GB_BLOCK_IMAGE:
			figure_push(c, els, doc, b);
			break;
		case GB_BLOCK_NOTE:	/* with the notes, after the 落款 */
			break;
		}
	}
	if (!signed_off) {
		push_signoff(c, els, doc);
		notes_push(c, els, doc);
	}
}

/* The 版记 (抄送) between two rules. */
static void
push_banji(ctx *c, GArray *els, const gb_document *doc)
{
	const gb_layout *L = c->L;
	const gb_fm_value *cc = &doc->fm.cc;
	if (!cc->value)
		return;
	const gb_style *bs = &L->styles[GB_STYLE_BANJI];
	char *s = g_strdup_printf("抄送：%s", cc->value);
	element *e = el_push(els, EL_TEXT);
	e->tag = "P";
	e->before = bs->before;
	e->after = bs->after;
	e->whole = TRUE;
	e->rule_above = e->rule_below = TRUE;
	e->rule_width = L->banji_rule;
	/* GB/T 9704: the 版记 ends on the last line of the last page */
	e->at_foot = L->document_new_page;
	/* 版记: one character in from either side, a second line under the
	 * first character after the colon (GB/T 9704) */
	double em = bs->size + bs->tracking;
	tb_set(c, &e->tb, bs, s, 4 * em, L->body_width - 5 * em, -3, GB_ALIGN_JUSTIFY,
	    doc->file, cc->line);
	g_free(s);
}

void
document_elements(ctx *c, GArray *els, const gb_document *doc, gboolean first_in_section,
    int section_no, gboolean first_doc)
{
	const gb_layout *L = c->L;
	char *sec_dest = first_in_section ? g_strdup_printf("sec-%d", section_no) : NULL;
	if (!first_doc && L->document_new_page)
		el_push(els, EL_BREAK);
	if (first_in_section && L->section_heading)
		push_section_heading(c, els, doc, &sec_dest);
	push_head(c, els, doc, sec_dest);
	push_body(c, els, doc);
	push_banji(c, els, doc);
}
