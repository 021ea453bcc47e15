/* pdfpost.c — what cairo 1.16 cannot write, added with libqpdf: page
 * boxes, XMP, output intents, /Lang, a deterministic /ID, our producer and
 * dates; print content rewritten to gray so that text is black ink only.
 * Rewriting through qpdf also repairs the xref cairo breaks when tagging. */
#include "pdfpost.h"
#include "pdfstream.h"
#include "printed.h"
#include "content.h"
#include "date.h"
#include "diag.h"
#include "fontsubset.h"
#include "fontwidths.h"
#include "image.h"
#include "sign.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <qpdf/qpdf-c.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

G_DEFINE_QUARK(gb-pdfpost-error-quark, gb_pdfpost_error)

/* --- dates --------------------------------------------------------------- */

/* The line of meta KEY in the page list read, 0 if none. */
static int
meta_line(const gb_pages *pages, const char *key)
{
	for (guint i = 0; i < pages->meta->len; i++) {
		const gb_page_meta *m = &g_array_index(pages->meta, gb_page_meta, i);
		if (strcmp(m->key, key) == 0)
			return m->line;
	}
	return 0;
}

/* T in both PDF forms (date.c), into D. */
static void
set_pdf_date(gb_pdf_date *d, GDateTime *t)
{
	char *pdf = date_time_pdf(t), *xmp = date_time_xmp(t);
	g_strlcpy(d->pdf, pdf, sizeof d->pdf);
	g_strlcpy(d->xmp, xmp, sizeof d->xmp);
	g_free(pdf);
	g_free(xmp);
}

gboolean
pdfpost_date(const gb_pages *pages, const char *name, gb_pdf_date *d, GError **error)
{
	const char *date = pages_meta(pages, "date");
	GDateTime *t;
	if (date && *date) {
		gb_date day;
		if (date_parse(date, &day) != GB_DATE_OK) {
			diag_set_error(error, name, meta_line(pages, "date"), DIAG_PDFPOST_DATE, date);
			return FALSE;
		}
		t = date_midnight(day, 8);	/* the gazette's own time zone */
	} else {
		gint64 epoch = 0;
		const char *sde = g_getenv("SOURCE_DATE_EPOCH");
		if (sde && *sde && !gb_parse_int(sde, 0, G_GINT64_CONSTANT(253402300799), &epoch)) {
			diag_set_error(error, name, 0, DIAG_PDFPOST_EPOCH, sde);
			return FALSE;
		}
		t = g_date_time_new_from_unix_utc(epoch);
	}
	set_pdf_date(d, t);
	d->seconds = g_date_time_to_unix(t);
	g_date_time_unref(t);
	return TRUE;
}

/* --- gray content ---------------------------------------------------------- */

typedef struct {
	gsize start, end;
	gboolean number;
	double value;
} operand;

