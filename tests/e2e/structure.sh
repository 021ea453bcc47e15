# structure.sh — the accessible electronic edition (PDF/UA-1, SPEC §5,
# issue 16) end to end: the sample issue, a document with a long table, a
# list, a figure and a note, and a few regulations of the corpus, rendered
# by the sanitized stages and read back by poppler-utils (pdfinfo -struct,
# -struct-text), qpdf and python over qpdf's QDF form; and gongbao-check
# failing, naming the page, on a damaged structure.
. "$(dirname "$0")/lib.sh"

# the web edition is signed with the suite's test key (lib.sh), as a
# published one is: the structure must hold beside the signature
unsigned=

# build NAME ISSUE_DIR: $tmp/NAME.{tree,pages,web.pdf,print.pdf}
build() {
	"$bin/gongbao-parse" -o "$tmp/$1.tree" "$2" 2>"$tmp/$1.err" &&
	"$bin/gongbao-typeset" -o "$tmp/$1.pages" "$tmp/$1.tree" 2>>"$tmp/$1.err" &&
	"$bin/gongbao-render" --edition web $unsigned -o "$tmp/$1.web.pdf" "$tmp/$1.pages" 2>>"$tmp/$1.err" &&
	"$bin/gongbao-render" --edition print -o "$tmp/$1.print.pdf" "$tmp/$1.pages" 2>>"$tmp/$1.err"
}

# The facts python reads from a PDF's QDF form and its page list:
#   untagged      pages with a text-showing operator outside marked content
#   links         link annotations without /Contents or /StructParent
#   tabs          pages with annotations but no /Tabs /S
#   th            TH elements, and those without /Scope
#   order         whether pdfinfo -struct-text's text is the page list's
#                 text outside artifacts, in the list's order
#   titles        documents whose Sect's first H1 is not their title
cat >"$tmp/facts.py" <<'EOF'
import re, sys
qdf, pages, stext = sys.argv[1], sys.argv[2], sys.argv[3]
data = open(qdf, 'rb').read()
objs = {}
for m in re.finditer(rb'\n(\d+) 0 obj\n(.*?)\nendobj', data, re.S):
    objs[int(m.group(1))] = m.group(2)

tok = re.compile(rb'\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)|<<|>>|<[0-9A-Fa-f\s]*>|'
                 rb'/[^\s/<>\[\]()%{}]*|\[|\]|[^\s/<>\[\]()%{}]+|%[^\n]*')
def untagged(stream):
    depth = 0
    for t in tok.findall(stream):
        if t in (b'BDC', b'BMC'):
            depth += 1
        elif t == b'EMC':
            depth -= 1
        elif t in (b'Tj', b'TJ', b"'", b'"') and depth <= 0:
            return True
    return False

def stream_of(n):
    o = objs.get(n, b'')
    m = re.search(rb'stream\n(.*)\nendstream', o, re.S)
    return m.group(1) if m else b''

page_objs = [n for n, o in sorted(objs.items()) if re.search(rb'/Type /Page\b', o)]
bad_pages, bad_links, bad_tabs = [], 0, []
for i, n in enumerate(page_objs):
    o = objs[n]
    c = re.search(rb'/Contents (\d+) 0 R', o)
    if c and untagged(stream_of(int(c.group(1)))):
        bad_pages.append(i + 1)
    a = re.search(rb'/Annots \[([^\]]*)\]', o) or re.search(rb'/Annots (\d+) 0 R', o)
    if a:
        refs = [int(x) for x in re.findall(rb'(\d+) 0 R', a.group(1))] if b'[' in a.group(0) \
            else [int(x) for x in re.findall(rb'(\d+) 0 R', objs[int(a.group(1))])]
        if refs and not re.search(rb'/Tabs /S\b', o):
            bad_tabs.append(i + 1)
        for r in refs:
            ao = objs.get(r, b'')
            if b'/Subtype /Link' in ao and (b'/Contents' not in ao or b'/StructParent ' not in ao):
                bad_links += 1
th = [o for o in objs.values() if re.search(rb'/S /TH\b', o)]
th_bad = [o for o in th if b'/Scope' not in o]

