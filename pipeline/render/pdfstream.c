/* pdfstream.c — streams deflated as they are made (pdfstream.h), with
 * zlib's default level, as qpdf itself would compress them: the same
 * bytes on every machine with the same zlib. */
#include "pdfstream.h"

#include <glib.h>
#include <zlib.h>

void
pdfstream_replace(qpdf_data q, qpdf_oh s, const void *data, size_t len)
{
	qpdf_oh null = qpdf_oh_new_null(q);
	uLongf n = compressBound((uLong)len);
	Bytef *z = len <= G_MAXULONG ? g_try_malloc(n ? n : 1) : NULL;
	if (z && compress2(z, &n, data, (uLong)len, Z_DEFAULT_COMPRESSION) == Z_OK) {
		qpdf_oh flate = qpdf_oh_new_name(q, "/FlateDecode");
		qpdf_oh_replace_stream_data(q, s, z, n, flate, null);
		qpdf_oh_release(q, flate);
	} else {
		/* no memory to spare: stored plain, qpdf compresses it on writing */
		qpdf_oh_replace_stream_data(q, s, data, len, null, null);
	}
	g_free(z);
	qpdf_oh_release(q, null);
}

qpdf_oh
pdfstream_new(qpdf_data q, const void *data, size_t len)
{
	qpdf_oh s = qpdf_oh_new_stream(q);
	pdfstream_replace(q, s, data, len);
	return s;
}
