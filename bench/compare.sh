#!/usr/bin/env bash
# Trains several VAE configurations on the same data with the same seed and prints one table:
# model, objective, epochs, wall time of training, test -ELBO, importance-sampled -log p(x) with
# K samples (Burda et al. 2016) and active units (Cov_x E_q[z_i] > 0.01), all in nats per image.
#
#   bench/compare.sh [--configs LIST] [--epochs N] [--k K] [--test-limit N] [--data DIR]
#                    [--binarize MODE] [--seed S] [--threads T] [--train-args "FLAGS"]
#
# LIST is comma separated, each entry MODEL:OBJECTIVE[:K] (default mlp:elbo,mlp:iwae:5,conv:elbo;
# MODEL mlp|conv|gated with its default shape, OBJECTIVE elbo|iwae, K the training samples of iwae).
# Data: DIR's train files for training (--binarize dynamic by default: every pixel resampled as
# Bernoulli(intensity) on every use), the first N t10k images for the test columns (default
# 1000; 0 = all 10,000). Cost of the IS column: N * K decoder passes per model (MLP: about a
# minute for N = 1000, K = 5000 on 2 cores; conv several times that). Smoke run:
#   bench/compare.sh --epochs 1 --k 50 --test-limit 200
# Runs, JSON and the table stay in bench/out/compare-<time>/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data=/usr/share/datasets/fashion-mnist
configs=mlp:elbo,mlp:iwae:5,conv:elbo
epochs=10
k=5000
test_limit=1000
binarize=dynamic
seed=1
threads=2
train_args=""
usage="usage: $0 [--configs MODEL:OBJECTIVE[:K],...] [--epochs N] [--k K] [--test-limit N] [--data DIR] [--binarize MODE] [--seed S] [--threads T] [--train-args FLAGS]"
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
  case "$1" in
    --configs) configs="$2" ;;
    --epochs) epochs="$2" ;;
    --k) k="$2" ;;
    --test-limit) test_limit="$2" ;;
    --data) data="$2" ;;
    --binarize) binarize="$2" ;;
    --seed) seed="$2" ;;
    --threads) threads="$2" ;;
    --train-args) train_args="$2" ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
  shift 2
done
[ -d "$data" ] || { echo "bench: $data: no such directory (apt-get install dataset-fashion-mnist)" >&2; exit 1; }
IFS=, read -r -a entries <<< "$configs"
for c in "${entries[@]}"; do
  IFS=: read -r m o ck extra <<< "$c"
  case "$m" in mlp|conv|gated) ;; *) echo "bench: --configs: model must be mlp, conv or gated, got '$m' in '$c'" >&2; exit 2 ;; esac
  case "$o" in elbo|iwae) ;; *) echo "bench: --configs: objective must be elbo or iwae, got '$o' in '$c'" >&2; exit 2 ;; esac
  [ -z "$extra" ] || { echo "bench: --configs: expected MODEL:OBJECTIVE[:K], got '$c'" >&2; exit 2; }
  [ -z "$ck" ] || [ "$o" = iwae ] || { echo "bench: --configs: K is for iwae only, got '$c'" >&2; exit 2; }
done
out="$root/bench/out/compare-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
"$root/vae4j" --version >/dev/null   # build outside the timed runs

i=0
for c in "${entries[@]}"; do
  i=$((i + 1))
  IFS=: read -r m o ck <<< "$c"
  objective=(--objective "$o")
  [ -z "$ck" ] || objective+=(--k "$ck")
  run="$out/$i-$m-$o${ck:+-$ck}"
  echo "== $i/${#entries[@]}: $m $o${ck:+ k=$ck}, $epochs epochs" >&2
  start=$(date +%s.%N)
  # shellcheck disable=SC2086  # --train-args is a list of flags
  "$root/vae4j" train --model "$m" "${objective[@]}" --data "$data" --binarize "$binarize" \
      --epochs "$epochs" --seed "$seed" --threads "$threads" --val-fraction 0 --no-progress \
      --json --out "$run" $train_args > "$run.train.json"
  end=$(date +%s.%N)
  echo "{\"config\": \"$c\", \"wall_s\": $(awk "BEGIN { print $end - $start }")}" > "$run.wall.json"
  echo "   evaluate: -ELBO and IS with k=$k on ${test_limit/#0/all} test images" >&2
  "$root/vae4j" evaluate --run "$run" --data "$data" --limit "$test_limit" -k "$k" \
      --seed "$seed" --threads "$threads" --json > "$run.eval.json"
done

python3 - "$out" "$k" "$binarize" "$seed" "${entries[@]}" <<'PY' | tee "$out/table.txt"
import glob, json, os, sys
out, k, binarize, seed, entries = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
rows = []
for i, c in enumerate(entries, 1):
    base = glob.glob(f"{out}/{i}-*.train.json")[0][:-len(".train.json")]
    train = json.load(open(base + ".train.json"))
    ev = json.load(open(base + ".eval.json"))
    wall = json.load(open(base + ".wall.json"))["wall_s"]
    prov = json.load(open(os.path.join(base, "model", "provenance.json")))
    cfg = json.load(open(os.path.join(base, "model", "config.json")))
    opts = prov["options"]
    obj = opts["objective"].lower()
    if obj == "iwae":
        obj += f" k={opts['importance_samples']}"
    model = f"{cfg['architecture'].lower()} {cfg['hidden']} L={cfg['latent_dim']}"
    rows.append((model, obj, train["epochs"], wall, ev["neg_elbo"], ev["is_nll"],
                 f"{ev['active_units']}/{ev['latent_dim']}", ev["images"]))
print(f"Fashion-MNIST ({binarize} binarization), seed {seed}; test columns on {rows[0][7]} t10k "
      f"images, IS with k={k}; nats per image; runs in {out}")
print(f"{'model':<24} {'objective':<11} {'epochs':>6} {'wall s':>8} {'test -ELBO':>11} "
      f"{'IS NLL':>9} {'active':>7}")
for r in rows:
    print(f"{r[0]:<24} {r[1]:<11} {r[2]:>6} {r[3]:>8.1f} {r[4]:>11.2f} {r[5]:>9.2f} {r[6]:>7}")
PY
