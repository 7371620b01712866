/*
 * dump_tree.c - a debugging aid: builds the field tree of every object of
 * one file (PEM blocks, or one DER object) and prints each path with its
 * content, the way a walk of the mount would show it.
 *
 *   dump_tree FILE [PATH]     PATH: print only that file's bytes, raw
 *
 * Text files print as "path: content" (one line per line of content);
 * binary ones as "path: <N bytes> hex".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "testutil.h"

static bool printable(const cfs_node *n)
{
	if (!n->len || n->data[n->len - 1] != '\n')
		return false;
	for (size_t i = 0; i < n->len; i++)
		if (n->data[i] < 0x20 && n->data[i] != '\n' && n->data[i] != '\t')
			return false;
	return true;
}

static void dump(const cfs_node *n, char *path, size_t plen)
{
	for (size_t i = 0; i < n->nkids; i++) {
		const cfs_node *k = n->kids[i];
		size_t l = plen;

		l += (size_t)snprintf(path + plen, 4096 - plen, "%s%s", plen ? "/" : "", k->name);
		if (k->kind == CFS_DIR) {
			dump(k, path, l);
		} else if (k->kind == CFS_LINK) {
			printf("%s -> %s\n", path, (const char *)k->data);
		} else if (printable(k)) {
			const uint8_t *p = k->data, *end = k->data + k->len;

			while (p < end) {
				const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));

				printf("%s: %.*s\n", path, (int)(nl - p), (const char *)p);
				p = nl + 1;
			}
		} else {
			printf("%s: <%zu bytes> %s\n", path, k->len, tu_hex(k->data, k->len > 32 ? 32 : k->len));
		}
		path[plen] = '\0';
	}
}

int main(int argc, char **argv)
{
	size_t len, count = 0;
	uint8_t *buf;
	cfs_tree *t;
	cfs_node *root;
	char path[4096] = "";

	if (argc < 2) {
		fprintf(stderr, "usage: dump_tree FILE [PATH]\n");
		return 2;
	}
	buf = tu_read_file(argv[1], &len);
	if (!buf) {
		fprintf(stderr, "dump_tree: cannot read %s\n", argv[1]);
		return 1;
	}
	t = cfs_tree_new();
	root = cfs_tree_root(t);
	if (xc_pem_detect(buf, len)) {
		xc_pem_iter it;
		xc_pem_block b;
		cfs_node *dirs[1024];
		size_t n = 0;

		xc_pem_iter_init(&it, buf, len);
		for (;;) {
			xc_err e = xc_pem_next(&it, &b, NULL);
			cfs_type ty;
			uint8_t *der;
			size_t dlen = 0;
			char name[32];

			if (e == XC_END)
				break;
			if (e != XC_OK)
				continue;
			ty = cfs_type_of_pem(b.kind);
			if (ty == CFS_UNKNOWN || n == 1024)
				continue;
			snprintf(name, sizeof(name), "%zu", n);
			dirs[n] = cfs_dir(t, root, name);
			der = malloc(XC_PEM_DECODED_MAX(b.body.len));
			if (xc_pem_decode(b.body, der, XC_PEM_DECODED_MAX(b.body.len), &dlen, NULL) == XC_OK) {
				if (b.kind == XC_PEM_TRUSTED_CERTIFICATE) {
					xc_der d;
					xc_tlv tlv;

					xc_der_init(&d, der, dlen);
					if (xc_der_read(&d, &tlv) == XC_OK)
						dlen = tlv.raw.len;
				}
				cfs_fields_build(t, dirs[n], ty, der, dlen);
			} else {
				cfs_printf(t, dirs[n], "type", "invalid");
			}
			free(der);
			n++;
		}
		count = n;
		if (n == 1) {
			/* one object: its fields directly in the root */
			cfs_tree_free(t);
			t = cfs_tree_new();
			root = cfs_tree_root(t);
			xc_pem_iter_init(&it, buf, len);
			while (xc_pem_next(&it, &b, NULL) != XC_END) {
				cfs_type ty = cfs_type_of_pem(b.kind);
				uint8_t *der;
				size_t dlen = 0;

				if (ty == CFS_UNKNOWN)
					continue;
				der = malloc(XC_PEM_DECODED_MAX(b.body.len));
				if (xc_pem_decode(b.body, der, XC_PEM_DECODED_MAX(b.body.len), &dlen, NULL) == XC_OK)
					cfs_fields_build(t, root, ty, der, dlen);
				free(der);
				break;
			}
		} else {
			cfs_printf(t, root, "count", "%zu", n);
		}
	} else {
		cfs_fields_build(t, root, CFS_UNKNOWN, buf, len);
		count = 1;
	}
	cfs_tree_seal(t);
	if (!cfs_tree_ok(t))
		fprintf(stderr, "dump_tree: tree not ok\n");
	if (argc > 2) {
		cfs_node *n = cfs_walk(root, argv[2]);

		if (!n) {
			/* cfs_walk goes through directories; the last part may be a file */
			const char *slash = strrchr(argv[2], '/');
			char dir[4096];

			snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - argv[2]) : 0, argv[2]);
			n = cfs_lookup(cfs_walk(root, dir), slash ? slash + 1 : argv[2]);
		}
		if (!n || n->kind == CFS_DIR) {
			fprintf(stderr, "dump_tree: no file %s\n", argv[2]);
			return 1;
		}
		fwrite(n->data, 1, n->len, stdout);
	} else {
		dump(root, path, 0);
	}
	(void)count;
	cfs_tree_free(t);
	free(buf);
	return 0;
}
