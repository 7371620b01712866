/*
 * xc/oid.h - object identifiers: dotted form, names, known-OID table.
 *
 * The table covers every OID of the pyca/cryptography x509 reference
 * (NameOID, SignatureAlgorithmOID, ExtendedKeyUsageOID,
 * AuthorityInformationAccessOID, SubjectInformationAccessOID,
 * CertificatePoliciesOID, ExtensionOID, CRLEntryExtensionOID,
 * OCSPExtensionOID, AttributeOID) and the public key, curve and hash
 * algorithms the core itself needs.
 *
 * Columns of XC_OID_LIST:
 *   id        XC_OID_<id>, the enum constant
 *   dotted    dotted-decimal form
 *   name      pyca's ObjectIdentifier._name where pyca has one; otherwise
 *             OpenSSL's long name (rsaEncryption, id-ecPublicKey, ...)
 *   constant  lowercase form of pyca's constant name (common_name,
 *             basic_constraints, rsa_with_sha256, ...): file names in the vfs
 *   kind      XC_OIDK_* bits: which pyca class(es) the OID belongs to
 */
#ifndef XC_OID_H
#define XC_OID_H

#include "err.h"
#include "slice.h"

enum {
	XC_OIDK_NAME = 1u << 0,        /* NameOID */
	XC_OIDK_SIGALG = 1u << 1,      /* SignatureAlgorithmOID */
	XC_OIDK_EXT = 1u << 2,         /* ExtensionOID */
	XC_OIDK_CRL_ENTRY_EXT = 1u << 3, /* CRLEntryExtensionOID */
	XC_OIDK_OCSP_EXT = 1u << 4,    /* OCSPExtensionOID */
	XC_OIDK_EKU = 1u << 5,         /* ExtendedKeyUsageOID */
	XC_OIDK_AIA = 1u << 6,         /* AuthorityInformationAccessOID */
	XC_OIDK_SIA = 1u << 7,         /* SubjectInformationAccessOID */
	XC_OIDK_POLICY = 1u << 8,      /* CertificatePoliciesOID */
	XC_OIDK_ATTR = 1u << 9,        /* AttributeOID (CSR attributes) */
	XC_OIDK_PUBKEY = 1u << 10,     /* SubjectPublicKeyInfo algorithm */
	XC_OIDK_CURVE = 1u << 11,      /* named elliptic curve */
	XC_OIDK_HASH = 1u << 12,       /* hash algorithm */
	XC_OIDK_MISC = 1u << 13,       /* other algorithm identifiers */
};