static gboolean
is_white(guchar c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static gboolean
is_delim(guchar c)
{
	return strchr("()<>[]{}/%", c) != NULL && c != '\0';
}

static gboolean
gray_fail(GError **error, const char *what, const guchar *in, gsize start, gsize end)
{
	char *msg = diag_text(DIAG_PDFPOST_COLOUR, what, (int)MIN(end - start, 60),
	    (const char *)in + start);
	g_set_error_literal(error, GB_PDFPOST_ERROR, GB_PDFPOST_ERROR_INPUT, msg);
	g_free(msg);
	return FALSE;
}

static gboolean
operand_value(const guchar *in, operand *op)
{
	char tok[32];
	gsize n = MIN(op->end - op->start, sizeof tok - 1);
	memcpy(tok, in + op->start, n);
	tok[n] = '\0';
	char *end;
	op->value = g_ascii_strtod(tok, &end);
	return n && *end == '\0';
}

/* Skips a literal string starting at in[i] == '('; returns the index after it. */
static gsize
skip_string(const guchar *in, gsize len, gsize i)
{
	return content_next(in, len, &i).end;
}

/* The operator TOK (from START to I) with the operands OPS before it:
 * an RGB or CMYK colour that is gray is written to OUT as gray (what lies
 * before it from *COPIED with it); any other colour is refused. */
static gboolean
gray_operator(const guchar *in, const char *tok, operand *ops, int nops, gsize start, gsize i,
    gsize *copied, GString *out, GError **error)
{
	gboolean stroke = tok[0] >= 'A' && tok[0] <= 'Z';
	gboolean colour = strcmp(tok, "rg") == 0 || strcmp(tok, "RG") == 0
	    || strcmp(tok, "k") == 0 || strcmp(tok, "K") == 0;
	for (int k = 0; colour && k < nops; k++)
		if (ops[k].number && !operand_value(in, &ops[k]))
			return gray_fail(error, "格式有误的数", in, ops[k].start,
			    ops[k].end);
	if (strcmp(tok, "rg") == 0 || strcmp(tok, "RG") == 0) {
		if (nops < 3 || !ops[nops - 1].number || !ops[nops - 2].number
		    || !ops[nops - 3].number)
			return gray_fail(error, "格式有误的颜色", in, start, i);
		operand *r = &ops[nops - 3];
		if (r[0].value != r[1].value || r[1].value != r[2].value)
			return gray_fail(error, "RGB 颜色", in, r->start, i);
		g_string_append_len(out, (const char *)in + *copied, r->start - *copied);
		g_string_append_len(out, (const char *)in + r->start, r->end - r->start);
		g_string_append(out, stroke ? " G" : " g");
		*copied = i;
	} else if (strcmp(tok, "k") == 0 || strcmp(tok, "K") == 0) {
		if (nops < 4)
			return gray_fail(error, "格式有误的颜色", in, start, i);
		operand *k = &ops[nops - 4];
		if (k[0].value != 0 || k[1].value != 0 || k[2].value != 0)
			return gray_fail(error, "CMYK 颜色", in, k->start, i);
		char num[G_ASCII_DTOSTR_BUF_SIZE];
		g_ascii_formatd(num, sizeof num, "%.4g", 1 - k[3].value);
		g_string_append_len(out, (const char *)in + *copied, k->start - *copied);
		g_string_append_printf(out, "%s %s", num, stroke ? "G" : "g");
		*copied = i;
	} else if (strcmp(tok, "cs") == 0 || strcmp(tok, "CS") == 0
	    || strcmp(tok, "sc") == 0 || strcmp(tok, "SC") == 0
	    || strcmp(tok, "scn") == 0 || strcmp(tok, "SCN") == 0
	    || strcmp(tok, "sh") == 0) {
		return gray_fail(error, "色彩空间或渐变", in, start, i);
	} else if (strcmp(tok, "BI") == 0) {
		return gray_fail(error, "内嵌图像", in, start, i);
	}
	return TRUE;
}

gboolean
pdfpost_content_to_gray(const guchar *in, gsize len, GString *out, GError **error)
{
	operand ops[8];
	int nops = 0;
	gsize copied = 0, i = 0;

	while (i < len) {
		guchar c = in[i];
		if (is_white(c)) {
			i++;
			continue;
		}
		if (c == '%') {
			while (i < len && in[i] != '\n' && in[i] != '\r')
				i++;
			continue;
		}
		gsize start = i;
		gboolean is_operator = FALSE;
		if (c == '(') {
			i = skip_string(in, len, i);
		} else if (c == '<' && i + 1 < len && in[i + 1] == '<') {
			i += 2;
		} else if (c == '>' && i + 1 < len && in[i + 1] == '>') {
			i += 2;
		} else if (c == '<') {
			while (i < len && in[i] != '>')
				i++;
			i++;
		} else if (strchr("[]{}", c)) {
			i++;
		} else if (c == '/') {
			i++;
			while (i < len && !is_white(in[i]) && !is_delim(in[i]))
				i++;
		} else {
			while (i < len && !is_white(in[i]) && !is_delim(in[i]))
				i++;
			if (i == start)
				i++;	/* a stray ')' or '>' */
			char tok[32];
			gsize n = MIN(i - start, sizeof tok - 1);
			memcpy(tok, in + start, n);
			tok[n] = '\0';
			if (g_ascii_isdigit(tok[0]) || (tok[0] && strchr("+-.", tok[0]))) {
				/* A number; its value is needed only before a colour
				 * operator, so it is parsed there. */
				if (nops == G_N_ELEMENTS(ops)) {
					memmove(ops, ops + 1, sizeof ops[0] * (nops - 1));
					nops--;
				}
				ops[nops++] = (operand){ start, i, TRUE, 0 };
				continue;
			}
			is_operator = TRUE;
			if (!gray_operator(in, tok, ops, nops, start, i, &copied, out, error))
				return FALSE;
		}
		if (is_operator)
			nops = 0;
		else {
			if (nops == G_N_ELEMENTS(ops)) {
				memmove(ops, ops + 1, sizeof ops[0] * (nops - 1));
				nops--;
			}
			ops[nops++] = (operand){ start, i, FALSE, 0 };
		}
	}
	g_string_append_len(out, (const char *)in + copied, len - copied);
	return TRUE;
}

/* --- qpdf -------------------------------------------------------------------- */

typedef struct {
	qpdf_data q;
	const gb_pages *pages;
	const char *name;
	gb_edition edition;
	const gb_pdf_date *date;
	GError **error;
	gboolean tagged;	/* the web edition has its structure tree (not the bound volume) */
	GHashTable *seen;	/* object ids of XObjects already made gray */
	char *doc_id;		/* uuid for the XMP */
} post;

static gboolean
qpdf_failed(post *p, const char *doing)
{
	if (!qpdf_has_error(p->q))
		return FALSE;
	qpdf_error e = qpdf_get_error(p->q);
	diag_set_error(p->error, p->name, 0, DIAG_PDFPOST_QPDF, doing,
	    e ? qpdf_get_error_full_text(p->q, e) : "?");
	return TRUE;
}

static qpdf_oh
parse_f(post *p, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static qpdf_oh
parse_f(post *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	qpdf_oh oh = qpdf_oh_parse(p->q, s);
	g_free(s);
	return oh;
}

/* A PDF number: C locale, at most 3 decimals. */
static const char *
num(char *buf, double v)
{
	g_ascii_formatd(buf, G_ASCII_DTOSTR_BUF_SIZE, "%.3f", v);
	char *e = buf + strlen(buf) - 1;
	while (*e == '0')
		*e-- = '\0';
	if (*e == '.')
		*e = '\0';
	return buf;
}

static qpdf_oh
new_stream(post *p, const void *data, gsize len)
{
	return pdfstream_new(p->q, data, len);
}

static gboolean
read_profile(post *p, const char *path, const char *space, guchar **data, gsize *len)
{
	GError *err = NULL;
	if (!gb_read_input(path, GB_MAX_TEXT_INPUT, (char **)data, len, &err)) {
		char *why = diag_error_text(err, path);
		diag_set_error(p->error, path, 0, DIAG_PDFPOST_PROFILE, why);
		g_free(why);
		g_error_free(err);
		return FALSE;
	}
	/* An ICC header: size, version 2 or 4, the colour space at 16. */
	if (*len < 128 || ((*data)[8] != 2 && (*data)[8] != 4)
	    || memcmp(*data + 16, space, 4) != 0 || memcmp(*data + 36, "acsp", 4) != 0) {
		diag_set_error(p->error, path, 0, DIAG_PDFPOST_PROFILE_BAD, path, space);
		g_free(*data);
		return FALSE;
	}
	return TRUE;
}

static gboolean
add_output_intent(post *p)
{
	gboolean print = p->edition == GB_EDITION_PRINT;
	guchar *icc;
	gsize len;
	if (!read_profile(p, print ? GB_CMYK_PROFILE : GB_SRGB_PROFILE, print ? "CMYK" : "RGB ",
		&icc, &len))
		return FALSE;
	qpdf_oh profile = new_stream(p, icc, len);
	g_free(icc);
	qpdf_oh dict = qpdf_oh_get_dict(p->q, profile);
	qpdf_oh_replace_key(p->q, dict, "/N", qpdf_oh_new_integer(p->q, print ? 4 : 3));

	qpdf_oh intent = qpdf_oh_new_dictionary(p->q);
	qpdf_oh_replace_key(p->q, intent, "/Type", qpdf_oh_new_name(p->q, "/OutputIntent"));
	qpdf_oh_replace_key(p->q, intent, "/S",
	    qpdf_oh_new_name(p->q, print ? "/GTS_PDFX" : "/GTS_PDFA1"));
	/* The Artifex profile ghostscript ships is for SWOP (CGATS TR 001). */
	qpdf_oh_replace_key(p->q, intent, "/OutputConditionIdentifier",
	    qpdf_oh_new_string(p->q, print ? "CGATS TR 001" : "sRGB IEC61966-2.1"));
	qpdf_oh_replace_key(p->q, intent, "/OutputCondition",
	    qpdf_oh_new_string(p->q, print ? "SWOP (Artifex CMYK SWOP Profile)" : "sRGB"));
	qpdf_oh_replace_key(p->q, intent, "/Info",
	    qpdf_oh_new_string(p->q, print ? "Artifex CMYK SWOP Profile" : "sRGB IEC61966-2.1"));
	qpdf_oh_replace_key(p->q, intent, "/RegistryName",
	    qpdf_oh_new_string(p->q, "http://www.color.org"));
	qpdf_oh_replace_key(p->q, intent, "/DestOutputProfile", profile);
	qpdf_oh intents = qpdf_oh_new_array(p->q);
	qpdf_oh_append_item(p->q, intents, intent);
	qpdf_oh_replace_key(p->q, qpdf_get_root(p->q), "/OutputIntents", intents);
	return !qpdf_failed(p, "output intent");
}

static void
xmp_text(GString *x, const char *elem, const char *value)
{
	if (!value || !*value)
		return;
	char *esc = g_markup_escape_text(value, -1);
	g_string_append_printf(x, "   <%s>%s</%s>\n", elem, esc, elem);
	g_free(esc);
}

static void
xmp_alt(GString *x, const char *elem, const char *value)
{
	if (!value || !*value)
		return;
	char *esc = g_markup_escape_text(value, -1);
	g_string_append_printf(x, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li>"
	    "</rdf:Alt></%s>\n", elem, esc, elem);
	g_free(esc);
}

/* A document's own PDF (docfiles.c): its stable identifier and 发文字号
 * (dc:identifier), its 成文日期 (dc:date), the gazette and issue it was
 * published in (dc:source), from the meta docfiles.c gives it. */
static void
xmp_document(GString *x, const gb_pages *pg)
{
	const char *ident = pages_meta(pg, "identifier"), *number = pages_meta(pg, "number");
	const char *date = pages_meta(pg, "document-date");
	if (!ident || !*ident)
		return;
	g_string_append(x, "   <dc:identifier><rdf:Bag>");
	for (int i = 0; i < 2; i++) {
		const char *v = i ? number : ident;
		char *esc = v && *v ? g_markup_escape_text(v, -1) : NULL;
		if (esc)
			g_string_append_printf(x, "<rdf:li>%s</rdf:li>", esc);
		g_free(esc);
	}
	g_string_append(x, "</rdf:Bag></dc:identifier>\n");
	if (date && *date)
		g_string_append_printf(x, "   <dc:date><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq>"
		    "</dc:date>\n", date); /* YYYY-MM-DD, as the parser checked it */
	xmp_text(x, "dc:source", pages_meta(pg, "source"));
}

/* The XMP packet, kept consistent with the Info dictionary (PDF/A 6.6). */
static char *
make_xmp(post *p)
{
	gboolean print = p->edition == GB_EDITION_PRINT;
	const gb_pages *pg = p->pages;
	const char *lang = pages_meta(pg, "lang");
	GString *x = g_string_new("<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	    "  <rdf:Description rdf:about=\"\"\n"
	    "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	    "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	    "    xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"\n"
	    "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n");
	g_string_append(x, print ? "    xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\">\n"
	    : "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
	    "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n");
	xmp_text(x, "dc:format", "application/pdf");
	xmp_alt(x, "dc:title", pages_meta(pg, "title"));
	const char *publisher = pages_meta(pg, "publisher");
	if (publisher && *publisher) {
		char *esc = g_markup_escape_text(publisher, -1);
		g_string_append_printf(x, "   <dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq>"
		    "</dc:creator>\n", esc);
		g_free(esc);
	}
	xmp_alt(x, "dc:description", pages_meta(pg, "subject"));
	xmp_document(x, pg);
	if (lang && *lang) {
		char *esc = g_markup_escape_text(lang, -1);
		g_string_append_printf(x, "   <dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag>"
		    "</dc:language>\n", esc);
		g_free(esc);
	}
	xmp_text(x, "xmp:CreateDate", p->date->xmp);
	xmp_text(x, "xmp:ModifyDate", p->date->xmp);
	xmp_text(x, "xmp:MetadataDate", p->date->xmp);
	xmp_text(x, "xmp:CreatorTool", "gongbao");
	xmp_text(x, "pdf:Producer", "gongbao " GONGBAO_VERSION);
	xmp_text(x, "pdf:Keywords", pages_meta(pg, "keywords"));
	xmp_text(x, "xmpMM:DocumentID", p->doc_id);
	xmp_text(x, "xmpMM:InstanceID", p->doc_id);
	if (print) {
		xmp_text(x, "xmpMM:VersionID", "1");
		xmp_text(x, "xmpMM:RenditionClass", "default");
		xmp_text(x, "pdf:Trapped", "False");
		xmp_text(x, "pdfxid:GTS_PDFXVersion", "PDF/X-4");
	} else {
		/* PDF/A-2a: tagged as PDF/UA-1 requires (structure.c); a web
		 * edition without a structure tree (the bound volume, joined
		 * from issues) is PDF/A-2u */
		xmp_text(x, "pdfaid:part", "2");
		xmp_text(x, "pdfaid:conformance", p->tagged ? "A" : "U");
		if (p->tagged)
			xmp_text(x, "pdfuaid:part", "1");
	}
	g_string_append(x, "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n");
	/* Padding lets a later editor update the packet in place. */
	for (int i = 0; i < 20; i++)
		g_string_append(x, "                                                  \n");
	g_string_append(x, "<?xpacket end=\"w\"?>");
	return g_string_free(x, FALSE);
}

static void
info_string(post *p, qpdf_oh info, const char *key, const char *value)
{
	if (value && *value)
		qpdf_oh_replace_key(p->q, info, key, qpdf_oh_new_unicode_string(p->q, value));
}

static gboolean
set_metadata(post *p)
{
	gboolean print = p->edition == GB_EDITION_PRINT;
	qpdf_data q = p->q;
	const gb_pages *pg = p->pages;

	qpdf_oh info = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));
	info_string(p, info, "/Title", pages_meta(pg, "title"));
	info_string(p, info, "/Author", pages_meta(pg, "publisher"));
	info_string(p, info, "/Subject", pages_meta(pg, "subject"));
	info_string(p, info, "/Keywords", pages_meta(pg, "keywords"));
	info_string(p, info, "/Creator", "gongbao");
	info_string(p, info, "/Producer", "gongbao " GONGBAO_VERSION);
	info_string(p, info, "/CreationDate", p->date->pdf);
	info_string(p, info, "/ModDate", p->date->pdf);
	if (print) {
		info_string(p, info, "/GTS_PDFXVersion", "PDF/X-4");
		qpdf_oh_replace_key(q, info, "/Trapped", qpdf_oh_new_name(q, "/False"));
	}
	qpdf_oh_replace_key(q, qpdf_get_trailer(q), "/Info", info);

	char *xmp = make_xmp(p);
	qpdf_oh meta = new_stream(p, xmp, strlen(xmp));
	g_free(xmp);
	qpdf_oh dict = qpdf_oh_get_dict(q, meta);
	qpdf_oh_replace_key(q, dict, "/Type", qpdf_oh_new_name(q, "/Metadata"));
	qpdf_oh_replace_key(q, dict, "/Subtype", qpdf_oh_new_name(q, "/XML"));
	qpdf_oh root = qpdf_get_root(q);
	qpdf_oh_replace_key(q, root, "/Metadata", meta);

	const char *lang = pages_meta(pg, "lang");
	qpdf_oh_replace_key(q, root, "/Lang", qpdf_oh_new_string(q, lang && *lang ? lang : "zh-CN"));
	if (!print && p->tagged) {
		qpdf_oh mark = qpdf_oh_get_key(q, root, "/MarkInfo");
		if (!qpdf_oh_is_dictionary(q, mark)) {
			mark = qpdf_oh_new_dictionary(q);
			qpdf_oh_replace_key(q, root, "/MarkInfo", mark);
		}
		qpdf_oh_replace_key(q, mark, "/Marked", qpdf_oh_new_bool(q, QPDF_TRUE));
		qpdf_oh_replace_key(q, root, "/ViewerPreferences",
		    qpdf_oh_parse(q, "<< /DisplayDocTitle true >>"));
	}
	return !qpdf_failed(p, "metadata");
}

