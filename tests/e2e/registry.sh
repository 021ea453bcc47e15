# registry.sh — gongbao-registry end to end: every bad field refused with
# its message and nothing written, import all or nothing, export/import
# round trip, updates and retirements kept in the history.
. "$(dirname "$0")/lib.sh"
data=$top/tests/data/distribute
db=$tmp/r.db
export GONGBAO_NOW=2026-01-05T09:00:00Z

# dump FILE: the registry's whole content (sqlite3 .dump) into FILE; false
# when sqlite3 cannot read it or it holds no recipient, so that two dumps
# never compare equal by both being empty.
dump() {
	sqlite3 "$db" .dump >"$1" 2>&1 && grep -q '^INSERT INTO "\{0,1\}recipient_version' "$1"
}
# the registry's whole content, to prove a refused command wrote nothing
snapshot() {  # snapshot NAME
	dump "$tmp/$1" || echo "snapshot failed" >>"$tmp/$1"
}
unchanged() {  # unchanged NAME SNAPSHOT
	if grep -q '^snapshot failed$' "$tmp/$2"; then
		not_ok "$1" "no snapshot of the registry to compare with:" "$(head -3 "$tmp/$2")"
	elif ! dump "$tmp/now"; then
		not_ok "$1" "the registry cannot be read:" "$(head -3 "$tmp/now")"
	elif cmp -s "$tmp/now" "$tmp/$2"; then
		ok "$1"
	else
		not_ok "$1" "the registry changed"
	fi
}
# count SQL: the one number a query gives, or "none" (never empty)
count() {
	local n
	n=$(sqlite3 "$db" "$1" 2>&1)
	case $n in ''|*[!0-9]*) echo "none ($n)" ;; *) echo "$n" ;; esac
}

add_args=(--id R050 --name 示范市档案馆 --category 档案馆 --postal-code 310002
	--district 上城区 --address 示范市上城区解放路138号 --contact 王敏
	--phone 0571-87012345 --copies 3 --electronic yes)

run registry --help
expect help_exits_0 0
grep -q 'import FILE.csv' "$tmp/out" && ok help_documents_the_commands || not_ok help_documents_the_commands
run registry --version
expect version_exits_0 0

run registry --db "$db" list
expect list_of_a_missing_registry_is_an_error 1 '登记库不存在'
[ ! -e "$db" ] && ok looking_does_not_create_a_registry || not_ok looking_does_not_create_a_registry

run registry --db "$db" add "${add_args[@]}"
expect add_a_valid_recipient 0
[ "$(sqlite3 "$db" 'PRAGMA user_version')" = 3 ] && ok new_registry_has_schema_version_3 \
	|| not_ok new_registry_has_schema_version_3
run registry --db "$db" show R050
expect show_exits_0 0
grep -q '^邮政编码：310002$' "$tmp/out" && ok show_prints_every_field || not_ok show_prints_every_field "$(cat "$tmp/out")"

snapshot before
# refused: each with the message that names the field, nothing written
refuse() {  # refuse NAME PATTERN OPTION VALUE
	local name=$1 pat=$2; shift 2
	run registry --db "$db" add "${add_args[@]}" --id R051 "$@"
	expect "$name" 1 "$pat"
	unchanged "${name}_writes_nothing" before
}
refuse bad_postal_code_is_refused '邮政编码“31000”应为6位数字' --postal-code 31000
refuse missing_address_is_refused '地址不能为空' --address ''
refuse unknown_category_is_refused '类别“档案室”不是已知类别' --category 档案室
refuse negative_copies_are_refused '份数“-1”应为0到9999之间的整数' --copies -1
refuse bad_phone_is_refused '电话“8765”不像电话号码' --phone 8765
refuse bad_electronic_is_refused '电子版“maybe”应为yes或no' --electronic maybe
refuse bad_id_is_refused '编号“R/51”只能由字母' --id R/51
run registry --db "$db" add "${add_args[@]}" --id R051 --postal-code 1 --phone 2 --copies x
expect every_bad_field_is_reported 1 '邮政编码“1”'
[ "$(grep -c ': error: R051: ' "$tmp/err")" = 3 ] && ok every_bad_field_has_its_own_line \
	|| not_ok every_bad_field_has_its_own_line "$(cat "$tmp/err")"
