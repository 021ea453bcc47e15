#!/usr/bin/env bash
# Runs the whole suite: every unit test binary (build/san/unit/*) and every
# end-to-end script (tests/e2e/*.sh).  Each prints TAP-like lines
# "ok NAME", "not ok NAME" and "ok NAME # SKIP REASON" (a test that could
# not run here: counted apart, never as passed); this counts them and ends
# with "N passed, N failed, N skipped".  Exit 0 only if something ran and
# nothing failed.
set -u
# The suite's own locale, whatever the caller's: UTF-8 text, byte-order
# sorting, and Python reading and writing UTF-8.
export LC_ALL=C.UTF-8
unset LANGUAGE
export PYTHONUTF8=1 PYTHONIOENCODING=utf-8
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
export GONGBAO_BIN=${GONGBAO_BIN:-$top/build/san/bin}
export GONGBAO_TOP=$top
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=86:strict_string_checks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$top/tests/lsan.supp:print_suppressions=0:exitcode=87}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-}
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
passed=0 failed=0 skipped=0

tally() {  # tally NAME LOGFILE STATUS
	local p f s
	s=$(grep -c '^ok [^ ]* # SKIP' "$2")
	p=$(($(grep -c '^ok ' "$2") - s))
	f=$(grep -c '^not ok ' "$2")
	grep '^not ok ' "$2" | sed "s|^|$1: |"
	grep '^ok [^ ]* # SKIP' "$2" | sed "s|^ok |$1: skipped |"
	if [ "$3" != 0 ] && [ "$f" = 0 ]; then
		echo "not ok $1: exited $3 after $p tests"
		tail -n 20 "$2" | sed 's/^/    /'
		f=1
	fi
	if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$2"; then
		echo "not ok $1: sanitizer report"
		grep -E -A12 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$2" | head -40 | sed 's/^/    /'
		f=$((f + 1))
	fi
	passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
	printf '%-40s %4d passed, %d failed, %d skipped\n' "$1" "$p" "$f" "$s"
}

for t in build/san/unit/*; do
	[ -x "$t" ] || continue
	name=unit/$(basename "$t")
	"$t" >"$log/out" 2>&1; st=$?
	tally "$name" "$log/out" $st
done
for t in tests/e2e/*.sh; do
	[ -f "$t" ] || continue
	[ "$(basename "$t")" = lib.sh ] && continue
	name=e2e/$(basename "$t" .sh)
	bash "$t" >"$log/out" 2>&1; st=$?
	tally "$name" "$log/out" $st
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
