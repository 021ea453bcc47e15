#!/usr/bin/env bash
# The proofreader's warnings (SPEC §3) are right by the conventions of
# Chinese legal text: what an editor must act on is warned at its line,
# what is the convention (第一条 为了, 第一章 总则, 总 则, a quotation of
# several paragraphs, chapters numbered on across 编) is not; repeated
# warnings are summed up unless --all-warnings.
. "$(dirname "$0")/lib.sh"

# issue NAME BODY: one document with BODY (lib.sh), parsed with
# --all-warnings.
issue() {
	one_document_issue "$1" "$2"
	"$bin/gongbao-parse" --all-warnings "$I" >"$tmp/out" 2>"$tmp/err"
	status=$?
}

# quiet NAME BODY: no warning at all.
quiet() {
	issue "$1" "$2"
	if [ "$status" != 0 ]; then
		not_ok "$1" "exit $status" "$(head -5 "$tmp/err")"
	elif [ -s "$tmp/err" ]; then
		not_ok "$1" "$(head -5 "$tmp/err")"
	else
		ok "$1"
	fi
}

# warns NAME BODY LINE WORDS [COUNT]: a warning at LINE that contains WORDS
# (COUNT warnings in all, if given), and the tree has it.
warns() {
	issue "$1" "$2"
	local n
	n=$(grep -c 'warning: ' "$tmp/err")
	if [ "$status" != 0 ]; then
		not_ok "$1" "exit $status" "$(head -5 "$tmp/err")"
	elif ! grep -qF -- "$D:$3: warning: $4" "$tmp/err"; then
		not_ok "$1" "no line $D:$3: warning: $4" "$(head -5 "$tmp/err")"
	elif [ -n "${5:-}" ] && [ "$n" != "$5" ]; then
		not_ok "$1" "$n warnings, expected $5" "$(head -8 "$tmp/err")"
	elif ! grep -q "^warning	$D	$3	" "$tmp/out"; then
		not_ok "$1" "no warning record in the tree"
	else
		ok "$1"
	fi
}

# --- spaces: the separators of legal text are not faults ---------------

quiet test_article_number_separator_is_not_a_space_between_hanzi \
	$'第一条 为了规范管理，制定本办法。\n\n第二条 本办法适用于本市。'
quiet test_article_with_zhi_number_separator_is_not_warned $'第十条之一 市人民政府应当公布目录。'
quiet test_article_numbers_in_thousands_separator_is_not_warned $'第一千二百六十条 本法自公布之日起施行。'
quiet test_chapter_heading_separator_is_not_warned $'# 第一章 总则\n\n第一条 为了规范管理，制定本办法。'
quiet test_part_subpart_and_section_separators_are_not_warned \
	$'# 第一编 总则\n\n## 第一分编 通则\n\n### 第一节 一般规定\n\n第一条 为了规范管理，制定本办法。'
quiet test_spaced_heading_is_not_warned $'# 第一章 总 则\n\n第一条 为了规范管理。\n\n# 第二章 附 则\n\n第二条 本办法自公布之日起施行。'
quiet test_spaced_heading_without_number_is_not_warned $'总 则\n\n第一条 为了规范管理。\n\n# 目 录'
quiet test_two_spaces_setting_entries_apart_are_not_warned \
	$'（2011年1月8日《国务院关于废止和修改部分行政法规的决定》第一次修订  根据2016年2月6日《国务院关于修改部分行政法规的决定》第二次修订）'
quiet test_space_between_chinese_and_latin_is_not_warned $'使用 PDF 格式，共 3 页。'
quiet test_attachment_number_separator_is_not_warned $'附表2 统计表\n\n附图 标志式样\n\n# 附件一 辅助指挥的符号（略） 附件二 示意图（略）'
quiet test_quoted_article_separator_is_not_warned $'第一条修改为：“第一条 为了规范管理，制定本办法。”'
quiet test_full_width_separator_is_not_warned $'第一条　为了规范管理，制定本办法。'

