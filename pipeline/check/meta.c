/* meta.c — the metadata group of gongbao-check: the document information
 * and XMP metadata against the page list's meta (title, publisher, the
 * issue's date), the page labels, and what libqpdf reads of the PDF/A and
 * PDF/X markers: output intents, /Lang, /ID, tagging, linearization. */
#include "checker.h"

#include <stdlib.h>
#include <string.h>

/* --- reading ----------------------------------------------------------------- */

/* The value of an XMP property, as an element or as an attribute. */
static char *
xmp_value(const char *xmp, const char *prop)
{
	char *open = g_strdup_printf("<%s>", prop);
	char *attr = g_strdup_printf("%s=", prop);
	char *value = NULL;
	const char *p;
	if ((p = strstr(xmp, open))) {
		p += strlen(open);
		const char *end = strchr(p, '<');
		if (end)
			value = g_strndup(p, (gsize)(end - p));
	} else if ((p = strstr(xmp, attr))) {
		p += strlen(attr);
		char quote = *p;
		if (quote == '"' || quote == '\'') {
			const char *end = strchr(p + 1, quote);
			if (end)
				value = g_strndup(p + 1, (gsize)(end - p - 1));
		}
	}
	g_free(open);
	g_free(attr);
	if (value)
		g_strstrip(value);
	return value;
}

/* The output intent of subtype S (/GTS_PDFX, /GTS_PDFA1) and the colour
 * space of its profile ("RGB ", "CMYK", "GRAY"); FALSE if there is none. */
static gboolean
output_intent(qpdf_data q, const char *subtype, char space[5], gboolean *has_condition)
{
	gboolean found = FALSE;
	qpdf_oh root = qpdf_get_root(q);
	qpdf_oh intents = qpdf_oh_get_key(q, root, "/OutputIntents");
	int n = qpdf_oh_is_array(q, intents) ? qpdf_oh_get_array_n_items(q, intents) : 0;
	strcpy(space, "");
	*has_condition = FALSE;
	for (int i = 0; i < n && !found; i++) {
		qpdf_oh oi = qpdf_oh_get_array_item(q, intents, i);
		qpdf_oh s = qpdf_oh_get_key(q, oi, "/S");
		if (qpdf_oh_is_name_and_equals(q, s, subtype)) {
			found = TRUE;
			*has_condition = qpdf_oh_has_key(q, oi, "/OutputConditionIdentifier");
			qpdf_oh prof = qpdf_oh_get_key(q, oi, "/DestOutputProfile");
			unsigned char *buf = NULL;
			size_t len = 0;
			if (qpdf_oh_is_stream(q, prof)
			    && !(qpdf_oh_get_stream_data(q, prof, qpdf_dl_generalized, NULL, &buf, &len)
			    & QPDF_ERRORS) && buf && len >= 20) {
				memcpy(space, buf + 16, 4);
				space[4] = '\0';
			}
			free(buf);
			qpdf_oh_release(q, prof);
		}
		qpdf_oh_release(q, s);
		qpdf_oh_release(q, oi);
	}
	qpdf_oh_release(q, intents);
	qpdf_oh_release(q, root);
	return found;
}

static char *
qpdf_root_string(qpdf_data q, const char *key)
{
	qpdf_oh root = qpdf_get_root(q);
	qpdf_oh v = qpdf_oh_get_key(q, root, key);
	char *s = qpdf_oh_is_string(q, v) ? g_strdup(qpdf_oh_get_utf8_value(q, v)) : NULL;
	qpdf_oh_release(q, v);
	qpdf_oh_release(q, root);
	return s;
}

static gboolean
has_file_id(qpdf_data q)
{
	qpdf_oh trailer = qpdf_get_trailer(q);
	qpdf_oh id = qpdf_oh_get_key(q, trailer, "/ID");
	gboolean ok = qpdf_oh_is_array(q, id) && qpdf_oh_get_array_n_items(q, id) == 2;
	for (int i = 0; ok && i < 2; i++) {
		qpdf_oh part = qpdf_oh_get_array_item(q, id, i);
		ok = qpdf_oh_is_string(q, part);
		qpdf_oh_release(q, part);
	}
	qpdf_oh_release(q, id);
	qpdf_oh_release(q, trailer);
	return ok;
}

static gboolean
is_tagged(qpdf_data q)
{
	qpdf_oh root = qpdf_get_root(q);
	qpdf_oh mark = qpdf_oh_get_key(q, root, "/MarkInfo");
	qpdf_oh marked = qpdf_oh_get_key(q, mark, "/Marked");
	gboolean ok = qpdf_oh_is_bool(q, marked) && qpdf_oh_get_bool_value(q, marked)
	    && qpdf_oh_has_key(q, root, "/StructTreeRoot");
	qpdf_oh_release(q, marked);
	qpdf_oh_release(q, mark);
	qpdf_oh_release(q, root);
	return ok;
}

gboolean
has_page_labels(const edition *e)
{
	if (!e->qpdf)
		return FALSE;
	qpdf_oh root = qpdf_get_root(e->qpdf);
	gboolean has = qpdf_oh_has_key(e->qpdf, root, "/PageLabels");
	qpdf_oh_release(e->qpdf, root);
	return has;
}

/* --- checking -------------------------------------------------------------------- */

static void
check_info_string(checker *ck, edition *e, const char *what, char *got, const char *want)
{
	if (!got || !*got)
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_INFO_MISSING, what);
	else if (want && strcmp(got, want) != 0)
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_INFO_WRONG, what, got, want);
	g_free(got);
}