run registry --db "$db" add "${add_args[@]}"
expect adding_an_existing_id_is_refused 1 'R050已经存在'
unchanged adding_an_existing_id_writes_nothing before
run registry --db "$db" update R050 --postal-code 3100
expect bad_update_is_refused 1 '邮政编码“3100”应为6位数字'
unchanged bad_update_writes_nothing before
run registry --db "$db" update R999 --copies 1
expect update_of_an_unknown_id_is_refused 1 '编号R999不存在'
run registry --db "$db" retire R999
expect retire_of_an_unknown_id_is_refused 1 '编号R999不存在'
run registry --db "$db" frobnicate
expect unknown_command_is_a_usage_error 2 '未知命令'
run registry --db "$db" list --name x
expect option_of_another_command_is_a_usage_error 2 '不接受选项'
GONGBAO_NOW=soon run registry --db "$db" update R050 --copies 4
expect bad_GONGBAO_NOW_is_refused 2 'GONGBAO_NOW'
unchanged refused_commands_wrote_nothing before

# --- import: all or nothing ---------------------------------------------
run registry --db "$db" import "$data/bad.csv"
expect import_with_bad_rows_is_refused 1
lines=$(grep -oE '^[^:]*bad.csv:[0-9]+: error' "$tmp/err" | grep -oE ':[0-9]+:' | tr -d : | sort -n -u | tr '\n' ' ')
[ "$lines" = "3 4 5 6 7 8 9 10 " ] && ok import_reports_every_bad_row_by_line \
	|| not_ok import_reports_every_bad_row_by_line "lines: $lines" "$(cat "$tmp/err")"
unchanged import_with_bad_rows_writes_nothing before

run registry --db "$db" import "$data/recipients.csv"
expect import_good_file 0
grep -q '新增8，修改0，未变0' "$tmp/out" && ok import_counts_what_it_added || not_ok import_counts_what_it_added "$(cat "$tmp/out")"
run registry --db "$db" list
[ "$(tail -n +2 "$tmp/out" | wc -l)" = 9 ] && ok list_shows_every_active_recipient \
	|| not_ok list_shows_every_active_recipient "$(cat "$tmp/out")"

# export → import → export is exact, and an export of the file's rows is the file
run registry --db "$db" retire R050
run registry --db "$db" export -o "$tmp/export.csv"
expect export_exits_0 0
cmp -s "$tmp/export.csv" "$data/recipients.csv" && ok export_writes_what_import_read \
	|| not_ok export_writes_what_import_read "$(diff "$tmp/export.csv" "$data/recipients.csv")"
run registry --db "$tmp/copy.db" import "$tmp/export.csv"
run registry --db "$tmp/copy.db" export
cmp -s "$tmp/out" "$tmp/export.csv" && ok export_import_round_trip_is_exact \
	|| not_ok export_import_round_trip_is_exact
rows=$(count 'SELECT count(*) FROM recipient_version')
run registry --db "$db" import "$tmp/export.csv"
expect reimport_exits_0 0
after=$(count 'SELECT count(*) FROM recipient_version')
grep -q '新增0，修改0，未变8' "$tmp/out" && [ "${rows%% *}" != none ] && [ "$rows" -gt 8 ] && [ "$after" = "$rows" ] \
	&& ok reimport_of_unchanged_rows_writes_nothing \
	|| not_ok reimport_of_unchanged_rows_writes_nothing "versions before $rows, after $after" "$(cat "$tmp/out")"

# BOM and CRLF, as a spreadsheet saves it
{ printf '\xef\xbb\xbf'; sed 's/$/\r/' "$data/recipients.csv"; } >"$tmp/excel.csv"
run registry --db "$tmp/excel.db" import "$tmp/excel.csv"
expect import_tolerates_bom_and_crlf 0
run registry --db "$tmp/excel.db" export
cmp -s "$tmp/out" "$data/recipients.csv" && ok bom_and_crlf_do_not_reach_the_registry || not_ok bom_and_crlf_do_not_reach_the_registry
printf 'id,name\n' >"$tmp/short.csv"
run registry --db "$db" import "$tmp/short.csv"
expect import_with_a_wrong_header_is_refused 1 'short.csv:1: error: 表头应为'

