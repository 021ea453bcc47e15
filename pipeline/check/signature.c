/* signature.c — the check of the web edition's signature (SPEC §6): valid
 * as poppler-glib validates it, over the whole file but /Contents, signed
 * by the signer the page list names (the office that publishes); the
 * chain, when GONGBAO_TRUST_DIR names a directory of trusted certificates,
 * verified with OpenSSL.  The print edition is never signed. */
#include "checker.h"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define TRUST_DIR_ENV "GONGBAO_TRUST_DIR"

static const char *
status_text(PopplerSignatureStatus s)
{
	switch (s) {
	case POPPLER_SIGNATURE_VALID: return "有效";
	case POPPLER_SIGNATURE_INVALID: return "签名值不符（证书与签名不对应）";
	case POPPLER_SIGNATURE_DIGEST_MISMATCH: return "文件在签名后被改动（摘要不符）";
	case POPPLER_SIGNATURE_DECODING_ERROR: return "签名数据（CMS）无法解读";
	case POPPLER_SIGNATURE_NOT_FOUND: return "找不到签名";
	case POPPLER_SIGNATURE_NOT_VERIFIED: return "未能核验";
	default: return "核验失败";
	}
}

/* The signature dictionary of the one signature field, through qpdf. */
static qpdf_oh
sig_dict(const edition *e)
{
	qpdf_data q = e->qpdf;
	qpdf_oh fields = qpdf_oh_get_key(q, qpdf_oh_get_key(q, qpdf_get_root(q), "/AcroForm"),
	    "/Fields");
	int n = qpdf_oh_is_array(q, fields) ? qpdf_oh_get_array_n_items(q, fields) : 0;
	for (int i = 0; i < n; i++) {
		qpdf_oh f = qpdf_oh_get_array_item(q, fields, i);
		qpdf_oh v = qpdf_oh_get_key(q, f, "/V");
		if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, f, "/FT"), "/Sig")
		    && qpdf_oh_is_dictionary(q, v))
			return v;
	}
	return qpdf_oh_new_null(q);
}

/* The byte at OFFSET of the file at PATH, -1 if none. */
static int
byte_at(FILE *f, long long offset)
{
	if (offset < 0 || fseeko(f, (off_t)offset, SEEK_SET) != 0)
		return -1;
	return getc(f);
}

/* /ByteRange [0 A B C] covers the whole file but the hex string /Contents
 * stands in: A at its <, B after its >, B + C the file's size. */
static gboolean
covers_whole_file(const edition *e, qpdf_oh sig)
{
	qpdf_data q = e->qpdf;
	qpdf_oh range = qpdf_oh_get_key(q, sig, "/ByteRange");
	if (!qpdf_oh_is_array(q, range) || qpdf_oh_get_array_n_items(q, range) != 4)
		return FALSE;
	long long v[4];
	for (int i = 0; i < 4; i++) {
		qpdf_oh x = qpdf_oh_get_array_item(q, range, i);
		if (!qpdf_oh_is_integer(q, x))
			return FALSE;
		v[i] = qpdf_oh_get_int_value(q, x);
	}
	struct stat st;
	if (stat(e->path, &st) != 0 || v[0] != 0 || v[1] <= 0 || v[2] <= v[1]
	    || v[2] + v[3] != (long long)st.st_size)
		return FALSE;
	FILE *f = fopen(e->path, "rb");
	if (!f)
		return FALSE;
	gboolean ok = byte_at(f, v[1]) == '<' && byte_at(f, v[2] - 1) == '>';
	fclose(f);
	return ok;
}

/* Loads every certificate file of DIR into STORE (a directory of PEM
 * files as an office keeps them, not only one hashed by c_rehash). */
static int
load_trust_dir(X509_STORE *store, const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	if (!d)
		return -1;
	int n = 0;
	const char *name;
	while ((name = g_dir_read_name(d))) {
		char *path = g_build_filename(dir, name, NULL);
		if (g_file_test(path, G_FILE_TEST_IS_REGULAR) && X509_STORE_load_file(store, path) == 1)
			n++;
		g_free(path);
	}
	g_dir_close(d);
	ERR_clear_error();
	return n;
}

/* The chain of the signer's certificate up to a certificate of DIR, at
 * the signing time WHEN: NULL if it holds, else why not (static). */
static const char *
chain_error(qpdf_data q, qpdf_oh sig, const char *dir, gint64 when)
{
	size_t len = 0;
	const char *der = qpdf_oh_get_binary_string_value(q, qpdf_oh_get_key(q, sig, "/Contents"),
	    &len);
	const unsigned char *p = (const unsigned char *)der;
	CMS_ContentInfo *cms = der ? d2i_CMS_ContentInfo(NULL, &p, (long)len) : NULL;
	if (!cms)
		return "签名数据（CMS）无法解读";
	X509_STORE *store = X509_STORE_new();
	const char *why = NULL;
	if (load_trust_dir(store, dir) <= 0) {
		why = "信任目录中没有可读的证书";
	} else {
		STACK_OF(X509) *certs = CMS_get1_certs(cms);
		STACK_OF(CMS_SignerInfo) *sis = CMS_get0_SignerInfos(cms);
		CMS_SignerInfo *si = sk_CMS_SignerInfo_num(sis) == 1 ? sk_CMS_SignerInfo_value(sis, 0)
		    : NULL;
		X509 *signer = NULL;
		for (int i = 0; si && certs && i < sk_X509_num(certs) && !signer; i++)
			if (CMS_SignerInfo_cert_cmp(si, sk_X509_value(certs, i)) == 0)
				signer = sk_X509_value(certs, i);
		X509_STORE_CTX *ctx = X509_STORE_CTX_new();
		if (!signer) {
			why = "签名中没有签署者的证书";
		} else if (X509_STORE_CTX_init(ctx, store, signer, certs) == 1) {
			X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx), (time_t)when);
			if (X509_verify_cert(ctx) != 1)
				why = X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx));
		} else {
			why = "无法核验证书链";
		}
		X509_STORE_CTX_free(ctx);
		sk_X509_pop_free(certs, X509_free);
	}
	X509_STORE_free(store);
	CMS_ContentInfo_free(cms);
	ERR_clear_error();
	return why;
}

