# sign.sh — the signed electronic edition (SPEC §5, §6): web.pdf carries a
# valid PAdES signature over the whole file (pdfsig, qpdf, gongbao-check),
# stays linearized and reproducible, a changed byte breaks it, an unsigned
# build is refused unless --unsigned, and every bad key is an error naming
# its file that leaves no output.  The passphrase is never written anywhere.
. "$(dirname "$0")/lib.sh"

export SOURCE_DATE_EPOCH=1773500000
test_signer='示范市人民政府办公室（测试证书）'

# build DIR NAME [RENDER_OPTION]: parse, typeset and render the issue DIR
# into $tmp/NAME.{tree,pages,web.pdf,print.pdf}; every program's stderr
# appended to $tmp/NAME.log, stdout to it too.  Status of the first failure.
build() {
	local d=$1 n=$2 opt=${3:-}
	: >"$tmp/$n.log"
	"$bin/gongbao-parse" -o "$tmp/$n.tree" "$d" >>"$tmp/$n.log" 2>&1 &&
	"$bin/gongbao-typeset" -o "$tmp/$n.pages" "$tmp/$n.tree" >>"$tmp/$n.log" 2>&1 &&
	"$bin/gongbao-render" --edition print -o "$tmp/$n.print.pdf" "$tmp/$n.pages" >>"$tmp/$n.log" 2>&1 &&
	"$bin/gongbao-render" --edition web $opt -o "$tmp/$n.web.pdf" "$tmp/$n.pages" >>"$tmp/$n.log" 2>&1
}

one_document_issue signed '本办法自发布之日起施行。'
if ! build "$I" signed; then
	not_ok test_the_sample_key_signs_a_web_edition "$(head -5 "$tmp/signed.log")"
	exit 0
fi
web=$tmp/signed.web.pdf

# --- a valid signature over the whole file -------------------------------

pdfsig "$web" >"$tmp/pdfsig.out" 2>&1
if grep -q 'Signature Validation: Signature is Valid' "$tmp/pdfsig.out" &&
    grep -q 'Total document signed' "$tmp/pdfsig.out" &&
    grep -q 'Signature Type: ETSI.CAdES.detached' "$tmp/pdfsig.out" &&
    grep -q 'Signing Hash Algorithm: SHA-256' "$tmp/pdfsig.out" &&
    grep -qF "Signer Certificate Common Name: $test_signer" "$tmp/pdfsig.out"; then
	ok test_pdfsig_reports_a_valid_cades_signature_of_the_whole_file
else
	not_ok test_pdfsig_reports_a_valid_cades_signature_of_the_whole_file "$(cat "$tmp/pdfsig.out")"
fi

# the signing time is the issue's date (2026-03-15 00:00 China time), not the clock
grep -q 'Signing Time: Mar 14 2026 16:00:00' "$tmp/pdfsig.out" &&
	ok test_signing_time_is_the_issue_date ||
	not_ok test_signing_time_is_the_issue_date "$(grep 'Signing Time' "$tmp/pdfsig.out")"

lin=$(qpdf --check-linearization "$web" 2>&1)
chk=$(qpdf --check "$web" 2>&1); chk_status=$?
if [ "$lin" = "$web: no linearization errors" ] && [ "$chk_status" = 0 ] &&
    ! grep -qi warning <<<"$chk"; then
	ok test_signed_edition_stays_linearized_and_qpdf_clean
else
	not_ok test_signed_edition_stays_linearized_and_qpdf_clean "$lin" "$(tail -3 <<<"$chk")"
fi

# /ID, the XMP's PDF/A-2u marker and the signature field in /AcroForm
qpdf --json --json-key=acroform "$web" >"$tmp/signed.json" 2>&1
if qpdf --show-object=trailer "$web" 2>/dev/null | grep -q '/ID \[ <[0-9a-f]*> <[0-9a-f]*> \]' &&
    pdfinfo -meta "$web" | grep -q '<pdfaid:part>2</pdfaid:part>' &&
    python3 - "$tmp/signed.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
form = d["acroform"]
assert form["hasacroform"] and len(form["fields"]) == 1
assert form["fields"][0]["fieldtype"] == "/Sig"
EOF
then
	ok test_signed_edition_keeps_its_id_and_pdfa_marker_and_has_one_signature_field
