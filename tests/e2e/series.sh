#!/usr/bin/env bash
# The gazette as a series (SPEC §3, §9): working days by the State
# Council's holiday arrangement (issues/holidays.txt), and a 解读 or 勘误 of
# an earlier issue resolved through the archive — the suite's archive
# (Makefile test-series: the sample issues built by the pipeline and
# published by gongbao-archive, before-NAME.db as issue NAME finds it).
. "$(dirname "$0")/lib.sh"

top_issues=$top/issues
sample_cal=$top_issues/holidays.txt

# --- working days ----------------------------------------------------------

# cal_issue NAME FROM TO: in $tmp/cal/NAME an issue of 2025 with a notice
# dated FROM and its 解读 dated TO; sets $I and $J (the 解读's file).
mkdir -p "$tmp/cal"
cp "$sample_cal" "$tmp/cal/holidays.txt"
ln -s "$top/issues/keys" "$tmp/cal/keys"
cal_issue() {
	I=$tmp/cal/$1 J=$tmp/cal/$1/docs/02-解读.md
	rm -rf "$I"
	mkdir -p "$I/docs"
	sed 's/^year=.*/year=2025/; s/^date=.*/date=2025-10-31/' "$top_issues/2026-05/issue.ini" >"$I/issue.ini"
	printf -- '---\nsection: 市政府文件\nkind: 通知\ntitle: 示范市人民政府关于某某工作的通知\nissuer: 示范市人民政府\nnumber: 示政发〔2025〕30号\ndate: %s\ndisclosure: 主动公开\nreview: 甲 %s; 乙 %s; 丙 %s\n---\n现将有关事项通知如下。\n' \
		"$2" "$2" "$2" "$2" >"$I/docs/01-通知.md"
	printf -- '---\nsection: 政策解读\nkind: 解读\ntitle: 《示范市人民政府关于某某工作的通知》解读\nissuer: 示范市发展和改革委员会\ndate: %s\ninterprets: 示政发〔2025〕30号\ndisclosure: 主动公开\nreview: 丁 %s; 戊 %s; 己 %s\n---\n现就有关内容解读如下。\n' \
		"$3" "$3" "$3" "$3" >"$J"
}

# 10月1日–8日 off, 10月11日 (a Saturday) worked: 9, 10, 11 are three
cal_issue national-day 2025-09-30 2025-10-11
run parse "$I"
if [ "$status" = 0 ] && ! grep -q 工作日 "$tmp/err"; then
	ok test_national_day_2025_to_its_worked_saturday_is_three_working_days
else
	not_ok test_national_day_2025_to_its_worked_saturday_is_three_working_days "exit $status" "$(head -3 "$tmp/err")"
fi
# by weekends alone the same dates are eight working days: the calendar counts
: >"$tmp/cal/empty.txt"
run parse --holidays "$tmp/cal/empty.txt" "$I"
if [ "$status" = 0 ] && grep -qF "$J:6: warning: 政策解读（2025年10月11日）晚于所解读文件（2025年9月30日）8个工作日" "$tmp/err"; then
	ok test_without_the_calendar_the_national_day_counts_as_eight
else
	not_ok test_without_the_calendar_the_national_day_counts_as_eight "exit $status" "$(head -3 "$tmp/err")"
fi

# 9月19日 to 9月29日: five days, Sunday 28 worked, Monday 29: seven
cal_issue sunday-worked 2025-09-19 2025-09-29
run parse "$I"
if [ "$status" = 0 ] && grep -qF "$J:6: warning: 政策解读（2025年9月29日）晚于所解读文件（2025年9月19日）7个工作日" "$tmp/err"; then
	ok test_sunday_28_september_2025_was_a_working_day
else
	not_ok test_sunday_28_september_2025_was_a_working_day "exit $status" "$(head -3 "$tmp/err")"
fi

