# lib.sh — helpers for end-to-end tests.  Source it; each `ok`/`not_ok`/
# `skip` prints one TAP-like line that tests/run.sh counts.
# The locale is the suite's own, also when a script is run alone.
export LC_ALL=C.UTF-8
unset LANGUAGE
export PYTHONUTF8=1 PYTHONIOENCODING=utf-8
top=${GONGBAO_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
bin=${GONGBAO_BIN:-$top/build/san/bin}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The sample issue signs with make's test key (issues/keys/, made here too
# when a script runs alone before make made it); its passphrase comes from
# its file, as make gives it.  An issue.ini copied from the sample into
# $tmp/NAME finds the key at ../keys/test.p12 as the sample does.
sample_key=$top/issues/keys/test.p12
[ -f "$sample_key" ] || "$top/issues/make-test-key.sh" "$sample_key" "$top/issues/keys/test.pass"
unset GONGBAO_SIGNING_PASS
export GONGBAO_SIGNING_PASS_FILE=$top/issues/keys/test.pass
ln -s "$top/issues/keys" "$tmp/keys"

# The archive the sample issue 2026-05 builds on (its 勘误 corrects
# 2026年第4期第12页): issues/2026-04 built and published by the pipeline,
# made once by make test (the Makefile's test-series, here too when a script
# runs alone before make made it).  gongbao-parse reads it as GONGBAO_DB.
series=$top/build/test/series
[ -f "$series/stamp" ] || make -s -C "$top" test-series >&2
export GONGBAO_DB=$series/before-2026-05.db

ok()     { echo "ok $1"; }
not_ok() { echo "not ok $1"; shift; [ $# -gt 0 ] && printf '    %s\n' "$@"; }
# skip NAME REASON: a test that cannot run on this machine (an optional
# tool is not installed); run.sh counts it as skipped, not as passed.
skip()   { echo "ok $1 # SKIP $2"; }

# run PROG ARGS...: runs bin/gongbao-PROG, stdout in $tmp/out, stderr in
# $tmp/err, status in $status.
run() {
	local prog=$1; shift
	"$bin/gongbao-$prog" "$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
	if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$tmp/err"; then
		cat "$tmp/err"
	fi
}

# expect NAME STATUS [PATTERN_IN_STDERR]: asserts the last run's status and,
# when given, that stderr has a line matching the (grep -E) pattern.
expect() {
	local name=$1 want=$2 pat=${3:-}
	if [ "$status" != "$want" ]; then
		not_ok "$name" "exit $status, expected $want" "$(head -5 "$tmp/err")"
	elif [ -n "$pat" ] && ! grep -qE -- "$pat" "$tmp/err"; then
		not_ok "$name" "stderr has no line matching: $pat" "$(head -5 "$tmp/err")"
	else
		ok "$name"
	fi
}

# one_document_issue NAME BODY [TITLE]: an issue of one 法规规章 document in
# $tmp/NAME (the sample's issue.ini) whose body, from line 10, is BODY;
# sets $I and $D.
one_document_issue() {
	I=$tmp/$1
	D=$I/docs/01-办法.md
	mkdir -p "$I/docs"
	cp "$top/issues/2026-05/issue.ini" "$I/"
	{
		printf -- '---\nsection: 法规规章\nkind: 办法\ntitle: %s\n' "${3:-示范市某某管理办法}"
		printf 'issuer: 示范市人民政府\ndate: 2026-02-12\ndisclosure: 主动公开\n'
		printf 'review: 甲 2026-02-03; 乙 2026-02-06; 丙 2026-02-11\n---\n'
		printf '%s\n' "$2"
	} >"$D"
}
