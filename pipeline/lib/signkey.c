/* signkey.c — opens the office's PKCS#12 file with OpenSSL and checks it
 * for signing the issue: passphrase from the environment, RSA of at least
 * 2048 bits, the certificate valid on the date.  Signs nothing:
 * render/sign.c does, with what this holds. */
#include "signkey.h"
#include "diag.h"
#include "util.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <string.h>

struct gb_signkey {
	EVP_PKEY *pkey;
	X509 *cert;
	STACK_OF(X509) *chain;
	char *signer;
	gboolean test;
};

/* The largest PKCS#12 file or passphrase file read: a key and a chain of
 * certificates are a few kilobytes. */
#define MAX_KEY_FILE (1024 * 1024)

/* Wipes and frees the passphrase. */
static void
pass_free(char *pass)
{
	if (!pass)
		return;
	OPENSSL_cleanse(pass, strlen(pass));
	g_free(pass);
}

/* The whole of key or passphrase file PATH (bounded): NULL, or why it
 * could not be read, in the editor's words (newly allocated). */
static char *
read_secret_file(const char *path, char **data, gsize *len)
{
	GError *err = NULL;
	if (gb_read_input(path, MAX_KEY_FILE, data, len, &err))
		return NULL;
	char *why = diag_error_text(err, path);
	g_error_free(err);
	return why;
}

/* The passphrase for KEY_PATH, from the environment: to be freed with
 * pass_free.  Never quoted in a message. */
static char *
read_passphrase(const char *key_path, GError **error)
{
	const char *pass = g_getenv(GB_SIGNING_PASS_ENV);
	const char *file = g_getenv(GB_SIGNING_PASS_FILE_ENV);
	if (pass && file && *file) {
		diag_set_error(error, key_path, 0, DIAG_SIGNKEY_PASS_TWICE);
		return NULL;
	}
	if (pass)
		return g_strdup(pass);
	if (!file || !*file) {
		diag_set_error(error, key_path, 0, DIAG_SIGNKEY_NO_PASS);
		return NULL;
	}
	char *text;
	gsize len;
	char *why = read_secret_file(file, &text, &len);
	if (why) {
		diag_set_error(error, file, 0, DIAG_SIGNKEY_PASS_FILE, why);
		g_free(why);
		return NULL;
	}
	/* the first line, without its end: an editor's file ends with one */
	gsize n = strcspn(text, "\r\n");
	char *line = g_strndup(text, n);
	OPENSSL_cleanse(text, len);
	g_free(text);
	return line;
}

/* The UTF-8 text of the first entry NID of NAME, or NULL. */
static char *
name_entry(const X509_NAME *name, int nid)
{
	int i = X509_NAME_get_index_by_NID(name, nid, -1);
	if (i < 0)
		return NULL;
	unsigned char *utf8 = NULL;
	int n = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i)));
	if (n < 0)
		return NULL;
	char *s = g_utf8_validate((const char *)utf8, n, NULL) ? g_strndup((const char *)utf8, n)
	    : NULL;
	OPENSSL_free(utf8);
	return s;
}

