#!/usr/bin/env bash
# The sample-quality metric's sanity table (vae4j quality, FD-LeNet): N training images, blurred,
# noise and one class dropped, each against N test images, and the floor (test half vs half).
# Usage: bench/quality-sanity.sh [IDX_DIR] [N] [DROPPED_CLASS]
# Trains the quality classifier on first use and caches it under $VAE4J_FEATURES_CACHE (default
# ~/.cache/vae4j/features). Needs the compiled test classes: run from the repository root after
# `mvn -B -o -q -pl vae4j-core test-compile`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-/usr/share/datasets/fashion-mnist}"
n="${2:-10000}"
dropped="${3:-1}"
cd "$here"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -o -q -pl vae4j-core dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$cp_file" >&2
cache="${VAE4J_FEATURES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vae4j/features}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-1}"
exec java -Xmx4g -Dai.djl.offline=true -Dthreads="${THREADS:-1}" \
    -Dvae4j.features.cache="$cache" \
    -cp "vae4j-core/target/test-classes:vae4j-core/target/classes:$(cat "$cp_file")" \
    org.vae4j.eval.quality.QualitySanityBench "$data" "$n" "$dropped"