else
	not_ok test_signed_edition_keeps_its_id_and_pdfa_marker_and_has_one_signature_field \
	    "$(head -c 600 "$tmp/signed.json")"
fi

# invisible: the widget has no area on the page
widget=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["acroform"]["fields"][0]["annotation"]["object"].split()[0])' \
    "$tmp/signed.json" 2>/dev/null)
if [ -n "$widget" ] && qpdf --show-object="$widget" "$web" 2>/dev/null |
    grep -a '/Subtype /Widget' | grep -aq '/Rect \[ 0 0 0 0 \]'; then
	ok test_signature_widget_is_invisible
else
	not_ok test_signature_widget_is_invisible
fi

run check "$tmp/signed.pages" "$tmp/signed.print.pdf" "$web"
if [ "$status" = 0 ] && grep -qF "电子版签名：有效，签署者：$test_signer；测试签名" "$tmp/out" &&
    grep -q '^通过 *电子版签名有效' "$tmp/out"; then
	ok test_check_passes_and_reports_the_test_signer
else
	not_ok test_check_passes_and_reports_the_test_signer "exit $status" "$(head -12 "$tmp/out")"
fi

# the colophon says who signed and how a reader verifies, and that it is a test
n=$(pdfinfo "$web" | awk '/^Pages:/ { print $2 }')
pdftotext -f "$n" -l "$n" "$web" - 2>/dev/null | tr -d ' \n' >"$tmp/back.txt"
if grep -qF "测试签名" "$tmp/back.txt" && grep -qF "$test_signer" "$tmp/back.txt" &&
    grep -qF 'pdfsigweb.pdf' "$tmp/back.txt" && grep -qF '签名面板' "$tmp/back.txt"; then
	ok test_colophon_names_the_signer_how_to_verify_and_that_it_is_test_signed
else
	not_ok test_colophon_names_the_signer_how_to_verify_and_that_it_is_test_signed "$(cat "$tmp/back.txt")"
fi

# the print edition and the proof are never signed
"$bin/gongbao-render" --edition proof -o "$tmp/signed.proof.pdf" "$tmp/signed.pages" 2>/dev/null
if pdfsig "$tmp/signed.print.pdf" 2>&1 | grep -q 'does not contain any signatures' &&
    pdfsig "$tmp/signed.proof.pdf" 2>&1 | grep -q 'does not contain any signatures'; then
	ok test_print_edition_and_proof_are_not_signed
else
	not_ok test_print_edition_and_proof_are_not_signed
fi

# --- reproducible ----------------------------------------------------------

"$bin/gongbao-render" --edition web -o "$tmp/again.web.pdf" "$tmp/signed.pages" 2>"$tmp/again.err"
cmp -s "$web" "$tmp/again.web.pdf" && ok test_same_key_and_issue_give_a_byte_identical_signed_edition ||
	not_ok test_same_key_and_issue_give_a_byte_identical_signed_edition "$(cat "$tmp/again.err")"

# --- one changed byte ------------------------------------------------------

# a letter of the creator tool in the XMP (stored uncompressed), outside
# /Contents: the file still reads, only the signature tells
python3 - "$web" "$tmp/changed.pdf" <<'EOF'
import sys
d = bytearray(open(sys.argv[1], "rb").read())
i = d.find(b"<xmp:CreatorTool>gongbao<")
assert i > 0
d[i + len("<xmp:CreatorTool>")] = ord("G")
open(sys.argv[2], "wb").write(d)
EOF
pdfsig "$tmp/changed.pdf" >"$tmp/changed.sig" 2>&1
grep -q 'Signature Validation: Digest Mismatch' "$tmp/changed.sig" &&
	ok test_changed_byte_is_a_digest_mismatch_for_pdfsig ||
	not_ok test_changed_byte_is_a_digest_mismatch_for_pdfsig "$(cat "$tmp/changed.sig")"
run check "$tmp/signed.pages" "$tmp/signed.print.pdf" "$tmp/changed.pdf"
if [ "$status" = 1 ] && grep -qF '签名“Signature1”无效：文件在签名后被改动（摘要不符）' "$tmp/out" &&
    grep -q '^不通过 *电子版签名有效' "$tmp/out"; then
	ok test_changed_byte_fails_the_check_naming_the_signature
