/* sign.c — signs the web edition in place: the signature field before
 * qpdf writes, then the byte ranges and a CAdES detached CMS (OpenSSL,
 * SHA-256, signingCertificateV2) written over the reserved bytes.  The
 * signature dictionary is found through the cross-reference streams qpdf
 * wrote, so that no text in the file can stand in for it. */
#include "sign.h"
#include "diag.h"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <string.h>

/* The placeholder qpdf writes as "[ 0 1000000000 1000000000 1000000000 ]":
 * room for four ten-digit numbers, a file of up to 9 GB. */
#define BYTE_RANGE_PLACEHOLDER "[0 1000000000 1000000000 1000000000]"

/* --- before writing ------------------------------------------------------ */

/* DICT's array KEY, made empty there if it has none. */
static qpdf_oh
array_of(qpdf_data q, qpdf_oh dict, const char *key)
{
	qpdf_oh a = qpdf_oh_get_key(q, dict, key);
	if (!qpdf_oh_is_array(q, a)) {
		a = qpdf_oh_new_array(q);
		qpdf_oh_replace_key(q, dict, key, a);
	}
	return a;
}

static unsigned char *make_cms(const guchar *data, gsize len, const gb_signkey *key, gint64 when,
    int *der_len);

/* The bytes /Contents reserves for KEY's CMS at WHEN: a CMS of nothing
 * has the length of the real one (the digest and the RSA signature are of
 * fixed size), and a margin.  0 if OpenSSL cannot sign. */
static gsize
reserve_for(const gb_signkey *key, gint64 when)
{
	int n = 0;
	unsigned char *der = make_cms((const guchar *)"", 0, key, when, &n);
	OPENSSL_free(der);
	return der && n > 0 ? (gsize)n + 64 : 0;
}

/* The OpenSSL error, as the table's SIGN_CMS. */
static gboolean
cms_failed(const char *name, GError **error)
{
	unsigned long e = ERR_peek_last_error();
	const char *why = ERR_reason_error_string(e);
	diag_set_error(error, name, 0, DIAG_SIGN_CMS, why ? why : "?");
	ERR_clear_error();
	return FALSE;
}

gboolean
sign_prepare(qpdf_data q, const gb_signkey *key, gint64 when, const char *pdf_date,
    const char *name, GError **error)
{
	gsize reserve = reserve_for(key, when);
	if (!reserve)
		return cms_failed(name, error);
	qpdf_oh sig = qpdf_make_indirect_object(q, qpdf_oh_parse(q,
	    "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached"
	    " /ByteRange " BYTE_RANGE_PLACEHOLDER " >>"));
	char *zeros = g_malloc0(reserve);
	qpdf_oh_replace_key(q, sig, "/Contents", qpdf_oh_new_binary_string(q, zeros, reserve));
	g_free(zeros);
	qpdf_oh_replace_key(q, sig, "/M", qpdf_oh_new_string(q, pdf_date));

	/* Invisible: no area on the page (PDF/A allows a widget without an
	 * appearance only so), printable (/F 4: PDF/A refuses hidden ones). */
	qpdf_oh page = qpdf_get_page_n(q, 0);
	qpdf_oh field = qpdf_make_indirect_object(q, qpdf_oh_parse(q,
	    "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /F 4 /Rect [0 0 0 0] >>"));
	qpdf_oh_replace_key(q, field, "/TU", qpdf_oh_new_unicode_string(q, "电子版数字签名"));
	qpdf_oh_replace_key(q, field, "/V", sig);
	qpdf_oh_replace_key(q, field, "/P", page);
	qpdf_oh_append_item(q, array_of(q, page, "/Annots"), field);
	/* a page with annotations gives their tab order (PDF/UA) */
	qpdf_oh_replace_key(q, page, "/Tabs", qpdf_oh_new_name(q, "/S"));

	qpdf_oh root = qpdf_get_root(q);
	qpdf_oh form = qpdf_oh_get_key(q, root, "/AcroForm");
	if (!qpdf_oh_is_dictionary(q, form)) {
		form = qpdf_oh_new_dictionary(q);
		qpdf_oh_replace_key(q, root, "/AcroForm", form);
	}
	qpdf_oh_append_item(q, array_of(q, form, "/Fields"), field);
	/* SignaturesExist | AppendOnly */
	qpdf_oh_replace_key(q, form, "/SigFlags", qpdf_oh_new_integer(q, 3));
	return !qpdf_has_error(q);
}

/* --- finding the signature dictionary ------------------------------------ */