# --- changes and their history ------------------------------------------
GONGBAO_NOW=2026-02-01T09:00:00Z run registry --db "$db" update R002 --copies 6 --address 示范市上城区解放路200号
expect update_exits_0 0
GONGBAO_NOW=2026-02-02T09:00:00Z run registry --db "$db" retire R005
expect retire_exits_0 0
run registry --db "$db" retire R005
expect retiring_twice_is_refused 1 '已经停发'
run registry --db "$db" history R002
expect history_of_a_recipient 0
grep -q $'^2026-02-01T09:00:00Z\tR002\t修改\t地址：示范市上城区解放路138号 → 示范市上城区解放路200号；份数：3 → 6$' "$tmp/out" \
	&& [ "$(grep -c R002 "$tmp/out")" = 2 ] && ok history_lists_each_change_with_what_changed \
	|| not_ok history_lists_each_change_with_what_changed "$(cat "$tmp/out")"
run registry --db "$db" history R005
grep -q $'^2026-02-02T09:00:00Z\tR005\t停发' "$tmp/out" && ok history_shows_the_retirement \
	|| not_ok history_shows_the_retirement "$(cat "$tmp/out")"
run registry --db "$db" list
! grep -q '^R005' "$tmp/out" && ok retired_recipient_is_not_listed || not_ok retired_recipient_is_not_listed
run registry --db "$db" list --all
grep -q $'^R005\t.*\t停发$' "$tmp/out" && ok list_all_shows_the_retired || not_ok list_all_shows_the_retired
run registry --db "$db" list --at 2026-01-20
grep -q $'^R002\t示范市档案馆\t档案馆\t上城区\t310002\t3\tyes\t在册$' "$tmp/out" && grep -q '^R005' "$tmp/out" \
	&& ok list_at_a_past_date_shows_the_registry_as_it_was || not_ok list_at_a_past_date_shows_the_registry_as_it_was "$(cat "$tmp/out")"
GONGBAO_NOW=2026-02-03T09:00:00Z run registry --db "$db" update R005 --active yes
grep -q '^R005' <("$bin/gongbao-registry" --db "$db" list) && ok update_active_brings_a_recipient_back \
	|| not_ok update_active_brings_a_recipient_back
run registry --db "$db" update R002 --copies 6
expect update_without_change_writes_nothing 0
grep -q '没有变化' "$tmp/out" && ok update_without_change_says_so || not_ok update_without_change_says_so

# import updates changed rows and can retire the ones no longer listed
grep -v '^R007' "$data/recipients.csv" | sed 's/^R001,\(.*\),2,yes$/R001,\1,4,yes/' >"$tmp/next.csv"
GONGBAO_NOW=2026-03-01T09:00:00Z run registry --db "$db" import --retire-missing "$tmp/next.csv"
expect import_retire_missing 0
grep -q '新增0，修改2，未变5，停发1' "$tmp/out" && ok import_updates_changed_rows_and_retires_missing \
	|| not_ok import_updates_changed_rows_and_retires_missing "$(cat "$tmp/out")"

# --- schema ------------------------------------------------------------
sqlite3 "$tmp/v1.db" "CREATE TABLE recipient_version (version INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL, name TEXT NOT NULL, category TEXT NOT NULL, postal_code TEXT NOT NULL,
  district TEXT NOT NULL, address TEXT NOT NULL, contact TEXT NOT NULL, phone TEXT NOT NULL,
  copies INTEGER NOT NULL CHECK (copies >= 0), electronic INTEGER NOT NULL CHECK (electronic IN (0, 1)),
  active INTEGER NOT NULL CHECK (active IN (0, 1)), change TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT);
  INSERT INTO recipient_version VALUES (1,'R001','甲','档案馆','310002','上城区','解放路1号','','0571-87012345',2,1,1,'add','2025-01-01T00:00:00Z',NULL);
  PRAGMA user_version = 1;"
run registry --db "$tmp/v1.db" list
expect registry_of_schema_1_is_read 0
[ "$(sqlite3 "$tmp/v1.db" 'PRAGMA user_version')" = 3 ] && grep -q '^R001' "$tmp/out" \
	&& [ "$(sqlite3 "$tmp/v1.db" 'SELECT count(*) FROM issue')" = 0 ] \
	&& ok registry_of_schema_1_is_migrated || not_ok registry_of_schema_1_is_migrated
sqlite3 "$tmp/v1.db" 'PRAGMA user_version = 7'
run registry --db "$tmp/v1.db" list
expect registry_of_a_newer_schema_is_refused 1 '高于本程序支持的版本'
