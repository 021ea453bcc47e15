#!/usr/bin/env bash
# tests/bench/twin.py end to end: the XeLaTeX and typst twins of a small
# hand-written tree carry its text, escaped, and the layout's page, body size
# and fonts; where the peers are installed (make bench-peers), the twins
# compile and their PDFs hold the text, else those two are reported skipped.
# python3 is one of make deps' packages: without it this fails.
. "$(dirname "$0")/lib.sh"
if ! command -v python3 >/dev/null; then
	not_ok test_twin_writes_both_formats "python3 is not installed (make deps installs it)"
	exit 0
fi
twin=$top/tests/bench/twin.py
fonts=$top/fonts/fonts.conf
# A layout of its own, so that the figures below do not move with gazette-a4.
layout=$tmp/test.ini
printf '%s\n' '[page]' 'trim-width=210mm' 'trim-height=297mm' 'margin-top=26mm' \
	'margin-bottom=24mm' 'margin-inner=24mm' 'margin-outer=20mm' \
	'[grid]' 'lines-per-page=37' '[document]' 'start=continue' \
	'[body]' 'font=song' 'size=11pt' 'pitch=19pt' '[title]' 'font=title' 'size=17pt' >"$layout"

# A tree with the characters each peer treats as markup.
printf '%s\n' \
	$'gongbao-tree\t2' \
	$'gazette\ttitle\t示范市人民政府公报' \
	$'issue\tyear\t2026' $'issue\tnumber\t5' \
	$'section\t法规规章' \
	$'document\td1\tx/docs/01.md\t1' \
	$'meta\ttitle\t专利代理条例\t2' \
	$'meta\tissuer\t国务院\t3' $'meta\tdate-text\t2018年11月6日\t0' \
	$'heading\t1\t5\t第一章 总则' \
	$'para\t7\t第一条 百分之50% & $5 #1 a_b {c} ~d ^e 反斜杠\\\\f "引号" [g] <h> @i *j* =k' \
	$'table\t9\t2\tl-' $'row\t9\thead' $'cell\t项目' $'cell\t2026年' \
	$'row\t10\tbody' $'cell\t主动公开信息（条）' $'cell\t1,350' $'endtable' \
	$'enddocument' \
	$'document\td2\tx/docs/02.md\t1' \
	$'meta\ttitle\t第二个文件\t2' $'meta\tissuer\t国务院\t3' $'meta\tsignature\tnone\t4' \
	$'para\t6\t第二个文件的正文。' \
	$'enddocument' $'end' >"$tmp/t.tree"

if python3 "$twin" --format tex --layout "$layout" --fonts "$fonts" -o "$tmp/t.tex" "$tmp/t.tree" &&
	python3 "$twin" --format typ --layout "$layout" --fonts "$fonts" -o "$tmp/t.typ" "$tmp/t.tree"; then
	ok test_twin_writes_both_formats
else
	not_ok test_twin_writes_both_formats
fi

# An 11 pt body whose pitch comes from 37 lines in 247 mm, not from its 19 pt.
if grep -q 'fontsize{11.00pt}{18.92pt}' "$tmp/t.tex" && grep -q 'size: 11.00pt' "$tmp/t.typ" &&
	grep -q 'leading: 7.92pt' "$tmp/t.typ"; then
	ok test_twin_body_size_and_pitch_come_from_the_layout
else
	not_ok test_twin_body_size_and_pitch_come_from_the_layout "$(grep -m1 normalsize "$tmp/t.tex")"
fi

if grep -q 'paperwidth=595.28pt,paperheight=841.89pt,top=73.70pt' "$tmp/t.tex" &&
	grep -q 'inside: 68.03pt, outside: 56.69pt' "$tmp/t.typ"; then
	ok test_twin_page_and_margins_come_from_the_layout
else
	not_ok test_twin_page_and_margins_come_from_the_layout
fi

# TeX specials escaped, the paragraph whole on one line.
want='第一条 百分之50\% \& \$5 \#1 a\_b \{c\} \textasciitilde{}d \^{}e 反斜杠\textbackslash{}f "引号" [g] <h> @i *j* =k'
if grep -qxF -- "$want" "$tmp/t.tex"; then
	ok test_twin_tex_escapes_special_characters
else
	not_ok test_twin_tex_escapes_special_characters "$(grep -F '第一条' "$tmp/t.tex")"
fi

# typst: the text as a string literal, so that only \ and " are escaped.
want='#h(2.00em)#"第一条 百分之50% & $5 #1 a_b {c} ~d ^e 反斜杠\\f \"引号\" [g] <h> @i *j* =k"'
if grep -qxF -- "$want" "$tmp/t.typ"; then
	ok test_twin_typst_text_is_a_string_literal
else
	not_ok test_twin_typst_text_is_a_string_literal "$(grep -F '第一条' "$tmp/t.typ")"
fi

# The body font by file and face: the SC face of the Noto .ttc, never JP.
if grep -q 'setCJKmainfont{NotoSerifCJK-Regular.ttc}\[Path=/usr/share/fonts/opentype/noto/,FontIndex=2\]' "$tmp/t.tex" &&
	grep -q 'font: "Noto Serif CJK SC", weight: "regular", size: 11.00pt' "$tmp/t.typ"; then
	ok test_twin_body_font_is_noto_serif_cjk_sc
else
	not_ok test_twin_body_font_is_noto_serif_cjk_sc "$(grep -m1 setCJKmainfont "$tmp/t.tex")"
fi

# Signatures: the first document's, not the second's (signature: none).
if [ "$(grep -c 'gbstsignature{' "$tmp/t.tex")" = 1 ] && [ "$(grep -c '^#st-signature' "$tmp/t.typ")" = 1 ]; then
	ok test_twin_omits_the_signature_a_document_declines
else
	not_ok test_twin_omits_the_signature_a_document_declines
fi

python3 "$twin" --format tex --layout "$tmp/none.ini" -o "$tmp/x.tex" "$tmp/t.tree" 2>"$tmp/err"
status=$?
expect test_twin_missing_layout_is_a_usage_error 2 'none.ini'

# Compiling takes a second or two each: only where make bench-peers installed
# the peers (pdftotext is make deps'); elsewhere skipped, and said so.
if ! command -v xelatex >/dev/null; then
	skip test_xelatex_twin_compiles_with_the_text "xelatex is not installed (make bench-peers)"
else
	(cd "$tmp" && xelatex -interaction=batchmode -halt-on-error t.tex >/dev/null 2>&1)
	if [ -f "$tmp/t.pdf" ] && pdftotext "$tmp/t.pdf" - | tr -d ' \n' | grep -qF '主动公开信息（条）'; then
		ok test_xelatex_twin_compiles_with_the_text
	else
		not_ok test_xelatex_twin_compiles_with_the_text "$(grep -m3 '^!' "$tmp/t.log" 2>/dev/null)"
	fi
fi
typst=$top/build/peers/bin/typst
if [ ! -x "$typst" ]; then
	skip test_typst_twin_compiles_with_the_text "no $typst (make bench-peers)"
else
	"$typst" compile "$tmp/t.typ" "$tmp/t-typst.pdf" 2>"$tmp/err"
	if [ -f "$tmp/t-typst.pdf" ] && pdftotext "$tmp/t-typst.pdf" - | tr -d ' \n' | grep -qF '第二个文件的正文。'; then
		ok test_typst_twin_compiles_with_the_text
	else
		not_ok test_typst_twin_compiles_with_the_text "$(head -3 "$tmp/err")"
	fi
fi