typedef struct {
	const guchar *buf;
	gsize len;
	const char *name;
	GError **error;
	qpdf_data q;		/* the written file, read back */
	gsize reserved;		/* the bytes /Contents holds */
} finder;

static gboolean
not_found(finder *f, const char *what)
{
	diag_set_error(f->error, f->name, 0, DIAG_SIGN_NOT_FOUND, what);
	return FALSE;
}

/* The signature dictionary's object number and generation, through
 * /AcroForm /Fields: the one field of type /Sig with a /ByteRange. */
static gboolean
find_sig_object(finder *f, int *id, int *gen)
{
	qpdf_data q = f->q;
	qpdf_oh form = qpdf_oh_get_key(q, qpdf_get_root(q), "/AcroForm");
	qpdf_oh fields = qpdf_oh_get_key(q, form, "/Fields");
	int n = qpdf_oh_is_array(q, fields) ? qpdf_oh_get_array_n_items(q, fields) : 0;
	int found = 0;
	for (int i = 0; i < n; i++) {
		qpdf_oh field = qpdf_oh_get_array_item(q, fields, i);
		qpdf_oh v = qpdf_oh_get_key(q, field, "/V");
		if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, field, "/FT"), "/Sig")
		    && qpdf_oh_has_key(q, v, "/ByteRange") && qpdf_oh_is_indirect(q, v)) {
			*id = qpdf_oh_get_object_id(q, v);
			*gen = qpdf_oh_get_generation(q, v);
			qpdf_oh_get_binary_string_value(q, qpdf_oh_get_key(q, v, "/Contents"),
			    &f->reserved);
			found++;
		}
	}
	return found == 1 || not_found(f, found ? "多于一个签名域" : "签名域");
}

/* "ID GEN obj" at offset AT: the numbers, and the offset after "obj". */
static gboolean
object_header(finder *f, gsize at, int *id, int *gen, gsize *after)
{
	if (at >= f->len)
		return FALSE;
	char head[48];
	gsize n = MIN(sizeof head - 1, f->len - at);
	memcpy(head, f->buf + at, n);
	head[n] = '\0';
	int used = 0;
	if (sscanf(head, "%d %d obj%n", id, gen, &used) != 2 || used == 0)
		return FALSE;
	*after = at + (gsize)used;
	return TRUE;
}

/* The offset the last startxref gives: in a linearized file, the first
 * page's cross-reference stream, whose /Prev is the main one. */
static gboolean
start_xref(finder *f, gsize *offset)
{
	static const char key[] = "startxref";
	gsize from = f->len > 1024 ? f->len - 1024 : 0;
	const guchar *last = NULL;
	for (const guchar *p = f->buf + from; p + sizeof key - 1 <= f->buf + f->len; p++)
		if (memcmp(p, key, sizeof key - 1) == 0)
			last = p;
	if (!last)
		return FALSE;
	char num[24];
	gsize i = (gsize)(last - f->buf) + sizeof key - 1, k = 0;
	while (i < f->len && strchr(" \r\n", f->buf[i]))
		i++;
	while (i < f->len && g_ascii_isdigit(f->buf[i]) && k < sizeof num - 1)
		num[k++] = (char)f->buf[i++];
	num[k] = '\0';
	return k && (*offset = g_ascii_strtoull(num, NULL, 10), TRUE);
}

static long long
int_item(qpdf_data q, qpdf_oh array, int i)
{
	qpdf_oh v = qpdf_oh_get_array_item(q, array, i);
	return qpdf_oh_is_integer(q, v) ? qpdf_oh_get_int_value(q, v) : -1;
}

/* The entry of object ID in the cross-reference stream XREF: TRUE with
 * its type, second and third field when the stream lists it. */
