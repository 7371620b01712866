/* INTEGER formatting: see xc/int.h. */
#include "inner.h"

static const char hexdig[] = "0123456789abcdef";

/* See xc/int.h. */
bool xc_int_negative(xc_slice v)
{
	return v.len > 0 && (v.p[0] & 0x80u);
}

/*
 * The octets of a two's complement value's magnitude are computed one at
 * a time, without a copy. For a negative value, |x| = ~x + 1, and the +1
 * only carries through the trailing octets of x that are zero: so octet i
 * of |x| is ~x[i] before the last non-zero octet of x, -x[i] at it, and
 * zero after it.
 */
typedef struct mag {
	xc_slice v;
	bool neg;
	size_t last;            /* index of x's last non-zero octet (neg only) */
} mag;

static void mag_init(mag *m, xc_slice v)
{
	m->v = v;
	m->neg = xc_int_negative(v);
	m->last = 0;
	if (m->neg)
		for (size_t i = v.len; i-- > 0;)
			if (v.p[i]) {
				m->last = i;
				break;
			}
}

static uint8_t mag_at(const mag *m, size_t i)
{
	uint8_t b = m->v.p[i];
	if (!m->neg)
		return b;
	if (i < m->last)
		return (uint8_t)~b;
	if (i == m->last)
		return (uint8_t)(0x100u - b);
	return 0;
}

/* Index of the magnitude's first non-zero octet, or v.len for zero. */
static size_t mag_first(const mag *m)
{
	size_t i = 0;
	while (i < m->v.len && mag_at(m, i) == 0)
		i++;
	return i;
}

/* See xc/int.h. */
size_t xc_int_bits(xc_slice v)
{
	mag m;
	mag_init(&m, v);
	size_t i = mag_first(&m);
	if (i == v.len)
		return 0;
	size_t bits = (v.len - i) * 8;
	for (uint8_t top = mag_at(&m, i); !(top & 0x80u); top = (uint8_t)(top << 1))
		bits--;
	return bits;
}

/* See xc/int.h. */
xc_err xc_int_to_hex(xc_slice v, char *buf, size_t cap, size_t *len)
{
	xc_out o;
	mag m;

	if (v.len == 0)
		return XC_ERR_INT;
	xc_out_init(&o, buf, cap);
	mag_init(&m, v);
	size_t i = mag_first(&m);
	if (i == v.len) {
		xc_out_c(&o, '0');
		return xc_out_done(&o, len);
	}
	if (m.neg)
		xc_out_c(&o, '-');
	for (; i < v.len && !o.overflow; i++) {
		uint8_t b = mag_at(&m, i);
		char two[2] = { hexdig[b >> 4], hexdig[b & 15] };
		xc_out_put(&o, two, 2);
	}
	return xc_out_done(&o, len);
}

/* See xc/int.h. */
xc_err xc_hex(xc_slice bytes, char *buf, size_t cap)
{
	if (cap == 0 || bytes.len > (cap - 1) / 2)
		return XC_ERR_BUFFER;
	for (size_t i = 0; i < bytes.len; i++) {
		buf[2 * i] = hexdig[bytes.p[i] >> 4];
		buf[2 * i + 1] = hexdig[bytes.p[i] & 15];
	}
	buf[2 * bytes.len] = '\0';
	return XC_OK;
}

/*
 * Decimal conversion, two ways.
 *
 * Serials (the hot path) are at most 20 octets in RFC 5280 and rarely
 * more than 64 in the wild: those go through 32-bit limbs on the stack,
 * divided by 10^9 to get nine digits per step. Longer values, of any
 * length, use the output buffer itself as the accumulator, one decimal
 * digit per char, so no scratch size limits the input.
 */
#define FAST_OCTETS 64
#define FAST_LIMBS (FAST_OCTETS / 4)
/* 64 octets are below 10^155: 18 chunks of nine digits. */
#define FAST_CHUNKS 18

/* The XC_ERR_BUFFER result: an empty string where there is room for it,
 * so a caller printing the buffer anyway prints nothing. */
static xc_err too_small(char *buf, size_t cap, size_t *len)
{
	if (len)
		*len = 0;
	if (cap)
		buf[0] = '\0';
	return XC_ERR_BUFFER;
}

