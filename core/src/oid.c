/* Object identifiers: dotted form and the known-OID table; see xc/oid.h. */
#include "inner.h"

/*
 * oid_table.inc is generated from XC_OID_LIST by core/gen-oid-table.py: the
 * DER contents of every known OID (oid_der_<id>) and a perfect hash over
 * them (oid_disp, oid_slot). A test checks it is up to date.
 */
#include "oid_table.inc"

/* Row 0 stands for XC_OID_UNKNOWN so that rows[] is indexed by the id. */
static const xc_oid_info rows[XC_OID_COUNT] = {
	{ XC_OID_UNKNOWN, NULL, 0, NULL, NULL, NULL, 0 },
#define ROW_(id, dotted, name, constant, kind) \
	{ XC_OID_##id, oid_der_##id, sizeof oid_der_##id, dotted, name, constant, kind },
	XC_OID_LIST(ROW_)
#undef ROW_
};

/* FNV-1a: cheap on the 3 to 11 octets of a real OID, and every octet
 * counts, which the generator's perfect hash relies on. */
static uint32_t oid_hash(xc_slice s)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < s.len; i++) {
		h ^= s.p[i];
		h *= 16777619u;
	}
	return h;
}

/* Hash and displace: the bucket's displacement, found by the generator,
 * sends each known OID to a slot of its own. Must match gen-oid-table.py. */
static size_t oid_slot_of(uint32_t h)
{
	uint32_t b = (h * 0x85ebca6bu) >> (32 - OID_BUCKET_BITS);
	uint32_t s = ((h ^ (uint32_t)oid_disp[b]) * 0x9e3779b1u) >> (32 - OID_SLOT_BITS);

	return s;
}

/* xc/oid.h */
xc_oid_id xc_oid_lookup(xc_slice oid)
{
	if (oid.len == 0 || oid.len > OID_DER_MAX)
		return XC_OID_UNKNOWN;
	/* Every input lands on some slot; only the byte compare tells a known
	 * OID from an unknown one that hashes alike. */
	unsigned id = oid_slot[oid_slot_of(oid_hash(oid))];
	if (id == XC_OID_UNKNOWN)
		return XC_OID_UNKNOWN;
	const xc_oid_info *r = &rows[id];
	if (r->der_len != oid.len || memcmp(r->der, oid.p, oid.len) != 0)
		return XC_OID_UNKNOWN;
	return r->id;
}

/* xc/oid.h */
const xc_oid_info *xc_oid_info_of(xc_oid_id id)
{
	if ((unsigned)id == XC_OID_UNKNOWN || (unsigned)id >= XC_OID_COUNT)
		return NULL;
	return &rows[id];
}

/* xc/oid.h */
bool xc_oid_is(xc_slice oid, xc_oid_id id)
{
	/* One compare against the row: no need to hash for a yes/no. */
	const xc_oid_info *r = xc_oid_info_of(id);

	return r && r->der_len == oid.len && memcmp(r->der, oid.p, oid.len) == 0;
}

/* xc/oid.h */
const char *xc_oid_name(xc_slice oid)
{
	const xc_oid_info *r = xc_oid_info_of(xc_oid_lookup(oid));

	return r ? r->name : NULL;
}

/* Appends v in decimal. 20 digits hold 2^64-1. */
static void put_u64(xc_out *o, uint64_t v)
{
	char tmp[20];
	size_t n = sizeof tmp;

	do {
		tmp[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	xc_out_put(o, tmp + n, sizeof tmp - n);
}

/*
 * X.690 8.19.4: the first subidentifier is X*40 + Y with X in 0..2, and
 * only X = 2 allows Y >= 40 (2.999.3 is valid). So any value of 80 or more
 * is X = 2, which also covers a first subidentifier up to 2^64-1 without
 * overflow: Y = sub - 80 never wraps.
 */
static void put_first(xc_out *o, uint64_t sub)
{
	uint64_t x = sub < 40 ? 0 : sub < 80 ? 1 : 2;

	put_u64(o, x);
	xc_out_c(o, '.');
	put_u64(o, sub - x * 40);
}

/* xc/oid.h */
xc_err xc_oid_to_dotted(xc_slice oid, char *buf, size_t cap, size_t *len)
{
	xc_out o;
	xc_err e;

	if (len)
		*len = 0;
	if (!buf && cap)
		return XC_ERR_ARG;
	xc_out_init(&o, buf, cap);
	/* Validated up front, so the loop below neither overflows a uint64_t
	 * nor meets a truncated arc. */
	if ((e = xc_der_check_oid(oid)))
		return e;

	uint64_t sub = 0;
	bool first = true;
	for (size_t i = 0; i < oid.len; i++) {
		sub = (sub << 7) | (oid.p[i] & 0x7fu);
		if (oid.p[i] & 0x80u)
			continue;
		if (first) {
			put_first(&o, sub);
			first = false;
		} else {
			xc_out_c(&o, '.');
			put_u64(&o, sub);
		}
		sub = 0;
	}
	if ((e = xc_out_done(&o, len)) && cap)
		buf[0] = '\0'; /* no partial OID that could pass for a real one */
	return e;
}
