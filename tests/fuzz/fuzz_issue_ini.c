/* fuzz_issue_ini.c — fuzzes the parse stage on issue.ini: a fuzzed
 * issue.ini with one fixed good document.  See fuzz_issue.h. */
#include "fuzz_issue.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_parse_issue((const char *)data, size, fuzz_issue_doc, sizeof fuzz_issue_doc - 1);
	return 0;
}
