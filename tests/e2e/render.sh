# End-to-end tests of gongbao-render: a hand-written page list of six
# pages (tests/data/render/issue.pages) painted into both editions, read
# back with qpdf, poppler-utils and ghostscript.
source "$(dirname "$0")/lib.sh"
data=$top/tests/data/render
list=$data/issue.pages

# --- usage ---------------------------------------------------------------------

run render --help
expect test_help_exits_0 0
if grep -q -- '--edition' "$tmp/out"; then ok test_help_names_the_edition_option
else not_ok test_help_names_the_edition_option "$(head -5 "$tmp/out")"; fi

run render --version
expect test_version_exits_0 0
if grep -qE '^gongbao-render \(gongbao\) [0-9]' "$tmp/out"; then ok test_version_prints_the_version
else not_ok test_version_prints_the_version "$(cat "$tmp/out")"; fi

run render -o "$tmp/x.pdf" "$list"
expect test_missing_edition_is_a_usage_error 2 'edition'

run render --edition glossy -o "$tmp/x.pdf" "$list"
expect test_unknown_edition_is_a_usage_error 2 'edition'

# --- both editions -------------------------------------------------------------

run render --edition web --unsigned -o "$tmp/web.pdf" "$list"
expect test_web_edition_renders 0
run render --edition print -o "$tmp/print.pdf" "$list"
expect test_print_edition_renders 0
[ -f "$tmp/web.pdf" ] && [ -f "$tmp/print.pdf" ] || { not_ok test_both_pdfs_exist; exit 0; }

for ed in web print; do
	f=$tmp/$ed.pdf
	if qpdf --check "$f" >"$tmp/check" 2>&1 && ! grep -qi 'warning' "$tmp/check"; then
		ok "test_${ed}_passes_qpdf_check_without_warning"
	else
		not_ok "test_${ed}_passes_qpdf_check_without_warning" "$(grep -i -m3 'warn\|error' "$tmp/check")"
	fi
	pdffonts "$f" | tail -n +3 >"$tmp/fonts"
	if [ -s "$tmp/fonts" ] && ! grep -q 'Type 3' "$tmp/fonts" \
	    && awk '{ if ($(NF-4) != "yes") bad = 1 } END { exit bad }' "$tmp/fonts"; then
		ok "test_${ed}_embeds_every_font_and_none_is_type3"
	else
		not_ok "test_${ed}_embeds_every_font_and_none_is_type3" "$(cat "$tmp/fonts")"
	fi
	if [ "$(pdfinfo "$f" | awk '/^Producer:/ { print $2 }')" = gongbao ]; then
		ok "test_${ed}_producer_is_gongbao"
	else
		not_ok "test_${ed}_producer_is_gongbao" "$(pdfinfo "$f" | grep Producer)"
	fi
	if pdfinfo "$f" | grep -q '^CreationDate: *Sat Mar 14 16:00:00 2026 UTC'; then
		ok "test_${ed}_creation_date_is_the_issue_date"
	else
		not_ok "test_${ed}_creation_date_is_the_issue_date" "$(pdfinfo "$f" | grep Date)"
	fi
done

# box W H FILE BOX: the size of BOX on page 1 is W x H points (±0.05).
box_size() {
	pdfinfo -box "$1" | awk -v b="$2:" '$1 == b { printf "%.2f %.2f\n", $4 - $2, $5 - $3 }'
}
near() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; exit !(d < 0.05 && d > -0.05) }'; }
check_box() {  # NAME FILE BOX W H
	local got
	got=$(box_size "$2" "$3")
	if [ -n "$got" ] && near "${got% *}" "$4" && near "${got#* }" "$5"; then ok "$1"
	else not_ok "$1" "$3 is '$got', expected $4 x $5"; fi
}
mm3=$(awk 'BEGIN { print 3 * 72 / 25.4 }')
pw=$(awk -v b="$mm3" 'BEGIN { print 595.28 + 2 * b }')
ph=$(awk -v b="$mm3" 'BEGIN { print 841.89 + 2 * b }')
# the print page: the bleed and a 10 mm slug beyond it (tests/e2e/slug.sh)
mw=$(awk -v b="$mm3" 'BEGIN { print 595.28 + 2 * (b + 10 * 72 / 25.4) }')
mh=$(awk -v b="$mm3" 'BEGIN { print 841.89 + 2 * (b + 10 * 72 / 25.4) }')
check_box test_web_page_is_the_trim_size "$tmp/web.pdf" MediaBox 595.28 841.89
check_box test_print_page_is_trim_plus_3mm_bleed_and_10mm_slug "$tmp/print.pdf" MediaBox "$mw" "$mh"
check_box test_print_trimbox_is_the_trim "$tmp/print.pdf" TrimBox 595.28 841.89
check_box test_print_bleedbox_is_trim_plus_3mm "$tmp/print.pdf" BleedBox "$pw" "$ph"
if pdfinfo -box -f 1 -l 8 "$tmp/print.pdf" | awk '/Page +[0-9]+ TrimBox/ { n++; if ($4 != "36.85" || $5 != "36.85") bad = 1 }
    END { exit !(n == 8 && !bad) }'; then ok test_every_print_page_has_a_trimbox_inside_the_bleed
