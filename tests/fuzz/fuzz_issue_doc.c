/* fuzz_issue_doc.c — fuzzes the parse stage on a document: the sample
 * issue.ini with one fuzzed docs/NAME.md (front matter, Markdown, the word
 * list and the checks of SPEC §3).  See fuzz_issue.h. */
#include "fuzz_issue.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_parse_issue(fuzz_issue_ini, sizeof fuzz_issue_ini - 1, (const char *)data, size);
	return 0;
}
