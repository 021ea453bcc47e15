# check.sh — gongbao-check end to end: a good build passes, and each way an
# edition can go wrong (a lost page, swapped pages, a changed character,
# the wrong edition, unembedded fonts, a wrong 目录 folio, a link to the
# wrong page, a missing TrimBox, a missing page label, unmapped glyphs) fails
# naming the page.  The editions are rendered from tests/data/check/issue.pages
# by the (sanitized) gongbao-render, then damaged with qpdf, gs or sed.
. "$(dirname "$0")/lib.sh"

data=$top/tests/data/check
pages=$data/issue.pages

# render NAME EDITION PAGES: $tmp/NAME.pdf from PAGES.
render() {
	# a list that names no signing key (tests/data/) is rendered unsigned
	local sign=--unsigned
	grep -q '^meta	signing-key	' "$3" && sign=
	"$bin/gongbao-render" --edition "$2" $sign -o "$tmp/$1.pdf" "$3" 2>"$tmp/render.err"
}

# report NAME STATUS PATTERN...: the last check's exit status and, for each
# PATTERN (grep -E), a line of its report (stdout) that matches.
report() {
	local name=$1 want=$2 pat
	shift 2
	if [ "$status" != "$want" ]; then
		not_ok "$name" "exit $status, expected $want" "$(head -5 "$tmp/err")" \
		    "$(grep -E '^(print|web|issue)' "$tmp/out" | head -8)"
		return
	fi
	for pat in "$@"; do
		if ! grep -qE -- "$pat" "$tmp/out"; then
			not_ok "$name" "report has no line matching: $pat" \
			    "$(sed -n '/^问题/,$p' "$tmp/out" | head -10)"
			return
		fi
	done
	ok "$name"
}

# A page of the qpdf --qdf form of a PDF, edited by an awk program, made a
# valid PDF again by fix-qdf.
qdf_edit() {  # qdf_edit IN OUT AWK_PROGRAM
	qpdf --qdf --object-streams=disable "$1" "$tmp/edit.qdf" &&
	awk "$3" "$tmp/edit.qdf" >"$tmp/edited.qdf" &&
	fix-qdf "$tmp/edited.qdf" >"$2"
}

if ! render print print "$pages" || ! render web web "$pages"; then
	not_ok test_render_makes_the_editions_the_check_reads "$(head -5 "$tmp/render.err")"
	exit 0
fi

# --- the good build -----------------------------------------------------

run check "$pages" "$tmp/print.pdf" "$tmp/web.pdf"
report test_good_build_passes 0 '^通过 +每页文字与排版结果一致' '^结论：通过'

run check --json "$pages" "$tmp/print.pdf" "$tmp/web.pdf"
# python3 (one of make deps' packages) reads the JSON: without it this fails
if [ "$status" = 0 ] &&
    python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["passed"] is True and len(d["checks"]) == 10' \
    <"$tmp/out" 2>"$tmp/json.err"; then
	ok test_json_report_of_a_good_build_is_valid_json_that_passes
else
	not_ok test_json_report_of_a_good_build_is_valid_json_that_passes "exit $status" \
	    "$(tail -3 "$tmp/json.err")" "$(head -c 400 "$tmp/out")"
fi

run check "$pages" "$tmp/print.pdf" "$tmp/web.pdf"
report test_parse_warnings_are_listed_and_do_not_fail 0 \
    '^issues/2026-05/docs/02-政策解读.md:18: warning: “,”是半角标点'

# The renderer's own test page list, a second good build.
if render rprint print "$top/tests/data/render/issue.pages" &&
    render rweb web "$top/tests/data/render/issue.pages"; then
	run check "$top/tests/data/render/issue.pages" "$tmp/rprint.pdf" "$tmp/rweb.pdf"
	report test_render_test_page_list_passes 0 '^结论：通过'
else
	not_ok test_render_test_page_list_passes "rendering it failed:" "$(head -5 "$tmp/render.err")"
fi

