/* fuzz.h — what the fuzz targets share: the libFuzzer entry point each
 * defines, and a stream over the fuzzer's bytes.  A target that finds its
 * reader broke a promise of the format (what was written cannot be read
 * back the same) aborts, so that the fuzzer keeps that input. */
#ifndef GONGBAO_FUZZ_H
#define GONGBAO_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* DATA as a stream to read (fmemopen refuses an empty buffer: /dev/null
 * stands in for it). */
static inline FILE *
fuzz_stream(const uint8_t *data, size_t size)
{
	FILE *in = size ? fmemopen((void *)data, size, "r") : fopen("/dev/null", "r");
	if (!in)
		abort();
	return in;
}

/* Ends the run with a message: the input broke a promise of the format. */
#define fuzz_fail(...) (fprintf(stderr, "fuzz: " __VA_ARGS__), fputc('\n', stderr), abort())

#endif
