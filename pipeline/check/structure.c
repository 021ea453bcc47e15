/* structure.c — the check of the web edition's structure (PDF/UA-1, SPEC
 * §5): the tree as poppler-glib reads it (Document, Sects, headings), its
 * types, marked content and links as libqpdf reads the objects. */
#include "checker.h"
#include "content.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Records a failure of the group on page I (from 0) of E, -1: the file. */
#define fail_at(ck, e, i, ID, ...) do { \
	char *w_ = (i) >= 0 ? where_pdf_page((ck), (e), (i)) : g_strdup(""); \
	fail((ck), GB_CHECK_STRUCTURE, (e)->file, (i) + 1, w_, ID, ##__VA_ARGS__); \
	g_free(w_); \
} while (0)

/* --- the tree as poppler reads it ------------------------------------------------ */

typedef struct {
	checker *ck;
	edition *e;
	int last_heading;	/* the level of the heading before, 0 at the start */
	GHashTable *sects;	/* ID → count of Sects with it */
	GHashTable *sect_h1;	/* ID of a Sect whose first heading is not H1 → page */
} ptree;

static int
heading_level(PopplerStructureElementKind k)
{
	switch (k) {
	case POPPLER_STRUCTURE_ELEMENT_HEADING_1: return 1;
	case POPPLER_STRUCTURE_ELEMENT_HEADING_2: return 2;
	case POPPLER_STRUCTURE_ELEMENT_HEADING_3: return 3;
	case POPPLER_STRUCTURE_ELEMENT_HEADING_4: return 4;
	case POPPLER_STRUCTURE_ELEMENT_HEADING_5: return 5;
	case POPPLER_STRUCTURE_ELEMENT_HEADING_6: return 6;
	default: return 0;
	}
}

/* The first heading among the elements of ITER (depth first), 0 if none. */
static int
first_heading(PopplerStructureElementIter *iter)
{
	int level = 0;
	do {
		PopplerStructureElement *el = poppler_structure_element_iter_get_element(iter);
		level = heading_level(poppler_structure_element_get_kind(el));
		g_object_unref(el);
		if (!level) {
			PopplerStructureElementIter *c = poppler_structure_element_iter_get_child(iter);
			if (c) {
				level = first_heading(c);
				poppler_structure_element_iter_free(c);
			}
		}
	} while (!level && poppler_structure_element_iter_next(iter));
	return level;
}

static void
walk_poppler(ptree *t, PopplerStructureElementIter *iter, int depth)
{
	if (depth > 256)
		return;
	do {
		PopplerStructureElement *el = poppler_structure_element_iter_get_element(iter);
		PopplerStructureElementKind kind = poppler_structure_element_get_kind(el);
		int level = heading_level(kind);
		/* the page only for a failure: poppler finds it by a walk over
		 * every page (Catalog::findPage), which for every element of a
		 * large issue's tree would make the check quadratic */
		if (level) {
			if (level > t->last_heading + 1)
				fail_at(t->ck, t->e, poppler_structure_element_get_page(el),
				    DIAG_CHECK_STRUCT_HEADING_SKIP, t->last_heading, level);
			t->last_heading = level;
		}
		PopplerStructureElementIter *c = poppler_structure_element_iter_get_child(iter);
		if (kind == POPPLER_STRUCTURE_ELEMENT_SECTION) {
			char *id = poppler_structure_element_get_id(el);
			if (id && *id) {
				int n = GPOINTER_TO_INT(g_hash_table_lookup(t->sects, id));
				g_hash_table_replace(t->sects, g_strdup(id), GINT_TO_POINTER(n + 1));
				PopplerStructureElementIter *h = c ? poppler_structure_element_iter_copy(c)
				    : NULL;
				if (!h || first_heading(h) != 1)
					g_hash_table_replace(t->sect_h1, g_strdup(id),
					    GINT_TO_POINTER(poppler_structure_element_get_page(el) + 1));
				if (h)
					poppler_structure_element_iter_free(h);
			}
			g_free(id);
		}
		g_object_unref(el);
		if (c) {
			walk_poppler(t, c, depth + 1);
			poppler_structure_element_iter_free(c);
		}
	} while (poppler_structure_element_iter_next(iter));
}

static const char *
kind_name(PopplerStructureElementKind k)
{
	GEnumClass *cls = g_type_class_ref(POPPLER_TYPE_STRUCTURE_ELEMENT_KIND);
	GEnumValue *v = g_enum_get_value(cls, k);
	const char *name = v ? v->value_nick : "?";
	g_type_class_unref(cls);
	return name;
}

