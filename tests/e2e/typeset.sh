#!/usr/bin/env bash
# gongbao-typeset end to end: hand-written trees (tests/data/typeset/) and
# the sample issue set in both layouts; the page list's records are read
# back to check folios, links, labels, tables, the grid and the line rules.
. "$(dirname "$0")/lib.sh"
data=$top/tests/data/typeset
basic=$data/basic.tree

# lines FILE SIZE: every line of text of SIZE pt as
# "PAGE<TAB>Y<TAB>X0<TAB>X1<TAB>TEXT<TAB>CHARACTERS<TAB>MARKS" on body pages
# (runs on one baseline joined in x order; X1 the last character's x; MARKS
# the full-width punctuation marks among the characters).
lines() {
	python3 - "$1" "$2" <<'PY'
import sys, collections
path, size = sys.argv[1], float(sys.argv[2])
rows = collections.defaultdict(list)
page, body = 0, False
for raw in open(path, encoding="utf-8"):
    f = raw.rstrip("\n").split("\t")
    if f[0] == "page":
        page, body = int(f[1]), f[2] == "body"
    elif f[0] == "text" and body and abs(float(f[2]) - size) < 0.01:
        x, y = float(f[3]), float(f[4])
        offs = [float(v) for v in f[7].split(" ")]
        rows[(page, y)].append((x, x + offs[-1], f[6]))
for (page, y), runs in sorted(rows.items()):
    runs.sort()
    text = "".join(r[2] for r in runs)
    marks = sum(c in "，。、；：？！（）《》“”‘’" for c in text)
    print("%d\t%.2f\t%.2f\t%.2f\t%s\t%d\t%d" % (page, y, runs[0][0], runs[-1][1], text, len(text), marks))
PY
}

# flow FILE SIZE INDENT: the page rules on paragraphs of SIZE pt whose first
# line is indented INDENT pt: prints one line per breach of the orphan and
# widow limits (2 and 2) and of a heading's keep with two lines.
flow() {
	python3 - "$1" "$2" "$3" <<'PY'
import sys
path, size, indent = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
pages, chunk, page = [], None, None
for raw in open(path, encoding="utf-8"):
    f = raw.rstrip("\n").split("\t")
    if f[0] == "page":
        page = []
        if f[2] == "body":
            pages.append(page)
    elif f[0] == "begin" and f[1] in ("P", "H1", "H2", "H3", "H4"):
        chunk = {"tag": f[1], "ys": [], "x": None}
    elif f[0] == "end" and chunk and f[1] == chunk["tag"]:
        if chunk["ys"]:
            page.append(chunk)
        chunk = None
    elif f[0] == "text" and chunk is not None and abs(float(f[2]) - size) < 0.01:
        y = float(f[4])
        if y not in chunk["ys"]:
            chunk["ys"].append(y)
        if chunk["x"] is None:
            chunk["x"] = float(f[3])
if not any(pages):
    sys.exit("flow: no paragraph or heading of %g pt on any body page of %s" % (size, path))
left = min(c["x"] for p in pages for c in p)
for i, p in enumerate(pages):
    if not p:
        continue
    nxt = pages[i + 1] if i + 1 < len(pages) and pages[i + 1] else None
    last, first = p[-1], p[0]
    cont = nxt and nxt[0]["tag"] == "P" and abs(nxt[0]["x"] - left) < 0.5
    if last["tag"] == "P" and len(last["ys"]) == 1 and last["x"] > left + indent - 0.5 and cont:
        print("orphan on page", i + 1)
    if first["tag"] == "P" and len(first["ys"]) == 1 and abs(first["x"] - left) < 0.5 and i > 0:
        print("widow on page", i + 1)
    for k, c in enumerate(p):
        if c["tag"].startswith("H") and (k + 1 == len(p) or len(p[k + 1]["ys"]) < 2) and not (k + 1 < len(p) and len(p[k + 1]["ys"]) == 1 and p[k + 1]["x"] > left + indent - 0.5 and (k + 2 < len(p) or not nxt or not (abs(nxt[0]["x"] - left) < 0.5))):
            print("heading alone on page", i + 1)
PY
}

