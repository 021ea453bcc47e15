#!/usr/bin/env bash
# gongbao-parse end to end: a small good issue gives the tree; every error
# and warning of SPEC §3 is provoked by changing one thing in a copy of it,
# and must be reported at the right FILE:LINE with the right words.
. "$(dirname "$0")/lib.sh"

# --- the good issue, and helpers to spoil a copy of it -------------------

mkdir -p "$tmp/issues"
T=$tmp/template
mkdir -p "$T/docs"
cat >"$T/issue.ini" <<'EOF'
[gazette]
title=示范市人民政府公报
publisher=示范市人民政府办公室
editor=示范市人民政府公报编辑部
address=示范市人民路1号
serial=CN 00-0000            ; optional: 国内统一刊号 / ISSN
layout=gazette-a4            ; a file layouts/gazette-a4.ini

[issue]
year=2026
number=5                     ; 第5期
cumulative=245               ; 总第245期
date=2026-03-15
first-page=1
reserve-copies=20

[sections]
order=法规规章;市政府文件;市政府办公室文件;部门文件;政策解读;人事任免;勘误
EOF
# line numbers matter below: 1 ---, 2 section … 12 ---, body from 13
cat >"$T/docs/01-通知.md" <<'EOF'
---
section: 市政府文件
kind: 通知
title: 示范市人民政府关于印发2026年政务公开工作要点的通知
issuer: 示范市人民政府
number: 示政发〔2026〕5号
date: 2026-02-28
to: 各县（市）区人民政府，市政府各部门
disclosure: 主动公开
review: 张三 2026-02-20; 李四 2026-02-21; 王五 2026-02-22
validity: 有效
---
现将《2026年政务公开工作要点》印发给你们，
请认真贯彻落实。

# 一、深化决策公开

## （一）完善重大行政决策公众参与制度

主动公开信息1,204条，10:30开始。See the list (below), please.

| 项目 | 2025年 | 2026年 |
|---|---:|---:|
| 主动公开信息（条） | 1,204 | 1,350 |

# 附件：2026年政务公开工作任务分工
EOF
# the interpretation, published the next working day
cat >"$T/docs/02-解读.md" <<'EOF'
---
section: 政策解读
kind: 解读
title: 《2026年政务公开工作要点》解读
issuer: 示范市人民政府办公室
date: 2026-03-02
disclosure: 主动公开
review: 赵六 2026-03-01; 李四 2026-03-02; 王五 2026-03-02
interprets: 示政发〔2026〕5号
---
一、为什么制定要点

解读正文。
EOF

# fresh NAME: a copy of the good issue in $tmp/issues/NAME; sets $I and $D
# (the issue directory and its first document).
fresh() {
	I=$tmp/issues/$1
	rm -rf "$I"
	cp -r "$T" "$I"
	D=$I/docs/01-通知.md
}
# setkey FILE KEY VALUE: the front-matter line of KEY gets VALUE.
setkey() { sed -i "s|^$2:.*|$2: $3|" "$1"; }
delkey() { sed -i "/^$2:/d" "$1"; }
# body FILE TEXT: replaces the body (from line 13) with TEXT.
body() { sed -i '13,$d' "$1"; printf '%s\n' "$2" >>"$1"; }

# diag NAME STATUS PREFIX WORDS: the last run exited STATUS and printed a
# line starting with PREFIX (FILE:LINE: error|warning: ) that contains WORDS.
diag() {
	local name=$1 want=$2 prefix=$3 words=$4
	if [ "$status" != "$want" ]; then
		not_ok "$name" "exit $status, expected $want" "$(head -5 "$tmp/err")"
	elif ! grep -F -- "$prefix" "$tmp/err" | grep -F -- "$words" | grep -q "^$(printf '%s' "$prefix" | sed 's/[][\.*^$]/\\&/g')"; then
		not_ok "$name" "no line: $prefix…$words" "$(head -5 "$tmp/err")"
	elif [ "$want" = 1 ] && [ -s "$tmp/out" ]; then
		not_ok "$name" "a tree was written despite the error"
	else
		ok "$name"
	fi
}
# nodiag NAME WORDS: the last run exited 0 and printed nothing with WORDS.
nodiag() {
	if [ "$status" != 0 ]; then
		not_ok "$1" "exit $status" "$(head -5 "$tmp/err")"
	elif grep -qF -- "$2" "$tmp/err"; then
		not_ok "$1" "unexpected: $(grep -F -- "$2" "$tmp/err" | head -3)"
	else
		ok "$1"
	fi
}

