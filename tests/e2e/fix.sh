#!/usr/bin/env bash
# gongbao-parse --fix ISSUE_DIR (SPEC §3): applies exactly what cannot
# change meaning — half-width , ; : ? ! ( ) in Chinese text to full width,
# a space between CJK characters removed, the separator after 第N条 one
# full-width space, invisible format characters removed — to each file
# whole and atomically, prints every change and a count, never applies the
# word list, and a second run changes nothing.
. "$(dirname "$0")/lib.sh"

# issue NAME BODY: one document with BODY (lib.sh), its title with
# half-width parentheses for --fix to leave or mend as the rule says.
issue() { one_document_issue "$1" "$2" '示范市某某管理办法(试行)'; }

# fixes NAME BODY EXPECTED: --fix turns the body BODY into EXPECTED (exit 0).
fixes() {
	issue "$1" "$2"
	"$bin/gongbao-parse" --fix "$I" >"$tmp/out" 2>"$tmp/err"
	local st=$? got
	got=$(tail -n +10 "$D")
	if [ "$st" != 0 ]; then
		not_ok "$1" "exit $st" "$(head -5 "$tmp/err")"
	elif [ "$got" != "$3" ]; then
		not_ok "$1" "got:      $got" "expected: $3"
	else
		ok "$1"
	fi
}

# --- what is corrected ----------------------------------------------------

fixes test_fix_turns_halfwidth_punctuation_in_chinese_to_full_width \
	$'本办法所称文件(以下简称文件),是指:甲;乙?丙!' $'本办法所称文件（以下简称文件），是指：甲；乙？丙！'
fixes test_fix_turns_a_pair_of_parentheses_together $'加入世界贸易组织(WTO)' $'加入世界贸易组织（WTO）'
fixes test_fix_removes_a_space_between_chinese_characters $'为了规范 管理，2010年1月9日 施行。' $'为了规范管理，2010年1月9日施行。'
fixes test_fix_removes_a_space_beside_a_full_width_mark $'本办法所称“ 文件 ”，自公布之日起施行。 原办法废止。' \
	$'本办法所称“文件”，自公布之日起施行。原办法废止。'
fixes test_fix_makes_the_article_separator_one_full_width_space \
	$'第一条 为了规范管理。\n\n第二条  本办法适用于本市。\n\n第三条\t本办法自公布之日起施行。\n\n“第四条 修改后的条文。”' \
	$'第一条\u3000为了规范管理。\n\n第二条\u3000本办法适用于本市。\n\n第三条\u3000本办法自公布之日起施行。\n\n“第四条\u3000修改后的条文。”'
fixes test_fix_removes_invisible_format_characters $'高程\u200b103米\u2060，规\ufeff范\u200d。' $'高程103米，规范。'
fixes test_fix_removes_a_space_and_the_invisible_character_beside_it $'规范 \u200b管理' $'规范管理'

# --- what is left alone ----------------------------------------------------

keep=$'# 第一章 总 则\n\n## 第一节 一般规定\n\n# 附 则\n\n使用 PDF 格式，共 3 页，1,204条，10:30开始。See Article 3(a), please.\n\n'
keep+=$'（2011年1月8日修订  根据2016年2月6日修订）\n\n根据国办发(1985)49号文件。\n\n第一条 为了规范管理。 第二条 本办法适用于本市。'
fixes test_fix_leaves_the_conventions_and_what_a_person_must_decide "$keep" "${keep/第一条 为了/第一条　为了}"
links=$'见[通知](https://example.org/a?b=1),详见<https://example.org/x>,\\(不改\\)。\n\n```\n代码 保持(原样),不改\n```\n\n<div>\n网页 块(不改)\n</div>\n\n| 项目 | 数(条) |\n|---|---:|\n| 主动 公开 | 1,204 |\n| 甲 乙 | 2 |'
fixes test_fix_leaves_markdown_syntax_code_and_html_alone "$links" \
	$'见[通知](https://example.org/a?b=1)，详见<https://example.org/x>,\\(不改\\)。\n\n```\n代码 保持(原样),不改\n```\n\n<div>\n网页 块(不改)\n</div>\n\n| 项目 | 数（条） |\n|---|---:|\n| 主动公开 | 1,204 |\n| 甲 乙 | 2 |'

issue words $'请核对帐户信息。'
printf '帐户\t账户\n' >"$tmp/words.txt"
"$bin/gongbao-parse" --fix "$I" >"$tmp/out" 2>"$tmp/err"
"$bin/gongbao-parse" --words "$tmp/words.txt" "$I" >/dev/null 2>"$tmp/err2"
if grep -q '请核对帐户信息。' "$D" && grep -q '“帐户”是错敏词' "$tmp/err2"; then
	ok test_fix_never_applies_the_word_list
else
	not_ok test_fix_never_applies_the_word_list "$(tail -n +10 "$D")" "$(cat "$tmp/err2")"
fi

