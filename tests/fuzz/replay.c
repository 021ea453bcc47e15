/* replay.c — a fuzz target's main for `make test`: feeds each file named on
 * the command line to LLVMFuzzerTestOneInput once, built with gcc and the
 * test build's sanitizers, so that every crash ever found is run again.
 * Exit 0 when every input ran; a sanitizer report or a signal ends it. */
#include "fuzz.h"

#include <glib.h>
#include <string.h>

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: replay FILE...\n", stderr);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		char *text = NULL;
		gsize len = 0;
		GError *error = NULL;
		if (!g_file_get_contents(argv[i], &text, &len, &error)) {
			fprintf(stderr, "replay: %s\n", error->message);
			g_error_free(error);
			return 2;
		}
		/* exactly the file's bytes, as libFuzzer gives them: no NUL after
		 * them that would hide a read past the end */
		uint8_t *data = g_malloc(len ? len : 1);
		memcpy(data, text, len);
		g_free(text);
		LLVMFuzzerTestOneInput(data, len);
		g_free(data);
	}
	return 0;
}
