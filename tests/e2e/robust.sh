#!/usr/bin/env bash
# robust.sh — hostile input (issue 12): every stage refuses what it cannot
# hold with `FILE:LINE: error: …` (or `FILE: error: …` for a file that is
# no input at all) and exit 1 or 2, never a signal or a hang; inputs that
# are not regular files are refused before they are read; no run leaves
# behind what it should not.  Inputs are made from the fuzz seeds
# (tests/fuzz/seeds/), which follow the formats' current versions.
. "$(dirname "$0")/lib.sh"
seeds=$top/tests/fuzz/seeds
pages=$seeds/pages/erratum.pages
tree=$seeds/tree/erratum.tree

# refused NAME STATUS_RE PATTERN: the last run exited with a status
# matching STATUS_RE (1, 2 or [12]), within its timeout (124: it hung), and
# stderr has a line matching PATTERN; no sanitizer report.
refused() {
	local name=$1 want=$2 pat=$3
	if [ "$status" = 124 ]; then
		not_ok "$name" "hung: killed by timeout after 10 s"
	elif ! [[ $status =~ ^$want$ ]]; then
		not_ok "$name" "exit $status, expected $want" "$(head -5 "$tmp/err")"
	elif grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$tmp/err"; then
		not_ok "$name" "$(grep -m3 -E 'ERROR: |runtime error:' "$tmp/err")"
	elif ! grep -qE -- "$pat" "$tmp/err"; then
		not_ok "$name" "stderr has no line matching: $pat" "$(head -5 "$tmp/err")"
	else
		ok "$name"
	fi
}

# trun PROG ARGS...: run, bounded by 10 s, so that a hang fails
trun() {
	local prog=$1; shift
	timeout 10 "$bin/gongbao-$prog" "$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
}

# the erratum page list with line N's record changed by sed expression E
edit_pages() { sed "$1" "$pages" >"$tmp/$2"; }
line_of() { grep -n -m1 -P "$1" "$2" | cut -d: -f1; }

# --- the page list: what no PDF can hold ---------------------------------

tl=$(line_of '^text\t1\t12\t' "$pages")
bl=$(line_of '^bleed\t' "$pages")
edit_pages "${tl}s/^text\t1\t12\t/text\t1\t20000\t/" size.pages
trun render --edition web --unsigned -o "$tmp/w.pdf" "$tmp/size.pages"
refused test_render_refuses_text_size_over_limit 1 "size.pages:$tl: error: .*14400"

edit_pages "${tl}s/^text\t1\t12\t/text\t1\t65536\t/" size65536.pages
for ed in web print; do
	trun render --edition $ed -o "$tmp/w.pdf" "$tmp/size65536.pages"
	refused "test_render_${ed}_refuses_text_size_65536_without_aborting" 1 "size65536.pages:$tl: error:"
done

trim=$(line_of '^trim\t' "$pages")
edit_pages "${trim}s/.*/trim\t14400\t14400/" trim.pages
trun render --edition print -o "$tmp/p.pdf" "$tmp/trim.pages"
refused test_render_refuses_print_page_with_bleed_over_pdf_limit 1 "trim.pages:$bl: error: .*14400"

edit_pages "${trim}s/.*/trim\t140000\t140000/" huge.pages
trun render --edition web --unsigned -o "$tmp/w.pdf" "$tmp/huge.pages"
refused test_render_refuses_140000_pt_page 1 "huge.pages:$trim: error:"

edit_pages "${trim}s/.*/trim\t2\t841.89/" tiny.pages
trun render --edition web --unsigned -o "$tmp/w.pdf" "$tmp/tiny.pages"
refused test_render_refuses_page_under_3_units 1 "tiny.pages:$trim: error: .*3"

edit_pages "${tl}s/^\(text\t1\t12\t\)[0-9.]*/\140000/" coord.pages
trun render --edition web --unsigned -o "$tmp/w.pdf" "$tmp/coord.pages"
refused test_render_refuses_coordinate_beyond_pdf_range 1 "coord.pages:$tl: error: .*32767"

edit_pages "${trim}s/.*/trim\t14400\t14400/;${bl}s/.*/bleed\t0/" largest.pages
trun render --edition web --unsigned -o "$tmp/largest.pdf" "$tmp/largest.pages"
if [ "$status" = 0 ] && pdfinfo "$tmp/largest.pdf" | grep -q 'Page size: *14400 x 14400'; then
	ok test_render_accepts_largest_pdf_page_14400_units
