/* signkey.h — the office's signing key: the PKCS#12 file issue.ini names
 * ([gazette] signing-key=), opened with the passphrase from the
 * environment, and checked for what a signature of the issue needs (an RSA
 * key of 2048 bits or more, a certificate valid on the date).  The
 * one reader of the key, for the parser (errors early, the signer's name
 * for the colophon) and the renderer (which signs with it).
 *
 * The passphrase comes from GONGBAO_SIGNING_PASS, or from the file
 * GONGBAO_SIGNING_PASS_FILE names (its first line); never from the command
 * line.  It is wiped from memory once the file is open and is never part of
 * a message. */
#ifndef GONGBAO_SIGNKEY_H
#define GONGBAO_SIGNKEY_H

#include <glib.h>
#include <openssl/types.h>

#define GB_SIGNING_PASS_ENV "GONGBAO_SIGNING_PASS"
#define GB_SIGNING_PASS_FILE_ENV "GONGBAO_SIGNING_PASS_FILE"
#define GB_SIGNING_MIN_BITS 2048

typedef struct gb_signkey gb_signkey;

/* Opens the PKCS#12 file PATH and checks it for a signature made at WHEN
 * (Unix time: the date); NULL with an error of the table (diag-
 * lib.def, SIGNKEY_*, naming PATH or the passphrase file) when the file is
 * missing or unreadable, no passphrase is given or it is wrong, the key is
 * not RSA or is under GB_SIGNING_MIN_BITS, or the certificate is not valid
 * at WHEN. */
gb_signkey *signkey_load(const char *path, gint64 when, GError **error);
void signkey_free(gb_signkey *key);
/* The file signkey_load's ERROR names: the passphrase file for an error
 * reading it, else KEY_PATH. */
const char *signkey_error_file(const GError *error, const char *key_path);

/* The signer as a reader's signature panel names it: the certificate
 * subject's common name (else its organisation, else the whole subject). */
const char *signkey_signer(const gb_signkey *key);
/* TRUE for a self-signed certificate: no authority vouches for it, so the
 * edition is test-signed (the sample's key is one). */
gboolean signkey_is_test(const gb_signkey *key);
/* TRUE when the subject's common name or organisation contains PUBLISHER:
 * the signer a reader sees is the office that publishes the gazette. */
gboolean signkey_names(const gb_signkey *key, const char *publisher);

/* What the signature is made with (owned by KEY). */
EVP_PKEY *signkey_pkey(const gb_signkey *key);
X509 *signkey_cert(const gb_signkey *key);
/* The other certificates of the file (the chain up to the authority),
 * possibly NULL. */
STACK_OF(X509) *signkey_chain(const gb_signkey *key);

#endif
