#!/usr/bin/env python3
"""nm-check.py - the static half of the core's no-allocation proof.

    nm-check.py [--nm NM] [--objdump OBJDUMP] LIBRARY_OR_OBJECT...

Reads the symbol tables of the core's objects (core/libxc.a) and fails if

  - an undefined symbol is an allocator, a stdio function, or anything
    else that allocates or keeps hidden state (DENIED below, with why);
  - an undefined symbol is on no allow-list at all: the core needs very
    little from libc and wolfCrypt, so every new outside symbol must be
    reviewed and added here with its reason, rather than slip through a
    deny-list nobody thought to extend;
  - a symbol lives in writable data (nm types D d B b G g S s C V v u),
    which would be global mutable state. Const tables that hold pointers
    are the exception: in position-independent code the compiler puts them
    in .data.rel.ro (nm says d/D), which is read-only once relocated, so
    for those letters the section, read with objdump, decides.

It prints every undefined symbol with its verdict, so a failure says what
to look at. Exit status: 0 clean, 1 violation, 2 could not inspect.
"""

import argparse
import os
import re
import subprocess
import sys

# Outside symbols that allocate, print, or hold state: never in the core.
DENIED = {}
for s in ("malloc calloc realloc free reallocarray aligned_alloc "
          "posix_memalign memalign valloc pvalloc malloc_usable_size "
          "strdup strndup __strdup __strndup asprintf vasprintf "
          "__asprintf_chk __vasprintf_chk getline getdelim __getdelim "
          "open_memstream open_wmemstream fmemopen alloca __alloca "
          "mmap mmap64 sbrk brk").split():
    DENIED[s] = "allocator (or allocates internally)"
# stdio: the core prints nothing; even snprintf may allocate (wide or
# locale-heavy formats, %m), so none of the family is allowed.
for s in ("printf fprintf sprintf snprintf vprintf vfprintf vsprintf "
          "vsnprintf dprintf vdprintf __printf_chk __fprintf_chk "
          "__sprintf_chk __snprintf_chk __vprintf_chk __vfprintf_chk "
          "__vsprintf_chk __vsnprintf_chk __dprintf_chk puts fputs putc "
          "fputc putchar _IO_putc fwrite fread fgets fgetc getc getchar "
          "fopen fopen64 fdopen freopen fclose fflush fseek ftell rewind "
          "setvbuf setbuf perror scanf sscanf fscanf __isoc99_sscanf "
          "__isoc99_scanf __isoc99_fscanf stdin stdout stderr tmpfile "
          "popen pclose").split():
    DENIED[s] = "stdio (the core prints nothing; stdio allocates buffers)"
for s in ("strerror strerror_r __xpg_strerror_r setlocale getenv "
          "secure_getenv qsort_r tsearch hsearch_r").split():
    DENIED[s] = "allocates or reads global state"
DENIED["__assert_fail"] = "assert(): prints, and glibc formats the message with asprintf"
DENIED["errno"] = "the core does not touch errno"
DENIED["__errno_location"] = "the core does not touch errno"
# wolfSSL's own allocator entry points (what XMALLOC/XFREE expand to).
for s in ("wolfSSL_Malloc wolfSSL_Free wolfSSL_Realloc wolfSSL_SetAllocators "
          "XMALLOC XFREE XREALLOC wc_LoadStaticMemory").split():
    DENIED[s] = "wolfSSL allocator"

# C++ operator new/delete (mangled), in case a C++ file ever joins the core.
DENIED_RE = [
    (re.compile(r"^_Zn[wa]"), "C++ operator new"),
    (re.compile(r"^_Zd[la]"), "C++ operator delete"),
    # wolfCrypt's object constructors allocate the object itself.
    (re.compile(r"^(wc_.*_new|wc_.*_New|wolfSSL_.*_new|.*_New)$"),
     "wolfCrypt constructor (allocates)"),
    (re.compile(r"^wc_.*Hash(_ex)?$"),
     "wolfCrypt one-shot hash (allocates its context with WOLFSSL_SMALL_STACK)"),
]

# libc functions the core may use: none allocates or keeps state.
ALLOWED_LIBC = {s: "libc, no allocation" for s in (
    "memcpy memmove memset memcmp memchr memrchr strlen strnlen strcmp "
    "strncmp strchr strrchr strstr memmem strspn strcspn strpbrk bcmp abort "
    "__memcpy_chk __memmove_chk __memset_chk __strlen_chk").split()}