else
	not_ok test_render_accepts_largest_pdf_page_14400_units "exit $status" "$(head -3 "$tmp/err")"
fi

dl=$(line_of '^meta\tdate\t' "$pages")
edit_pages "${dl}s/.*/meta\tdate\t9999-99-99/" date.pages
trun render --edition web --unsigned -o "$tmp/w.pdf" "$tmp/date.pages"
refused test_page_list_reader_refuses_meta_date_at_its_line 1 "date.pages:$dl: error: .*9999-99-99"

pl=$(line_of '^padding\t' "$pages")
edit_pages "${pl}s/.*/padding\t2147483647/" pad.pages
trun render --edition print -o "$tmp/p.pdf" "$tmp/pad.pages"
refused test_render_refuses_padding_over_three_pages 1 "pad.pages:$pl: error:"

edit_pages "${tl}s/^\(text\t1\t12\t[^\t]*\t[^\t]*\t[^\t]*\t\)[^\t]*\t[^\t]*$/\1♜\t0/" glyph.pages
trun render --edition web --unsigned -o "$tmp/w.pdf" "$tmp/glyph.pages"
refused test_render_names_page_list_line_of_missing_glyph 1 "glyph.pages:$tl: error: .*U\\+265C"

# --- the check: a page too large to paint is a finding, not a crash ------

# a list with blank pages in print (padding 3): the check paints them
padded=$seeds/pages/notice-appointments-erratum.pages
trun render --edition web --unsigned -o "$tmp/web.pdf" "$padded"
w=$status
trun render --edition print -o "$tmp/print.pdf" "$padded"
if [ "$w$status" != 00 ]; then
	not_ok test_check_reports_print_page_too_large_to_paint "the list did not render" "$(head -3 "$tmp/err")"
else
	trun check "$padded" "$tmp/print.pdf" "$tmp/web.pdf"
	[ "$status" = 0 ] && ok test_check_passes_the_padded_issue_it_is_given \
		|| not_ok test_check_passes_the_padded_issue_it_is_given "exit $status" "$(grep -v '^通过' "$tmp/out" | head -5)"
	qpdf --qdf --object-streams=disable "$tmp/print.pdf" "$tmp/qdf.pdf"
	perl -0pe 's|/MediaBox \[\s*[-0-9. ]+\s+[-0-9. ]+\s+[-0-9. ]+\s+[-0-9. ]+\s*\]|/MediaBox [ 0 0 140000 140000 ]|g' \
		"$tmp/qdf.pdf" | fix-qdf >"$tmp/bigprint.pdf"
	timeout 60 "$bin/gongbao-check" "$padded" "$tmp/bigprint.pdf" "$tmp/web.pdf" >"$tmp/out" 2>"$tmp/err"
	status=$?
	cat "$tmp/out" >>"$tmp/err"	# the report: the finding stands there
	refused test_check_reports_print_page_too_large_to_paint 1 "bigprint.pdf: .*(无法渲染|页面尺寸)"
fi

# --- the tree: every number in its range --------------------------------

edit_tree() { sed "$1" "$tree" >"$tmp/$2"; }
fp=$(line_of '^issue\tfirst-page\t' "$tree")
edit_tree "${fp}s/.*/issue\tfirst-page\t2147483647/" fp.tree
trun typeset -o "$tmp/fp.pages" "$tmp/fp.tree"
refused test_typeset_refuses_first_page_over_limit 1 "fp.tree:$fp: error: .*99999"
[ ! -e "$tmp/fp.pages" ] && ok test_typeset_refused_tree_writes_no_page_list \
	|| not_ok test_typeset_refused_tree_writes_no_page_list

yl=$(line_of '^issue\tyear\t' "$tree")
edit_tree "${yl}s/.*/issue\tyear\t10000/" year.tree
trun typeset -o "$tmp/y.pages" "$tmp/year.tree"
refused test_tree_reader_refuses_year_over_9999 1 "year.tree:$yl: error: .*9999"

for key in number cumulative; do
	kl=$(line_of "^issue\t$key\t" "$tree")
	edit_tree "${kl}s/.*/issue\t$key\t100000/" k.tree
	trun typeset -o "$tmp/k.pages" "$tmp/k.tree"
	refused "test_tree_reader_refuses_${key}_over_99999" 1 "k.tree:$kl: error: .*99999"
