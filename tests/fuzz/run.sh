#!/usr/bin/env bash
# run.sh — the campaign of `make fuzz`: runs each target
# build/fuzz/bin/fuzz_NAME for SECONDS, one after another, from its seeds,
# prints its executions and copies every crash it finds to
# tests/fuzz/crashes/NAME/.  Exit 1 if any target found something.
#
#   tests/fuzz/run.sh SECONDS NAME...
#
# New corpus entries go to build/fuzz/corpus/NAME (never into tests/), the
# fuzzer's output to build/fuzz/log/NAME.log, of which only the last MiB is
# kept: a target that prints a warning for every input must not fill the
# disk (the final stats and a crash's report come last).  tail -c, not
# head -c: head would close the pipe and kill the fuzzer with SIGPIPE.
set -u
[ $# -ge 2 ] || { sed -n 7p "$0" | sed 's/^# *//' >&2; exit 2; }
secs=$1; shift
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1
export LSAN_OPTIONS=suppressions=$top/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
log_max=$((1024 * 1024))
found=0

for name in "$@"; do
	bin=build/fuzz/bin/fuzz_$name
	seeds=tests/fuzz/seeds/$name
	corpus=build/fuzz/corpus/$name
	art=build/fuzz/artifacts/$name
	log=build/fuzz/log/$name.log
	mkdir -p "$corpus" "$art" "$(dirname "$log")"
	rm -f "$art"/*
	dict=()
	[ -f "tests/fuzz/$name.dict" ] && dict=("-dict=tests/fuzz/$name.dict")
	"$bin" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
	  -print_final_stats=1 -artifact_prefix="$art/" "${dict[@]}" "$corpus" "$seeds" 2>&1 \
	  | tail -c "$log_max" >"$log"
	status=${PIPESTATUS[0]}
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	echo "fuzz_$name: ${execs:-?} executions in ${secs} s (log: $log)"
	crashes=0
	for f in "$art"/*; do
		[ -f "$f" ] || continue
		mkdir -p "tests/fuzz/crashes/$name"
		cp "$f" "tests/fuzz/crashes/$name/"
		echo "fuzz_$name: found $(basename "$f" | cut -d- -f1): tests/fuzz/crashes/$name/$(basename "$f")" \
		  "(the report is in $log; name the file for what it is)"
		crashes=$((crashes + 1))
	done
	if [ "$status" != 0 ] && [ "$crashes" = 0 ]; then
		echo "fuzz_$name: the fuzzer exited $status without a crash file; see $log"
		tail -n 20 "$log" | sed 's/^/    /'
		found=1
	fi
	[ "$crashes" = 0 ] || found=1
done
exit $found