static void
verify_tree(checker *ck, edition *e)
{
	PopplerStructureElementIter *iter = poppler_structure_element_iter_new(e->doc);
	if (!iter) {
		fail_at(ck, e, -1, DIAG_CHECK_STRUCT_NONE);
		return;
	}
	PopplerStructureElement *el = poppler_structure_element_iter_get_element(iter);
	PopplerStructureElementKind kind = poppler_structure_element_get_kind(el);
	g_object_unref(el);
	PopplerStructureElementIter *probe = poppler_structure_element_iter_copy(iter);
	gboolean more = poppler_structure_element_iter_next(probe);
	poppler_structure_element_iter_free(probe);
	if (kind != POPPLER_STRUCTURE_ELEMENT_DOCUMENT || more)
		fail_at(ck, e, -1, DIAG_CHECK_STRUCT_ROOT, more ? "多个元素" : kind_name(kind));

	ptree t = { .ck = ck, .e = e,
		.sects = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
		.sect_h1 = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL) };
	walk_poppler(&t, iter, 0);
	poppler_structure_element_iter_free(iter);

	/* one Sect a document, named by its identifier, its title the H1 */
	const gb_pages *pl = ck->pages;
	for (guint i = 0; i < pl->documents->len; i++) {
		const gb_page_document *d = &g_array_index(pl->documents, gb_page_document, i);
		const char *ident = d->identifier ? d->identifier : d->id;
		int n = GPOINTER_TO_INT(g_hash_table_lookup(t.sects, ident));
		int li = GPOINTER_TO_INT(g_hash_table_lookup(ck->title_page, d->id));
		int page = g_hash_table_contains(ck->title_page, d->id) ? pdf_index(e, li) : -1;
		if (n != 1)
			fail_at(ck, e, page, DIAG_CHECK_STRUCT_NO_SECT, d->file, d->id, ident, n);
		else if (g_hash_table_contains(t.sect_h1, ident))
			fail_at(ck, e, page, DIAG_CHECK_STRUCT_SECT_H1, ident);
	}
	g_hash_table_destroy(t.sects);
	g_hash_table_destroy(t.sect_h1);
}

/* --- the objects as libqpdf reads them ------------------------------------------- */

typedef struct {
	checker *ck;
	edition *e;
	qpdf_data q;
	GHashTable *page_of;	/* page object id → index + 1 */
	GArray **mcids;		/* per page: the MCIDs reached, in the tree's order */
	GHashTable *objrs;	/* object ids of the annotations reached */
	GHashTable *bad_types;	/* types already reported */
	int n;
} qtree;

/* The walks below let go of every handle they take (qpdf's C API keeps
 * each one until released, and a large issue's tree has a hundred
 * thousand objects): a function given a handle it is said to own
 * releases it. */

/* The index of page object PG (owned), -1 if it is none. */
static int
page_index(qtree *t, qpdf_oh pg)
{
	int i = -1;
	if (qpdf_oh_is_dictionary(t->q, pg))
		i = GPOINTER_TO_INT(g_hash_table_lookup(t->page_of,
		    GINT_TO_POINTER(qpdf_oh_get_object_id(t->q, pg)))) - 1;
	qpdf_oh_release(t->q, pg);
	return i;
}

/* Whether attributes A (owned) have a /Scope. */
static gboolean
has_scope(qpdf_data q, qpdf_oh a)
{
	gboolean yes = FALSE;
	if (qpdf_oh_is_dictionary(q, a)) {
		yes = qpdf_oh_has_key(q, a, "/Scope");
	} else if (qpdf_oh_is_array(q, a)) {
		int n = qpdf_oh_get_array_n_items(q, a);
		for (int i = 0; !yes && i < n; i++)
			yes = has_scope(q, qpdf_oh_get_array_item(q, a, i));
	}
	qpdf_oh_release(q, a);
	return yes;
}

/* A step of the walk over the tree: an object to read (ID, GEN: an
 * element, or whatever else a /K refers to), or an MCID of PAGE that an
 * element read before reaches (ID 0). */
typedef struct {
	int id, gen;
	int page, mcid;
	int depth;
} step;

/* Elements read between two readings of the file: libqpdf keeps what it
 * has loaded until it is closed, and the objects of a large issue's tree
 * are most of the check's memory when they are all held at once (at the
 * corpus 130 MB).  GONGBAO_CHECK_REREAD=N makes it N (the tests: a small
 * issue's tree is read anew as a large one's is). */
