# docs.sh — one PDF per document (SPEC §5 "Per-document files and
# identifiers", §6): gongbao-render --documents writes, beside the web
# edition and from the same painting, one file per document of an issue of
# three of the sample's documents (a 解读 among them; the sanitizer build
# takes seconds a file, `make issue` builds the whole sample's), named by identifier and title, each signed (pdfsig), qpdf-clean and
# linearized, its metadata naming its document, its labels the issue's
# folios, its text its pages' text in the web edition, reproducible; the
# check proves each one and fails, naming the file, on a changed byte, a
# page of another document, a missing file and an extra one; its fonts are
# cut to the glyphs it shows, and a changed outline is named by its page.
. "$(dirname "$0")/lib.sh"

export SOURCE_DATE_EPOCH=1773500000
test_signer='示范市人民政府办公室（测试证书）'
issue=$tmp/2026-05
docs=$tmp/docs
mkdir -p "$issue/docs"
cp "$top/issues/2026-05/issue.ini" "$issue/"
for d in 03-政务公开工作要点 08-优化营商环境若干措施 18-营商环境若干措施政策解读; do
	cp "$top/issues/2026-05/docs/$d.md" "$issue/docs/"
done

"$bin/gongbao-parse" -o "$tmp/i.tree" "$issue" >"$tmp/build.log" 2>&1 &&
"$bin/gongbao-typeset" -o "$tmp/i.pages" "$tmp/i.tree" >>"$tmp/build.log" 2>&1 &&
"$bin/gongbao-render" --edition print -o "$tmp/print.pdf" "$tmp/i.pages" >>"$tmp/build.log" 2>&1
if ! "$bin/gongbao-render" --edition web --documents "$docs" -o "$tmp/web.pdf" "$tmp/i.pages" \
    >>"$tmp/build.log" 2>&1; then
	not_ok render_writes_the_web_edition_and_the_documents "$(tail -5 "$tmp/build.log")"
	exit 0
fi
ok render_writes_the_web_edition_and_the_documents