/* X(id, dotted, name, constant, kind) */
#define XC_OID_LIST(X) \
	/* NameOID */ \
	X(COMMON_NAME, "2.5.4.3", "commonName", "common_name", XC_OIDK_NAME) \
	X(COUNTRY_NAME, "2.5.4.6", "countryName", "country_name", XC_OIDK_NAME) \
	X(LOCALITY_NAME, "2.5.4.7", "localityName", "locality_name", XC_OIDK_NAME) \
	X(STATE_OR_PROVINCE_NAME, "2.5.4.8", "stateOrProvinceName", "state_or_province_name", XC_OIDK_NAME) \
	X(STREET_ADDRESS, "2.5.4.9", "streetAddress", "street_address", XC_OIDK_NAME) \
	X(ORGANIZATION_NAME, "2.5.4.10", "organizationName", "organization_name", XC_OIDK_NAME) \
	X(ORGANIZATIONAL_UNIT_NAME, "2.5.4.11", "organizationalUnitName", "organizational_unit_name", XC_OIDK_NAME) \
	X(SERIAL_NUMBER, "2.5.4.5", "serialNumber", "serial_number", XC_OIDK_NAME) \
	X(SURNAME, "2.5.4.4", "surname", "surname", XC_OIDK_NAME) \
	X(GIVEN_NAME, "2.5.4.42", "givenName", "given_name", XC_OIDK_NAME) \
	X(TITLE, "2.5.4.12", "title", "title", XC_OIDK_NAME) \
	X(GENERATION_QUALIFIER, "2.5.4.44", "generationQualifier", "generation_qualifier", XC_OIDK_NAME) \
	X(X500_UNIQUE_IDENTIFIER, "2.5.4.45", "x500UniqueIdentifier", "x500_unique_identifier", XC_OIDK_NAME) \
	X(DN_QUALIFIER, "2.5.4.46", "dnQualifier", "dn_qualifier", XC_OIDK_NAME) \
	X(PSEUDONYM, "2.5.4.65", "pseudonym", "pseudonym", XC_OIDK_NAME) \
	X(USER_ID, "0.9.2342.19200300.100.1.1", "userID", "user_id", XC_OIDK_NAME) \
	X(DOMAIN_COMPONENT, "0.9.2342.19200300.100.1.25", "domainComponent", "domain_component", XC_OIDK_NAME) \
	X(EMAIL_ADDRESS, "1.2.840.113549.1.9.1", "emailAddress", "email_address", XC_OIDK_NAME) \
	X(JURISDICTION_COUNTRY_NAME, "1.3.6.1.4.1.311.60.2.1.3", "jurisdictionCountryName", "jurisdiction_country_name", XC_OIDK_NAME) \
	X(JURISDICTION_LOCALITY_NAME, "1.3.6.1.4.1.311.60.2.1.1", "jurisdictionLocalityName", "jurisdiction_locality_name", XC_OIDK_NAME) \
	X(JURISDICTION_STATE_OR_PROVINCE_NAME, "1.3.6.1.4.1.311.60.2.1.2", "jurisdictionStateOrProvinceName", "jurisdiction_state_or_province_name", XC_OIDK_NAME) \
	X(BUSINESS_CATEGORY, "2.5.4.15", "businessCategory", "business_category", XC_OIDK_NAME) \
	X(POSTAL_ADDRESS, "2.5.4.16", "postalAddress", "postal_address", XC_OIDK_NAME) \
	X(POSTAL_CODE, "2.5.4.17", "postalCode", "postal_code", XC_OIDK_NAME) \
	X(INN, "1.2.643.3.131.1.1", "INN", "inn", XC_OIDK_NAME) \
	X(OGRN, "1.2.643.100.1", "OGRN", "ogrn", XC_OIDK_NAME) \
	X(SNILS, "1.2.643.100.3", "SNILS", "snils", XC_OIDK_NAME) \
	X(UNSTRUCTURED_NAME, "1.2.840.113549.1.9.2", "unstructuredName", "unstructured_name", XC_OIDK_NAME | XC_OIDK_ATTR) \
	/* SignatureAlgorithmOID */ \
	X(RSA_WITH_MD5, "1.2.840.113549.1.1.4", "md5WithRSAEncryption", "rsa_with_md5", XC_OIDK_SIGALG) \
	X(RSA_WITH_SHA1, "1.2.840.113549.1.1.5", "sha1WithRSAEncryption", "rsa_with_sha1", XC_OIDK_SIGALG) \
	X(RSA_WITH_SHA1_ALT, "1.3.14.3.2.29", "sha1WithRSA", "_rsa_with_sha1", XC_OIDK_SIGALG) \
	X(RSA_WITH_SHA224, "1.2.840.113549.1.1.14", "sha224WithRSAEncryption", "rsa_with_sha224", XC_OIDK_SIGALG) \
	X(RSA_WITH_SHA256, "1.2.840.113549.1.1.11", "sha256WithRSAEncryption", "rsa_with_sha256", XC_OIDK_SIGALG) \
	X(RSA_WITH_SHA384, "1.2.840.113549.1.1.12", "sha384WithRSAEncryption", "rsa_with_sha384", XC_OIDK_SIGALG) \
	X(RSA_WITH_SHA512, "1.2.840.113549.1.1.13", "sha512WithRSAEncryption", "rsa_with_sha512", XC_OIDK_SIGALG) \
	X(RSA_WITH_SHA3_224, "2.16.840.1.101.3.4.3.13", "RSA-SHA3-224", "rsa_with_sha3_224", XC_OIDK_SIGALG) \
	X(RSA_WITH_SHA3_256, "2.16.840.1.101.3.4.3.14", "RSA-SHA3-256", "rsa_with_sha3_256", XC_OIDK_SIGALG) \
	X(RSA_WITH_SHA3_384, "2.16.840.1.101.3.4.3.15", "RSA-SHA3-384", "rsa_with_sha3_384", XC_OIDK_SIGALG) \
	X(RSA_WITH_SHA3_512, "2.16.840.1.101.3.4.3.16", "RSA-SHA3-512", "rsa_with_sha3_512", XC_OIDK_SIGALG) \
	X(RSASSA_PSS, "1.2.840.113549.1.1.10", "RSASSA-PSS", "rsassa_pss", XC_OIDK_SIGALG) \
	X(ECDSA_WITH_SHA1, "1.2.840.10045.4.1", "ecdsa-with-SHA1", "ecdsa_with_sha1", XC_OIDK_SIGALG) \
	X(ECDSA_WITH_SHA224, "1.2.840.10045.4.3.1", "ecdsa-with-SHA224", "ecdsa_with_sha224", XC_OIDK_SIGALG) \
	X(ECDSA_WITH_SHA256, "1.2.840.10045.4.3.2", "ecdsa-with-SHA256", "ecdsa_with_sha256", XC_OIDK_SIGALG) \
	X(ECDSA_WITH_SHA384, "1.2.840.10045.4.3.3", "ecdsa-with-SHA384", "ecdsa_with_sha384", XC_OIDK_SIGALG) \
	X(ECDSA_WITH_SHA512, "1.2.840.10045.4.3.4", "ecdsa-with-SHA512", "ecdsa_with_sha512", XC_OIDK_SIGALG) \
	X(ECDSA_WITH_SHA3_224, "2.16.840.1.101.3.4.3.9", "ecdsa_with_SHA3-224", "ecdsa_with_sha3_224", XC_OIDK_SIGALG) \
	X(ECDSA_WITH_SHA3_256, "2.16.840.1.101.3.4.3.10", "ecdsa_with_SHA3-256", "ecdsa_with_sha3_256", XC_OIDK_SIGALG) \
	X(ECDSA_WITH_SHA3_384, "2.16.840.1.101.3.4.3.11", "ecdsa_with_SHA3-384", "ecdsa_with_sha3_384", XC_OIDK_SIGALG) \
	X(ECDSA_WITH_SHA3_512, "2.16.840.1.101.3.4.3.12", "ecdsa_with_SHA3-512", "ecdsa_with_sha3_512", XC_OIDK_SIGALG) \
	X(DSA_WITH_SHA1, "1.2.840.10040.4.3", "dsa-with-sha1", "dsa_with_sha1", XC_OIDK_SIGALG) \
	X(DSA_WITH_SHA224, "2.16.840.1.101.3.4.3.1", "dsa-with-sha224", "dsa_with_sha224", XC_OIDK_SIGALG) \
	X(DSA_WITH_SHA256, "2.16.840.1.101.3.4.3.2", "dsa-with-sha256", "dsa_with_sha256", XC_OIDK_SIGALG) \
	X(DSA_WITH_SHA384, "2.16.840.1.101.3.4.3.3", "dsa_with_SHA384", "dsa_with_sha384", XC_OIDK_SIGALG) \
	X(DSA_WITH_SHA512, "2.16.840.1.101.3.4.3.4", "dsa_with_SHA512", "dsa_with_sha512", XC_OIDK_SIGALG) \
	X(ED25519, "1.3.101.112", "ed25519", "ed25519", XC_OIDK_SIGALG | XC_OIDK_PUBKEY) \
	X(ED448, "1.3.101.113", "ed448", "ed448", XC_OIDK_SIGALG | XC_OIDK_PUBKEY) \
	X(GOSTR3411_94_WITH_3410_2001, "1.2.643.2.2.3", "GOST R 34.11-94 with GOST R 34.10-2001", "gostr3411_94_with_3410_2001", XC_OIDK_SIGALG) \
	X(GOSTR3410_2012_WITH_3411_2012_256, "1.2.643.7.1.1.3.2", "GOST R 34.10-2012 with GOST R 34.11-2012 (256 bit)", "gostr3410_2012_with_3411_2012_256", XC_OIDK_SIGALG) \
	X(GOSTR3410_2012_WITH_3411_2012_512, "1.2.643.7.1.1.3.3", "GOST R 34.10-2012 with GOST R 34.11-2012 (512 bit)", "gostr3410_2012_with_3411_2012_512", XC_OIDK_SIGALG) \
	/* ExtendedKeyUsageOID */ \
	X(SERVER_AUTH, "1.3.6.1.5.5.7.3.1", "serverAuth", "server_auth", XC_OIDK_EKU) \
	X(CLIENT_AUTH, "1.3.6.1.5.5.7.3.2", "clientAuth", "client_auth", XC_OIDK_EKU) \
	X(CODE_SIGNING, "1.3.6.1.5.5.7.3.3", "codeSigning", "code_signing", XC_OIDK_EKU) \
	X(EMAIL_PROTECTION, "1.3.6.1.5.5.7.3.4", "emailProtection", "email_protection", XC_OIDK_EKU) \
	X(TIME_STAMPING, "1.3.6.1.5.5.7.3.8", "timeStamping", "time_stamping", XC_OIDK_EKU) \
	X(OCSP_SIGNING, "1.3.6.1.5.5.7.3.9", "OCSPSigning", "ocsp_signing", XC_OIDK_EKU) \
	X(ANY_EXTENDED_KEY_USAGE, "2.5.29.37.0", "Any Extended Key Usage", "any_extended_key_usage", XC_OIDK_EKU) \
	X(SMARTCARD_LOGON, "1.3.6.1.4.1.311.20.2.2", "msSmartcardLogin", "smartcard_logon", XC_OIDK_EKU) \
	X(KERBEROS_PKINIT_KDC, "1.3.6.1.5.2.3.5", "pkInitKDC", "kerberos_pkinit_kdc", XC_OIDK_EKU) \
	X(IPSEC_IKE, "1.3.6.1.5.5.7.3.17", "ipsec Internet Key Exchange", "ipsec_ike", XC_OIDK_EKU) \
	X(CERTIFICATE_TRANSPARENCY, "1.3.6.1.4.1.11129.2.4.4", "CT Precertificate Signer", "certificate_transparency", XC_OIDK_EKU) \
	/* ExtensionOID */ \
	X(SUBJECT_DIRECTORY_ATTRIBUTES, "2.5.29.9", "subjectDirectoryAttributes", "subject_directory_attributes", XC_OIDK_EXT) \
	X(SUBJECT_KEY_IDENTIFIER, "2.5.29.14", "subjectKeyIdentifier", "subject_key_identifier", XC_OIDK_EXT) \
	X(KEY_USAGE, "2.5.29.15", "keyUsage", "key_usage", XC_OIDK_EXT) \
	X(SUBJECT_ALTERNATIVE_NAME, "2.5.29.17", "subjectAltName", "subject_alternative_name", XC_OIDK_EXT) \
	X(ISSUER_ALTERNATIVE_NAME, "2.5.29.18", "issuerAltName", "issuer_alternative_name", XC_OIDK_EXT) \
	X(BASIC_CONSTRAINTS, "2.5.29.19", "basicConstraints", "basic_constraints", XC_OIDK_EXT) \
	X(NAME_CONSTRAINTS, "2.5.29.30", "nameConstraints", "name_constraints", XC_OIDK_EXT) \
	X(CRL_DISTRIBUTION_POINTS, "2.5.29.31", "cRLDistributionPoints", "crl_distribution_points", XC_OIDK_EXT) \
	X(CERTIFICATE_POLICIES, "2.5.29.32", "certificatePolicies", "certificate_policies", XC_OIDK_EXT) \
	X(POLICY_MAPPINGS, "2.5.29.33", "policyMappings", "policy_mappings", XC_OIDK_EXT) \
	X(AUTHORITY_KEY_IDENTIFIER, "2.5.29.35", "authorityKeyIdentifier", "authority_key_identifier", XC_OIDK_EXT) \
	X(POLICY_CONSTRAINTS, "2.5.29.36", "policyConstraints", "policy_constraints", XC_OIDK_EXT) \
	X(EXTENDED_KEY_USAGE, "2.5.29.37", "extendedKeyUsage", "extended_key_usage", XC_OIDK_EXT) \
	X(FRESHEST_CRL, "2.5.29.46", "freshestCRL", "freshest_crl", XC_OIDK_EXT) \
	X(INHIBIT_ANY_POLICY, "2.5.29.54", "inhibitAnyPolicy", "inhibit_any_policy", XC_OIDK_EXT) \
	X(ISSUING_DISTRIBUTION_POINT, "2.5.29.28", "issuingDistributionPoint", "issuing_distribution_point", XC_OIDK_EXT) \
	X(AUTHORITY_INFORMATION_ACCESS, "1.3.6.1.5.5.7.1.1", "authorityInfoAccess", "authority_information_access", XC_OIDK_EXT) \
	X(SUBJECT_INFORMATION_ACCESS, "1.3.6.1.5.5.7.1.11", "subjectInfoAccess", "subject_information_access", XC_OIDK_EXT) \
	X(OCSP_NO_CHECK, "1.3.6.1.5.5.7.48.1.5", "OCSPNoCheck", "ocsp_no_check", XC_OIDK_EXT) \
	X(TLS_FEATURE, "1.3.6.1.5.5.7.1.24", "TLSFeature", "tls_feature", XC_OIDK_EXT) \
	X(CRL_NUMBER, "2.5.29.20", "cRLNumber", "crl_number", XC_OIDK_EXT) \
	X(DELTA_CRL_INDICATOR, "2.5.29.27", "deltaCRLIndicator", "delta_crl_indicator", XC_OIDK_EXT) \
	X(PRECERT_SIGNED_CERTIFICATE_TIMESTAMPS, "1.3.6.1.4.1.11129.2.4.2", "signedCertificateTimestampList", "precert_signed_certificate_timestamps", XC_OIDK_EXT) \
	X(PRECERT_POISON, "1.3.6.1.4.1.11129.2.4.3", "ctPoison", "precert_poison", XC_OIDK_EXT) \
	X(SIGNED_CERTIFICATE_TIMESTAMPS, "1.3.6.1.4.1.11129.2.4.5", "signedCertificateTimestampList", "signed_certificate_timestamps", XC_OIDK_EXT) \
	/* CRLEntryExtensionOID */ \
	X(CERTIFICATE_ISSUER, "2.5.29.29", "certificateIssuer", "certificate_issuer", XC_OIDK_CRL_ENTRY_EXT) \
	X(CRL_REASON, "2.5.29.21", "cRLReason", "crl_reason", XC_OIDK_CRL_ENTRY_EXT) \
	X(INVALIDITY_DATE, "2.5.29.24", "invalidityDate", "invalidity_date", XC_OIDK_CRL_ENTRY_EXT) \
	/* OCSPExtensionOID */ \
	X(NONCE, "1.3.6.1.5.5.7.48.1.2", "OCSPNonce", "nonce", XC_OIDK_OCSP_EXT) \
	/* AuthorityInformationAccessOID, SubjectInformationAccessOID */ \
	X(OCSP, "1.3.6.1.5.5.7.48.1", "OCSP", "ocsp", XC_OIDK_AIA) \
	X(CA_ISSUERS, "1.3.6.1.5.5.7.48.2", "caIssuers", "ca_issuers", XC_OIDK_AIA) \
	X(CA_REPOSITORY, "1.3.6.1.5.5.7.48.5", "caRepository", "ca_repository", XC_OIDK_SIA) \
	/* CertificatePoliciesOID */ \
	X(CPS_QUALIFIER, "1.3.6.1.5.5.7.2.1", "id-qt-cps", "cps_qualifier", XC_OIDK_POLICY) \
	X(CPS_USER_NOTICE, "1.3.6.1.5.5.7.2.2", "id-qt-unotice", "cps_user_notice", XC_OIDK_POLICY) \
	X(ANY_POLICY, "2.5.29.32.0", "X509v3 Any Policy", "any_policy", XC_OIDK_POLICY) \
	/* AttributeOID and other PKCS#9 attributes */ \
	X(CHALLENGE_PASSWORD, "1.2.840.113549.1.9.7", "challengePassword", "challenge_password", XC_OIDK_ATTR) \
	X(UNSTRUCTURED_ADDRESS, "1.2.840.113549.1.9.8", "unstructuredAddress", "unstructured_address", XC_OIDK_ATTR) \
	X(EXTENSION_REQUEST, "1.2.840.113549.1.9.14", "Extension Request", "extension_request", XC_OIDK_ATTR) \
	X(MS_EXTENSION_REQUEST, "1.3.6.1.4.1.311.2.1.14", "Microsoft Extension Request", "ms_extension_request", XC_OIDK_ATTR) \
	/* public key algorithms */ \
	X(RSA_ENCRYPTION, "1.2.840.113549.1.1.1", "rsaEncryption", "rsa_encryption", XC_OIDK_PUBKEY) \
	X(RSAES_OAEP, "1.2.840.113549.1.1.7", "rsaesOaep", "rsaes_oaep", XC_OIDK_PUBKEY) \
	X(EC_PUBLIC_KEY, "1.2.840.10045.2.1", "id-ecPublicKey", "ec_public_key", XC_OIDK_PUBKEY) \
	X(DSA, "1.2.840.10040.4.1", "dsaEncryption", "dsa", XC_OIDK_PUBKEY) \
	X(DH_PUBLIC_NUMBER, "1.2.840.10046.2.1", "X9.42 DH", "dh_public_number", XC_OIDK_PUBKEY) \
	X(DH_KEY_AGREEMENT, "1.2.840.113549.1.3.1", "dhKeyAgreement", "dh_key_agreement", XC_OIDK_PUBKEY) \
	X(X25519, "1.3.101.110", "X25519", "x25519", XC_OIDK_PUBKEY) \
	X(X448, "1.3.101.111", "X448", "x448", XC_OIDK_PUBKEY) \
	/* named curves: name is pyca's curve name */ \
	X(SECP192R1, "1.2.840.10045.3.1.1", "secp192r1", "secp192r1", XC_OIDK_CURVE) \
	X(SECP224R1, "1.3.132.0.33", "secp224r1", "secp224r1", XC_OIDK_CURVE) \
	X(SECP256R1, "1.2.840.10045.3.1.7", "secp256r1", "secp256r1", XC_OIDK_CURVE) \
	X(SECP384R1, "1.3.132.0.34", "secp384r1", "secp384r1", XC_OIDK_CURVE) \
	X(SECP521R1, "1.3.132.0.35", "secp521r1", "secp521r1", XC_OIDK_CURVE) \
	X(SECP256K1, "1.3.132.0.10", "secp256k1", "secp256k1", XC_OIDK_CURVE) \
	X(SECT163K1, "1.3.132.0.1", "sect163k1", "sect163k1", XC_OIDK_CURVE) \
	X(SECT163R2, "1.3.132.0.15", "sect163r2", "sect163r2", XC_OIDK_CURVE) \
	X(SECT233K1, "1.3.132.0.26", "sect233k1", "sect233k1", XC_OIDK_CURVE) \
	X(SECT233R1, "1.3.132.0.27", "sect233r1", "sect233r1", XC_OIDK_CURVE) \
	X(SECT283K1, "1.3.132.0.16", "sect283k1", "sect283k1", XC_OIDK_CURVE) \
	X(SECT283R1, "1.3.132.0.17", "sect283r1", "sect283r1", XC_OIDK_CURVE) \
	X(SECT409K1, "1.3.132.0.36", "sect409k1", "sect409k1", XC_OIDK_CURVE) \
	X(SECT409R1, "1.3.132.0.37", "sect409r1", "sect409r1", XC_OIDK_CURVE) \
	X(SECT571K1, "1.3.132.0.38", "sect571k1", "sect571k1", XC_OIDK_CURVE) \
	X(SECT571R1, "1.3.132.0.39", "sect571r1", "sect571r1", XC_OIDK_CURVE) \
	X(BRAINPOOLP256R1, "1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1", "brainpoolp256r1", XC_OIDK_CURVE) \
	X(BRAINPOOLP384R1, "1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1", "brainpoolp384r1", XC_OIDK_CURVE) \
	X(BRAINPOOLP512R1, "1.3.36.3.3.2.8.1.1.13", "brainpoolP512r1", "brainpoolp512r1", XC_OIDK_CURVE) \
	/* hash algorithms: name is pyca's hash name */ \
	X(MD5, "1.2.840.113549.2.5", "md5", "md5", XC_OIDK_HASH) \
	X(SHA1, "1.3.14.3.2.26", "sha1", "sha1", XC_OIDK_HASH) \
	X(SHA224, "2.16.840.1.101.3.4.2.4", "sha224", "sha224", XC_OIDK_HASH) \
	X(SHA256, "2.16.840.1.101.3.4.2.1", "sha256", "sha256", XC_OIDK_HASH) \
	X(SHA384, "2.16.840.1.101.3.4.2.2", "sha384", "sha384", XC_OIDK_HASH) \
	X(SHA512, "2.16.840.1.101.3.4.2.3", "sha512", "sha512", XC_OIDK_HASH) \
	X(SHA3_224, "2.16.840.1.101.3.4.2.7", "sha3-224", "sha3_224", XC_OIDK_HASH) \
	X(SHA3_256, "2.16.840.1.101.3.4.2.8", "sha3-256", "sha3_256", XC_OIDK_HASH) \
	X(SHA3_384, "2.16.840.1.101.3.4.2.9", "sha3-384", "sha3_384", XC_OIDK_HASH) \
	X(SHA3_512, "2.16.840.1.101.3.4.2.10", "sha3-512", "sha3_512", XC_OIDK_HASH) \
	/* other algorithm identifiers */ \
	X(MGF1, "1.2.840.113549.1.1.8", "mgf1", "mgf1", XC_OIDK_MISC)