done

pa=$(line_of '^para\t' "$tree")
edit_tree "${pa}s/^para\t[0-9]*/para\t99999999999/" line.tree
trun typeset -o "$tmp/l.pages" "$tmp/line.tree"
refused test_tree_reader_refuses_line_number_over_limit 1 "line.tree:$pa: error: .*16777216"

ttree=$seeds/tree/table-interpretation.tree
tb=$(line_of '^table\t' "$ttree")
sed "${tb}s/^table\t\([0-9]*\)\t[0-9]*\t/table\t\1\t10001\t/" "$ttree" >"$tmp/cols.tree"
trun typeset -o "$tmp/c.pages" "$tmp/cols.tree"
refused test_tree_reader_refuses_column_count_over_limit 1 "cols.tree:$tb: error: .*10000"

printf -v nul '\0'
{ sed -n "1,$((pa - 1))p" "$tree"; printf 'para\t1\tab\0cd\n'; sed -n "$((pa + 1)),\$p" "$tree"; } >"$tmp/nul.tree"
trun typeset -o "$tmp/n.pages" "$tmp/nul.tree"
refused test_tree_reader_refuses_nul_byte_at_its_line 1 "nul.tree:$pa: error: .*NUL"

# --- issue directories -------------------------------------------------

mkissue() { rm -rf "$tmp/$1"; cp -r "$top/issues/2026-05" "$tmp/$1"; }

mkissue big
sed -i 's/^first-page=.*/first-page=2147483647/' "$tmp/big/issue.ini"
grep -q '^first-page=2147483647' "$tmp/big/issue.ini" || sed -i 's/^\[issue\]/[issue]\nfirst-page=2147483647/' "$tmp/big/issue.ini"
l=$(line_of '^first-page=' "$tmp/big/issue.ini")
trun parse -o "$tmp/t.tree" "$tmp/big"
refused test_parse_names_limit_of_too_large_first_page 1 "big/issue.ini:$l: error: .*1至99999"

mkissue lay
if grep -q '^layout=' "$tmp/lay/issue.ini"; then
	sed -i 's/^layout=.*/layout=gazette-026/' "$tmp/lay/issue.ini"
else
	sed -i 's/^\[gazette\]/[gazette]\nlayout=gazette-026/' "$tmp/lay/issue.ini"
fi
l=$(line_of '^layout=' "$tmp/lay/issue.ini")
trun parse -o "$tmp/t.tree" "$tmp/lay"
refused test_parse_names_issue_ini_line_of_unknown_layout 1 "lay/issue.ini:$l: error: .*gazette-026"

mkissue ok
trun parse -o "$tmp/t.tree" "$tmp/ok"
[ "$status" = 0 ] && ok test_parse_accepts_issue_whose_layout_exists \
	|| not_ok test_parse_accepts_issue_whose_layout_exists "exit $status" "$(head -3 "$tmp/err")"

mkissue inidir
rm "$tmp/inidir/issue.ini" && mkdir "$tmp/inidir/issue.ini"
trun parse -o "$tmp/t.tree" "$tmp/inidir"
refused test_parse_refuses_issue_ini_that_is_a_directory_with_exit_1 1 "inidir/issue.ini: error: .*目录"

mkissue docdir
mkdir "$tmp/docdir/docs/02-目录.md"
trun parse -o "$tmp/t.tree" "$tmp/docdir"
refused test_parse_refuses_document_that_is_a_directory_with_exit_1 1 "docdir/docs/02-目录.md: error: .*目录"

mkissue docfifo
mkfifo "$tmp/docfifo/docs/02-管道.md"
trun parse -o "$tmp/t.tree" "$tmp/docfifo"
refused test_parse_refuses_fifo_document_without_hanging 1 "docfifo/docs/02-管道.md: error: .*FIFO"

mkissue inififo
rm "$tmp/inififo/issue.ini" && mkfifo "$tmp/inififo/issue.ini"
trun parse -o "$tmp/t.tree" "$tmp/inififo"
refused test_parse_refuses_fifo_issue_ini_without_hanging 1 "inififo/issue.ini: error: .*FIFO"

