/* compose.c — sets an issue's document tree into pages, in print order:
 * cover, 目录 (its pages counted by a dry run, filled in last when the
 * folios are known), the documents, the back page; then the outline.
 * The driver only: the flow engine is flow.c, tables table.c, documents
 * document.c, cover, heads and 目录 furniture.c. */
#include "compose.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "document.h"
#include "flow.h"
#include "furniture.h"
#include "issueini.h"

/* --- the issue ------------------------------------------------------------ */

static void
set_meta(ctx *c)
{
	const gb_tree *t = c->tree;
	/* the annual index: 示范市人民政府公报2026年度总目录, one title */
	char *title = g_strdup_printf("%s%s%s", c->gazette_title,
	    tree_issue(t, "title") ? "" : " ", c->issue_short);
	pages_set_meta(c->out, "title", title);
	g_free(title);
	pages_set_meta(c->out, "gazette", c->gazette_title);
	pages_set_meta(c->out, "issue", c->issue_long);
	const char *keys[] = { "publisher", "editor", "serial" };
	for (guint i = 0; i < G_N_ELEMENTS(keys); i++)
		if (tree_gazette(t, keys[i]))
			pages_set_meta(c->out, keys[i], tree_gazette(t, keys[i]));
	if (tree_issue(t, "date"))
		pages_set_meta(c->out, "date", tree_issue(t, "date"));
	/* the signing key as parse opened it, for the renderer and the check */
	const char *sign[][2] = { { "signing-key-file", "signing-key" }, { "signer", "signer" },
		{ "signer-test", "signer-test" } };
	for (guint i = 0; i < G_N_ELEMENTS(sign); i++)
		if (tree_issue(t, sign[i][0]))
			pages_set_meta(c->out, sign[i][1], tree_issue(t, sign[i][0]));
	pages_set_meta(c->out, "lang", "zh-CN");
	pages_set_meta(c->out, "subject", "政府公报");
	GString *kw = g_string_new("政府公报");
	for (guint i = 0; i < t->sections->len; i++) {
		const gb_section *s = t->sections->pdata[i];
		if (s->documents->len)
			g_string_append_printf(kw, "；%s", s->name);
	}
	pages_set_meta(c->out, "keywords", kw->str);
	g_string_free(kw, TRUE);
}

/* The [issue] value KEY of TREE as a number (a year, an issue number, a
 * folio: 1 to 99,999), 0 when absent or out of range. */
static int
tree_issue_number(const gb_tree *tree, const char *key)
{
	gint64 v;
	return gb_parse_int(tree_issue(tree, key), 1, 99999, &v) ? (int)v : 0;
}

/* The context of one issue: the shared scratch and the issue's texts. */
static void
ctx_init(ctx *c, const gb_tree *tree, const char *tree_name, const gb_layout *L,
    gb_fonts *fonts, gb_diags *diags)
{
	c->L = L;
	c->tree = tree;
	c->fonts = fonts;
	c->diags = diags;
	c->out = pages_new(L->name, L->trim_width, L->trim_height, L->bleed);
	c->font_ids = g_hash_table_new(NULL, NULL);
	c->utf8 = g_string_new("");
	c->xs = g_array_new(FALSE, FALSE, sizeof(double));
	c->offs = g_array_new(FALSE, FALSE, sizeof(double));
	c->folios = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	c->reported = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	const char *gt = tree_gazette(tree, "title");
	c->gazette_title = g_strdup(gt ? gt : "政府公报");
	/* the parser wrote them from issue.ini, checked: whole numbers */
	int year = tree_issue_number(tree, "year"), number = tree_issue_number(tree, "number");
	/* a publication that is not a numbered issue (the annual index) names
	 * itself: [issue] title, 2026年度总目录 */
	const char *own = tree_issue(tree, "title");
	c->issue_short = own ? g_strdup(own) : issue_title(year, number, 0);
	c->issue_long = own ? g_strdup(own)
	    : issue_title(year, number, tree_issue_number(tree, "cumulative"));
	c->date_text = date_text_of_iso(tree_issue(tree, "date"));
	const char *dir = tree_issue(tree, "dir");
	c->ini = dir ? g_build_filename(dir, "issue.ini", NULL) : g_strdup(tree_name);
}

static void
ctx_free(ctx *c)
{
	g_hash_table_destroy(c->font_ids);
	g_hash_table_destroy(c->folios);
	g_hash_table_destroy(c->reported);
	g_string_free(c->utf8, TRUE);
	g_array_free(c->xs, TRUE);
	g_array_free(c->offs, TRUE);
	g_free(c->gazette_title);
	g_free(c->issue_short);
	g_free(c->issue_long);
	g_free(c->date_text);
	g_free(c->ini);
}

/* The pages the 目录 takes, from a dry run on a scratch list: an entry's
 * height does not depend on its folio, so the documents can go straight
 * to their pages after it. */
static int
toc_page_count(ctx *c, GArray *els)
{
	const gb_layout *L = c->L;
	flow dry = { 0 };
	dry.c = c;
	dry.pages = pages_new(L->name, L->trim_width, L->trim_height, L->bleed);
	dry.kind = GB_PAGE_TOC;
	furniture_toc(c, els);
	flow_run(&dry, els);
	flow_finish(&dry);
	elements_clear(els);
	pages_free(dry.pages);
	return dry.count;
}

/* The documents from the first body page on, a blank page before it when
 * cover and 目录 (TOC_PAGES) would put the first folio on the wrong side:
 * odd folios on rectos (odd pages of the issue). */