else
	not_ok test_changed_byte_fails_the_check_naming_the_signature "exit $status" \
	    "$(sed -n '/^问题/,$p' "$tmp/out" | head -5)"
fi

# --- the chain, with a trust directory --------------------------------------

mkdir -p "$tmp/trust" "$tmp/other"
openssl pkcs12 -in "$sample_key" -passin "file:$GONGBAO_SIGNING_PASS_FILE" -nokeys \
    -out "$tmp/trust/test.pem" 2>/dev/null
"$top/issues/make-test-key.sh" "$tmp/other.p12" "$tmp/other.pass" '别的机关' >/dev/null 2>&1
openssl pkcs12 -in "$tmp/other.p12" -passin "file:$tmp/other.pass" -nokeys \
    -out "$tmp/other/other.pem" 2>/dev/null
GONGBAO_TRUST_DIR=$tmp/trust run check "$tmp/signed.pages" "$tmp/signed.print.pdf" "$web"
[ "$status" = 0 ] && grep -q '证书链可信' "$tmp/out" && ok test_chain_to_a_trusted_certificate_passes ||
	not_ok test_chain_to_a_trusted_certificate_passes "exit $status" "$(head -6 "$tmp/out")"
GONGBAO_TRUST_DIR=$tmp/other run check "$tmp/signed.pages" "$tmp/signed.print.pdf" "$web"
[ "$status" = 1 ] && grep -q '签名“Signature1”的证书链不能追溯到信任目录' "$tmp/out" &&
	ok test_chain_to_no_trusted_certificate_fails ||
	not_ok test_chain_to_no_trusted_certificate_fails "exit $status" "$(sed -n '/^问题/,$p' "$tmp/out")"

# --- unsigned ----------------------------------------------------------------

one_document_issue nokey '本办法自发布之日起施行。'
sed -i '/^signing-key=/d' "$I/issue.ini"
build "$I" nokey
if [ $? != 0 ] && grep -q 'error: 未配置签名证书' "$tmp/nokey.log" && [ ! -e "$tmp/nokey.web.pdf" ]; then
	ok test_build_without_a_key_is_refused
else
	not_ok test_build_without_a_key_is_refused "$(cat "$tmp/nokey.log")"
fi
run render --edition web --unsigned -o "$tmp/nokey.web.pdf" "$tmp/nokey.pages"
expect test_unsigned_is_allowed_with_the_option 0
run check "$tmp/nokey.pages" "$tmp/nokey.print.pdf" "$tmp/nokey.web.pdf"
[ "$status" = 0 ] && grep -q '^电子版签名：未签名' "$tmp/out" &&
	ok test_check_reports_an_unsigned_edition_as_unsigned ||
	not_ok test_check_reports_an_unsigned_edition_as_unsigned "exit $status" "$(head -6 "$tmp/out")"
pdftotext "$tmp/nokey.web.pdf" - | grep -q '签名' &&
	not_ok test_colophon_of_an_unsigned_edition_claims_no_signature ||
	ok test_colophon_of_an_unsigned_edition_claims_no_signature

# an issue with a key rendered --unsigned: the check fails unless told so
run render --edition web --unsigned -o "$tmp/unsigned.web.pdf" "$tmp/signed.pages"
run check "$tmp/signed.pages" "$tmp/signed.print.pdf" "$tmp/unsigned.web.pdf"
[ "$status" = 1 ] && grep -q '电子版未签名，而页面清单指明了签名证书' "$tmp/out" &&
	ok test_unsigned_edition_of_an_issue_with_a_key_fails_the_check ||
	not_ok test_unsigned_edition_of_an_issue_with_a_key_fails_the_check "exit $status"
run check --unsigned "$tmp/signed.pages" "$tmp/signed.print.pdf" "$tmp/unsigned.web.pdf"
[ "$status" = 0 ] && grep -q '^电子版签名：未签名（按 --unsigned 生成' "$tmp/out" &&
	ok test_check_unsigned_reports_it_unsigned_and_passes ||
	not_ok test_check_unsigned_reports_it_unsigned_and_passes "exit $status" "$(head -6 "$tmp/out")"