static gboolean
xref_entry(finder *f, qpdf_oh xref, int id, long long *type, long long *f2, long long *f3)
{
	qpdf_data q = f->q;
	qpdf_oh dict = qpdf_oh_get_dict(q, xref);
	qpdf_oh w = qpdf_oh_get_key(q, dict, "/W");
	if (!qpdf_oh_is_array(q, w) || qpdf_oh_get_array_n_items(q, w) != 3)
		return FALSE;
	int width[3], row = 0;
	for (int i = 0; i < 3; i++) {
		long long v = int_item(q, w, i);
		if (v < 0 || v > 8)
			return FALSE;
		width[i] = (int)v;
		row += width[i];
	}
	unsigned char *data = NULL;
	size_t len = 0;
	QPDF_BOOL filtered = QPDF_FALSE;
	if ((qpdf_oh_get_stream_data(q, xref, qpdf_dl_generalized, &filtered, &data, &len)
		& QPDF_ERRORS) || !filtered || row == 0) {
		free(data);
		return FALSE;
	}
	qpdf_oh index = qpdf_oh_get_key(q, dict, "/Index");
	int pairs = qpdf_oh_is_array(q, index) ? qpdf_oh_get_array_n_items(q, index) / 2 : 0;
	long long size = qpdf_oh_get_int_value(q, qpdf_oh_get_key(q, dict, "/Size"));
	gboolean found = FALSE;
	size_t at = 0;
	for (int p = 0; p < (pairs ? pairs : 1) && !found; p++) {
		long long first = pairs ? int_item(q, index, 2 * p) : 0;
		long long count = pairs ? int_item(q, index, 2 * p + 1) : size;
		if (first < 0 || count < 0)
			break;
		if (id >= first && id < first + count) {
			size_t e = at + (size_t)(id - first) * (size_t)row;
			if (e + (size_t)row > len)
				break;
			long long field[3];
			for (int k = 0; k < 3; k++) {
				/* a type field of width 0 means type 1 */
				field[k] = width[k] == 0 && k == 0 ? 1 : 0;
				for (int b = 0; b < width[k]; b++)
					field[k] = field[k] << 8 | data[e++];
			}
			*type = field[0];
			*f2 = field[1];
			*f3 = field[2];
			found = TRUE;
		}
		at += (size_t)count * (size_t)row;
	}
	free(data);
	return found;
}

/* The offset of object ID GEN in the file, from the cross-reference
 * streams: FALSE (with the error) unless it stands uncompressed. */
static gboolean
object_offset(finder *f, int id, int gen, gsize *offset)
{
	gsize at;
	if (!start_xref(f, &at))
		return not_found(f, "startxref");
	for (int section = 0; section < 16; section++) {
		int xid, xgen;
		gsize after;
		if (!object_header(f, at, &xid, &xgen, &after))
			return not_found(f, "交叉引用流");
		qpdf_oh xref = qpdf_get_object_by_id(f->q, xid, xgen);
		qpdf_oh dict = qpdf_oh_get_dict(f->q, xref);
		if (!qpdf_oh_is_stream(f->q, xref)
		    || !qpdf_oh_is_name_and_equals(f->q, qpdf_oh_get_key(f->q, dict, "/Type"), "/XRef"))
			return not_found(f, "交叉引用流");
		long long type, f2, f3;
		if (xref_entry(f, xref, id, &type, &f2, &f3)) {
			if (type == 2)
				return not_found(f, "签名字典在对象流中");
			if (type != 1 || f3 != gen || f2 < 0 || (gsize)f2 >= f->len)
				return not_found(f, "签名字典");
			*offset = (gsize)f2;
			return TRUE;
		}
		qpdf_oh prev = qpdf_oh_get_key(f->q, dict, "/Prev");
		if (!qpdf_oh_is_integer(f->q, prev))
			break;
		at = (gsize)qpdf_oh_get_int_value(f->q, prev);
	}
	return not_found(f, "签名字典");
}

/* The first KEY in BUF[FROM, TO), then the first OPEN after it and the
 * CLOSE after that: *START at OPEN, *END at CLOSE.  The signature
 * dictionary holds only names, numbers, the date and the hex string, so
 * its keys are found as written. */
static gboolean
find_value(const guchar *buf, gsize from, gsize to, const char *key, guchar open, guchar close,
    gsize *start, gsize *end)
{
	gsize n = strlen(key);
	for (gsize i = from; i + n <= to; i++) {
		if (memcmp(buf + i, key, n) != 0)
			continue;
		const guchar *o = memchr(buf + i + n, open, to - i - n);
		if (!o)
			return FALSE;
		*start = (gsize)(o - buf);
		const guchar *c = memchr(o, close, to - *start);
		if (!c)
			return FALSE;
		*end = (gsize)(c - buf);
		return TRUE;
	}
	return FALSE;
}

/* Where the signature dictionary's two values stand: /ByteRange's [ and ],
 * /Contents' < and >. */
