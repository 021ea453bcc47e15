#!/usr/bin/env bash
# Nothing of the source is dropped without a word (SPEC §3, issue 12 "Silent
# loss"): footnotes are set as the document's notes and linked both ways, PNG
# and JPEG images are placed with their captions (gray in print), HTML blocks
# and too deep nesting are warned about, and a table wider than the type
# area is set as paragraphs with a warning that says how many columns fit.
. "$(dirname "$0")/lib.sh"

# png FILE W H colour|gray: a PNG written by hand (zlib, no PIL needed)
png() {
	python3 - "$@" <<'PY'
import struct, sys, zlib
path, w, h, kind = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
def px(x, y):
    if kind == "gray":
        v = (x * 255 // w + y) % 256
        return bytes((v, v, v))
    return bytes((x * 255 // w, 80, y * 255 // h))
raw = b"".join(b"\0" + b"".join(px(x, y) for x in range(w)) for y in range(h))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
open(path, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
PY
}

# table COLS: a GFM table of COLS columns (a head row and one body row)
table() {
	python3 - "$1" <<'PY'
import sys
n = int(sys.argv[1])
print("| " + " | ".join("列%d" % i for i in range(n)) + " |")
print("|" + "|".join("---" for i in range(n)) + "|")
print("| " + " | ".join("%d" % i for i in range(n)) + " |")
PY
}

I=$tmp/2026-05
mkdir -p "$I/docs" "$I/images"
cat >"$I/issue.ini" <<'EOF'
[gazette]
title=示范市人民政府公报
publisher=示范市人民政府办公室
editor=示范市人民政府公报编辑部
address=示范市人民路1号
layout=gazette-a4
signing-key=../keys/test.p12

[issue]
year=2026
number=5
cumulative=245
date=2026-03-15
first-page=1
reserve-copies=20

[sections]
order=市政府文件;政策解读
EOF
png "$I/images/图1.png" 300 200 colour
cp "$top/tests/data/media/colour.jpg" "$I/images/图2.jpg"
D=$I/docs/01-通知.md
# line numbers matter below: the body starts at line 12
{
cat <<'EOF'
---
section: 市政府文件
kind: 通知
title: 示范市人民政府关于国土空间规划的通知
issuer: 示范市人民政府
number: 示政发〔2026〕5号
date: 2026-02-28
to: 各县（市）区人民政府，市政府各部门
disclosure: 主动公开
review: 张三 2026-02-20; 李四 2026-02-21; 王五 2026-02-22
---
规划期限为2021年至2035年[^1]，近期至2025年[^2]。

![图1 示范市国土空间规划图](images/图1.png)

![图2 示范市中心城区用地规划图](images/图2.jpg)

<div class="x">这段不会印出</div>

<!-- INFO END -->

EOF
table 60
cat <<'EOF'

- 第一项
  - 第二项

[^1]: 依据《中华人民共和国土地管理法》第十八条。
[^2]: 近期目标另行印发。
EOF
} >"$D"
cp -r "$I" "$tmp/pristine"

# fresh NAME: a copy of the good issue in $tmp/NAME; sets $J and $E (its
# document)
fresh() {
	rm -rf "${tmp:?}/$1"
	cp -r "$tmp/pristine" "$tmp/$1"
	J=$tmp/$1
	E=$J/docs/01-通知.md
}

# --- the good issue: parse, typeset, both editions, the check ---------------

run parse -o "$tmp/issue.tree" "$I"
cp "$tmp/err" "$tmp/parse.err"
expect test_issue_with_footnote_images_html_and_wide_table_parses 0
if grep -q 'error' "$tmp/parse.err"; then
	not_ok test_media_issue_parses_without_errors "$(head -3 "$tmp/parse.err")"
else
	ok test_media_issue_parses_without_errors
fi
run typeset -o "$tmp/issue.pages" "$tmp/issue.tree"
cp "$tmp/err" "$tmp/typeset.err"
expect test_media_issue_typesets 0
run render --edition web -o "$tmp/web.pdf" "$tmp/issue.pages"
expect test_media_issue_renders_web_edition 0
run render --edition print -o "$tmp/print.pdf" "$tmp/issue.pages"
expect test_media_issue_renders_print_edition 0
run check -o "$tmp/check.txt" "$tmp/issue.pages" "$tmp/print.pdf" "$tmp/web.pdf"
expect test_media_issue_passes_the_check 0

web_text=$(pdftotext "$tmp/web.pdf" - 2>/dev/null | tr -d ' \n')

# --- footnotes ----------------------------------------------------------------

grep -q $'^para\t12\t规划期限为2021年至2035年①，近期至2025年②。$' "$tmp/issue.tree" &&
grep -q $'^noteref\t16\t①$' "$tmp/issue.tree" && grep -q $'^noteref\t26\t②$' "$tmp/issue.tree" &&
	ok test_footnote_reference_becomes_a_marker_with_its_place_in_the_tree ||
	not_ok test_footnote_reference_becomes_a_marker_with_its_place_in_the_tree \
	    "$(grep -E '^(para|noteref)' "$tmp/issue.tree" | head -4)"
grep -q $'^note\t29\t①\t依据《中华人民共和国土地管理法》第十八条。$' "$tmp/issue.tree" &&
grep -q $'^note\t30\t②\t近期目标另行印发。$' "$tmp/issue.tree" &&
	ok test_footnote_definition_is_a_note_with_its_line_and_mark ||
	not_ok test_footnote_definition_is_a_note_with_its_line_and_mark \
	    "$(grep '^note' "$tmp/issue.tree")"
case $web_text in
*注：①依据《中华人民共和国土地管理法》第十八条。②近期目标另行印发。*)
	ok test_footnote_text_is_in_the_web_edition_after_the_body ;;
*)	not_ok test_footnote_text_is_in_the_web_edition_after_the_body "$web_text" ;;
esac
case $web_text in
*2035年①，近期至2025年②*) ok test_footnote_marker_is_in_the_web_edition_text ;;
*)	not_ok test_footnote_marker_is_in_the_web_edition_text ;;
esac
# marker → note and note → marker, in the page list and in the PDF
pl=$tmp/issue.pages
if grep -q $'^link\t.*\tnote-d1-1$' "$pl" && grep -q $'^dest\tnote-d1-1\t' "$pl" &&
   grep -q $'^link\t.*\tnoteref-d1-1$' "$pl" && grep -q $'^dest\tnoteref-d1-1\t' "$pl" &&
   grep -q $'^link\t.*\tnote-d1-2$' "$pl" && grep -q $'^link\t.*\tnoteref-d1-2$' "$pl"; then
	ok test_note_and_marker_link_both_ways_in_the_page_list
