/* docfile.c — a document's own PDF: its name and its pages (docfile.h). */
#include "docfile.h"

#include <string.h>

char *
docfile_name(const gb_page_document *d)
{
	GString *s = g_string_new(d->identifier);
	int kept = 0;
	gboolean hyphen = FALSE;
	for (const char *p = d->title ? d->title : ""; *p && kept < GB_DOCFILE_TITLE_CHARS;
	    p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char_validated(p, -1);
		if (c == (gunichar)-1 || c == (gunichar)-2)
			break;
		/* letters and digits only: CJK ideographs are letters */
		if (!g_unichar_isalnum(c) || (c < 0x80 && !g_ascii_isalnum((char)c)))
			continue;
		if (!hyphen)
			g_string_append_c(s, '-');
		hyphen = TRUE;
		g_string_append_unichar(s, c);
		kept++;
	}
	g_string_append(s, ".pdf");
	return g_string_free(s, FALSE);
}

/* Whether page P is not a body page or holds another document than DOC. */
static gboolean
other_document(const gb_page *p, const char *doc)
{
	if (p->kind != GB_PAGE_BODY)
		return TRUE;
	for (guint k = 0; k < p->items->len; k++) {
		const gb_item *it = page_item(p, k);
		if ((it->kind == GB_ITEM_TEXT && it->src_doc && strcmp(it->src_doc, doc) != 0)
		    || (it->kind == GB_ITEM_DEST && g_str_has_prefix(it->text, "doc-")))
			return TRUE;
	}
	return FALSE;
}

/* Page I is where document DOC stands: the first and last of its range. */
static void
stands_on(GHashTable *ranges, const char *doc, guint i)
{
	docfile_range *r = g_hash_table_lookup(ranges, doc);
	if (!r) {
		r = g_new(docfile_range, 1);
		r->first = i;
		g_hash_table_insert(ranges, g_strdup(doc), r);
	}
	r->last = i;
}

static void
extend(gpointer key, gpointer value, gpointer pages)
{
	const gb_pages *pl = pages;
	docfile_range *r = value;
	while (r->last + 1 < pl->pages->len && !other_document(pages_page(pl, r->last + 1), key))
		r->last++;
}

GHashTable *
docfile_ranges(const gb_pages *pages)
{
	GHashTable *ranges = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	for (guint i = 0; i < pages->pages->len; i++) {
		const gb_page *p = pages_page(pages, i);
		for (guint k = 0; k < p->items->len; k++) {
			const gb_item *it = page_item(p, k);
			if (it->kind == GB_ITEM_TEXT && it->src_doc)
				stands_on(ranges, it->src_doc, i);
			else if (it->kind == GB_ITEM_DEST && g_str_has_prefix(it->text, "doc-"))
				stands_on(ranges, it->text + 4, i);
		}
	}
	/* and the body pages after, up to another document's, which hold what
	 * has no source (its 落款, a table's repeated head) */
	g_hash_table_foreach(ranges, extend, (gpointer)pages);
	return ranges;
}

char *
docfile_link(const char *dir, const char *file, int first_page)
{
	gboolean own = file && *file;
	char *path = g_strconcat(dir, *dir ? "/" : "", own ? file : "web.pdf", NULL);
	char *uri = g_uri_escape_string(path, "/", FALSE);
	g_free(path);
	if (own)
		return uri;
	char *at = g_strdup_printf("%s#page=%d", uri, first_page);
	g_free(uri);
	return at;
}
