#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build script (https://google.github.io/oss-fuzz/getting-started/new-project-guide/):
# builds every target of fuzz/targets into $OUT with $CC, $CFLAGS and
# $LIB_FUZZING_ENGINE, each with its seed corpus ($OUT/fuzz_NAME_seed_corpus.zip),
# dictionary ($OUT/fuzz_NAME.dict) and options ($OUT/fuzz_NAME.options).
#
# wolfSSL is built here with the project's configure line
# (scripts/build-wolfssl --print-configure) and the sanitizer's $CFLAGS,
# so MemorySanitizer sees into it too; its assembly is left out under
# MSan, which cannot see stores made by assembly. Under MSan the OpenSSL
# differential targets are left out: libcrypto is the system's,
# uninstrumented, and every value it returns would read as uninitialised.
#
# Run by hand (fuzz/oss-fuzz/test-build): CC=clang CFLAGS=... LIB_FUZZING_ENGINE=-fsanitize=fuzzer
# OUT=... WORK=... SRC=... WOLFSSL_SRC=... fuzz/oss-fuzz/build.sh
# OSS-Fuzz runs $SRC/build.sh from the WORKDIR, the checkout; here it is
# run from anywhere as fuzz/oss-fuzz/build.sh.
if [ -f fuzz/targets ]; then
	root=$PWD
else
	root=$(cd "$(dirname "$0")/../.." && pwd)
fi
wolfssl_src=${WOLFSSL_SRC:-$SRC/wolfssl}
sanitizer=${SANITIZER:-address}

# ---- wolfSSL ----------------------------------------------------------------
mapfile -t conf < <("$root/scripts/build-wolfssl" --print-configure)
wolf_cflags=${conf[-1]#CFLAGS=}
unset 'conf[-1]'
if [ "$sanitizer" = memory ]; then
	kept=()
	for a in "${conf[@]}"; do
		case $a in --enable-sp-asm|--enable-intelasm) ;; *) kept+=("$a") ;; esac
	done
	conf=("${kept[@]}" --disable-asm)
fi
wolf_build=$WORK/wolfssl-build
rm -rf "$wolf_build"
cp -r "$wolfssl_src" "$wolf_build"
(
	cd "$wolf_build"
	[ -x configure ] || autoreconf -fi
	# $CFLAGS carries -fsanitize=fuzzer-no-link, which configure's link
	# tests do not want: the sanitizer flags go in, the fuzzer's stay out.
	./configure --prefix="$WORK/wolfssl" "${conf[@]}" \
		CFLAGS="${CFLAGS//-fsanitize=fuzzer-no-link/} $wolf_cflags"
	make -j"$(nproc)"
	make install
) >"$WORK/wolfssl-build.log" 2>&1 || { tail -n 40 "$WORK/wolfssl-build.log"; exit 1; }

# ---- the project's targets ----------------------------------------------------
mapfile -t lines < <(grep -v '^[[:space:]]*\(#\|$\)' "$root/fuzz/targets")
targets=()
for l in "${lines[@]}"; do
	read -r name links _ <<<"$l"
	[ "$sanitizer" = memory ] && [ "$links" = openssl ] && continue
	targets+=("$name")
done
build=$WORK/certfs-build
rm -rf "$build"
LDFLAGS="$CFLAGS" meson setup "$build" "$root" -Dbuildtype=plain -Db_lundef=false \
	-Dfuzzing=true "-Dfuzz_engine=$LIB_FUZZING_ENGINE" -Dwolfssl_prefix="$WORK/wolfssl"
ninja -C "$build" "${targets[@]/#/fuzz/fuzz_}"

for l in "${lines[@]}"; do
	read -r name _ dict max_len <<<"$l"
	[[ " ${targets[*]} " == *" $name "* ]] || continue
	cp "$build/fuzz/fuzz_$name" "$OUT/"
	rm -f "$OUT/fuzz_${name}_seed_corpus.zip"
	(cd "$root/fuzz" && zip -qr "$OUT/fuzz_${name}_seed_corpus.zip" "corpus/$name" \
		$( [ -d "regressions/$name" ] && echo "regressions/$name"))
	cp "$root/fuzz/$dict" "$OUT/fuzz_$name.dict"
	printf '[libfuzzer]\nmax_len = %s\n' "$max_len" >"$OUT/fuzz_$name.options"
done
