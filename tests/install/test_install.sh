#!/usr/bin/env bash
# The installed project (issue 20): `meson install` into a temporary
# DESTDIR, then, using only what was installed:
#   - every installed binary answers --version with the wolfSSL version,
#     and has its man page in man1;
#   - a program built against the core through pkg-config alone (xc.pc:
#     no path into the source or build tree) prints the fingerprint and
#     subject of a certificate, checked against openssl;
#   - the installed certfs mounts a store and serves a field (skipped with
#     a message where /dev/fuse is absent).
#   test_install.sh BUILD_ROOT SOURCE_ROOT
set -euo pipefail
build=$1 src=$2
tmp=$(mktemp -d)
mnt=$tmp/mnt
cleanup() {
	mountpoint -q "$mnt" 2>/dev/null && fusermount3 -u "$mnt"
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

DESTDIR=$tmp/dest meson install -C "$build" --no-rebuild --quiet >"$tmp/install.log" 2>&1 ||
	{ cat "$tmp/install.log" >&2; fail "meson install"; }
dest=$tmp/dest
option() {
	meson introspect "$build" --buildoptions |
		/usr/bin/python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]==sys.argv[1]][0])' "$1"
}
prefix=$(option prefix)
# A sanitizer build installs an instrumented libxc.a: a program on it
# links with the same -fsanitize (its users would build that way too).
sanitize=$(option b_sanitize)
san_flags=()
[ "$sanitize" = none ] || san_flags=("-fsanitize=$sanitize")
root=$dest$prefix

# The binaries, each with --version and a man page.
n=0
for bin in certfs certdump certissue certverify; do
	[ -x "$root/bin/$bin" ] || { echo "not built: $bin"; continue; }
	n=$((n + 1))
	v=$("$root/bin/$bin" --version 2>&1 | sed -n 1p)
	case $v in
	*"$bin"*0.*wolfSSL\ [0-9]*) ;;
	*) fail "$bin --version says '$v', not the project and wolfSSL versions" ;;
	esac
	[ -e "$root/share/man/man1/$bin.1" ] || fail "no man page man1/$bin.1"
	echo "ok: $bin: $v; man1/$bin.1"
done
[ "$n" -ge 3 ] || fail "only $n binaries installed"

# The core through pkg-config alone.
pc=$(find "$dest" -name xc.pc)
[ -n "$pc" ] || fail "no xc.pc installed"
for h in xc.h cert.h crl.h csr.h; do
	[ -e "$root/include/xc/$h" ] || fail "header include/xc/$h not installed"
done
# xc.pc from the DESTDIR first; the system's path stays searched, for what
# it Requires (wolfssl.pc with -Dwolfssl=system)
flags=$(PKG_CONFIG_SYSROOT_DIR=$dest PKG_CONFIG_PATH=$(dirname "$pc") \
	pkg-config --cflags --libs xc)
case $flags in *"$src"*|*"$build"*) fail "xc.pc points into the source or build tree: $flags" ;; esac
cc -std=c11 -Wall -Werror "${san_flags[@]}" -o "$tmp/prog" "$src/tests/install/prog.c" $flags ||
	fail "cannot build against the installed core with: $flags"
cert=$src/tests/data/seed/cryptography-io.pem
[ -e "$cert" ] || cert=$(find "$src/tests/data" -name '*.pem' -print -quit)
"$tmp/prog" <"$cert" >"$tmp/out" || fail "the program built on the installed core failed"
want=$(openssl x509 -in "$cert" -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' | tr A-F a-f)
[ "$(sed -n 1p "$tmp/out")" = "$want" ] || fail "fingerprint $(sed -n 1p "$tmp/out") != openssl's $want"
echo "ok: a program linked with '$flags' reads $cert: $(sed -n 2p "$tmp/out")"

# The installed certfs mounts.
if [ ! -c /dev/fuse ]; then
	echo "SKIP: /dev/fuse absent: the mount with the installed certfs is not tried"
	exit 0
fi
mkdir -p "$tmp/store" "$mnt"
cp "$cert" "$tmp/store/site.pem"
"$root/bin/certfs" "$tmp/store" "$mnt" || fail "installed certfs did not mount"
for _ in $(seq 100); do [ -e "$mnt/site.pem/subject" ] && break; sleep 0.05; done
got=$(cat "$mnt/site.pem/fingerprint/sha256")
[ "$got" = "$want" ] || fail "installed certfs serves sha256 '$got', openssl says $want"
echo "ok: installed certfs mounted $tmp/store and served site.pem's SHA-256"
