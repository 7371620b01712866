/*
 * tools/field.h - `certdump --field PATH FILE`: one file of certfs's tree
 * of FILE, without a mount.
 *
 * FILE is opened as certfs opens a single-file SOURCE (vfs/store.h, the
 * libcfs the daemon is made of), so PATH is the path in such a mount
 * (docs/ABI.md 1.1: an object's fields at the root, a bundle's under
 * `N/`), and every file certfs shows, verify/ included, is reachable with
 * the very bytes certfs would give: the same code builds them.
 */
#ifndef CERTDUMP_FIELD_H
#define CERTDUMP_FIELD_H

#include <stdio.h>

/* What field_print() found. */
typedef enum field_result {
	FIELD_OK,               /* printed */
	FIELD_NO_OBJECT,        /* FILE holds no certificate, CRL or CSR */
	FIELD_NO_SUCH_PATH,     /* no file or directory PATH in its tree */
	FIELD_IO_ERROR,         /* the store could not be opened or read */
} field_result;

/* Prints PATH of the certfs tree of the file `source` to out: a file's
 * bytes as they are (a value file ends with its newline; `der` is
 * binary), a directory's entries sorted one per line, a symbolic link's
 * target and a newline. On FIELD_IO_ERROR, err holds why. */
field_result field_print(const char *source, const char *path, FILE *out, char *err,
			 size_t errcap);

#endif