typedef enum xc_oid_id {
	XC_OID_UNKNOWN = 0,
#define XC_OID_ENUM_(id, dotted, name, constant, kind) XC_OID_##id,
	XC_OID_LIST(XC_OID_ENUM_)
#undef XC_OID_ENUM_
	XC_OID_COUNT
} xc_oid_id;

typedef struct xc_oid_info {
	xc_oid_id id;
	const uint8_t *der;     /* contents octets */
	uint8_t der_len;
	const char *dotted;
	const char *name;
	const char *constant;
	uint16_t kind;
} xc_oid_info;

/* Looks up an OID (its contents octets). XC_OID_UNKNOWN if not in the
 * table. Constant time in practice: a perfect lookup, no allocation. */
xc_oid_id xc_oid_lookup(xc_slice oid);

/* The table row of a known id (NULL for XC_OID_UNKNOWN or out of range). */
const xc_oid_info *xc_oid_info_of(xc_oid_id id);

/* True if `oid` (contents octets) is the known OID `id`. */
bool xc_oid_is(xc_slice oid, xc_oid_id id);

/* Formats OID contents in dotted-decimal form into buf, NUL-terminated.
 * *len (may be NULL) gets the length without the NUL. Errors: XC_ERR_OID
 * (malformed), XC_ERR_OID_OVERFLOW (an arc above 2^64-1), XC_ERR_BUFFER.
 * XC_OID_DOTTED_MAX bytes always suffice for OIDs of up to 64 contents
 * octets. */
xc_err xc_oid_to_dotted(xc_slice oid, char *buf, size_t cap, size_t *len);
#define XC_OID_DOTTED_MAX 260

/* The name of an OID as pyca's ObjectIdentifier._name gives it, or NULL
 * for an OID outside the table. */
const char *xc_oid_name(xc_slice oid);

#endif