# a year the calendar lacks: counted by weekends, said once
sed '/^年度\t2025/,/^$/d' "$sample_cal" >"$tmp/cal/no-2025.txt"
cal_issue year-missing 2025-09-30 2025-10-02
run parse --holidays "$tmp/cal/no-2025.txt" "$I"
if [ "$status" = 0 ] && [ "$(grep -c "warning: 节假日安排表 $tmp/cal/no-2025.txt 中没有2025年" "$tmp/err")" = 1 ] \
	&& grep -qF "$J:6: warning: " "$tmp/err"; then
	ok test_a_year_missing_from_the_calendar_warns_that_weekends_alone_were_counted
else
	not_ok test_a_year_missing_from_the_calendar_warns_that_weekends_alone_were_counted "exit $status" "$(head -3 "$tmp/err")"
fi
# … and a year it has says nothing of the kind
run parse "$I"
if [ "$status" = 0 ] && ! grep -q '节假日安排表' "$tmp/err"; then
	ok test_a_year_the_calendar_has_gives_no_fallback_warning
else
	not_ok test_a_year_the_calendar_has_gives_no_fallback_warning "exit $status" "$(head -3 "$tmp/err")"
fi

# a malformed calendar is an error at its line: no tree
cp "$sample_cal" "$tmp/cal/bad.txt"
line=$(($(wc -l <"$tmp/cal/bad.txt") + 1))
printf '2026-10-03\t休\t国庆节\n' >>"$tmp/cal/bad.txt"
run parse --holidays "$tmp/cal/bad.txt" "$I"
if [ "$status" = 1 ] && [ ! -s "$tmp/out" ] \
	&& grep -qF "$tmp/cal/bad.txt:$line: error: 2026-10-03 是周末" "$tmp/err"; then
	ok test_a_malformed_calendar_is_an_error_naming_its_line
else
	not_ok test_a_malformed_calendar_is_an_error_naming_its_line "exit $status" "$(head -3 "$tmp/err")"
fi
# the calendar beside the issue directory is found as words.txt is
cp "$tmp/cal/bad.txt" "$tmp/cal/holidays.txt"
run parse "$I"
expect test_the_calendar_beside_the_issue_is_read 1 "holidays.txt:$line: error: "
cp "$sample_cal" "$tmp/cal/holidays.txt"
run parse --holidays "$tmp/cal/no-such.txt" "$I"
expect test_a_missing_holidays_file_given_exits_2 2 'no-such.txt'

# --- across issues: the suite's archive -------------------------------------

db5=$series/before-2026-05.db	# 2026-04 published
db6=$series/before-2026-06.db	# 2026-04 and 2026-05 published
q() { sqlite3 "$1" "$2"; }

# a 勘误 of a published page: accepted, and the tree records the link
run parse --db "$db5" "$top_issues/2026-05"
want_id=$(q "$db5" "SELECT identifier FROM document WHERE doc_number = '示政办发〔2026〕2号'")
if [ "$status" = 0 ] && [ -n "$want_id" ] \
	&& grep -qxF "$(printf 'meta\tcorrects-identifier\t%s\t0' "$want_id")" "$tmp/out" \
	&& grep -qxF "$(printf 'meta\tcorrects-folio\t12\t0')" "$tmp/out"; then
	ok test_a_correction_of_a_published_page_is_accepted_and_the_tree_records_the_link
else
	not_ok test_a_correction_of_a_published_page_is_accepted_and_the_tree_records_the_link \
		"exit $status, id '$want_id'" "$(head -3 "$tmp/err")"
fi