issue front $'正文。'
sed -i 's/^review: .*/review: 甲 2026-02-03;  乙 2026-02-06; 丙 2026-02-11/; s/^issuer: .*/issuer: 示范市人民政府(办公室)/' "$D"
sed -n '1,9p' "$D" >"$tmp/front.before"
"$bin/gongbao-parse" --fix "$I" >"$tmp/out" 2>"$tmp/err"
sed -n '1,9p' "$D" >"$tmp/front.after"
if diff <(grep -v '^title:' "$tmp/front.before") <(grep -v '^title:' "$tmp/front.after") >/dev/null \
	&& grep -qx 'title: 示范市某某管理办法（试行）' "$D"; then
	ok test_fix_corrects_printed_front_matter_values_and_nothing_else_of_it
else
	not_ok test_fix_corrects_printed_front_matter_values_and_nothing_else_of_it "$(diff "$tmp/front.before" "$tmp/front.after")"
fi

# --- what it prints ---------------------------------------------------------

issue prints $'第一条 为了规范管理(试行)。\n\n规范 管理。'
"$bin/gongbao-parse" --fix "$I" >"$tmp/out" 2>"$tmp/err"
status=$?
if [ "$status" = 0 ] && grep -qxF "$D:10: 一条 为了 → 一条　为了" "$tmp/out" \
	&& grep -qxF "$D:10: 管理(试行 → 管理（试行" "$tmp/out" && grep -qxF "$D:12: 规范 管理 → 规范管理" "$tmp/out" \
	&& grep -qxF "$D:4: 办法(试行 → 办法（试行" "$tmp/out"; then
	ok test_fix_prints_every_change_as_file_line_old_and_new
else
	not_ok test_fix_prints_every_change_as_file_line_old_and_new "exit $status" "$(cat "$tmp/out" "$tmp/err")"
fi
[ "$(tail -1 "$tmp/out")" = '--fix 共改正6处（1个文件）' ] && ok test_fix_prints_the_count_of_changes \
	|| not_ok test_fix_prints_the_count_of_changes "$(tail -1 "$tmp/out")"
[ "$(grep -c ' → ' "$tmp/out")" = 6 ] && [ ! -s "$tmp/err" ] && ok test_fix_prints_as_many_changes_as_it_counts \
	|| not_ok test_fix_prints_as_many_changes_as_it_counts "$(cat "$tmp/out" "$tmp/err")"
cp "$D" "$tmp/once"
"$bin/gongbao-parse" --fix "$I" >"$tmp/out" 2>"$tmp/err"
if cmp -s "$D" "$tmp/once" && [ "$(cat "$tmp/out")" = '--fix 共改正0处（0个文件）' ]; then
	ok test_second_fix_changes_no_byte_and_counts_zero
else
	not_ok test_second_fix_changes_no_byte_and_counts_zero "$(cat "$tmp/out")"
fi
issue invisible $'高程\u200b103米'
"$bin/gongbao-parse" --fix "$I" >"$tmp/out" 2>"$tmp/err"
grep -qxF "$D:10: 高程【U+200B】10 → 高程10" "$tmp/out" && ok test_fix_names_the_invisible_character_it_removes \
	|| not_ok test_fix_names_the_invisible_character_it_removes "$(cat "$tmp/out")"

# --- how it writes ------------------------------------------------------------

issue mode $'规范 管理。'
chmod 640 "$D"
"$bin/gongbao-parse" --fix "$I" >"$tmp/out" 2>"$tmp/err"
[ "$(stat -c %a "$D")" = 640 ] && grep -q '规范管理' "$D" && ok test_fix_keeps_the_file_mode \
	|| not_ok test_fix_keeps_the_file_mode "$(stat -c %a "$D")"

issue link $'规范 管理。'
mv "$D" "$tmp/elsewhere.md"
ln -s "$tmp/elsewhere.md" "$D"
"$bin/gongbao-parse" --fix "$I" >"$tmp/out" 2>"$tmp/err"
[ -L "$D" ] && grep -q '^规范管理。$' "$tmp/elsewhere.md" && ok test_fix_of_a_linked_document_rewrites_its_target_and_keeps_the_link \
	|| not_ok test_fix_of_a_linked_document_rewrites_its_target_and_keeps_the_link "$(ls -l "$D")" "$(cat "$tmp/err")"

issue crlf $'规范 管理。'
sed -i 's/$/\r/' "$D"
printf '\xef\xbb\xbf' | cat - "$D" >"$tmp/bom" && cp "$tmp/bom" "$D"
"$bin/gongbao-parse" --fix "$I" >"$tmp/out" 2>"$tmp/err"
if [ "$(head -c 3 "$D" | od -An -tx1 | tr -d ' ')" = efbbbf ] && [ "$(grep -c $'\r$' "$D")" = 10 ] \
	&& grep -q $'^规范管理。\r$' "$D"; then
	ok test_fix_keeps_the_byte_order_mark_and_crlf_line_ends
else
	not_ok test_fix_keeps_the_byte_order_mark_and_crlf_line_ends "$(od -c "$D" | head -3)"
fi

