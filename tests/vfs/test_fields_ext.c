/*
 * test_fields_ext.c - `extensions/` (vfs/fields_ext.c): every extension type the
 * vfs decodes, built from real objects of cryptography_vectors/x509 and
 * checked file by file against what pyca/cryptography 38 reports (the
 * expected values were taken from pyca and agree with a sweep of the whole
 * vectors tree); undecodable values, duplicates, unknown OIDs, the
 * per-context decoder sets and GeneralNames on their own.
 */
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "testutil.h"

#ifndef VECTORS_DIR
#define VECTORS_DIR "/usr/lib/python3/dist-packages/cryptography_vectors"
#endif

/* One file of an extensions/ tree: `want` NULL means it must not exist. */
typedef struct ext_case {
	const char *file;       /* under VECTORS_DIR/x509 */
	cfs_type type;          /* the object to parse */
	cfs_ext_ctx ctx;        /* the extensions block to show, and how */
	int entry;              /* CRL entry index for CFS_EXT_CRL_ENTRY */
	const char *path;       /* under extensions/ */
	const char *want;
} ext_case;

static const ext_case cases[] = {
	/* decoded extensions; values from pyca 38 */
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1, "basic_constraints/ca", "true\n" },
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1, "basic_constraints/critical", "true\n" },
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1, "basic_constraints/oid", "2.5.29.19\n" },
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/content_commitment", "false\n" },
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/critical", "true\n" },
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/crl_sign", "true\n" },
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/data_encipherment", "false\n" },
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/digital_signature", "false\n" },
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/key_agreement", "false\n" },
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/key_cert_sign", "true\n" },
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/key_encipherment", "false\n" },
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/oid", "2.5.29.15\n" },
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1, "subject_key_identifier/critical", "false\n" },
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1, "subject_key_identifier/digest", "8b983b891851e8ef9c0278b8eac8d420b255c95d\n" },
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1, "subject_key_identifier/oid", "2.5.29.14\n" },
	{ "cryptography.io.chain.pem", CFS_CERT, CFS_EXT_CERT, -1, "basic_constraints/ca", "false\n" },
	{ "cryptography.io.chain.pem", CFS_CERT, CFS_EXT_CERT, -1, "basic_constraints/critical", "true\n" },
	{ "cryptography.io.chain.pem", CFS_CERT, CFS_EXT_CERT, -1, "basic_constraints/oid", "2.5.29.19\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/content_commitment", "false\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/critical", "true\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/crl_sign", "false\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/data_encipherment", "false\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/decipher_only", "false\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/digital_signature", "true\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/encipher_only", "false\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/key_agreement", "true\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/key_cert_sign", "false\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/key_encipherment", "true\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/oid", "2.5.29.15\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "authority_information_access/0/access_location/uniform_resource_identifier", "http://ocsp1.netlock.hu/cbca.cgi\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "authority_information_access/0/access_method", "1.3.6.1.5.5.7.48.1\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "authority_information_access/1/access_location/uniform_resource_identifier", "http://ocsp2.netlock.hu/cbca.cgi\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "authority_information_access/1/access_method", "1.3.6.1.5.5.7.48.1\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "authority_information_access/2/access_location/uniform_resource_identifier", "http://ocsp3.netlock.hu/cbca.cgi\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "authority_information_access/2/access_method", "1.3.6.1.5.5.7.48.1\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "authority_information_access/3/access_location/uniform_resource_identifier", "http://aia1.netlock.hu/index.cgi?ca=cbca\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "authority_information_access/3/access_method", "1.3.6.1.5.5.7.48.2\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "authority_information_access/4/access_location/uniform_resource_identifier", "http://aia2.netlock.hu/index.cgi?ca=cbca\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "authority_information_access/4/access_method", "1.3.6.1.5.5.7.48.2\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "authority_information_access/5/access_location/uniform_resource_identifier", "http://aia3.netlock.hu/index.cgi?ca=cbca\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "authority_information_access/5/access_method", "1.3.6.1.5.5.7.48.2\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "authority_information_access/critical", "false\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "authority_information_access/oid", "1.3.6.1.5.5.7.1.1\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "crl_distribution_points/0/full_name/uniform_resource_identifier", "http://crl1.netlock.hu/index.cgi?crl=cbca\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "crl_distribution_points/1/full_name/uniform_resource_identifier", "http://crl2.netlock.hu/index.cgi?crl=cbca\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "crl_distribution_points/2/full_name/uniform_resource_identifier", "http://crl3.netlock.hu/index.cgi?crl=cbca\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "crl_distribution_points/critical", "false\n" },
	{ "utf8-dnsname.pem", CFS_CERT, CFS_EXT_CERT, -1, "crl_distribution_points/oid", "2.5.29.31\n" },
	{ "custom/authority_key_identifier.pem", CFS_CERT, CFS_EXT_CERT, -1, "authority_key_identifier/authority_cert_issuer/directory_name", "CN=cryptography.io,O=PyCA\n" },
	{ "custom/authority_key_identifier.pem", CFS_CERT, CFS_EXT_CERT, -1, "authority_key_identifier/authority_cert_serial_number", "3\n" },
	{ "custom/authority_key_identifier.pem", CFS_CERT, CFS_EXT_CERT, -1, "authority_key_identifier/critical", "false\n" },
	{ "custom/authority_key_identifier.pem", CFS_CERT, CFS_EXT_CERT, -1, "authority_key_identifier/key_identifier", "39453eca3d621dea8649f65aab40b7a47098f1ec\n" },
	{ "custom/authority_key_identifier.pem", CFS_CERT, CFS_EXT_CERT, -1, "authority_key_identifier/oid", "2.5.29.35\n" },
	{ "custom/crl_all_reasons.pem", CFS_CRL, CFS_EXT_CRL_ENTRY, 1, "certificate_issuer/critical", "false\n" },
	{ "custom/crl_all_reasons.pem", CFS_CRL, CFS_EXT_CRL_ENTRY, 1, "certificate_issuer/directory_name", "CN=cryptography.io,C=US\n" },
	{ "custom/crl_all_reasons.pem", CFS_CRL, CFS_EXT_CRL_ENTRY, 1, "certificate_issuer/oid", "2.5.29.29\n" },
	{ "custom/crl_all_reasons.pem", CFS_CRL, CFS_EXT_CRL_ENTRY, 1, "crl_reason/critical", "false\n" },
	{ "custom/crl_all_reasons.pem", CFS_CRL, CFS_EXT_CRL_ENTRY, 1, "crl_reason/oid", "2.5.29.21\n" },
	{ "custom/crl_all_reasons.pem", CFS_CRL, CFS_EXT_CRL_ENTRY, 1, "crl_reason/reason", "unspecified\n" },
	{ "custom/crl_all_reasons.pem", CFS_CRL, CFS_EXT_CRL_ENTRY, 1, "invalidity_date/critical", "false\n" },
	{ "custom/crl_all_reasons.pem", CFS_CRL, CFS_EXT_CRL_ENTRY, 1, "invalidity_date/invalidity_date", "2015-01-01T00:00:00Z\n" },
	{ "custom/crl_all_reasons.pem", CFS_CRL, CFS_EXT_CRL_ENTRY, 1, "invalidity_date/oid", "2.5.29.24\n" },
	{ "custom/cp_user_notice_with_notice_reference.pem", CFS_CERT, CFS_EXT_CERT, -1, "certificate_policies/0/policy_identifier", "2.16.840.1.12345.1.2.3.4.1\n" },
	{ "custom/cp_user_notice_with_notice_reference.pem", CFS_CERT, CFS_EXT_CERT, -1, "certificate_policies/0/policy_qualifiers/0", "http://example.com/cps\n" },
	{ "custom/cp_user_notice_with_notice_reference.pem", CFS_CERT, CFS_EXT_CERT, -1, "certificate_policies/0/policy_qualifiers/1", "http://other.com/cps\n" },
	{ "custom/cp_user_notice_with_notice_reference.pem", CFS_CERT, CFS_EXT_CERT, -1, "certificate_policies/0/policy_qualifiers/2/explicit_text", "thing\n" },
	{ "custom/cp_user_notice_with_notice_reference.pem", CFS_CERT, CFS_EXT_CERT, -1, "certificate_policies/0/policy_qualifiers/2/notice_reference/notice_numbers", "1\n2\n3\n4\n" },
	{ "custom/cp_user_notice_with_notice_reference.pem", CFS_CERT, CFS_EXT_CERT, -1, "certificate_policies/0/policy_qualifiers/2/notice_reference/organization", "my org\n" },
	{ "custom/cp_user_notice_with_notice_reference.pem", CFS_CERT, CFS_EXT_CERT, -1, "certificate_policies/critical", "false\n" },
	{ "custom/cp_user_notice_with_notice_reference.pem", CFS_CERT, CFS_EXT_CERT, -1, "certificate_policies/oid", "2.5.29.32\n" },
	{ "cryptography-scts.pem", CFS_CERT, CFS_EXT_CERT, -1, "precert_signed_certificate_timestamps/0/entry_type", "PRE_CERTIFICATE\n" },
	{ "cryptography-scts.pem", CFS_CERT, CFS_EXT_CERT, -1, "precert_signed_certificate_timestamps/0/extension_bytes", "\n" },
	{ "cryptography-scts.pem", CFS_CERT, CFS_EXT_CERT, -1, "precert_signed_certificate_timestamps/0/log_id", "293c519654c83965baaa50fc5807d4b76fbf587a2972dca4c30cf4e54547f478\n" },
	{ "cryptography-scts.pem", CFS_CERT, CFS_EXT_CERT, -1, "precert_signed_certificate_timestamps/0/signature", "3046022100a5cea87c506e718c26e348bbf40bc10e75e84d7de63a8b4d1e7e890a72daa440022100dea9f1d0c353fcd337e15b715f80288575805d4b7702c02702eed8f7154e7c72\n" },
	{ "cryptography-scts.pem", CFS_CERT, CFS_EXT_CERT, -1, "precert_signed_certificate_timestamps/0/signature_algorithm", "ECDSA\n" },
	{ "cryptography-scts.pem", CFS_CERT, CFS_EXT_CERT, -1, "precert_signed_certificate_timestamps/0/signature_hash_algorithm", "sha256\n" },
	{ "cryptography-scts.pem", CFS_CERT, CFS_EXT_CERT, -1, "precert_signed_certificate_timestamps/0/timestamp", "2018-09-26T20:56:33Z\n" },
	{ "cryptography-scts.pem", CFS_CERT, CFS_EXT_CERT, -1, "precert_signed_certificate_timestamps/0/version", "v1\n" },
	{ "cryptography-scts.pem", CFS_CERT, CFS_EXT_CERT, -1, "precert_signed_certificate_timestamps/1/entry_type", "PRE_CERTIFICATE\n" },
	{ "cryptography-scts.pem", CFS_CERT, CFS_EXT_CERT, -1, "precert_signed_certificate_timestamps/1/extension_bytes", "\n" },
	{ "cryptography-scts.pem", CFS_CERT, CFS_EXT_CERT, -1, "precert_signed_certificate_timestamps/1/log_id", "6f5376ac31f03119d89900a45115ff77151c11d902c10029068db2089a37d913\n" },
	{ "cryptography-scts.pem", CFS_CERT, CFS_EXT_CERT, -1, "precert_signed_certificate_timestamps/1/signature", "3046022100a2e0d9fe639414f8bdcdd7f69db090d5b89207b480c78ac2c5c40e361e92a3a6022100bce70dc38431fafc851f25c0234e5cde4b9064e08d3c7bcadb6463ef74876710\n" },
	{ "cryptography-scts.pem", CFS_CERT, CFS_EXT_CERT, -1, "precert_signed_certificate_timestamps/1/signature_algorithm", "ECDSA\n" },
	{ "cryptography-scts.pem", CFS_CERT, CFS_EXT_CERT, -1, "precert_signed_certificate_timestamps/1/signature_hash_algorithm", "sha256\n" },
	{ "cryptography-scts.pem", CFS_CERT, CFS_EXT_CERT, -1, "precert_signed_certificate_timestamps/1/timestamp", "2018-09-26T20:56:33Z\n" },
	{ "cryptography-scts.pem", CFS_CERT, CFS_EXT_CERT, -1, "precert_signed_certificate_timestamps/1/version", "v1\n" },
	{ "cryptography-scts.pem", CFS_CERT, CFS_EXT_CERT, -1, "precert_signed_certificate_timestamps/critical", "false\n" },
	{ "cryptography-scts.pem", CFS_CERT, CFS_EXT_CERT, -1, "precert_signed_certificate_timestamps/oid", "1.3.6.1.4.1.11129.2.4.2\n" },
	{ "custom/cdp_fullname_reasons_crl_issuer.pem", CFS_CERT, CFS_EXT_CERT, -1, "crl_distribution_points/0/crl_issuer/directory_name", "CN=cryptography CA,O=PyCA,C=US\n" },
	{ "custom/cdp_fullname_reasons_crl_issuer.pem", CFS_CERT, CFS_EXT_CERT, -1, "crl_distribution_points/0/full_name/uniform_resource_identifier", "http://myhost.com/myca.crl\n" },
	{ "custom/cdp_fullname_reasons_crl_issuer.pem", CFS_CERT, CFS_EXT_CERT, -1, "crl_distribution_points/0/reasons", "key_compromise\nca_compromise\n" },
	{ "custom/cdp_fullname_reasons_crl_issuer.pem", CFS_CERT, CFS_EXT_CERT, -1, "crl_distribution_points/critical", "false\n" },
	{ "custom/cdp_fullname_reasons_crl_issuer.pem", CFS_CERT, CFS_EXT_CERT, -1, "crl_distribution_points/oid", "2.5.29.31\n" },
	{ "PKITS_data/certs/ValidcRLIssuerTest29EE.crt", CFS_CERT, CFS_EXT_CERT, -1, "crl_distribution_points/0/crl_issuer/directory_name", "OU=indirectCRL CA3 cRLIssuer,O=Test Certificates 2011,C=US\n" },
	{ "PKITS_data/certs/ValidcRLIssuerTest29EE.crt", CFS_CERT, CFS_EXT_CERT, -1, "crl_distribution_points/0/relative_name", "CN=indirect CRL for indirectCRL CA3\n" },
	{ "PKITS_data/certs/ValidcRLIssuerTest29EE.crt", CFS_CERT, CFS_EXT_CERT, -1, "crl_distribution_points/critical", "false\n" },
	{ "PKITS_data/certs/ValidcRLIssuerTest29EE.crt", CFS_CERT, CFS_EXT_CERT, -1, "crl_distribution_points/oid", "2.5.29.31\n" },
	{ "custom/crl_delta_crl_indicator.pem", CFS_CRL, CFS_EXT_CRL, -1, "crl_number/critical", "false\n" },
	{ "custom/crl_delta_crl_indicator.pem", CFS_CRL, CFS_EXT_CRL, -1, "crl_number/crl_number", "12345678901234567891\n" },
	{ "custom/crl_delta_crl_indicator.pem", CFS_CRL, CFS_EXT_CRL, -1, "crl_number/oid", "2.5.29.20\n" },
	{ "custom/crl_delta_crl_indicator.pem", CFS_CRL, CFS_EXT_CRL, -1, "delta_crl_indicator/critical", "true\n" },
	{ "custom/crl_delta_crl_indicator.pem", CFS_CRL, CFS_EXT_CRL, -1, "delta_crl_indicator/crl_number", "12345678901234567890\n" },
	{ "custom/crl_delta_crl_indicator.pem", CFS_CRL, CFS_EXT_CRL, -1, "delta_crl_indicator/oid", "2.5.29.27\n" },
	{ "custom/alternate-rsa-sha1-oid.der", CFS_CERT, CFS_EXT_CERT, -1, "extended_key_usage/critical", "false\n" },
	{ "custom/alternate-rsa-sha1-oid.der", CFS_CERT, CFS_EXT_CERT, -1, "extended_key_usage/oid", "2.5.29.37\n" },
	{ "custom/alternate-rsa-sha1-oid.der", CFS_CERT, CFS_EXT_CERT, -1, "extended_key_usage/usages", "1.3.6.1.5.5.7.3.1\n" },
	{ "custom/freshestcrl.pem", CFS_CERT, CFS_EXT_CERT, -1, "freshest_crl/0/crl_issuer/directory_name", "CN=cryptography CA,C=US\n" },
	{ "custom/freshestcrl.pem", CFS_CERT, CFS_EXT_CERT, -1, "freshest_crl/0/full_name/uniform_resource_identifier", "http://myhost.com/myca.crl\nhttp://backup.myhost.com/myca.crl\n" },
	{ "custom/freshestcrl.pem", CFS_CERT, CFS_EXT_CERT, -1, "freshest_crl/0/reasons", "key_compromise\nca_compromise\n" },
	{ "custom/freshestcrl.pem", CFS_CERT, CFS_EXT_CERT, -1, "freshest_crl/critical", "false\n" },
	{ "custom/freshestcrl.pem", CFS_CERT, CFS_EXT_CERT, -1, "freshest_crl/oid", "2.5.29.46\n" },
	{ "department-of-state-root.pem", CFS_CERT, CFS_EXT_CERT, -1, "inhibit_any_policy/critical", "true\n" },
	{ "department-of-state-root.pem", CFS_CERT, CFS_EXT_CERT, -1, "inhibit_any_policy/oid", "2.5.29.54\n" },
	{ "department-of-state-root.pem", CFS_CERT, CFS_EXT_CERT, -1, "inhibit_any_policy/skip_certs", "0\n" },
	{ "department-of-state-root.pem", CFS_CERT, CFS_EXT_CERT, -1, "policy_constraints/critical", "true\n" },
	{ "department-of-state-root.pem", CFS_CERT, CFS_EXT_CERT, -1, "policy_constraints/inhibit_policy_mapping", "0\n" },
	{ "department-of-state-root.pem", CFS_CERT, CFS_EXT_CERT, -1, "policy_constraints/oid", "2.5.29.36\n" },
	{ "department-of-state-root.pem", CFS_CERT, CFS_EXT_CERT, -1, "subject_information_access/0/access_location/uniform_resource_identifier", "http://crls.pki.state.gov/SIA/CertsIssuedByADRootCA.p7c\n" },
	{ "department-of-state-root.pem", CFS_CERT, CFS_EXT_CERT, -1, "subject_information_access/0/access_method", "1.3.6.1.5.5.7.48.5\n" },
	{ "department-of-state-root.pem", CFS_CERT, CFS_EXT_CERT, -1, "subject_information_access/1/access_location/uniform_resource_identifier", "ldap://certrep.pki.state.gov/cn=U.S.%20Department%20of%20State%20AD%20Root%20CA,cn=AIA,cn=Public%20Key%20Services,cn=Services,cn=Configuration,dc=state,dc=sbu?cACertificate;binary,crossCertificatePair;binary\n" },
	{ "department-of-state-root.pem", CFS_CERT, CFS_EXT_CERT, -1, "subject_information_access/1/access_method", "1.3.6.1.5.5.7.48.5\n" },
	{ "department-of-state-root.pem", CFS_CERT, CFS_EXT_CERT, -1, "subject_information_access/critical", "false\n" },
	{ "department-of-state-root.pem", CFS_CERT, CFS_EXT_CERT, -1, "subject_information_access/oid", "1.3.6.1.5.5.7.1.11\n" },
	{ "department-of-state-root.pem", CFS_CERT, CFS_EXT_CERT, -1, "policy_mappings/critical", "false\n" },
	{ "department-of-state-root.pem", CFS_CERT, CFS_EXT_CERT, -1, "policy_mappings/oid", "2.5.29.33\n" },
	{ "custom/crl_ian_aia_aki.pem", CFS_CRL, CFS_EXT_CRL, -1, "issuer_alternative_name/critical", "false\n" },
	{ "custom/crl_ian_aia_aki.pem", CFS_CRL, CFS_EXT_CRL, -1, "issuer_alternative_name/oid", "2.5.29.18\n" },
	{ "custom/crl_ian_aia_aki.pem", CFS_CRL, CFS_EXT_CRL, -1, "issuer_alternative_name/uniform_resource_identifier", "https://cryptography.io\n" },
	{ "custom/crl_ian_aia_aki.pem", CFS_CRL, CFS_EXT_CRL, -1, "authority_information_access/0/access_location/dns_name", "cryptography.io\n" },
	{ "custom/crl_ian_aia_aki.pem", CFS_CRL, CFS_EXT_CRL, -1, "authority_information_access/0/access_method", "1.3.6.1.5.5.7.48.2\n" },
	{ "custom/crl_ian_aia_aki.pem", CFS_CRL, CFS_EXT_CRL, -1, "authority_information_access/critical", "false\n" },
	{ "custom/crl_ian_aia_aki.pem", CFS_CRL, CFS_EXT_CRL, -1, "authority_information_access/oid", "1.3.6.1.5.5.7.1.1\n" },
	{ "custom/crl_ian_aia_aki.pem", CFS_CRL, CFS_EXT_CRL, -1, "authority_key_identifier/critical", "false\n" },
	{ "custom/crl_ian_aia_aki.pem", CFS_CRL, CFS_EXT_CRL, -1, "authority_key_identifier/key_identifier", "7975bb843acb2cde7a09be311b43bc1c2a4d5358\n" },
	{ "custom/crl_ian_aia_aki.pem", CFS_CRL, CFS_EXT_CRL, -1, "authority_key_identifier/oid", "2.5.29.35\n" },
	{ "PKITS_data/crls/onlySomeReasonsCA3compromiseCRL.crl", CFS_CRL, CFS_EXT_CRL, -1, "issuing_distribution_point/critical", "true\n" },
	{ "PKITS_data/crls/onlySomeReasonsCA3compromiseCRL.crl", CFS_CRL, CFS_EXT_CRL, -1, "issuing_distribution_point/full_name/directory_name", "CN=CRL,OU=onlySomeReasons CA3,O=Test Certificates 2011,C=US\n" },
	{ "PKITS_data/crls/onlySomeReasonsCA3compromiseCRL.crl", CFS_CRL, CFS_EXT_CRL, -1, "issuing_distribution_point/indirect_crl", "false\n" },
	{ "PKITS_data/crls/onlySomeReasonsCA3compromiseCRL.crl", CFS_CRL, CFS_EXT_CRL, -1, "issuing_distribution_point/oid", "2.5.29.28\n" },
	{ "PKITS_data/crls/onlySomeReasonsCA3compromiseCRL.crl", CFS_CRL, CFS_EXT_CRL, -1, "issuing_distribution_point/only_contains_attribute_certs", "false\n" },
	{ "PKITS_data/crls/onlySomeReasonsCA3compromiseCRL.crl", CFS_CRL, CFS_EXT_CRL, -1, "issuing_distribution_point/only_contains_ca_certs", "false\n" },
	{ "PKITS_data/crls/onlySomeReasonsCA3compromiseCRL.crl", CFS_CRL, CFS_EXT_CRL, -1, "issuing_distribution_point/only_contains_user_certs", "false\n" },
	{ "PKITS_data/crls/onlySomeReasonsCA3compromiseCRL.crl", CFS_CRL, CFS_EXT_CRL, -1, "issuing_distribution_point/only_some_reasons", "key_compromise\nca_compromise\n" },
	{ "custom/crl_idp_relative_user_all_reasons.pem", CFS_CRL, CFS_EXT_CRL, -1, "issuing_distribution_point/critical", "true\n" },
	{ "custom/crl_idp_relative_user_all_reasons.pem", CFS_CRL, CFS_EXT_CRL, -1, "issuing_distribution_point/indirect_crl", "false\n" },
	{ "custom/crl_idp_relative_user_all_reasons.pem", CFS_CRL, CFS_EXT_CRL, -1, "issuing_distribution_point/oid", "2.5.29.28\n" },
	{ "custom/crl_idp_relative_user_all_reasons.pem", CFS_CRL, CFS_EXT_CRL, -1, "issuing_distribution_point/only_contains_attribute_certs", "false\n" },
	{ "custom/crl_idp_relative_user_all_reasons.pem", CFS_CRL, CFS_EXT_CRL, -1, "issuing_distribution_point/only_contains_ca_certs", "false\n" },
	{ "custom/crl_idp_relative_user_all_reasons.pem", CFS_CRL, CFS_EXT_CRL, -1, "issuing_distribution_point/only_contains_user_certs", "true\n" },
	{ "custom/crl_idp_relative_user_all_reasons.pem", CFS_CRL, CFS_EXT_CRL, -1, "issuing_distribution_point/only_some_reasons", "key_compromise\nca_compromise\naffiliation_changed\nsuperseded\ncessation_of_operation\ncertificate_hold\nprivilege_withdrawn\naa_compromise\n" },
	{ "custom/crl_idp_relative_user_all_reasons.pem", CFS_CRL, CFS_EXT_CRL, -1, "issuing_distribution_point/relative_name", "O=PyCA\n" },
	{ "custom/nc_permitted_excluded.pem", CFS_CERT, CFS_EXT_CERT, -1, "name_constraints/critical", "true\n" },
	{ "custom/nc_permitted_excluded.pem", CFS_CERT, CFS_EXT_CERT, -1, "name_constraints/excluded_subtrees/dns_name", ".domain.com\n" },
	{ "custom/nc_permitted_excluded.pem", CFS_CERT, CFS_EXT_CERT, -1, "name_constraints/excluded_subtrees/uniform_resource_identifier", "http://test.local\n" },
	{ "custom/nc_permitted_excluded.pem", CFS_CERT, CFS_EXT_CERT, -1, "name_constraints/oid", "2.5.29.30\n" },
	{ "custom/nc_permitted_excluded.pem", CFS_CERT, CFS_EXT_CERT, -1, "name_constraints/permitted_subtrees/ip_address", "192.168.0.0/24\nff::/96\n" },
	{ "custom/ocsp_nocheck.pem", CFS_CERT, CFS_EXT_CERT, -1, "ocsp_no_check/critical", "false\n" },
	{ "custom/ocsp_nocheck.pem", CFS_CERT, CFS_EXT_CERT, -1, "ocsp_no_check/oid", "1.3.6.1.5.5.7.48.1.5\n" },
	{ "cryptography.io.precert.pem", CFS_CERT, CFS_EXT_CERT, -1, "precert_poison/critical", "true\n" },
	{ "cryptography.io.precert.pem", CFS_CERT, CFS_EXT_CERT, -1, "precert_poison/oid", "1.3.6.1.4.1.11129.2.4.3\n" },
	{ "custom/san_email_dns_ip_dirname_uri.pem", CFS_CERT, CFS_EXT_CERT, -1, "subject_alternative_name/critical", "false\n" },
	{ "custom/san_email_dns_ip_dirname_uri.pem", CFS_CERT, CFS_EXT_CERT, -1, "subject_alternative_name/directory_name", "O=Cryptographic Authority,CN=dirCN\n" },
	{ "custom/san_email_dns_ip_dirname_uri.pem", CFS_CERT, CFS_EXT_CERT, -1, "subject_alternative_name/dns_name", "cryptography.io\n" },
	{ "custom/san_email_dns_ip_dirname_uri.pem", CFS_CERT, CFS_EXT_CERT, -1, "subject_alternative_name/ip_address", "127.0.0.1\nff::\n" },
	{ "custom/san_email_dns_ip_dirname_uri.pem", CFS_CERT, CFS_EXT_CERT, -1, "subject_alternative_name/oid", "2.5.29.17\n" },
	{ "custom/san_email_dns_ip_dirname_uri.pem", CFS_CERT, CFS_EXT_CERT, -1, "subject_alternative_name/rfc822_name", "user@cryptography.io\n" },
	{ "custom/san_email_dns_ip_dirname_uri.pem", CFS_CERT, CFS_EXT_CERT, -1, "subject_alternative_name/uniform_resource_identifier", "https://cryptography.io\n" },
	{ "custom/san_other_name.pem", CFS_CERT, CFS_EXT_CERT, -1, "subject_alternative_name/critical", "false\n" },
	{ "custom/san_other_name.pem", CFS_CERT, CFS_EXT_CERT, -1, "subject_alternative_name/oid", "2.5.29.17\n" },
	{ "custom/san_other_name.pem", CFS_CERT, CFS_EXT_CERT, -1, "subject_alternative_name/other_name", "1.2.3.4:160b48656c6c6f20576f726c64\n" },
	{ "custom/san_registered_id.pem", CFS_CERT, CFS_EXT_CERT, -1, "subject_alternative_name/critical", "false\n" },
	{ "custom/san_registered_id.pem", CFS_CERT, CFS_EXT_CERT, -1, "subject_alternative_name/oid", "2.5.29.17\n" },
	{ "custom/san_registered_id.pem", CFS_CERT, CFS_EXT_CERT, -1, "subject_alternative_name/registered_id", "1.2.3.4\n" },
	{ "custom/san_ipaddr.pem", CFS_CERT, CFS_EXT_CERT, -1, "subject_alternative_name/critical", "false\n" },
	{ "custom/san_ipaddr.pem", CFS_CERT, CFS_EXT_CERT, -1, "subject_alternative_name/ip_address", "127.0.0.1\nff::\n" },
	{ "custom/san_ipaddr.pem", CFS_CERT, CFS_EXT_CERT, -1, "subject_alternative_name/oid", "2.5.29.17\n" },
	{ "tls-feature-ocsp-staple.pem", CFS_CERT, CFS_EXT_CERT, -1, "tls_feature/critical", "false\n" },
	{ "tls-feature-ocsp-staple.pem", CFS_CERT, CFS_EXT_CERT, -1, "tls_feature/features", "status_request\n" },
	{ "tls-feature-ocsp-staple.pem", CFS_CERT, CFS_EXT_CERT, -1, "tls_feature/oid", "1.3.6.1.5.5.7.1.24\n" },
	{ "requests/san_rsa_sha1.der", CFS_CSR, CFS_EXT_CSR, -1, "subject_alternative_name/critical", "false\n" },
	{ "requests/san_rsa_sha1.der", CFS_CSR, CFS_EXT_CSR, -1, "subject_alternative_name/dns_name", "cryptography.io\nsub.cryptography.io\n" },
	{ "requests/san_rsa_sha1.der", CFS_CSR, CFS_EXT_CSR, -1, "subject_alternative_name/oid", "2.5.29.17\n" },
	/* pyca reports None, or raises for the attribute: no file */
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1, "basic_constraints/path_length", NULL },
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/encipher_only", NULL },
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/decipher_only", NULL },
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1, "key_usage/error", NULL },
	{ "department-of-state-root.pem", CFS_CERT, CFS_EXT_CERT, -1,
	  "certificate_policies/0/policy_qualifiers", NULL },
	{ "PKITS_data/certs/pathLenConstraint6CACert.crt", CFS_CERT, CFS_EXT_CERT, -1,
	  "basic_constraints/path_length", "6\n" },
	/* unknown OIDs and ones pyca 38 leaves raw: named, not decoded */
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1, "1.2.643.100.111/oid", "1.2.643.100.111\n" },
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1, "1.2.643.100.111/critical", "false\n" },
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1, "1.2.643.100.111/error", NULL },
	{ "custom/crl_unrecognized_extension.der", CFS_CRL, CFS_EXT_CRL, -1, "1.2.3.4.5/oid", "1.2.3.4.5\n" },
	{ "department-of-state-root.pem", CFS_CERT, CFS_EXT_CERT, -1, "policy_mappings/error", NULL },
	/* a decoder outside its context: a certificate's block read as a
	 * CRL's, a CRL's as a certificate's */
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CRL, -1, "basic_constraints/oid", "2.5.29.19\n" },
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CRL, -1, "basic_constraints/ca", NULL },
	{ "e-trust.ru.der", CFS_CERT, CFS_EXT_CRL_ENTRY, -1, "subject_key_identifier/digest", NULL },
	{ "custom/crl_delta_crl_indicator.pem", CFS_CRL, CFS_EXT_CERT, -1, "crl_number/oid", "2.5.29.20\n" },
	{ "custom/crl_delta_crl_indicator.pem", CFS_CRL, CFS_EXT_CERT, -1, "crl_number/crl_number", NULL },
	{ "custom/crl_all_reasons.pem", CFS_CRL, CFS_EXT_CRL, 1, "crl_reason/reason", NULL },
	/* values that do not decode: `error` instead of any decoded file */
	{ "wosign-bc-invalid.pem", CFS_CERT, CFS_EXT_CERT, -1, "basic_constraints/error",
	  "extension value violates its definition at byte 2\n" },
	{ "wosign-bc-invalid.pem", CFS_CERT, CFS_EXT_CERT, -1, "basic_constraints/ca", NULL },
	{ "wosign-bc-invalid.pem", CFS_CERT, CFS_EXT_CERT, -1, "basic_constraints/oid", "2.5.29.19\n" },
	{ "custom/cp_invalid.pem", CFS_CERT, CFS_EXT_CERT, -1, "certificate_policies/error",
	  "extension value violates its definition at byte 23\n" },
	{ "custom/cp_invalid.pem", CFS_CERT, CFS_EXT_CERT, -1, "certificate_policies/0", NULL },
	{ "badssl-sct-none-hash.der", CFS_CERT, CFS_EXT_CERT, -1,
	  "precert_signed_certificate_timestamps/error", "unsupported algorithm or feature at byte 49\n" },
	{ "custom/invalid-sct-version.der", CFS_CERT, CFS_EXT_CERT, -1,
	  "precert_signed_certificate_timestamps/error", "version not allowed at byte 7\n" },
	{ "custom/crl_unsupported_reason.pem", CFS_CRL, CFS_EXT_CRL_ENTRY, 0, "crl_reason/error",
	  "extension value violates its definition at byte 2\n" },
	{ "custom/crl_inval_cert_issuer_entry_ext.pem", CFS_CRL, CFS_EXT_CRL_ENTRY, 0,
	  "certificate_issuer/error", "input ends inside a tag or length at byte 0\n" },
	{ "custom/nc_invalid_ip_netmask.pem", CFS_CERT, CFS_EXT_CERT, -1, "name_constraints/error",
	  "extension value violates its definition at byte 6\n" },
	{ "custom/nc_invalid_ip_netmask.pem", CFS_CERT, CFS_EXT_CERT, -1,
	  "name_constraints/permitted_subtrees", NULL },
	{ "custom/inhibit_any_policy_negative.pem", CFS_CERT, CFS_EXT_CERT, -1,
	  "inhibit_any_policy/error", "INTEGER out of range for its field at byte 2\n" },
	/* the same OID twice: ".1" on the later one, both decoded */
	{ "custom/two_basic_constraints.pem", CFS_CERT, CFS_EXT_CERT, -1, "basic_constraints/oid", "2.5.29.19\n" },
	{ "custom/two_basic_constraints.pem", CFS_CERT, CFS_EXT_CERT, -1, "basic_constraints.1/oid", "2.5.29.19\n" },
	{ "custom/two_basic_constraints.pem", CFS_CERT, CFS_EXT_CERT, -1, "basic_constraints.1/ca", "true\n" },
	{ "custom/two_basic_constraints.pem", CFS_CERT, CFS_EXT_CERT, -1, "basic_constraints.1/path_length", "0\n" },
	{ "custom/two_basic_constraints.pem", CFS_CERT, CFS_EXT_CERT, -1, "basic_constraints.2", NULL },
	{ "requests/two_basic_constraints.pem", CFS_CSR, CFS_EXT_CSR, -1, "basic_constraints.1/oid", "2.5.29.19\n" },
	{ "custom/crl_dup_entry_ext.pem", CFS_CRL, CFS_EXT_CRL_ENTRY, 0, "crl_reason.1/oid", "2.5.29.21\n" },
	/* pyca cannot show these general names: the GeneralName's DER */
	{ "san_x400address.der", CFS_CERT, CFS_EXT_CERT, -1, "subject_alternative_name/x400_address",
	  "a303130161\n" },
};

