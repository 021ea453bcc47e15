/* links.c — the 目录, links and bookmarks group of gongbao-check: each 目录
 * folio is the folio of its document's title, each title stands on its page,
 * and in the web edition every link and bookmark goes to the page the page
 * list says. */
#include "checker.h"

#include <string.h>

/* --- destinations ------------------------------------------------------------ */

/* The page of a destination, 1-based, or 0 if it names none. */
static int
dest_page_num(PopplerDocument *doc, PopplerDest *d)
{
	if (!d)
		return 0;
	if (d->type == POPPLER_DEST_NAMED) {
		PopplerDest *r = d->named_dest ? poppler_document_find_dest(doc, d->named_dest) : NULL;
		int n = r ? r->page_num : 0;
		if (r)
			poppler_dest_free(r);
		return n;
	}
	return d->page_num;
}

static int
action_page(PopplerDocument *doc, PopplerAction *a)
{
	if (!a || a->type != POPPLER_ACTION_GOTO_DEST)
		return -1;
	return dest_page_num(doc, a->goto_dest.dest);
}

/* The title of document DOC as the 目录 names it, for messages. */
static const char *
toc_title_of(const gb_page *p, const char *dest)
{
	for (guint k = 0; k < p->items->len; k++) {
		const gb_item *it = page_item(p, k);
		if (it->kind == GB_ITEM_TOC && g_str_has_prefix(dest, "doc-")
		    && strcmp(dest + 4, it->doc) == 0)
			return it->text;
	}
	return NULL;
}

/* What a destination is called where an editor sees it: its bookmark's
 * title, else the title of its document, else its name. */
static const char *
dest_title(const checker *ck, const char *dest)
{
	const gb_pages *pl = ck->pages;
	for (guint k = 0; k < pl->outline->len; k++) {
		const gb_outline *o = &g_array_index(pl->outline, gb_outline, k);
		if (strcmp(o->dest, dest) == 0)
			return o->title;
	}
	gpointer li;
	if (g_str_has_prefix(dest, "doc-")
	    && g_hash_table_lookup_extended(ck->title_page, dest + 4, NULL, &li)) {
		const gb_page *p = pages_page(pl, (guint)GPOINTER_TO_INT(li));
		for (guint k = 0; k < p->items->len; k++) {
			const gb_item *it = page_item(p, k);
			if (it->kind == GB_ITEM_TITLE && strcmp(it->doc, dest + 4) == 0)
				return it->text;
		}
	}
	return dest;
}

/* --- the links of a page ----------------------------------------------------------- */

typedef struct {
	rect area;		/* y down, on the trim */
	int page;		/* 1-based target in the PDF, 0 none, -1 not a go-to */
	char *uri;		/* a link out of the PDF: its URI, else NULL */
	gboolean used;
} pdf_link;

/* The go-to links of PAGE (height H) in E, their areas on the trim (y down)
 * whose top left corner is at OFFX, OFFY. */
static GArray *
links_of_page(edition *e, PopplerPage *page, double h, double offx, double offy)
{
	GList *maps = poppler_page_get_link_mapping(page);
	GArray *links = g_array_new(FALSE, FALSE, sizeof(pdf_link));
	for (GList *m = maps; m; m = m->next) {
		PopplerLinkMapping *lm = m->data;
		pdf_link l = { { lm->area.x1 - offx, h - lm->area.y2 - offy, lm->area.x2 - offx,
			h - lm->area.y1 - offy }, action_page(e->doc, lm->action), NULL, FALSE };
		if (lm->action && lm->action->type == POPPLER_ACTION_URI && lm->action->uri.uri)
			l.uri = g_strdup(lm->action->uri.uri);
		g_array_append_val(links, l);
	}
	poppler_page_free_link_mapping(maps);
	return links;
}

/* The link item IT of list page P: a link of the PDF at its place, to the
 * page of its destination.  The link found is marked used. */
