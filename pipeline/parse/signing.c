/* signing.c — the signing key of the issue ([gazette] signing-key=):
 * opened and checked at parse time (signkey.c), so that a missing file, a
 * wrong passphrase or an expired certificate is the editor's first error,
 * and the signer's name reaches the colophon through the tree. */
#include "date.h"
#include "signkey.h"
#include "source.h"

#include <string.h>

void
signing_check_key(run *r)
{
	const char *value = r->ini ? issueini_value(r->ini, "gazette", "signing-key") : NULL;
	if (!value || !*value || !r->issue_date)
		return;
	/* relative to the issue directory, as the images' paths are */
	char *path = g_path_is_absolute(value) ? g_strdup(value)
	    : g_build_filename(r->dir, value, NULL);
	GDateTime *t = date_midnight(*r->issue_date, 8);
	GError *err = NULL;
	gb_signkey *key = signkey_load(path, g_date_time_to_unix(t), &err);
	g_date_time_unref(t);
	if (!key) {
		diags_add_error(r->diags, signkey_error_file(err, path), 0, err);
		g_error_free(err);
		g_free(path);
		return;
	}
	const char *publisher = r->ini->publisher;
	if (!signkey_names(key, publisher))
		diag_emit(r->diags, path, 0, DIAG_SIGNKEY_SUBJECT, signkey_signer(key), publisher);
	r->key_file = path;
	r->signer = g_strdup(signkey_signer(key));
	r->signer_test = signkey_is_test(key);
	signkey_free(key);
}