# --- usage ------------------------------------------------------------------

run typeset --help
expect test_help_exits_0 0
if grep -q -- '--layout' "$tmp/out"; then ok test_help_names_the_layout_option
else not_ok test_help_names_the_layout_option "$(head -5 "$tmp/out")"; fi
run typeset --version
expect test_version_exits_0 0
grep -qE '^gongbao-typeset \(gongbao\) [0-9]' "$tmp/out" && ok test_version_prints_the_version \
	|| not_ok test_version_prints_the_version "$(cat "$tmp/out")"
run typeset --bogus "$basic"
expect test_unknown_option_is_a_usage_error 2
run typeset --layout no-such-layout "$basic"
expect test_unknown_layout_is_a_usage_error 2 'no-such-layout'
run typeset "$tmp/does-not-exist.tree"
expect test_missing_tree_file_is_a_system_error 2 'does-not-exist'
head -n 20 "$basic" >"$tmp/cut.tree"
run typeset -o "$tmp/cut.pages" "$tmp/cut.tree"
expect test_truncated_tree_is_refused 1 'cut.tree'
[ ! -e "$tmp/cut.pages" ] && ok test_refused_tree_leaves_no_output \
	|| not_ok test_refused_tree_leaves_no_output

sed 's/^gazette	layout	gazette-a4$/gazette	layout	no-such-layout/' "$basic" >"$tmp/badlayout.tree"
run typeset "$tmp/badlayout.tree"
expect test_unknown_layout_named_by_the_tree_is_an_input_error 1 'no-such-layout'
"$bin/gongbao-typeset" <"$basic" >"$tmp/stdin.pages" 2>"$tmp/err"; status=$?
expect test_tree_is_read_from_standard_input 0
[ "$(tail -n1 "$tmp/stdin.pages")" = end ] && ok test_page_list_goes_to_standard_output \
	|| not_ok test_page_list_goes_to_standard_output

# --- a character no font has ---------------------------------------------------

run typeset -o "$tmp/missing.pages" "$data/missing-font.tree"
expect test_character_without_font_is_an_error_naming_file_and_line 1 \
	'^docs/01-要点\.md:12: error: 字符“【U\+E000】”（U\+E000）无可用字体$'
[ ! -e "$tmp/missing.pages" ] && ok test_failed_typeset_leaves_no_output \
	|| not_ok test_failed_typeset_leaves_no_output

# --- only fonts/fonts.conf: a role it gives no installed family is an error

mkdir -p "$tmp/data/fonts"
sed 's/<family>LXGW WenKai<\/family><family>AR PL UKai CN<\/family>/<family>No Such Kai<\/family>/' \
	"$top/fonts/fonts.conf" >"$tmp/data/fonts/fonts.conf"
GONGBAO_DATA=$tmp/data "$bin/gongbao-typeset" -o "$tmp/nofont.pages" "$basic" >"$tmp/out" 2>"$tmp/err"; status=$?
expect test_role_without_an_installed_family_is_a_system_error 2 'kai'

# --- the basic tree in gazette-a4 -------------------------------------------------

run typeset -o "$tmp/a4.pages" "$basic"
expect test_basic_tree_is_set 0
P=$tmp/a4.pages
[ "$(head -n1 "$P")" = "$(printf 'gongbao-pages\t4')" ] && [ "$(tail -n1 "$P")" = end ] \
	&& ok test_page_list_has_version_line_and_end || not_ok test_page_list_has_version_line_and_end
grep -q "^layout	gazette-a4$" "$P" && ok test_layout_comes_from_the_tree \
	|| not_ok test_layout_comes_from_the_tree "$(grep ^layout "$P")"

