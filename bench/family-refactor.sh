#!/usr/bin/env bash
# Throughput and numbers of two vae4j builds on the same data, alternating, in one run: the jar
# of the commit before the model-family redesign (BEFORE_JAR, built from e5e6cc7) and this
# checkout's. Prints per round the median images/s of epochs 2.. and the final train -ELBO of
# both; a seeded run must match the earlier build to the last printed digit.
#   BEFORE_JAR=/tmp/before/vae4j-cli.jar bench/family-refactor.sh [--model mlp|conv] [--epochs N] [--repeat R]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data=/usr/share/datasets/fashion-mnist; epochs=10; repeat=2; model=mlp
while [ $# -gt 0 ]; do
  case "$1" in
    --epochs) epochs="$2"; shift 2 ;; --repeat) repeat="$2"; shift 2 ;;
    --model) model="$2"; shift 2 ;; *) echo "usage: $0 [--model mlp|conv] [--epochs N] [--repeat R]" >&2; exit 2 ;;
  esac
done
before="${BEFORE_JAR:?set BEFORE_JAR to the jar built from e5e6cc7}"
"$root/vae4j" --version >/dev/null
after="$root/vae4j-cli/target/vae4j-cli.jar"
out="$root/bench/out/family-$model-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$out"
export MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=536870912
one() { # name jar round
  java -Xmx2g -Dai.djl.offline=true -jar "$2" train --model "$model" --data "$data" --epochs "$epochs" \
    --batch 128 --threads 2 --seed 1 --val-fraction 0 --no-progress --out "$out/$1-$3" > "$out/$1-$3.log" 2>&1
}
for r in $(seq 1 "$repeat"); do
  if [ $((r % 2)) -eq 1 ]; then one before "$before" "$r"; one after "$after" "$r"; else one after "$after" "$r"; one before "$before" "$r"; fi
done
python3 - "$out" "$repeat" <<'PY'
import csv, statistics, sys
out, repeat = sys.argv[1], int(sys.argv[2])
def read(name, r):
    rows = list(csv.DictReader(open(f"{out}/{name}-{r}/metrics.csv")))
    ips = statistics.median(float(x["images_per_s"]) for x in rows[1:]) if len(rows) > 1 else float(rows[0]["images_per_s"])
    return ips, rows[-1]["train_neg_elbo"]
ratios = []
for r in range(1, repeat + 1):
    b, a = read("before", r), read("after", r)
    ratios.append(a[0] / b[0])
    print(f"round {r}: before {b[0]:.0f} img/s (train -ELBO {b[1]})  after {a[0]:.0f} img/s (train -ELBO {a[1]})  after/before {a[0]/b[0]:.3f}")
print(f"median after/before throughput: {statistics.median(ratios):.3f}  (results in {out})")
PY