# --- the good issue ------------------------------------------------------

fresh good
run parse "$I"
if [ "$status" = 0 ] && [ ! -s "$tmp/err" ]; then ok test_good_issue_parses_silently_with_exit_0
else not_ok test_good_issue_parses_silently_with_exit_0 "exit $status" "$(head -5 "$tmp/err")"; fi

if [ "$(head -1 "$tmp/out")" = "$(printf 'gongbao-tree\t2')" ] && [ "$(tail -1 "$tmp/out")" = end ]
then ok test_tree_starts_with_version_and_ends_with_end
else not_ok test_tree_starts_with_version_and_ends_with_end; fi

expect_line() {  # expect_line NAME LINE: the tree has exactly this line
	if grep -qxF -- "$(printf '%b' "$2")" "$tmp/out"; then ok "$1"
	else not_ok "$1" "no line: $2"; fi
}
expect_line test_tree_has_gazette_title 'gazette\ttitle\t示范市人民政府公报'
expect_line test_inline_ini_comment_is_stripped 'gazette\tserial\tCN 00-0000'
expect_line test_tree_has_issue_name_and_dir "issue\tname\tgood"
expect_line test_tree_has_issue_dir_as_given "issue\tdir\t$I"
expect_line test_document_ids_follow_section_order "document\td1\t$I/docs/01-通知.md\t1"
expect_line test_second_document_in_later_section_is_d2 "document\td2\t$I/docs/02-解读.md\t1"
expect_line test_meta_keeps_its_source_line 'meta\tnumber\t示政发〔2026〕5号\t6'
expect_line test_date_text_is_derived 'meta\tdate-text\t2026年2月28日\t0'
expect_line test_interprets_id_is_derived 'meta\tinterprets-id\td1\t0'
expect_line test_interpreted_by_is_derived 'meta\tinterpreted-by\td2\t0'
expect_line test_interprets_title_is_derived 'meta\tinterprets-title\t示范市人民政府关于印发2026年政务公开工作要点的通知\t0'
expect_line test_soft_break_between_cjk_disappears 'para\t13\t现将《2026年政务公开工作要点》印发给你们，请认真贯彻落实。'
expect_line test_heading_level_and_line 'heading\t2\t18\t（一）完善重大行政决策公众参与制度'
expect_line test_attachment_heading_is_an_attachment 'attachment\t26\t附件：2026年政务公开工作任务分工'
expect_line test_table_has_columns_and_alignment 'table\t22\t3\t-rr'
expect_line test_table_cell_keeps_digits 'cell\t1,204'
if [ "$(grep -c '^section' "$tmp/out")" = 7 ]; then ok test_every_section_of_the_order_is_in_the_tree
else not_ok test_every_section_of_the_order_is_in_the_tree; fi

# sections order the documents, not file names
fresh order
mv "$I/docs/02-解读.md" "$I/docs/00-解读.md"
run parse "$I"
expect_line test_documents_are_ordered_by_section_before_file_name "document\td2\t$I/docs/00-解读.md\t1"

# SPEC §3's own issue.ini, verbatim, inline comments and all
fresh spec-ini
cat >"$I/issue.ini" <<'EOF'
[gazette]
title=示范市人民政府公报
publisher=示范市人民政府办公室
editor=示范市人民政府公报编辑部
address=示范市人民路1号
serial=CN 00-0000            ; optional: 国内统一刊号 / ISSN
layout=gazette-a4            ; a file layouts/gazette-a4.ini

[issue]
year=2026
number=5                     ; 第5期
cumulative=245               ; 总第245期
date=2026-03-15
first-page=1                 ; optional, for pagination continued across a year
reserve-copies=20            ; paper copies kept back by the office