for how in '' ':KILL'; do
	name=test_fix_stopped_before_rename${how:+_by_sigkill}_leaves_the_original_byte_identical
	issue "fault$how" $'规范 管理(试行)。'
	cp "$D" "$tmp/orig"
	# a shell of its own, so that no "Killed" is printed into the results
	sh -c 'GONGBAO_FAULT=$1 "$2" --fix "$3" >"$4" 2>"$5"; exit $?' _ "fix-before-rename$how" \
		"$bin/gongbao-parse" "$I" "$tmp/out" "$tmp/err" 2>/dev/null
	st=$?
	if [ "$st" = 0 ]; then
		not_ok "$name" "the fault point was not reached"
	elif ! cmp -s "$D" "$tmp/orig"; then
		not_ok "$name" "the original changed: $(tail -1 "$D")"
	elif [ -z "$how" ] && [ -n "$(find "$I/docs" -name '.*tmp*')" ]; then
		not_ok "$name" "a temporary file was left: $(ls -A "$I/docs")"
	else
		ok "$name"
	fi
done
# after a SIGKILL the temporary file stays, hidden: it is no document
"$bin/gongbao-parse" --fix "$I" >"$tmp/out" 2>"$tmp/err"
[ "$(tail -1 "$tmp/out")" = '--fix 共改正5处（1个文件）' ] && ok test_fix_after_a_killed_run_fixes_the_document_only \
	|| not_ok test_fix_after_a_killed_run_fixes_the_document_only "$(cat "$tmp/out")"

"$bin/gongbao-parse" --fix "$tmp/no-such-issue" >"$tmp/out" 2>"$tmp/err"
[ $? = 2 ] && grep -q 'no-such-issue' "$tmp/err" && ok test_fix_of_a_missing_issue_is_a_usage_failure \
	|| not_ok test_fix_of_a_missing_issue_is_a_usage_failure "$(cat "$tmp/err")"

# --- nothing else changes: a normalising comparison ------------------------

# normcmp ORIG_DIR FIXED_DIR: with the fixed characters mapped back (full-
# width , ; : ? ! ( ) to half width) and spaces and invisible characters
# removed from both, every file is the same and has as many lines.
normcmp() {
	python3 - "$1" "$2" <<'EOF'
import os, sys
fw = str.maketrans({'，': ',', '；': ';', '：': ':', '？': '?', '！': '!', '（': '(', '）': ')'})
drop = {ord(c): None for c in ' \t\u3000\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff'}
norm = lambda t: t.translate(fw).translate(drop)
bad = changed = 0
for n in sorted(os.listdir(sys.argv[1])):
    x = open(os.path.join(sys.argv[1], n), encoding='utf-8').read()
    y = open(os.path.join(sys.argv[2], n), encoding='utf-8').read()
    changed += x != y
    if norm(x) != norm(y) or x.count('\n') != y.count('\n'):
        bad += 1
        print('differs beyond the fixes:', n)
print(changed, 'changed', bad, 'bad')
sys.exit(1 if bad or not changed else 0)
EOF
}

src=${GONGBAO_CORPUS:-$top/../shared/corpus/行政法规}
issue compare $'第一条 为了规范管理(试行),制定本办法。\n\n“第二条 本办法适用于本市 。”\n\n高程\u200b103米;见[通知](https://example.org/(a)(b)),\u2060完。'
if [ -d "$src" ]; then
	"$top/tests/import-corpus.sh" -n 12 "$src" "$tmp/corpus" 2>/dev/null
	cp "$tmp/corpus/docs/"*.md "$I/docs/"
fi
cp -r "$I/docs" "$tmp/compare.orig"
"$bin/gongbao-parse" --fix "$I" >"$tmp/out" 2>"$tmp/err"
if out=$(normcmp "$tmp/compare.orig" "$I/docs"); then
	ok test_fix_changes_nothing_but_the_fixed_characters
else
	not_ok test_fix_changes_nothing_but_the_fixed_characters "$out"
fi
"$bin/gongbao-parse" --all-warnings "$I" >/dev/null 2>"$tmp/err"
n=$(grep -cE '是半角标点|汉字之间有空格|全角标点旁有多余的空格' "$tmp/err")
[ "$n" = 0 ] && ok test_after_fix_no_fixable_warning_is_left \
	|| not_ok test_after_fix_no_fixable_warning_is_left "$(grep -E '是半角标点|汉字之间|全角标点旁' "$tmp/err" | head -5)"
[ -d "$src" ] || skip test_fix_of_corpus_files "no corpus at $src"

"$bin/gongbao-parse" --help >"$tmp/out" 2>&1
if grep -q -- '--fix' "$tmp/out" && grep -q -- '--all-warnings' "$tmp/out" \
	&& [ "$(grep -m1 'gongbao-parse \[' "$tmp/out" | grep -o ISSUE_DIR | wc -l)" = 1 ]; then
	ok test_help_names_fix_all_warnings_and_the_issue_dir_once
else
	not_ok test_help_names_fix_all_warnings_and_the_issue_dir_once "$(head -3 "$tmp/out")"
fi