warns test_space_between_hanzi_is_warned $'为了规范 管理，制定本办法。' 10 '汉字之间有空格（“范 管”）' 1
warns test_space_in_a_reference_to_an_article_is_warned $'依照本办法第十条 规定处理。' 10 '汉字之间有空格（“条 规”）' 1
warns test_space_inside_a_quotation_is_not_called_between_hanzi $'本办法所称“ 规范性文件”，是指文件。' 10 \
	'全角标点旁有多余的空格（““ 规”）' 1
warns test_space_before_a_closing_quote_is_a_space_beside_a_mark $'本办法所称“规范性文件 ”，是指文件。' 10 \
	'全角标点旁有多余的空格（“件 ””）' 1
grep -q '汉字之间' "$tmp/err" && not_ok test_space_before_a_closing_quote_is_not_called_between_hanzi "$(cat "$tmp/err")" \
	|| ok test_space_before_a_closing_quote_is_not_called_between_hanzi
warns test_space_after_a_full_stop_is_a_space_beside_a_mark $'本办法自公布之日起施行。 原办法同时废止。' 10 \
	'全角标点旁有多余的空格（“。 原”）' 1
warns test_article_run_into_the_paragraph_before_is_warned \
	$'第一条 为了规范管理，制定本办法。 第二条 本办法适用于本市。' 10 '“第二条”接排在上一条之后' 1

# --- half-width punctuation ---------------------------------------------

warns test_halfwidth_parentheses_are_warned_as_a_pair $'加入世界贸易组织(WTO)' 10 '“)”是半角标点' 2
quiet test_halfwidth_marks_in_latin_text_are_not_warned $'See Article 3(a), please.\n\n共1,204条，10:30开始。'
warns test_halfwidth_colon_after_chinese_is_warned $'具体如下:' 10 '“:”是半角标点，中文中应使用全角标点“：”' 1
warns test_document_number_brackets_are_one_warning $'根据国办发(1985)49号文件。' 10 \
	'正文中发文字号的年份“(1985)49号”应使用六角括号〔〕，即“〔1985〕49号”' 1

# --- pairs across paragraphs ---------------------------------------------

quiet test_quotation_of_several_paragraphs_is_balanced \
	$'第一条修改为：\n\n“第一条 为了规范管理，制定本办法。\n\n“第二条 本办法适用于本市。\n\n“第三条 本办法自公布之日起施行。”'
quiet test_parenthesis_closed_in_a_later_paragraph_is_balanced \
	$'（2001年6月15日国务院令第306号公布\n\n2010年1月9日《国务院关于修改〈某某细则〉的决定》修订）'
warns test_quotation_not_continued_in_the_next_paragraph_is_warned \
	$'第一条修改为：\n\n“第一条 为了规范管理，制定本办法。\n\n下一段不在引文之内。' 12 '「“」没有与之配对的「”」' 1
warns test_quotation_open_at_the_end_of_the_document_is_warned \
	$'第一条修改为：\n\n“第一条 为了规范管理。\n\n“第二条 本办法适用于本市。' 12 '「“」没有与之配对的「”」' 1
warns test_parenthesis_open_before_a_heading_is_warned $'（一）甲（乙\n\n# 附则' 10 '「（」没有与之配对的「）」' 1
warns test_book_title_marks_never_span_paragraphs $'根据《某某\n\n办法》。' 10 '「《」没有与之配对的「》」' 2
warns test_quotation_open_in_a_table_cell_is_warned_in_its_cell \
	$'| 项目 | 说明 |\n|---|---|\n| “甲 | 乙” |' 12 '「“」没有与之配对的「”」' 2
warns test_closing_mark_without_opening_is_warned $'2010年1月9日修订）\n\n第一条 为了规范管理。' 10 '「）」没有与之配对的「（」' 1

# --- heading numbers of a law ---------------------------------------------

quiet test_chapters_numbered_on_across_parts_are_not_warned \
	$'# 第一编 总则\n\n## 第一章 甲\n\n## 第二章 乙\n\n# 第二编 分则\n\n## 第三章 丙\n\n## 第四章 丁'
