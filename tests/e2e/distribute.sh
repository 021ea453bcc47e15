# distribute.sh — gongbao-distribute end to end on a small fake built issue
# (PDFs made with Ghostscript): print order, mailing list, labels, BagIt
# deposits (with the per-document files), the run recorded once, reruns, interruptions and rare
# characters.
. "$(dirname "$0")/lib.sh"
data=$top/tests/data/distribute
issue=$tmp/2026-05
out=$tmp/built
db=$tmp/r.db
export GONGBAO_NOW=2026-03-01T09:00:00Z

# mkpdf FILE PAGES WIDTH_PT HEIGHT_PT: a PDF of numbered pages
mkpdf() {
	gs -q -dBATCH -dNOPAUSE -dSAFER -sDEVICE=pdfwrite -dDEVICEWIDTHPOINTS="$3" \
		-dDEVICEHEIGHTPOINTS="$4" -dFIXEDMEDIA -o "$1" \
		-c "/Helvetica findfont 20 scalefont setfont 1 1 $2 { 100 300 moveto 10 string cvs show showpage } for"
}
cp -r "$data/2026-05" "$issue"
mkdir -p "$out"
"$bin/gongbao-registry" --db "$db" import "$data/recipients.csv" >/dev/null

run distribute --db "$db" "$issue" "$out"
expect missing_built_issue_is_an_error 1 '请先运行 make issue ISSUE='
[ ! -e "$out/distribution" ] && [ "$(sqlite3 "$db" 'SELECT count(*) FROM distribution')" = 0 ] \
	&& ok missing_built_issue_writes_and_records_nothing || not_ok missing_built_issue_writes_and_records_nothing

# web: 10 pages of A4 (the trim); print: 12 pages (padded) with 3 mm bleed
mkpdf "$out/web.pdf" 10 595 842
mkpdf "$out/print.pdf" 12 612 859
cp "$data/issue.pages" "$out/"	# 10 pages, padding 2

run distribute --help
expect help_exits_0 0
run distribute --version
expect version_exits_0 0
run distribute --db "$db" "$issue"
expect one_argument_is_a_usage_error 2
run distribute --db "$tmp/none.db" "$issue" "$out"
expect missing_registry_is_an_error 1 '登记库不存在'

run distribute --db "$db" "$issue" "$out"
expect distribute_a_built_issue 0
d=$out/distribution
for f in print-order.txt print-order.pdf mailing-list.csv mailing-list.pdf labels.pdf; do
	[ -s "$d/$f" ] || missing="$missing $f"
done
[ -z "${missing:-}" ] && ok every_document_is_written || not_ok every_document_is_written "missing:$missing"

# --- the print order ----------------------------------------------------
po=$d/print-order.txt
sha=$(sha256sum "$out/print.pdf" | cut -d' ' -f1)
grep -q '^印数：45份（发行25份，留存20份）$' "$po" && ok print_order_copies_are_paper_copies_plus_reserve \
	|| not_ok print_order_copies_are_paper_copies_plus_reserve "$(cat "$po")"
grep -q '^页数：12页' "$po" && ok print_order_pages_are_the_print_pdf_pages || not_ok print_order_pages_are_the_print_pdf_pages
grep -q '^成品尺寸：210×297 mm$' "$po" && ok print_order_trim_is_the_web_page || not_ok print_order_trim_is_the_web_page
grep -q '^装订：骑马钉$' "$po" && ok twelve_pages_are_saddle_stitched || not_ok twelve_pages_are_saddle_stitched
grep -q "^SHA-256：$sha\$" "$po" && ok print_order_has_the_print_file_checksum || not_ok print_order_has_the_print_file_checksum
grep -q '^期号：2026年第5期（总第245期）$' "$po" && grep -q '^刊名：示范市人民政府公报$' "$po" \
	&& ok print_order_names_the_gazette_and_issue || not_ok print_order_names_the_gazette_and_issue
pdftotext "$d/print-order.pdf" "$tmp/po.txt" 2>/dev/null
grep -q "$sha" "$tmp/po.txt" && grep -q '45份' "$tmp/po.txt" && ok print_order_pdf_says_the_same \
	|| not_ok print_order_pdf_says_the_same "$(cat "$tmp/po.txt")"