/* The report's line on the signature. */
static void
set_status(checker *ck, char *text)
{
	g_free(ck->report->signature);
	ck->report->signature = text;
}

static void
check_field(checker *ck, edition *e, PopplerFormField *field)
{
	const char *expected = pages_meta(ck->pages, "signer");
	const char *publisher = pages_meta(ck->pages, "publisher");
	char *name = poppler_form_field_get_name(field);
	const char *field_name = name ? name : "?";
	GError *err = NULL;
	PopplerSignatureInfo *info = poppler_form_field_signature_validate_sync(field, 0, NULL, &err);
	if (!info) {
		fail(ck, GB_CHECK_SIGNATURE, e->file, 0, "", DIAG_CHECK_SIGNATURE_INVALID, field_name,
		    err ? err->message : "核验失败");
		g_clear_error(&err);
		g_free(name);
		return;
	}
	PopplerSignatureStatus status = poppler_signature_info_get_signature_status(info);
	const char *signer = poppler_signature_info_get_signer_name(info);
	signer = signer ? signer : "";
	gboolean ok = status == POPPLER_SIGNATURE_VALID;
	if (!ok)
		fail(ck, GB_CHECK_SIGNATURE, e->file, 0, "", DIAG_CHECK_SIGNATURE_INVALID, field_name,
		    status_text(status));
	qpdf_oh sig = e->qpdf ? sig_dict(e) : 0;
	if (e->qpdf && !covers_whole_file(e, sig)) {
		fail(ck, GB_CHECK_SIGNATURE, e->file, 0, "", DIAG_CHECK_SIGNATURE_PARTIAL, field_name);
		ok = FALSE;
	}
	if (expected ? strcmp(signer, expected) != 0
	    : publisher && !strstr(signer, publisher)) {
		fail(ck, GB_CHECK_SIGNATURE, e->file, 0, "", DIAG_CHECK_SIGNATURE_SIGNER, field_name,
		    signer, expected ? expected : publisher);
		ok = FALSE;
	}
	const char *trust = g_getenv(TRUST_DIR_ENV);
	GDateTime *t = poppler_signature_info_get_local_signing_time(info);
	if (trust && *trust && e->qpdf) {
		const char *why = chain_error(e->qpdf, sig, trust, t ? g_date_time_to_unix(t) : 0);
		if (why) {
			fail(ck, GB_CHECK_SIGNATURE, e->file, 0, "", DIAG_CHECK_SIGNATURE_UNTRUSTED,
			    field_name, trust, why);
			ok = FALSE;
		}
	}
	gboolean test = pages_meta(ck->pages, "signer-test") != NULL;
	set_status(ck, ok ? g_strdup_printf("有效，签署者：%s%s%s", signer,
	    test ? "；测试签名，仅供测试" : "",
	    trust && *trust ? "，证书链可信" : "")
	    : g_strdup_printf("无效（签名域“%s”，签署者：%s）", field_name, signer));
	poppler_signature_info_free(info);
	g_free(name);
}

void
verify_signature(checker *ck, edition *e)
{
	/* poppler's own reading of the file as written: the check's other
	 * document may be patched (without_output_intents) */
	char *abs = g_canonicalize_filename(e->path, NULL);
	char *uri = g_filename_to_uri(abs, NULL, NULL);
	g_free(abs);
	GError *err = NULL;
	PopplerDocument *doc = uri ? poppler_document_new_from_file(uri, NULL, &err) : NULL;
	g_free(uri);
	g_clear_error(&err);
	if (!doc)
		return;	/* the open group has said why */
	GList *fields = poppler_document_get_signature_fields(doc);
	guint n = g_list_length(fields);
	if (e->file == FILE_PRINT) {
		if (n)
			fail(ck, GB_CHECK_SIGNATURE, e->file, 0, "", DIAG_CHECK_SIGNATURE_PRINT);
	} else if (n == 0) {
		/* An unsigned web edition is what --unsigned asked for, in the
		 * run or because the issue names no key (render refuses it
		 * otherwise): reported, not failed. */
		const char *key = pages_meta(ck->pages, "signing-key");
		if (key && !ck->unsigned_ok)
			fail(ck, GB_CHECK_SIGNATURE, e->file, 0, "", DIAG_CHECK_SIGNATURE_MISSING,
			    pages_meta(ck->pages, "signer") ? pages_meta(ck->pages, "signer") : key);
		set_status(ck, g_strdup(key && !ck->unsigned_ok ? "未签名（不通过）"
		    : "未签名（按 --unsigned 生成，不得作为正式电子版发布）"));
	} else if (n > 1) {
		fail(ck, GB_CHECK_SIGNATURE, e->file, 0, "", DIAG_CHECK_SIGNATURE_MANY, n);
		set_status(ck, g_strdup_printf("无效（%u个签名）", n));
	} else {
		check_field(ck, e, fields->data);
	}
	g_list_free_full(fields, g_object_unref);
	g_object_unref(doc);
}
