# archive.sh — gongbao-archive (SPEC §9): publish records a checked issue
# once and refuses what was not checked or changed since, or another issue
# under a published number; an interrupted publish leaves nothing; search
# finds text of any length newest first; show, list and validity.
. "$(dirname "$0")/lib.sh"

export SOURCE_DATE_EPOCH=1773500000
export GONGBAO_NOW=2026-04-01T09:00:00Z

# build SRC OUT: the stages as make runs them, into the directory OUT.
build() {
	local src=$1 out=$2
	mkdir -p "$out"
	"$bin/gongbao-parse" -o "$out/issue.tree" "$src" >"$out.log" 2>&1 &&
	"$bin/gongbao-typeset" -o "$out/issue.pages" "$out/issue.tree" >>"$out.log" 2>&1 &&
	"$bin/gongbao-render" --edition web --print-output "$out/print.pdf" -o "$out/web.pdf" \
	    "$out/issue.pages" >>"$out.log" 2>&1 &&
	"$bin/gongbao-check" -o "$out/check.txt" --json-output "$out/check.json" \
	    "$out/issue.pages" "$out/print.pdf" "$out/web.pdf" >>"$out.log" 2>&1
}
# copy_issue NAME NUMBER: the sample issue as $tmp/src/NAME with [issue] number.
copy_issue() {
	mkdir -p "$tmp/src"
	cp -r "$top/issues/2026-05" "$tmp/src/$1"
	sed -i "s/^number=.*/number=$2/" "$tmp/src/$1/issue.ini"
	ln -sfn "$top/issues/keys" "$tmp/src/keys"
}
sql() { sqlite3 "$1" "$2"; }
db=$tmp/office.db
# the archive the sample builds on (lib.sh: 2026-04 published), as the office has it
[ -f "${GONGBAO_DB:-}" ] && cp "$GONGBAO_DB" "$db"

copy_issue 2026-05 5
if ! build "$tmp/src/2026-05" "$tmp/o/2026-05"; then
	not_ok test_sample_issue_builds "$(tail -5 "$tmp/o/2026-05.log")"
	exit 0
fi
ok test_sample_issue_builds
A=$tmp/o/2026-05

# --- publish --------------------------------------------------------------

run archive --db "$db" publish "$A"
expect test_publish_records_a_checked_issue 0
web_sha=$(sha256sum "$A/web.pdf" | cut -d' ' -f1)
docs=$(grep -c '^document	' "$A/issue.tree")
pages=$(grep -c '^page	' "$A/issue.pages")
if [ "$(sql "$db" 'SELECT count(*) FROM issue WHERE number = 5')" = 1 ] &&
    [ "$(sql "$db" 'SELECT web_sha256 FROM issue WHERE number = 5')" = "$web_sha" ] &&
    [ "$(sql "$db" 'SELECT count(*) FROM document WHERE number = 5')" = "$docs" ] &&
    [ "$(sql "$db" 'SELECT count(*) FROM page WHERE number = 5')" = "$pages" ] &&
    [ "$(sql "$db" "SELECT count(*) FROM page_text WHERE page_text MATCH '\"营商环境\"'")" -gt 0 ] &&
    [ "$(sql "$db" "SELECT doc_number || ' ' || first_folio FROM document WHERE identifier = '2026-5-8'")" = '示政办发〔2026〕3号 17' ]; then
	ok test_publish_keeps_issue_documents_pages_and_hashes
else
	not_ok test_publish_keeps_issue_documents_pages_and_hashes "$(sql "$db" 'SELECT * FROM issue')" "$(cat "$tmp/err")"
fi
if [ "$(sql "$db" "SELECT from_identifier || ' ' || to_identifier FROM link WHERE kind = 'interprets' AND to_identifier = '2026-5-8'")" = '2026-5-18 2026-5-8' ]; then
	ok test_publish_keeps_the_interpretation_link
else
	not_ok test_publish_keeps_the_interpretation_link "$(sql "$db" 'SELECT * FROM link')"
fi

before=$(sql "$db" 'SELECT count(*) FROM page; SELECT published FROM issue')
run archive --db "$db" publish "$A"
if [ "$status" = 0 ] && grep -q '已发布，资料库未作修改' "$tmp/out" &&
    [ "$(sql "$db" 'SELECT count(*) FROM page; SELECT published FROM issue')" = "$before" ]; then
	ok test_publishing_the_same_issue_again_changes_nothing
else
	not_ok test_publishing_the_same_issue_again_changes_nothing "exit $status" "$(cat "$tmp/out" "$tmp/err")"
fi

# refused: no check report, a failed check, a PDF changed since the check
cp -r "$A" "$tmp/nocheck"
rm "$tmp/nocheck/check.json"
run archive --db "$tmp/fresh.db" publish "$tmp/nocheck"
expect test_publish_without_a_check_report_is_refused 1 'check.json: error: 没有检查报告'
[ ! -e "$tmp/fresh.db" ] && ok test_a_refused_publish_makes_no_database ||
	not_ok test_a_refused_publish_makes_no_database
