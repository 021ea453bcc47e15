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

gboolean
docfile_pages(const gb_pages *pages, const char *doc, guint *first, guint *last)
{
	char *dest = g_strconcat("doc-", doc, NULL);
	gboolean found = FALSE;
	for (guint i = 0; i < pages->pages->len; i++) {
		const gb_page *p = pages_page(pages, i);
		for (guint k = 0; k < p->items->len; k++) {
			const gb_item *it = page_item(p, k);
			gboolean here = (it->kind == GB_ITEM_TEXT && it->src_doc
			    && strcmp(it->src_doc, doc) == 0)
			    || (it->kind == GB_ITEM_DEST && strcmp(it->text, dest) == 0);
			if (!here)
				continue;
			if (!found)
				*first = i;
			*last = i;
			found = TRUE;
			break;
		}
	}
	g_free(dest);
	/* and the body pages after, up to another document's, which hold what
	 * has no source (its 落款, a table's repeated head) */
	while (found && *last + 1 < pages->pages->len && !other_document(pages_page(pages,
	    *last + 1), doc))
		++*last;
	return found;
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