[sections]
order=法规规章;市政府文件;市政府办公室文件;部门文件;政策解读;人事任免;勘误
EOF
run parse "$I"
if [ "$status" = 0 ] && [ ! -s "$tmp/err" ]; then ok test_spec_example_issue_ini_is_accepted_silently
else not_ok test_spec_example_issue_ini_is_accepted_silently "exit $status" "$(head -5 "$tmp/err")"; fi
expect_line test_spec_example_number_is_read_without_its_comment 'issue\tnumber\t5'
expect_line test_spec_example_cumulative_is_read_without_its_comment 'issue\tcumulative\t245'
expect_line test_spec_example_first_page_is_read_without_its_comment 'issue\tfirst-page\t1'
expect_line test_spec_example_reserve_copies_is_read_without_its_comment 'issue\treserve-copies\t20'
expect_line test_spec_example_layout_is_read_without_its_comment 'gazette\tlayout\tgazette-a4'

# a # after a space is a comment too; a ; right after a character is not
fresh comment-kinds
sed -i 's/^editor=.*/editor=示范市人民政府公报编辑部 # 编辑部/; s/^order=.*/order=市政府文件;政策解读 ; 两个栏目/' "$I/issue.ini"
run parse "$I"
if [ "$status" = 0 ] && [ ! -s "$tmp/err" ]; then ok test_hash_comment_and_semicolon_list_read_in_one_issue_ini
else not_ok test_hash_comment_and_semicolon_list_read_in_one_issue_ini "exit $status" "$(head -5 "$tmp/err")"; fi
expect_line test_hash_comment_after_a_space_is_cut 'gazette\teditor\t示范市人民政府公报编辑部'
if [ "$(grep -c '^section	' "$tmp/out")" = 2 ] && grep -qxF "$(printf 'section\t市政府文件')" "$tmp/out" \
    && grep -qxF "$(printf 'section\t政策解读')" "$tmp/out"
then ok test_semicolons_between_sections_are_no_comment
else not_ok test_semicolons_between_sections_are_no_comment "$(grep '^section' "$tmp/out" | head -9)"; fi

fresh outfile
run parse -o "$tmp/good.tree" "$I"
if [ "$status" = 0 ] && [ ! -s "$tmp/out" ] && [ "$(tail -1 "$tmp/good.tree")" = end ]
then ok test_output_option_writes_the_file_not_stdout
else not_ok test_output_option_writes_the_file_not_stdout "exit $status"; fi

fresh bom
printf '\357\273\277' | cat - "$D" >"$tmp/bom.md" && mv "$tmp/bom.md" "$D"
run parse "$I"
nodiag test_byte_order_mark_is_accepted error

# --- usage ---------------------------------------------------------------

run parse --help
if [ "$status" = 0 ] && grep -q ISSUE_DIR "$tmp/out"; then ok test_help_exits_0
else not_ok test_help_exits_0 "exit $status"; fi
run parse --version
if [ "$status" = 0 ] && grep -q 'gongbao-parse' "$tmp/out"; then ok test_version_exits_0
else not_ok test_version_exits_0 "exit $status"; fi
run parse --no-such-option "$T"
expect test_unknown_option_exits_2 2
run parse
expect test_no_issue_dir_exits_2 2
run parse "$T" "$T"
expect test_two_issue_dirs_exit_2 2
run parse "$tmp/no-such-issue"
diag test_missing_issue_dir_exits_2 2 "$tmp/no-such-issue: error: " '找不到公报目录'

# --- errors: issue.ini -----------------------------------------------------

fresh noini
rm "$I/issue.ini"
run parse "$I"
diag test_missing_issue_ini_is_an_error 1 "$I/issue.ini: error: " '缺少 issue.ini'

fresh initle
sed -i '/^title=/d' "$I/issue.ini"
run parse "$I"
diag test_issue_ini_without_title_is_an_error 1 "$I/issue.ini:1: error: " '[gazette] 缺少必填项 title'