static void
set_documents(ctx *c, GArray *els, int toc_pages)
{
	const gb_tree *tree = c->tree;
	const char *fp = tree_issue(tree, "first-page");
	flow body = { 0 };
	body.c = c;
	body.pages = c->out;
	body.kind = GB_PAGE_BODY;
	gint64 first;
	body.first_folio = gb_parse_int(fp, 1, 99999, &first) ? (int)first : 1;
	if ((2 + toc_pages) % 2 != body.first_folio % 2)
		pages_add_page(c->out, GB_PAGE_BLANK, "空白", NULL);
	gboolean first_doc = TRUE;
	for (guint s = 0; s < tree->sections->len; s++) {
		const gb_section *sec = tree->sections->pdata[s];
		for (guint d = 0; d < sec->documents->len; d++) {
			const gb_document *doc = sec->documents->pdata[d];
			document_elements(c, els, doc, d == 0, (int)s + 1, first_doc);
			first_doc = FALSE;
			flow_run(&body, els);
			elements_clear(els);
		}
	}
	flow_finish(&body);
}

/* The 目录 again, now with the folios, onto the pages RESERVED for it. */
static void
set_toc(ctx *c, GArray *els, GPtrArray *reserved)
{
	flow toc = { 0 };
	toc.c = c;
	toc.pages = c->out;
	toc.kind = GB_PAGE_TOC;
	toc.reserved = reserved;
	furniture_toc(c, els);
	flow_run(&toc, els);
	flow_finish(&toc);
	elements_clear(els);
	if (toc.count != (int)reserved->len)	/* cannot happen: both runs set the same entries */
		diag_emit(c->diags, c->ini, 0, DIAG_TYPESET_TOC_PAGES, (int)reserved->len, toc.count);
}

/* The bookmarks: a section, then its documents' titles. */
static void
add_outline(ctx *c)
{
	const gb_tree *tree = c->tree;
	for (guint s = 0; s < tree->sections->len; s++) {
		const gb_section *sec = tree->sections->pdata[s];
		if (!sec->documents->len)
			continue;
		char *dest = g_strdup_printf("sec-%u", s + 1);
		pages_add_outline(c->out, 1, dest, sec->name);
		g_free(dest);
		for (guint d = 0; d < sec->documents->len; d++) {
			const gb_document *doc = sec->documents->pdata[d];
			const char *title = doc->fm.title.value;
			dest = g_strdup_printf("doc-%s", doc->id);
			pages_add_outline(c->out, 2, dest, title ? title : doc->id);
			g_free(dest);
		}
	}
}

/* The end of the page list: every page is made; the outline goes on, and
 * the list is handed over, or dropped when the input had errors. */
static gb_pages *
finish_page_list(ctx *c)
{
	add_outline(c);
	if (c->diags->worst >= GB_LEVEL_ERROR) {
		pages_free(c->out);
		c->out = NULL;
	}
	return c->out;
}

gb_pages *
compose_issue(const gb_tree *tree, const char *tree_name, const gb_layout *L, gb_fonts *fonts,
    gb_diags *diags)
{
	ctx c = { 0 };
	ctx_init(&c, tree, tree_name, L, fonts, diags);
	set_meta(&c);
	GPtrArray *docs = tree_documents(tree);
	for (guint i = 0; i < docs->len; i++) {
		const gb_document *d = docs->pdata[i];
		/* a tree written by hand may lack the parser's derived key */
		char *ident = d->fm.identifier.value ? NULL
		    : docmeta_identifier(tree_issue_number(tree, "year"),
			  tree_issue_number(tree, "number"), d->id);
		pages_add_document(c.out, d->id, d->file, ident ? ident : d->fm.identifier.value);
		g_free(ident);
		/* what the document's own PDF says of it (render/docfiles.c) */
		pages_set_document_meta(c.out, d->id, "title", d->fm.title.value);
		pages_set_document_meta(c.out, d->id, "number", d->fm.number.value);
		pages_set_document_meta(c.out, d->id, "issuer", d->fm.issuer.value);
		pages_set_document_meta(c.out, d->id, "date", d->fm.date.value);
	}
	g_ptr_array_unref(docs);
	for (guint i = 0; i < tree->warnings->len; i++) {
		const gb_warning *w = tree->warnings->pdata[i];
		pages_add_warning(c.out, w->file, w->line, w->kind, &w->anchor, w->message);
	}
	/* The 目录 is counted first, set last onto the pages kept for it. */
	GArray *els = g_array_new(FALSE, FALSE, sizeof(element));
	int toc_pages = toc_page_count(&c, els);
	furniture_cover(&c);
	GPtrArray *reserved = g_ptr_array_new();
	for (int i = 1; i <= toc_pages; i++) {
		char *label = g_strdup_printf("目录%d", i);
		g_ptr_array_add(reserved, pages_add_page(c.out, GB_PAGE_TOC, label, NULL));
		g_free(label);
	}
	set_documents(&c, els, toc_pages);
	furniture_back(&c);
	set_toc(&c, els, reserved);
	g_ptr_array_free(reserved, TRUE);
	g_array_free(els, TRUE);
	/* saddle stitching: the print edition is a multiple of 4 pages, the
	 * blanks inserted before the back page */
	pages_set_print_padding(c.out, (4 - (int)c.out->pages->len % 4) % 4);
	gb_pages *pages = finish_page_list(&c);
	ctx_free(&c);
	return pages;
}
