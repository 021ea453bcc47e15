# End-to-end tests of the compact font widths (pipeline/render/fontwidths.c):
# the sample issue's editions against the same editions with cairo's own
# per-glyph /W (GONGBAO_KEEP_CAIRO_WIDTHS), read with qpdf --json.
source "$(dirname "$0")/lib.sh"
list=$tmp/issue.pages

# widths MODE A.pdf B.pdf: same (every CID of every CID font has the same
# width in A and B), count (B's /W has fewer numbers than A's), dw (each
# font's /DW in B is its most common width over the CIDs /W lists or
# /W lists none).
widths() {
	python3 - "$@" <<'PY'
import collections, json, subprocess, sys
def fonts(path):
    out = subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", path],
                         capture_output=True, check=True).stdout
    res = collections.defaultdict(list)
    for o in json.loads(out)["qpdf"][1].values():
        v = o.get("value") if isinstance(o, dict) else None
        if not (isinstance(v, dict) and v.get("/Type") == "/Font"
                and v.get("/Subtype") in ("/CIDFontType0", "/CIDFontType2")):
            continue
        dw, w, eff, i = float(v.get("/DW", 1000)), v.get("/W", []), {}, 0
        while i < len(w):
            if isinstance(w[i + 1], list):
                for j, x in enumerate(w[i + 1]):
                    eff.setdefault(w[i] + j, float(x))
                i += 2
            else:
                for c in range(w[i], w[i + 1] + 1):
                    eff.setdefault(c, float(w[i + 2]))
                i += 3
        n = sum(len(x) if isinstance(x, list) else 1 for x in w)
        res[v["/BaseFont"]].append(([eff.get(c, dw) for c in range(65536)], n, dw, eff))
    return res
mode, a, b = sys.argv[1], fonts(sys.argv[2]), fonts(sys.argv[3])
if not a or sorted(a) != sorted(b) or any(len(a[k]) != len(b[k]) for k in a):
    sys.exit("font sets differ: %s / %s" % (sorted(a), sorted(b)))
if mode == "same":
    bad = [k for k in a if sorted(x[0] for x in a[k]) != sorted(x[0] for x in b[k])]
    sys.exit("widths differ: %s" % bad if bad else 0)
if mode == "count":
    na = sum(x[1] for k in a for x in a[k]); nb = sum(x[1] for k in b for x in b[k])
    print(na, nb)
    sys.exit(0 if nb < na else "/W numbers: %d before, %d after" % (na, nb))
for k in a:  # dw: the mode of the listed widths of cairo's /W
    for (_, _, _, old), (_, _, dw, _) in zip(sorted(a[k], key=lambda x: x[0]), sorted(b[k], key=lambda x: x[0])):
        top = max(collections.Counter(old.values()).values())
        if collections.Counter(old.values())[dw] != top:
            sys.exit("%s: /DW %s is not the most common width" % (k, dw))
PY
}

top_issue=$top/issues/2026-05
"$bin/gongbao-parse" -o "$tmp/issue.tree" "$top_issue" 2>"$tmp/err" &&
    "$bin/gongbao-typeset" -o "$list" "$tmp/issue.tree" 2>>"$tmp/err" ||
    { not_ok test_sample_issue_typesets "$(head -3 "$tmp/err")"; exit 0; }
for ed in web print; do
	run render --edition $ed -o "$tmp/$ed.pdf" "$list"
	expect "test_${ed}_edition_renders_with_compact_widths" 0
	GONGBAO_KEEP_CAIRO_WIDTHS=1 run render --edition $ed -o "$tmp/$ed-cairo.pdf" "$list"
	expect "test_${ed}_edition_renders_with_cairo_widths" 0

	if widths same "$tmp/$ed-cairo.pdf" "$tmp/$ed.pdf" >"$tmp/w" 2>&1; then
		ok "test_compact_widths_give_every_glyph_its_old_width_$ed"
	else not_ok "test_compact_widths_give_every_glyph_its_old_width_$ed" "$(cat "$tmp/w")"; fi
	if widths dw "$tmp/$ed-cairo.pdf" "$tmp/$ed.pdf" >"$tmp/w" 2>&1; then
		ok "test_default_width_is_the_most_common_$ed"
	else not_ok "test_default_width_is_the_most_common_$ed" "$(cat "$tmp/w")"; fi
	if qpdf --check "$tmp/$ed.pdf" >"$tmp/check" 2>&1 && ! grep -qi warning "$tmp/check"; then
		ok "test_${ed}_edition_with_compact_widths_passes_qpdf_check"
	else not_ok "test_${ed}_edition_with_compact_widths_passes_qpdf_check" "$(grep -i -m3 'warn\|error' "$tmp/check")"; fi
	if cmp -s <(pdftotext "$tmp/$ed-cairo.pdf" -) <(pdftotext "$tmp/$ed.pdf" -); then
		ok "test_${ed}_text_is_unchanged_by_compact_widths"
	else not_ok "test_${ed}_text_is_unchanged_by_compact_widths"; fi
	run render --edition $ed -o "$tmp/$ed-again.pdf" "$list"
	if cmp -s "$tmp/$ed.pdf" "$tmp/$ed-again.pdf"; then ok "test_${ed}_edition_with_compact_widths_is_reproducible"
	else not_ok "test_${ed}_edition_with_compact_widths_is_reproducible"; fi
done
if widths count "$tmp/web-cairo.pdf" "$tmp/web.pdf" >"$tmp/w" 2>&1; then
	ok test_web_edition_is_smaller_with_compact_widths
else not_ok test_web_edition_is_smaller_with_compact_widths "$(cat "$tmp/w")"; fi
run check -o "$tmp/check.txt" "$list" "$tmp/print.pdf" "$tmp/web.pdf"
expect test_check_passes_the_editions_with_compact_widths 0
