/* fuzz_tree.c — fuzzes the document tree reader (tree_read, lib/tree.h):
 * any bytes must be refused with an error or read into a tree that
 * tree_write writes and tree_read reads back to the same text. */
#include "fuzz.h"
#include "tree.h"

#include <string.h>

/* TREE written by tree_write, newly allocated; *LEN its length. */
static char *
written(const gb_tree *tree, size_t *len)
{
	char *text = NULL;
	FILE *out = open_memstream(&text, len);
	if (!out || !tree_write(out, tree))
		fuzz_fail("tree_write failed");
	fclose(out);
	return text;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *in = fuzz_stream(data, size);
	GError *error = NULL;
	gb_tree *tree = tree_read(in, "fuzz.tree", &error);
	fclose(in);
	if (!tree) {
		g_error_free(error);
		return 0;
	}
	size_t len1, len2;
	char *text1 = written(tree, &len1);
	FILE *again = fuzz_stream((const uint8_t *)text1, len1);
	gb_tree *tree2 = tree_read(again, "fuzz-written.tree", &error);
	fclose(again);
	if (!tree2)
		fuzz_fail("what tree_write wrote is refused: %s", error->message);
	char *text2 = written(tree2, &len2);
	if (len1 != len2 || memcmp(text1, text2, len1) != 0)
		fuzz_fail("a tree read back is written differently");
	free(text1);
	free(text2);
	tree_free(tree2);
	tree_free(tree);
	return 0;
}