else
	not_ok test_note_and_marker_link_both_ways_in_the_page_list "$(grep -E 'note' "$pl")"
fi
qpdf --qdf --object-streams=disable "$tmp/web.pdf" "$tmp/web.qdf" 2>/dev/null
n_links=$(grep -a -c -E '/Dest \((note|noteref)-d1-[12]\)' "$tmp/web.qdf")
[ "$n_links" = 4 ] && ok test_web_edition_has_four_note_links_by_name ||
	not_ok test_web_edition_has_four_note_links_by_name "found $n_links"
# the link over ① lies on the ① that is printed: its x is the marker's
python3 - "$pl" <<'PY' && ok test_marker_link_covers_the_marker_character ||
import sys
lines = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
link = next(l for l in lines if l[0] == "link" and l[-1] == "note-d1-1")
x0, x1 = float(link[1]), float(link[3])
for l in lines:
    if l[0] == "text" and "①" in l[6]:
        offs = [float(v) for v in l[7].split()]
        x = float(l[3]) + offs[l[6].index("①")]
        sys.exit(0 if abs(x - x0) < 0.02 and x1 > x0 else 1)
sys.exit(1)
PY
	not_ok test_marker_link_covers_the_marker_character

# --- images -----------------------------------------------------------------

grep -q $'^image\t14\t'"$I"$'/images/图1.png\t300\t200\tcolour\t图1 示范市国土空间规划图$' "$tmp/issue.tree" &&
grep -q $'^image\t16\t'"$I"$'/images/图2.jpg\t120\t80\tcolour\t图2 示范市中心城区用地规划图$' "$tmp/issue.tree" &&
	ok test_images_are_figures_in_the_tree_with_size_and_caption ||
	not_ok test_images_are_figures_in_the_tree_with_size_and_caption "$(grep '^image' "$tmp/issue.tree")"