# the documents as the page list has them: id, identifier, title, 发文字号, first page
python3 - "$tmp/i.pages" >"$tmp/docs.tsv" <<'EOF'
import sys
docs, meta, dests, pages = [], {}, {}, []
for line in open(sys.argv[1], encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if f[0] == "document":
        docs.append((f[1], f[3]))
    elif f[0] == "docmeta":
        meta.setdefault(f[1], {})[f[2]] = f[3]
    elif f[0] == "page":
        pages.append(f[3])
    elif f[0] == "dest" and f[1].startswith("doc-"):
        dests[f[1][4:]] = len(pages)
for d, ident in docs:
    m = meta.get(d, {})
    # the name: identifier, the title's first 24 letters and digits
    short = "".join(c for c in m.get("title", "") if c.isalnum())[:24]
    name = ident + ("-" + short if short else "") + ".pdf"
    print("|".join([d, ident, m.get("title", ""), m.get("number", ""), str(dests[d]), name]))
EOF
ndocs=$(wc -l <"$tmp/docs.tsv")
# file_of IDENT: the file of that document
file_of() { awk -F'|' -v i="$1" '$2 == i { print $6 }' "$tmp/docs.tsv"; }

# --- one file per document, named by identifier and title -------------------

bad=""
[ "$ndocs" = 3 ] || bad="$ndocs documents in the page list, not 3"
[ "$(ls "$docs" | wc -l)" = "$ndocs" ] || bad="$bad; $(ls "$docs" | wc -l) files for $ndocs documents"
while IFS='|' read -r id ident title number first name; do
	if [ ! -f "$docs/$name" ]; then
		bad="$bad; no file $name"
	elif [ "$(printf '%s' "$name" | wc -c)" -gt 120 ] || grep -q '[][/\\:*?"<>|%# ]' <<<"$name"; then
		bad="$bad; $name is too long or has a character a web server dislikes"
	fi
done <"$tmp/docs.tsv"
[ -z "$bad" ] && ok one_file_per_document_named_by_identifier_and_title ||
	not_ok one_file_per_document_named_by_identifier_and_title "$bad"

# --- signed, clean, linearized ---------------------------------------------------

bad=""
for f in "$docs"/*.pdf; do
	pdfsig "$f" >"$tmp/sig.out" 2>&1
	grep -q 'Signature Validation: Signature is Valid' "$tmp/sig.out" &&
	grep -q 'Total document signed' "$tmp/sig.out" &&
	grep -q 'Signature Type: ETSI.CAdES.detached' "$tmp/sig.out" &&
	grep -qF "Signer Certificate Common Name: $test_signer" "$tmp/sig.out" ||
		bad="$bad; $(basename "$f"): $(grep -m1 Validation "$tmp/sig.out")"
done
[ -z "$bad" ] && ok every_file_has_a_valid_cades_signature_of_the_whole_file ||
	not_ok every_file_has_a_valid_cades_signature_of_the_whole_file "$bad"

bad=""
for f in "$docs"/*.pdf; do
	chk=$(qpdf --check "$f" 2>&1) || bad="$bad; $(basename "$f"): qpdf --check failed"
	grep -qi warning <<<"$chk" && bad="$bad; $(basename "$f"): $(grep -i -m1 warning <<<"$chk")"
	lin=$(qpdf --check-linearization "$f" 2>&1)
	[ "$lin" = "$f: no linearization errors" ] || bad="$bad; $(basename "$f"): $lin"
done
[ -z "$bad" ] && ok every_file_is_qpdf_clean_and_linearized || not_ok every_file_is_qpdf_clean_and_linearized "$bad"

# each file's CFF fonts hold no more glyphs than the web edition's of the
# same name, and its body face fewer: cut to the glyphs its pages show,
# not the issue's subsets
PYTHONPATH=$top/tests/e2e python3 - "$tmp/web.pdf" "$docs"/*.pdf <<'EOF' >"$tmp/cut.out" 2>&1
import base64, json, re, subprocess, sys
from cff import charstrings
def glyphs(path):
    """{a CFF font's name without its subset tag: its glyphs with a charstring}"""
    j = json.loads(subprocess.run(["qpdf", "--json", "--json-key=qpdf", "--json-stream-data=inline",
                                   "--decode-level=generalized", path], capture_output=True).stdout)
    objs = j["qpdf"][1]
    out = {}
    for o in objs.values():
        d = o.get("value") if isinstance(o, dict) else None
        if not (isinstance(d, dict) and d.get("/Type") == "/FontDescriptor" and "/FontFile3" in d):
            continue
        b = base64.b64decode(objs["obj:" + d["/FontFile3"]]["stream"]["data"])
        out[re.sub(r"^/[A-Z]{6}\+", "/", d["/FontName"])] = sum(1 for lo, hi in charstrings(b) if hi - lo > 1)
    return out
web = glyphs(sys.argv[1])
body = max(web, key=web.get)                 # the body face, in every document
bad = []
for path in sys.argv[2:]:
    mine = glyphs(path)
    if mine.get(body, web[body]) >= web[body]:
        bad.append(f"{path}: {body} {mine.get(body)} glyphs, the web edition's {web[body]}")
    for name, n in mine.items():             # a face of this document alone: as many
        if name not in web or n > web[name]:
            bad.append(f"{path}: {name} {n} glyphs, the web edition's {web.get(name)}")
print("\n".join(bad) if bad else "ok")
EOF
grep -qx ok "$tmp/cut.out" && ok every_file_s_fonts_hold_fewer_glyphs_than_the_web_edition_s ||
	not_ok every_file_s_fonts_hold_fewer_glyphs_than_the_web_edition_s "$(head -3 "$tmp/cut.out")"

# --- metadata, labels, bookmarks, text ---------------------------------------------

bad=""
while IFS='|' read -r id ident title number first name; do
	f=$docs/$name
	info=$(pdfinfo "$f" 2>&1)
	meta=$(pdfinfo -meta "$f" 2>&1)
	grep -qxF "Title:           $title" <<<"$info" || bad="$bad; $ident: $(grep ^Title <<<"$info")"
	grep -qF "<rdf:li>$ident</rdf:li>" <<<"$meta" || bad="$bad; $ident: no dc:identifier $ident"
	[ -z "$number" ] || grep -qF "<rdf:li>$number</rdf:li>" <<<"$meta" ||
		bad="$bad; $ident: no dc:identifier $number"
	grep -q '<dc:source>示范市人民政府公报 2026年第5期' <<<"$meta" || bad="$bad; $ident: no dc:source"
	grep -q '<dc:date><rdf:Seq><rdf:li>20[0-9-]*</rdf:li>' <<<"$meta" || bad="$bad; $ident: no dc:date"
	grep -q '<pdfaid:part>2</pdfaid:part>' <<<"$meta" || bad="$bad; $ident: no PDF/A marker"
	grep -q '^Tagged: *yes' <<<"$info" || bad="$bad; $ident: not tagged"
	pdfinfo -struct "$f" 2>&1 | grep -qF "Sect <$ident>" || bad="$bad; $ident: no Sect $ident"
done <"$tmp/docs.tsv"
[ -z "$bad" ] && ok every_file_names_its_document_in_info_and_xmp ||
	not_ok every_file_names_its_document_in_info_and_xmp "$bad"

# labels: the issue's folios from the document's first page on; its text
# the web edition's of those pages; its bookmarks its title first
python3 - "$tmp/i.pages" "$tmp/docs.tsv" "$docs" "$tmp/web.pdf" <<'EOF' >"$tmp/labels.out" 2>&1
import json, os, subprocess, sys
labels = [l.split("\t")[3] for l in open(sys.argv[1], encoding="utf-8") if l.startswith("page\t")]
bad = []
for line in open(sys.argv[2], encoding="utf-8"):
    d, ident, title, number, first, name = line.rstrip("\n").split("|")
    first = int(first)
    path = os.path.join(sys.argv[3], name)
    j = json.loads(subprocess.run(["qpdf", "--json", "--json-key=pagelabels", "--json-key=outlines",
                                   "--json-key=pages", path], capture_output=True).stdout)
    n = len(j["pages"])
    got = [p["label"]["/P"].removeprefix("u:") for p in j["pagelabels"]]
    if got != labels[first - 1:first - 1 + n]:
        bad.append(f"{ident}: labels {got} want {labels[first - 1:first - 1 + n]}")
    if not j["outlines"] or j["outlines"][0]["title"] != title:
        bad.append(f"{ident}: first bookmark {j['outlines'][:1]}")
    mine = subprocess.run(["pdftotext", path, "-"], capture_output=True).stdout
    web = subprocess.run(["pdftotext", "-f", str(first), "-l", str(first + n - 1), sys.argv[4], "-"],
                         capture_output=True).stdout
    if mine != web or title[:6].encode() not in b"".join(mine.split()):
        bad.append(f"{ident}: its text is not the web edition's pages {first}-{first + n - 1}")
if bad:
    print("\n".join(bad))
EOF
[ ! -s "$tmp/labels.out" ] && ok every_file_has_the_folios_its_title_bookmark_and_its_pages_text ||
	not_ok every_file_has_the_folios_its_title_bookmark_and_its_pages_text "$(head -5 "$tmp/labels.out")"

# a 解读's line to its document goes to that document's file (the d2 of
# this issue), every other link stays in the file
j=$(file_of 2026-5-3)
target=$(file_of 2026-5-2)
python3 - "$docs/$j" "$target" <<'EOF2' >"$tmp/gotor.out" 2>&1
import json, subprocess, sys
j = json.loads(subprocess.run(["qpdf", "--json", "--json-key=qpdf", sys.argv[1]],
                              capture_output=True).stdout)
objs = j["qpdf"][1]
def res(v):
    return objs.get("obj:" + v, {}).get("value", v) if isinstance(v, str) and v.endswith(" R") else v
remote = []
for k, o in objs.items():
    v = o.get("value") if isinstance(o, dict) else None
    if isinstance(v, dict) and v.get("/Subtype") == "/Link":
        a = res(v.get("/A"))
        if isinstance(a, dict) and a.get("/S") == "/GoToR":
            spec = res(a["/F"])
            remote.append((res(spec["/UF"]), res(a["/D"])))
assert remote == [("u:" + sys.argv[2], "u:doc-d2")], remote
print("ok")
EOF2
grep -qx ok "$tmp/gotor.out" && ok a_link_to_another_document_goes_to_its_file ||
	not_ok a_link_to_another_document_goes_to_its_file "$(tail -3 "$tmp/gotor.out")"

# --- reproducible, replaced whole, refused where it cannot be -----------------------

mkdir -p "$tmp/again"
echo stale >"$tmp/again/stale.pdf"
"$bin/gongbao-render" --edition web --documents "$tmp/again" -o "$tmp/again.pdf" "$tmp/i.pages" \
    >"$tmp/again.log" 2>&1
diff -r "$docs" "$tmp/again" >/dev/null && cmp -s "$tmp/web.pdf" "$tmp/again.pdf" &&
	ok two_renders_give_the_same_bytes_and_replace_the_directory_whole ||
	not_ok two_renders_give_the_same_bytes_and_replace_the_directory_whole \
	    "$(diff -rq "$docs" "$tmp/again" | head -3)" "$(cat "$tmp/again.log")"

run render --edition print --documents "$tmp/nodocs" -o "$tmp/x.pdf" "$tmp/i.pages"
if [ "$status" = 2 ] && grep -q -- '--documents 只用于 --edition web' "$tmp/err" && [ ! -e "$tmp/nodocs" ]; then
	ok documents_are_refused_for_the_print_edition
else
	not_ok documents_are_refused_for_the_print_edition "exit $status" "$(head -3 "$tmp/err")"
fi

# a run that fails (a wrong passphrase) leaves no directory, no temporary one
GONGBAO_SIGNING_PASS=wrong GONGBAO_SIGNING_PASS_FILE= \
	run render --edition web --documents "$tmp/failed/docs" -o "$tmp/failed/web.pdf" "$tmp/i.pages"
if [ "$status" != 0 ] && [ ! -e "$tmp/failed/docs" ] && [ ! -e "$tmp/failed/web.pdf" ] &&
    [ -z "$(ls -A "$tmp/failed" 2>/dev/null)" ]; then
	ok a_failed_run_leaves_no_documents
else
	not_ok a_failed_run_leaves_no_documents "exit $status" "$(ls -A "$tmp/failed" 2>&1)"
fi

# --- the check ----------------------------------------------------------------------

# check_docs DIR: the check of the sample with the documents in DIR, the
# report in $tmp/out
check_docs() { run check --documents "$1" "$tmp/i.pages" "$tmp/print.pdf" "$tmp/web.pdf"; }

check_docs "$docs"
if [ "$status" = 0 ] && grep -q "^各文档文件 .*：${ndocs}个文档，读到${ndocs}个文件，其中${ndocs}个签名有效" "$tmp/out" &&
    grep -q '^通过 *各文档文件一文一件' "$tmp/out"; then
	ok check_passes_the_documents_of_a_good_build
else
	not_ok check_passes_the_documents_of_a_good_build "exit $status" "$(sed -n '/^问题/,$p' "$tmp/out" | head -5)"
fi

run check --json --documents "$docs" "$tmp/i.pages" "$tmp/print.pdf" "$tmp/web.pdf"
python3 - "$tmp/out" "$docs" "$tmp/print.pdf" "$tmp/web.pdf" <<'EOF' >"$tmp/json.out" 2>&1
import hashlib, json, os, sys
r = json.load(open(sys.argv[1]))
sha = lambda p: hashlib.sha256(open(p, "rb").read()).hexdigest()
files = r["files"]
assert r["passed"] is True
assert [f["role"] for f in files[:2]] == ["print", "web"], files[:2]
assert files[0]["sha256"] == sha(sys.argv[3]) and files[1]["sha256"] == sha(sys.argv[4])
docs = [f for f in files if f["role"] == "document"]
assert len(docs) == len(os.listdir(sys.argv[2])) == len(r["documents"]), len(docs)
for f, d in zip(docs, r["documents"]):
    assert set(f) == {"role", "path", "identifier", "sha256"}, f
    assert f["identifier"] == d["identifier"] and f["path"] == d["path"]
    assert f["sha256"] == sha(f["path"]), f
    assert d["signature"].startswith("有效"), d
print("ok")
EOF
grep -qx ok "$tmp/json.out" && ok check_json_has_the_documents_and_every_file_with_its_sha256 ||
	not_ok check_json_has_the_documents_and_every_file_with_its_sha256 "$(tail -3 "$tmp/json.out")"

# damaged copies of the directory, each must fail naming the file
damaged() { rm -rf "$tmp/bad"; cp -r "$docs" "$tmp/bad"; }
# fails_naming TEST DIR TEXT: the check of DIR fails (exit 1), its report saying TEXT
fails_naming() {
	check_docs "$2"
	if [ "$status" = 1 ] && grep -qF "$3" "$tmp/out"; then
		ok "$1"
	else
		not_ok "$1" "exit $status" "$(sed -n '/^问题/,$p' "$tmp/out" | head -5)"
	fi
}
three=$(file_of 2026-5-1)
four=$(file_of 2026-5-2)

damaged
python3 - "$tmp/bad/$three" <<'EOF'
import sys
d = bytearray(open(sys.argv[1], "rb").read())
i = d.find(b"<xmp:CreatorTool>gongbao<")
assert i > 0
d[i + len("<xmp:CreatorTool>")] = ord("G")
open(sys.argv[1], "wb").write(d)
EOF
fails_naming check_fails_a_changed_byte_naming_the_file_and_signature "$tmp/bad" "bad/$three: 签名“Signature1”无效：文件在签名后被改动（摘要不符）"

damaged
qpdf --empty --pages "$tmp/bad/$four" 1 "$tmp/bad/$three" 2-z -- "$tmp/swapped.pdf" &&
	mv "$tmp/swapped.pdf" "$tmp/bad/$three"
fails_naming check_fails_a_page_of_another_document_naming_the_file_and_page "$tmp/bad" "bad/$three: 第1面: 此面所示与电子版"

# a file whose font, cut to its glyphs, shows another outline for a code
# (two glyphs' charstrings of one length traded in place in a copy that
# qpdf has uncompressed): the check reads the outlines and names the page;
# the uncompressed copy alone shows what the web edition shows
damaged
qpdf --qdf --object-streams=disable "$tmp/bad/$three" "$tmp/qdf.pdf"
PYTHONPATH=$top/tests/e2e python3 - "$tmp/qdf.pdf" "$tmp/bad/$three" <<'EOF'
import re, sys
from cff import charstrings
d = bytearray(open(sys.argv[1], "rb").read())
swapped = False
for m in re.finditer(rb"/Subtype\s*/CIDFontType0C", d):
    s = d.index(b"stream", m.end())
    s += 6 + (2 if d[s + 6:s + 8] == b"\r\n" else 1)
    glyphs = charstrings(d, s)
    seen = {}
    for gid, (lo, hi) in enumerate(glyphs):
        if gid == 0 or hi - lo < 8:
            continue
        other = seen.get(hi - lo)
        if other and d[other[0]:other[1]] != d[lo:hi]:
            a, b = bytes(d[other[0]:other[1]]), bytes(d[lo:hi])
            d[other[0]:other[1]], d[lo:hi] = b, a
            swapped = True
            break
        seen[hi - lo] = (lo, hi)
    if swapped:
        break
assert swapped, "no two charstrings of one length"
open(sys.argv[2], "wb").write(d)
EOF
fails_naming check_fails_a_changed_glyph_outline_naming_the_page "$tmp/bad" "bad/$three: 第1面: 此面所示与电子版"
grep -q "bad/$three: 第1面: 此面所示与电子版第1页（第[0-9]*面）不同：第[0-9]*个字的字形不同" "$tmp/out" &&
	ok the_changed_outline_is_named_a_changed_glyph ||
	not_ok the_changed_outline_is_named_a_changed_glyph "$(grep -m2 此面所示 "$tmp/out")"
damaged
cp "$tmp/qdf.pdf" "$tmp/bad/$three"
check_docs "$tmp/bad"
! grep -q 此面所示 "$tmp/out" && grep -qF "bad/$three: 签名" "$tmp/out" &&
	ok the_same_file_uncompressed_shows_the_same ||
	not_ok the_same_file_uncompressed_shows_the_same "$(sed -n '/^问题/,$p' "$tmp/out" | head -5)"

damaged
rm "$tmp/bad/$four"
fails_naming check_fails_a_missing_file_naming_it "$tmp/bad" "bad/$four: 缺少文档 2026-5-2（"

damaged
cp "$tmp/bad/$four" "$tmp/bad/2026-5-99-旧文件.pdf"
fails_naming check_fails_an_extra_file_naming_it "$tmp/bad" "bad/2026-5-99-旧文件.pdf: 多余的文件"

# a stale file: another document's file under this one's name
damaged
cp "$tmp/bad/$four" "$tmp/bad/$three"
fails_naming check_fails_a_stale_file_naming_it "$tmp/bad" "bad/$three: 文档信息的标题为"

fails_naming check_fails_a_missing_directory_naming_it "$tmp/none" "各文档文件的目录 $tmp/none 无法读取"