# The sample issue built by the whole pipeline (every stage is built for
# the suite: a missing one is a failure, not a case left out).
if "$bin/gongbao-parse" -o "$tmp/sample.tree" "$top/issues/2026-05" 2>"$tmp/render.err" &&
    "$bin/gongbao-typeset" -o "$tmp/sample.pages" "$tmp/sample.tree" 2>"$tmp/render.err" &&
    render sample-print print "$tmp/sample.pages" && render sample-web web "$tmp/sample.pages"
then
	run check "$tmp/sample.pages" "$tmp/sample-print.pdf" "$tmp/sample-web.pdf"
	report test_the_sample_issue_built_by_the_pipeline_passes 0 '^结论：通过'
else
	not_ok test_the_sample_issue_built_by_the_pipeline_passes "$(head -5 "$tmp/render.err")"
fi

# --- pages lost, swapped, changed ----------------------------------------

qpdf "$tmp/web.pdf" --pages . 1-3,5-z -- "$tmp/lost.pdf"
run check "$pages" "$tmp/print.pdf" "$tmp/lost.pdf"
report test_a_removed_page_fails_naming_it 1 \
    '^lost.pdf: 页数不符：电子版有5面，页面清单有6页' \
    '^lost.pdf: 第2页（第4面）: 页序错乱或缺页：此面排的是页面清单第3页（第5面）的内容'

qpdf "$tmp/web.pdf" --pages . 1-2,4,3,5-z -- "$tmp/swapped.pdf"
run check "$pages" "$tmp/print.pdf" "$tmp/swapped.pdf"
report test_two_swapped_pages_fail_naming_both 1 \
    '^swapped.pdf: 第1页（第3面）: 页序错乱或缺页：此面排的是页面清单第2页（第4面）的内容' \
    '^swapped.pdf: 第2页（第4面）: 页序错乱或缺页：此面排的是页面清单第1页（第3面）的内容'

# One character of the back cover differs; the print edition puts the back
# cover after two padding pages, as its 8th page.
sed 's/印刷日期/印制日期/' "$pages" >"$tmp/changed.pages"
render changed print "$tmp/changed.pages"
run check "$pages" "$tmp/changed.pdf" "$tmp/web.pdf"
report test_an_edition_from_a_page_list_one_character_off_fails_naming_the_page 1 \
    '^changed.pdf: 封底（第8面）: 文字与排版结果不符：“.*印刷日期.*”中的“刷”成了“制”'

cp "$tmp/web.pdf" "$tmp/asprint.pdf"
run check "$pages" "$tmp/asprint.pdf" "$tmp/web.pdf"
report test_the_web_edition_given_as_the_print_edition_fails 1 \
    '^asprint.pdf: 页数不符：印刷版有6面，应为8面' \
    '^asprint.pdf: 封面（第1面）等6面: 页面尺寸为210.0×297.0毫米，应为236.0×323.0毫米' \
    '^asprint.pdf: 封面（第1面）等6面: (缺少裁切框|裁切框（TrimBox）为)'

# --- the print edition proven against the web edition ----------------------
# The check reads the web edition's text and proves each print page shows the
# same glyphs at the same places (check/painting.c); a print page that does
# not is read as text, so every fault is still named on the print page.

run check --json "$pages" "$tmp/print.pdf" "$tmp/web.pdf"
# every list page with text (all 6 of this list) is proven, none read again
if [ "$status" = 0 ] && python3 -c 'import json,sys; assert json.load(sys.stdin)["print_same_painting"] == 6' \
    <"$tmp/out" 2>"$tmp/json.err"; then
	ok test_every_print_page_with_text_is_proven_the_web_editions_painting
else
	not_ok test_every_print_page_with_text_is_proven_the_web_editions_painting "exit $status" \
	    "$(tail -2 "$tmp/json.err")"
fi

# One line of the print edition's 3rd page moved right by 0.3 pt: too little
# for reading the text to notice, not the web edition's painting.
qdf_edit "$tmp/print.pdf" "$tmp/moved.pdf" '
	/^%% Contents for page 3$/ { page = 1 }
	page && / Tm$/ && !done { $5 += 0.3; done = 1 }
	{ print }'
