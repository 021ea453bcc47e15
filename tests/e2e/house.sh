#!/usr/bin/env bash
# The house rules of pipeline/ (issue 10, STYLE.md): no file over 1,000
# lines, no function over 100, every message on stderr printed by the one
# diagnostics table (pipeline/lib/diag.c), no format-check suppression.
. "$(dirname "$0")/lib.sh"

cd "$top" || exit 2
srcs=$(find pipeline -name '*.[ch]' | sort)
csrcs=$(printf '%s\n' $srcs | grep '\.c$')

# A function: its name at the start of a line followed by "(", its body
# from a "{" alone at the start of a line to the next "}" alone there (the
# project's style, groff's and mandoc's).
functions_over() {  # functions_over N: "FILE:LINE NAME LENGTH lines" for each longer than N
	awk -v max="$1" '
	FNR == 1 { name = ""; start = 0; inbody = 0 }
	!inbody && /^[A-Za-z_][A-Za-z0-9_]*\(/ { name = $0; sub(/\(.*/, "", name); start = FNR; next }
	!inbody && /^\{/ && name != "" { inbody = 1; next }
	inbody && /^\}/ { len = FNR - start + 1
		if (len > max) print FILENAME ":" start " " name " " len " lines"
		inbody = 0; name = "" }
	' $csrcs
}

# the measures must see the sources: a rule over nothing passes vacuously
n=$(printf '%s\n' $srcs | wc -l)
nf=$(functions_over 0 | grep -c '^pipeline/lib/diag.c:')
if [ "$n" -gt 40 ] && [ "$nf" -ge 10 ]; then ok test_the_house_rules_see_every_source_and_function
else not_ok test_the_house_rules_see_every_source_and_function "$n sources, $nf functions in diag.c"; fi

long=$(wc -l $srcs | awk '$2 != "total" && $1 > 1000 { print $2 ": " $1 " lines" }')
[ -z "$long" ] && ok test_no_file_in_pipeline_is_over_1000_lines \
	|| not_ok test_no_file_in_pipeline_is_over_1000_lines "$long"

long=$(functions_over 100)
[ -z "$long" ] && ok test_no_function_in_pipeline_is_over_100_lines \
	|| not_ok test_no_function_in_pipeline_is_over_100_lines "$long"

# --help goes to stdout; everything on stderr is a diagnostic of the table
out=$(grep -nE 'fprintf\(stderr|g_printerr|fputs\([^;]*stderr|perror\(|g_warning\(|g_message\(|g_critical\(' \
	$srcs | grep -v '^pipeline/lib/diag.c:')
[ -z "$out" ] && ok test_only_the_diagnostics_table_writes_to_stderr \
	|| not_ok test_only_the_diagnostics_table_writes_to_stderr "$out"

# numbers are read by gb_parse_int (util.c), range and all
out=$(grep -nE '\bato[il]l?\(' $srcs)
[ -z "$out" ] && ok test_no_number_is_read_with_atoi \
	|| not_ok test_no_number_is_read_with_atoi "$out"

out=$(grep -n 'Wformat-nonliteral\|GCC diagnostic ignored' $srcs)
[ -z "$out" ] && ok test_no_warning_is_suppressed_in_the_sources \
	|| not_ok test_no_warning_is_suppressed_in_the_sources "$out"

# every block of the table is included by diag.h and diag.c, and each id once
blocks=$(cd pipeline && ls */diag-*.def | sed 's|.*/||' | sort)
inh=$(grep -o '"diag-[a-z]*\.def"' pipeline/lib/diag.h | tr -d '"' | sort)
inc=$(grep -o '"diag-[a-z]*\.def"' pipeline/lib/diag.c | tr -d '"' | sort)
dups=$(grep -ho '^DIAG([A-Z0-9_]*' pipeline/*/diag-*.def | sort | uniq -d)
if [ -n "$blocks" ] && [ "$blocks" = "$inh" ] && [ "$blocks" = "$inc" ] && [ -z "$dups" ]; then
	ok test_every_block_of_the_diagnostics_table_is_in_the_table_once
else
	not_ok test_every_block_of_the_diagnostics_table_is_in_the_table_once \
		"blocks: $blocks" "diag.h: $inh" "diag.c: $inc" "twice: $dups"
fi