mkissue words
mkfifo "$tmp/words.fifo"
trun parse --words "$tmp/words.fifo" -o "$tmp/t.tree" "$tmp/words"
refused test_parse_refuses_fifo_words_list_without_hanging 1 "words.fifo: error: .*FIFO"

mkissue large
truncate -s 17M "$tmp/large/docs/09-很大.md"
trun parse -o "$tmp/t.tree" "$tmp/large"
refused test_parse_refuses_document_over_16_mib 1 "large/docs/09-很大.md: error: .*16777216"

mkissue nul
f=$(ls "$tmp/nul/docs/"*.md | head -1)
n=$(($(wc -l <"$f") + 1))
printf 'abc\0def\n' >>"$f"
trun parse -o "$tmp/t.tree" "$tmp/nul"
refused test_parse_refuses_nul_byte_in_document_naming_its_line 1 "$(basename "$f"):$n: error: .*NUL"

# --- every other input that is a FIFO ----------------------------------

mkfifo "$tmp/fifo"
trun typeset -o "$tmp/f.pages" "$tmp/fifo"
refused test_typeset_refuses_fifo_tree_without_hanging 1 "fifo: error: .*FIFO"
mkfifo "$tmp/l.ini"
trun typeset --layout "$tmp/l.ini" -o "$tmp/f.pages" "$tree"
refused test_typeset_refuses_fifo_layout_without_hanging "[12]" "l.ini: error: .*FIFO"
trun render --edition web --unsigned -o "$tmp/f.pdf" "$tmp/fifo"
refused test_render_refuses_fifo_page_list_without_hanging 1 "fifo: error: .*FIFO"
mkdir -p "$tmp/data/fonts" && ln -s "$top/layouts" "$tmp/data/layouts" && mkfifo "$tmp/data/fonts/fonts.conf"
GONGBAO_DATA=$tmp/data trun render --edition web --unsigned -o "$tmp/f.pdf" "$pages"
refused test_render_refuses_fifo_font_configuration_without_hanging "[12]" "erratum.pages:[0-9]+: error: .*FIFO"
if [ -f "$tmp/print.pdf" ]; then
	trun check "$pages" "$tmp/print.pdf" "$tmp/fifo"
	refused test_check_refuses_fifo_pdf_without_hanging "[12]" "fifo: error:"
fi
trun registry --db "$tmp/fifo.db" import "$tmp/fifo"
refused test_registry_refuses_fifo_csv_without_hanging 1 "fifo: error: .*FIFO"

# --- leftovers -----------------------------------------------------------

mkdir -p "$tmp/o"
sleep 0 & wait $!
dead=$!
stale="$tmp/o/.web.pdf.tmp-$dead-abcdef"
live="$tmp/o/.web.pdf.tmp-$$-ghijkl"
legacy="$tmp/o/.web.pdf.tmp-mnopqr"
fresh="$tmp/o/.web.pdf.tmp-stuvwx"
other="$tmp/o/.print.pdf.tmp-$dead-abcdef"
touch "$stale" "$live" "$legacy" "$fresh" "$other"
touch -d '1 hour ago' "$legacy"
trun render --edition web --unsigned -o "$tmp/o/web.pdf" "$pages"
if [ "$status" = 0 ] && [ ! -e "$stale" ] && [ ! -e "$legacy" ]; then
	ok test_output_removes_stale_temporaries_of_its_own_name
else
	not_ok test_output_removes_stale_temporaries_of_its_own_name "exit $status" "$(ls -a "$tmp/o")"
fi
[ -e "$live" ] && [ -e "$fresh" ] && ok test_output_keeps_temporary_of_a_live_process \
	|| not_ok test_output_keeps_temporary_of_a_live_process "$(ls -a "$tmp/o")"
[ -e "$other" ] && ok test_output_keeps_temporaries_of_other_outputs \
	|| not_ok test_output_keeps_temporaries_of_other_outputs "$(ls -a "$tmp/o")"
[ "$(ls -a "$tmp/o" | grep -c '^\.web\.pdf\.tmp-')" = 2 ] \
	&& ok test_output_leaves_no_temporary_of_its_own_run \
	|| not_ok test_output_leaves_no_temporary_of_its_own_run "$(ls -a "$tmp/o")"

