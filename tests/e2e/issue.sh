#!/usr/bin/env bash
# The sample issue through every stage, in both layouts, as the print shop
# and the archive receive it: qpdf --check, pdffonts, pdfinfo -box,
# pdftotext against the source, ink coverage, page padding, reproducible
# bytes, and gongbao-check.
. "$(dirname "$0")/lib.sh"
issue=$top/issues/2026-05

"$bin/gongbao-parse" -o "$tmp/issue.tree" "$issue" 2>"$tmp/parse.err"
[ $? = 0 ] && ok test_sample_issue_parses || not_ok test_sample_issue_parses "$(head -3 "$tmp/parse.err")"

# every paragraph, heading and list item of the source, as text without
# white space (tables are left out: their cells wrap inside the columns)
python3 - "$tmp/issue.tree" >"$tmp/source.txt" <<'PY'
import sys
for raw in open(sys.argv[1], encoding="utf-8"):
    f = raw.rstrip("\n").split("\t")
    text = {"para": 2, "heading": 3, "attachment": 2, "item": 3}.get(f[0])
    if text is None:
        continue
    s = "".join(f[text].replace("\\t", " ").split())
    # an attachment prints its label (附件2) and its title apart (GB/T 9704)
    for part in (s.replace(":", "：").split("：", 1) if f[0] == "attachment" else [s]):
        print(part)
PY

# pdf_text PDF: the PDF's text with running heads and folios taken out,
# joined without white space
pdf_text() {
	pdftotext -raw -nopgbrk "$1" - 2>/dev/null |
	grep -v -E '^\s*—\s*[0-9]+\s*—\s*$|^(\s|示范市人民政府公报|2026 ?年第 ?5 ?期)*$' |
	python3 -c 'import sys; sys.stdout.write("".join(sys.stdin.read().split()))'
}

