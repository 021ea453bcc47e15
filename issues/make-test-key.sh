#!/bin/sh
# make-test-key.sh P12 PASSFILE [SUBJECT [BITS [START END]]] — a self-signed
# test certificate and RSA key as a PKCS#12 file, its passphrase (random) in
# PASSFILE: what `make` makes for the sample issue (issues/keys/, ignored by
# git; SUBJECT by default the sample's test signer) and the tests for their
# bad keys.  START and END (YYYYMMDDHHMMSSZ)
# bound the certificate's validity; `openssl req` could only start it now,
# which is after the sample issue's date, so `openssl ca -selfsign` signs
# it.  The passphrase goes to openssl by file, never on a command line.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 P12 PASSFILE [SUBJECT [BITS [START END]]]" >&2; exit 2; }
p12=$1 passfile=$2 subject=${3:-示范市人民政府办公室（测试证书）} bits=${4:-2048}
start=${5:-20200101000000Z} end=${6:-20391231235959Z}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
umask 077
openssl rand -hex 24 >"$work/pass"
openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:$bits" -out "$work/key.pem" 2>/dev/null
openssl req -new -utf8 -key "$work/key.pem" -subj "/CN=$subject" -out "$work/req.pem"
cat >"$work/ca.cnf" <<CNF
[ ca ]
default_ca = test
[ test ]
database = $work/index.txt
new_certs_dir = $work
serial = $work/serial
default_md = sha256
policy = any
unique_subject = no
email_in_dn = no
x509_extensions = ext
[ any ]
commonName = supplied
[ ext ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
CNF
: >"$work/index.txt"
echo 01 >"$work/serial"
openssl ca -batch -config "$work/ca.cnf" -selfsign -keyfile "$work/key.pem" -in "$work/req.pem" \
    -out "$work/cert.pem" -startdate "$start" -enddate "$end" -utf8 -notext 2>"$work/ca.log" \
    || { cat "$work/ca.log" >&2; exit 1; }
openssl pkcs12 -export -inkey "$work/key.pem" -in "$work/cert.pem" -name "$subject" \
    -passout "file:$work/pass" -out "$work/key.p12"
mkdir -p "$(dirname "$p12")" "$(dirname "$passfile")"
# the passphrase first: a key file never stands without it
mv "$work/pass" "$passfile.tmp" && mv "$passfile.tmp" "$passfile"
mv "$work/key.p12" "$p12.tmp" && mv "$p12.tmp" "$p12"