# every 目录 folio is the folio of the page where that title stands
bad=$(awk -F'\t' '$1=="page"{f=$5} $1=="title"{t[$2]=f} $1=="toc"{c[$2]=$3}
	END{for(d in c) if(c[d]!=t[d]) print d, c[d], t[d]; if(length(c)!=2) print "entries", length(c)}' "$P")
[ -z "$bad" ] && ok test_toc_folios_are_the_title_pages || not_ok test_toc_folios_are_the_title_pages "$bad"

# labels: 封面, 目录1, folios from first-page=11, 封底
labels=$(awk -F'\t' '$1=="page"{printf "%s ", $4}' "$P")
case "$labels" in
"封面 目录1 11 12 13 "*" 封底 ") ok test_page_labels_follow_first_page ;;
*) not_ok test_page_labels_follow_first_page "$labels" ;;
esac
bad=$(awk -F'\t' '$1=="page" && $3=="body" && $4!=$5' "$P")
[ -z "$bad" ] && ok test_body_page_label_is_its_folio || not_ok test_body_page_label_is_its_folio "$bad"

# every link goes to a destination defined once
bad=$(awk -F'\t' '$1=="dest"{n[$2]++} $1=="link"{l[$6]=1} $1=="outline"{l[$3]=1}
	END{for(d in l) if(n[d]!=1) print d, n[d]+0}' "$P")
[ -z "$bad" ] && ok test_every_link_and_bookmark_has_one_destination \
	|| not_ok test_every_link_and_bookmark_has_one_destination "$bad"

# the 解读 and its document link both ways, on the pages of their titles
both=$(awk -F'\t' '$1=="page"{p=$2} $1=="title"{tp[$2]=p} $1=="link"{lk[$6]=lk[$6] " " p}
	END{ if (index(lk["doc-d2"], " " tp["d1"]) && index(lk["doc-d1"], " " tp["d2"])) print "yes" }' "$P")
[ "$both" = yes ] && ok test_interpretation_and_document_link_both_ways \
	|| not_ok test_interpretation_and_document_link_both_ways
grep -q '相关解读：《〈2026年政务公开工作要点〉政策解读》' <(lines "$P" 10.5 | cut -f5) \
	&& ok test_interpreted_document_names_its_interpretation \
	|| not_ok test_interpreted_document_names_its_interpretation
# a title within a title: the inner marks single (GB/T 15834), never 《《
grep -q '《《' <(lines "$P" 10.5 | cut -f5) \
	&& not_ok test_title_within_title_marks_not_doubled \
	|| ok test_title_within_title_marks_not_doubled
sed 's/^\(meta\tinterprets-title\t\).*\t0$/\1测试市人民政府关于印发《2026年政务公开工作要点》的通知\t0/' "$basic" >"$tmp/inner.tree"
run typeset -o "$tmp/inner.pages" "$tmp/inner.tree"
[ "$status" = 0 ] && grep -q '解读文件：《测试市人民政府关于印发〈2026年政务公开工作要点〉的通知》' \
	<(lines "$tmp/inner.pages" 10.5 | cut -f5) \
	&& ok test_interpretation_names_its_document_with_inner_title_marks \
	|| not_ok test_interpretation_names_its_document_with_inner_title_marks "exit $status"

# the table: the head row on every page with body rows, no row twice
bad=$(awk -F'\t' '$1=="page"{p=$2} $1=="text" && $7 ~ /主动公开信息/{rows[p]=1}
	$1=="text" && $7=="项目"{head[p]=1} END{for(p in rows) if(!head[p]) print p}' "$P")
pages=$(awk -F'\t' '$1=="page"{p=$2} $1=="text" && $7 ~ /主动公开信息/{r[p]=1} END{print length(r)}' "$P")
[ -z "$bad" ] && [ "$pages" -ge 2 ] && ok test_table_head_row_repeats_on_every_page \
	|| not_ok test_table_head_row_repeats_on_every_page "pages $pages; missing on: $bad"
dup=$(grep -oE '第[0-9]+项主动公开信息' "$P" | sort | uniq -d)
n=$(grep -oE '第[0-9]+项主动公开信息' "$P" | sort -u | wc -l)
[ -z "$dup" ] && [ "$n" = 60 ] && ok test_table_rows_are_set_once_and_whole \
	|| not_ok test_table_rows_are_set_once_and_whole "$n rows; twice: $dup"

# the attachment starts a page, its label the first text under the head
first=$(awk -F'\t' '$1=="page"{p=$2} $1=="text" && $3>=11 && !(p in y){y[p]=$5; t[p]=$7}
	END{for(p in t) if(t[p]=="附件") print "yes"}' "$P")
[ "$first" = yes ] && ok test_attachment_starts_a_new_page || not_ok test_attachment_starts_a_new_page

# structure tags balance on every page
bad=$(awk -F'\t' '$1=="page"{if(d) print p, d; d=0; p=$2} $1=="begin"{d++} $1=="end" && NF==2{d--}
	END{if(d) print p, d}' "$P")
[ -z "$bad" ] && ok test_structure_tags_close_on_their_page || not_ok test_structure_tags_close_on_their_page "$bad"

# the line rules on the body text (11 pt), over the lines extracted: first
# that there are lines (a Python failure or another body size gives none),
# and that they hold the marks the rules are about
lines "$P" 11 >"$tmp/a4.lines" 2>"$tmp/lines.err"; st=$?
n=$(wc -l <"$tmp/a4.lines")
marks=$(awk -F'\t' '{ m += $7 } END { print m + 0 }' "$tmp/a4.lines")
if [ "$st" != 0 ] || [ "$n" -lt 20 ] || [ "$marks" -lt 20 ]; then
	for t in test_no_line_starts_with_a_closing_mark test_no_line_ends_with_an_opening_mark \
	    test_dash_and_ellipsis_are_not_split; do
		not_ok "$t" "extracted $n lines of 11 pt body text with $marks marks (status $st)" \
		    "$(tail -3 "$tmp/lines.err")"
	done
else
	bad=$(cut -f5 "$tmp/a4.lines" | grep -E '^[，。、；：？！）》」』”’…—]' | head -3)
	[ -z "$bad" ] && ok test_no_line_starts_with_a_closing_mark || not_ok test_no_line_starts_with_a_closing_mark "$bad"
	bad=$(cut -f5 "$tmp/a4.lines" | grep -E '[（《「『“‘]$' | head -3)
	[ -z "$bad" ] && ok test_no_line_ends_with_an_opening_mark || not_ok test_no_line_ends_with_an_opening_mark "$bad"
	bad=$(cut -f5 "$tmp/a4.lines" | awk 'prev ~ /—$/ && $0 ~ /^—/ || prev ~ /…$/ && $0 ~ /^…/ {print prev " / " $0} {prev=$0}')
	[ -z "$bad" ] && ok test_dash_and_ellipsis_are_not_split || not_ok test_dash_and_ellipsis_are_not_split "$bad"
fi

# --- a tree the parser would never give: empty titles, a URL longer than a
# line, 80 dashes, a 12-column table, a cell of 2,000 characters

for layout in gazette-a4 gbt9704; do
	run typeset --layout $layout -o "$tmp/edge.pages" "$data/edge.tree"
	expect "test_odd_tree_is_set_in_$layout" 0
	bad=$(awk -F'\t' '$1=="dest"{n[$2]++} $1=="link"{l[$6]=1} $1=="outline"{l[$3]=1}
		END{for(d in l) if(n[d]!=1) print d}' "$tmp/edge.pages")
	[ -z "$bad" ] && ok "test_odd_tree_has_every_destination_in_$layout" \
		|| not_ok "test_odd_tree_has_every_destination_in_$layout" "$bad"
done

# --- the same tree in gbt9704 -------------------------------------------------------

run typeset --layout gbt9704 -o "$tmp/g.pages" "$basic"
expect test_layout_option_overrides_the_tree 0
grep -q "^layout	gbt9704$" "$tmp/g.pages" && ok test_layout_record_names_the_option \
	|| not_ok test_layout_record_names_the_option
# GB/T 9704: the 落款 (issuer and date) closes the body, before the
# attachment; the attachment starts a new page after it
order=$(awk -F'\t' '$1=="page"{p=$2} $1=="text" && $7=="2026年2月28日" && !d {d=p; dl=NR}
	$1=="text" && $7 ~ /^附件/ && !a {a=p; al=NR} END{print (d && a && dl < al && d < a) ? "ok" : d" "a}' "$tmp/g.pages")
[ "$order" = ok ] && ok test_signature_comes_before_the_attachment \
	|| not_ok test_signature_comes_before_the_attachment "date page, attachment page: $order"
run typeset --layout "$top/layouts/gbt9704.ini" -o "$tmp/g2.pages" "$basic"
expect test_layout_may_be_a_file 0
grid=$data/grid.tree
run typeset -o "$tmp/grid.pages" "$grid"
expect test_grid_tree_is_set_in_gbt9704 0
lines "$tmp/grid.pages" 16 >"$tmp/g.lines"
# 28 characters on a full line of body type, more only where punctuation
# is squeezed (half an em a mark at most)
long=$(awk -F'\t' '$6 > 28 + $7 / 2' "$tmp/g.lines" | head -3)
full=$(awk -F'\t' '$6 == 28' "$tmp/g.lines" | wc -l)
[ -z "$long" ] && [ "$full" -gt 50 ] && ok test_gbt9704_lines_hold_28_characters \
	|| not_ok test_gbt9704_lines_hold_28_characters "full $full; too long: $long"
# baselines on the grid (225 mm / 22 from the top of the type area) and a
# full page 22 lines
bad=$(awk -F'\t' '{ k = ($2 - 104.88 - 20.57) / (637.795 / 22); d = k - int(k + 0.5); if (d > 0.02 || d < -0.02) print $2 }' \
	"$tmp/g.lines" | head -3)
most=$(cut -f1 "$tmp/g.lines" | sort | uniq -c | sort -rn | awk 'NR==1{print $1}')
[ -z "$bad" ] && [ "$most" = 22 ] && ok test_gbt9704_page_holds_22_lines_on_the_grid \
	|| not_ok test_gbt9704_page_holds_22_lines_on_the_grid "most $most; off grid: $bad"
# flow's findings are trusted only when it ran to the end (a traceback
# prints nothing on stdout)
bad=$(flow "$tmp/grid.pages" 16 32 2>"$tmp/flow.err"); st=$?
[ "$st" = 0 ] && [ -z "$bad" ] && ok test_gbt9704_no_widow_orphan_or_lone_heading \
	|| not_ok test_gbt9704_no_widow_orphan_or_lone_heading "status $st" "$bad" "$(tail -3 "$tmp/flow.err")"
# the same check finds widows when the layout allows one-line ends
sed -e 's/^widow=2/widow=1/' -e 's/^orphan=2/orphan=1/' "$top/layouts/gbt9704.ini" >"$tmp/loose.ini"
run typeset --layout "$tmp/loose.ini" -o "$tmp/loose.pages" "$grid"
bad=$(flow "$tmp/loose.pages" 16 32 2>"$tmp/flow.err"); st=$?
[ "$st" = 0 ] && [ -n "$bad" ] && ok test_widow_and_orphan_limits_come_from_the_layout \
	|| not_ok test_widow_and_orphan_limits_come_from_the_layout "status $st" "$(tail -3 "$tmp/flow.err")"
run typeset --layout gazette-a4 -o "$tmp/grida4.pages" "$grid"
bad=$(flow "$tmp/grida4.pages" 11 22 2>"$tmp/flow.err"); st=$?
[ "$st" = 0 ] && [ -z "$bad" ] && ok test_gazette_a4_no_widow_orphan_or_lone_heading \
	|| not_ok test_gazette_a4_no_widow_orphan_or_lone_heading "status $st" "$bad" "$(tail -3 "$tmp/flow.err")"

# every document starts on a new page
bad=$(awk -F'\t' '$1=="page"{p=$2} $1=="title"{if (seen[p]++) print p}' "$tmp/g.pages")
[ -z "$bad" ] && ok test_gbt9704_documents_start_on_a_new_page || not_ok test_gbt9704_documents_start_on_a_new_page "$bad"
# folio 4号 one character in from the outer edge: odd right, even left
fol=$(awk -F'\t' '$1=="page"{f=$5} $1=="text" && $3==14 && $7 ~ /^— [0-9]+ —$/ {print f, $4}' "$tmp/g.pages" | head -2)
odd=$(echo "$fol" | awk '$1 % 2 == 1 && $2 > 400 {print "r"}'); even=$(echo "$fol" | awk '$1 % 2 == 0 && $2 < 120 {print "l"}')
[ "$odd" = r ] && [ "$even" = l ] && ok test_folio_on_the_outer_side || not_ok test_folio_on_the_outer_side "$fol"

# --- the sample issue in both layouts ------------------------------------------------

issue=$top/issues/2026-05
if [ -d "$issue/docs" ] && [ -x "$bin/gongbao-parse" ]; then
	"$bin/gongbao-parse" -o "$tmp/issue.tree" "$issue" 2>/dev/null
	for layout in gazette-a4 gbt9704; do
		run typeset --layout $layout -o "$tmp/$layout.pages" "$tmp/issue.tree"
		expect "test_sample_issue_is_set_in_$layout" 0
		bad=$(awk -F'\t' '$1=="page"{f=$5} $1=="title"{t[$2]=f} $1=="toc"{c[$2]=$3}
			END{for(d in c) if(c[d]!=t[d]) print d; if(length(c)<2) print "none"}' "$tmp/$layout.pages")
		[ -z "$bad" ] && ok "test_sample_issue_toc_folios_are_right_in_$layout" \
			|| not_ok "test_sample_issue_toc_folios_are_right_in_$layout" "$bad"
		grep -q '喆' "$tmp/$layout.pages" && ok "test_rare_name_character_is_set_in_$layout" \
			|| not_ok "test_rare_name_character_is_set_in_$layout"
	done
else
	not_ok test_sample_issue_exists "no $issue/docs or no gongbao-parse"
fi

# --- a table row taller than a page ---------------------------------------------------

run typeset -o "$tmp/tall.pages" "$data/tall-row.tree"
expect test_table_with_a_row_taller_than_a_page_is_set 0
# the row goes over several pages, each with the head row, and no line of
# it runs into the foot of the page (below the top of the folio's line)
bad=$(awk -F'\t' '
	$1=="page" { p = $2; kind = $3 }
	$1=="text" && kind=="body" && $7 ~ /^— [0-9]+ —$/ { foot[p] = $5 - $3 }
	$1=="text" && kind=="body" && $7 ~ /政务服务中心/ { cell[p] = 1; if ($5 > low[p]) low[p] = $5 }
	$1=="text" && kind=="body" && $7=="事项" { head[p] = 1 }
	END {
		for (p in cell) { n++; if (!head[p]) print "page " p ": no head row"
			if (low[p] >= foot[p]) print "page " p ": cell text at " low[p] " below " foot[p] }
		if (n < 2) print "the row is on " n + 0 " pages"
	}' "$tmp/tall.pages")
[ -z "$bad" ] && ok test_row_taller_than_a_page_splits_with_its_head_repeated \
	|| not_ok test_row_taller_than_a_page_splits_with_its_head_repeated "$bad"