fresh inidate
sed -i 's/^date=.*/date=2026-02-30/' "$I/issue.ini"
run parse "$I"
diag test_issue_date_that_does_not_exist_is_an_error 1 "$I/issue.ini:13: error: " 'date=2026-02-30'

fresh ininum
sed -i 's/^number=.*/number=五/' "$I/issue.ini"
run parse "$I"
diag test_issue_number_not_a_number_is_an_error 1 "$I/issue.ini:11: error: " 'number=五'

fresh inisyntax
sed -i '3a this line is nonsense' "$I/issue.ini"
run parse "$I"
diag test_issue_ini_line_that_is_no_key_is_an_error 1 "$I/issue.ini:4: error: " 'this line is nonsense'

fresh iniorder
sed -i '/^order=/d' "$I/issue.ini"
run parse "$I"
diag test_issue_ini_without_section_order_is_an_error 1 "$I/issue.ini:17: error: " '缺少必填项 order'

fresh inidup
sed -i 's/^order=.*/order=市政府文件;政策解读;市政府文件/' "$I/issue.ini"
run parse "$I"
diag test_section_twice_in_the_order_is_an_error 1 "$I/issue.ini:18: error: " '出现了两次'

fresh nodocs
rm "$I"/docs/*.md
run parse "$I"
diag test_issue_without_documents_is_an_error 1 "$I/docs: error: " '没有文档'

# --- errors: front matter ---------------------------------------------------

fresh nofm
sed -i '1d' "$D"
run parse "$I"
diag test_document_without_front_matter_is_an_error 1 "$D:1: error: " 'front matter'

fresh unterminated
sed -i '12d' "$D"
sed -i '12,$d' "$D"
run parse "$I"
diag test_front_matter_without_closing_line_is_an_error 1 "$D:1: error: " '没有结束行'

fresh fmsyntax
sed -i '5a 这一行没有冒号' "$D"
run parse "$I"
diag test_front_matter_line_without_colon_is_an_error 1 "$D:6: error: " '这一行没有冒号'

fresh fullcolon
sed -i 's/^issuer: /issuer：/' "$D"
run parse "$I"
diag test_full_width_colon_after_key_is_an_error 1 "$D:5: error: " '全角“：”'

fresh dupkey
sed -i '5a issuer: 示范市人民政府办公室' "$D"
run parse "$I"
diag test_key_given_twice_is_an_error 1 "$D:6: error: " 'issuer 重复出现（第5行已有）'

for key in section title issuer date disclosure review; do
	fresh "missing-$key"
	delkey "$D" "$key"
	run parse "$I"
	diag "test_missing_required_key_${key}_is_an_error" 1 "$D:1: error: " "缺少必填项 $key"
done

fresh emptykey
setkey "$D" issuer ''
run parse "$I"
diag test_empty_required_key_is_an_error 1 "$D:5: error: " '必填项 issuer（发文机关）的值为空'

fresh section
setkey "$D" section 市府文件
run parse "$I"
diag test_section_not_in_the_order_is_an_error 1 "$D:2: error: " '栏目“市府文件”不在'

for v in 依申请公开 不予公开; do
	fresh "disclosure-$v"
	setkey "$D" disclosure "$v"
	run parse "$I"
	diag "test_disclosure_${v}_is_refused" 1 "$D:9: error: " "公开属性为“$v”的文件不得在公报刊登"
done

fresh disclosure-bad
setkey "$D" disclosure 公开
run parse "$I"
diag test_unknown_disclosure_value_is_an_error 1 "$D:9: error: " '公开属性“公开”无效'

fresh secrecy
sed -i '11a secrecy: 秘密' "$D"
run parse "$I"
diag test_secrecy_marking_is_an_error 1 "$D:12: error: " '密级为“秘密”'

fresh secrecy-none
sed -i '11a secrecy: 无' "$D"
run parse "$I"
nodiag test_secrecy_none_is_accepted 密级

fresh review2
setkey "$D" review '张三 2026-02-20; 李四 2026-02-21'
run parse "$I"
diag test_review_with_two_entries_is_an_error 1 "$D:10: error: " '此处有2条'

fresh revorder
setkey "$D" review '张三 2026-02-20; 李四 2026-02-23; 王五 2026-02-22'
run parse "$I"
diag test_review_dates_decreasing_is_an_error 1 "$D:10: error: " '王五 的审核日期 2026-02-22 早于前一级 李四'

fresh revlate
setkey "$D" review '张三 2026-02-20; 李四 2026-02-21; 王五 2026-03-16'
run parse "$I"
diag test_review_after_issue_date_is_an_error 1 "$D:10: error: " '须先审后发'

fresh reventry
setkey "$D" review '张三; 李四 2026-02-21; 王五 2026-02-22'
run parse "$I"
diag test_review_entry_without_date_is_an_error 1 "$D:10: error: " '审核记录“张三”'

fresh revfull
setkey "$D" review '张三 2026-02-20；李四 2026-02-21；王五 2026-02-22'
run parse "$I"
nodiag test_review_with_full_width_semicolons_is_accepted 审核

fresh number-square
setkey "$D" number '示政发[2026]7号'
run parse "$I"
diag test_number_with_square_brackets_is_an_error 1 "$D:6: error: " '示政发[2026]7号: 发文字号年份应使用六角括号〔〕'

for n in '示政发【2026】7号' '示政发(2026)7号' '示政发（2026）7号' '示政发［2026］7号'; do
	fresh number-other
	setkey "$D" number "$n"
	run parse "$I"
	diag "test_number_with_brackets_${n}_is_an_error" 1 "$D:6: error: " "$n: 发文字号年份应使用六角括号〔〕"
done

fresh number-malformed
setkey "$D" number '示政发2026年第七号'
run parse "$I"
diag test_malformed_number_is_an_error 1 "$D:6: error: " '发文字号“示政发2026年第七号”格式不正确'

fresh number-order
setkey "$D" number '示范市人民政府令第12号'
setkey "$I/docs/02-解读.md" interprets '示范市人民政府令第12号'
run parse "$I"
nodiag test_order_number_without_year_is_accepted 发文字号

fresh date-feb30
setkey "$D" date 2026-02-30
run parse "$I"
diag test_date_that_does_not_exist_is_an_error 1 "$D:7: error: " '2026-02-30 是不存在的日期'

fresh date-format
setkey "$D" date 2026/02/28
run parse "$I"
diag test_date_not_in_iso_form_is_an_error 1 "$D:7: error: " '不是 YYYY-MM-DD'

fresh date-late
setkey "$D" date 2026-03-16
run parse "$I"
diag test_date_after_issue_date_is_an_error 1 "$D:7: error: " '成文日期 2026-03-16 晚于本期出版日期 2026-03-15'

fresh interprets-unknown
setkey "$I/docs/02-解读.md" interprets '示政发〔2025〕99号'
run parse "$I"
diag test_interprets_naming_no_known_document_is_an_error 1 "$I/docs/02-解读.md:9: error: " 'interprets 指向的“示政发〔2025〕99号”'

# a document of an earlier issue is found in the archive (lib.sh: the
# suite's archive, issues/2026-04 published by the pipeline), not beside
mkdir -p "$tmp/archive"
fresh earlier
mv "$I" "$tmp/archive/2026-04"
sed -i 's/示政发〔2026〕5号/示政发〔2026〕3号/; s/^title: .*/title: 早先的通知/' "$tmp/archive/2026-04/docs/01-通知.md"
fresh later
setkey "$I/docs/02-解读.md" interprets '示政办发〔2026〕2号'
setkey "$I/docs/02-解读.md" date 2026-02-18
setkey "$I/docs/02-解读.md" review '赵六 2026-02-17; 李四 2026-02-17; 王五 2026-02-18'
mv "$I" "$tmp/archive/2026-05"
I=$tmp/archive/2026-05
run parse "$I"
if [ "$status" = 0 ] \
    && grep -qxF "$(printf 'meta\tinterprets-title\t示范市人民政府办公室关于印发示范市2026年为民办实事项目的通知\t0')" "$tmp/out" \
    && grep -qxF "$(printf 'meta\tinterprets-where\t本刊2026年第4期第12页\t0')" "$tmp/out" \
    && ! grep -qP '^meta\tinterprets-id\t' "$tmp/out"
