/* proofread.c — reads the marks of a proof back, for tests/e2e/proof.sh:
 * with poppler-glib (what Evince and Okular show), every annotation that
 * is not a link, one line each:
 *
 *   highlight PAGE TEXT CONTENTS    TEXT: the characters under its quads
 *   note      PAGE X Y CONTENTS     X Y: its rectangle's top left (from the top)
 *   other     PAGE TYPE
 *
 * fields separated by TAB, newlines in CONTENTS written \n. */
#include <poppler.h>
#include <stdio.h>
#include <string.h>

static void
put_escaped(const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\n')
			fputs("\\n", stdout);
		else if (*s == '\t')
			fputs("\\t", stdout);
		else
			putchar(*s);
	}
}

/* The characters of a page, each with its box (poppler's text layout). */
typedef struct {
	char *text;
	PopplerRectangle *rects;
	guint n;
} layout;

/* The characters whose box's centre lies inside the quadrilateral Q (PDF
 * coordinates, from the bottom), without spaces or newlines, in the
 * page's text order: what stands under the highlight. */
static GString *
text_under(const layout *L, double height, const PopplerQuadrilateral *q)
{
	double x0 = MIN(q->p1.x, q->p3.x), x1 = MAX(q->p2.x, q->p4.x);
	double top = height - MAX(q->p1.y, q->p2.y), bottom = height - MIN(q->p3.y, q->p4.y);
	GString *s = g_string_new(NULL);
	guint i = 0;
	for (const char *c = L->text; *c && i < L->n; c = g_utf8_next_char(c), i++) {
		gunichar u = g_utf8_get_char(c);
		const PopplerRectangle *r = &L->rects[i];
		double cx = (r->x1 + r->x2) / 2, cy = (r->y1 + r->y2) / 2;
		if (!g_unichar_isspace(u) && cx > x0 && cx < x1 && cy > top && cy < bottom)
			g_string_append_unichar(s, u);
	}
	return s;
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: proofread FILE.pdf\n");
		return 2;
	}
	GError *err = NULL;
	char *uri = g_filename_to_uri(argv[1], NULL, &err);
	PopplerDocument *doc = uri ? poppler_document_new_from_file(uri, NULL, &err) : NULL;
	g_free(uri);
	if (!doc) {
		fprintf(stderr, "proofread: %s\n", err->message);
		g_error_free(err);
		return 1;
	}
	int n = poppler_document_get_n_pages(doc);
	for (int i = 0; i < n; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		double w, height;
		poppler_page_get_size(page, &w, &height);
		layout L = { poppler_page_get_text(page), NULL, 0 };
		if (!poppler_page_get_text_layout(page, &L.rects, &L.n))
			L.n = 0;
		GList *annots = poppler_page_get_annot_mapping(page);
		for (GList *l = annots; l; l = l->next) {
			PopplerAnnotMapping *m = l->data;
			PopplerAnnot *a = m->annot;
			PopplerAnnotType type = poppler_annot_get_annot_type(a);
			char *contents = poppler_annot_get_contents(a);
			if (type == POPPLER_ANNOT_LINK) {
				g_free(contents);
				continue;
			}
			if (type == POPPLER_ANNOT_HIGHLIGHT) {
				GArray *quads = poppler_annot_text_markup_get_quadrilaterals(
				    POPPLER_ANNOT_TEXT_MARKUP(a));
				GString *text = g_string_new(NULL);
				for (guint k = 0; k < quads->len; k++) {
					GString *t = text_under(&L, height,
					    &g_array_index(quads, PopplerQuadrilateral, k));
					g_string_append(text, t->str);
					g_string_free(t, TRUE);
				}
				printf("highlight\t%d\t%s\t", i + 1, text->str);
				g_string_free(text, TRUE);
				g_array_unref(quads);
			} else if (type == POPPLER_ANNOT_TEXT) {
				printf("note\t%d\t%.1f\t%.1f\t", i + 1, m->area.x1, height - m->area.y2);
			} else {
				printf("other\t%d\t%d\t", i + 1, (int)type);
			}
			put_escaped(contents);
			putchar('\n');
			g_free(contents);
		}
		poppler_page_free_annot_mapping(annots);
		g_free(L.text);
		g_free(L.rects);
		g_object_unref(page);
	}
	g_object_unref(doc);
	return 0;
}
