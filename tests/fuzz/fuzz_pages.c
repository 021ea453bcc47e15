/* fuzz_pages.c — fuzzes the page list reader (pages_read, lib/pages.h):
 * any bytes must be refused with an error or read into a page list that
 * pages_write writes and pages_read reads back to the same text, and
 * whose print order (pages_print_order) can be made. */
#include "fuzz.h"
#include "pages.h"

#include <string.h>

/* PAGES written by pages_write, newly allocated; *LEN its length. */
static char *
written(const gb_pages *pages, size_t *len)
{
	char *text = NULL;
	FILE *out = open_memstream(&text, len);
	if (!out || !pages_write(out, pages))
		fuzz_fail("pages_write failed");
	fclose(out);
	return text;
}

/* Reads TEXT, which pages_write wrote, and writes it again: the first
 * write rounded the numbers, so the text must come out the same. */
static void
check_written_reads_back(const char *text, size_t len)
{
	GError *error = NULL;
	FILE *in = fuzz_stream((const uint8_t *)text, len);
	gb_pages *pages = pages_read(in, "fuzz-written.pages", &error);
	fclose(in);
	if (!pages)
		fuzz_fail("what pages_write wrote is refused: %s", error->message);
	size_t len2;
	char *text2 = written(pages, &len2);
	if (len != len2 || memcmp(text, text2, len) != 0)
		fuzz_fail("a page list read back is written differently");
	free(text2);
	pages_free(pages);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *in = fuzz_stream(data, size);
	GError *error = NULL;
	gb_pages *pages = pages_read(in, "fuzz.pages", &error);
	fclose(in);
	if (!pages) {
		g_error_free(error);
		return 0;
	}
	int *order = NULL;
	int n = pages_print_order(pages, &order);
	for (int i = 0; i < n; i++)
		if (order[i] < -1 || order[i] >= (int)pages->pages->len)
			fuzz_fail("print page %d shows list page %d of %u", i, order[i],
			    pages->pages->len);
	g_free(order);
	size_t len;
	char *text = written(pages, &len);
	pages_free(pages);
	check_written_reads_back(text, len);
	free(text);
	return 0;
}
