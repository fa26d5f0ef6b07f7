#!/usr/bin/env bash
# Issue 15: PixelCNN prior shapes at equal cost. Encodes the first N training images of IDX_DIR
# (and the next M, as validation) with a VQ-VAE checkpoint, trains each LAYERSxFILTERS[kKERNEL]
# configuration for CPU_SECONDS of process CPU time and prints steps, grids per CPU second and
# per wall second, and the validation nats per code (org.vae4j.family.pixelcnn.PriorBench).
# Usage: bench/prior-shapes.sh CHECKPOINT IDX_DIR N M CPU_SECONDS CONFIG...   (THREADS=1)
# Needs the compiled test classes: `mvn -B -o -q -pl vae4j-core test-compile` first.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -o -q -pl vae4j-core dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$cp_file" >&2
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-1}"
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-33554432}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-536870912}"
exec java -Xmx2g -Dai.djl.offline=true -Dthreads="${THREADS:-1}" -Dbatch="${BATCH:-128}" \
    -cp "vae4j-core/target/test-classes:vae4j-core/target/classes:$(cat "$cp_file")" \
    org.vae4j.family.pixelcnn.PriorBench "$@"