for layout in gazette-a4 gbt9704; do
	d=$tmp/$layout
	mkdir -p "$d"
	"$bin/gongbao-typeset" --layout $layout -o "$d/issue.pages" "$tmp/issue.tree" 2>"$d/err" &&
	"$bin/gongbao-render" --edition print -o "$d/print.pdf" "$d/issue.pages" 2>>"$d/err" &&
	"$bin/gongbao-render" --edition web -o "$d/web.pdf" "$d/issue.pages" 2>>"$d/err"
	if [ $? != 0 ]; then
		not_ok "test_${layout}_builds" "$(head -3 "$d/err")"
		continue
	fi
	ok "test_${layout}_builds"

	for ed in print web; do
		pdf=$d/$ed.pdf
		out=$(qpdf --check "$pdf" 2>&1); st=$?
		if [ $st = 0 ] && ! grep -qi warning <<<"$out"; then
			ok "test_${layout}_${ed}_passes_qpdf_check"
		else
			not_ok "test_${layout}_${ed}_passes_qpdf_check" "$(grep -i -m3 -E 'warning|error' <<<"$out")"
		fi

		fonts=$(pdffonts "$pdf" | tail -n +3)
		if [ -n "$fonts" ] && ! awk '{ if ($(NF-4) != "yes") bad = 1 } END { exit !bad }' <<<"$fonts" &&
		    ! grep -q 'Type 3' <<<"$fonts"; then
			ok "test_${layout}_${ed}_fonts_all_embedded_none_type3"
		else
			not_ok "test_${layout}_${ed}_fonts_all_embedded_none_type3" "$fonts"
		fi

		pdf_text "$pdf" >"$d/$ed.txt"
		missing=$(python3 - "$tmp/source.txt" "$d/$ed.txt" <<'PY'
import sys
text = open(sys.argv[2], encoding="utf-8").read()
bad = [s for s in open(sys.argv[1], encoding="utf-8").read().split("\n") if s and s not in text]
print(len(bad), bad[0][:40] if bad else "")
PY
)
		[ "${missing%% *}" = 0 ] && ok "test_${layout}_${ed}_text_of_every_document_comes_back" \
			|| not_ok "test_${layout}_${ed}_text_of_every_document_comes_back" "missing: $missing"
		grep -q '𠮷晓峰' "$d/$ed.txt" && grep -q '王喆' "$d/$ed.txt" && grep -q '李堃' "$d/$ed.txt" \
			&& ok "test_${layout}_${ed}_rare_name_characters_come_back" \
			|| not_ok "test_${layout}_${ed}_rare_name_characters_come_back"
	done

	# print: trim + 3 mm bleed (the BleedBox), a 10 mm slug beyond it (the
	# page), a multiple of four pages
	box=$(pdfinfo -box -f 2 -l 2 "$d/print.pdf")
	media=$(awk '/MediaBox/ { printf "%.1f %.1f", $6 - $4, $7 - $5 }' <<<"$box")
	trim=$(awk '/TrimBox/ { printf "%.1f %.1f", $6 - $4, $7 - $5 }' <<<"$box")
	bleed=$(awk '/BleedBox/ { printf "%.1f %.1f", $6 - $4, $7 - $5 }' <<<"$box")
	[ "$trim" = "595.3 841.9" ] && [ "$bleed" = "612.3 858.9" ] && [ "$media" = "669.0 915.6" ] \
		&& ok "test_${layout}_print_has_a4_trim_and_3mm_bleed" \
		|| not_ok "test_${layout}_print_has_a4_trim_and_3mm_bleed" "media $media trim $trim bleed $bleed"
	webbox=$(pdfinfo -box -f 2 -l 2 "$d/web.pdf" | awk '/MediaBox/ { printf "%.1f %.1f", $6 - $4, $7 - $5 }')
	[ "$webbox" = "595.3 841.9" ] && ok "test_${layout}_web_page_is_the_trim" \
		|| not_ok "test_${layout}_web_page_is_the_trim" "$webbox"
	np=$(pdfinfo "$d/print.pdf" | awk '/^Pages:/ { print $2 }')
	nw=$(pdfinfo "$d/web.pdf" | awk '/^Pages:/ { print $2 }')
	[ $((np % 4)) = 0 ] && [ "$np" -ge "$nw" ] && [ $((np - nw)) -lt 4 ] \
		&& ok "test_${layout}_print_is_padded_to_a_multiple_of_four" \
		|| not_ok "test_${layout}_print_is_padded_to_a_multiple_of_four" "print $np web $nw"

	# black ink only: no cyan, magenta or yellow on any page
	ink=$(gs -q -o - -sDEVICE=inkcov "$d/print.pdf" 2>/dev/null |
		awk '$1 + $2 + $3 > 0 { n++ } END { print NR, n + 0 }')
	[ "${ink#* }" = 0 ] && [ "${ink% *}" = "$np" ] && ok "test_${layout}_print_uses_black_ink_only" \
		|| not_ok "test_${layout}_print_uses_black_ink_only" "pages, pages with colour: $ink"

	# the same source gives the same bytes
	"$bin/gongbao-typeset" --layout $layout -o "$d/again.pages" "$tmp/issue.tree" 2>/dev/null
	"$bin/gongbao-render" --edition web -o "$d/again.pdf" "$d/again.pages" 2>/dev/null
	cmp -s "$d/web.pdf" "$d/again.pdf" && ok "test_${layout}_build_is_reproducible" \
		|| not_ok "test_${layout}_build_is_reproducible"

	run check -o "$d/check.txt" "$d/issue.pages" "$d/print.pdf" "$d/web.pdf"
	if [ "$status" = 0 ] && grep -q '结论：通过' "$d/check.txt"; then
		ok "test_${layout}_issue_passes_the_check"
	else
		not_ok "test_${layout}_issue_passes_the_check" "$(grep -m5 -v '^通过' "$d/check.txt")"
	fi
done