/* The keys of DICT (the C API has one key iterator per qpdf_data, so they
 * are copied before anything else iterates). */
static GPtrArray *
dict_keys(post *p, qpdf_oh dict)
{
	GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
	if (!qpdf_oh_is_dictionary(p->q, dict))
		return keys;
	qpdf_oh_begin_dict_key_iter(p->q, dict);
	while (qpdf_oh_dict_more_keys(p->q))
		g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(p->q)));
	return keys;
}

static gboolean
gray_resources(post *p, qpdf_oh resources, int depth);

/* Form XObjects have content streams of their own; images must be gray. */
static gboolean
gray_xobject(post *p, qpdf_oh x, int depth)
{
	if (!qpdf_oh_is_stream(p->q, x))
		return TRUE;
	int id = qpdf_oh_get_object_id(p->q, x);
	if (id && !g_hash_table_add(p->seen, GINT_TO_POINTER(id)))
		return TRUE;
	qpdf_oh dict = qpdf_oh_get_dict(p->q, x);
	qpdf_oh subtype = qpdf_oh_get_key(p->q, dict, "/Subtype");
	if (qpdf_oh_is_name_and_equals(p->q, subtype, "/Image")) {
		qpdf_oh cs = qpdf_oh_get_key(p->q, dict, "/ColorSpace");
		if (!qpdf_oh_is_name_and_equals(p->q, cs, "/DeviceGray")
		    && !qpdf_oh_get_bool_value(p->q, qpdf_oh_get_key(p->q, dict, "/ImageMask"))) {
			diag_set_error(p->error, p->name, 0, DIAG_PDFPOST_COLOUR_IMAGE);
			return FALSE;
		}
		return TRUE;
	}
	if (!qpdf_oh_is_name_and_equals(p->q, subtype, "/Form"))
		return TRUE;
	unsigned char *buf = NULL;
	size_t len = 0;
	QPDF_BOOL filtered = QPDF_FALSE;
	if ((qpdf_oh_get_stream_data(p->q, x, qpdf_dl_generalized, &filtered, &buf, &len)
		& QPDF_ERRORS) || !filtered) {
		free(buf);
		if (!qpdf_failed(p, "form content"))
			diag_set_error(p->error, p->name, 0, DIAG_PDFPOST_FORM);
		return FALSE;
	}
	GString *out = g_string_sized_new(len + 64);
	GError *err = NULL;
	gboolean ok = pdfpost_content_to_gray(buf, len, out, &err);
	free(buf);
	if (!ok) {
		diag_set_error(p->error, p->name, 0, DIAG_PDFPOST_FORM_NOT_GRAY, err->message);
		g_error_free(err);
	}
	if (ok) {
		GString *lit = content_literal_text((const guchar *)out->str, out->len);
		pdfstream_replace(p->q, x, lit->str, lit->len);
		g_string_free(lit, TRUE);
		qpdf_oh_remove_key(p->q, dict, "/Group");
	}
	g_string_free(out, TRUE);
	return ok && gray_resources(p, qpdf_oh_get_key(p->q, dict, "/Resources"), depth + 1);
}

