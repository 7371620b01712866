/*
 * vfs/fields.h - an object's directory: every field of a certificate, CRL
 * or CSR as the files docs/ABI.md lists (all but verify/, which depends on
 * the rest of the store: verify.h).
 *
 * The builders decode with the core and write into a cfs_tree (tree.h);
 * they copy what they keep, so the DER buffer may be freed afterwards.
 * One rule for every value (docs/ABI.md "Value formats"): text files end
 * with one newline, integers in decimal, booleans true/false, times
 * YYYY-MM-DDTHH:MM:SSZ, byte strings lowercase hex, OIDs dotted, a list one
 * item per line, and no file at all for a value pyca reports as None or an
 * empty list.
 */
#ifndef CFS_FIELDS_H
#define CFS_FIELDS_H

#include <xc/xc.h>

#include "tree.h"

typedef enum cfs_type {
	CFS_UNKNOWN = 0,        /* DER of unknown type: try each parser */
	CFS_CERT,
	CFS_CRL,
	CFS_CSR,
	CFS_INVALID,            /* looked like an object, did not parse */
} cfs_type;

/* "certificate", "crl", "csr", "invalid". */
const char *cfs_type_name(cfs_type t);

/* The type a PEM block's kind stands for (CFS_UNKNOWN for the kinds that
 * are not objects: keys, other labels). */
cfs_type cfs_type_of_pem(xc_pem_kind k);

/* Builds the fields of the DER object der[0..len) into dir. `hint` is the
 * type the PEM label said, or CFS_UNKNOWN for a DER file (each parser is
 * tried; a certificate first). An object that does not parse gets
 * `type` = invalid and `error` = one line, "<reason> at byte <offset>"
 * (offset into the DER; with the parser that got furthest when the type
 * was unknown). Returns the type built. The caller checks cfs_tree_ok(). */
cfs_type cfs_fields_build(cfs_tree *t, cfs_node *dir, cfs_type hint,
			  const uint8_t *der, size_t len);

/* The same in three parts, for the store, which builds the second and the
 * third only when one of their files is asked for:
 *  - the derived files, made from the whole DER by formatting or hashing
 *    it, `pem`, `fingerprint/` and `text`, which cost more than all the
 *    others together, and most readers want none of them;
 *  - the deep directories, `public_key/`, `extensions/` and `revoked/`,
 *    which were about half of the rest's cost in a cold `cat` of one
 *    field of every object (and revoked/ is most of a large CRL's).
 * cfs_fields_build_base builds all the others; with lazy, it puts empty
 * placeholders of the derived files (files `pem` and `text`, directory
 * `fingerprint`) and of the deep directories the object has, so that the
 * directory lists them; without, it builds the deep directories too.
 * cfs_fields_derived and cfs_fields_deep build their part of an object of
 * that type (nothing for CFS_INVALID or CFS_UNKNOWN) into dir. */
cfs_type cfs_fields_build_base(cfs_tree *t, cfs_node *dir, cfs_type hint,
			       const uint8_t *der, size_t len, bool lazy);
void cfs_fields_derived(cfs_tree *t, cfs_node *dir, cfs_type type, const uint8_t *der,
			size_t len);
void cfs_fields_deep(cfs_tree *t, cfs_node *dir, cfs_type type, const uint8_t *der,
		     size_t len);

/* The parts built apart, and the one table of what each holds: the
 * builders name their files from it, cfs_fields_build_base puts the
 * places of its rows, and the store routes a path below a row's name to
 * its part's tree (store_resolve.c). */
typedef enum cfs_part {
	CFS_PART_DERIVED,       /* cfs_fields_derived */
	CFS_PART_DEEP,          /* cfs_fields_deep */
	CFS_PART_COUNT
} cfs_part;
typedef enum cfs_lazy_id {
	CFS_LAZY_PEM,
	CFS_LAZY_FINGERPRINT,
	CFS_LAZY_TEXT,
	CFS_LAZY_PUBLIC_KEY,
	CFS_LAZY_EXTENSIONS,
	CFS_LAZY_REVOKED,
	CFS_LAZY_REVOKED_HEX,   /* links to revoked/ by hex serial */
	CFS_LAZY_COUNT
} cfs_lazy_id;
typedef struct cfs_lazy {
	const char *name;       /* its name in the object's directory */
	bool dir;               /* a directory (its place an empty one), else a file */
	cfs_part part;
} cfs_lazy;
extern const cfs_lazy cfs_lazy_parts[CFS_LAZY_COUNT];
/* Builds part of an object of that type into dir (cfs_fields_derived or
 * cfs_fields_deep). */
void cfs_fields_part(cfs_tree *t, cfs_node *dir, cfs_part part, cfs_type type,
		     const uint8_t *der, size_t len);

/* Pieces, for the builders of each other (fields_*.c). */

/* A field the core cannot decode (docs/ABI.md 2, one rule for all): the
 * file `<field>_error` in dir (`error` with field NULL, inside a directory
 * that stays) holding "<reason> at byte <off>", off into the object's DER.
 * The caller writes no value file for the field. */