then ok test_interprets_may_name_a_document_of_an_earlier_issue
else not_ok test_interprets_may_name_a_document_of_an_earlier_issue "exit $status" "$(head -3 "$tmp/err")"; fi
setkey "$I/docs/02-解读.md" interprets '示政发〔2026〕3号'
run parse "$I"
diag test_an_issue_beside_is_not_the_archive 1 "$I/docs/02-解读.md:9: error: " 'interprets 指向的“示政发〔2026〕3号”'

fresh validity
setkey "$D" validity 有效期五年
run parse "$I"
diag test_unknown_validity_is_an_error 1 "$D:11: error: " '有效性“有效期五年”无效'

fresh signature
sed -i '11a signature: 无' "$D"
run parse "$I"
diag test_signature_other_than_none_is_an_error 1 "$D:12: error: " 'signature 只能为 none'

fresh utf8
sed -i '20s/.*/\xC4\xE3\xBA\xC3，GBK 编码。/' "$D"
run parse "$I"
diag test_body_not_in_utf8_is_an_error_at_its_line 1 "$D:20: error: " 'UTF-8'

# every problem is reported, sorted by file and line, and no tree is written
fresh several
setkey "$D" date 2026-02-30
setkey "$D" section 市府文件
setkey "$I/docs/02-解读.md" disclosure 不予公开
run parse -o "$tmp/several.tree" "$I"
if [ "$status" = 1 ] && [ ! -e "$tmp/several.tree" ] \
    && [ "$(grep -c ': error: ' "$tmp/err")" = 3 ] \
    && grep -n '' "$tmp/err" | grep -q "^1:$D:2: error" \
    && grep -n '' "$tmp/err" | grep -q "^2:$D:7: error" \
    && grep -n '' "$tmp/err" | grep -q "^3:$I/docs/02-解读.md:7: error"