# the page list's text outside artifacts, in its order
want, artifact, idents, titles = [], 0, {}, {}
for line in open(pages, encoding='utf-8'):
    f = line.rstrip('\n').split('\t')
    if f[0] == 'begin' and (artifact or f[1] == 'Artifact'):
        artifact += 1
    elif f[0] == 'end' and artifact:
        artifact -= 1
    elif f[0] == 'text' and not artifact:
        want.append(f[6])
    elif f[0] == 'document':
        idents[f[1]] = f[3] if len(f) > 3 else f[1]
    elif f[0] == 'title':
        titles[f[1]] = f[2]
got, sect_h1, sect, in_h1, lines = [], {}, None, False, open(stext, encoding='utf-8').read().split('\n')
for l in lines:
    s = l.strip()
    if s.startswith('"') and s.endswith('"'):
        got.append(s[1:-1])
        if in_h1 and sect:
            sect_h1[sect] = sect_h1.get(sect, '') + s[1:-1]
        continue
    m = re.match(r'Sect <([^>]*)>', s)
    if m:
        sect, in_h1 = m.group(1), False
        continue
    if s.startswith('H1'):
        in_h1 = sect is not None and sect not in sect_h1
        if in_h1:
            sect_h1[sect] = ''
    elif s:
        in_h1 = False
norm = lambda xs: re.sub(r'\s', '', ''.join(xs))
order = norm(got) == norm(want)
bad_titles = [d for d, t in titles.items() if norm([sect_h1.get(idents.get(d, d), '')]) != norm([t])]
print('untagged', ' '.join(map(str, bad_pages)) or '-')
print('links', bad_links)
print('tabs', ' '.join(map(str, bad_tabs)) or '-')
print('th', len(th), len(th_bad))
print('order', 'yes' if order else 'no')
print('titles', ' '.join(bad_titles) or '-')
if not order:
    a, b = norm(got), norm(want)
    k = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
    print('differs at', k, 'tree:', a[k:k + 30], 'list:', b[k:k + 30])
EOF

# facts NAME: $tmp/NAME.facts from $tmp/NAME.web.pdf and its page list.
facts() {
	qpdf --qdf --object-streams=disable "$tmp/$1.web.pdf" "$tmp/$1.qdf" &&
	pdfinfo -struct-text "$tmp/$1.web.pdf" >"$tmp/$1.stext" 2>&1 &&
	python3 "$tmp/facts.py" "$tmp/$1.qdf" "$tmp/$1.pages" "$tmp/$1.stext" >"$tmp/$1.facts"
}
fact() { sed -n "s/^$2 //p" "$tmp/$1.facts"; }

# --- the sample issue ---------------------------------------------------------------

if ! build sample "$top/issues/2026-05"; then
	not_ok test_sample_issue_builds "$(head -5 "$tmp/sample.err")"
	exit 0
fi
web=$tmp/sample.web.pdf
ndocs=$(grep -c '^document	' "$tmp/sample.pages")

run check "$tmp/sample.pages" "$tmp/sample.print.pdf" "$web"
if [ "$status" = 0 ] && grep -qE '^通过 +无障碍结构（PDF/UA）' "$tmp/out"; then
	ok test_sample_passes_the_check_with_its_structure
else
	not_ok test_sample_passes_the_check_with_its_structure "exit $status" "$(sed -n '/^问题/,$p' "$tmp/out" | head -8)"
fi

pdfinfo -struct "$web" >"$tmp/struct" 2>"$tmp/struct.err"
if ! grep -qiE 'warning|error' "$tmp/struct" "$tmp/struct.err" && [ -s "$tmp/struct" ]; then
	ok test_pdfinfo_reads_the_tree_without_a_warning
else
	not_ok test_pdfinfo_reads_the_tree_without_a_warning "$(grep -iE -m5 'warning|error' "$tmp/struct" "$tmp/struct.err")"
fi
if [ "$(grep -c '^[^ ]' "$tmp/struct")" = 1 ] && [ "$(head -1 "$tmp/struct")" = Document ]; then
	ok test_the_tree_has_one_document_at_its_root
else
	not_ok test_the_tree_has_one_document_at_its_root "$(grep '^[^ ]' "$tmp/struct" | head -5)"
fi
# each document's identifier names one Sect, and nothing else does
want=$(awk -F'\t' '$1=="document"{print "Sect <" $4 ">"}' "$tmp/sample.pages" | sort)
got=$(grep -oE '^  Sect <[^>]*>' "$tmp/struct" | sed 's/^  //' | sort)
if [ "$ndocs" -gt 1 ] && [ "$got" = "$want" ]; then
	ok test_every_document_is_one_sect_named_by_its_identifier