static gboolean
gray_resources(post *p, qpdf_oh resources, int depth)
{
	if (depth > 16 || !qpdf_oh_is_dictionary(p->q, resources))
		return TRUE;
	qpdf_oh xobjects = qpdf_oh_get_key(p->q, resources, "/XObject");
	GPtrArray *keys = dict_keys(p, xobjects);
	gboolean ok = TRUE;
	for (guint i = 0; ok && i < keys->len; i++)
		ok = gray_xobject(p, qpdf_oh_get_key(p->q, xobjects, keys->pdata[i]), depth);
	g_ptr_array_free(keys, TRUE);
	return ok;
}

static gboolean
gray_page(post *p, qpdf_oh page, int number)
{
	unsigned char *buf = NULL;
	size_t len = 0;
	if (qpdf_oh_get_page_content_data(p->q, page, &buf, &len) & QPDF_ERRORS) {
		free(buf);
		qpdf_failed(p, "page content");
		return FALSE;
	}
	GString *out = g_string_sized_new(len + 64);
	GError *err = NULL;
	gboolean ok = pdfpost_content_to_gray(buf, len, out, &err);
	free(buf);
	if (ok) {
		GString *lit = content_literal_text((const guchar *)out->str, out->len);
		qpdf_oh_replace_key(p->q, page, "/Contents", new_stream(p, lit->str, lit->len));
		g_string_free(lit, TRUE);
	} else {
		diag_set_error(p->error, p->name, 0, DIAG_PDFPOST_NOT_GRAY, number, err->message);
		g_error_free(err);
	}
	g_string_free(out, TRUE);
	return ok && gray_resources(p, qpdf_oh_get_key(p->q, page, "/Resources"), 0);
}

