#!/usr/bin/env bash
# bash completion (completion/): completes subcommands, options (taken
# from each program's --help) and the values of fixed-set options, and
# every value it offers is one the program's --help documents.
#   test_completion.sh SOURCE_ROOT BUILD_ROOT
set -uo pipefail
src=$1 build=$2
bc=/usr/share/bash-completion/bash_completion
[ -r "$bc" ] || { echo "SKIP: bash-completion is not installed ($bc)"; exit 77; }
# shellcheck disable=SC1090
. "$bc"
PATH=$build/issuer:$build/tools:$PATH
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# complete WORDS...: COMPREPLY for the last word, as bash would ask.
complete_words() {
	local fn=$1; shift
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	"$fn" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	printf '%s\n' "${COMPREPLY[@]}"
}
expect() {  # expect FN "WANTED WORD..." WORDS...
	local fn=$1 want=$2; shift 2
	local got w
	got=$(complete_words "$fn" "$@")
	for w in $want; do
		grep -qxF -- "$w" <<<"$got" || fail "'$*' does not offer $w (offers: $(echo $got))"
	done
}

. "$src/completion/certissue"
expect _certissue "key csr cert crl ca revoke list" certissue ""
expect _certissue "init show check" certissue ca ""
expect _certissue "--self-signed --ca-cert --csr --profile --days --out" certissue cert --
expect _certissue "--type --passphrase-file --out" certissue key --
expect _certissue "--subject --key-type --parent" certissue ca init DIR --
# each value offered is documented by the command's --help
for spec in "key --type" "ca init --key-type" "cert --profile" "cert --hash" "revoke --reason"; do
	set -- $spec
	opt=${!#}
	vals=$(complete_words _certissue certissue $spec "")
	[ -n "$vals" ] || fail "no values for certissue $spec"
	help=$(certissue ${spec% *} --help 2>&1)
	for v in $vals; do
		grep -qw -- "$v" <<<"$help" || fail "certissue $spec offers $v, which '${spec% *} --help' does not document"
	done
done

. "$src/completion/certdump"
expect _certdump "certificate crl csr" certdump --type ""
expect _certdump "--json --type" certdump --

if command -v certverify >/dev/null; then
	. "$src/completion/certverify"
	expect _certverify "server client any" certverify --purpose ""
	expect _certverify "rfc5280 webpki" certverify --profile ""
	expect _certverify "--anchors --untrusted --crl --name --at --json" certverify --
	help=$(certverify --help 2>&1)
	for v in server client any rfc5280 webpki; do
		grep -qw -- "$v" <<<"$help" || fail "certverify completion offers $v, which --help does not document"
	done
else
	echo "certverify not built: its completion is not tested"
fi

[ "$fails" -eq 0 ] && echo "ok: completion" || exit 1
