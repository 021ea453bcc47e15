#!/usr/bin/env bash
# Outputs (pipeline/util.c): a finished file appears whole under its name,
# a failed run leaves nothing, and a device or a pipe is written in place
# (renaming a temporary file over /dev/null would replace the device).
. "$(dirname "$0")/lib.sh"
issue=$top/issues/2026-05

run parse -o "$tmp/issue.tree" "$issue"
[ "$status" = 0 ] && head -n 1 "$tmp/issue.tree" | grep -q '^gongbao-tree' && tail -n 1 "$tmp/issue.tree" | grep -qx end \
	&& ok test_output_file_is_written_whole || not_ok test_output_file_is_written_whole
[ -z "$(find "$tmp" -name '.*.tmp-*')" ] && ok test_no_temporary_file_is_left_after_success \
	|| not_ok test_no_temporary_file_is_left_after_success "$(find "$tmp" -name '.*.tmp-*')"

# an issue with an error: no tree, no temporary file
mkdir -p "$tmp/bad/docs"
cp "$issue/issue.ini" "$tmp/bad/"
sed 's/^disclosure: 主动公开$/disclosure: 不予公开/' "$issue/docs/01-行政规范性文件管理办法.md" >"$tmp/bad/docs/01.md"
run parse -o "$tmp/bad.tree" "$tmp/bad"
[ "$status" = 1 ] && [ ! -e "$tmp/bad.tree" ] && [ -z "$(find "$tmp" -name '.*.tmp-*')" ] \
	&& ok test_failed_run_leaves_no_output_and_no_temporary_file \
	|| not_ok test_failed_run_leaves_no_output_and_no_temporary_file "status $status"

# a named pipe stays a pipe, and what is written comes through it
mkfifo "$tmp/pipe"
timeout 20 cat "$tmp/pipe" >"$tmp/through" &
reader=$!
run parse -o "$tmp/pipe" "$issue"
wait $reader
[ "$status" = 0 ] && [ -p "$tmp/pipe" ] && cmp -s "$tmp/through" "$tmp/issue.tree" \
	&& ok test_output_to_a_pipe_is_written_in_place \
	|| not_ok test_output_to_a_pipe_is_written_in_place "status $status"
