#!/usr/bin/env bash
# profile.sh — where the time of each stage goes, over an issue that
# tests/bench.sh has built (default out/bench/small; `make bench` first).
# Samples with perf where the kernel lets it, else valgrind's callgrind on
# the same commands (slower by ~50×: give it the small issue).
#
# usage: tests/bench/profile.sh [BUILD_DIR] [STAGE…]
#        STAGE: parse typeset render check (default: all; render makes both
#        editions of one painting, as make does), render-print, render-web (each alone),
#        or floor (tests/bench/floor.c over the same tree, built by make bench)
#        PROFILE_CALLERS=1 adds the time of each function with its callees.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
bin=${GONGBAO_BIN:-$top/bin}
dir=${1:-out/bench/small}
shift $(($# > 0 ? 1 : 0))
stages=${*:-parse typeset render check}
src=$dir-src
[ -f "$dir/issue.pages" ] && [ -d "$src" ] || {
	echo "profile: $dir has no built issue beside its source $src: run make bench first" >&2; exit 2; }
prof=$dir/profile
mkdir -p "$prof"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}

command_of() {  # the command line of one stage, writing into $prof
	case $1 in
	parse) echo "$bin/gongbao-parse -o $prof/issue.tree $src" ;;
	typeset) echo "$bin/gongbao-typeset -o $prof/issue.pages $dir/issue.tree" ;;
	render) echo "$bin/gongbao-render --edition web --print-output $prof/print.pdf -o $prof/web.pdf $dir/issue.pages" ;;
	render-print) echo "$bin/gongbao-render --edition print -o $prof/print.pdf $dir/issue.pages" ;;
	render-web) echo "$bin/gongbao-render --edition web -o $prof/web.pdf $dir/issue.pages" ;;
	check) echo "$bin/gongbao-check -o $prof/check.txt $dir/issue.pages $dir/print.pdf $dir/web.pdf" ;;
	floor)
		local layout; layout=$(grep -m1 '^layout	' "$dir/issue.pages" | cut -f2)
		echo "${BENCH_FLOOR:-$top/build/bench/floor} --layout $top/layouts/${layout:-gazette-a4}.ini" \
			"--fonts $top/fonts/fonts.conf -o $prof/floor.pdf $dir/issue.tree" ;;
	*) echo "profile: no stage $1" >&2; return 1 ;;
	esac
}

if perf record -q -o "$prof/probe.data" true >/dev/null 2>&1; then
	tool=perf
elif command -v valgrind >/dev/null; then
	tool=callgrind
else
	echo "profile: neither perf nor valgrind can profile here" >&2; exit 2
fi
rm -f "$prof/probe.data"
echo "profile of $dir ($(grep -c '^page	' "$dir/issue.pages") pages) with $tool"

for s in $stages; do
	cmd=$(command_of "$s") || exit 2
	echo
	echo "== $s: self time by function (top 15) =="
	if [ $tool = perf ]; then
		# no call graphs: self time per function is what names a hot spot,
		# and it keeps the data small
		perf record -q -F 1999 -o "$prof/$s.data" -- $cmd >"$prof/$s.log" 2>&1
		perf report -i "$prof/$s.data" --stdio --no-children --sort dso,symbol 2>/dev/null |
			awk '/^ +[0-9.]+%/ { printf "  %7s  %-28s %s\n", $1, $2, $4; if (++n == 15) exit }'
		echo "-- by library --"
		perf report -i "$prof/$s.data" --stdio --no-children --sort dso 2>/dev/null |
			awk '/^ +[0-9.]+%/ { printf "  %7s  %s\n", $1, $2; if (++n == 8) exit }'
		if [ "${PROFILE_CALLERS:-0}" != 0 ]; then
			# who calls the hot spots: time including callees, DWARF unwinding
			# (the libraries have no frame pointers) at a low rate
			echo "-- including callees (top 25 named functions) --"
			perf record -q -F 149 --call-graph dwarf,16384 -o "$prof/$s.cg.data" -- $cmd >/dev/null 2>&1
			perf report -i "$prof/$s.cg.data" --stdio --children --sort symbol 2>/dev/null |
				awk '/^ +[0-9.]+%/ && $4 !~ /^0x/ && $4 !~ /^_?_?libc_start|^_start$/ {
					printf "  %7s  %s\n", $1, $4; if (++n == 25) exit }'
			rm -f "$prof/$s.cg.data"
		fi
	else
		valgrind --tool=callgrind --callgrind-out-file="$prof/$s.callgrind" $cmd >"$prof/$s.log" 2>&1
		callgrind_annotate "$prof/$s.callgrind" 2>/dev/null | sed -n '/^Ir/,$p' | sed -n '3,17p'
	fi
done