# --- the mailing list ---------------------------------------------------
ml=$d/mailing-list.csv
[ "$(grep -c '^[^,]*,[^,]*,R0' "$ml")" = 7 ] && ! grep -q R008 "$ml" \
	&& ok mailing_list_has_every_paper_recipient_only || not_ok mailing_list_has_every_paper_recipient_only "$(cat "$ml")"
[ "$(tail -1 "$ml")" = ',,,合计,,,,,25' ] && ok mailing_list_ends_with_the_total || not_ok mailing_list_ends_with_the_total
grep -q '^档案馆,萧山区,,小计,,,,,2$' "$ml" && [ "$(grep -c ',小计,' "$ml")" = 7 ] \
	&& ok mailing_list_has_a_subtotal_per_category_and_district || not_ok mailing_list_has_a_subtotal_per_category_and_district
order=$(grep -o ',R00[0-9],' "$ml" | tr -d , | tr '\n' ' ')
[ "$order" = "R001 R002 R007 R003 R004 R005 R006 " ] && ok mailing_list_is_in_category_then_district_order \
	|| not_ok mailing_list_is_in_category_then_district_order "$order"
pdftotext "$d/mailing-list.pdf" "$tmp/ml.txt" 2>/dev/null
grep -q '合计（7家）' "$tmp/ml.txt" && grep -q '档案馆 · 萧山区' "$tmp/ml.txt" && ok mailing_list_pdf_has_groups_and_total \
	|| not_ok mailing_list_pdf_has_groups_and_total

# --- labels -------------------------------------------------------------
pdftotext "$d/labels.pdf" "$tmp/labels.txt" 2>/dev/null
tr -d ' \n' <"$tmp/labels.txt" >"$tmp/labels.flat"
lost=
while IFS=, read -r id name cat pc district address rest; do
	[ "$id" = id ] && continue
	copies=$(echo "$rest" | awk -F, '{print $(NF-1)}')
	[ "$copies" = 0 ] && continue
	grep -qF "$address" "$tmp/labels.flat" || lost="$lost $id"
	grep -qF "$pc" "$tmp/labels.flat" || lost="$lost $id:postcode"
done < <(grep -v '"' "$data/recipients.csv")
grep -qF "示范市西湖区文一西路100号,3幢" "$tmp/labels.flat" || lost="$lost R006"
[ -z "$lost" ] && ok every_address_comes_back_from_the_labels || not_ok every_address_comes_back_from_the_labels "$lost"
! grep -q '示范市政府网站' "$tmp/labels.txt" && ok no_label_for_an_electronic_only_recipient \
	|| not_ok no_label_for_an_electronic_only_recipient
[ "$(grep -c '《示范市人民政府公报》2026年第5期' "$tmp/labels.txt")" = 7 ] && ok every_label_names_the_issue \
	|| not_ok every_label_names_the_issue
for f in labels mailing-list print-order; do
	pdffonts "$d/$f.pdf" 2>/dev/null | tail -n +3 >"$tmp/fonts"
	if [ -s "$tmp/fonts" ] && ! awk '$(NF-4) != "yes"' "$tmp/fonts" | grep -q .; then
		ok "${f//-/_}_fonts_are_all_embedded"
	else
		not_ok "${f//-/_}_fonts_are_all_embedded" "$(cat "$tmp/fonts")"
	fi
done
qpdf --check "$d/labels.pdf" >/dev/null 2>&1 && ok labels_pass_qpdf_check || not_ok labels_pass_qpdf_check

