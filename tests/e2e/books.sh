# books.sh — the annual index and the bound volume (SPEC §9, issue 15 items
# 7 and 8) of the sample series: issues/2026-04, 2026-05 and 2026-06 as
# make test built and published them (build/test/series, lib.sh), copied
# here with their archive.  `gongbao-archive index` (its tree: sections,
# 发文字号, validity as of now, the index by issuing body, links to the
# documents' files), `make index` (typeset, rendered, signed and checked as
# an issue) and `gongbao-archive volume` (pages, labels, bookmarks, the
# index's and a 解读's links into the bound pages, signature, qpdf), and
# their refusals: a web edition changed after publish, a year with nothing
# published, the options each needs.
. "$(dirname "$0")/lib.sh"

# the series and its archive where the tests may change them: the archive's
# out_dir moved with it
s=$tmp/series
cp -r "$series" "$s"
db=$s/archive.db
sqlite3 "$db" "UPDATE issue SET out_dir = '$s/' || substr(out_dir, length('$series/') + 1)"
arch() { run archive --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }
[ "$(q 'SELECT group_concat(number) FROM (SELECT number FROM issue WHERE year = 2026 ORDER BY number)')" = 4,5,6 ] ||
	{ not_ok test_the_sample_series_is_published "$(q 'SELECT number, out_dir FROM issue')"; exit 0; }
ndocs=$(q 'SELECT count(*) FROM document')

# --- the index's tree --------------------------------------------------------

export GONGBAO_NOW=2026-04-05T00:00:00Z
ix=$s/index-2026
mkdir -p "$ix"
arch index --year 2026 -o "$ix/index.tree"
t=$ix/index.tree
expect test_index_writes_a_tree 0
sections=$(awk -F'\t' '$1 == "section" { printf "%s;", $2 }' "$t" 2>/dev/null)
[ "$sections" = "法规规章;市政府文件;市政府办公室文件;部门文件;政策解读;人事任免;勘误;发文机关索引;" ] &&
	ok test_index_sections_in_the_issues_order_then_by_issuer ||
	not_ok test_index_sections_in_the_issues_order_then_by_issuer "$sections"

# every document of the three issues once in its section, with 发文字号,
# validity and 第N期 folios, in issue order within its section
entry5=$(grep -F $'item\t' "$t" | cut -f4 | grep -cxF '示范市人民政府关于印发2026年政务公开工作要点的通知（示政发〔2026〕5号）　［有效］　第5期 6—9')
n_items=$(awk -F'\t' '$1 == "section" { s = $2 } $1 == "item" && s != "发文机关索引"' "$t" | wc -l)
order=$(awk -F'\t' '$1 == "section" { s = $2 } s == "部门文件" && $1 == "item" { sub(/.*　第/, "", $4); printf "%s;", $4 }' "$t")
if [ "$entry5" = 1 ] && [ "$n_items" = "$ndocs" ] && [ "$ndocs" -ge 28 ] && grep -q '^gongbao-tree' "$t" &&
    grep -qF $'issue\ttitle\t2026年度总目录' "$t" && [ "$order" = "4期 13—14;5期 25—27;5期 27—29;5期 29—30;5期 30—32;5期 32—33;6期 2;" ]; then
	ok test_index_entries_have_number_validity_issue_and_folio
else
	not_ok test_index_entries_have_number_validity_issue_and_folio "$n_items entries of $ndocs" "$order" "$(grep -m3 item "$t")"
fi