case $web_text in
*图1示范市国土空间规划图*图2示范市中心城区用地规划图*) ok test_image_captions_are_in_the_web_edition_text ;;
*)	not_ok test_image_captions_are_in_the_web_edition_text ;;
esac
pdfimages -list "$tmp/web.pdf" >"$tmp/web.images" 2>&1
pdfimages -list "$tmp/print.pdf" >"$tmp/print.images" 2>&1
[ "$(grep -c -E '^ +[0-9]+ +[0-9]+ image ' "$tmp/web.images")" = 2 ] &&
[ "$(grep -c -E '^ +[0-9]+ +[0-9]+ image ' "$tmp/print.images")" = 2 ] &&
	ok test_both_images_are_in_both_editions ||
	not_ok test_both_images_are_in_both_editions "$(cat "$tmp/web.images" "$tmp/print.images")"
grep -q -E 'image +300 +200 +rgb ' "$tmp/web.images" && grep -q -E 'image +120 +80 +rgb .* jpeg ' "$tmp/web.images" &&
	ok test_web_edition_keeps_colour_and_the_jpeg_bytes ||
	not_ok test_web_edition_keeps_colour_and_the_jpeg_bytes "$(cat "$tmp/web.images")"
[ "$(grep -c -E 'image +[0-9]+ +[0-9]+ +gray ' "$tmp/print.images")" = 2 ] &&
	ok test_print_edition_images_are_gray ||
	not_ok test_print_edition_images_are_gray "$(cat "$tmp/print.images")"
# natural size at 150 dpi: 300 px → 144 pt, within the type area, centred
grep -q -E $'^image\t[0-9.]+\t[0-9.]+\t144\t96\tcolour\t.*图1.png\t图1 示范市国土空间规划图$' "$pl" &&
	ok test_image_is_set_at_its_natural_size_with_its_alt_text ||
	not_ok test_image_is_set_at_its_natural_size_with_its_alt_text "$(grep '^image' "$pl")"
awk -F'\t' '$1=="begin"{open=$2} $1=="image"{print open}' "$pl" | sort -u | grep -qx Figure &&
	ok test_image_is_tagged_figure || not_ok test_image_is_tagged_figure
alt=$(grep -a -o '/Alt <feff[0-9a-f]*>' "$tmp/web.qdf" | head -1 | sed 's/.*<feff//; s/>//')
alt_text=$(printf '%s' "$alt" | python3 -c 'import sys; print(bytes.fromhex(sys.stdin.read().strip()).decode("utf-16-be"))' 2>/dev/null)
[ "$alt_text" = "图1 示范市国土空间规划图" ] && ok test_web_figure_has_its_caption_as_alt_text ||
	not_ok test_web_figure_has_its_caption_as_alt_text "alt: $alt_text"
grep -q '图1.png 是彩色的：印刷版已转为灰度' "$tmp/check.txt" &&
	ok test_check_report_says_colour_image_was_converted ||
	not_ok test_check_report_says_colour_image_was_converted "$(grep -n warning "$tmp/check.txt")"

# a gray image is not said to be converted
fresh grayimg
png "$J/images/图1.png" 200 100 gray
run parse -o "$tmp/gray.tree" "$J"
grep -q $'^image\t14\t.*\t200\t100\tgray\t' "$tmp/gray.tree" &&
	ok test_gray_png_is_gray_in_the_tree || not_ok test_gray_png_is_gray_in_the_tree
run typeset -o "$tmp/gray.pages" "$tmp/gray.tree"
grep -q '图1.png 是彩色的' "$tmp/err" && not_ok test_gray_image_gets_no_colour_warning ||
	ok test_gray_image_gets_no_colour_warning

# a figure too tall for a page is scaled down to fit on one, with its caption
fresh tall
png "$J/images/图1.png" 100 3000 colour
run parse -o "$tmp/tall.tree" "$J" && run typeset -o "$tmp/tall.pages" "$tmp/tall.tree"
python3 - "$tmp/tall.pages" <<'PY' && ok test_tall_image_is_scaled_to_fit_one_page ||
import sys
lines = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
trim = next(l for l in lines if l[0] == "trim")
im = next(l for l in lines if l[0] == "image" and l[6].endswith("图1.png"))
y, w, h = float(im[2]), float(im[3]), float(im[4])
sys.exit(0 if y + h < float(trim[2]) and abs(w / h - 100 / 3000) < 0.001 else 1)
PY
	not_ok test_tall_image_is_scaled_to_fit_one_page "$(grep '^image' "$tmp/tall.pages")"

# --- images that cannot be used: errors naming the line ----------------------