else
	not_ok test_every_document_is_one_sect_named_by_its_identifier "$(diff <(echo "$want") <(echo "$got") | head -5)"
fi
# the first element of every document's Sect is its H1
n=$(awk '/^  Sect </{getline; if ($0 == "    H1 (block)") n++} END{print n+0}' "$tmp/struct")
if [ "$n" = "$ndocs" ]; then ok test_every_document_sect_opens_with_its_h1
else not_ok test_every_document_sect_opens_with_its_h1 "$n of $ndocs"; fi
if grep -q '^ *TOC$' "$tmp/struct" && grep -A3 '^ *TOCI$' "$tmp/struct" | grep -q '^ *Reference' \
    && grep -A1 '^ *Reference' "$tmp/struct" | grep -q '^ *Link'; then
	ok test_the_toc_is_toc_toci_reference_link
else
	not_ok test_the_toc_is_toc_toci_reference_link "$(grep -m5 -A4 '^ *TOC$' "$tmp/struct")"
fi

if facts sample; then
	if [ "$(fact sample titles)" = - ]; then ok test_every_sects_h1_is_the_documents_title
	else not_ok test_every_sects_h1_is_the_documents_title "$(fact sample titles)"; fi
	if [ "$(fact sample order)" = yes ]; then ok test_struct_text_is_the_issues_text_in_reading_order
	else not_ok test_struct_text_is_the_issues_text_in_reading_order "$(grep differs "$tmp/sample.facts")"; fi
	if [ "$(fact sample untagged)" = - ]; then ok test_no_text_operator_lies_outside_marked_content
	else not_ok test_no_text_operator_lies_outside_marked_content "pages $(fact sample untagged)"; fi
	if [ "$(fact sample links)" = 0 ]; then ok test_every_link_has_contents_and_struct_parent
	else not_ok test_every_link_has_contents_and_struct_parent "$(fact sample links) without"; fi
	if [ "$(fact sample tabs)" = - ]; then ok test_every_page_with_annotations_has_tabs_s
	else not_ok test_every_page_with_annotations_has_tabs_s "pages $(fact sample tabs)"; fi
	th=$(fact sample th)
	if [ "${th% *}" -gt 0 ] && [ "${th#* }" = 0 ]; then ok test_every_th_has_a_scope
	else not_ok test_every_th_has_a_scope "TH, without /Scope: $th"; fi
else
	not_ok test_the_web_edition_reads_back "$(tail -3 "$tmp/sample.facts")"
fi
# running heads and folios are artifacts: not in the structure's text
if ! grep -qE '^ *"(— [0-9]+ —|2026年第5期)"$' "$tmp/sample.stext" && grep -q '"目　录"' "$tmp/sample.stext"; then
	ok test_struct_text_has_no_running_head_or_folio
else
	not_ok test_struct_text_has_no_running_head_or_folio "$(grep -m3 -E '"(— [0-9]+ —|2026年第5期)"' "$tmp/sample.stext")"
fi
# the 目录's links are described by their documents' titles, the
# interpretation lines by their own words
first=$(awk -F'\t' '$1=="toc"{print $4; exit}' "$tmp/sample.pages")
if grep -qaF "/Contents <$(printf '转到：%s' "$first" | iconv -f UTF-8 -t UTF-16BE | od -An -tx1 | tr -d ' \n')>" \
    <(sed 's/<feff/</' "$tmp/sample.qdf") \
    && grep -qaF "<$(printf '相关解读：' | iconv -f UTF-8 -t UTF-16BE | od -An -tx1 | tr -d ' \n')" \
    <(sed 's/<feff/</' "$tmp/sample.qdf"); then
	ok test_links_are_described_by_where_they_go
else
	not_ok test_links_are_described_by_where_they_go "no 转到：$first or 相关解读："
fi

pdfinfo -meta "$web" >"$tmp/xmp"
if grep -q '<pdfuaid:part>1</pdfuaid:part>' "$tmp/xmp" && grep -q '<pdfaid:part>2</pdfaid:part>' "$tmp/xmp" \
    && grep -q '<pdfaid:conformance>A</pdfaid:conformance>' "$tmp/xmp" && grep -q '<dc:title>' "$tmp/xmp"; then
	ok test_xmp_declares_pdfua1_and_pdfa2a