# --- what readers' tools say about the PDFs ------------------------------
# libharu 2.3 writes its encoding CMap (begincidrange) as the ToUnicode;
# poppler then warns "Invalid 'begincidrange' operator in ToUnicode CMap".
# cmap_blocks PDF: "ok", or what is wrong with each ToUnicode CMap
cmap_blocks() {
	# (mawk has no {4})
	qpdf --qdf --object-streams=disable "$1" - 2>/dev/null | awk -v h4='<[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]>' '
		/^begincmap/ { cmaps++; incmap = 1; next }
		/^endcmap/ { incmap = 0; next }
		!incmap { next }
		/begin(cid|notdef)(range|char)/ { print "operator not allowed in a ToUnicode CMap: " $0; bad = 1 }
		/beginbf(char|range)$/ {
			if ($1 > 100) { print "more than 100 entries: " $0; bad = 1 }
			want = $1; kind = $2; sub("begin", "", kind); got = 0; next
		}
		/^endbf(char|range)$/ {
			if (got != want) { print kind " block says " want " entries, has " got; bad = 1 }
			kind = ""; next
		}
		kind == "bfchar" && $0 ~ "^" h4 " <[0-9A-Fa-f]+>$" { got++; next }
		kind == "bfrange" && $0 ~ "^" h4 " " h4 " " { got++; next }
		kind != "" { print "malformed " kind " entry: " $0; bad = 1 }
		END { if (!cmaps) print "no ToUnicode CMap"; else if (!bad) print "ok" }'
}
for f in labels mailing-list print-order; do
	name=${f//-/_}
	pdftotext "$d/$f.pdf" /dev/null 2>"$tmp/reader.err"
	pdffonts "$d/$f.pdf" >/dev/null 2>>"$tmp/reader.err"
	if grep -qE 'Syntax (Warning|Error)' "$tmp/reader.err"; then
		not_ok "${name}_pdf_reads_without_syntax_warnings" "$(sort -u "$tmp/reader.err" | head -3)"
	else
		ok "${name}_pdf_reads_without_syntax_warnings"
	fi
	qpdf --check "$d/$f.pdf" >"$tmp/check.out" 2>&1
	qs=$?
	[ $qs = 0 ] && ! grep -qi 'warning' "$tmp/check.out" && grep -q 'No syntax or stream encoding errors' "$tmp/check.out" \
		&& ok "${name}_pdf_passes_qpdf_check_without_warnings" \
		|| not_ok "${name}_pdf_passes_qpdf_check_without_warnings" "exit $qs" "$(head -5 "$tmp/check.out")"
	blocks=$(cmap_blocks "$d/$f.pdf")
	[ "$blocks" = ok ] && ok "${name}_tounicode_is_bfchar_bfrange_blocks_of_at_most_100" \
		|| not_ok "${name}_tounicode_is_bfchar_bfrange_blocks_of_at_most_100" "$(echo "$blocks" | head -3)"
done
# Ghostscript reads the ToUnicode too (and misreads some bfrange forms)
gs -q -dBATCH -dNOPAUSE -dSAFER -sDEVICE=txtwrite -o "$tmp/labels.gs" "$d/labels.pdf" 2>/dev/null
tr -d ' \n' <"$tmp/labels.gs" >"$tmp/labels.gs.flat"
lost=
for a in 北京市海淀区中关村南大街33号 示范市上城区解放路138号 示范市西湖区西湖文化广场25号 国家图书馆 示范市档案馆; do
	grep -qF "$a" "$tmp/labels.gs.flat" || lost="$lost $a"
done
[ -z "$lost" ] && ok ghostscript_gets_the_label_text_back || not_ok ghostscript_gets_the_label_text_back "$lost"

# --- deposits -----------------------------------------------------------
# json_member FILE KEY: the value of KEY in the JSON object in FILE
# (nothing, and a failure, when FILE is not such JSON)
json_member() {
	python3 -c 'import json, sys; print(json.load(open(sys.argv[1], encoding="utf-8"))[sys.argv[2]])' "$1" "$2"
}
[ "$(ls "$d/deposit" | tr '\n' ' ')" = "R001 R002 R003 R008 " ] && ok a_bag_for_every_electronic_recipient \
	|| not_ok a_bag_for_every_electronic_recipient "$(ls "$d/deposit")"
bad=
for bag in "$d"/deposit/*; do
	(cd "$bag" && sha256sum --quiet -c manifest-sha256.txt && sha256sum --quiet -c tagmanifest-sha256.txt) \
		>/dev/null 2>&1 || bad="$bad $(basename "$bag")"
	[ "$(cat "$bag/bagit.txt")" = $'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8' ] || bad="$bad $(basename "$bag"):bagit"
	cmp -s "$bag/data/web.pdf" "$out/web.pdf" || bad="$bad $(basename "$bag"):payload"
	oxum=$(( $(stat -c %s "$bag/data/web.pdf") + $(stat -c %s "$bag/data/metadata.json") )).2
	grep -q "^Payload-Oxum: $oxum\$" "$bag/bag-info.txt" || bad="$bad $(basename "$bag"):oxum"
	grep -q '^Bagging-Date: 2026-03-15$' "$bag/bag-info.txt" || bad="$bad $(basename "$bag"):date"
	[ "$(json_member "$bag/data/metadata.json" pages)" = 10 ] || bad="$bad $(basename "$bag"):pages"
	[ "$(json_member "$bag/data/metadata.json" sha256)" = "$(sha256sum "$out/web.pdf" | cut -d' ' -f1)" ] \
		|| bad="$bad $(basename "$bag"):sha"
	[ "$(ls "$bag" | tr '\n' ' ')" = "bag-info.txt bagit.txt data manifest-sha256.txt tagmanifest-sha256.txt " ] \
		|| bad="$bad $(basename "$bag"):files"
done
[ -z "$bad" ] && ok every_bag_is_complete_and_verifies || not_ok every_bag_is_complete_and_verifies "$bad"
echo 'tampered' >>"$d/deposit/R001/bag-info.txt"
(cd "$d/deposit/R001" && sha256sum --quiet -c tagmanifest-sha256.txt) >/dev/null 2>&1 \
	&& not_ok tagmanifest_detects_a_changed_tag_file || ok tagmanifest_detects_a_changed_tag_file

# --- the record, reruns --------------------------------------------------
[ "$(sqlite3 "$db" "SELECT count(*) FROM distribution WHERE issue = '2026-05'")" = 8 ] \
	&& ok the_run_is_recorded_for_every_recipient || not_ok the_run_is_recorded_for_every_recipient
# the reference run, untouched
run distribute --db "$db" "$issue" "$out"
expect rerun_exits_0 0
cp -a "$d" "$tmp/reference"
GONGBAO_NOW=2026-03-02T09:00:00Z run distribute --db "$db" "$issue" "$out"
diff -r "$tmp/reference" "$d" >/dev/null && ok rerun_writes_the_same_documents || not_ok rerun_writes_the_same_documents
[ "$(sqlite3 "$db" 'SELECT count(*) FROM distribution')" = 8 ] \
	&& [ "$(sqlite3 "$db" 'SELECT DISTINCT time FROM distribution')" = 2026-03-01T09:00:00Z ] \
	&& ok rerun_records_nothing_twice || not_ok rerun_records_nothing_twice
ls -a "$out" | grep -q '^\.distribution\.\(tmp\|old\)' && not_ok run_leaves_no_temporary_directory \
	|| ok run_leaves_no_temporary_directory

# one run at a time: a second one neither runs nor clears the first's work
mkdir -p "$out/.distribution.tmp-live"
flock "$out/.distribution.lock" "$bin/gongbao-distribute" --db "$db" "$issue" "$out" >"$tmp/out" 2>"$tmp/err"
[ $? = 2 ] && grep -q '正在处理这一期' "$tmp/err" && [ -d "$out/.distribution.tmp-live" ] \
	&& ok a_second_run_at_the_same_time_is_refused || not_ok a_second_run_at_the_same_time_is_refused "$(cat "$tmp/err")"
run distribute --db "$db" "$issue" "$out"
[ ! -e "$out/.distribution.tmp-live" ] && ok next_run_clears_what_an_interrupted_one_left \
	|| not_ok next_run_clears_what_an_interrupted_one_left

# the registry changes; the issue's record and documents do not
GONGBAO_NOW=2026-04-01T09:00:00Z "$bin/gongbao-registry" --db "$db" update R002 --copies 6 >/dev/null
GONGBAO_NOW=2026-04-01T09:00:00Z "$bin/gongbao-registry" --db "$db" retire R005 >/dev/null
run registry --db "$db" history --issue 2026-05
expect history_of_an_issue 0
grep -q $'^R002\t示范市档案馆\t档案馆\t上城区\t3\tyes$' "$tmp/out" && grep -q $'^R005\t' "$tmp/out" \
	&& grep -q '纸质25份' "$tmp/out" && ok history_of_a_past_issue_is_what_was_sent_then \
	|| not_ok history_of_a_past_issue_is_what_was_sent_then "$(cat "$tmp/out")"
run registry --db "$db" history --issue 2026-04
expect history_of_an_issue_never_distributed_is_an_error 1 '2026-04没有发行记录'
run distribute --db "$db" "$issue" "$out"
expect rerun_after_changes_warns 0 'warning: .*--re-record'
diff -r "$tmp/reference" "$d" >/dev/null && ok rerun_after_changes_keeps_the_recorded_documents \
	|| not_ok rerun_after_changes_keeps_the_recorded_documents
GONGBAO_NOW=2026-04-02T09:00:00Z run distribute --re-record --db "$db" "$issue" "$out"
expect re_record_exits_0 0
grep -q '^印数：46份（发行26份，留存20份）$' "$d/print-order.txt" \
	&& [ "$(sqlite3 "$db" 'SELECT count(*) FROM distribution')" = 7 ] \
	&& ok re_record_uses_the_current_registry_and_replaces_the_record \
	|| not_ok re_record_uses_the_current_registry_and_replaces_the_record "$(cat "$d/print-order.txt")"

# --- characters the label font cannot draw --------------------------------
cp "$db" "$tmp/rare.db"
"$bin/gongbao-registry" --db "$tmp/rare.db" update R003 --address '示范市西湖区㐀溪路1号' >/dev/null
"$bin/gongbao-registry" --db "$tmp/rare.db" update R004 --contact '𠮷田' >/dev/null
"$bin/gongbao-registry" --db "$tmp/rare.db" update R008 --name '示范市政府网站㐀' >/dev/null
mkdir -p "$tmp/rare/2026-06" "$tmp/rare/out"
sed 's/^number=5/number=6/' "$issue/issue.ini" >"$tmp/rare/2026-06/issue.ini"
cp "$out/web.pdf" "$out/print.pdf" "$out/issue.pages" "$tmp/rare/out/"
run distribute --db "$tmp/rare.db" "$tmp/rare/2026-06" "$tmp/rare/out"
expect character_outside_the_font_is_an_error 1 'R003: 地址中的字符“㐀”（U\+3400）标签字体无法显示'
grep -q 'R004: 联系人中的字符“𠮷”（U+20BB7）标签字体无法显示' "$tmp/err" \
	&& ok character_beyond_the_bmp_is_an_error_naming_the_recipient \
	|| not_ok character_beyond_the_bmp_is_an_error_naming_the_recipient "$(cat "$tmp/err")"
! grep -q R008 "$tmp/err" && ok electronic_only_recipient_needs_no_label_font \
	|| not_ok electronic_only_recipient_needs_no_label_font "$(cat "$tmp/err")"
[ ! -e "$tmp/rare/out/distribution" ] && [ "$(sqlite3 "$tmp/rare.db" "SELECT count(*) FROM distribution WHERE issue = '2026-06'")" = 0 ] \
	&& ! ls -a "$tmp/rare/out" | grep -q '^\.distribution\.tmp' \
	&& ok font_error_writes_and_records_nothing || not_ok font_error_writes_and_records_nothing

# a rare character the font has is drawn, and every reader gets it back
cp "$db" "$tmp/kun.db"
"$bin/gongbao-registry" --db "$tmp/kun.db" update R003 --address '示范市西湖区堃园路1号' >/dev/null
mkdir -p "$tmp/kun/2026-06" "$tmp/kun/out"
sed 's/^number=5/number=6/' "$issue/issue.ini" >"$tmp/kun/2026-06/issue.ini"
cp "$out/web.pdf" "$out/print.pdf" "$out/issue.pages" "$tmp/kun/out/"
run distribute --db "$tmp/kun.db" "$tmp/kun/2026-06" "$tmp/kun/out"
expect rare_character_in_the_font_is_drawn 0
lost=
for f in labels mailing-list; do
	pdftotext "$tmp/kun/out/distribution/$f.pdf" - 2>"$tmp/reader.err" | tr -d ' \n' >"$tmp/kun.flat"
	grep -qF '示范市西湖区堃园路1号' "$tmp/kun.flat" || lost="$lost $f:pdftotext"
	grep -qE 'Syntax (Warning|Error)' "$tmp/reader.err" && lost="$lost $f:$(head -1 "$tmp/reader.err")"
	gs -q -dBATCH -dNOPAUSE -dSAFER -sDEVICE=txtwrite -o - "$tmp/kun/out/distribution/$f.pdf" 2>/dev/null \
		| tr -d ' \n' | grep -qF '堃园路' || lost="$lost $f:gs"
done
[ -z "$lost" ] && ok rare_character_comes_back_from_labels_and_mailing_list \
	|| not_ok rare_character_comes_back_from_labels_and_mailing_list "$lost"

# an address too long for two lines of a label
cp "$db" "$tmp/long.db"
"$bin/gongbao-registry" --db "$tmp/long.db" update R003 \
	--address "$(printf '示范市西湖区很长很长的路%.0s' 1 2 3 4 5 6 7)1号" >/dev/null
run distribute --db "$tmp/long.db" "$tmp/rare/2026-06" "$tmp/rare/out"
expect address_too_long_for_a_label_is_an_error 1 'R003: 地址.*太长'

# a print edition not padded for saddle stitching is sent with a warning
mkdir -p "$tmp/odd"
cp "$out/web.pdf" "$tmp/odd/"
cp "$out/web.pdf" "$tmp/odd/print.pdf"
cp "$out/issue.pages" "$tmp/odd/"
run distribute --db "$db" "$issue" "$tmp/odd"
expect unpadded_print_edition_is_a_warning 0 'print.pdf: warning: 共10页，页面清单要求12页'
# the padding is the page list's: with none there, ten pages are right
mkdir -p "$tmp/nopad"
cp "$tmp/odd/web.pdf" "$tmp/odd/print.pdf" "$tmp/nopad/"
sed 's/^padding	2$/padding	0/' "$out/issue.pages" >"$tmp/nopad/issue.pages"
run distribute --db "$db" "$issue" "$tmp/nopad"
if [ "$status" = 0 ] && ! grep -q 'warning' "$tmp/err"; then ok print_edition_with_the_lists_padding_is_no_warning
else not_ok print_edition_with_the_lists_padding_is_no_warning "exit $status" "$(head -3 "$tmp/err")"; fi
rm "$tmp/nopad/issue.pages"
run distribute --db "$db" "$issue" "$tmp/nopad"
expect built_issue_without_page_list_is_an_error 2 'issue\.pages: error: 无法打开页面清单'

# --- interrupted runs ---------------------------------------------------
# Killed at any moment, a run leaves the registry as before or with the
# whole record, and distribution/ absent or complete: never a part.
fresh() {  # a registry with no record and an output without documents
	rm -rf "$tmp/int" && mkdir -p "$tmp/int/out"
	"$bin/gongbao-registry" --db "$tmp/int/r.db" import "$data/recipients.csv" >/dev/null
	cp "$out/web.pdf" "$out/print.pdf" "$out/issue.pages" "$tmp/int/out/"
}
# the documents of this registry, to compare with
fresh
"$bin/gongbao-distribute" --db "$tmp/int/r.db" "$issue" "$tmp/int/out" >/dev/null 2>&1
rm -rf "$tmp/whole" && cp -a "$tmp/int/out/distribution" "$tmp/whole"
# GONGBAO_FAULT is a test hook (pipeline/lib/util.h, gb_fault_point): at
# the named point inside the run the program raises SIGTERM on itself, or
# SIGKILL with ":KILL", so every run below is interrupted there, every time.
points="distribute-after-print-order distribute-after-labels distribute-after-deposit
	distribute-after-record distribute-after-commit distribute-after-install"
bad=
for sig in KILL TERM; do
	for point in $points; do
		fault=$point; [ $sig = KILL ] && fault=$point:KILL
		fresh
		before=$(sqlite3 "$tmp/int/r.db" .dump | md5sum)
		# (in a shell of its own, which says "Killed" into /dev/null)
		( GONGBAO_FAULT=$fault "$bin/gongbao-distribute" --db "$tmp/int/r.db" "$issue" "$tmp/int/out"
			exit $? ) >/dev/null 2>&1
		status=$?
		# the run was interrupted: it ended by the signal, not by finishing
		[ $status = $(( 128 + $(kill -l $sig) )) ] || bad="$bad $sig@$point:exit-$status"
		rows=$(sqlite3 "$tmp/int/r.db" 'SELECT count(*) FROM distribution')
		case $rows in
		0) [ "$(sqlite3 "$tmp/int/r.db" .dump | md5sum)" = "$before" ] || bad="$bad $sig@$point:registry" ;;
		8) ;;
		*) bad="$bad $sig@$point:rows=$rows" ;;
		esac
		if [ -e "$tmp/int/out/distribution" ]; then
			diff -r "$tmp/whole" "$tmp/int/out/distribution" >/dev/null || bad="$bad $sig@$point:partial"
			[ "$rows" = 8 ] || bad="$bad $sig@$point:documents-without-record"
		fi
		if [ $sig = TERM ] && ls -a "$tmp/int/out" | grep -q '^\.distribution\.tmp'; then
			bad="$bad $sig@$point:temporary-left"
		fi
		# the next run finishes the job and clears what the killed one left
		"$bin/gongbao-distribute" --db "$tmp/int/r.db" "$issue" "$tmp/int/out" >/dev/null 2>&1 \
			|| bad="$bad $sig@$point:rerun-failed"
		diff -r "$tmp/whole" "$tmp/int/out/distribution" >/dev/null || bad="$bad $sig@$point:rerun-differs"
		ls -a "$tmp/int/out" | grep -q '^\.distribution\.\(tmp\|old\)' && bad="$bad $sig@$point:stale-left"
		[ "$(sqlite3 "$tmp/int/r.db" 'SELECT count(*) FROM distribution')" = 8 ] || bad="$bad $sig@$point:rerun-rows"
	done
done
[ -z "$bad" ] && ok interrupted_runs_leave_registry_and_documents_whole_or_untouched \
	|| not_ok interrupted_runs_leave_registry_and_documents_whole_or_untouched "$bad"

# a rerun killed while replacing existing documents leaves old or new, whole
bad=
for point in $points; do
	( GONGBAO_FAULT=$point:KILL "$bin/gongbao-distribute" --re-record --db "$tmp/int/r.db" "$issue" \
		"$tmp/int/out"
		exit $? ) >/dev/null 2>&1
	status=$?
	[ $status = 137 ] || bad="$bad $point:exit-$status"
	diff -r "$tmp/whole" "$tmp/int/out/distribution" >/dev/null || bad="$bad $point"
done
[ -z "$bad" ] && ok killed_rerun_never_leaves_partial_documents || not_ok killed_rerun_never_leaves_partial_documents "$bad"

# --- SPEC §3's issue.ini, inline comments and all ---------------------------
# (tests/data/distribute/spec-2026-05/issue.ini is the SPEC's example as it stands)
spec=$tmp/spec/2026-05
mkdir -p "$spec" "$tmp/spec/out"
cp "$data/spec-2026-05/issue.ini" "$spec/"
cp "$out/web.pdf" "$out/print.pdf" "$out/issue.pages" "$tmp/spec/out/"
"$bin/gongbao-registry" --db "$tmp/spec/r.db" import "$data/recipients.csv" >/dev/null
run distribute --db "$tmp/spec/r.db" "$spec" "$tmp/spec/out"
expect spec_example_issue_ini_is_accepted 0
po=$tmp/spec/out/distribution/print-order.txt
grep -q '^期号：2026年第5期（总第245期）$' "$po" 2>/dev/null && grep -q '^刊号：CN 00-0000$' "$po" \
	&& ok spec_example_values_are_read_without_their_comments \
	|| not_ok spec_example_values_are_read_without_their_comments "$(cat "$po" 2>&1)"

# --- the per-document files (SPEC §5): in every bag, in its manifest and metadata --
# The same fake issue with two documents in its page list and their files
# in docs/, named as the renderer names them: identifier and title.
dd=$tmp/withdocs
mkdir -p "$dd/out/docs"
cp "$out/web.pdf" "$out/print.pdf" "$dd/out/"
awk '/^page\t/ && !done { printf "document\td1\tdocs/01.md\t2026-5-1\n"
	printf "docmeta\td1\ttitle\t示范市某某管理办法（试行）\ndocmeta\td1\tnumber\t示政发〔2026〕1号\n"
	printf "docmeta\td1\tissuer\t示范市人民政府\ndocmeta\td1\tdate\t2026-02-12\n"
	printf "document\td2\tdocs/02.md\t2026-5-2\ndocmeta\td2\ttitle\t关于“某某”工作的通知\n"; done = 1 } { print }' \
	"$out/issue.pages" >"$dd/out/issue.pages"
mkpdf "$dd/out/docs/2026-5-1-示范市某某管理办法试行.pdf" 2 595 842
mkpdf "$dd/out/docs/2026-5-2-关于某某工作的通知.pdf" 1 595 842
"$bin/gongbao-registry" --db "$dd/r.db" import "$data/recipients.csv" >/dev/null
run distribute --db "$dd/r.db" "$issue" "$dd/out"
expect distribute_an_issue_with_per_document_files 0
bad=
for bag in "$dd"/out/distribution/deposit/*; do
	b=$(basename "$bag")
	(cd "$bag" && sha256sum --quiet -c manifest-sha256.txt && sha256sum --quiet -c tagmanifest-sha256.txt) \
		>/dev/null 2>&1 || bad="$bad $b:manifest"
	for f in "$dd"/out/docs/*.pdf; do
		n=$(basename "$f")
		cmp -s "$f" "$bag/data/docs/$n" || bad="$bad $b:$n"
		grep -qxF "$(sha256sum "$f" | cut -d' ' -f1)  data/docs/$n" "$bag/manifest-sha256.txt" || bad="$bad $b:$n:sum"
	done
	[ "$(grep -c ' data/' "$bag/manifest-sha256.txt")" = 4 ] || bad="$bad $b:lines"
	grep -q '^Payload-Oxum: [0-9]*\.4$' "$bag/bag-info.txt" || bad="$bad $b:oxum"
	python3 - "$bag/data/metadata.json" "$dd/out/docs" <<'PY' || bad="$bad $b:metadata"
import hashlib, json, os, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
d = m["documents"]
assert [x["identifier"] for x in d] == ["2026-5-1", "2026-5-2"], d
assert d[0]["title"] == "示范市某某管理办法（试行）" and d[0]["number"] == "示政发〔2026〕1号", d[0]
assert d[0]["issuer"] == "示范市人民政府" and d[0]["date"] == "2026-02-12", d[0]
for x in d:
    p = os.path.join(sys.argv[2], os.path.basename(x["file"]))
    assert x["file"].startswith("docs/2026-5-") and os.path.exists(p), x
    assert x["sha256"] == hashlib.sha256(open(p, "rb").read()).hexdigest(), x
PY
done
[ -n "$(ls "$dd"/out/distribution/deposit 2>/dev/null)" ] && [ -z "$bad" ] &&
	ok every_bag_carries_the_documents_files_listed_and_checksummed ||
	not_ok every_bag_carries_the_documents_files_listed_and_checksummed "$bad"
# a document's file changed in one bag: its manifest says so
bag1=$(ls -d "$dd"/out/distribution/deposit/* | head -1)
rm "$bag1/data/docs/2026-5-2-关于某某工作的通知.pdf"
echo changed >"$bag1/data/docs/2026-5-2-关于某某工作的通知.pdf"
(cd "$bag1" && sha256sum --quiet -c manifest-sha256.txt) >/dev/null 2>&1 &&
	not_ok bag_manifest_detects_a_changed_document_file || ok bag_manifest_detects_a_changed_document_file
web_sha=$(sha256sum "$out/web.pdf" | cut -d' ' -f1)
grep -qx "电子版SHA-256：$web_sha" "$dd/out/distribution/print-order.txt" &&
	grep -qx "SHA-256：$(sha256sum "$out/print.pdf" | cut -d' ' -f1)" "$dd/out/distribution/print-order.txt" &&
	pdftotext "$dd/out/distribution/print-order.pdf" - 2>/dev/null | tr -d ' \n' | grep -qF "$web_sha" &&
	ok print_order_records_the_web_edition_checksum_beside_the_print_file ||
	not_ok print_order_records_the_web_edition_checksum_beside_the_print_file \
	    "$(grep SHA "$dd/out/distribution/print-order.txt")"
# a document's file missing: refused, naming it, nothing written
rm -rf "$dd/out/distribution" "$dd/out/docs/2026-5-1-示范市某某管理办法试行.pdf"
"$bin/gongbao-registry" --db "$dd/r2.db" import "$data/recipients.csv" >/dev/null
run distribute --db "$dd/r2.db" "$issue" "$dd/out"
if [ "$status" = 1 ] && grep -qF 'docs/2026-5-1-示范市某某管理办法试行.pdf' "$tmp/err" &&
    grep -qF '请先运行 make issue' "$tmp/err" && [ ! -e "$dd/out/distribution" ]; then
	ok a_missing_document_file_is_refused_naming_it
else
	not_ok a_missing_document_file_is_refused_naming_it "exit $status" "$(head -3 "$tmp/err")"
fi