fresh missing
rm "$J/images/图1.png"
run parse -o "$tmp/x.tree" "$J"
expect test_missing_image_is_an_error_naming_the_line 1 '01-通知.md:14: error: 找不到图片 images/图1.png'
[ -s "$tmp/x.tree" ] && not_ok test_missing_image_gives_no_tree || ok test_missing_image_gives_no_tree

fresh broken
printf '\x89PNG\r\n\x1a\nthis is no image' >"$J/images/图1.png"
run parse -o "$tmp/x.tree" "$J"
expect test_broken_image_is_an_error_naming_the_line 1 '01-通知.md:14: error: 图片 images/图1.png 无法解码'

fresh gif
printf 'GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x00\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;' >"$J/images/图1.png"
run parse -o "$tmp/x.tree" "$J"
expect test_image_that_is_not_png_or_jpeg_is_an_error 1 '01-通知.md:14: error: 图片 images/图1.png 是 gif 格式：只支持 PNG 和 JPEG'

fresh dirimage
rm "$J/images/图1.png"
mkdir "$J/images/图1.png"
run parse -o "$tmp/x.tree" "$J"
expect test_image_that_is_a_directory_is_an_error 1 '01-通知.md:14: error: 图片 images/图1.png 不是普通文件'

fresh fifoimage
rm "$J/images/图1.png"
mkfifo "$J/images/图1.png"
timeout 20 "$bin/gongbao-parse" -o "$tmp/x.tree" "$J" >"$tmp/out" 2>"$tmp/err"; status=$?
expect test_image_that_is_a_fifo_is_refused_without_hanging 1 '01-通知.md:14: error: 图片 images/图1.png 不是普通文件'

fresh outside
sed -i 's|(images/图1.png)|(../图1.png)|' "$E"
run parse -o "$tmp/x.tree" "$J"
expect test_image_outside_images_dir_is_an_error 1 '01-通知.md:14: error: 图片“../图1.png”应放在本期目录的 images/ 中'

fresh unreadable
chmod 000 "$J/images/图1.png"
if [ -r "$J/images/图1.png" ]; then
	skip test_unreadable_image_is_an_error "running as root: every file is readable"
else
	run parse -o "$tmp/x.tree" "$J"
	expect test_unreadable_image_is_an_error 1 '01-通知.md:14: error: 无法读取图片'
fi

# render refuses a page list whose image file went away, at its record
cp "$tmp/issue.pages" "$tmp/gone.pages"
sed -i "s|$I/images/图1.png|$tmp/nowhere.png|" "$tmp/gone.pages"
line=$(grep -n $'^image\t' "$tmp/gone.pages" | head -1 | cut -d: -f1)
run render --edition web -o "$tmp/gone.pdf" "$tmp/gone.pages"
expect test_render_refuses_a_missing_image_at_its_record 1 "gone.pages:$line: error: .*无法读取或解码图片"
[ -e "$tmp/gone.pdf" ] && not_ok test_render_writes_nothing_for_a_missing_image ||
	ok test_render_writes_nothing_for_a_missing_image

# the readers refuse what they cannot mean
sed 's/\tcolour\t/\tred\t/' "$tmp/issue.pages" >"$tmp/red.pages"
run render --edition web -o "$tmp/red.pdf" "$tmp/red.pages"
expect test_page_list_reader_refuses_an_unknown_image_colour 1 'red.pages:[0-9]+: error: 图片 image 的色彩应为 colour 或 gray'
sed 's/^noteref\t16\t①$/noteref\t15\t①/' "$tmp/issue.tree" >"$tmp/badref.tree"
run typeset -o "$tmp/badref.pages" "$tmp/badref.tree"
expect test_tree_reader_refuses_a_noteref_not_at_its_marker 1 'badref.tree:[0-9]+: error: 注号“①”不在文字块的第15个字符处'
awk -F'\t' '$1=="noteref"{next} {print} $1=="table"{print "noteref\t0\t①"}' "$tmp/issue.tree" >"$tmp/inside.tree"
run typeset -o "$tmp/inside.pages" "$tmp/inside.tree"
expect test_tree_reader_refuses_a_noteref_after_a_table 1 'inside.tree:[0-9]+: error: noteref 记录出现在表格之内'

# --- markup that is not printed ------------------------------------------------

grep -q '01-通知.md:18: warning: HTML 块不会印出：“<div class="x">这段不会印出</div>”' "$tmp/parse.err" &&
	ok test_html_block_warns_naming_its_line ||
	not_ok test_html_block_warns_naming_its_line "$(cat "$tmp/parse.err")"