then ok test_all_errors_are_reported_sorted_and_no_output_is_written
else not_ok test_all_errors_are_reported_sorted_and_no_output_is_written "exit $status" "$(cat "$tmp/err")"; fi

# --- warnings --------------------------------------------------------------

# warn NAME BODY LINE WORDS: a body that gives a warning at LINE; the tree
# is still written, with the warning in it.
warn() {
	fresh "w-$1"
	body "$D" "$2"
	run parse "$I"
	diag "$1" 0 "$D:$3: warning: " "$4"
	if [ "$status" = 0 ] && ! grep -q "^warning	$D	$3	.*$4" "$tmp/out"; then
		not_ok "$1 (in the tree)" "no warning record in the tree"
	fi
}

warn test_heading_gap_is_a_warning $'# 一、甲\n\n# 二、乙\n\n# 四、丙' 17 '标题序号跳号：此处是“四、”，应为“三、”'
warn test_heading_repeat_is_a_warning $'# 一、甲\n\n# 一、乙' 15 '标题序号重复：此处是“一、”，应为“二、”'
warn test_second_level_gap_is_a_warning $'# 一、甲\n\n## （一）乙\n\n## （三）丙' 17 '此处是“（三）”，应为“（二）”'
warn test_third_level_gap_is_a_warning $'### 1. 甲\n\n### 3. 乙' 15 '此处是“3.”，应为“2.”'
warn test_fourth_level_gap_is_a_warning $'#### （1）甲\n\n#### （3）乙' 15 '此处是“（3）”，应为“（2）”'
warn test_numbering_not_starting_at_one_is_a_warning '# 二、甲' 13 '应为“一、”'
warn test_chapter_gap_is_a_warning $'# 第一章 总则\n\n# 第三章 附则' 15 '此处是“第三章”，应为“第二章”'

