# End-to-end tests of the font programs without subroutines
# (pipeline/render/fontsubset.c, fontsubset_flatten): both editions of the
# sample issue, rendered in one run as make does, against the same with
# cairo's own programs (GONGBAO_KEEP_CAIRO_FONTS), read with qpdf --json.
source "$(dirname "$0")/lib.sh"
list=$tmp/issue.pages

# programs A.pdf: one line a CFF font program of A, "NAME GLYPHS GSUBRS
# LSUBRS BYTES" (the name without its subset tag, the glyphs that have a
# charstring, the global and local subroutines, the program's length).
programs() {
	PYTHONPATH=$top/tests/e2e python3 - "$1" <<'PY'
import base64, json, re, subprocess, sys
from cff import charstrings, subroutines
j = json.loads(subprocess.run(["qpdf", "--json", "--json-key=qpdf", "--json-stream-data=inline",
                               "--decode-level=generalized", sys.argv[1]],
                              capture_output=True, check=True).stdout)
objs = j["qpdf"][1]
for o in objs.values():
    d = o.get("value") if isinstance(o, dict) else None
    if not (isinstance(d, dict) and d.get("/Type") == "/FontDescriptor" and "/FontFile3" in d):
        continue
    b = base64.b64decode(objs["obj:" + d["/FontFile3"]]["stream"]["data"])
    g, l = subroutines(b)
    n = sum(1 for lo, hi in charstrings(b) if hi - lo > 1)
    print(re.sub(r"^/[A-Z]{6}\+", "", d["/FontName"]), n, g, l, len(b))
PY
}

top_issue=$top/issues/2026-05
"$bin/gongbao-parse" -o "$tmp/issue.tree" "$top_issue" 2>"$tmp/err" &&
    "$bin/gongbao-typeset" -o "$list" "$tmp/issue.tree" 2>>"$tmp/err" ||
    { not_ok test_sample_issue_typesets "$(head -3 "$tmp/err")"; exit 0; }
run render --edition web --print-output "$tmp/print.pdf" -o "$tmp/web.pdf" "$list"
expect test_both_editions_render_with_flat_programs 0
GONGBAO_KEEP_CAIRO_FONTS=1 run render --edition web --print-output "$tmp/print-cairo.pdf" \
    -o "$tmp/web-cairo.pdf" "$list"
expect test_both_editions_render_with_cairo_programs 0

for ed in web print; do
	programs "$tmp/$ed.pdf" >"$tmp/$ed.fonts" 2>&1 &&
	    programs "$tmp/$ed-cairo.pdf" >"$tmp/$ed-cairo.fonts" 2>&1 ||
	    { not_ok "test_${ed}_programs_are_read" "$(cat "$tmp/$ed.fonts" "$tmp/$ed-cairo.fonts" | tail -3)"; continue; }
	# the reference has subroutines (cairo keeps them), so that the test can fail
	if awk '$3 + $4 > 0 { n++ } END { exit !(n > 0) }' "$tmp/$ed-cairo.fonts" &&
	   [ -s "$tmp/$ed.fonts" ] && awk '$3 + $4 > 0 { exit 1 }' "$tmp/$ed.fonts"; then
		ok "test_${ed}_edition_s_programs_have_no_subroutines"
	else not_ok "test_${ed}_edition_s_programs_have_no_subroutines" "$(cat "$tmp/$ed.fonts")" \
	    "cairo's: $(cat "$tmp/$ed-cairo.fonts")"; fi
	# every font keeps every glyph, and no program grows
	bad=$(join <(sort "$tmp/$ed-cairo.fonts") <(sort "$tmp/$ed.fonts") |
	    awk '$2 != $6 || $9 > $5 { print }')
	if [ -z "$bad" ] && [ "$(wc -l <"$tmp/$ed.fonts")" = "$(wc -l <"$tmp/$ed-cairo.fonts")" ] &&
	   [ "$(awk '{ s += $5 } END { print s }' "$tmp/$ed.fonts")" -lt \
	     "$(awk '{ s += $5 } END { print s }' "$tmp/$ed-cairo.fonts")" ]; then
		ok "test_${ed}_programs_keep_every_glyph_and_are_smaller"
	else not_ok "test_${ed}_programs_keep_every_glyph_and_are_smaller" "${bad:-$(cat "$tmp/$ed.fonts")}"; fi
	if qpdf --check "$tmp/$ed.pdf" >"$tmp/check" 2>&1 && ! grep -qi warning "$tmp/check"; then
		ok "test_${ed}_edition_with_flat_programs_passes_qpdf_check"
	else not_ok "test_${ed}_edition_with_flat_programs_passes_qpdf_check" "$(grep -i -m3 'warn\|error' "$tmp/check")"; fi
	# the same pixels on every page, in poppler and in Ghostscript
	mkdir -p "$tmp/$ed-px" "$tmp/$ed-cairo-px"
	pdftoppm -r 40 -gray "$tmp/$ed.pdf" "$tmp/$ed-px/p" &&
	    pdftoppm -r 40 -gray "$tmp/$ed-cairo.pdf" "$tmp/$ed-cairo-px/p"
	n=$(ls "$tmp/$ed-px" | wc -l)
	if [ "$n" -gt 30 ] && diff -rq "$tmp/$ed-cairo-px" "$tmp/$ed-px" >"$tmp/diff" 2>&1; then
		ok "test_${ed}_pages_look_the_same_in_poppler_with_flat_programs"
	else not_ok "test_${ed}_pages_look_the_same_in_poppler_with_flat_programs" "$n pages" "$(head -3 "$tmp/diff")"; fi
	for f in "$tmp/$ed" "$tmp/$ed-cairo"; do
		gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pnggray -r40 -dFirstPage=5 -dLastPage=9 \
		    -sOutputFile="$f-gs-%d.png" "$f.pdf" >/dev/null 2>&1
	done
	same=yes
	for k in 1 2 3 4 5; do
		cmp -s "$tmp/$ed-gs-$k.png" "$tmp/$ed-cairo-gs-$k.png" || same="no: page $((k + 4))"
	done
	[ "$same" = yes ] && ok "test_${ed}_pages_look_the_same_in_ghostscript_with_flat_programs" ||
		not_ok "test_${ed}_pages_look_the_same_in_ghostscript_with_flat_programs" "$same"
done
run render --edition web --print-output "$tmp/print-again.pdf" -o "$tmp/web-again.pdf" "$list"
if cmp -s "$tmp/web.pdf" "$tmp/web-again.pdf" && cmp -s "$tmp/print.pdf" "$tmp/print-again.pdf"; then
	ok test_editions_with_flat_programs_are_reproducible
else not_ok test_editions_with_flat_programs_are_reproducible; fi
run check -o "$tmp/check.txt" "$list" "$tmp/print.pdf" "$tmp/web.pdf"
expect test_check_passes_the_editions_with_flat_programs 0
