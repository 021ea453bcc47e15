#!/usr/bin/env bash
# The fuzz targets' replay (tests/fuzz/): every crash ever found
# (tests/fuzz/crashes/NAME/) and every seed (tests/fuzz/seeds/NAME/) is run
# once through its target, built with the test build's sanitizers
# (build/san/fuzz/NAME, by make test).  A sanitizer report, a signal or a
# target's abort is a failure; a target that replayed nothing is one too.
. "$(dirname "$0")/lib.sh"

fuzz=$top/tests/fuzz
for src in "$fuzz"/fuzz_*.c; do
	name=$(basename "$src" .c)
	name=${name#fuzz_}
	replay=$top/build/san/fuzz/$name
	if [ ! -x "$replay" ]; then
		not_ok "fuzz_$name: the replay is built" "no $replay: make build/san/fuzz/$name"
		continue
	fi
	n=0
	for f in "$fuzz/crashes/$name"/* "$fuzz/seeds/$name"/*; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		rel=${f#"$top"/}
		"$replay" "$f" >"$tmp/out" 2>"$tmp/err"
		status=$?
		if [ "$status" != 0 ]; then
			not_ok "fuzz_$name replays $rel" "exit $status" \
			  "$(grep -m4 -E 'ERROR: |runtime error:|fuzz: |^ +#[0-9]' "$tmp/err")"
		elif grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$tmp/err"; then
			not_ok "fuzz_$name replays $rel" "$(head -5 "$tmp/err")"
		else
			ok "fuzz_$name replays $rel"
		fi
	done
	if [ "$n" = 0 ]; then
		not_ok "fuzz_$name replayed at least one file" "nothing in tests/fuzz/crashes/$name/ or seeds/$name/"
	else
		ok "fuzz_$name replayed $n files"
	fi
done