# articles (第N条 and a space) go on through the chapters of a document
warn test_article_gap_is_a_warning $'第一条　甲。\n\n第二条　乙。\n\n第四条　丙。' 17 '条文序号跳号：此处是“第四条”，应为“第三条”'
warn test_article_repeat_is_a_warning $'第一条　甲。\n\n第一条　乙。' 15 '条文序号重复：此处是“第一条”，应为“第二条”'
warn test_article_backwards_is_a_warning $'第一条　甲。\n\n第二条　乙。\n\n第三条　丙。\n\n第二条　丁。' 19 '条文序号倒序：此处是“第二条”，应为“第四条”'
warn test_article_in_digits_is_checked $'第1条 甲。\n\n第3条 乙。' 15 '此处是“第3条”，应为“第二条”'
warn test_a_slip_in_the_first_article_shows_at_the_next $'第二条　甲。\n\n第二条　乙。' 15 '条文序号重复：此处是“第二条”，应为“第三条”'
nodiag_body() {  # nodiag_body NAME BODY WORDS
	fresh "n-$1"
	body "$D" "$2"
	run parse "$I"
	nodiag "$1" "$3"
}
nodiag_body test_articles_go_on_through_chapters $'# 第一章　总则\n\n第一条　甲。\n\n# 第二章　附则\n\n第二条　乙。' 条文序号
nodiag_body test_article_run_in_counts_for_the_next $'第一条　甲。 第二条　乙。\n\n第三条　丙。' 条文序号
nodiag_body test_article_reference_is_not_an_article $'第一条　甲。\n\n第五条规定的事项，从其规定。\n\n第二条　乙。' 条文序号
nodiag_body test_inserted_article_keeps_the_count $'第一条　甲。\n\n第一条之一　乙。\n\n第二条　丙。' 条文序号
nodiag_body test_attachment_numbers_articles_anew $'第一条　甲。\n\n第二条　乙。\n\n# 附件\n\n第一条　丙。' 条文序号
nodiag_body test_an_excerpt_may_start_at_any_article $'第一千二百六十条　甲。\n\n第一千二百六十一条　乙。' 条文序号
nodiag_body test_quoted_article_is_not_counted $'第一条　甲。\n\n“第五条　乙。”\n\n第二条　丙。' 条文序号

fresh w-restart
body "$D" $'# 一、甲\n\n## （一）乙\n\n## （二）丙\n\n# 二、丁\n\n## （一）戊\n\n## （二）己'
run parse "$I"
nodiag test_numbering_restarts_under_each_parent_heading 标题序号

for p in ',' ';' ':' '(' ')' '?' '!'; do
	warn "test_halfwidth_${p}_in_chinese_is_a_warning" "中文${p}中文" 13 "“${p}”是半角标点"
done

fresh w-numbers
body "$D" $'共1,204条，10:30开始；Hello, world (a test)! Really? Yes: 3.'
run parse "$I"
nodiag test_halfwidth_punctuation_in_numbers_and_latin_is_not_warned 半角

warn test_halfwidth_punctuation_line_inside_paragraph $'第一行没有问题，\n第二行也没有，\n第三行有问题,对吧。' 15 '“,”是半角标点'
warn test_halfwidth_punctuation_in_table_cell_is_warned $'| 项目 | 说明 |\n|---|---|\n| 甲 | 乙,丙 |' 15 '“,”是半角标点'
warn test_unbalanced_book_title_marks $'请阅读《规定，然后办理。' 13 '「《」没有与之配对的「》」'
warn test_unbalanced_quotes $'他说：“好，然后走了。' 13 '「“」没有与之配对的「”」'
warn test_closing_parenthesis_without_opening $'各县市）区人民政府' 13 '「）」没有与之配对的「（」'
warn test_unbalanced_mark_on_later_line $'第一行，\n第二行《没有结束。' 14 '「《」没有与之配对的「》」'
warn test_space_between_chinese_characters $'为了规范 管理。' 13 '汉字之间有空格（“范 管”）'
warn test_text_number_with_wrong_brackets $'根据国办发(1985)49号文件。' 13 '正文中发文字号的年份“(1985)49号”应使用六角括号〔〕，即“〔1985〕49号”'

fresh w-space-latin
body "$D" $'使用 PDF 格式，共 3 页。'
run parse "$I"
nodiag test_space_between_chinese_and_latin_is_not_warned 空格

