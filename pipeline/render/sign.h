/* sign.h — the PAdES signature of the web edition (SPEC §5, "The signed
 * electronic edition"), a step of pdfpost_finish: before qpdf writes the
 * file, an invisible signature field whose dictionary reserves /ByteRange
 * and /Contents; after, the byte ranges and the CMS (CAdES, SHA-256,
 * detached) written into those places, so that no byte moves and the file
 * stays linearized with its /ID, XMP and PDF/A marker. */
#ifndef GONGBAO_SIGN_H
#define GONGBAO_SIGN_H

#include "signkey.h"

#include <glib.h>
#include <qpdf/qpdf-c.h>

/* Adds to Q (before writing) the signature field on the first page and in
 * /AcroForm, its dictionary signed at PDF_DATE (D:…, the date)
 * with /Contents reserving room for KEY's CMS at WHEN (measured by signing
 * nothing: the same length, whatever is signed).  FALSE with ERROR (naming
 * NAME) when OpenSSL cannot sign, without when qpdf failed (qpdf_has_error
 * says why). */
gboolean sign_prepare(qpdf_data q, const gb_signkey *key, gint64 when, const char *pdf_date,
    const char *name, GError **error);

/* Signs BUF (LEN bytes, the file qpdf wrote from what sign_prepare made)
 * in place with KEY at WHEN (Unix time, the date): finds the
 * signature dictionary through the cross-reference streams (never by
 * searching the text), writes /ByteRange, then the CMS over the whole file
 * but /Contents into /Contents.  FALSE with an error of the table naming
 * NAME. */
gboolean sign_fill(guchar *buf, gsize len, const gb_signkey *key, gint64 when, const char *name,
    GError **error);

#endif
