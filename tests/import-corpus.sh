#!/usr/bin/env bash
# import-corpus.sh — makes one gazette issue (SPEC §3) of the regulations in
# ../shared/corpus/行政法规: each regulation a document of section 法规规章
# with valid front matter, its chapters as headings, its text left as
# untidy as it is.  For the benchmark and for robustness tests.
#
#   tests/import-corpus.sh [-f] [-n N] [-k K] [-d DATE] SRC_DIR OUT_ISSUE_DIR
#
#   -n N     take only the first N regulations (in file-name order)
#   -k K     repeat the corpus K times (a larger volume)
#   -d DATE  the issue date, YYYY-MM-DD (default 2026-03-15); no document
#            is dated after it
#   -f       then apply `gongbao-parse --fix` (GONGBAO_PARSE, default
#            bin/gongbao-parse), as an editor would before building: the
#            corpus has zero-width spaces, which parse refuses
#
# OUT_ISSUE_DIR gets issue.ini and docs/; docs/ is emptied first.
set -euo pipefail

usage() { sed -n '8,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

limit=0 repeat=1 date=2026-03-15 fix=
while getopts fn:k:d:h opt; do
	case $opt in
	f) fix=1 ;;
	n) limit=$OPTARG ;;
	k) repeat=$OPTARG ;;
	d) date=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# = 2 ] || usage
src=$1 out=$2
[[ $limit =~ ^[0-9]+$ && $repeat =~ ^[1-9][0-9]*$ && $date =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || usage
[ -d "$src" ] || { echo "import-corpus.sh: $src: no such directory" >&2; exit 2; }

export LC_ALL=C
files=()
while IFS= read -r f; do
	files+=("$f")
done < <(find "$src" -maxdepth 1 -name '*.md' ! -name '_index.md' | sort)
[ "$limit" -gt 0 ] && [ "$limit" -lt "${#files[@]}" ] && files=("${files[@]:0:$limit}")
[ "${#files[@]}" -gt 0 ] || { echo "import-corpus.sh: no regulations in $src" >&2; exit 1; }

mkdir -p "$out"
rm -rf "$out/docs"
mkdir "$out/docs"
year=${date%%-*}
# signed as the sample is, with make's test key (issues/keys/): by its
# absolute path, the issue being made anywhere
key=$(cd "$(dirname "$0")/.." && pwd)/issues/keys/test.p12
cat >"$out/issue.ini" <<EOF
# made by tests/import-corpus.sh from $src
[gazette]
title=示范市人民政府公报
publisher=示范市人民政府办公室
editor=示范市人民政府公报编辑部
address=示范市人民路1号
layout=gazette-a4
signing-key=$key

[issue]
year=$year
number=1
cumulative=1
date=$date
first-page=1
reserve-copies=0

[sections]
order=法规规章
EOF

all=()
for ((k = 1; k <= repeat; k++)); do
	all+=("${files[@]}")
done

# One awk over every file: a new document at each file's first line.
awk -v out="$out/docs" -v issue_date="$date" -v per="${#files[@]}" '
function finish() {
	if (doc == "")
		return
	close(doc)
}
function kind_of(t,   n, i, k) {
	n = split("条例 规定 办法 细则 决定 规则 命令 方案", kinds, " ")
	for (i = 1; i <= n; i++) {
		k = kinds[i]
		if (length(t) >= length(k) && substr(t, length(t) - length(k) + 1) == k)
			return k
	}
	return ""
}
FNR == 1 {
	finish()
	n++
	rep = int((n - 1) / per) + 1
	sub(/\r$/, "")
	title = $0
	sub(/^#[ \t]*/, "", title)
	d = issue_date
	if (match(FILENAME, /\([0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]\)\.md$/)) {
		d = substr(FILENAME, RSTART + 1, 10)
		if (d > issue_date)
			d = issue_date
	}
	name = title
	gsub(/[\/\t]/, "_", name)
	doc = sprintf("%s/%02d-%04d-%s.md", out, rep, (n - 1) % per + 1, name)
	k = kind_of(title)
	print "---" > doc
	print "section: 法规规章" > doc
	if (k != "")
		print "kind: " k > doc
	print "title: " title > doc
	print "issuer: 国务院" > doc
	print "date: " d > doc
	print "disclosure: 主动公开" > doc
	print "review: 张三 " issue_date "; 李四 " issue_date "; 王五 " issue_date > doc
	print "---" > doc
	next
}
{
	sub(/\r$/, "")
	if ($0 ~ /^<!-- INFO END -->/)
		next
	# the regulation'"'"'s chapters (##) are the gazette'"'"'s first-level headings
	if ($0 ~ /^##+ /)
		sub(/^#/, "")
	print > doc
}
END { finish() }
' "${all[@]}"

echo "import-corpus.sh: $(ls "$out/docs" | wc -l) documents in $out" >&2
if [ -n "$fix" ]; then
	"${GONGBAO_PARSE:-bin/gongbao-parse}" --fix "$out" >"$out/fix.log" ||
		{ echo "import-corpus.sh: gongbao-parse --fix failed (see $out/fix.log)" >&2; exit 1; }
	echo "import-corpus.sh: $(tail -n 1 "$out/fix.log")" >&2
fi