run check "$pages" "$tmp/moved.pdf" "$tmp/web.pdf"
report test_a_print_line_moved_a_little_fails_as_not_the_same_painting 1 \
    '^moved.pdf: 第1页（第3面）: 印刷版此面所示与电子版第1页（第3面）不同：第1个字的位置相差0.11毫米'

qpdf "$tmp/print.pdf" --pages . 1-2,4,3,5-z -- "$tmp/pswapped.pdf"
run check "$pages" "$tmp/pswapped.pdf" "$tmp/web.pdf"
report test_two_swapped_print_pages_fail_naming_both 1 \
    '^pswapped.pdf: 第1页（第3面）: 页序错乱或缺页：此面排的是页面清单第2页（第4面）的内容' \
    '^pswapped.pdf: 第2页（第4面）: 页序错乱或缺页：此面排的是页面清单第1页（第3面）的内容'

# Without /ToUnicode the print edition's fonts are not the web edition's:
# its pages are read, and their glyphs map to nothing.
qdf_edit "$tmp/print.pdf" "$tmp/punmapped.pdf" '!/\/ToUnicode [0-9]+ 0 R/'
run check "$pages" "$tmp/punmapped.pdf" "$tmp/web.pdf"
report test_print_glyphs_without_unicode_mapping_fail 1 \
    '^punmapped.pdf: 第1页（第3面）: 文字(无法提取|与排版结果不符)'

# A glyph's width changed in the print edition's font (/DW): another font,
# so its pages are not proven and are read; the check fails on the print
# edition, never passes it as the web edition's painting.
qdf_edit "$tmp/print.pdf" "$tmp/pwidth.pdf" '{ sub(/^  \/DW 1000$/, "  /DW 900") } 1'
if ! grep -qa '^  /DW 900$' "$tmp/edited.qdf"; then
	not_ok test_a_print_font_of_other_widths_is_not_the_web_editions_painting \
	    "the damage did not take: no /DW 1000 line in the print edition"
else
	run check --json "$pages" "$tmp/pwidth.pdf" "$tmp/web.pdf"
	if python3 -c 'import json,sys; assert json.load(sys.stdin)["print_same_painting"] == 0' \
	    <"$tmp/out" 2>"$tmp/json.err"; then
		ok test_a_print_font_of_other_widths_is_not_the_web_editions_painting
	else
		not_ok test_a_print_font_of_other_widths_is_not_the_web_editions_painting "exit $status" \
		    "$(tail -2 "$tmp/json.err")"
	fi
fi

# --- fonts ----------------------------------------------------------------

# Ghostscript leaves the CJK fonts out when told not to embed (checked:
# pdffonts shows "emb no" for both CID fonts).
gs -q -o "$tmp/unembedded.pdf" -sDEVICE=pdfwrite -dEmbedAllFonts=false -dSubsetFonts=false \
    "$tmp/web.pdf"
run check "$pages" "$tmp/print.pdf" "$tmp/unembedded.pdf"
report test_fonts_not_embedded_fail_naming_the_font_and_page 1 \
    '^unembedded.pdf: 封面（第1面）: 字体“NotoSerifCJKsc-Regular”未嵌入' \
    '^unembedded.pdf: 封面（第1面）: 字体“NotoSansCJKsc-Regular”未嵌入'

# Without /ToUnicode the glyphs of cairo's subset fonts map to nothing.
qdf_edit "$tmp/web.pdf" "$tmp/unmapped.pdf" '!/\/ToUnicode [0-9]+ 0 R/'
run check "$pages" "$tmp/print.pdf" "$tmp/unmapped.pdf"
report test_glyphs_without_unicode_mapping_fail 1 \
    '^unmapped.pdf: 第1页（第3面）: 文字(无法提取|与排版结果不符)'

# --- 目录, links, bookmarks -------------------------------------------------