void cfs_field_error(cfs_tree *t, cfs_node *dir, const char *field, xc_err e, size_t off);

/* `<dname>/`: one file per attribute type present (NameOID constant in
 * lowercase, else dotted OID), values one per line in DER order (an
 * attribute repeated in its RDN once, as pyca's set), plus `der` (the
 * Name TLV). Also writes the RFC 4514 string as the file `rfc_name` in
 * parent when rfc_name is not NULL ("subject", "issuer"). A name pyca
 * raises on (xc_name_error) has `<rfc_name>_error` instead, and `error`
 * in `<dname>/`; an empty RDN leaves no attribute files. base: the
 * object's DER, for the offset. */
void cfs_fields_name(cfs_tree *t, cfs_node *parent, const char *rfc_name,
		     const char *dname, xc_slice name, xc_slice name_raw,
		     const uint8_t *base);

/* A PEM file `name`: der in base64, 64-character lines, between BEGIN and
 * END lines of `label` ("CERTIFICATE", "PUBLIC KEY", ...), as OpenSSL
 * writes it. */
cfs_node *cfs_pem(cfs_tree *t, cfs_node *parent, const char *name,
		  const char *label, xc_slice der);

/* `public_key/` from a SubjectPublicKeyInfo TLV; a key the core cannot
 * decode gets `public_key/error` (offset from base, the object's DER). */
void cfs_fields_public_key(cfs_tree *t, cfs_node *parent, xc_slice spki_raw,
			   const uint8_t *base);

/* Where an extensions block comes from: which decoders apply. */
typedef enum cfs_ext_ctx {
	CFS_EXT_CERT,
	CFS_EXT_CRL,
	CFS_EXT_CRL_ENTRY,
	CFS_EXT_CSR,
} cfs_ext_ctx;

/* `extensions/` in parent, one directory per extension (ExtensionOID or
 * CRLEntryExtensionOID constant in lowercase, else dotted OID) with `oid`,
 * `critical`, `value` (the raw extnValue) and the decoded attributes. No
 * directory when exts has no extension (.p NULL or empty). An extension
 * that does not decode keeps oid/critical/value and gets `error`, its
 * offset from base (the object's DER; NULL: from the extension's value). */
void cfs_fields_extensions(cfs_tree *t, cfs_node *parent, xc_slice exts,
			   cfs_ext_ctx ctx, const uint8_t *base);

/* GeneralNames into dir: one file per type present (dns_name, rfc822_name,
 * uniform_resource_identifier, ip_address, registered_id, directory_name,
 * other_name, x400_address, edi_party_name), values one per line in DER
 * order. `network` formats ip_address as a network (name constraints:
 * 10.0.0.0/8). */
void cfs_fields_general_names(cfs_tree *t, cfs_node *dir, xc_slice gns, bool network);

/* The forms other tools print (fields_id.c). */

/* A text file `name`: bytes as uppercase hex in colon-separated pairs
 * (`AB:CD:...`), as `openssl x509 -fingerprint` prints a digest. */
cfs_node *cfs_colon_hex(cfs_tree *t, cfs_node *parent, const char *name, xc_slice bytes);

/* An INTEGER's value as `openssl x509 -serial` prints it (uppercase hex of
 * the magnitude in whole octets, zero as 00, a leading '-' if negative),
 * its octets colon-separated: malloc'd, NULL if malformed or out of
 * memory. The file `serial_number_hex` in dir holding it. */
char *cfs_serial_hex(xc_slice serial);
void cfs_serial_hex_file(cfs_tree *t, cfs_node *dir, xc_slice serial);

/* `file` (subject_hash, issuer_hash): OpenSSL's X509_NAME_hash of the
 * Name contents `name`, eight lowercase hex digits as `openssl x509
 * -subject_hash` prints it; a name OpenSSL could not load gets
 * `<file>_error` (offset from base). */
void cfs_name_hash_file(cfs_tree *t, cfs_node *dir, const char *file, xc_slice name,
			const uint8_t *base);

/* `file` (subject_openssl, issuer_openssl): the Name contents `name` as
 * `openssl x509 -subject -nameopt RFC2253` prints it
 * (xc_name_openssl_rfc2253); `<file>_error` if it cannot (offset from
 * base). */
void cfs_name_openssl_file(cfs_tree *t, cfs_node *dir, const char *file, xc_slice name,
			   const uint8_t *base);

/* `pin-sha256`: base64 of the SHA-256 of the SubjectPublicKeyInfo DER, the
 * value of curl's --pinnedpubkey sha256//... and HPKP's pin-sha256. */
void cfs_pin_file(cfs_tree *t, cfs_node *dir, xc_slice spki_raw);

/* The `text` page: a human-readable view of the whole object in the style
 * of `openssl x509 -noout -text` (crl, req likewise). Returns a malloc'd
 * buffer (*out_len bytes, ends with a newline) or NULL. */
char *cfs_text_page(cfs_type type, const uint8_t *der, size_t len, size_t *out_len);

#endif