ALLOWED_LIBC["__stack_chk_fail"] = "stack protector"
ALLOWED_LIBC["_GLOBAL_OFFSET_TABLE_"] = "linker-provided (position-independent code)"
for s in "__ctype_b_loc __ctype_tolower_loc __ctype_toupper_loc".split():
    ALLOWED_LIBC[s] = "ctype table lookup (no allocation)"

# wolfCrypt: the explicit list of entry points the core may call. The
# streaming hash functions work on a context the caller (fp.c) keeps on its
# stack; with heap NULL and no async device they allocate nothing.
ALLOWED_WOLF = {}
for h in ("Md5", "Sha", "Sha224", "Sha256", "Sha384", "Sha512",
          "Sha3_224", "Sha3_256", "Sha3_384", "Sha3_512"):
    for f in ("wc_Init%s" % h, "wc_Init%s_ex" % h, "wc_%sUpdate" % h,
              "wc_%sFinal" % h, "wc_%sFree" % h):
        ALLOWED_WOLF[f] = "wolfCrypt streaming hash on a caller-owned context"
# Signature verification (core/src/verify*.c): key objects on the caller's
# stack, init/free pairs. test_wycheproof and test_alloc count the
# allocations of every verify: none. wc_ecc_verify_hash is called for the
# SP curves only (P-256/384/521); the others run on the point primitives
# below, since wolfCrypt's generic verify (ecc_mul2add) allocates.
for f in ("wc_InitRsaKey_ex wc_FreeRsaKey wc_RsaPublicKeyDecodeRaw "
          "wc_RsaSSL_VerifyInline wc_RsaFunction").split():
    ALLOWED_WOLF[f] = "wolfCrypt RSA on a stack RsaKey (inline: no buffer allocated)"
for f in ("wc_ecc_init_ex wc_ecc_free wc_ecc_import_x963_ex wc_ecc_verify_hash "
          "wc_ecc_point_is_on_curve").split():
    ALLOWED_WOLF[f] = "wolfCrypt ECDSA on a stack ecc_key (SP curves: no allocation)"
# Jacobian point arithmetic (WOLFSSL_PUBLIC_ECC_ADD_DBL) on the caller's
# stack points: without WOLFSSL_SMALL_STACK their temporaries are locals.
for f in "ecc_projective_add_point_safe ecc_projective_dbl_point_safe ecc_map".split():
    ALLOWED_WOLF[f] = "wolfCrypt ECC point arithmetic on stack points (no SMALL_STACK)"
for f in ("wc_ed25519_init wc_ed25519_free wc_ed25519_import_public "
          "wc_ed25519_verify_msg wc_ed448_init wc_ed448_free "
          "wc_ed448_import_public wc_ed448_verify_msg").split():
    ALLOWED_WOLF[f] = "wolfCrypt EdDSA on a stack key"
# DSA and generic-curve ECDSA arithmetic (verify_dsa.c, verify_ec.c) on
# stack mp_ints: with WOLFSSL_SP_NO_MALLOC sp_int temporaries live on the
# stack.
for f in ("sp_init_multi sp_clear sp_read_unsigned_bin sp_cmp sp_cmp_d "
          "sp_count_bits sp_invmod sp_mulmod sp_exptmod sp_mod "
          "sp_copy sp_set sp_is_bit_set sp_mont_norm sp_mont_setup sp_read_radix "
          "sp_rshb").split():
    ALLOWED_WOLF[f] = "wolfCrypt sp_int arithmetic (WOLFSSL_SP_NO_MALLOC: stack only)"

# Symbols compilers add for instrumentation (sanitizers, coverage, fuzzer
# counters): not the core's own state, and absent from a plain build.
INSTRUMENTATION = re.compile(r"^(__asan|__ubsan|__lsan|__msan|__tsan|__sanitizer"
                             r"|__gcov|__llvm_gcov|__llvm_prf|__profc|__profd"
                             r"|__sancov|__start___sancov|__stop___sancov"
                             r"|___asan|__odr_asan)|^\.L")
