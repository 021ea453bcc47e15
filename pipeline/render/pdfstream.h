/* pdfstream.h — the streams the finishing makes (page content rewritten,
 * annotation appearances), compressed as they are made, so that qpdf holds
 * the compressed bytes, not the plain ones, of every page of a large issue
 * until it writes the file (it writes a stream already filtered as it is). */
#ifndef GONGBAO_PDFSTREAM_H
#define GONGBAO_PDFSTREAM_H

#include <qpdf/qpdf-c.h>
#include <stddef.h>

/* Makes stream S's data DATA (LEN bytes, unfiltered), stored deflated
 * (/FlateDecode); S keeps the rest of its dictionary. */
void pdfstream_replace(qpdf_data q, qpdf_oh s, const void *data, size_t len);
/* A new stream holding DATA so. */
qpdf_oh pdfstream_new(qpdf_data q, const void *data, size_t len);

#endif