static char *
subject_text(X509 *cert)
{
	const X509_NAME *subject = X509_get_subject_name(cert);
	char *s = name_entry(subject, NID_commonName);
	if (!s)
		s = name_entry(subject, NID_organizationName);
	if (!s) {
		BIO *b = BIO_new(BIO_s_mem());
		X509_NAME_print_ex(b, subject, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
		char *data;
		long n = BIO_get_mem_data(b, &data);
		s = g_strndup(data, n > 0 ? (gsize)n : 0);
		BIO_free(b);
	}
	return s;
}

/* T as a date in China time, YYYY-MM-DD (the issue's own calendar). */
static char *
day_of(time_t t)
{
	GDateTime *u = g_date_time_new_from_unix_utc(t);
	GTimeZone *tz = g_time_zone_new_offset(8 * 3600);
	GDateTime *c = g_date_time_to_timezone(u, tz);
	char *s = g_date_time_format(c, "%Y-%m-%d");
	g_date_time_unref(c);
	g_date_time_unref(u);
	g_time_zone_unref(tz);
	return s;
}

static char *
asn1_day(const ASN1_TIME *a)
{
	struct tm tm;
	if (!ASN1_TIME_to_tm(a, &tm))
		return g_strdup("?");
	return g_strdup_printf("%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The key and certificate fit for a signature at WHEN, else an error. */
static gboolean
check_key(gb_signkey *k, const char *path, gint64 when, GError **error)
{
	if (X509_check_private_key(k->cert, k->pkey) != 1) {
		diag_set_error(error, path, 0, DIAG_SIGNKEY_MISMATCH);
		return FALSE;
	}
	/* RSA PKCS#1 v1.5 signs deterministically: the same key and issue give
	 * the same bytes, which ECDSA's random nonce would not. */
	if (EVP_PKEY_get_base_id(k->pkey) != EVP_PKEY_RSA) {
		diag_set_error(error, path, 0, DIAG_SIGNKEY_NOT_RSA,
		    OBJ_nid2sn(EVP_PKEY_get_base_id(k->pkey)));
		return FALSE;
	}
	int bits = EVP_PKEY_get_bits(k->pkey);
	if (bits < GB_SIGNING_MIN_BITS) {
		diag_set_error(error, path, 0, DIAG_SIGNKEY_WEAK, bits, GB_SIGNING_MIN_BITS);
		return FALSE;
	}
	time_t t = (time_t)when;
	const ASN1_TIME *from = X509_get0_notBefore(k->cert), *until = X509_get0_notAfter(k->cert);
	gboolean early = X509_cmp_time(from, &t) > 0, late = X509_cmp_time(until, &t) < 0;
	if (early || late) {
		char *day = day_of(t), *limit = asn1_day(early ? from : until);
		if (early)
			diag_set_error(error, path, 0, DIAG_SIGNKEY_NOT_YET_VALID, day, limit);
		else
			diag_set_error(error, path, 0, DIAG_SIGNKEY_EXPIRED, day, limit);
		g_free(day);
		g_free(limit);
		return FALSE;
	}
	return TRUE;
}

/* Opens the PKCS#12 data of PATH into K with PASS. */
static gboolean
open_p12(gb_signkey *k, const char *path, const char *data, gsize len, const char *pass,
    GError **error)
{
	const unsigned char *p = (const unsigned char *)data;
	PKCS12 *p12 = d2i_PKCS12(NULL, &p, (long)len);
	if (!p12) {
		diag_set_error(error, path, 0, DIAG_SIGNKEY_NOT_P12);
		return FALSE;
	}
	gboolean ok = TRUE;
	if (PKCS12_mac_present(p12) && !PKCS12_verify_mac(p12, pass, -1)) {
		diag_set_error(error, path, 0, DIAG_SIGNKEY_WRONG_PASS);
		ok = FALSE;
	} else if (!PKCS12_parse(p12, pass, &k->pkey, &k->cert, &k->chain)) {
		unsigned long e = ERR_peek_last_error();
		const char *why = ERR_reason_error_string(e);
		diag_set_error(error, path, 0, DIAG_SIGNKEY_UNSUPPORTED, why ? why : "?");
		ok = FALSE;
	} else if (!k->pkey || !k->cert) {
		diag_set_error(error, path, 0, DIAG_SIGNKEY_NO_CERT);
		ok = FALSE;
	}
	PKCS12_free(p12);
	return ok;
}

gb_signkey *
signkey_load(const char *path, gint64 when, GError **error)
{
	char *data;
	gsize len;
	char *why = read_secret_file(path, &data, &len);
	if (why) {
		diag_set_error(error, path, 0, DIAG_SIGNKEY_UNREADABLE, why);
		g_free(why);
		return NULL;
	}
	char *pass = read_passphrase(path, error);
	gb_signkey *k = g_new0(gb_signkey, 1);
	gboolean ok = pass && open_p12(k, path, data, len, pass, error)
	    && check_key(k, path, when, error);
	pass_free(pass);
	OPENSSL_cleanse(data, len);
	g_free(data);
	ERR_clear_error();
	if (!ok) {
		signkey_free(k);
		return NULL;
	}
	k->signer = subject_text(k->cert);
	k->test = X509_self_signed(k->cert, 1) == 1;
	return k;
}

void
signkey_free(gb_signkey *k)
{
	if (!k)
		return;
	EVP_PKEY_free(k->pkey);
	X509_free(k->cert);
	sk_X509_pop_free(k->chain, X509_free);
	g_free(k->signer);
	g_free(k);
}

const char *
signkey_error_file(const GError *error, const char *key_path)
{
	const char *file = g_getenv(GB_SIGNING_PASS_FILE_ENV);
	if (error->domain == GB_DIAG_ERROR && error->code == DIAG_SIGNKEY_PASS_FILE && file)
		return file;
	return key_path;
}

const char *
signkey_signer(const gb_signkey *k)
{
	return k->signer;
}

gboolean
signkey_is_test(const gb_signkey *k)
{
	return k->test;
}

gboolean
signkey_names(const gb_signkey *k, const char *publisher)
{
	if (!publisher || !*publisher)
		return TRUE;
	const X509_NAME *subject = X509_get_subject_name(k->cert);
	gboolean found = FALSE;
	int nids[] = { NID_commonName, NID_organizationName };
	for (guint i = 0; !found && i < G_N_ELEMENTS(nids); i++) {
		char *s = name_entry(subject, nids[i]);
		found = s && strstr(s, publisher) != NULL;
		g_free(s);
	}
	return found;
}

EVP_PKEY *
signkey_pkey(const gb_signkey *k)
{
	return k->pkey;
}

X509 *
signkey_cert(const gb_signkey *k)
{
	return k->cert;
}

STACK_OF(X509) *
signkey_chain(const gb_signkey *k)
{
	return k->chain;
}