# make passes UNSIGNED=1 on to render and check; the key is a source
(cd "$top" && make -n issue UNSIGNED=1 OUT="$tmp/mk") >"$tmp/make.out" 2>&1
if grep -q 'gongbao-render --edition web --unsigned' "$tmp/make.out" &&
    grep -q 'gongbao-check --unsigned' "$tmp/make.out"; then
	ok test_make_unsigned_renders_and_checks_unsigned
else
	not_ok test_make_unsigned_renders_and_checks_unsigned "$(grep gongbao "$tmp/make.out" | head -5)"
fi
(cd "$top" && make -s OUT="$tmp/mk" "$tmp/mk/sources.list") >/dev/null 2>&1
grep -q '^issues/2026-05/../keys/test.p12	' "$tmp/mk/sources.list" 2>/dev/null &&
	ok test_signing_key_is_a_source_of_the_issue ||
	not_ok test_signing_key_is_a_source_of_the_issue "$(cat "$tmp/mk/sources.list" 2>&1 | head -3)"

# --- bad keys ------------------------------------------------------------------

# bad_key NAME STATUS PATTERN: parse of $I, expecting STATUS and an stderr
# line matching PATTERN; an error leaves no tree.
bad_key() {
	run parse -o "$tmp/bad.tree" "$I"
	if [ "$2" != 0 ] && [ -e "$tmp/bad.tree" ]; then
		not_ok "$1" "a tree was written"
	else
		expect "$1" "$2" "$3"
	fi
	rm -f "$tmp/bad.tree"
}
# key_issue NAME KEYFILE: an issue whose issue.ini names KEYFILE.
key_issue() {
	one_document_issue "$1" '本办法自发布之日起施行。'
	sed -i "s|^signing-key=.*|signing-key=$2|" "$I/issue.ini"
}

key_issue missing nosuch.p12
bad_key test_missing_key_file_is_an_error_naming_it 1 "^$I/nosuch.p12: error: 无法读取签名证书文件"

key_issue notp12 notp12.p12
echo 'not a key' >"$I/notp12.p12"
bad_key test_file_that_is_no_pkcs12_is_an_error_naming_it 1 "^$I/notp12.p12: error: 不是 PKCS#12 证书文件"

key_issue dir keys.d
mkdir "$I/keys.d"
bad_key test_key_path_that_is_a_directory_is_an_error 1 "^$I/keys.d: error: 无法读取签名证书文件"

key_issue wrong ../keys/test.p12
GONGBAO_SIGNING_PASS_FILE= GONGBAO_SIGNING_PASS=not-the-passphrase bad_key \
    test_wrong_passphrase_is_an_error_naming_the_key 1 "^$I/../keys/test.p12: error: 签名证书的口令不对"
grep -q 'not-the-passphrase' "$tmp/err" && not_ok test_wrong_passphrase_is_not_quoted ||
	ok test_wrong_passphrase_is_not_quoted

GONGBAO_SIGNING_PASS_FILE= bad_key test_no_passphrase_is_an_error 1 'error: 未提供签名证书的口令'
GONGBAO_SIGNING_PASS_FILE=$tmp/no-such-pass bad_key test_missing_passphrase_file_is_an_error_naming_it 1 \
    "^$tmp/no-such-pass: error: 无法读取签名证书的口令文件"
GONGBAO_SIGNING_PASS=x bad_key test_passphrase_given_twice_is_an_error 1 '只能设置其中一个'

for k in expired:2010:20100101000000Z:20201231235959Z future:2027:20270101000000Z:20301231235959Z; do
	IFS=: read -r name _ start end <<<"$k"
	"$top/issues/make-test-key.sh" "$tmp/keys-$name/k.p12" "$tmp/keys-$name/k.pass" \
	    '示范市人民政府办公室（测试证书）' 2048 "$start" "$end" >/dev/null 2>&1
done
key_issue expired "$tmp/keys-expired/k.p12"
GONGBAO_SIGNING_PASS_FILE=$tmp/keys-expired/k.pass bad_key test_certificate_expired_on_the_issue_date_is_an_error 1 \
    "^$tmp/keys-expired/k.p12: error: 签名证书在本期出版日期 2026-03-15 已过期（有效期至 2020-12-31）"