static gboolean
finish_pages(post *p)
{
	qpdf_data q = p->q;
	gboolean print = p->edition == GB_EDITION_PRINT;
	double s = print ? GB_SLUG : 0, b = print ? p->pages->bleed + s : 0;	/* the trim's offset */
	double w = p->pages->trim_width, h = p->pages->trim_height;
	char n1[G_ASCII_DTOSTR_BUF_SIZE], n2[G_ASCII_DTOSTR_BUF_SIZE];
	char n3[G_ASCII_DTOSTR_BUF_SIZE], n4[G_ASCII_DTOSTR_BUF_SIZE];
	char n5[G_ASCII_DTOSTR_BUF_SIZE], n6[G_ASCII_DTOSTR_BUF_SIZE];
	qpdf_oh trim = parse_f(p, "[%s %s %s %s]", num(n1, b), num(n2, b), num(n3, b + w),
	    num(n4, b + h));
	char n7[G_ASCII_DTOSTR_BUF_SIZE];
	qpdf_oh bleed = parse_f(p, "[%s %s %s %s]", num(n7, s), n7, num(n5, w + 2 * b - s),
	    num(n6, h + 2 * b - s));

	int n = qpdf_get_num_pages(q);
	if (qpdf_failed(p, "pages"))
		return FALSE;
	/* cairo's page group, the same direct dictionary on every page: one
	 * object that every page names (a linearized file keeps page objects
	 * out of object streams: 66 bytes a page, not deflated) */
	qpdf_oh group = 0;
	char *group_text = NULL;
	for (int i = 0; i < n; i++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
		qpdf_oh_replace_key(q, page, "/TrimBox", trim);
		qpdf_oh g = print ? 0 : qpdf_oh_get_key(q, page, "/Group");
		if (g && qpdf_oh_is_dictionary(q, g) && !qpdf_oh_is_indirect(q, g)) {
			const char *text = qpdf_oh_unparse(q, g);
			if (!group) {
				group_text = g_strdup(text);
				group = qpdf_make_indirect_object(q, g);
			}
			if (strcmp(text, group_text) == 0)
				qpdf_oh_replace_key(q, page, "/Group", group);
		}
		if (print) {
			qpdf_oh_replace_key(q, page, "/BleedBox", bleed);
			/* cairo's transparency group is in DeviceRGB, which PDF/X-4
			 * refuses with a CMYK intent; nothing here is transparent. */
			qpdf_oh_remove_key(q, page, "/Group");
			if (!gray_page(p, page, i + 1))
				return FALSE;
		}
		/* PDF/A: every annotation printable (/F 4). */
		qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
		int na = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
		for (int k = 0; k < na; k++) {
			qpdf_oh a = qpdf_oh_get_array_item(q, annots, k);
			if (qpdf_oh_is_dictionary(q, a))
				qpdf_oh_replace_key(q, a, "/F", qpdf_oh_new_integer(q, 4));
		}
		if (g)
			qpdf_oh_release(q, g);
		qpdf_oh_release(q, page);
		qpdf_oh_release(q, annots);
		if (qpdf_failed(p, "pages")) {
			g_free(group_text);
			return FALSE;
		}
	}
	g_free(group_text);
	return TRUE;
}