static gboolean
find_places(finder *f, gsize *range_start, gsize *range_end, gsize *hex_start, gsize *hex_end)
{
	int id = 0, gen = 0, hid, hgen;
	gsize at, after;
	if (!find_sig_object(f, &id, &gen) || !object_offset(f, id, gen, &at))
		return FALSE;
	if (!object_header(f, at, &hid, &hgen, &after) || hid != id || hgen != gen)
		return not_found(f, "签名字典");
	const guchar *end = memmem(f->buf + after, f->len - after, "endobj", 6);
	if (!end)
		return not_found(f, "签名字典");
	gsize to = (gsize)(end - f->buf);
	if (!find_value(f->buf, after, to, "/ByteRange", '[', ']', range_start, range_end)
	    || !find_value(f->buf, after, to, "/Contents", '<', '>', hex_start, hex_end))
		return not_found(f, "/ByteRange 或 /Contents");
	if (!f->reserved || *hex_end - *hex_start - 1 != 2 * f->reserved)
		return not_found(f, "预留的 /Contents");
	for (gsize i = *hex_start + 1; i < *hex_end; i++)
		if (f->buf[i] != '0')
			return not_found(f, "预留的 /Contents");
	return TRUE;
}

/* --- the CMS --------------------------------------------------------------- */

/* The detached CAdES signature of DATA by KEY at WHEN, DER, to be freed
 * with OPENSSL_free; NULL on failure. */
static unsigned char *
make_cms(const guchar *data, gsize len, const gb_signkey *key, gint64 when, int *der_len)
{
	const int flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
	unsigned char *der = NULL;
	BIO *in = BIO_new_mem_buf(data, (int)len);
	CMS_ContentInfo *cms = CMS_sign(NULL, NULL, NULL, NULL, flags);
	/* CMS_CADES: the signingCertificateV2 attribute PAdES requires */
	CMS_SignerInfo *si = cms ? CMS_add1_signer(cms, signkey_cert(key), signkey_pkey(key),
	    EVP_sha256(), flags | CMS_CADES) : NULL;
	/* The signing time is the issue's, so that the same key and issue
	 * give the same bytes; OpenSSL would otherwise add the clock's. */
	ASN1_TIME *t = ASN1_TIME_set(NULL, (time_t)when);
	gboolean ok = si && t && CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, t->type, t,
	    -1);
	STACK_OF(X509) *chain = signkey_chain(key);
	for (int i = 0; ok && chain && i < sk_X509_num(chain); i++)
		ok = CMS_add1_cert(cms, sk_X509_value(chain, i));
	ok = ok && in && CMS_final(cms, in, NULL, flags & ~CMS_PARTIAL);
	if (ok)
		*der_len = i2d_CMS_ContentInfo(cms, &der);
	if (ok && *der_len <= 0) {
		OPENSSL_free(der);
		der = NULL;
	}
	ASN1_TIME_free(t);
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	return der;
}

gboolean
sign_fill(guchar *buf, gsize len, const gb_signkey *key, gint64 when, const char *name,
    GError **error)
{
	finder f = { .buf = buf, .len = len, .name = name, .error = error, .q = qpdf_init() };
	qpdf_silence_errors(f.q);
	qpdf_set_suppress_warnings(f.q, QPDF_TRUE);
	gsize r0, r1, h0, h1, reserved;
	gboolean ok = !(qpdf_read_memory(f.q, name, (const char *)buf, len, NULL) & QPDF_ERRORS)
	    ? find_places(&f, &r0, &r1, &h0, &h1) : not_found(&f, "写出的文件");
	reserved = f.reserved;
	qpdf_cleanup(&f.q);
	if (!ok)
		return FALSE;

	/* the whole file but the hex string, < and > included */
	gsize after = h1 + 1;
	char *range = g_strdup_printf("0 %" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT,
	    h0, after, len - after);
	gsize width = r1 - r0 - 1;
	if (strlen(range) > width) {
		g_free(range);
		diag_set_error(error, name, 0, DIAG_SIGN_NOT_FOUND, "/ByteRange 的位置不够");
		return FALSE;
	}
	memset(buf + r0 + 1, ' ', width);
	memcpy(buf + r0 + 1, range, strlen(range));
	g_free(range);

	guchar *covered = g_malloc(h0 + len - after);
	memcpy(covered, buf, h0);
	memcpy(covered + h0, buf + after, len - after);
	int der_len = 0;
	unsigned char *der = make_cms(covered, h0 + len - after, key, when, &der_len);
	g_free(covered);
	if (!der)
		return cms_failed(name, error);
	if ((gsize)der_len > reserved) {
		diag_set_error(error, name, 0, DIAG_SIGN_TOO_LARGE, der_len, (int)reserved);
		OPENSSL_free(der);
		return FALSE;
	}
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < der_len; i++) {
		buf[h0 + 1 + 2 * i] = (guchar)hex[der[i] >> 4];
		buf[h0 + 2 + 2 * i] = (guchar)hex[der[i] & 15];
	}
	OPENSSL_free(der);
	return TRUE;
}