# the by-issuer part: 示范市人力资源和社会保障局 with its three documents of two issues, each body once
by=$(awk -F'\t' '$1 == "section" { s = $2 } s == "发文机关索引" && $1 == "meta" && $2 == "title" { t = $3 }
    s == "发文机关索引" && $1 == "item" { print t "|" $4 }' "$t")
if grep -qxF '示范市人力资源和社会保障局|《示范市人力资源和社会保障局关于调整全市最低工资标准的通知》政策解读　第6期 2—3' <<<"$by" &&
    [ "$(grep -c '^示范市人力资源和社会保障局|' <<<"$by")" = 3 ] &&
    [ "$(grep -c '|' <<<"$by")" = "$ndocs" ] &&
    [ "$(cut -d'|' -f1 <<<"$by" | uniq | sort | uniq -d)" = "" ]; then
	ok test_index_by_issuer_lists_each_body_once_with_its_documents
else
	not_ok test_index_by_issuer_lists_each_body_once_with_its_documents "$(head -3 <<<"$by")"
fi

# each entry links to its document's own file, relative to the index's
# directory, and the file is there; every entry of both parts has its link
link=$(grep -A1 -F '（示政发〔2026〕5号）　［有效］　第5期 6—9' "$t" | sed -n 2p | cut -f2)
file=$(q "SELECT file FROM document WHERE identifier = '2026-5-3'")
nlinks=$(grep -c $'^link\t\.\./2026-0[456]/docs/2026-[456]-[0-9]*-.*\.pdf$' "$t")
if [ -n "$file" ] && [ "$(python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.argv[1]))' "$link")" = "../2026-05/$file" ] &&
    [ -f "$ix/../2026-05/$file" ] && [ "$nlinks" = $((2 * ndocs)) ]; then
	ok test_index_entry_links_to_its_document
else
	not_ok test_index_entry_links_to_its_document "$link" "file $file" "$nlinks links of $((2 * ndocs))"
fi

# validity as of now: 失效 from 2026-05-01 on, not before; the others stay 有效
arch validity 2026-5-1 失效 --date 2026-05-01 --by '被新办法替代'
[ "$status" = 0 ] || not_ok test_a_validity_change_is_recorded "$(cat "$tmp/err")"
arch index --year 2026 -o "$tmp/before.tree"
GONGBAO_NOW=2026-05-01T08:00:00Z arch index --year 2026 -o "$tmp/after.tree"
if grep -qF '示范市行政规范性文件管理办法　［有效］　第5期 1—4' "$tmp/before.tree" &&
    grep -qF '示范市行政规范性文件管理办法　［失效］　第5期 1—4' "$tmp/after.tree" &&
    grep -qF '示范市城市公共停车场管理办法（示范市人民政府令第31号）　［有效］　第4期 10—11' "$tmp/after.tree" &&
    [ "$(grep -c '［失效］' "$tmp/after.tree")" = 1 ]; then
	ok test_index_gives_validity_as_of_now
else
	not_ok test_index_gives_validity_as_of_now "$(grep -m2 '规范性文件管理办法　' "$tmp/after.tree")"
fi

arch index --year 2025 -o "$tmp/ix/2025.tree"
expect test_index_of_a_year_with_nothing_published_is_an_error 1 '2025年没有已发布的期'
[ ! -e "$tmp/ix/2025.tree" ] && ok test_index_refused_writes_nothing || not_ok test_index_refused_writes_nothing
arch index -o "$tmp/ix/x.tree"
expect test_index_needs_a_year 2 'index 命令需要 --year'
run archive --db "$tmp/none.db" index --year 2026
expect test_index_of_a_missing_database_is_an_error 1 'none.db'

# --- make index: typeset, rendered, signed and checked as an issue ----------

ixo=$ix
if make -s -C "$top" index YEAR=2026 DB="$db" OUT="$ixo" >"$tmp/makeix.out" 2>&1 &&
    grep -q '检查通过' "$tmp/makeix.out" && [ -s "$ixo/web.pdf" ] && [ -s "$ixo/print.pdf" ]; then
	ok test_make_index_builds_and_passes_its_check
else
	not_ok test_make_index_builds_and_passes_its_check "$(tail -8 "$tmp/makeix.out")"
fi
pdfinfo "$ixo/web.pdf" 2>/dev/null | grep -q '^Title: *示范市人民政府公报2026年度总目录$' &&
	pdfsig "$ixo/web.pdf" 2>&1 | grep -q 'Signature is Valid' &&
	pdftotext "$ixo/web.pdf" - 2>/dev/null | tr -d ' \n' | grep -q '（示政发〔2026〕5号）［有效］第5期6—9' &&
	pdftotext -f 1 -l 1 "$ixo/web.pdf" - 2>/dev/null | tr -d ' ' | grep -q '^2026年度总目录$' &&
	! pdftotext -f 1 -l 1 "$ixo/web.pdf" - 2>/dev/null | grep -q '第 *期' &&
	ok test_index_web_edition_is_titled_signed_and_lists_the_documents ||
	not_ok test_index_web_edition_is_titled_signed_and_lists_the_documents "$(pdfinfo "$ixo/web.pdf" 2>&1 | head -3)"
# both editions of the index clean to qpdf, the web edition linearized
ixq=$(qpdf --check "$ixo/web.pdf" 2>&1 && qpdf --check "$ixo/print.pdf" 2>&1); st=$?
if [ "$st" = 0 ] && ! grep -qi warning <<<"$ixq" &&
    [ "$(qpdf --check-linearization "$ixo/web.pdf" 2>&1)" = "$ixo/web.pdf: no linearization errors" ]; then
	ok test_index_editions_are_qpdf_clean
else
	not_ok test_index_editions_are_qpdf_clean "$(grep -i 'warn\|error' <<<"$ixq" | head -3)"
fi
# its links go to the documents' files (URI actions), each where the page list put it
grep -c $'^link\t.*\turi:\.\./2026-0[456]/docs/2026-[456]-[0-9]*-[^/]*\.pdf$' "$ixo/index.pages" >"$tmp/nlinks" 2>/dev/null
[ "$(cat "$tmp/nlinks")" = $((2 * ndocs)) ] && ok test_index_page_list_links_to_the_issues ||
	not_ok test_index_page_list_links_to_the_issues "$(cat "$tmp/nlinks") links"

# --- the bound volume -----------------------------------------------------------

vol=$tmp/volume.pdf
arch volume --year 2026 -o "$vol" "$ixo/web.pdf"
expect test_volume_binds_the_year 0

# the facts of the volume, read with qpdf's JSON: pages, labels, bookmarks, links
cat >"$tmp/vol.py" <<'EOF'
import json, subprocess, sys
j = json.loads(subprocess.run(['qpdf', '--json=2', sys.argv[1]], capture_output=True, check=True).stdout)
objs = j['qpdf'][1]
def val(x):
    return objs.get('obj:' + x, {}).get('value', {}) if isinstance(x, str) and x.endswith(' R') else x
pages = [p['object'] for p in j['pages']]
print('pages', len(pages))
labels = {}
for x in j['pagelabels']:
    labels[x['index']] = x['label'].get('/P', '')[2:]
for i in range(len(pages)):
    print('label', i + 1, labels.get(i, '?'))
def walk(item, level):
    while item:
        d = val(item)
        dest = val(d.get('/Dest', [None]))
        t = d.get('/Title', '')[2:]
        print('mark', level, pages.index(dest[0]) + 1 if dest and dest[0] in pages else 0, t)
        walk(d.get('/First'), level + 1)
        item = d.get('/Next')
root = val(j['qpdf'][1]['trailer']['value']['/Root'])
walk(val(root.get('/Outlines', {})).get('/First'), 1)
for i, p in enumerate(pages):
    for a in val(val(p).get('/Annots', [])):
        a = val(a)
        if a.get('/Subtype') != '/Link':
            continue
        dest = val(a.get('/Dest'))
        act = val(a.get('/A', {}))
        if isinstance(dest, list):
            print('link', i + 1, pages.index(dest[0]) + 1 if dest[0] in pages else 0)
        else:
            print('link', i + 1, 'action', act.get('/S'), act.get('/URI', dest))
EOF
python3 "$tmp/vol.py" "$vol" >"$tmp/vol.facts" 2>"$tmp/vol.err" || cat "$tmp/vol.err"
ixp=$(pdfinfo "$ixo/web.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
p4=$(q 'SELECT pages FROM issue WHERE number = 4')
p5=$(q 'SELECT pages FROM issue WHERE number = 5')
p6=$(q 'SELECT pages FROM issue WHERE number = 6')
[ "$(awk '$1 == "pages" { print $2 }' "$tmp/vol.facts")" = $((ixp + p4 + p5 + p6)) ] && [ -n "$ixp" ] &&
	pdfinfo "$vol" | grep -q "^Pages: *$((ixp + p4 + p5 + p6))$" &&
	ok test_volume_page_count_is_the_sum_of_its_parts ||
	not_ok test_volume_page_count_is_the_sum_of_its_parts "index $ixp, issues $p4 $p5 $p6" "$(head -1 "$tmp/vol.facts")"

# labels: 第N期 and the issue's own label, the index's after 总目录
fp6=$(q "SELECT first_page FROM document WHERE identifier = '2026-6-3'")
at=$((ixp + p4 + p5 + fp6))
if grep -qx "label 1 总目录 封面" "$tmp/vol.facts" && grep -qx "label $((ixp + 1)) 第4期 封面" "$tmp/vol.facts" &&
    grep -qx "label $((ixp + 4)) 第4期 10" "$tmp/vol.facts" &&
    grep -qx "label $((ixp + p4 + 1)) 第5期 封面" "$tmp/vol.facts" &&
    grep -qx "label $at 第6期 2" "$tmp/vol.facts" &&
    grep -qx "label $((ixp + p4 + p5 + p6)) 第6期 封底" "$tmp/vol.facts"; then
	ok test_volume_labels_keep_each_issues_folios
else
	not_ok test_volume_labels_keep_each_issues_folios "$(grep -m3 "^label $at\|^label 1 " "$tmp/vol.facts")"
fi

# bookmarks: the year, its index and issues, their sections, their documents at their pages
marks=$(grep '^mark' "$tmp/vol.facts")
if [ "$(grep -c '^mark 1 ' <<<"$marks")" = 1 ] && grep -qx 'mark 1 1 示范市人民政府公报2026年' <<<"$marks" &&
    grep -qx 'mark 2 1 2026年度总目录' <<<"$marks" &&
    grep -qx "mark 2 $((ixp + 1)) 2026年第4期（总第244期）" <<<"$marks" &&
    grep -qx "mark 2 $((ixp + p4 + 1)) 2026年第5期（总第245期）" <<<"$marks" &&
    grep -qx "mark 2 $((ixp + p4 + p5 + 1)) 2026年第6期（总第246期）" <<<"$marks" &&
    [ "$(grep -c '^mark 3 .* 市政府文件$' <<<"$marks")" = 2 ] &&
    grep -qx "mark 4 $at 《示范市人力资源和社会保障局关于调整全市最低工资标准的通知》政策解读" <<<"$marks" &&
    [ "$(grep -c '^mark 4 ' <<<"$marks")" = "$ndocs" ]; then
	ok test_volume_bookmarks_year_issue_section_document
else
	not_ok test_volume_bookmarks_year_issue_section_document "$(head -4 <<<"$marks")" "$(grep -c '^mark 4 ' <<<"$marks") documents"
fi

# the index's links land on the bound pages: every one a go-to, onto a document's first page
want=$(q "SELECT DISTINCT $ixp + CASE number WHEN 4 THEN 0 WHEN 5 THEN $p4 ELSE $p4 + $p5 END + first_page
    FROM document ORDER BY 1" | tr '\n' ' ')
# (the index's own 目录 links stay in the index)
got=$(awk -v n="$ixp" '$1 == "link" && $2 <= n && $3 != "action" && $3 > n { print $3 }' "$tmp/vol.facts" | sort -n | uniq | tr '\n' ' ')
own=$(awk -v n="$ixp" '$1 == "link" && $2 <= n && $3 != "action" && ($3 < 1 || $3 > n) { print }' "$tmp/vol.facts" | wc -l)
uris=$(awk -v n="$ixp" '$1 == "link" && $2 <= n && $3 == "action"' "$tmp/vol.facts" | wc -l)
ourlink=$(awk -v n="$ixp" -v at="$at" '$1 == "link" && $2 <= n && $3 == at' "$tmp/vol.facts" | wc -l)
if [ -n "$want" ] && [ "$got" = "$want" ] && [ "$uris" = 0 ] && [ "$ourlink" -ge 2 ] && [ "$own" = $((2 * ndocs)) ]; then
	ok test_volume_index_links_land_on_the_bound_pages
else
	not_ok test_volume_index_links_land_on_the_bound_pages "want $want" "got  $got" "$uris links left as URIs"
fi
# an issue's own links (its 目录) go to its own bound pages
toc5=$(awk -v a="$((ixp + p4 + 1))" -v b="$((ixp + p4 + p5))" '$1 == "link" && $2 >= a && $2 <= b && ($3 < a || $3 > b)' "$tmp/vol.facts" | wc -l)
n5=$(awk -v a="$((ixp + p4 + 1))" -v b="$((ixp + p4 + p5))" '$1 == "link" && $2 >= a && $2 <= b && $3 != "action"' "$tmp/vol.facts" | wc -l)
[ "$toc5" = 0 ] && [ "$n5" -ge 21 ] && ok test_volume_issue_links_stay_in_their_issue ||
	not_ok test_volume_issue_links_stay_in_their_issue "$toc5 leave the issue, $n5 in it"
# the 解读 of 第6期 links to its document of 第5期 (a file of that issue) on its bound page
fp517=$(q "SELECT first_page FROM document WHERE identifier = '2026-5-17'")
out6=$(awk -v a="$((ixp + p4 + p5 + 1))" '$1 == "link" && $2 >= a && ($3 == "action" || $3 < a) { print $3 }' "$tmp/vol.facts")
[ -n "$fp517" ] && [ "$out6" = $((ixp + p4 + fp517)) ] && ok test_volume_a_later_issues_jiedu_links_to_the_bound_document ||
	not_ok test_volume_a_later_issues_jiedu_links_to_the_bound_document "$out6, want $((ixp + p4 + fp517))"

pdfsig "$vol" >"$tmp/volsig" 2>&1
grep -q 'Signature Validation: Signature is Valid' "$tmp/volsig" && grep -q 'Total document signed' "$tmp/volsig" &&
	[ "$(grep -c '^Signature #' "$tmp/volsig")" = 1 ] &&
	ok test_volume_is_signed_once_validly || not_ok test_volume_is_signed_once_validly "$(head -12 "$tmp/volsig")"
chk=$(qpdf --check "$vol" 2>&1); st=$?
lin=$(qpdf --check-linearization "$vol" 2>&1)
[ "$st" = 0 ] && ! grep -qi warning <<<"$chk" && [ "$lin" = "$vol: no linearization errors" ] &&
	ok test_volume_is_qpdf_clean_and_linearized || not_ok test_volume_is_qpdf_clean_and_linearized "$(tail -3 <<<"$chk")" "$lin"
meta=$(pdfinfo -meta "$vol" 2>/dev/null)
if grep -q '<pdfaid:part>2</pdfaid:part>' <<<"$meta" && grep -q '<pdfaid:conformance>U</pdfaid:conformance>' <<<"$meta" &&
    pdfinfo "$vol" | grep -q '^Title: *示范市人民政府公报2026年合订本$' &&
    qpdf --show-object=trailer "$vol" 2>/dev/null | grep -q '/ID \[' &&
    [ "$(qpdf --json=2 --json-key=qpdf "$vol" | python3 -c 'import json,sys; j=json.load(sys.stdin)["qpdf"][1]; r=j["trailer"]["value"]["/Root"]; print(j["obj:"+r]["value"].get("/Lang"))')" = "u:zh-CN" ]; then
	ok test_volume_metadata_pdfa_2u_and_language
else
	not_ok test_volume_metadata_pdfa_2u_and_language "$(grep pdfaid <<<"$meta")"
fi
# reproducible: the same archive binds to the same bytes
arch volume --year 2026 -o "$tmp/volume2.pdf" "$ixo/web.pdf"
cmp -s "$vol" "$tmp/volume2.pdf" && ok test_volume_is_reproducible || not_ok test_volume_is_reproducible "exit $status"

# --- refusals -------------------------------------------------------------------

arch volume --year 2026 "$ixo/web.pdf"
expect test_volume_needs_an_output 2 'volume 命令需要 -o'
arch volume --year 2025 -o "$tmp/v2025.pdf" "$ixo/web.pdf"
expect test_volume_of_a_year_with_nothing_published_is_an_error 1 '2025年没有已发布的期'
arch volume --year 2026 -o "$tmp/vx.pdf" "$s/2026-05/web.pdf"
expect test_volume_refuses_a_pdf_that_is_not_the_years_index 1 '不是2026年度总目录'
arch volume --year 2026 -o "$tmp/vx.pdf" "$tmp/no-index.pdf"
expect test_volume_without_the_index_is_an_error 1 'make index YEAR=2026'
GONGBAO_SIGNING_PASS_FILE=$tmp/no-such-pass arch volume --year 2026 -o "$tmp/vx.pdf" "$ixo/web.pdf"
expect test_volume_without_the_keys_passphrase_is_refused 1 'test\.p12: error: 合订本的签名密钥'
cp "$vol" "$tmp/keep.pdf"
printf ' ' >>"$s/2026-06/web.pdf"
arch volume --year 2026 -o "$vol" "$ixo/web.pdf"
expect test_volume_refuses_a_web_edition_changed_after_publish 1 "2026-06/web\.pdf 在发布后被改动"
cmp -s "$vol" "$tmp/keep.pdf" && [ ! -e "$tmp/vx.pdf" ] && ! ls -a "$tmp" | grep -q '^\.volume' &&
	ok test_a_refused_volume_leaves_the_old_file || not_ok test_a_refused_volume_leaves_the_old_file
