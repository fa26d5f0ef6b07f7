#!/usr/bin/env bash
# What KL annealing and free bits do to the KL term and to the number of active latent units.
#
#   bench/kl-schedules.sh [--data DIR] [--epochs N] [--latent L] [--test-limit N] [--threads T]
#
# Trains the MLP VAE (784-400-L, dynamic binarization, seed 1) four times on the same data:
# plain ELBO, --kl-warmup (linear over half the epochs), --free-bits 1 and --kl-cycles 3, then
# evaluates each on the first N t10k images (test -ELBO, its terms, active units by Burda et al.'s
# criterion Cov_x E_q[z_i] > 0.01). Prints the train KL per epoch and one table; every run keeps
# its report.html (KL curve, KL weight, KL per unit) in bench/out/kl-<time>/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data=/usr/share/datasets/fashion-mnist
epochs=10
latent=32
test_limit=2000
threads=2
usage="usage: $0 [--data DIR] [--epochs N] [--latent L] [--test-limit N] [--threads T]"
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
  case "$1" in
    --data) data="$2" ;;
    --epochs) epochs="$2" ;;
    --latent) latent="$2" ;;
    --test-limit) test_limit="$2" ;;
    --threads) threads="$2" ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
  shift 2
done
[ -d "$data" ] || { echo "bench: $data: no such directory (apt-get install dataset-fashion-mnist)" >&2; exit 1; }
out="$root/bench/out/kl-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
"$root/vae4j" --version >/dev/null
warmup=$(( epochs / 2 > 0 ? epochs / 2 : 1 ))
variants=("plain:" "warmup:--kl-warmup $warmup" "free-bits:--free-bits 1" "cycles:--kl-cycles 3")
for v in "${variants[@]}"; do
  name=${v%%:*}
  flags=${v#*:}
  echo "== $name ${flags:-(plain ELBO)}" >&2
  # shellcheck disable=SC2086  # $flags is a list of flags
  "$root/vae4j" train --latent "$latent" --epochs "$epochs" --binarize dynamic --data "$data" \
      --seed 1 --threads "$threads" --no-progress --out "$out/$name" $flags > "$out/$name.log"
  "$root/vae4j" evaluate --run "$out/$name" --data "$data" --limit "$test_limit" \
      --threads "$threads" --json > "$out/$name.eval.json"
done
python3 - "$out" "${variants[@]}" <<'PY' | tee "$out/table.txt"
import csv, json, sys
out, variants = sys.argv[1], sys.argv[2:]
print(f"MLP 784-400, dynamic binarization, seed 1; runs in {out}")
print(f"{'variant':<28} {'train KL per epoch':<58} {'test -ELBO':>10} {'rec':>8} {'KL':>7} {'active':>7}")
for v in variants:
    name, flags = v.split(":", 1)
    rows = list(csv.DictReader(open(f"{out}/{name}/metrics.csv")))
    kl = " ".join(f"{float(r['train_kl']):.1f}" for r in rows)
    e = json.load(open(f"{out}/{name}.eval.json"))
    label = f"{name} {flags}".strip()
    print(f"{label:<28} {kl:<58} {e['neg_elbo']:>10.2f} {e['reconstruction']:>8.2f} {e['kl']:>7.2f}"
          f" {e['active_units']:>3}/{e['latent_dim']}")
PY