/* Reads a vectors file and returns the DER of its first object (the first
 * PEM block of a certificate, CRL or CSR label, or the file itself). */
static uint8_t *load(const char *file, size_t *len)
{
	char path[512];
	uint8_t *buf;
	xc_pem_iter it;
	xc_pem_block b;

	snprintf(path, sizeof(path), "%s/x509/%s", VECTORS_DIR, file);
	buf = tu_read_file(path, len);
	if (!buf || !xc_pem_detect(buf, *len))
		return buf;
	xc_pem_iter_init(&it, buf, *len);
	while (xc_pem_next(&it, &b, NULL) == XC_OK) {
		if (b.kind != XC_PEM_CERTIFICATE && b.kind != XC_PEM_CRL && b.kind != XC_PEM_CSR)
			continue;
		/* decoded in place: the DER is never longer than its base64 */
		if (xc_pem_decode(b.body, buf, *len, len, NULL) == XC_OK)
			return buf;
		break;
	}
	free(buf);
	return NULL;
}

/* The extensions/ tree of one object (NULL if it cannot be built). */
static cfs_tree *build(const char *file, cfs_type type, cfs_ext_ctx ctx, int entry)
{
	size_t len, off;
	uint8_t *der = load(file, &len);
	xc_slice exts = { NULL, 0 };
	cfs_tree *t;

	if (!der)
		return NULL;
	if (type == CFS_CERT) {
		xc_cert c;

		if (xc_cert_parse(&c, der, len, &off) == XC_OK)
			exts = c.extensions;
	} else if (type == CFS_CRL) {
		xc_crl c;
		xc_revoked_iter it;
		xc_revoked r;

		if (xc_crl_parse(&c, der, len, &off) == XC_OK) {
			exts = c.extensions;
			xc_revoked_iter_init(&it, &c);
			for (int i = 0; i <= entry && xc_revoked_next(&it, &r) == XC_OK; i++)
				if (i == entry)
					exts = r.extensions;
		}
	} else {
		xc_csr c;

		if (xc_csr_parse(&c, der, len, &off) == XC_OK)
			xc_csr_extensions(&c, &exts, NULL, &off);
	}
	t = cfs_tree_new();
	cfs_fields_extensions(t, cfs_tree_root(t), exts, ctx, NULL);
	free(der);	/* the tree holds copies */
	cfs_tree_seal(t);       /* which finds a name used twice */
	if (!exts.p || !cfs_tree_ok(t)) {
		cfs_tree_free(t);
		return NULL;
	}
	return t;
}