static void
verify_listed_link(checker *ck, edition *e, int i, const char *where, const gb_page *p,
    const gb_item *it, GArray *links)
{
	const char *toc = toc_title_of(p, it->text);
	char *what = toc ? g_strdup_printf("目录中“%s”的链接", toc)
	    : g_strdup_printf("到“%s”的链接", dest_title(ck, it->text));
	pdf_link *found = NULL;
	for (guint j = 0; j < links->len && !found; j++) {
		pdf_link *l = &g_array_index(links, pdf_link, j);
		double cx = (l->area.x0 + l->area.x1) / 2, cy = (l->area.y0 + l->area.y1) / 2;
		if (!l->used && cx >= MIN(it->x, it->x1) - 2 && cx <= MAX(it->x, it->x1) + 2
		    && cy >= MIN(it->y, it->y1) - 2 && cy <= MAX(it->y, it->y1) + 2)
			found = l;
	}
	/* a link out of the PDF (uri:…): a URI action with that URI */
	const char *uri = pages_link_uri(it->text);
	if (uri) {
		if (!found)
			fail(ck, GB_CHECK_LINKS, e->file, i + 1, where, DIAG_CHECK_LINK_MISSING, what);
		else if (!found->uri || strcmp(found->uri, uri) != 0)
			fail(ck, GB_CHECK_LINKS, e->file, i + 1, where, DIAG_CHECK_LINK_URI, what,
			    found->uri ? found->uri : "（非URI链接）");
		if (found)
			found->used = TRUE;
		g_free(what);
		return;
	}
	gpointer target = NULL;
	gboolean known = g_hash_table_lookup_extended(ck->dest_page, it->text, NULL, &target);
	int want = known ? pdf_index(e, GPOINTER_TO_INT(target)) + 1 : 0;
	if (!found) {
		fail(ck, GB_CHECK_LINKS, e->file, i + 1, where, DIAG_CHECK_LINK_MISSING, what);
	} else {
		found->used = TRUE;
		if (found->page != want) {
			char *wt = known ? where_list_index(ck, e, GPOINTER_TO_INT(target)) : g_strdup("?");
			if (found->page > 0) {
				char *gt = where_pdf_page(ck, e, found->page - 1);
				fail(ck, GB_CHECK_LINKS, e->file, i + 1, where, DIAG_CHECK_LINK_WRONG,
				    what, gt, wt);
				g_free(gt);
			} else {
				fail(ck, GB_CHECK_LINKS, e->file, i + 1, where,
				    DIAG_CHECK_LINK_NO_TARGET, what, wt);
			}
			g_free(wt);
		}
	}
	g_free(what);
}

/* Every 目录 line of list page P is a link to its document in the web
 * edition; where the page list has that link, verify_listed_link has
 * checked it. */
static void
verify_toc_links(checker *ck, edition *e, int i, const char *where, const gb_page *p,
    const GArray *links)
{
	for (guint k = 0; k < p->items->len; k++) {
		const gb_item *it = page_item(p, k);
		if (it->kind != GB_ITEM_TOC)
			continue;
		gpointer target;
		if (!g_hash_table_lookup_extended(ck->title_page, it->doc, NULL, &target))
			continue;	/* reported by verify_toc */
		gboolean listed = FALSE;
		for (guint j = 0; j < p->items->len && !listed; j++) {
			const gb_item *l = page_item(p, j);
			listed = l->kind == GB_ITEM_LINK && g_str_has_prefix(l->text, "doc-")
			    && strcmp(l->text + 4, it->doc) == 0;
		}
		if (listed)
			continue;
		int want = pdf_index(e, GPOINTER_TO_INT(target)) + 1;
		gboolean has = FALSE;
		for (guint j = 0; j < links->len && !has; j++)
			has = g_array_index(links, pdf_link, j).page == want;
		if (!has)
			fail(ck, GB_CHECK_LINKS, e->file, i + 1, where, DIAG_CHECK_TOC_NO_LINK,
			    it->text, want);
	}
}