printf 'id,name\nbad\n' >"$tmp/bad.csv"
trun registry --db "$tmp/first.db" import "$tmp/bad.csv"
refused test_registry_refuses_bad_first_import 1 "bad.csv:[0-9]+: error:"
[ ! -e "$tmp/first.db" ] && ok test_registry_failed_first_import_creates_no_registry \
	|| not_ok test_registry_failed_first_import_creates_no_registry "$(ls -l "$tmp/first.db")"
trun registry --db "$tmp/first.db" list
refused test_registry_list_after_failed_first_import_says_there_is_none 1 "first.db: error:"

"$bin/gongbao-registry" --db "$tmp/kept.db" import "$top/issues/recipients.csv" >/dev/null 2>&1
trun registry --db "$tmp/kept.db" import "$tmp/bad.csv"
[ "$status" = 1 ] && [ -s "$tmp/kept.db" ] && ok test_registry_failed_later_import_keeps_the_registry \
	|| not_ok test_registry_failed_later_import_keeps_the_registry "exit $status"

{ head -1 "$top/issues/recipients.csv"; printf 'R901,名\0称,国家图书馆缴送,100081,北京市海淀区,地址,联系人,010-1,1,yes\n'; } >"$tmp/nul.csv"
trun registry --db "$tmp/nul.db" import "$tmp/nul.csv"
refused test_registry_refuses_nul_byte_in_csv_naming_its_line 1 "nul.csv:2: error: .*NUL"

# the output directory's lock is waited for (a run finishing), bounded
data=$top/tests/data/distribute
if command -v flock >/dev/null && command -v gs >/dev/null && [ -d "$data/2026-05" ]; then
	export GONGBAO_NOW=2026-03-01T09:00:00Z
	mkpdf() {
		gs -q -dBATCH -dNOPAUSE -dSAFER -sDEVICE=pdfwrite -dDEVICEWIDTHPOINTS="$3" \
			-dDEVICEHEIGHTPOINTS="$4" -dFIXEDMEDIA -o "$1" \
			-c "/Helvetica findfont 20 scalefont setfont 1 1 $2 { 100 300 moveto 10 string cvs show showpage } for"
	}
	cp -r "$data/2026-05" "$tmp/d-issue"
	mkdir -p "$tmp/d-out"
	"$bin/gongbao-registry" --db "$tmp/d.db" import "$data/recipients.csv" >/dev/null
	mkpdf "$tmp/d-out/web.pdf" 10 595 842
	mkpdf "$tmp/d-out/print.pdf" 12 612 859
	cp "$data/issue.pages" "$tmp/d-out/"
	flock "$tmp/d-out/.distribution.lock" sleep 2 &
	holder=$!
	sleep 0.5
	start=$(date +%s)
	timeout 30 "$bin/gongbao-distribute" --db "$tmp/d.db" "$tmp/d-issue" "$tmp/d-out" >"$tmp/out" 2>"$tmp/err"
	status=$?
	wait "$holder"
	if [ "$status" = 0 ] && [ $(($(date +%s) - start)) -ge 1 ]; then
		ok test_distribute_waits_for_the_output_directory_lock
	else
		not_ok test_distribute_waits_for_the_output_directory_lock "exit $status" "$(head -3 "$tmp/err")"
	fi
else
	skip test_distribute_waits_for_the_output_directory_lock "flock or gs missing"
fi

# --- the saved crashes of the stages (tests/fuzz/crashes/), each through
# --- the stage it crashed ---------------------------------------------

crash=$top/tests/fuzz/crashes
# in the formats' current version (the seeds'), should a version change
# after the file was saved: the fault is in the records, not the version line
current() { { head -1 "$2"; tail -n +2 "$1"; } >"$tmp/$(basename "$1")"; echo "$tmp/$(basename "$1")"; }
c=$(current "$crash/pages/page-list-text-size-65536.pages" "$pages")
for ed in web print; do
	trun render --edition $ed -o "$tmp/c.pdf" "$c"
	refused "test_render_${ed}_refuses_saved_crash_text_size_65536" 1 \
	    "page-list-text-size-65536.pages:[0-9]+: error: .*65536"
done
c=$(current "$crash/tree/tree-first-page-2147483647.tree" "$tree")
trun typeset -o "$tmp/c.pages" "$c"
refused test_typeset_refuses_saved_crash_first_page_2147483647 1 \
    "tree-first-page-2147483647.tree:[0-9]+: error: .*2147483647"