sed 's/^toc\td2\t3\t/toc\td2\t2\t/' "$pages" >"$tmp/folio.pages"
render folio-print print "$tmp/folio.pages"
render folio-web web "$tmp/folio.pages"
run check "$tmp/folio.pages" "$tmp/folio-print.pdf" "$tmp/folio-web.pdf"
report test_a_wrong_toc_folio_fails_naming_the_toc_page 1 \
    '^folio.pages: 目录1（第2面）: 目录中“《2026年政务公开工作要点》政策解读”的页码为2，标题却在第3页（第5面）'

# The web edition made with doc-d2 one page early: its 目录 link, the link
# of the first document and the bookmark all land on page 4, not 5.
sed -e '/^dest\tdoc-d2\t/d' -e 's/^page\t4\tbody\t2\t2$/&\ndest\tdoc-d2\t90\t110/' \
    "$pages" >"$tmp/dest.pages"
render dest web "$tmp/dest.pages"
run check "$pages" "$tmp/print.pdf" "$tmp/dest.pdf"
report test_a_link_to_the_wrong_page_fails_naming_both_pages 1 \
    '^dest.pdf: 目录1（第2面）: 目录中“《2026年政务公开工作要点》政策解读”的链接指向第2页（第4面），应指向第3页（第5面）' \
    '^dest.pdf: 书签“《2026年政务公开工作要点》政策解读”指向第2页（第4面），应指向第3页（第5面）'

# A page list whose 目录 has no links, and the web edition made from it.
grep -v '^link	' "$pages" >"$tmp/nolinks.pages"
render nolinks web "$tmp/nolinks.pages"
run check "$tmp/nolinks.pages" "$tmp/print.pdf" "$tmp/nolinks.pdf"
report test_a_toc_entry_without_a_link_fails_in_the_web_edition 1 \
    '^nolinks.pdf: 目录1（第2面）: 目录中“示范市人民政府关于印发2026年政务公开工作要点的通知”没有链到第3面的链接'

# --- boxes and labels -------------------------------------------------------

# The BleedBox of the third page made the whole page (the BleedBox grown by
# the slug to the MediaBox), as before the slug: crop marks would then stand in the bleed.
qdf_edit "$tmp/print.pdf" "$tmp/bleedpage.pdf" '
	/^%% Page / { page = $3 }
	page == 3 && /^  \/BleedBox \[/ { b = 1; k = 0; print; next }
	b && /^  \]/ { b = 0; print; next }
	b { k++; print "    " (k <= 2 ? 0 : $1 + 28.346); next }  # slug: 10 mm
	1'
run check "$pages" "$tmp/bleedpage.pdf" "$tmp/web.pdf"
report test_a_bleedbox_reaching_into_the_slug_fails_naming_the_page 1 \
    '^bleedpage.pdf: 第1页（第3面）: 出血框（BleedBox）为\[0\.00 0\.00 [0-9.]+ [0-9.]+\]，应为\[28\.35 28\.35 '

# Drops the /TrimBox of the third page (qdf writes one array item a line).
qdf_edit "$tmp/print.pdf" "$tmp/notrim.pdf" '
	/^%% Page / { page = $3 }
	page == 3 && /^  \/TrimBox \[/ { skip = 1; next }
	skip && /^  \]/ { skip = 0; next }
	!skip'
run check "$pages" "$tmp/notrim.pdf" "$tmp/web.pdf"
report test_a_missing_trimbox_fails_naming_the_page 1 \
    '^notrim.pdf: 第1页（第3面）: 缺少裁切框（TrimBox）'
# only that page: the report names page 3's missing box, and no other page's
if ! grep -q '第1页（第3面）: 缺少裁切框' "$tmp/out"; then
	not_ok test_a_missing_trimbox_names_only_that_page "the report names no page without a TrimBox"
elif [ "$(grep -c ': 缺少裁切框' "$tmp/out")" != 1 ]; then
	not_ok test_a_missing_trimbox_names_only_that_page "$(grep ': 缺少裁切框' "$tmp/out")"
else
	ok test_a_missing_trimbox_names_only_that_page
fi

