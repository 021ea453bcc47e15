#!/usr/bin/env bash
# What every program says of itself: its usage line names each operand
# once, and its help keeps its characters where no locale is set (a bare
# machine, cron, `env -i`), instead of GLib's "?" for each one.
. "$(dirname "$0")/lib.sh"

for p in parse typeset render check registry distribute; do
	run "$p" --help
	usage=$(sed -n 2p "$tmp/out")
	# the operands after [OPTION…], up to a " — " summary
	dup=$(printf '%s\n' "$usage" | sed 's/ — .*//' | tr ' ' '\n' | grep -E '^[A-Z_.|-]+' | sort | uniq -d)
	[ "$status" = 0 ] && [ -n "$usage" ] && [ -z "$dup" ] && ok "test_${p}_usage_names_each_operand_once" \
		|| not_ok "test_${p}_usage_names_each_operand_once" "exit $status" "$usage"

	env -i ASAN_OPTIONS="$ASAN_OPTIONS" LSAN_OPTIONS="$LSAN_OPTIONS" UBSAN_OPTIONS="$UBSAN_OPTIONS" \
		"$bin/gongbao-$p" --help >"$tmp/plain" 2>&1; st=$?
	if [ "$st" = 0 ] && grep -q '…' "$tmp/plain" && ! grep -q 'OPTION?' "$tmp/plain"; then
		ok "test_${p}_help_keeps_its_characters_without_a_locale"
	else
		not_ok "test_${p}_help_keeps_its_characters_without_a_locale" "exit $st" "$(sed -n 2p "$tmp/plain")"
	fi
done
