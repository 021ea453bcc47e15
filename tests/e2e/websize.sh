# End-to-end tests of what the editions leave out (SPEC §8, the
# electronic edition no larger per page than XeLaTeX's): qpdf's padding of
# a linearized file, glyph codes in hexadecimal, a page group a page
# (pipeline/render/pdfpost.c, structure.c).  Each is measured against a
# reference that has it, so that the test can fail.
source "$(dirname "$0")/lib.sh"
list=$tmp/issue.pages

"$bin/gongbao-parse" -o "$tmp/issue.tree" "$top/issues/2026-05" 2>"$tmp/err" &&
    "$bin/gongbao-typeset" -o "$list" "$tmp/issue.tree" 2>>"$tmp/err" ||
    { not_ok test_sample_issue_typesets "$(head -3 "$tmp/err")"; exit 0; }
run render --edition web --print-output "$tmp/print.pdf" -o "$tmp/web.pdf" "$list"
expect test_both_editions_render 0

# the longest run of spaces in the last part of FILE (after its last endobj)
tail_spaces() {
	python3 - "$1" <<'PY'
import re, sys
b = open(sys.argv[1], "rb").read()
tail = b[b.rfind(b"endobj"):]
print(max((len(m) for m in re.findall(rb" +", tail)), default=0))
PY
}
# qpdf's own linearization of the same file pads it (the reference)
qpdf --linearize "$tmp/web.pdf" "$tmp/relinearized.pdf" 2>/dev/null
ref=$(tail_spaces "$tmp/relinearized.pdf") mine=$(tail_spaces "$tmp/web.pdf")
len=$(stat -c %s "$tmp/web.pdf")
lin=$(head -c 1024 "$tmp/web.pdf" | tr -c '[:print:]' '\n' | grep -o '/Linearized 1 /L [0-9]*' | grep -o '[0-9]*$')
if [ "$ref" -gt 1000 ] && [ "$mine" -lt 64 ] && [ "$lin" = "$len" ] &&
   [ "$(qpdf --check-linearization "$tmp/web.pdf" 2>&1)" = "$tmp/web.pdf: no linearization errors" ]; then
	ok test_web_edition_carries_no_linearization_padding
else not_ok test_web_edition_carries_no_linearization_padding \
    "spaces before startxref: $mine (qpdf's own: $ref); /L $lin, length $len" \
    "$(qpdf --check-linearization "$tmp/web.pdf" 2>&1 | head -3)"; fi
if pdfsig "$tmp/web.pdf" 2>&1 | grep -q 'Total document signed' &&
   pdfsig "$tmp/web.pdf" 2>&1 | grep -q 'Signature is Valid'; then
	ok test_trimmed_web_edition_s_signature_covers_it_and_is_valid
else not_ok test_trimmed_web_edition_s_signature_covers_it_and_is_valid "$(pdfsig "$tmp/web.pdf" 2>&1 | head -12)"; fi

# hexadecimal strings and text-showing operators (Tj, TJ) in the page
# contents of FILE, read without qpdf's content normalization (NORMALIZE
# y: with it, which writes binary strings in hexadecimal as cairo does:
# the reference); the glyph codes of the sample's fonts never hold "<0-9>"
shown_strings() {
	qpdf --qdf --normalize-content="$2" --object-streams=disable "$1" "$tmp/s.qdf" &&
	python3 - "$tmp/s.qdf" <<'PY'
import re, sys
b = open(sys.argv[1], "rb").read()
hexa = shows = 0
for m in re.finditer(rb"%% Contents for page \d+\n.*?stream\n(.*?)endstream", b, re.S):
    hexa += len(re.findall(rb"(?<![<\\])<[0-9a-fA-F]+>(?!>)", m.group(1)))
    shows += len(re.findall(rb"(?:\)|\]|>)\s*T[jJ]\b", m.group(1)))
print(hexa, shows)
PY
}
for ed in web print; do
	read -r h n < <(shown_strings "$tmp/$ed.pdf" n)
	read -r rh rn < <(shown_strings "$tmp/$ed.pdf" y)
	if [ "${rh:-0}" -gt 100 ] && [ "${n:-0}" -gt 100 ] && [ "${h:-1}" = 0 ]; then
		ok "test_${ed}_edition_shows_its_text_in_literal_strings"
	else not_ok "test_${ed}_edition_shows_its_text_in_literal_strings" \
	    "${h:-?} hexadecimal strings, ${n:-?} Tj/TJ; normalized by qpdf: ${rh:-?}, ${rn:-?}"; fi
done
run check -o "$tmp/check.txt" "$list" "$tmp/print.pdf" "$tmp/web.pdf"
expect test_check_passes_the_editions_with_literal_strings 0

# one page group, named by every page
groups=$(qpdf --json --json-key=pages --json-key=qpdf "$tmp/web.pdf" | python3 -c '
import json, sys
j = json.load(sys.stdin)
objs = j["qpdf"][1]
refs = [objs["obj:" + p["object"]]["value"].get("/Group") for p in j["pages"]]
print(len(refs), len(set(map(str, refs))), sum(isinstance(r, str) for r in refs))')
read -r n distinct indirect <<<"$groups"
if [ "${n:-0}" -gt 30 ] && [ "$distinct" = 1 ] && [ "$indirect" = "$n" ]; then
	ok test_every_web_page_names_one_page_group
else not_ok test_every_web_page_names_one_page_group "pages, distinct groups, indirect: $groups"; fi