/* Writes the digits of the nine-digit chunks, most significant first,
 * after the sign; the first chunk without its leading zeros. */
static xc_err put_chunks(const uint32_t *chunk, size_t n, bool neg,
                         char *buf, size_t cap, size_t *len)
{
	uint32_t top = chunk[n - 1];
	size_t topd = 1;
	for (uint32_t t = top; t >= 10; t /= 10)
		topd++;
	size_t total = (neg ? 1 : 0) + topd + (n - 1) * 9;
	if (total >= cap)
		return too_small(buf, cap, len);
	char *p = buf;
	if (neg)
		*p++ = '-';
	for (size_t k = topd; k-- > 0; top /= 10)
		p[k] = (char)('0' + top % 10);
	p += topd;
	for (size_t c = n - 1; c-- > 0;) {
		uint32_t x = chunk[c];
		for (size_t k = 9; k-- > 0; x /= 10)
			p[k] = (char)('0' + x % 10);
		p += 9;
	}
	*p = '\0';
	if (len)
		*len = total;
	return XC_OK;
}

static xc_err dec_fast(const mag *m, size_t first, char *buf, size_t cap,
                       size_t *len)
{
	uint32_t limb[FAST_LIMBS];
	uint32_t chunk[FAST_CHUNKS];
	size_t nl = 0, nc = 0;

	/* Little-endian 32-bit limbs of the magnitude. */
	for (size_t i = m->v.len; i > first;) {
		uint32_t w = 0;
		for (unsigned s = 0; s < 32 && i > first; s += 8)
			w |= (uint32_t)mag_at(m, --i) << s;
		limb[nl++] = w;
	}
	while (nl > 0) {
		uint64_t rem = 0;
		for (size_t i = nl; i-- > 0;) {
			uint64_t cur = (rem << 32) | limb[i];
			limb[i] = (uint32_t)(cur / 1000000000u);
			rem = cur % 1000000000u;
		}
		chunk[nc++] = (uint32_t)rem;
		while (nl > 0 && limb[nl - 1] == 0)
			nl--;
	}
	return put_chunks(chunk, nc, m->neg, buf, cap, len);
}

static xc_err dec_slow(const mag *m, size_t first, char *buf, size_t cap,
                       size_t *len)
{
	/* Digits (values 0..9, least significant first) after the sign,
	 * leaving room for the NUL. */
	size_t off = m->neg ? 1 : 0;
	if (cap < off + 2)
		return too_small(buf, cap, len);
	uint8_t *d = (uint8_t *)buf + off;
	size_t room = cap - off - 1;
	size_t nd = 0;

	for (size_t i = first; i < m->v.len; i++) {
		unsigned carry = mag_at(m, i);
		for (size_t k = 0; k < nd; k++) {
			unsigned x = d[k] * 256u + carry;
			d[k] = (uint8_t)(x % 10);
			carry = x / 10;
		}
		for (; carry; carry /= 10) {
			if (nd == room)
				return too_small(buf, cap, len);
			d[nd++] = (uint8_t)(carry % 10);
		}
	}
	/* Most significant first, as ASCII. */
	for (size_t a = 0, b = nd - 1; a < b; a++, b--) {
		uint8_t t = d[a];
		d[a] = d[b];
		d[b] = t;
	}
	for (size_t k = 0; k < nd; k++)
		d[k] = (uint8_t)(d[k] + '0');
	if (m->neg)
		buf[0] = '-';
	buf[off + nd] = '\0';
	if (len)
		*len = off + nd;
	return XC_OK;
}

/* See xc/int.h. */
xc_err xc_int_to_dec(xc_slice v, char *buf, size_t cap, size_t *len)
{
	mag m;

	if (v.len == 0)
		return XC_ERR_INT;
	mag_init(&m, v);
	size_t first = mag_first(&m);
	if (first == v.len) {
		if (cap < 2)
			return too_small(buf, cap, len);
		buf[0] = '0';
		buf[1] = '\0';
		if (len)
			*len = 1;
		return XC_OK;
	}
	if (v.len - first <= FAST_OCTETS)
		return dec_fast(&m, first, buf, cap, len);
	return dec_slow(&m, first, buf, cap, len);
}