grep -q -E '01-通知.md:20:|INFO END' "$tmp/parse.err" &&
	not_ok test_html_comment_block_does_not_warn "$(cat "$tmp/parse.err")" ||
	ok test_html_comment_block_does_not_warn
fresh inline
sed -i 's|近期至2025年|近期至<span>2025</span>年<br>|' "$E"
run parse -o "$tmp/x.tree" "$J"
expect test_inline_html_warns_naming_its_line 0 '01-通知.md:12: warning: HTML 标记不会印出：“<span>”'
grep -q '“<br>”' "$tmp/err" && not_ok test_br_does_not_warn || ok test_br_does_not_warn

# --- nesting, wide tables --------------------------------------------------------

fresh deep
python3 -c 'print("\n" + "".join("  " * i + "- 第%d层\n" % i for i in range(70)))' >>"$E"
run parse -o "$tmp/deep.tree" "$J"
deep_line=$(( $(grep -n '^ *- 第65层$' "$E" | cut -d: -f1) ))
expect test_list_nested_deeper_than_64_warns_naming_the_line 0 "01-通知.md:$deep_line: warning: 列表或引用嵌套超过64层"
grep -q $'^para\t'"$deep_line"$'\t第65层第66层第67层第68层第69层$' "$tmp/deep.tree" &&
	ok test_deep_list_text_is_kept || not_ok test_deep_list_text_is_kept
grep -q 'deep-nesting\|嵌套' "$tmp/parse.err" && not_ok test_shallow_list_does_not_warn ||
	ok test_shallow_list_does_not_warn

grep -q '01-通知.md:22: warning: 表格有60列，版心最多容纳18列' "$tmp/typeset.err" &&
	ok test_table_wider_than_type_area_warns_how_many_columns_fit ||
	not_ok test_table_wider_than_type_area_warns_how_many_columns_fit "$(cat "$tmp/typeset.err")"
grep -q '表格有60列' "$tmp/check.txt" && ok test_wide_table_warning_is_in_the_check_report ||
	not_ok test_wide_table_warning_is_in_the_check_report
case $web_text in
*列0：0；列1：1；*列59：59*) ok test_wide_table_is_set_as_readable_paragraphs ;;
*)	not_ok test_wide_table_is_set_as_readable_paragraphs ;;
esac
awk -F'\t' '$1=="begin" && $2=="Table"' "$pl" | grep -q . &&
	not_ok test_wide_table_is_not_set_as_a_table || ok test_wide_table_is_not_set_as_a_table

fresh wide500
python3 - "$E" <<'PY'
import sys, re
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
n = 500
t = "| " + " | ".join("列%d" % i for i in range(n)) + " |\n|" + "|".join("---" for i in range(n)) + "|\n| " + " | ".join(str(i) for i in range(n)) + " |\n"
s = re.sub(r"\| 列0 .*?\n\|---.*?\n\| 0 .*?\n", lambda m: t, s, flags=re.S)
open(p, "w", encoding="utf-8").write(s)
PY
run parse -o "$tmp/w500.tree" "$J" && run typeset -o "$tmp/w500.pages" "$tmp/w500.tree"
expect test_table_of_500_columns_warns_and_typesets 0 '01-通知.md:22: warning: 表格有500列，版心最多容纳18列'

fresh narrow
python3 - "$E" <<'PY'
import sys, re
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = re.sub(r"\| 列0 .*?\n\|---.*?\n\| 0 .*?\n", "| 项目 | 2025年 | 2026年 |\n|---|---:|---:|\n| 主动公开信息（条） | 1,204 | 1,350 |\n", s, flags=re.S)
open(p, "w", encoding="utf-8").write(s)
PY
run parse -o "$tmp/narrow.tree" "$J" && run typeset -o "$tmp/narrow.pages" "$tmp/narrow.tree"
grep -q '表格有' "$tmp/err" && not_ok test_table_that_fits_does_not_warn ||
	ok test_table_that_fits_does_not_warn
grep -q $'^begin\tTable$' "$tmp/narrow.pages" && ok test_table_that_fits_is_set_as_a_table ||
	not_ok test_table_that_fits_is_set_as_a_table

# --- footnotes that go wrong --------------------------------------------------