#define WALK_REREAD 16384

static guint
walk_reread(void)
{
	const char *v = g_getenv("GONGBAO_CHECK_REREAD");
	gint64 n;
	return v && gb_parse_int(v, 1, G_MAXINT, &n) ? (guint)n : WALK_REREAD;
}

static void read_value(qtree *t, qpdf_oh k, int page, int depth, GArray *steps);

/* Kid K (owned) of an element on PAGE: what it reaches appended to
 * STEPS in the tree's order, an indirect object as a step of its own. */
static void
expand_kid(qtree *t, qpdf_oh k, int page, int depth, GArray *steps)
{
	qpdf_data q = t->q;
	if (qpdf_oh_is_indirect(q, k)) {
		step s = { .id = qpdf_oh_get_object_id(q, k), .gen = qpdf_oh_get_generation(q, k),
			.page = page, .depth = depth };
		g_array_append_val(steps, s);
		qpdf_oh_release(q, k);
	} else {
		read_value(t, k, page, depth, steps);
	}
}

/* Structure element EL (not owned): its type and attributes checked, its
 * kids appended to STEPS. */
static void
read_elem(qtree *t, qpdf_oh el, int depth, GArray *steps)
{
	qpdf_data q = t->q;
	int page = page_index(t, qpdf_oh_get_key(q, el, "/Pg"));
	qpdf_oh s = qpdf_oh_get_key(q, el, "/S");
	char *type = g_strdup(qpdf_oh_is_name(q, s) ? qpdf_oh_get_name(q, s) + 1 : "");
	qpdf_oh_release(q, s);
	if (!content_standard_type(type) && g_hash_table_add(t->bad_types, g_strdup(type)))
		fail_at(t->ck, t->e, page, DIAG_CHECK_STRUCT_TYPE, *type ? type : "（无）");
	if (strcmp(type, "TH") == 0 && !has_scope(q, qpdf_oh_get_key(q, el, "/A")))
		fail_at(t->ck, t->e, page, DIAG_CHECK_STRUCT_SCOPE);
	g_free(type);
	expand_kid(t, qpdf_oh_get_key(q, el, "/K"), page, depth + 1, steps);
}

/* A kid K (owned, read) of an element on PAGE. */
static void
read_value(qtree *t, qpdf_oh k, int page, int depth, GArray *steps)
{
	qpdf_data q = t->q;
	if (depth > 256) {
		/* deeper than any tree of ours: left */
	} else if (qpdf_oh_is_array(q, k)) {
		int n = qpdf_oh_get_array_n_items(q, k);
		for (int i = 0; i < n; i++)
			expand_kid(t, qpdf_oh_get_array_item(q, k, i), page, depth, steps);
	} else if (qpdf_oh_is_integer(q, k)) {
		step s = { .page = page, .mcid = qpdf_oh_get_int_value_as_int(q, k) };
		g_array_append_val(steps, s);
	} else if (qpdf_oh_is_dictionary(q, k)) {
		qpdf_oh type = qpdf_oh_get_key(q, k, "/Type");
		if (qpdf_oh_is_name_and_equals(q, type, "/MCR")) {
			int pg = qpdf_oh_has_key(q, k, "/Pg")
			    ? page_index(t, qpdf_oh_get_key(q, k, "/Pg")) : page;
			read_value(t, qpdf_oh_get_key(q, k, "/MCID"), pg, depth, steps);
		} else if (qpdf_oh_is_name_and_equals(q, type, "/OBJR")) {
			qpdf_oh obj = qpdf_oh_get_key(q, k, "/Obj");
			g_hash_table_add(t->objrs, GINT_TO_POINTER(qpdf_oh_get_object_id(q, obj)));
			qpdf_oh_release(q, obj);
		} else {
			read_elem(t, k, depth, steps);
		}
		qpdf_oh_release(q, type);
	}
	qpdf_oh_release(q, k);
}

/* The tree under K (owned), in its order, with a stack of steps rather
 * than a recursion that holds its elements' handles, so that the file
 * can be read anew every WALK_REREAD elements (t->q changes).  An
 * object reached twice is read once: a tree that loops ends. */
