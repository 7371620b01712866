#!/bin/bash -eu
# ClusterFuzzLite build: the OSS-Fuzz build script, unchanged.
exec "$SRC/certfs/fuzz/oss-fuzz/build.sh"