/* The document information dictionary, as poppler reads it. */
static void
verify_info(checker *ck, edition *e)
{
	const gb_pages *pl = ck->pages;
	const char *title = pages_meta(pl, "title");
	const char *publisher = pages_meta(pl, "publisher");
	char *author = poppler_document_get_author(e->doc);
	check_info_string(ck, e, "标题（Title）", poppler_document_get_title(e->doc), title);
	if (author && *author && publisher && strcmp(author, publisher) != 0
	    && g_strcmp0(author, pages_meta(pl, "editor")) != 0)
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_INFO_WRONG,
		    "作者（Author）", author, publisher);
	else if (!author || !*author)
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_INFO_MISSING, "作者（Author）");
	g_free(author);
	if (pages_meta(pl, "subject"))
		check_info_string(ck, e, "主题（Subject）", poppler_document_get_subject(e->doc),
		    pages_meta(pl, "subject"));
	if (pages_meta(pl, "keywords"))
		check_info_string(ck, e, "关键词（Keywords）", poppler_document_get_keywords(e->doc),
		    pages_meta(pl, "keywords"));
	/* both editions carry the date, never the clock (SPEC §5) */
	const char *date = pages_meta(pl, "date");
	GDateTime *created = poppler_document_get_creation_date_time(e->doc);
	if (!created) {
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_INFO_MISSING, "创建日期（CreationDate）");
	} else {
		char *day = g_date_time_format(created, "%Y-%m-%d");
		if (date && day && strcmp(day, date) != 0)
			fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_DATE_WRONG, day, date);
		g_free(day);
		g_date_time_unref(created);
	}
}

/* The XMP metadata: the edition's PDF/A or PDF/X identification, the
 * issue's date and its title. */
static void
verify_xmp(checker *ck, edition *e)
{
	const gb_pages *pl = ck->pages;
	const char *title = pages_meta(pl, "title");
	const char *date = pages_meta(pl, "date");
	char *xmp = poppler_document_get_metadata(e->doc);
	if (!xmp) {
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_XMP_MISSING);
	} else if (e->file == FILE_WEB) {
		/* PDF/A-2a, tagged as PDF/UA-1 asks (SPEC §5) */
		char *part = xmp_value(xmp, "pdfaid:part");
		char *conf = xmp_value(xmp, "pdfaid:conformance");
		char *ua = xmp_value(xmp, "pdfuaid:part");
		if (g_strcmp0(part, "2") != 0 || g_ascii_strcasecmp(conf ? conf : "", "A") != 0)
			fail(ck, GB_CHECK_META, e->file, 0, "",
			    DIAG_CHECK_XMP_PDFA);
		if (g_strcmp0(ua, "1") != 0)
			fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_XMP_PDFUA);
		g_free(part);
		g_free(conf);
		g_free(ua);
	} else {
		char *x = xmp_value(xmp, "pdfxid:GTS_PDFXVersion");
		if (!x || !g_str_has_prefix(x, "PDF/X-4"))
			fail(ck, GB_CHECK_META, e->file, 0, "",
			    DIAG_CHECK_XMP_PDFX);
		g_free(x);
	}
	if (xmp && date && !strstr(xmp, date))
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_XMP_DATE, date);
	if (xmp && title) {
		char *escaped = g_markup_escape_text(title, -1);
		if (!strstr(xmp, escaped))
			fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_XMP_TITLE, title);
		g_free(escaped);
	}
	g_free(xmp);
}

/* The print edition's PDF/X output intent, as libqpdf reads it. */
static void
verify_print_markers(checker *ck, edition *e)
{
	qpdf_data q = e->qpdf;
	char space[5];
	gboolean condition;
	if (!output_intent(q, "/GTS_PDFX", space, &condition))
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_PDFX_INTENT_MISSING);
	else if (!*space || !condition)
		fail(ck, GB_CHECK_META, e->file, 0, "",
		    DIAG_CHECK_PDFX_INTENT_INCOMPLETE);
}

/* The web edition's PDF/A markers: the sRGB output intent, /Lang, tagging;
 * and that it is neither encrypted nor slow to open on the web. */
static void
verify_web_markers(checker *ck, edition *e)
{
	const gb_pages *pl = ck->pages;
	qpdf_data q = e->qpdf;
	char space[5];
	gboolean condition;
	if (!output_intent(q, "/GTS_PDFA1", space, &condition))
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_PDFA_INTENT_MISSING);
	else if (strcmp(space, "RGB ") != 0)
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_PDFA_INTENT_NOT_RGB);
	const char *want_lang = pages_meta(pl, "lang") ? pages_meta(pl, "lang") : "zh-CN";
	char *lang = qpdf_root_string(q, "/Lang");
	if (g_strcmp0(lang, want_lang) != 0)
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_LANG,
		    lang ? lang : "", want_lang);
	g_free(lang);
	if (!is_tagged(q))
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_UNTAGGED);
	if (qpdf_is_encrypted(q))
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_ENCRYPTED);
	if (!qpdf_is_linearized(q))
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_NOT_LINEARIZED);
}

void
verify_metadata(checker *ck, edition *e)
{
	verify_info(ck, e);
	verify_xmp(ck, e);
	if (!e->qpdf)
		return;
	if (!has_file_id(e->qpdf))
		fail(ck, GB_CHECK_META, e->file, 0, "", DIAG_CHECK_NO_ID);
	if (e->file == FILE_PRINT)
		verify_print_markers(ck, e);
	else
		verify_web_markers(ck, e);
}

void
verify_label(checker *ck, edition *e, int i, const char *where, PopplerPage *page,
    const gb_page *p)
{
	char *label = poppler_page_get_label(page);
	if (g_strcmp0(label, p->label) != 0)
		fail(ck, GB_CHECK_META, e->file, i + 1, where, DIAG_CHECK_LABEL,
		    label ? label : "", p->label);
	g_free(label);
}