else not_ok test_every_print_page_has_a_trimbox_inside_the_bleed "$(pdfinfo -box -f 1 -l 8 "$tmp/print.pdf" | grep TrimBox)"; fi

pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }
if [ "$(pages "$tmp/web.pdf")" = 6 ]; then ok test_web_has_the_pages_of_the_list
else not_ok test_web_has_the_pages_of_the_list "$(pages "$tmp/web.pdf") pages"; fi
if [ "$(pages "$tmp/print.pdf")" = 8 ]; then ok test_print_is_padded_to_a_multiple_of_4
else not_ok test_print_is_padded_to_a_multiple_of_4 "$(pages "$tmp/print.pdf") pages"; fi
p6=$(pdftotext -f 6 -l 7 "$tmp/print.pdf" - | tr -d ' \n\f')
p8=$(pdftotext -f 8 -l 8 "$tmp/print.pdf" - | tr -d ' \n\f')
if [ -z "$p6" ] && [[ $p8 == *编辑：示范市人民政府公报编辑部* ]]; then
	ok test_print_padding_goes_before_the_back_cover
else
	not_ok test_print_padding_goes_before_the_back_cover "pages 6-7: '$p6'" "page 8: '$p8'"
fi

# Every run's text comes back from the page it was put on.  List page N
# is web page N, and print page N except the back cover (8).
runs_of_page() {  # N: the texts of page N of the list, one a line
	awk -F'\t' -v n="$1" '$1 == "page" { p = $2 } $1 == "text" && p == n { print $7 }' "$list"
}
check_text() {  # NAME FILE PDFPAGE LISTPAGE
	local got missing=""
	# spaces (and U+3000, which pdftotext gives as a space) are not compared
	got=$(pdftotext -f "$3" -l "$3" "$2" - | sed 's/　//g' | tr -d ' \n\f')
	while IFS= read -r run; do
		run=${run// /}
		run=${run//　/}
		[[ $got == *"$run"* ]] || missing="$missing [$run]"
	done < <(runs_of_page "$4")
	if [ -z "$missing" ] && [ -n "$got" ]; then ok "$1"
	else not_ok "$1" "missing:$missing" "got: $got"; fi
}
for n in 1 2 3 4 5 6; do
	check_text "test_web_page_${n}_text_extracts" "$tmp/web.pdf" "$n" "$n"
	pn=$n; [ "$n" = 6 ] && pn=8
	check_text "test_print_page_${pn}_text_extracts" "$tmp/print.pdf" "$pn" "$n"
done
if pdftotext "$tmp/web.pdf" - | grep -q '𠮷祥路' && pdftotext "$tmp/print.pdf" - | grep -q '𠮷祥路'; then
	ok test_supplementary_plane_character_extracts
else
	not_ok test_supplementary_plane_character_extracts
fi

# --- print: black ink, PDF/X-4 ---------------------------------------------------

gs -q -o - -sDEVICE=inkcov "$tmp/print.pdf" >"$tmp/inkcov" 2>&1
if [ "$(wc -l <"$tmp/inkcov")" = 8 ] && awk '{ if ($1 + 0 != 0 || $2 + 0 != 0 || $3 + 0 != 0) bad = 1 } END { exit bad }' "$tmp/inkcov"; then
	ok test_print_uses_black_ink_only
else
	not_ok test_print_uses_black_ink_only "$(head -8 "$tmp/inkcov")"
fi
qpdf --qdf --object-streams=disable "$tmp/print.pdf" "$tmp/print-qdf.pdf"
if ! grep -aqE '(^| )(rg|RG)$' "$tmp/print-qdf.pdf" && grep -aqE '(^| )g /a0 gs$|^0 G ' "$tmp/print-qdf.pdf"; then
	ok test_print_content_sets_gray_not_rgb
else
	not_ok test_print_content_sets_gray_not_rgb "$(grep -aE '(^| )(rg|RG)$' "$tmp/print-qdf.pdf" | head -3)"
fi
if grep -aq '/S /GTS_PDFX' "$tmp/print-qdf.pdf" && grep -aq '/N 4' "$tmp/print-qdf.pdf"; then
	ok test_print_has_a_cmyk_pdfx_output_intent
else
	not_ok test_print_has_a_cmyk_pdfx_output_intent
fi
if pdfinfo -meta "$tmp/print.pdf" | grep -q '<pdfxid:GTS_PDFXVersion>PDF/X-4<' \
    && grep -aq '/GTS_PDFXVersion (PDF/X-4)' "$tmp/print-qdf.pdf" && grep -aq '/Trapped /False' "$tmp/print-qdf.pdf"; then
	ok test_print_declares_pdfx4_in_xmp_and_info
else
	not_ok test_print_declares_pdfx4_in_xmp_and_info
fi

# The crop marks, the bleed band and the slug: tests/e2e/slug.sh.

# --- web: tagged, linked, labelled, PDF/A-2u markers -----------------------------

pdfinfo "$tmp/web.pdf" >"$tmp/info"
if grep -q '^Title: *示范市人民政府公报 2026年第5期$' "$tmp/info" && grep -q '^Author: *示范市人民政府办公室$' "$tmp/info"; then
	ok test_web_info_has_title_and_publisher
else
	not_ok test_web_info_has_title_and_publisher "$(head -4 "$tmp/info")"
fi
if grep -q '^Tagged: *yes' "$tmp/info"; then ok test_web_is_tagged
else not_ok test_web_is_tagged; fi
if grep -q '^Optimized: *yes' "$tmp/info"; then ok test_web_is_linearized
else not_ok test_web_is_linearized; fi
labels=$(qpdf --json --json-key=pages "$tmp/web.pdf" | awk '
	/"label": \{/ { inl = 1; p = ""; d = 0; st = ""; next }
	inl && /"\/P"/ { match($0, /"u:[^"]*"/); p = substr($0, RSTART + 3, RLENGTH - 4) }
	inl && /"\/S": "\/D"/ { d = 1 }
	inl && /"\/St"/ { s = $0; gsub(/[^0-9]/, "", s); st = s }
	inl && /^ *\}/ { printf "%s%s ", p, d ? st : ""; inl = 0 }')
if [ "$labels" = "封面 目录1 1 2 3 封底 " ]; then ok test_web_page_labels_are_the_folios
else not_ok test_web_page_labels_are_the_folios "got: $labels"; fi
qpdf --qdf --object-streams=disable "$tmp/web.pdf" "$tmp/web-qdf.pdf"
if grep -aq '/Lang (zh-CN)' "$tmp/web-qdf.pdf"; then ok test_web_catalog_has_lang_zh_cn
else not_ok test_web_catalog_has_lang_zh_cn; fi
pdfinfo -meta "$tmp/web.pdf" >"$tmp/xmp"
if grep -q '<pdfaid:part>2</pdfaid:part>' "$tmp/xmp" && grep -q '<pdfaid:conformance>A<' "$tmp/xmp" \
    && grep -q '<pdfuaid:part>1</pdfuaid:part>' "$tmp/xmp" && grep -q '<rdf:li>zh-CN</rdf:li>' "$tmp/xmp" && grep -q '示范市人民政府公报 2026年第5期</rdf:li>' "$tmp/xmp"; then
	ok test_web_xmp_declares_pdfa2a_pdfua1_title_and_language
else
	not_ok test_web_xmp_declares_pdfa2a_pdfua1_title_and_language "$(head -20 "$tmp/xmp")"
fi
if grep -aq '/S /GTS_PDFA1' "$tmp/web-qdf.pdf" && grep -aq '/N 3' "$tmp/web-qdf.pdf"; then
	ok test_web_has_an_srgb_pdfa_output_intent
else
	not_ok test_web_has_an_srgb_pdfa_output_intent
fi
if grep -aq '/Dest (doc-d1)' "$tmp/web-qdf.pdf" && grep -aq '/Dest (doc-d2)' "$tmp/web-qdf.pdf"; then
	ok test_web_toc_lines_link_to_named_destinations
else
	not_ok test_web_toc_lines_link_to_named_destinations
fi
# The outline: a section and two documents, landing on pages 3 and 4.
outline=$(qpdf --json --json-key=outlines "$tmp/web.pdf" | grep -o '"destpageposfrom1": [0-9]*' | grep -o '[0-9]*$' | tr '\n' ' ')
if [ "$outline" = "3 3 4 " ]; then ok test_web_bookmarks_land_on_their_documents
else not_ok test_web_bookmarks_land_on_their_documents "pages: $outline"; fi

# --- reproducible, atomic, strict ----------------------------------------------

run render --edition web --unsigned -o "$tmp/web2.pdf" "$list"
run render --edition print -o "$tmp/print2.pdf" - <"$list"
if cmp -s "$tmp/web.pdf" "$tmp/web2.pdf" && cmp -s "$tmp/print.pdf" "$tmp/print2.pdf"; then
	ok test_two_renders_are_byte_identical
else
	not_ok test_two_renders_are_byte_identical
fi
grep -v '^meta	date' "$list" >"$tmp/nodate.pages"
SOURCE_DATE_EPOCH=1700000000 run render --edition web --unsigned -o "$tmp/sde.pdf" "$tmp/nodate.pages"
if [ "$status" = 0 ] && pdfinfo "$tmp/sde.pdf" | grep -q '^CreationDate: *Tue Nov 14 22:13:20 2023 UTC'; then
	ok test_without_issue_date_source_date_epoch_is_used
else
	not_ok test_without_issue_date_source_date_epoch_is_used "$(pdfinfo "$tmp/sde.pdf" 2>&1 | grep Date)"
fi

# Each edition as qpdf writes it goes to a scratch file beside the output
# (in $TMPDIR when the output is standard output), not to memory: none is
# left after the run.
mkdir -p "$tmp/scratch/out" "$tmp/scratch/tmp"
TMPDIR=$tmp/scratch/tmp run render --edition web --unsigned --print-output "$tmp/scratch/out/print.pdf" \
    -o "$tmp/scratch/out/web.pdf" "$list"
s1=$status
TMPDIR=$tmp/scratch/tmp run render --edition print -o - "$list"
if [ "$s1" = 0 ] && [ "$status" = 0 ] && [ "$(ls -A "$tmp/scratch/out" | tr '\n' ' ')" = "print.pdf web.pdf " ] \
    && [ -z "$(ls -A "$tmp/scratch/tmp")" ] && cmp -s "$tmp/out" "$tmp/print.pdf" \
    && cmp -s "$tmp/scratch/out/web.pdf" "$tmp/web.pdf"; then
	ok test_no_scratch_file_is_left_beside_the_output_or_in_tmpdir
else
	not_ok test_no_scratch_file_is_left_beside_the_output_or_in_tmpdir "exit $s1 $status" \
	    "$(ls -A "$tmp/scratch/out" "$tmp/scratch/tmp")"
fi

mkdir -p "$tmp/bad"
run render --edition print -o "$tmp/bad/out.pdf" "$data/bad-offsets.pages"
expect test_offsets_not_matching_the_text_exit_1 1 'bad-offsets\.pages:58: error: .*5个字符，却有3个位置|bad-offsets\.pages:58: error: .*offsets'
run render --edition web --unsigned -o "$tmp/bad/out.pdf" "$data/cut-short.pages"
expect test_page_list_without_end_exits_1 1 'cut-short\.pages:[0-9]+: error: .*end'
run render --edition web --unsigned -o "$tmp/bad/out.pdf" "$data/missing-font.pages"
expect test_missing_font_file_exits_1 1 'missing-font\.pages:18: error: .*NoSuchFont\.ttc'
if [ -z "$(ls -A "$tmp/bad")" ]; then ok test_a_failed_render_leaves_no_file
else not_ok test_a_failed_render_leaves_no_file "$(ls -A "$tmp/bad")"; fi
run render --edition web --unsigned -o "$tmp/bad/out.pdf" "$data/missing-glyph.pages"
expect test_character_missing_from_its_font_exits_1 1 'missing-glyph\.pages:22: error: 第1页：.*U\+1F600'
run render --edition web --unsigned -o "$tmp/bad/out.pdf" "$tmp/no-such.pages"
expect test_unreadable_page_list_exits_2 2 'no-such\.pages: error: 无法打开'
if [ -z "$(ls -A "$tmp/bad")" ]; then ok test_a_refused_page_list_leaves_no_file
else not_ok test_a_refused_page_list_leaves_no_file "$(ls -A "$tmp/bad")"; fi

# --- the padding is the page list's, not the renderer's -------------------------

sed 's/^padding	2$/padding	6/' "$list" >"$tmp/pad6.pages"
sed 's/^padding	2$/padding	0/' "$list" >"$tmp/pad0.pages"
run render --edition print -o "$tmp/pad6.pdf" "$tmp/pad6.pages"
run render --edition print -o "$tmp/pad0.pdf" "$tmp/pad0.pages"
p12=$(pdftotext -f 12 -l 12 "$tmp/pad6.pdf" - 2>/dev/null | tr -d ' \n\f')
if grep -q '^padding	2$' "$list" && [ "$(pages "$tmp/pad6.pdf")" = 12 ] && [ "$(pages "$tmp/pad0.pdf")" = 6 ] \
    && [[ $p12 == *编辑：示范市人民政府公报编辑部* ]]; then
	ok test_print_padding_is_the_page_lists_padding_record
else
	not_ok test_print_padding_is_the_page_lists_padding_record \
	    "pages: $(pages "$tmp/pad6.pdf") with padding 6, $(pages "$tmp/pad0.pdf") with padding 0" "page 12: '$p12'"
fi
grep -v '^padding	' "$list" >"$tmp/nopad.pages"
run render --edition print -o "$tmp/bad/out.pdf" "$tmp/nopad.pages"
expect test_page_list_without_padding_is_refused_naming_the_line 1 \
    'nopad\.pages:[0-9]+: error: .*padding'

# --- fonts are named, not located: the list renders on another machine ------------

sed 's|^font	1	song	NotoSerifCJK-Regular.ttc|font	1	song	/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc|' \
    "$list" >"$tmp/path.pages"
run render --edition web --unsigned -o "$tmp/bad/out.pdf" "$tmp/path.pages"
expect test_font_named_by_its_path_is_refused_naming_the_line 1 'path\.pages:18: error: .*文件名'
mkdir -p "$tmp/nonoto/fonts"
grep -v 'opentype/noto' "$top/fonts/fonts.conf" >"$tmp/nonoto/fonts/fonts.conf"
GONGBAO_DATA=$tmp/nonoto run render --edition web --unsigned -o "$tmp/bad/out.pdf" "$list"
expect test_font_the_machine_lacks_is_refused_naming_the_line 1 \
    'issue\.pages:18: error: .*Noto Serif CJK SC.*找不到'

# A page list typeset here renders byte for byte the same from a copy of
# the checkout at another path, built there: nothing in the list or the
# PDFs depends on where the checkout or its fonts configuration stand.
run typeset -o "$tmp/here.pages" "$top/tests/data/typeset/basic.tree"
fonts_of() { awk -F'\t' '$1 == "font" { print $4 }' "$1"; }
if [ "$status" = 0 ] && [ -n "$(fonts_of "$tmp/here.pages")" ] && ! fonts_of "$tmp/here.pages" | grep -q /; then
	ok test_typeset_names_font_files_without_their_path
else
	not_ok test_typeset_names_font_files_without_their_path "$(grep '^font' "$tmp/here.pages")"
fi
copy=$tmp/elsewhere/gongbao
mkdir -p "$copy"
cp -r "$top/Makefile" "$top/pipeline" "$top/fonts" "$top/layouts" "$copy/"
if make -s -C "$copy" bin/gongbao-render >"$tmp/make.out" 2>&1; then
	for ed in print web; do
		SOURCE_DATE_EPOCH=1700000000 "$bin/gongbao-render" --edition $ed --unsigned \
		    -o "$tmp/here-$ed.pdf" "$tmp/here.pages" 2>"$tmp/err"
		SOURCE_DATE_EPOCH=1700000000 "$copy/bin/gongbao-render" --edition $ed --unsigned \
		    -o "$tmp/there-$ed.pdf" "$tmp/here.pages" 2>>"$tmp/err"
		if [ -s "$tmp/here-$ed.pdf" ] && cmp -s "$tmp/here-$ed.pdf" "$tmp/there-$ed.pdf"; then
			ok "test_${ed}_renders_byte_identical_from_a_checkout_at_another_path"
		else
			not_ok "test_${ed}_renders_byte_identical_from_a_checkout_at_another_path" "$(head -3 "$tmp/err")"
		fi
	done
else
	not_ok test_print_renders_byte_identical_from_a_checkout_at_another_path "$(tail -5 "$tmp/make.out")"
	not_ok test_web_renders_byte_identical_from_a_checkout_at_another_path "the copy does not build"
fi

# Without -o the PDF goes to standard output.
"$bin/gongbao-render" --edition web --unsigned <"$list" >"$tmp/stdout.pdf" 2>"$tmp/err"
if [ "$?" = 0 ] && [ "$(pages "$tmp/stdout.pdf")" = 6 ]; then ok test_without_output_option_the_pdf_goes_to_stdout
else not_ok test_without_output_option_the_pdf_goes_to_stdout "$(head -3 "$tmp/err")"; fi