else
	not_ok test_xmp_declares_pdfua1_and_pdfa2a "$(grep -E 'pdfa|pdfua' "$tmp/xmp")"
fi
if grep -aq '/DisplayDocTitle true' "$tmp/sample.qdf" && grep -aq '/Lang (zh-CN)' "$tmp/sample.qdf" \
    && grep -aq '/Marked true' "$tmp/sample.qdf"; then
	ok test_catalog_shows_the_title_and_has_lang_zh_cn
else
	not_ok test_catalog_shows_the_title_and_has_lang_zh_cn
fi
if qpdf --check "$web" >"$tmp/qcheck" 2>&1 && ! grep -qi warning "$tmp/qcheck" \
    && pdfinfo "$web" | grep -q '^Optimized: *yes'; then
	ok test_web_edition_passes_qpdf_check_and_is_linearized
else
	not_ok test_web_edition_passes_qpdf_check_and_is_linearized "$(grep -i -m3 'warn\|error' "$tmp/qcheck")"
fi
"$bin/gongbao-render" --edition web $unsigned -o "$tmp/again.pdf" "$tmp/sample.pages" 2>/dev/null
if cmp -s "$web" "$tmp/again.pdf"; then ok test_the_tagged_edition_is_reproducible
else not_ok test_the_tagged_edition_is_reproducible; fi
run render --edition proof -o "$tmp/proof.pdf" "$tmp/sample.pages"
if [ "$status" = 0 ] && qpdf --check "$tmp/proof.pdf" >/dev/null 2>&1 \
    && ! pdfinfo -struct "$tmp/proof.pdf" 2>&1 | grep -qi warning; then
	ok test_the_proof_still_renders_with_the_structure
else
	not_ok test_the_proof_still_renders_with_the_structure "exit $status" "$(head -3 "$tmp/err")"
fi

# --- damage: gongbao-check fails naming the page ---------------------------------------

# damaged NAME AWK: the sample's page list edited by AWK, rendered, checked.
damaged() {
	awk -F'\t' 'BEGIN{OFS="\t"} '"$2" "$tmp/sample.pages" >"$tmp/$1.pages"
	"$bin/gongbao-render" --edition web $unsigned -o "$tmp/$1.pdf" "$tmp/$1.pages" 2>"$tmp/$1.err"
	run check "$tmp/$1.pages" "$tmp/sample.print.pdf" "$tmp/$1.pdf"
}
# failed NAME PATTERN: the last check failed with a line of its report
# matching PATTERN.
failed() {
	if [ "$status" = 1 ] && grep -qE -- "$2" "$tmp/out"; then ok "$1"
	else not_ok "$1" "exit $status" "$(sed -n '/^问题/,$p' "$tmp/out" | head -5)"; fi
}
# the first 一级标题 of the first document (H2 after its H1) made an H4
damaged skip '$1=="page"{p=$2} p==5 && !done && $1=="begin" && $2=="H2"{$2="H4"; f=1}
    f && $1=="end" && $2=="H2"{$2="H4"; f=0; done=1} {print}'
failed test_a_skipped_heading_level_fails_naming_the_page '^web.pdf: 第1页（第5面）: 标题层级跳级：H1 之后是 H4|^skip.pdf: 第1页（第5面）: 标题层级跳级：H1 之后是 H4'
# a paragraph's tags taken away: its text is neither tagged nor an artifact
damaged untag '$1=="page"{p=$2} p==6 && n<2 && ($1=="begin"||$1=="end") && $2=="P"{n++; next} {print}'
failed test_text_outside_tags_and_artifacts_fails_naming_the_page '^untag.pdf: 第2页（第6面）: 有文字既不在标签内也不是页面附件'