# the word list beside the issue directory, or given with --words
mkdir -p "$tmp/wordy"
printf '# 错敏字库\n帐户\t账户\n按装\t安装\n敏感词\n' >"$tmp/wordy/words.txt"
fresh w-words
body "$D" $'请核对\n帐户信息。'
mv "$I" "$tmp/wordy/w-words"
I=$tmp/wordy/w-words D=$I/docs/01-通知.md
run parse "$I"
diag test_wrong_word_is_a_warning_with_its_correction 0 "$D:14: warning: " '“帐户”是错敏词，应改为“账户”'
body "$D" '文中有敏感词。'
run parse "$I"
diag test_lone_word_of_the_list_is_a_warning 0 "$D:13: warning: " '“敏感词”在错敏词表中'
fresh w-words-option
body "$D" '请按装软件。'
run parse --words "$tmp/wordy/words.txt" "$I"
diag test_words_option_names_the_word_list 0 "$D:13: warning: " '“按装”是错敏词，应改为“安装”'
run parse --words "$tmp/no-such-words.txt" "$I"
expect test_missing_words_file_exits_2 2 'no-such-words.txt'

fresh w-late
setkey "$I/docs/02-解读.md" date 2026-03-05
setkey "$I/docs/02-解读.md" review '赵六 2026-03-01; 李四 2026-03-02; 王五 2026-03-02'
run parse "$I"
diag test_interpretation_four_working_days_late_is_a_warning 0 "$I/docs/02-解读.md:6: warning: " '4个工作日'

# 2026-02-27 is a Friday; the next Wednesday is three working days on
fresh w-weekend
setkey "$D" date 2026-02-27
setkey "$I/docs/02-解读.md" date 2026-03-04
run parse "$I"
nodiag test_interpretation_three_working_days_over_a_weekend_is_in_time 工作日

fresh w-unknown-key
sed -i '11a colour: red' "$D"
run parse "$I"
diag test_unknown_front_matter_key_is_a_warning 0 "$D:12: warning: " 'colour 不是已知的键'

fresh w-kind
setkey "$D" kind 通告知
run parse "$I"
diag test_unknown_kind_is_a_warning 0 "$D:3: warning: " '文种“通告知”'

fresh w-title
setkey "$D" title '关于印发(试行)办法的通知'
run parse "$I"
diag test_halfwidth_punctuation_in_title_is_warned 0 "$D:4: warning: " '“(”是半角标点'

fresh w-ini-key
sed -i 's/^first-page=1/first-pages=1/' "$I/issue.ini"
run parse "$I"
diag test_unknown_issue_ini_key_is_a_warning 0 "$I/issue.ini:14: warning: " '[issue] 中的 first-pages 不是已知的设置项'

fresh ini-group
sed -i '/^\[issue\]/,/^reserve-copies/d' "$I/issue.ini"
run parse "$I"
diag test_issue_ini_without_issue_group_is_an_error 1 "$I/issue.ini: error: " '缺少 [issue] 组'

fresh fm-comment
sed -i '5a # 注释行' "$D"
run parse "$I"
nodiag test_comment_line_in_front_matter_is_ignored front

mkdir -p "$tmp/badwords"
printf '帐户\t账户\t多余\n' >"$tmp/badwords/words.txt"
fresh w-badwords
run parse --words "$tmp/badwords/words.txt" "$I"
diag test_word_list_line_with_three_columns_is_a_warning 0 "$tmp/badwords/words.txt:1: warning: " '多于两列'

fresh nul
printf '%s\n' '---' 'title: x' '---' $'正文\x01' >"$I/docs/03-nul.md"
printf 'abc\0def\n' >>"$I/docs/03-nul.md"
run parse "$I"
if [ "$status" = 1 ] && [ "$(grep -c "03-nul.md:5: error: .*UTF-8" "$tmp/err")" = 1 ]
then ok test_nul_byte_is_reported_once_as_not_utf8
else not_ok test_nul_byte_is_reported_once_as_not_utf8 "exit $status" "$(cat "$tmp/err")"; fi
