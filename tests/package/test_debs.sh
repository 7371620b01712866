#!/usr/bin/env bash
# The Debian packages (issue 20), installed on this machine for real:
#   apt-get install ./dist/*.deb (scripts/package builds them), then
#   - a program built against libxc-dev through pkg-config alone;
#   - `mount -t fuse.certfs SOURCE MNT -o ro,allow_other` (mount(8) runs
#     mount.fuse3, which runs certfs from the PATH), a field read, umount;
#   - the same through an /etc/fstab line (`mount MNT`), restored after;
#   - certissue issues a certificate that openssl verifies;
#   - apt-get purge removes every file the packages installed.
# Needs root; .ci/run runs it after scripts/package.
#   tests/package/test_debs.sh [DIST_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
dist=${1:-dist}
[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root (installs packages, edits /etc/fstab)"; exit 77; }
[ -c /dev/fuse ] || { echo "SKIP: /dev/fuse absent"; exit 77; }
debs=("$dist"/certfs_*.deb "$dist"/certissue_*.deb "$dist"/libxc-dev_*.deb)
for d in "${debs[@]}"; do [ -e "$d" ] || { echo "FAIL: $d missing (run scripts/package)"; exit 1; }; done

tmp=$(mktemp -d)
fstab_backup=$tmp/fstab
cp /etc/fstab "$fstab_backup"
cleanup() {
	mountpoint -q "$tmp/mnt" 2>/dev/null && umount "$tmp/mnt"
	cp "$fstab_backup" /etc/fstab
	apt-get purge -y -qq certfs certissue libxc-dev >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "${debs[@]/#/./}" >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log"; fail "apt-get install"; }
for b in certfs certdump certissue; do
	[ "$(command -v "$b")" = "/usr/bin/$b" ] || fail "$b not installed in /usr/bin"
	v=$(/usr/bin/$b --version 2>&1)
	grep -q 'wolfSSL [0-9]' <<<"$v" || fail "$b --version does not name wolfSSL: $v"
	man -w "$b" >/dev/null 2>&1 || [ -e "/usr/share/man/man1/$b.1.gz" ] || fail "no man page for $b"
done
echo "ok: installed: $(dpkg-query -W -f='${Package} ${Version}, ' certfs certissue libxc-dev)"

# libxc-dev through pkg-config alone
cert=tests/data/seed/cryptography-io.pem
cc -std=c11 -Wall -Werror -o "$tmp/prog" tests/install/prog.c $(pkg-config --cflags --libs xc) ||
	fail "cannot build against libxc-dev with: $(pkg-config --cflags --libs xc)"
want=$(openssl x509 -in "$cert" -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' | tr A-F a-f)
[ "$("$tmp/prog" <"$cert" | sed -n 1p)" = "$want" ] || fail "the program on libxc-dev gives a wrong fingerprint"
echo "ok: libxc-dev: cc prog.c \$(pkg-config --cflags --libs xc)"

# certissue from the package
cd "$tmp"
certissue key --out ca.key >/dev/null 2>&1
certissue cert --self-signed --key ca.key --subject CN=pkg-test --profile ca --out store-ca.pem >/dev/null 2>&1 ||
	fail "certissue cert"
openssl verify -CAfile store-ca.pem store-ca.pem >/dev/null || fail "openssl does not verify certissue's certificate"
cd - >/dev/null
mkdir -p "$tmp/store" "$tmp/mnt"
cp "$tmp/store-ca.pem" "$tmp/store/ca.pem"
want_subject=$(openssl x509 -in "$tmp/store/ca.pem" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')

# mount -t fuse.certfs
mount -t fuse.certfs "$tmp/store" "$tmp/mnt" -o ro,allow_other || fail "mount -t fuse.certfs"
got=$(cat "$tmp/mnt/ca.pem/subject")
[ "$got" = "$want_subject" ] || fail "mount -t: subject '$got', openssl says '$want_subject'"
umount "$tmp/mnt" || fail "umount"
echo "ok: mount -t fuse.certfs $tmp/store $tmp/mnt -o ro,allow_other; subject read; umount"

# /etc/fstab
echo "$tmp/store $tmp/mnt fuse.certfs ro,allow_other,noauto 0 0" >>/etc/fstab
mount "$tmp/mnt" || fail "mount through /etc/fstab"
got=$(cat "$tmp/mnt/ca.pem/subject")
[ "$got" = "$want_subject" ] || fail "fstab mount: subject '$got'"
umount "$tmp/mnt"
cp "$fstab_backup" /etc/fstab
echo "ok: /etc/fstab line 'SOURCE MNT fuse.certfs ro,allow_other,noauto 0 0'; mount MNT; subject read; umount"

# purge
files=$(dpkg -L certfs certissue libxc-dev | while read -r f; do [ -f "$f" ] && echo "$f"; done)
apt-get purge -y -qq certfs certissue libxc-dev >/dev/null 2>&1 || fail "apt-get purge"
for f in $files; do [ ! -e "$f" ] || fail "$f left after purge"; done
echo "ok: purged; no file left"