qdf_damage() {  # qdf_damage NAME PERL_SUBSTITUTION
	perl -0pe "$2" "$tmp/sample.qdf" >"$tmp/$1.qdf" && fix-qdf "$tmp/$1.qdf" >"$tmp/$1.pdf" 2>/dev/null
	run check "$tmp/sample.pages" "$tmp/sample.print.pdf" "$tmp/$1.pdf"
}
# a paragraph of the cover points at an MCID no content has; the one it
# had is no longer reached
qdf_damage unreached 's{(/S /P\b.*?/K \[\s*)(\d+)}{${1}9$2}s'
failed test_text_not_reached_from_the_tree_fails_naming_the_page '^unreached.pdf: 封面（第1面）: 此面的文字没有按阅读顺序从结构树到达'
qdf_damage nonstandard 's{/S /P\b}{/S /Para}'
failed test_a_nonstandard_structure_type_fails '^nonstandard.pdf: .*结构元素类型 Para 不是标准类型'
qdf_damage nocontents 's{/Contents <feff8f6c}{/NoContents <feff8f6c}'
failed test_a_link_without_contents_fails_naming_the_page '^nocontents.pdf: 目录1（第2面）: 第1个链接注释没有描述'
qdf_damage noscope 's{/Scope /Column}{/Skope /Column}'
failed test_a_th_without_scope_fails '^noscope.pdf: .*表头单元格 TH 没有 /Scope'
qdf_damage notabs 's{/Tabs /S}{/Tabs /R}'
failed test_a_page_with_links_but_no_tabs_s_fails '^notabs.pdf: 封面（第1面）: 有注释的页面应有 /Tabs /S'  # the cover holds the signature's field

# The check reads a large tree in parts, the file read anew every 16,384
# elements (structure.c, WALK_REREAD); read anew after every element, the
# sample's tree still passes with the same report and each damage above
# is still found.
run check "$tmp/sample.pages" "$tmp/sample.print.pdf" "$web"
cp "$tmp/out" "$tmp/whole.out"
export GONGBAO_CHECK_REREAD=1
run check "$tmp/sample.pages" "$tmp/sample.print.pdf" "$web"
if [ "$status" = 0 ] && cmp -s "$tmp/out" "$tmp/whole.out"; then
	ok test_the_tree_read_in_parts_passes_as_read_whole
else
	not_ok test_the_tree_read_in_parts_passes_as_read_whole "exit $status" "$(diff "$tmp/whole.out" "$tmp/out" | head -5)"
fi
run check "$tmp/sample.pages" "$tmp/sample.print.pdf" "$tmp/unreached.pdf"
failed test_text_not_reached_is_found_with_the_tree_read_in_parts '^unreached.pdf: 封面（第1面）: 此面的文字没有按阅读顺序从结构树到达'
run check "$tmp/sample.pages" "$tmp/sample.print.pdf" "$tmp/nonstandard.pdf"
failed test_a_nonstandard_type_is_found_with_the_tree_read_in_parts '^nonstandard.pdf: .*结构元素类型 Para 不是标准类型'
run check "$tmp/sample.pages" "$tmp/sample.print.pdf" "$tmp/noscope.pdf"
failed test_a_th_without_scope_is_found_with_the_tree_read_in_parts '^noscope.pdf: .*表头单元格 TH 没有 /Scope'
run check "$tmp/sample.pages" "$tmp/sample.print.pdf" "$tmp/nocontents.pdf"
failed test_a_link_out_of_the_tree_is_found_with_the_tree_read_in_parts '^nocontents.pdf: 目录1（第2面）: 第1个链接注释没有描述'
unset GONGBAO_CHECK_REREAD

# --- a long table, a list, a figure, a note ----------------------------------------------

body=$(printf '正文第一段。[^1]\n\n# 一、总则\n\n## （一）范围\n\n- 甲项内容\n- 乙项内容\n\n| 项目 | 数量 | 备注 |\n|---|---|---|\n'
	for i in $(seq 1 70); do printf '| 第%d项 | %d | 说明文字 |\n' "$i" "$i"; done
	printf '\n### 1. 细则\n\n![图1 示范图](images/a.jpg)\n\n#### （1）附则\n\n本办法自公布之日起施行。\n\n[^1]: 注释内容。\n')