key_issue future "$tmp/keys-future/k.p12"
GONGBAO_SIGNING_PASS_FILE=$tmp/keys-future/k.pass bad_key test_certificate_not_yet_valid_on_the_issue_date_is_an_error 1 \
    "^$tmp/keys-future/k.p12: error: 签名证书在本期出版日期 2026-03-15 尚未生效"

"$top/issues/make-test-key.sh" "$tmp/keys-weak/k.p12" "$tmp/keys-weak/k.pass" \
    '示范市人民政府办公室（测试证书）' 1024 >/dev/null 2>&1
key_issue weak "$tmp/keys-weak/k.p12"
GONGBAO_SIGNING_PASS_FILE=$tmp/keys-weak/k.pass bad_key test_rsa_key_under_2048_bits_is_an_error 1 \
    "^$tmp/keys-weak/k.p12: error: 签名密钥太弱：RSA 1024 位，至少须 2048 位"

"$top/issues/make-test-key.sh" "$tmp/keys-other/k.p12" "$tmp/keys-other/k.pass" '某某科技有限公司' \
    >/dev/null 2>&1
key_issue other "$tmp/keys-other/k.p12"
GONGBAO_SIGNING_PASS_FILE=$tmp/keys-other/k.pass bad_key test_subject_not_naming_the_publisher_is_a_warning 0 \
    "^$tmp/keys-other/k.p12: warning: 签名证书的主体“某某科技有限公司”不含出版单位“示范市人民政府办公室”"

# the renderer opens the key again: a wrong passphrase there leaves no file
GONGBAO_SIGNING_PASS_FILE= GONGBAO_SIGNING_PASS=wrong run render --edition web \
    -o "$tmp/wrongpass.pdf" "$tmp/signed.pages"
[ "$status" = 1 ] && grep -q 'error: 签名证书的口令不对' "$tmp/err" && [ ! -e "$tmp/wrongpass.pdf" ] &&
	ok test_wrong_passphrase_at_render_is_an_error_and_leaves_no_file ||
	not_ok test_wrong_passphrase_at_render_is_an_error_and_leaves_no_file "exit $status" "$(cat "$tmp/err")"
sed 's|^meta	signing-key	.*|meta	signing-key	'"$tmp"'/gone.p12|' "$tmp/signed.pages" >"$tmp/gone.pages"
run render --edition web -o "$tmp/gone.pdf" "$tmp/gone.pages"
[ "$status" = 1 ] && grep -q "^$tmp/gone.p12: error: 无法读取签名证书文件" "$tmp/err" && [ ! -e "$tmp/gone.pdf" ] &&
	ok test_key_gone_at_render_is_an_error_naming_it_and_leaves_no_file ||
	not_ok test_key_gone_at_render_is_an_error_naming_it_and_leaves_no_file "exit $status" "$(cat "$tmp/err")"

# --- the passphrase is never written ---------------------------------------------

secret=$(head -1 "$GONGBAO_SIGNING_PASS_FILE")
one_document_issue secret '本办法自发布之日起施行。'
GONGBAO_SIGNING_PASS_FILE= GONGBAO_SIGNING_PASS=$secret build "$I" secret
st=$?
GONGBAO_SIGNING_PASS_FILE= GONGBAO_SIGNING_PASS=$secret "$bin/gongbao-check" \
    -o "$tmp/secret.check" "$tmp/secret.pages" "$tmp/secret.print.pdf" "$tmp/secret.web.pdf" \
    >>"$tmp/secret.log" 2>&1
found=$(grep -laF "$secret" "$tmp"/secret.* 2>/dev/null)
if [ "$st" = 0 ] && [ -s "$tmp/secret.web.pdf" ] && [ -z "$found" ]; then
	ok test_passphrase_appears_in_no_output_log_or_report
else
	not_ok test_passphrase_appears_in_no_output_log_or_report "build $st" "$found"
fi
# no program takes it as an argument
"$bin/gongbao-render" --help >"$tmp/help" 2>&1; "$bin/gongbao-parse" --help >>"$tmp/help" 2>&1
grep -qiE -- '--(pass|passphrase|password)' "$tmp/help" &&
	not_ok test_no_program_takes_the_passphrase_on_the_command_line ||
	ok test_no_program_takes_the_passphrase_on_the_command_line