/* Reads the result again: what qpdf warns about here, a print shop's
 * preflight would too. */
static gboolean
verify(post *p, const char *data, gsize len)
{
	qpdf_data q = qpdf_init();
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	gboolean ok = !(qpdf_read_memory(q, p->name, data, len, NULL) & QPDF_ERRORS);
	if (ok)
		qpdf_get_num_pages(q);
	if (ok && qpdf_more_warnings(q)) {
		qpdf_error e = qpdf_next_warning(q);
		diag_set_error(p->error, p->name, 0, DIAG_PDFPOST_CHECK, qpdf_get_error_full_text(q, e));
		ok = FALSE;
	} else if (!ok) {
		qpdf_error e = qpdf_get_error(q);
		diag_set_error(p->error, p->name, 0, DIAG_PDFPOST_READ_BACK,
		    e ? qpdf_get_error_full_text(q, e) : "?");
	}
	qpdf_cleanup(&q);
	return ok;
}

/* qpdf 11.3 writes a linearized file in two passes, the main xref stream
 * uncompressed in the first, and pads the second pass's output with spaces
 * before the last startxref up to the first pass's length, which the
 * linearization dictionary's /L gives (QPDFWriter::writeLinearized, "make
 * the file size the same"): 452 KB of spaces in the corpus's web edition,
 * 5 % of it.  The spaces go and /L gets the new length, padded with spaces
 * to the old number's width so that no offset before it moves; nothing
 * after the padding but the last startxref refers to an offset.  A file
 * not laid out so is left as it is. */