void
verify_links(checker *ck, edition *e, int i, int li, const char *where, PopplerPage *page,
    double h, double offx, double offy)
{
	const gb_page *p = pages_page(ck->pages, (guint)li);
	GArray *links = links_of_page(e, page, h, offx, offy);
	for (guint k = 0; k < p->items->len; k++) {
		const gb_item *it = page_item(p, k);
		if (it->kind == GB_ITEM_LINK)
			verify_listed_link(ck, e, i, where, p, it, links);
	}
	for (guint j = 0; j < links->len; j++) {
		pdf_link *l = &g_array_index(links, pdf_link, j);
		if (l->used || l->page < 0)
			continue;
		char *gt = l->page > 0 ? where_pdf_page(ck, e, l->page - 1) : g_strdup("无效目标");
		fail(ck, GB_CHECK_LINKS, e->file, i + 1, where, DIAG_CHECK_LINK_EXTRA, gt);
		g_free(gt);
	}
	verify_toc_links(ck, e, i, where, p, links);
	for (guint j = 0; j < links->len; j++)
		g_free(g_array_index(links, pdf_link, j).uri);
	g_array_free(links, TRUE);
}

/* --- titles ------------------------------------------------------------------------ */

/* The text without whitespace, for finding a title on the page. */
static char *
squeeze(const char *s)
{
	GString *out = g_string_new(NULL);
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (!g_unichar_isspace(c))
			g_string_append_unichar(out, c);
	}
	return g_string_free(out, FALSE);
}

/* The page list's text of page P in painting order, without whitespace. */
static char *
list_text(const gb_page *p)
{
	GString *s = g_string_new(NULL);
	for (guint k = 0; k < p->items->len; k++) {
		const gb_item *it = page_item(p, k);
		if (it->kind == GB_ITEM_TEXT)
			for (const char *c = it->text; *c; c = g_utf8_next_char(c))
				if (!g_unichar_isspace(g_utf8_get_char(c)))
					g_string_append_unichar(s, g_utf8_get_char(c));
	}
	return g_string_free(s, FALSE);
}

/* Every document title the page list puts on the page is in its text: in
 * the text as poppler orders it, or, where poppler orders the lines of a
 * title otherwise (a title beside other text), in the page list's text of a
 * page whose characters all stand where the page list put them. */
void
verify_titles(checker *ck, edition *e, int i, int li, const char *where, const page_text *t,
    gboolean text_ok)
{
	const gb_page *p = pages_page(ck->pages, (guint)li);
	char *text = NULL, *listed = NULL;
	for (guint k = 0; k < p->items->len; k++) {
		const gb_item *it = page_item(p, k);
		if (it->kind != GB_ITEM_TITLE)
			continue;
		if (!text) {
			text = squeeze(t->text);
			listed = text_ok ? list_text(p) : g_strdup("");
		}
		char *title = squeeze(it->text);
		if (!strstr(text, title) && !strstr(listed, title))
			fail(ck, GB_CHECK_LINKS, e->file, i + 1, where, DIAG_CHECK_TITLE_ABSENT, it->text);
		g_free(title);
	}
	g_free(text);
	g_free(listed);
}

/* --- the 目录 ---------------------------------------------------------------------- */

/* 目录 entries against the page list itself: each entry's folio is the
 * folio of the page that carries the document's title. */