# … of a page, an issue or a document the archive does not have: refused
cp -r "$top_issues/2026-05" "$tmp/c5"
K=$tmp/c5/docs/21-第4期勘误.md
correct() { sed -i "s|^corrects:.*|corrects: $1|" "$K"; run parse --db "$db5" "$tmp/c5"; }
correct '2026年第4期第30页《示范市人民政府办公室关于印发示范市2026年为民办实事项目的通知》'
diag_line() {  # NAME WORDS: exit 1, no tree, the error at the corrects line
	if [ "$status" = 1 ] && [ ! -s "$tmp/out" ] && grep -qF "$K:7: error: $2" "$tmp/err"; then ok "$1"
	else not_ok "$1" "exit $status" "$(head -3 "$tmp/err")"; fi
}
diag_line test_a_correction_of_a_page_the_archive_does_not_have_is_refused '2026年第4期没有第30页：该期页码为第10页至第14页'
correct '2026年第3期第5页《示范市人民政府关于某某的通知》'
diag_line test_a_correction_of_an_issue_not_published_is_refused "档案库 $db5 中没有2026年第3期"
correct '2026年第4期第12页《示范市人民政府关于并不存在的通知》'
diag_line test_a_correction_naming_a_document_not_on_the_page_is_refused '2026年第4期第12页上没有《示范市人民政府关于并不存在的通知》'
correct '2026年第4期第12页 示政办发〔2026〕2号'
if [ "$status" = 0 ] && grep -qF "$(printf 'meta\tcorrects-identifier\t%s' "$want_id")" "$tmp/out"; then
	ok test_a_correction_may_name_its_document_by_number
else
	not_ok test_a_correction_may_name_its_document_by_number "exit $status" "$(head -3 "$tmp/err")"
fi
correct '第4期第12页'
diag_line test_a_correction_without_its_year_is_refused '勘误对象“第4期第12页”应写为'
# nothing published yet: the sample's 勘误 has nothing to correct
run parse --db "$tmp/no-such.db" "$top_issues/2026-05"
if [ "$status" = 1 ] && grep -qF '21-第4期勘误.md:7: error: 档案库' "$tmp/err" && [ ! -e "$tmp/no-such.db" ]; then
	ok test_without_a_database_a_correction_is_refused_and_no_database_made
else
	not_ok test_without_a_database_a_correction_is_refused_and_no_database_made "exit $status" "$(head -3 "$tmp/err")"
fi

# a 解读 of a document of 2026-05, built beside 2026-05 as published
S=$tmp/site
mkdir -p "$S"
ln -s "$series/2026-05" "$S/2026-05"
folio=$(q "$db6" "SELECT first_folio FROM document WHERE doc_number = '示人社发〔2026〕6号'")
target=$(q "$db6" "SELECT identifier FROM document WHERE doc_number = '示人社发〔2026〕6号'")
file=$(q "$db6" "SELECT coalesce(file, '') FROM document WHERE doc_number = '示人社发〔2026〕6号'")
page=$(q "$db6" "SELECT first_page FROM document WHERE doc_number = '示人社发〔2026〕6号'")
mkdir -p "$S/2026-06"
"$bin/gongbao-parse" --db "$db6" -o "$S/2026-06/issue.tree" "$top_issues/2026-06" 2>"$tmp/p6.err" &&
"$bin/gongbao-typeset" -o "$S/2026-06/issue.pages" "$S/2026-06/issue.tree" 2>>"$tmp/p6.err" &&
"$bin/gongbao-render" --edition web -o "$S/2026-06/web.pdf" "$S/2026-06/issue.pages" 2>>"$tmp/p6.err" &&
"$bin/gongbao-render" --edition print -o "$S/2026-06/print.pdf" "$S/2026-06/issue.pages" 2>>"$tmp/p6.err"
built=$?
if [ -n "$file" ]; then uri="../2026-05/$file"; else uri="../2026-05/web.pdf#page=$page"; fi
if [ "$built" = 0 ] && [ -n "$folio" ] \
	&& pdftotext "$S/2026-06/web.pdf" - | tr -d '\n ' | grep -qF "本刊2026年第5期第${folio}页" \
	&& grep -qxF "$(printf 'meta\tinterprets-identifier\t%s\t0' "$target")" "$S/2026-06/issue.tree"; then
	ok test_an_interpretation_of_a_published_document_prints_where_it_was_published
else
	not_ok test_an_interpretation_of_a_published_document_prints_where_it_was_published \
		"built $built, folio '$folio'" "$(head -3 "$tmp/p6.err")"
