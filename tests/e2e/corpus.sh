#!/usr/bin/env bash
# The real corpus (../shared/corpus/行政法规, 683 regulations) imported as one
# issue and parsed by the sanitized gongbao-parse: no crash, no sanitizer
# report, every regulation in the tree, and the corpus's own untidiness
# reported where it stands.
. "$(dirname "$0")/lib.sh"

src=${GONGBAO_CORPUS:-$top/../shared/corpus/行政法规}
if [ ! -d "$src" ]; then
	not_ok test_corpus_is_present "no corpus at $src"
	exit 0
fi

I=$tmp/corpus
if "$top/tests/import-corpus.sh" "$src" "$I" 2>"$tmp/import.err" \
    && [ "$(ls "$I/docs" | wc -l)" = 683 ]; then
	ok test_importer_makes_one_document_per_regulation
else
	not_ok test_importer_makes_one_document_per_regulation "$(cat "$tmp/import.err")"
fi

timeout 300 "$bin/gongbao-parse" --all-warnings -o "$tmp/corpus.tree" "$I" >"$tmp/out" 2>"$tmp/err"
status=$?
if [ "$status" -le 1 ]; then ok test_corpus_parses_with_exit_0_or_1
else not_ok test_corpus_parses_with_exit_0_or_1 "exit $status" "$(grep -v ': warning: ' "$tmp/err" | head -5)"; fi
if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$tmp/err"; then
	not_ok test_corpus_parses_without_sanitizer_report "$(grep -E -A5 'Sanitizer|runtime error' "$tmp/err" | head -20)"
else
	ok test_corpus_parses_without_sanitizer_report
fi
# the imported front matter is valid: what refuses the corpus as it stands
# is its zero-width spaces (two regulations hold them), nothing else
errs=$(grep ': error: ' "$tmp/err")
if [ "$status" = 1 ] && [ -n "$errs" ] && ! grep -v 'U+200B' <<<"$errs" | grep -q .; then
	ok test_corpus_is_refused_only_for_its_zero_width_spaces
else
	not_ok test_corpus_is_refused_only_for_its_zero_width_spaces "exit $status" "$(grep -v 'U+200B' <<<"$errs" | head -5)"
fi
# as an editor would: gongbao-parse --fix, then the issue parses
cp -r "$I" "$tmp/fixed"
timeout 300 "$bin/gongbao-parse" --fix "$tmp/fixed" >"$tmp/fix.out" 2>"$tmp/fix.err"; fst=$?
timeout 300 "$bin/gongbao-parse" -o "$tmp/corpus.tree" "$tmp/fixed" >/dev/null 2>"$tmp/err2"
status2=$?
if [ "$fst" = 0 ] && [ "$status2" = 0 ] && [ "$(grep -c '^document	' "$tmp/corpus.tree")" = 683 ]; then
	ok test_fixed_corpus_tree_has_683_documents
else
	not_ok test_fixed_corpus_tree_has_683_documents "fix exit $fst, parse exit $status2" "$(grep ': error: ' "$tmp/err2" | head -5)"
fi
if [ "$(tail -1 "$tmp/corpus.tree" 2>/dev/null)" = end ]; then ok test_corpus_tree_is_complete
else not_ok test_corpus_tree_is_complete; fi

# at FILE TEXT: the line of the first line of FILE that contains TEXT.
at() { grep -nF -- "$2" "$1" | head -1 | cut -d: -f1; }
# reported NAME FILE LINE WORDS: a warning at FILE:LINE containing WORDS.
reported() {
	if [ -n "$3" ] && grep -F -- "$2:$3: warning: " "$tmp/err" | grep -qF -- "$4"; then
		ok "$1"
	else
		not_ok "$1" "no warning at $2:$3 with: $4"
	fi
}

# 不动产登记暂行条例 lists with half-width parentheses: (一)集体土地所有权；
f=$(ls "$I"/docs/*-不动产登记暂行条例.md)
reported test_corpus_halfwidth_parenthesis_is_warned_at_its_line \
    "$f" "$(at "$f" '(一)集体土地所有权')" '“(”是半角标点'
# an ASCII space after the date of its history line (2014年11月24日 中华…)
reported test_corpus_space_after_a_date_is_warned_at_its_line \
    "$f" "$(at "$f" '2014年11月24日 中华人民共和国国务院令')" '汉字之间有空格（“日 中”）'
# but the space after 第一条 is the convention of legal text (SPEC §3)
l=$(at "$f" '第一条 为整合不动产登记职责')
if [ -n "$l" ] && ! grep -qF -- "$f:$l: warning: 汉字之间" "$tmp/err"; then
	ok test_corpus_space_after_article_number_is_not_warned
else
	not_ok test_corpus_space_after_article_number_is_not_warned "$(grep -F -- "$f:$l: " "$tmp/err")"
fi

# a document number with full-width square brackets in the running text
f=$(ls "$I"/docs/*-国家机关、事业单位贯彻《国务院关于职工工作时间的规定》的实施办法.md)
reported test_corpus_square_brackets_in_a_document_number_are_warned \
    "$f" "$(at "$f" '人薪发［1995］32号')" '“［1995］32号”应使用六角括号〔〕'

# a regulation whose chapters jump from 第八章 to 第十章
f=$(ls "$I"/docs/*-中华人民共和国企业法人登记管理条例.md)
reported test_corpus_missing_chapter_is_a_heading_gap \
    "$f" "$(at "$f" '# 第十章 监督管理')" '此处是“第十章”，应为“第九章”'

# a history line with a stray closing parenthesis
f=$(ls "$I"/docs/*-中华人民共和国专利法实施细则.md | tail -1)
reported test_corpus_stray_closing_parenthesis_is_unbalanced \
    "$f" "$(at "$f" '第三次修订）')" '「）」没有与之配对的「（」'

# the repeated corpus for a larger volume: distinct files, same content
"$top/tests/import-corpus.sh" -n 3 -k 2 "$src" "$tmp/rep" 2>/dev/null
run parse "$tmp/rep"
if [ "$status" = 0 ] && [ "$(grep -c '^document	' "$tmp/out")" = 6 ]; then
	ok test_importer_repeats_and_limits_the_corpus
else
	not_ok test_importer_repeats_and_limits_the_corpus "exit $status"
fi