static void
walk_tree(qtree *t, qpdf_oh k)
{
	GArray *stack = g_array_new(FALSE, FALSE, sizeof(step));
	GArray *steps = g_array_new(FALSE, FALSE, sizeof(step));
	GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
	expand_kid(t, k, -1, 0, steps);
	guint read = 0, reread = walk_reread();
	for (;;) {
		for (guint i = steps->len; i-- > 0;)
			g_array_append_val(stack, g_array_index(steps, step, i));
		g_array_set_size(steps, 0);
		if (!stack->len)
			break;
		step s = g_array_index(stack, step, stack->len - 1);
		g_array_set_size(stack, stack->len - 1);
		if (!s.id) {
			if (s.page >= 0 && s.page < t->n)
				g_array_append_val(t->mcids[s.page], s.mcid);
			continue;
		}
		if (!g_hash_table_add(seen, GINT_TO_POINTER(s.id)))
			continue;
		if (++read % reread == 0) {
			reopen_qpdf(t->ck, t->e);
			if (!t->e->qpdf)
				break;
			t->q = t->e->qpdf;
		}
		read_value(t, qpdf_get_object_by_id(t->q, s.id, s.gen), s.page, s.depth, steps);
	}
	g_hash_table_destroy(seen);
	g_array_free(steps, TRUE);
	g_array_free(stack, TRUE);
}

/* The marked content of page I: every text-showing operator inside an
 * artifact or an MCID, and the MCIDs that show text in the order of the
 * tree. */
static void
verify_content(qtree *t, int i, qpdf_oh page)
{
	qpdf_data q = t->q;
	unsigned char *buf = NULL;
	size_t len = 0;
	if (qpdf_oh_get_page_content_data(q, page, &buf, &len) & QPDF_ERRORS) {
		free(buf);
		return;	/* the open group says the file is damaged */
	}
	/* per open mark: -2 an artifact, -1 another, else its MCID */
	GArray *marks = g_array_new(FALSE, FALSE, sizeof(int));
	GArray *shown = g_array_new(FALSE, FALSE, sizeof(int));	/* MCIDs with text */
	gsize pos = 0;
	int texts = 0, untagged = 0, mcid = -1, artifact = 0, last_shown = -1;
	gboolean tag_artifact = FALSE, in_dict = FALSE, want_mcid = FALSE;
	for (;;) {
		gb_tok tok = content_next(buf, len, &pos);
		if (tok.kind == GB_TOK_END)
			break;
		if (tok.kind == GB_TOK_DICT_OPEN)
			in_dict = TRUE;
		else if (tok.kind == GB_TOK_DICT_CLOSE)
			in_dict = FALSE;
		else if (tok.kind == GB_TOK_NAME) {
			gboolean is_mcid = tok.end - tok.start == 5
			    && memcmp(buf + tok.start, "/MCID", 5) == 0;
			if (!in_dict)
				tag_artifact = tok.end - tok.start == 9
				    && memcmp(buf + tok.start, "/Artifact", 9) == 0;
			want_mcid = in_dict && is_mcid;
		} else if (tok.kind == GB_TOK_NUMBER && want_mcid) {
			char num[16] = { 0 };	/* the stream is not NUL-terminated */
			memcpy(num, buf + tok.start, MIN(tok.end - tok.start, sizeof num - 1));
			gint64 v;
			mcid = gb_parse_int(num, 0, G_MAXINT, &v) ? (int)v : -1;
			want_mcid = FALSE;
		} else if (tok.kind == GB_TOK_OPERATOR) {
			if (content_is_op(buf, &tok, "BDC") || content_is_op(buf, &tok, "BMC")) {
				int m = tag_artifact ? -2 : content_is_op(buf, &tok, "BDC") ? mcid : -1;
				g_array_append_val(marks, m);
				if (m == -2)
					artifact++;
			} else if (content_is_op(buf, &tok, "EMC") && marks->len) {
				if (g_array_index(marks, int, marks->len - 1) == -2)
					artifact--;
				g_array_set_size(marks, marks->len - 1);
			} else if (content_shows_text(buf, &tok)) {
				texts++;
				int inner = -1;
				for (guint k = marks->len; k-- > 0 && inner < 0;)
					inner = g_array_index(marks, int, k) >= 0
					    ? g_array_index(marks, int, k) : -1;
				if (!artifact && inner < 0 && !untagged)
					untagged = texts;
				if (!artifact && inner >= 0 && inner != last_shown) {
					g_array_append_val(shown, inner);
					last_shown = inner;
				}
			}
			mcid = -1;
			tag_artifact = in_dict = want_mcid = FALSE;
		}
	}
	free(buf);
	if (untagged)
		fail_at(t->ck, t->e, i, DIAG_CHECK_STRUCT_UNTAGGED, untagged);
	/* the MCIDs showing text, as the tree reaches them: the same order */
	GArray *tree = t->mcids[i];
	GHashTable *with_text = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (guint k = 0; k < shown->len; k++)
		g_hash_table_add(with_text, GINT_TO_POINTER(g_array_index(shown, int, k)));
	guint j = 0;
	for (guint k = 0; k < tree->len && j < shown->len; k++) {
		int m = g_array_index(tree, int, k);
		if (!g_hash_table_contains(with_text, GINT_TO_POINTER(m)))
			continue;
		if (m != g_array_index(shown, int, j))
			break;
		j++;
	}
	if (j < shown->len) {
		int m = g_array_index(shown, int, j);
		gboolean reached = FALSE;
		for (guint k = 0; k < tree->len && !reached; k++)
			reached = g_array_index(tree, int, k) == m;
		fail_at(t->ck, t->e, i, DIAG_CHECK_STRUCT_ORDER, j + 1, m,
		    reached ? "的次序不同" : "不可到达");
	}
	g_hash_table_destroy(with_text);
	g_array_free(shown, TRUE);
	g_array_free(marks, TRUE);
}