INSTRUMENTATION_SECTION = re.compile(r"^(__sancov|__llvm_prf|\.init_array|\.fini_array)")

WRITABLE_TYPES = set("DdBbGgSsCVvu")


def run(cmd):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as e:
        print("nm-check: cannot run %s: %s" % (cmd[0], e))
        sys.exit(2)
    if p.returncode != 0:
        print("nm-check: %s failed:\n%s" % (" ".join(cmd), p.stderr))
        sys.exit(2)
    return p.stdout


def parse_nm(text, default_member):
    """(member, type, name) for every symbol nm lists."""
    member = default_member
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.endswith(":") and " " not in line.strip():
            member = line[:-1]
            continue
        parts = line.split()
        if len(parts) == 2:          # "U name"
            out.append((member, parts[0], parts[1]))
        elif len(parts) >= 3:        # "addr T name"
            out.append((member, parts[1], parts[2]))
    return out


def parse_objdump_sections(text):
    """{(member, name): section} from objdump -t."""
    member = None
    sec = {}
    for line in text.splitlines():
        m = re.match(r"^(\S+):\s+file format", line)
        if m:
            member = m.group(1)
            continue
        m = re.match(r"^[0-9a-fA-F]+\s.{7}\s(\S+)\s+[0-9a-fA-F]+\s+(\S+)$", line)
        if m:
            sec[(member, m.group(2))] = m.group(1)
    return sec


def members(paths):
    """Short list of the objects a symbol appears in."""
    names = sorted({os.path.basename(p) for p in paths})
    if len(names) > 4:
        return "%s, ... (%d objects)" % (", ".join(names[:3]), len(names))
    return ", ".join(names)


def classify_undefined(name):
    if name in DENIED:
        return False, "DENIED: " + DENIED[name]
    for rx, why in DENIED_RE:
        if rx.search(name) and name not in ALLOWED_WOLF:
            return False, "DENIED: " + why
    if name in ALLOWED_LIBC:
        return True, "allowed: " + ALLOWED_LIBC[name]
    if name in ALLOWED_WOLF:
        return True, "allowed: " + ALLOWED_WOLF[name]
    if INSTRUMENTATION.search(name):
        return True, "allowed: compiler instrumentation"
    if re.match(r"^(wc_|wolfSSL|wolfCrypt|mp_|sp_|fp_)", name):
        return False, "NOT ALLOWED: wolfSSL symbol not on the allow-list (check it cannot allocate, then add it)"
    return False, "NOT ALLOWED: outside symbol on no allow-list (check it cannot allocate or hold state, then add it)"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--nm", default="nm")
    ap.add_argument("--objdump", default="objdump")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()

    bad = 0
    for path in a.files:
        syms = parse_nm(run([a.nm, path]), path)
        sections = parse_objdump_sections(run([a.objdump, "-t", path]))
        defined = {n for (_, t, n) in syms if t != "U"}
        if not any(t in "Tt" for (_, t, _) in syms):
            # LTO bytecode or an empty archive: nothing to prove anything on.
            print("nm-check: %s: no code symbols found (LTO object? wrong file?)" % path)
            return 2

        print("== %s" % path)
        print("-- undefined symbols outside the library:")
        seen = {}
        for member, t, n in syms:
            if t == "U" and n not in defined:
                seen.setdefault(n, []).append(member)
        for n in sorted(seen):
            ok, why = classify_undefined(n)
            if not ok:
                bad += 1
            print("  %-4s %-28s %s  [%s]" % ("ok" if ok else "FAIL", n, why,
                                             members(seen[n])))
        if not seen:
            print("  (none)")

        print("-- writable data (global mutable state):")
        found = False
        for member, t, n in syms:
            if t not in WRITABLE_TYPES or INSTRUMENTATION.search(n):
                continue
            sec = sections.get((member, n), "?")
            if t in "Dd" and sec.startswith(".data.rel.ro"):
                continue    # const table with pointers: read-only after relocation
            if INSTRUMENTATION_SECTION.search(sec):
                continue
            found = True
            bad += 1
            print("  FAIL %s %-28s in %s  [%s]" % (t, n, sec, members([member])))
        if not found:
            print("  (none)")

    print("nm-check: %s" % ("FAIL: %d violation(s)" % bad if bad else
                             "PASS: no allocator, no stdio, no writable data"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