# The back cover's label (/P 封底 in /PageLabels) removed.
label=$(printf '封底' | iconv -f UTF-8 -t UTF-16BE | od -An -tx1 | tr -d ' \n')
qdf_edit "$tmp/web.pdf" "$tmp/nolabel.pdf" "{ sub(/\\/P <feff$label>/, \"\") } 1"
run check "$pages" "$tmp/print.pdf" "$tmp/nolabel.pdf"
report test_a_missing_page_label_fails_naming_the_page 1 \
    '^nolabel.pdf: 封底（第6面）: 页码标签为“[^”]*”，应为“封底”'

# --- blank pages ------------------------------------------------------------

# The print edition's first padding page (6th) replaced by a page with text.
qpdf "$tmp/print.pdf" --pages . 1-5,3,7-8 -- "$tmp/padded.pdf"
run check "$pages" "$tmp/padded.pdf" "$tmp/web.pdf"
report test_a_padding_page_with_content_fails 1 '^padded.pdf: 补空白页（第6面）: 应为空白页，却有文字'

# The web edition's 4th page replaced by the print edition's blank padding page.
qpdf "$tmp/web.pdf" --pages . 1-3 "$tmp/print.pdf" 6 . 5-z -- "$tmp/blank.pdf"
run check "$pages" "$tmp/print.pdf" "$tmp/blank.pdf"
report test_a_blank_page_that_should_have_content_fails 1 \
    '^blank.pdf: 第2页（第4面）: 此面是空白的，页面清单在这一页上有内容'

# --- metadata and markers ------------------------------------------------------

qdf_edit "$tmp/web.pdf" "$tmp/nolang.pdf" '!/^  \/Lang /'
run check "$pages" "$tmp/print.pdf" "$tmp/nolang.pdf"
report test_a_web_edition_without_lang_fails 1 '^nolang.pdf: 文档语言（/Lang）为“”，应为“zh-CN”'

qdf_edit "$tmp/print.pdf" "$tmp/nointent.pdf" '{ sub(/^  \/OutputIntents /, "  /NoOutputIntents ") } 1'
run check "$pages" "$tmp/nointent.pdf" "$tmp/web.pdf"
report test_a_print_edition_without_pdfx_output_intent_fails 1 \
    '^nointent.pdf: 缺少PDF/X输出意图（OutputIntent /GTS_PDFX）'

qdf_edit "$tmp/web.pdf" "$tmp/nopdfa.pdf" '{ gsub(/pdfaid:part/, "pdfaid:xart") } 1'
run check "$pages" "$tmp/print.pdf" "$tmp/nopdfa.pdf"
report test_a_web_edition_without_pdfa_identification_fails 1 \
    '^nopdfa.pdf: XMP元数据中没有PDF/A-2a标识'

# --- usage and files -----------------------------------------------------------

run check "$pages" "$tmp/print.pdf"
expect test_two_arguments_are_a_usage_error 2 'gongbao-check: error:'

run check "$pages" "$tmp/print.pdf" "$tmp/no-such.pdf"
expect test_a_missing_pdf_is_a_system_failure 2 'no-such.pdf: error: 文件不存在'

printf 'gongbao-pages\t4\nlayout\tgazette-a4\nbogus\t1\n' >"$tmp/bad.pages"
run check "$tmp/bad.pages" "$tmp/print.pdf" "$tmp/web.pdf"
expect test_a_page_list_that_does_not_read_is_bad_input 1 'bad.pages:3: error:'

printf 'not a pdf\n' >"$tmp/broken.pdf"
run check "$pages" "$tmp/print.pdf" "$tmp/broken.pdf"
report test_a_pdf_that_does_not_open_fails 1 '^broken.pdf: 电子版无法打开'

run check -o "$tmp/report.txt" "$pages" "$tmp/print.pdf" "$tmp/swapped.pdf"
if [ "$status" = 1 ] && [ ! -s "$tmp/out" ] && grep -q '^结论：不通过' "$tmp/report.txt"; then
	ok test_output_file_is_written_when_the_check_fails
else
	not_ok test_output_file_is_written_when_the_check_fails "exit $status"
fi

run check --version
expect test_version_exits_0 0
run check --help
expect test_help_exits_0 0