void
verify_toc(checker *ck)
{
	const gb_pages *pl = ck->pages;
	for (guint i = 0; i < pl->pages->len; i++) {
		const gb_page *p = pages_page(pl, i);
		for (guint k = 0; k < p->items->len; k++) {
			const gb_item *it = page_item(p, k);
			if (it->kind != GB_ITEM_TOC)
				continue;
			char *where = where_list_page(p, (int)i + 1);
			gpointer target;
			if (!g_hash_table_lookup_extended(ck->title_page, it->doc, NULL, &target)) {
				fail(ck, GB_CHECK_LINKS, FILE_LIST, (int)i + 1, where,
				    DIAG_CHECK_TOC_NO_TITLE, it->text, it->doc);
			} else {
				const gb_page *tp = pages_page(pl, (guint)GPOINTER_TO_INT(target));
				if (g_strcmp0(tp->folio, it->folio) != 0) {
					char *tw = where_list_page(tp, tp->number);
					fail(ck, GB_CHECK_LINKS, FILE_LIST, (int)i + 1, where,
					    DIAG_CHECK_TOC_FOLIO, it->text, it->folio, tw);
					g_free(tw);
				}
			}
			g_free(where);
		}
	}
}

/* --- bookmarks --------------------------------------------------------------------- */

typedef struct {
	int level;
	char *title;
	int page;
} bookmark;

static void
collect_bookmarks(PopplerDocument *doc, PopplerIndexIter *it, int level, GArray *out)
{
	do {
		PopplerAction *a = poppler_index_iter_get_action(it);
		bookmark b = { level, g_strdup(a && a->any.title ? a->any.title : ""),
			action_page(doc, a) };
		g_array_append_val(out, b);
		if (a)
			poppler_action_free(a);
		PopplerIndexIter *child = poppler_index_iter_get_child(it);
		if (child) {
			collect_bookmarks(doc, child, level + 1, out);
			poppler_index_iter_free(child);
		}
	} while (poppler_index_iter_next(it));
}

void
verify_outline(checker *ck, edition *e)
{
	const gb_pages *pl = ck->pages;
	GArray *marks = g_array_new(FALSE, FALSE, sizeof(bookmark));
	PopplerIndexIter *it = poppler_index_iter_new(e->doc);
	if (it) {
		collect_bookmarks(e->doc, it, 1, marks);
		poppler_index_iter_free(it);
	}
	guint n = MIN(marks->len, pl->outline->len);
	for (guint k = 0; k < n; k++) {
		const gb_outline *o = &g_array_index(pl->outline, gb_outline, k);
		const bookmark *b = &g_array_index(marks, bookmark, k);
		gpointer target = NULL;
		gboolean known = g_hash_table_lookup_extended(ck->dest_page, o->dest, NULL, &target);
		int want = known ? pdf_index(e, GPOINTER_TO_INT(target)) + 1 : 0;
		if (strcmp(b->title, o->title) != 0) {
			fail(ck, GB_CHECK_LINKS, e->file, 0, "", DIAG_CHECK_BOOKMARK_TITLE, k + 1,
			    b->title, o->title);
		} else if (b->level != o->level) {
			fail(ck, GB_CHECK_LINKS, e->file, 0, "", DIAG_CHECK_BOOKMARK_LEVEL, o->title,
			    b->level, o->level);
		} else if (b->page != want) {
			char *wt = known ? where_list_index(ck, e, GPOINTER_TO_INT(target)) : g_strdup("?");
			char *gt = b->page > 0 ? where_pdf_page(ck, e, b->page - 1) : g_strdup("无效目标");
			fail(ck, GB_CHECK_LINKS, e->file, 0, "", DIAG_CHECK_BOOKMARK_TARGET, o->title, gt, wt);
			g_free(wt);
			g_free(gt);
		}
	}
	if (marks->len < pl->outline->len)
		fail(ck, GB_CHECK_LINKS, e->file, 0, "", DIAG_CHECK_BOOKMARKS_FEWER,
		    marks->len, pl->outline->len,
		    g_array_index(pl->outline, gb_outline, marks->len).title);
	else if (marks->len > pl->outline->len)
		fail(ck, GB_CHECK_LINKS, e->file, 0, "", DIAG_CHECK_BOOKMARKS_MORE,
		    marks->len, pl->outline->len, g_array_index(marks, bookmark, n).title);
	for (guint k = 0; k < marks->len; k++)
		g_free(g_array_index(marks, bookmark, k).title);
	g_array_free(marks, TRUE);
}