/* Page I's link annotations: described, in the tree, the page read in
 * the tree's order. */
static void
verify_annotations(qtree *t, int i, qpdf_oh page)
{
	qpdf_data q = t->q;
	qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
	int n = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
	if (n && !qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, page, "/Tabs"), "/S"))
		fail_at(t->ck, t->e, i, DIAG_CHECK_STRUCT_TABS);
	for (int k = 0; k < n; k++) {
		qpdf_oh a = qpdf_oh_get_array_item(q, annots, k);
		if (!qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, a, "/Subtype"), "/Link"))
			continue;
		qpdf_oh c = qpdf_oh_get_key(q, a, "/Contents");
		if (!qpdf_oh_is_string(q, c) || !*qpdf_oh_get_utf8_value(q, c))
			fail_at(t->ck, t->e, i, DIAG_CHECK_STRUCT_LINK, k + 1, "没有描述（/Contents）");
		else if (!qpdf_oh_is_integer(q, qpdf_oh_get_key(q, a, "/StructParent")))
			fail_at(t->ck, t->e, i, DIAG_CHECK_STRUCT_LINK, k + 1, "没有 /StructParent");
		else if (!g_hash_table_contains(t->objrs,
		    GINT_TO_POINTER(qpdf_oh_get_object_id(q, a))))
			fail_at(t->ck, t->e, i, DIAG_CHECK_STRUCT_LINK, k + 1,
			    "不在结构树中（没有 Link 元素以 OBJR 引用它）");
	}
}

static void
verify_objects(checker *ck, edition *e)
{
	qpdf_data q = e->qpdf;
	qpdf_oh root = qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot");
	if (!qpdf_oh_is_dictionary(q, root))
		return;	/* poppler said so */
	qtree t = { .ck = ck, .e = e, .q = q, .n = e->n,
		.page_of = g_hash_table_new(g_direct_hash, g_direct_equal),
		.mcids = g_new0(GArray *, e->n + 1),
		.objrs = g_hash_table_new(g_direct_hash, g_direct_equal),
		.bad_types = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL) };
	for (int i = 0; i < e->n; i++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
		g_hash_table_insert(t.page_of, GINT_TO_POINTER(qpdf_oh_get_object_id(q, page)),
		    GINT_TO_POINTER(i + 1));
		qpdf_oh_release(q, page);
		t.mcids[i] = g_array_new(FALSE, FALSE, sizeof(int));
	}
	walk_tree(&t, qpdf_oh_get_key(q, root, "/K"));
	q = t.q;
	for (int i = 0; i < e->n; i++) {
		qpdf_oh page = q ? qpdf_get_page_n(q, (size_t)i) : 0;
		if (page) {
			verify_content(&t, i, page);
			verify_annotations(&t, i, page);
			qpdf_oh_release(q, page);
		}
		g_array_free(t.mcids[i], TRUE);
	}
	g_free(t.mcids);
	g_hash_table_destroy(t.page_of);
	g_hash_table_destroy(t.objrs);
	g_hash_table_destroy(t.bad_types);
}

void
verify_structure_tree(checker *ck, edition *e)
{
	verify_tree(ck, e);
}

void
verify_structure_objects(checker *ck, edition *e)
{
	if (e->qpdf)
		verify_objects(ck, e);
}