static void
trim_padding(char *buf, gsize *len)
{
	gsize n = *len, head = MIN(n, 1024);
	const char *lin = g_strstr_len(buf, (gssize)head, "/Linearized");
	const char *close = lin ? g_strstr_len(lin, (gssize)(buf + head - lin), ">>") : NULL;
	const char *l = close ? g_strstr_len(lin, close - lin, "/L ") : NULL;
	if (!l)
		return;
	char *digits = (char *)l + 3, *end = digits;
	while (end < close && g_ascii_isdigit(*end))
		end++;
	gsize width = (gsize)(end - digits);
	if (width == 0 || width > 20 || g_ascii_strtoull(digits, NULL, 10) != n)
		return;
	/* the tail: "endobj\n", the spaces, "\nstartxref\n…%%EOF\n" */
	gsize from = n > 1024 ? n - 1024 : 0, at = n;
	for (gsize i = from; i + 9 <= n; i++)
		if (memcmp(buf + i, "startxref", 9) == 0)
			at = i;
	if (at == n || at < 2 || buf[at - 1] != '\n')
		return;
	gsize pad_end = at - 1, pad = pad_end;
	while (pad > 0 && buf[pad - 1] == ' ')
		pad--;
	if (pad == pad_end || pad == 0 || buf[pad - 1] != '\n')
		return;
	gsize trimmed = n - (pad_end - pad);
	char num[24];
	int w = g_snprintf(num, sizeof num, "%" G_GSIZE_FORMAT, trimmed);
	if (w <= 0 || (gsize)w > width)
		return;	/* cannot be: the file only shrinks */
	memmove(buf + pad, buf + pad_end, n - pad_end);
	memset(digits, ' ', width);
	memcpy(digits, num, (gsize)w);
	*len = trimmed;
}

/* Writes P's file, linearized if it is the web edition but for its
 * proof, and frees qpdf's objects (P->q NULL): the file's bytes (*LEN)
 * or NULL with the error set.  qpdf writes to a scratch file BESIDE the
 * output (gb_scratch_open), not to memory, where its buffer would be
 * the whole file twice over at the peak; the file is read back once
 * qpdf's objects are gone, so that the parses are never held at once,
 * and signed in memory. */
static char *
write_file(post *p, const char *beside, gboolean proof, gsize *len)
{
	qpdf_data q = p->q;
	char *data = NULL;
	GError *err = NULL;
	gb_output *scratch = gb_scratch_open(beside, p->error);
	if (!scratch)
		return NULL;
	const char *tmp = gb_output_temp_path(scratch);
	gboolean ok = !(qpdf_init_write(q, tmp) & QPDF_ERRORS);
	if (ok) {
		qpdf_set_object_stream_mode(q, p->edition == GB_EDITION_WEB ? qpdf_o_generate
		    : qpdf_o_disable);
		qpdf_set_compress_streams(q, QPDF_TRUE);
		qpdf_set_decode_level(q, qpdf_dl_none);
		qpdf_set_deterministic_ID(q, QPDF_TRUE);
		qpdf_set_minimum_pdf_version(q, "1.6");
		if (p->edition == GB_EDITION_WEB && !proof)
			qpdf_set_linearization(q, QPDF_TRUE);
		ok = !(qpdf_write(q) & QPDF_ERRORS);
	}
	if (!ok && !qpdf_failed(p, "writing"))
		diag_set_error(p->error, p->name, 0, DIAG_PDFPOST_QPDF, "writing", "?");
	qpdf_cleanup(&p->q);
	if (ok && !g_file_get_contents(tmp, &data, len, &err)) {
		diag_set_error(p->error, p->name, 0, DIAG_PDFPOST_WRITE, err->message);
		g_error_free(err);
	}
	gb_output_abort(scratch);
	return data;
}

QPDF_ERROR_CODE
pdfpost_read_painted(qpdf_data q, const gb_painted *p, const char *name)
{
	gsize len;
	const char *data = g_bytes_get_data(p->bytes, &len);
	return qpdf_read_memory(q, name, data, len, NULL);
}