quiet test_chapters_numbered_anew_under_each_part_are_not_warned \
	$'# 第一编 总则\n\n## 第一章 甲\n\n## 第二章 乙\n\n# 第二编 分则\n\n## 第一章 丙'
quiet test_chapters_numbered_on_across_subparts_are_not_warned \
	$'# 第一编 总则\n\n## 第一分编 通则\n\n### 第一章 甲\n\n## 第二分编 典型\n\n### 第二章 乙\n\n# 第二编 分则\n\n## 第三分编 其他\n\n### 第三章 丙'
quiet test_sections_numbered_anew_under_each_chapter_are_not_warned \
	$'# 第一章 总则\n\n## 第一节 甲\n\n## 第二节 乙\n\n# 第二章 分则\n\n## 第一节 丙'
quiet test_parts_and_chapters_at_one_level_are_not_warned \
	$'# 第一编 总则\n\n# 第一章 甲\n\n# 第二章 乙\n\n# 第二编 分则\n\n# 第三章 丙'
warns test_chapter_gap_across_parts_is_warned \
	$'# 第一编 总则\n\n## 第一章 甲\n\n## 第二章 乙\n\n# 第二编 分则\n\n## 第四章 丙' 18 \
	'标题序号跳号：此处是“第四章”，应为“第三章”' 1
warns test_chapter_gap_within_a_part_is_warned $'# 第一章 总则\n\n# 第三章 附则' 12 \
	'标题序号跳号：此处是“第三章”，应为“第二章”' 1

# --- summed up, and every one with --all-warnings -----------------------

many=$'甲,乙,丙,丁,戊,己,庚,辛,壬\n\n本办法自公布之日起施行。'
issue summed "$many"
"$bin/gongbao-parse" "$I" >"$tmp/out" 2>"$tmp/err"
status=$?
listed=$(grep -c "^$D:10: warning: “,”是半角标点" "$tmp/err")
if [ "$status" = 0 ] && [ "$listed" = 5 ] \
	&& grep -q '^gongbao-parse: warning: .*另有3条同类警告（halfwidth-punct，共8条）.*--fix.*--all-warnings' "$tmp/err"; then
	ok test_repeated_warnings_are_summed_up_with_the_count_and_what_to_do
else
	not_ok test_repeated_warnings_are_summed_up_with_the_count_and_what_to_do "exit $status, $listed listed" "$(cat "$tmp/err")"
fi
n=$(grep -c "^warning	$D	10	" "$tmp/out")
[ "$n" = 8 ] && ok test_the_tree_carries_every_warning_when_they_are_summed_up \
	|| not_ok test_the_tree_carries_every_warning_when_they_are_summed_up "$n records"
"$bin/gongbao-parse" --all-warnings "$I" >"$tmp/out" 2>"$tmp/err"
n=$(grep -c "^$D:10: warning: “,”是半角标点" "$tmp/err")
if [ "$n" = 8 ] && ! grep -q 'halfwidth-punct' "$tmp/err"; then
	ok test_all_warnings_prints_every_warning
else
	not_ok test_all_warnings_prints_every_warning "$n listed" "$(cat "$tmp/err")"
fi
issue few $'甲,乙,丙'
"$bin/gongbao-parse" "$I" >"$tmp/out" 2>"$tmp/err"
if [ "$(grep -c 'warning: ' "$tmp/err")" = 2 ] && ! grep -q '另有' "$tmp/err"; then
	ok test_a_few_warnings_are_not_summed_up
else
	not_ok test_a_few_warnings_are_not_summed_up "$(cat "$tmp/err")"
fi

# --- the sample issue has nothing to warn about ----------------------------

"$bin/gongbao-parse" "$top/issues/2026-05" >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" = 0 ] && [ ! -s "$tmp/err" ] && ok test_sample_issue_has_no_warning \
	|| not_ok test_sample_issue_has_no_warning "exit $status" "$(head -5 "$tmp/err")"
