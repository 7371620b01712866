/*
 * vfs/scan_why.h - why a file shows no object, for a person (main.c says
 * it when SOURCE is such a file). Apart from scan.h, whose fields.h the
 * FUSE glue's names would clash with.
 */
#ifndef CFS_SCAN_WHY_H
#define CFS_SCAN_WHY_H

#include <stdbool.h>
#include <stddef.h>

/* True when the file at path holds no object by scan.h's rules (its
 * first CFS_SCAN_WINDOW bytes decide), with one line saying why into
 * why[cap]: empty, PEM with no object's block (naming the first block's
 * label), or neither PEM nor DER shaped like a signed object. False too
 * when it cannot be read. */
bool cfs_scan_file_none(const char *path, char *why, size_t cap);

#endif