cp -r "$A" "$tmp/failed"
sed -i 's/"passed" *: *true/"passed" : false/g' "$tmp/failed/check.json"
run archive --db "$tmp/fresh.db" publish "$tmp/failed"
expect test_publish_of_a_failed_check_is_refused 1 '检查未通过'
cp -r "$A" "$tmp/changed"
printf ' ' >>"$tmp/changed/web.pdf"
run archive --db "$tmp/fresh.db" publish "$tmp/changed"
expect test_publish_of_a_pdf_changed_after_the_check_is_refused 1 'web.pdf: error: .*web.pdf 在检查之后改动过'
cp -r "$A" "$tmp/changedp"
printf ' ' >>"$tmp/changedp/print.pdf"
run archive --db "$tmp/fresh.db" publish "$tmp/changedp"
expect test_publish_of_a_print_pdf_changed_after_the_check_is_refused 1 'print.pdf 在检查之后改动过'

# another issue under the published number
copy_issue other 5
sed -i 's/^title: 示范市人民政府关于修改和废止部分市政府规章的决定$/title: 示范市人民政府关于修改部分市政府规章的决定/' \
    "$tmp/src/other/docs/02-修改和废止部分市政府规章的决定.md"
if build "$tmp/src/other" "$tmp/o/other"; then
	run archive --db "$db" publish "$tmp/o/other"
	expect test_another_issue_under_a_published_number_is_refused 1 '2026年第5期 已发布过另一期内容'
	[ "$(sql "$db" 'SELECT count(*) FROM issue WHERE number = 5')" = 1 ] && ok test_the_refused_issue_is_not_recorded ||
		not_ok test_the_refused_issue_is_not_recorded
else
	not_ok test_another_issue_under_a_published_number_is_refused "$(tail -5 "$tmp/o/other.log")"
fi

# an interrupted publish: the database fails at the 10th page of issue 6
copy_issue 2026-06 6
sed -i 's/^date=.*/date=2026-04-15/' "$tmp/src/2026-06/issue.ini"
if build "$tmp/src/2026-06" "$tmp/o/2026-06"; then
	cp "$db" "$tmp/broken.db"
	sql "$tmp/broken.db" "CREATE TRIGGER fail_at_10 BEFORE INSERT ON page WHEN
	    (SELECT count(*) FROM page WHERE number = 6) >= 9 BEGIN SELECT RAISE(ABORT, 'disk full'); END;"
	run archive --db "$tmp/broken.db" publish "$tmp/o/2026-06"
	if [ "$status" = 2 ] && grep -q 'disk full' "$tmp/err" &&
	    [ "$(sql "$tmp/broken.db" 'SELECT (SELECT count(*) FROM issue WHERE number = 6) + (SELECT count(*) FROM document WHERE number = 6) + (SELECT count(*) FROM page WHERE number = 6)')" = 0 ] &&
	    [ "$(sql "$tmp/broken.db" 'SELECT count(*) FROM page WHERE number = 5')" = "$pages" ]; then
		ok test_an_interrupted_publish_records_nothing
	else
		not_ok test_an_interrupted_publish_records_nothing "exit $status" "$(cat "$tmp/err")"
	fi
	run archive --db "$db" publish "$tmp/o/2026-06"
	expect test_a_second_issue_is_published 0
else
	not_ok test_an_interrupted_publish_records_nothing "$(tail -5 "$tmp/o/2026-06.log")"
fi

# --- search ---------------------------------------------------------------

run archive --db "$db" search 营商环境
first=$(grep -m1 '^2026年' "$tmp/out")
if [ "$status" = 0 ] && grep -q '^2026年第6期' "$tmp/out" && grep -q '^2026年第5期' "$tmp/out" &&
    [ "${first#2026年第6期}" != "$first" ] &&
    [ "$(grep -n '^2026年第5期' "$tmp/out" | head -1 | cut -d: -f1)" -gt "$(grep -n '^2026年第6期' "$tmp/out" | tail -1 | cut -d: -f1)" ] &&
    grep -q '2026-5-8 《示范市人民政府办公室关于印发示范市进一步优化营商环境若干措施的通知》（有效）' "$tmp/out" &&
    grep -q '^    .*营商环境' "$tmp/out"; then
	ok test_search_finds_every_issue_newest_first_with_the_line
else
	not_ok test_search_finds_every_issue_newest_first_with_the_line "$(head -8 "$tmp/out")"
fi
for q in 公报 令 '〔2026〕3号' '“放管服”'; do
	run archive --db "$db" search "$q"
	if [ "$status" = 0 ] && grep -qF -- "$q" "$tmp/out"; then
		ok "test_search_finds_${#q}_characters_$q"
	else
		not_ok "test_search_finds_${#q}_characters_$q" "exit $status" "$(head -3 "$tmp/out" "$tmp/err")"
	fi