one_document_issue table "$body"
mkdir -p "$I/images" && cp "$top/tests/data/media/colour.jpg" "$I/images/a.jpg"
if build table "$I"; then
	run check "$tmp/table.pages" "$tmp/table.print.pdf" "$tmp/table.web.pdf"
	pdfinfo -struct "$tmp/table.web.pdf" >"$tmp/tstruct" 2>&1
	pages=$(awk -F'\t' '$1=="page"{p=$2} $1=="begin" && $2=="TR"{print p}' "$tmp/table.pages" | sort -u | wc -l)
	if [ "$status" = 0 ] && [ "$pages" -ge 2 ] && [ "$(grep -c '^ *Table' "$tmp/tstruct")" = 1 ] \
	    && [ "$(grep -c '^ *TR$' "$tmp/tstruct")" = 71 ]; then
		ok test_a_table_over_pages_is_one_table_its_repeated_head_an_artifact
	else
		not_ok test_a_table_over_pages_is_one_table_its_repeated_head_an_artifact "exit $status, on $pages pages" \
		    "$(grep -c '^ *Table' "$tmp/tstruct") Table, $(grep -c '^ *TR$' "$tmp/tstruct") TR"
	fi
	if grep -A1 '^ *H1 (block)' "$tmp/tstruct" | grep -q . && grep -q '^ *H2 ' "$tmp/tstruct" \
	    && grep -q '^ *H3 ' "$tmp/tstruct" && grep -q '^ *H4 ' "$tmp/tstruct" && grep -q '^ *H5 ' "$tmp/tstruct"; then
		ok test_headings_are_h2_to_h5_under_the_title
	else
		not_ok test_headings_are_h2_to_h5_under_the_title "$(grep -E '^ *H[0-9]' "$tmp/tstruct" | sort | uniq -c)"
	fi
	if grep -A2 '^ *L (block)' "$tmp/tstruct" | grep -q '^ *LBody' && grep -q '^ *LI ' "$tmp/tstruct"; then
		ok test_a_list_is_l_li_lbody
	else
		not_ok test_a_list_is_l_li_lbody
	fi
	qpdf --qdf --object-streams=disable "$tmp/table.web.pdf" "$tmp/table.qdf"
	alt=$(printf '图1 示范图' | iconv -f UTF-8 -t UTF-16BE | od -An -tx1 | tr -d ' \n')
	if grep -q '^ *Note <note-' "$tmp/tstruct" && grep -q '^ *Figure' "$tmp/tstruct" \
	    && sed 's/<feff/</' "$tmp/table.qdf" | grep -aqF "/Alt <$alt>"; then
		ok test_a_note_has_an_id_and_a_figure_its_alt
	else
		not_ok test_a_note_has_an_id_and_a_figure_its_alt "$(grep -E 'Note|Figure' "$tmp/tstruct")"
	fi
else
	not_ok test_a_document_with_a_long_table_builds "$(head -5 "$tmp/table.err")"
fi

# --- a few regulations of the corpus ----------------------------------------------------

src=${GONGBAO_CORPUS:-$top/../shared/corpus/行政法规}
if [ -d "$src" ]; then
	mkdir -p "$tmp/csrc"
	for f in "专利法实施细则(2023-12-11).md" "危险化学品安全管理条例(2013-12-07).md" \
	    "上海航运交易所管理规定(1996-10-03).md"; do
		cp "$src/$f" "$tmp/csrc/" 2>/dev/null
	done
	if GONGBAO_PARSE="$bin/gongbao-parse" "$top/tests/import-corpus.sh" -f "$tmp/csrc" "$tmp/ci" >/dev/null 2>&1 \
	    && build corpus "$tmp/ci"; then
		run check "$tmp/corpus.pages" "$tmp/corpus.print.pdf" "$tmp/corpus.web.pdf"
		pdfinfo -struct "$tmp/corpus.web.pdf" >"$tmp/cstruct" 2>&1
		n=$(grep -c '^  Sect <' "$tmp/cstruct")
		if [ "$status" = 0 ] && ! grep -qi warning "$tmp/cstruct" && [ "$n" = "$(ls "$tmp/ci/docs" | wc -l)" ]; then
			ok test_corpus_regulations_pass_the_check_with_their_structure
		else
			not_ok test_corpus_regulations_pass_the_check_with_their_structure "exit $status, $n Sects" \
			    "$(sed -n '/^问题/,$p' "$tmp/out" | head -5)" "$(grep -i -m3 warning "$tmp/cstruct")"
		fi
	else
		not_ok test_corpus_regulations_build "$(head -5 "$tmp/corpus.err" 2>/dev/null)"
	fi
else
	skip test_corpus_regulations_pass_the_check_with_their_structure "no corpus at $src"
fi
