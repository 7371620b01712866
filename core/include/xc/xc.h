/*
 * xc/xc.h - the certfs core: X.509 certificates, CRLs and CSRs, read
 * without allocating.
 *
 * The contract, for every function of every header included here:
 *
 *  - The core never allocates. It calls no malloc, calloc, realloc or free,
 *    and the wolfCrypt functions it calls allocate nothing either with the
 *    project's own wolfSSL build (tests/alloc/test_alloc.c proves both: no
 *    allocator symbol in the core's objects, zero allocations counted over
 *    the whole test corpus).
 *  - The caller owns all memory. Parsed objects (xc_cert, xc_crl, xc_csr,
 *    ...) are small structs the caller places where it likes, usually on
 *    its stack; the fields in them are slices into the buffer the caller
 *    parsed, valid for as long as that buffer is. There is nothing to free.
 *  - No global mutable state: every function is reentrant and any number
 *    of threads may call it at once on different objects, or on the same
 *    parsed object (reading it never changes it).
 *  - Bounded stack and no recursion: the ASN.1 structures are walked with
 *    fixed-depth code.
 *  - Errors are values of xc_err (xc/err.h) with a byte offset; nothing is
 *    printed, errno is not touched.
 *
 * Public symbols begin with xc_ (functions, types) or XC_ (constants).
 */
#ifndef XC_XC_H
#define XC_XC_H

#include "alg.h"
#include "cert.h"
#include "chain.h"
#include "crl.h"
#include "csr.h"
#include "der.h"
#include "err.h"
#include "ext.h"
#include "ext_aia.h"
#include "ext_basic.h"
#include "ext_dp.h"
#include "ext_nc.h"
#include "ext_policy.h"
#include "ext_sct.h"
#include "fp.h"
#include "gn.h"
#include "int.h"
#include "issuer.h"
#include "name.h"
#include "obj.h"
#include "oid.h"
#include "path.h"
#include "pem.h"
#include "slice.h"
#include "spki.h"
#include "time.h"
#include "verify.h"

#define XC_VERSION "0.1.0"

#endif