done
run archive --db "$db" search '_%'
if [ "$status" = 0 ] && grep -q '没有找到' "$tmp/out"; then ok test_search_like_wildcards_are_literal
else not_ok test_search_like_wildcards_are_literal "$(head -3 "$tmp/out")"; fi
run archive --db "$db" search '2%'
if [ "$status" = 0 ] && grep -q '^    .*2%' "$tmp/out"; then ok test_search_finds_a_percent_sign
else not_ok test_search_finds_a_percent_sign "$(head -3 "$tmp/out")"; fi
run archive --db "$db" search '"OR"'
expect test_search_of_fts_syntax_is_literal 0
run archive --db "$db" --json search 营商环境
if [ "$status" = 0 ] && python3 -c 'import json,sys; h=json.load(open(sys.argv[1])); assert h[0]["year"] == 2026 and h[0]["number"] == 6 and all("line" in x for x in h)' "$tmp/out"; then
	ok test_search_json
else
	not_ok test_search_json "$(head -c 300 "$tmp/out")"
fi

# --- validity, show, list -------------------------------------------------

run archive --db "$db" validity 2026-5-8 废止 --date 2026-06-01 --by 2026-6-2
expect test_validity_change_is_recorded 0
GONGBAO_NOW=2026-05-01T00:00:00Z run archive --db "$db" show 2026-5-8
grep -q '现行时效 *有效' "$tmp/out" && ok test_validity_before_the_change_is_as_printed ||
	not_ok test_validity_before_the_change_is_as_printed "$(cat "$tmp/out")"
GONGBAO_NOW=2026-07-01T00:00:00Z run archive --db "$db" show 2026-5-8
if grep -q '现行时效 *废止' "$tmp/out" && grep -q '2026-06-01 废止（2026-6-2' "$tmp/out" &&
    grep -q '政策解读：2026-5-18' "$tmp/out"; then
	ok test_show_gives_the_validity_as_of_now_its_history_and_links
else
	not_ok test_show_gives_the_validity_as_of_now_its_history_and_links "$(cat "$tmp/out")"
fi
GONGBAO_NOW=2026-07-01T00:00:00Z run archive --db "$db" search 设立营商环境专席
grep -q '2026-5-8 .*（废止）' "$tmp/out" && ok test_search_gives_the_validity_as_of_now ||
	not_ok test_search_gives_the_validity_as_of_now "$(head -4 "$tmp/out")"
run archive --db "$db" validity 2026-5-8 作废 --date 2026-06-01 --by x
expect test_validity_of_an_unknown_status_is_refused 2 '应为 有效、失效、废止 或 修订'
run archive --db "$db" validity 2026-5-8 失效 --date 2026-13-01 --by x
expect test_validity_of_a_bad_date_is_refused 2 '不是有效的日期'
run archive --db "$db" validity 2026-5-99 失效 --date 2026-06-01 --by x
expect test_validity_of_an_unknown_document_is_refused 1 '没有标识为 2026-5-99 的文件'
run archive --db "$db" validity 2026-5-8 失效 --date 2025-01-01 --by x
expect test_validity_before_the_document_is_refused 1 '不能在它之前'
[ "$(sql "$db" 'SELECT count(*) FROM validity')" = 1 ] && ok test_refused_changes_record_nothing ||
	not_ok test_refused_changes_record_nothing
run archive --db "$db" show 2026-5-99
expect test_show_of_an_unknown_document_is_refused 1 '没有标识为 2026-5-99'
run archive --db "$db" list
if [ "$status" = 0 ] && [ "$(grep -c '^2026年第' "$tmp/out")" = "$(sql "$db" 'SELECT count(*) FROM issue')" ] &&
    grep -q '^2026年第5期' "$tmp/out" && head -1 "$tmp/out" | grep -q '第6期'; then
	ok test_list_gives_the_issues
else
	not_ok test_list_gives_the_issues "$(cat "$tmp/out")"
fi
run archive --db "$db" list --year 2026
[ "$status" = 0 ] && [ "$(grep -c '^2026-' "$tmp/out")" = "$(sql "$db" 'SELECT count(*) FROM document WHERE year = 2026')" ] &&
    [ "$(grep -c '^2026-[56]-' "$tmp/out")" = $((2 * docs)) ] &&
	ok test_list_of_a_year_gives_its_documents || not_ok test_list_of_a_year_gives_its_documents "$(head -3 "$tmp/out")"
run archive --db "$db" --json show 2026-5-8
if [ "$status" = 0 ] && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["identifier"] == "2026-5-8" and d["links"][0]["identifier"] == "2026-5-18"' "$tmp/out"; then
	ok test_show_json
else
	not_ok test_show_json "$(head -c 300 "$tmp/out")"
fi

# --- usage ----------------------------------------------------------------

run archive --db "$db" --year 2026 publish "$A"
expect test_an_option_a_command_does_not_take_is_refused 2 'publish 命令不接受选项 --year'
run archive --db "$db" frobnicate
expect test_an_unknown_command_is_refused 2 '未知命令'
run archive --db "$tmp/none.db" list
expect test_a_missing_database_is_an_error 1
run archive --help
[ "$status" = 0 ] && grep -q 'publish OUT_DIR' "$tmp/out" && ok test_help_lists_the_commands ||
	not_ok test_help_lists_the_commands