/* The node at a path of names, files included (cfs_walk stops at
 * directories). */
static cfs_node *node_at(cfs_node *root, const char *path)
{
	char buf[512];
	char *slash;
	cfs_node *dir;

	snprintf(buf, sizeof(buf), "%s", path);
	slash = strrchr(buf, '/');
	if (!slash)
		return cfs_lookup(root, buf);
	*slash = '\0';
	dir = cfs_walk(root, buf);
	return dir ? cfs_lookup(dir, slash + 1) : NULL;
}

static void test_cases(void)
{
	size_t n = sizeof(cases) / sizeof(cases[0]);

	for (size_t i = 0; i < n; i++) {
		const ext_case *c = &cases[i];
		cfs_tree *t = build(c->file, c->type, c->ctx, c->entry);
		char path[512];
		cfs_node *node;
		bool ok;

		if (!t) {
			fprintf(stderr, "\n%s: cannot build extensions\n", c->file);
			CU_FAIL("build");
			continue;
		}
		snprintf(path, sizeof(path), "extensions/%s", c->path);
		node = node_at(cfs_tree_root(t), path);
		if (!c->want)
			ok = node == NULL;
		else
			ok = node && node->kind == CFS_FILE && node->len == strlen(c->want) &&
			     memcmp(node->data, c->want, node->len) == 0;
		if (!ok)
			fprintf(stderr, "\n%s: %s: got %s%.*s%s, want %s\n", c->file, c->path,
				node ? "\"" : "", node ? (int)node->len : 6,
				node ? (const char *)node->data : "(none)", node ? "\"" : "",
				c->want ? c->want : "(none)");
		CU_ASSERT(ok);
		cfs_tree_free(t);
	}
}