fi
# its link: a URI action to the document's file beside, in the page list and the PDF
qpdf --qdf --object-streams=disable "$S/2026-06/web.pdf" "$tmp/w6.qdf" 2>/dev/null
enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe="/#=")) ' "$uri")
if grep -qP "^link\t.*\turi:\Q$enc\E$" "$S/2026-06/issue.pages" \
	&& grep -aqF "/URI ($enc)" "$tmp/w6.qdf"; then
	ok test_an_interpretation_links_to_its_documents_file
else
	not_ok test_an_interpretation_links_to_its_documents_file "want $enc" \
		"$(grep -P '^link.*uri:' "$S/2026-06/issue.pages" | head -2)"
fi
run check -o "$tmp/c6.txt" "$S/2026-06/issue.pages" "$S/2026-06/print.pdf" "$S/2026-06/web.pdf"
expect test_the_check_passes_a_link_to_an_earlier_issues_file 0
# … and fails it when the file is not there beside the web edition
rm "$S/2026-05"
run check -o "$tmp/c6.txt" "$S/2026-06/issue.pages" "$S/2026-06/print.pdf" "$S/2026-06/web.pdf"
if [ "$status" = 1 ] && grep -qF '不存在' "$tmp/c6.txt"; then
	ok test_the_check_fails_a_link_to_a_file_that_is_not_there
else
	not_ok test_the_check_fails_a_link_to_a_file_that_is_not_there "exit $status"
fi
ln -s "$series/2026-05" "$S/2026-05"
# … and fails a page list whose link the PDF does not have
sed "s|\turi:$enc\$|\turi:../2026-05/other.pdf|" "$S/2026-06/issue.pages" >"$tmp/other.pages"
run check -o "$tmp/c6o.txt" "$tmp/other.pages" "$S/2026-06/print.pdf" "$S/2026-06/web.pdf"
if [ "$status" = 1 ] && grep -qF '../2026-05/other.pdf' "$tmp/c6o.txt"; then
	ok test_the_check_fails_a_link_to_another_uri
else
	not_ok test_the_check_fails_a_link_to_another_uri "exit $status"
fi

# a 解读 four working days late warns, the calendar counted: 3月11日 (Wed)
# to 3月16日 (Mon) is three by weekends; with Saturday 14 worked, four
cp -r "$top_issues/2026-06" "$tmp/late"
L=$tmp/late/docs/03-调整最低工资标准政策解读.md
sed -i 's/^date: .*/date: 2026-03-16/; s/^review: .*/review: 龚丽萍 2026-03-16; 谢振华 2026-03-16; 黎光耀 2026-03-16/' "$L"
run parse --db "$db6" --holidays "$sample_cal" "$tmp/late"
if [ "$status" = 0 ] && ! grep -q '个工作日' "$tmp/err"; then
	ok test_an_interpretation_three_working_days_after_an_earlier_issues_document_is_on_time
else
	not_ok test_an_interpretation_three_working_days_after_an_earlier_issues_document_is_on_time "exit $status" "$(head -3 "$tmp/err")"
fi
{ cat "$sample_cal"; printf '2026-03-14\t班\t示例：调休上班\n'; } >"$tmp/late-cal.txt"
run parse --db "$db6" --holidays "$tmp/late-cal.txt" "$tmp/late"
if [ "$status" = 0 ] && grep -qF "$L:6: warning: 政策解读（2026年3月16日）晚于所解读文件（2026年3月11日）4个工作日" "$tmp/err"; then
	ok test_an_interpretation_four_working_days_late_warns_with_the_calendar_counted
else
	not_ok test_an_interpretation_four_working_days_late_warns_with_the_calendar_counted "exit $status" "$(head -3 "$tmp/err")"
fi
# the archive's date, not a copy of the issue beside: without the archive it is unknown
run parse --db "$db5" "$tmp/late"
if [ "$status" = 1 ] && grep -qF "$L:7: error: interprets 指向的“示人社发〔2026〕6号”" "$tmp/err"; then
	ok test_an_interpretation_of_a_document_not_yet_published_is_an_error
else
	not_ok test_an_interpretation_of_a_document_not_yet_published_is_an_error "exit $status" "$(head -3 "$tmp/err")"
fi