static char *
uuid_of(const gb_painted *painted, gb_edition edition, gboolean proof)
{
	GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
	gsize len;
	const guchar *d = g_bytes_get_data(painted->bytes, &len);
	g_checksum_update(c, d, len);
	g_checksum_update(c, (const guchar *)(edition == GB_EDITION_PRINT ? "print"
	    : proof ? "proof" : "web"), -1);
	const char *h = g_checksum_get_string(c);
	char *u = g_strdup_printf("uuid:%.8s-%.4s-%.4s-%.4s-%.12s", h, h + 8, h + 12, h + 16,
	    h + 20);
	g_checksum_free(c);
	return u;
}

/* pdfpost_finish, and pdfpost_finish_print when PLAN: the print edition
 * made of the web edition's painting (printed.h) first. */
static gboolean
finish(const gb_painted *cairo_pdf, const gb_pages *pages, const GPtrArray *alts,
    const gb_structure *tree, const char *name, gb_edition edition, const gb_pdf_date *date,
    const gb_proofmarks *proof, const gb_signkey *signer, const gb_print_plan *plan,
    FILE *out, GError **error)
{
	post p = {
		.q = qpdf_init(), .pages = pages, .name = name, .edition = edition,
		.date = date, .error = error, .tagged = tree != NULL,
		.seen = g_hash_table_new(g_direct_hash, g_direct_equal),
		.doc_id = uuid_of(cairo_pdf, edition, proof != NULL),
	};
	qpdf_data q = p.q;
	qpdf_silence_errors(q);
	/* cairo's own xref damage is expected here and repaired on writing. */
	qpdf_set_suppress_warnings(q, QPDF_TRUE);

	gboolean result = FALSE;
	gboolean ok = !(pdfpost_read_painted(q, cairo_pdf, name) & QPDF_ERRORS);
	if (!ok && !qpdf_failed(&p, "reading cairo's PDF"))
		diag_set_error(error, name, 0, DIAG_PDFPOST_CAIRO_PDF);
	while (qpdf_more_warnings(q))
		qpdf_next_warning(q);
	if (ok)
		structure_drop_painted(q);
	if (ok && plan)
		ok = printed_derive(q, plan, name, error);
	ok = ok && finish_pages(&p) && set_metadata(&p) && add_output_intent(&p);
	/* before the proof's marks: the annotations it reads are cairo's links */
	if (ok && tree)
		ok = structure_apply(tree, q, name, error);
	GArray *fonts = ok ? fontwidths_cid_fonts(q) : NULL;
	if (ok && !fontwidths_compact(q, fonts))
		ok = !qpdf_failed(&p, "font widths");
	if (ok && !fontsubset_flatten(q, fonts))
		ok = !qpdf_failed(&p, "font programs");
	if (fonts)
		g_array_free(fonts, TRUE);
	if (ok && proof && !proofmarks_apply(proof, q, pages->trim_height, date->pdf))
		ok = !qpdf_failed(&p, "proof marks");
	if (ok && edition == GB_EDITION_WEB && !image_set_alt(q, alts)) {
		diag_set_error(error, name, 0, DIAG_PDFPOST_FIGURES);
		ok = FALSE;
	}
	if (edition != GB_EDITION_WEB || proof)
		signer = NULL;
	if (ok && signer && !sign_prepare(q, signer, date->seconds, date->pdf, name, error)) {
		if (!(error && *error) && !qpdf_failed(&p, "signature field"))
			diag_set_error(error, name, 0, DIAG_PDFPOST_QPDF, "signature field", "?");
		ok = FALSE;
	}
	/* every handle the finishing took goes before the write (the objects
	 * stay in Q): at the corpus they were 45 MB of the peak */
	qpdf_oh_release_all(q);
	gsize len_out = 0;
	char *copy = ok ? write_file(&p, cairo_pdf->beside, proof != NULL, &len_out) : NULL;
	if (p.q)
		qpdf_cleanup(&p.q);
	if (copy && edition == GB_EDITION_WEB && !proof)
		trim_padding(copy, &len_out);
	if (copy && (!signer || sign_fill((guchar *)copy, len_out, signer, date->seconds, name,
	    error)) && verify(&p, copy, len_out)) {
		result = fwrite(copy, 1, len_out, out) == len_out;
		if (!result)
			diag_set_error(error, name, 0, DIAG_PDFPOST_WRITE, g_strerror(errno));
	}
	g_free(copy);
	g_hash_table_destroy(p.seen);
	g_free(p.doc_id);
	return result;
}

gboolean
pdfpost_finish(const gb_painted *cairo_pdf, const gb_pages *pages, const GPtrArray *alts,
    const gb_structure *tree, const char *name, gb_edition edition, const gb_pdf_date *date,
    const gb_proofmarks *proof, const gb_signkey *signer, FILE *out, GError **error)
{
	return finish(cairo_pdf, pages, alts, tree, name, edition, date, proof, signer, NULL, out,
	    error);
}

gboolean
pdfpost_finish_print(const gb_painted *web_painting, const gb_pages *pages,
    const gb_print_plan *plan, const char *name, const gb_pdf_date *date, FILE *out,
    GError **error)
{
	return finish(web_painting, pages, NULL, NULL, name, GB_EDITION_PRINT, date, NULL, NULL,
	    plan, out, error);
}