/* `value` is the extnValue's contents, byte for byte, for every extension,
 * decoded or not; nothing but the listed files besides. */
static void test_value_raw(void)
{
	size_t len, off;
	uint8_t *der = load("e-trust.ru.der", &len);
	cfs_tree *t;
	xc_cert c;
	xc_ext_iter it;
	xc_ext x;
	size_t count = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(der);
	CU_ASSERT_EQUAL_FATAL(xc_cert_parse(&c, der, len, &off), XC_OK);
	t = build("e-trust.ru.der", CFS_CERT, CFS_EXT_CERT, -1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	xc_ext_iter_init(&it, c.extensions);
	while (xc_ext_next(&it, &x) == XC_OK) {
		const xc_oid_info *info = xc_oid_info_of(xc_oid_lookup(x.oid));
		char name[XC_OID_DOTTED_MAX], path[600];
		cfs_node *v;

		if (info)
			snprintf(name, sizeof(name), "%s", info->constant);
		else
			xc_oid_to_dotted(x.oid, name, sizeof(name), NULL);
		snprintf(path, sizeof(path), "extensions/%s/value", name);
		v = node_at(cfs_tree_root(t), path);
		CU_ASSERT_PTR_NOT_NULL_FATAL(v);
		CU_ASSERT_EQUAL(v->len, x.value.len);
		CU_ASSERT(memcmp(v->data, x.value.p, x.value.len) == 0);
		count++;
	}
	CU_ASSERT_EQUAL(cfs_walk(cfs_tree_root(t), "extensions")->nkids, count);
	/* basic_constraints: oid, critical, value, ca; nothing else */
	CU_ASSERT_EQUAL(cfs_walk(cfs_tree_root(t), "extensions/basic_constraints")->nkids, 4);
	/* an unknown extension: the three files only */
	CU_ASSERT_EQUAL(cfs_walk(cfs_tree_root(t), "extensions/1.2.643.100.111")->nkids, 3);
	cfs_tree_free(t);
	free(der);
}

/* Extensions blocks made by hand: long OIDs (past XC_OID_DOTTED_MAX) keep
 * their dotted name, and a suffixed duplicate that takes an unknown OID's
 * dotted name pushes that one further along. */
static void test_names(void)
{
	static const uint8_t dup[] = {
		0x30, 0x07, 0x06, 0x01, 0x2a, 0x04, 0x02, 0x05, 0x00,        /* 1.2 */
		0x30, 0x07, 0x06, 0x01, 0x2a, 0x04, 0x02, 0x05, 0x00,        /* 1.2 */
		0x30, 0x08, 0x06, 0x02, 0x2a, 0x01, 0x04, 0x02, 0x05, 0x00,  /* 1.2.1 */
	};
	uint8_t big[2 + 2 + 100 + 4];
	char want[2 * 100 + 8];
	cfs_tree *t = cfs_tree_new();
	cfs_node *root = cfs_tree_root(t), *n;
	size_t w;

	cfs_fields_extensions(t, root, xc_slice_make(dup, sizeof(dup)), CFS_EXT_CERT, NULL);
	cfs_tree_seal(t);
	CU_ASSERT_TRUE(cfs_tree_ok(t));
	CU_ASSERT_PTR_NOT_NULL(cfs_walk(root, "extensions/1.2"));
	n = node_at(root, "extensions/1.2.1/oid");
	CU_ASSERT(n && n->len == 4 && memcmp(n->data, "1.2\n", 4) == 0);
	n = node_at(root, "extensions/1.2.1.1/oid");
	CU_ASSERT(n && n->len == 6 && memcmp(n->data, "1.2.1\n", 6) == 0);
	cfs_tree_free(t);

	/* 1.2.1.1...: 100 octets of OID, 199 characters dotted */
	big[0] = 0x30;
	big[1] = 0x6a;
	big[2] = 0x06;
	big[3] = 100;
	big[4] = 0x2a;
	memset(big + 5, 0x01, 99);
	memcpy(big + 104, "\x04\x02\x05\x00", 4);
	w = (size_t)snprintf(want, sizeof(want), "1.2");
	for (int i = 0; i < 99; i++)
		w += (size_t)snprintf(want + w, sizeof(want) - w, ".1");
	t = cfs_tree_new();
	root = cfs_tree_root(t);
	cfs_fields_extensions(t, root, xc_slice_make(big, sizeof(big)), CFS_EXT_CERT, NULL);
	CU_ASSERT_TRUE(cfs_tree_ok(t));
	n = cfs_walk(root, "extensions");
	CU_ASSERT_FATAL(n && n->nkids == 1);
	CU_ASSERT_STRING_EQUAL(n->kids[0]->name, want);
	cfs_tree_free(t);
}

/* No extensions: no directory. */
static void test_empty(void)
{
	cfs_tree *t = cfs_tree_new();
	xc_slice none = { NULL, 0 }, empty = { (const uint8_t *)"", 0 };

	cfs_fields_extensions(t, cfs_tree_root(t), none, CFS_EXT_CERT, NULL);
	cfs_fields_extensions(t, cfs_tree_root(t), empty, CFS_EXT_CRL, NULL);
	CU_ASSERT_EQUAL(cfs_tree_root(t)->nkids, 0);
	CU_ASSERT_TRUE(cfs_tree_ok(t));
	cfs_tree_free(t);
}

/* GeneralNames on their own: one file per type, DER order, escapes. */
static const struct gn_case {
	const char *name;
	const char *hex;        /* GeneralNames contents */
	bool network;
	const char *file;
	const char *want;       /* NULL: no file */
} gn_cases[] = {
	{ "two dns in order", "820161 820162", false, "dns_name", "a\nb\n" },
	{ "newline and NUL escaped", "8203610a62 820300 6100", false, "dns_name", "a\\nb\n\\0a\\0\n" },
	{ "rfc822", "8107614062 2e 636f6d", false, "rfc822_name", "a@b.com\n" },
	{ "uri", "86 0d 687474703a2f2f612e6578616d", false, "uniform_resource_identifier",
	  "http://a.exam\n" },
	{ "ipv4", "8704c0000201", false, "ip_address", "192.0.2.1\n" },
	{ "ipv6", "8710 20010db8000000000000000000000001", false, "ip_address", "2001:db8::1\n" },
	{ "ipv4 network", "8708 0a000000 ff000000", true, "ip_address", "10.0.0.0/8\n" },
	{ "ipv4 bad length", "8705 0a00000000", false, "ip_address", NULL },
	{ "registered id", "8803 2a0304", false, "registered_id", "1.2.3.4\n" },
	{ "directory name", "a40f 300d 310b 3009 0603550403 0c02 4341", false, "directory_name",
	  "CN=CA\n" },
	{ "other name", "a00c 0603 2a0304 a005 0c03 616263", false, "other_name",
	  "1.2.3.4:0c03616263\n" },
	{ "edi party name", "a5 04 a1 02 0c00", false, "edi_party_name", "a504a1020c00\n" },
	{ "mixed types, one file each", "820161 8704c0000201 820162", false, "dns_name", "a\nb\n" },
};

static void test_general_names(void)
{
	for (size_t i = 0; i < sizeof(gn_cases) / sizeof(gn_cases[0]); i++) {
		const struct gn_case *c = &gn_cases[i];
		size_t len;
		uint8_t *der = tu_unhex(c->hex, &len);
		cfs_tree *t = cfs_tree_new();
		cfs_node *n;
		bool ok;

		cfs_fields_general_names(t, cfs_tree_root(t), xc_slice_make(der, len), c->network);
		n = cfs_lookup(cfs_tree_root(t), c->file);
		if (!c->want)
			ok = n == NULL;
		else
			ok = n && n->len == strlen(c->want) && memcmp(n->data, c->want, n->len) == 0;
		if (!ok)
			fprintf(stderr, "\n%s: got %.*s\n", c->name, n ? (int)n->len : 6,
				n ? (const char *)n->data : "(none)");
		CU_ASSERT(ok);
		CU_ASSERT_TRUE(cfs_tree_ok(t));
		cfs_tree_free(t);
		free(der);
	}
}

int main(void)
{
	static const tu_test tests[] = {
		{ "extension files against pyca", test_cases },
		{ "value is the raw extnValue", test_value_raw },
		{ "no extensions, no directory", test_empty },
		{ "names: duplicates, long OIDs", test_names },
		{ "general names", test_general_names },
		{ NULL, NULL },
	};
	return tu_run("vfs_fields_ext", tests);
}