fresh unused
printf '[^9]: 没有引用的注释。\n' >>"$E"
run parse -o "$tmp/x.tree" "$J"
n=$(wc -l <"$E")
expect test_unreferenced_footnote_warns_naming_its_line 0 "01-通知.md:$n: warning: 注释 \\[\\^9\\] 在正文中没有引用"
grep -q '在正文中没有引用' "$tmp/parse.err" && not_ok test_referenced_footnotes_do_not_warn ||
	ok test_referenced_footnotes_do_not_warn

fresh many
python3 - "$E" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s += "\n" + "".join("第%d项[^n%d]。\n\n" % (i, i) for i in range(1, 53))
s += "".join("[^n%d]: 注%d。\n" % (i, i) for i in range(1, 53))
open(p, "w", encoding="utf-8").write(s)
PY
run parse -o "$tmp/many.tree" "$J"
grep -q $'^note\t[0-9]*\t㊿\t注48。$' "$tmp/many.tree" && grep -q $'^note\t[0-9]*\t\\[52\\]\t注50。$' "$tmp/many.tree" &&
	ok test_notes_past_fifty_are_numbered_in_brackets ||
	not_ok test_notes_past_fifty_are_numbered_in_brackets "$(grep '^note' "$tmp/many.tree" | tail -3)"
run typeset -o "$tmp/many.pages" "$tmp/many.tree"
expect test_issue_with_fifty_two_notes_typesets 0

# --- images where none can stand, images without a caption -----------------

fresh inheading
sed -i 's|^规划期限为|## （一）![地图](images/图1.png)规划\n\n规划期限为|' "$E"
run parse -o "$tmp/x.tree" "$J"
expect test_image_in_a_heading_warns_and_keeps_its_alt_text 0 '01-通知.md:12: warning: 标题、表格或注释中不能放图片'
grep -q $'^heading\t2\t12\t（一）地图规划$' "$tmp/x.tree" && ok test_image_alt_text_in_a_heading_is_kept ||
	not_ok test_image_alt_text_in_a_heading_is_kept "$(grep '^heading' "$tmp/x.tree")"

fresh nocaption
sed -i 's|!\[图1 示范市国土空间规划图\]|![]|' "$E"
run parse -o "$tmp/x.tree" "$J"
expect test_image_without_caption_warns 0 '01-通知.md:14: warning: 图片没有图题'
grep -q '图片没有图题' "$tmp/parse.err" && not_ok test_image_with_caption_does_not_warn ||
	ok test_image_with_caption_does_not_warn

# an image inside a paragraph of text: the text, then the figure
fresh inpara
sed -i 's|^规划期限为2021年至2035年\[^1\]，|规划期限为2021年至2035年[^1]，![图3 区位图](images/图1.png)|' "$E"
run parse -o "$tmp/x.tree" "$J"
awk -F'\t' '$1=="para"||$1=="image"{print $1}' "$tmp/x.tree" | head -2 | tr '\n' ' ' | grep -q '^para image $' &&
grep -q $'^image\t12\t.*\t图3 区位图$' "$tmp/x.tree" &&
	ok test_image_inside_a_paragraph_follows_its_text ||
	not_ok test_image_inside_a_paragraph_follows_its_text "$(grep -E '^(para|image)' "$tmp/x.tree")"

# a hand-written tree may repeat a note's mark: the links still resolve
awk -F'\t' '{print} $1=="note" && $3=="①"{print "note\t99\t①\t重复的注释。"}' "$tmp/issue.tree" >"$tmp/dup.tree"
run typeset -o "$tmp/dup.pages" "$tmp/dup.tree"
expect test_tree_with_a_repeated_note_mark_typesets 0
run render --edition web -o "$tmp/dup.pdf" "$tmp/dup.pages"
expect test_repeated_note_mark_gives_links_that_resolve 0

# a footnote in a caption: its marker there links to the note too
fresh capnote
sed -i 's|!\[图1 示范市国土空间规划图\]|![图1 示范市国土空间规划图[^2]]|' "$E"
run parse -o "$tmp/cap.tree" "$J" && run typeset -o "$tmp/cap.pages" "$tmp/cap.tree"
[ "$(grep -c $'^link\t.*\tnote-d1-2$' "$tmp/cap.pages")" = 2 ] &&
	ok test_footnote_marker_in_a_caption_links_to_its_note ||
	not_ok test_footnote_marker_in_a_caption_links_to_its_note "$(grep 'note-d1-2' "$tmp/cap.pages")"
