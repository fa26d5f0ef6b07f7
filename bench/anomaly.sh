#!/usr/bin/env bash
# Held-out-class anomaly detection and semi-supervised classification on Fashion-MNIST.
#
#   bench/anomaly.sh [--data DIR] [--epochs N] [--k K] [--threads T]
#
# For every class c: train the default MLP VAE on the training images of the nine other classes,
# score the full test set (negative ELBO, reconstruction log-probability over L=10 samples,
# importance-sampled log-likelihood with K samples) and report ROC-AUC / PR-AUC of each score for
# finding class c. Then train on all classes and compare logistic regression and k-NN on latent
# means vs raw pixels with 10 and 100 labels per class. Prints tables; JSON stays in bench/out.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data=/usr/share/datasets/fashion-mnist
epochs=10
k=100
threads=2
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --k) k="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    *) echo "usage: $0 [--data DIR] [--epochs N] [--k K] [--threads T]" >&2; exit 2 ;;
  esac
done
[ -d "$data" ] || { echo "bench: $data: no such directory (apt-get install dataset-fashion-mnist)" >&2; exit 1; }
out="$root/bench/out/anomaly-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
"$root/vae4j" --version >/dev/null

for c in 0 1 2 3 4 5 6 7 8 9; do
  normal=$(seq 0 9 | grep -vx "$c" | paste -sd, -)
  echo "== held-out class $c: train on $normal" >&2
  "$root/vae4j" train --data "$data" --epochs "$epochs" --exclude-classes "$c" --val-fraction 0 \
      --threads "$threads" --no-progress --json --out "$out/heldout-$c" > "$out/train-$c.json"
  "$root/vae4j" score --run "$out/heldout-$c" --data "$data" --normal-classes "$normal" \
      --samples 10 --importance-samples "$k" --threads "$threads" --json > "$out/score-$c.json"
done
echo "== memory: score the test set 10 times in one process (heap capped at 128 MiB)" >&2
VAE4J_JAVA_OPTS="-Xmx128m" "$root/vae4j" score --run "$out/heldout-0" --data "$data" --repeat 10 \
    --samples 10 --importance-samples "$k" --threads "$threads" --json > "$out/score-repeat.json"
echo "== all classes, then classify" >&2
"$root/vae4j" train --data "$data" --epochs "$epochs" --val-fraction 0 --threads "$threads" \
    --no-progress --json --out "$out/all" > "$out/train-all.json"
"$root/vae4j" classify --run "$out/all" --data "$data" --labels-per-class 10,100 --draws 5 \
    --threads "$threads" --json > "$out/classify.json"

python3 - "$out" "$epochs" "$k" <<'PY'
import json, statistics, sys
out, epochs, k = sys.argv[1], sys.argv[2], sys.argv[3]
names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
kinds = ["neg_elbo", "recon_log_prob", "log_likelihood"]
print(f"Held-out-class anomaly detection, Fashion-MNIST, MLP VAE 784-400-20, {epochs} epochs, L=10, k={k}")
print(f"{'held out':<14}" + "".join(f"{'ROC ' + s:>22}" for s in kinds) + f"{'PR ' + kinds[0]:>18}{'img/s':>9}{'RSS MiB':>9}")
rows = []
for c in range(10):
    s = json.load(open(f"{out}/score-{c}.json"))
    rows.append(s)
    print(f"{c} {names[c]:<12}" + "".join(f"{s['auc'][x]['roc_auc']:>22.4f}" for x in kinds)
          + f"{s['auc']['neg_elbo']['pr_auc']:>18.4f}{s['images_per_s']:>9.0f}{s['rss_mb']:>9.0f}")
print(f"{'mean':<14}" + "".join(f"{statistics.mean(r['auc'][x]['roc_auc'] for r in rows):>22.4f}" for x in kinds)
      + f"{statistics.mean(r['auc']['neg_elbo']['pr_auc'] for r in rows):>18.4f}"
      + f"{statistics.median(r['images_per_s'] for r in rows):>9.0f}")
rep = json.load(open(f"{out}/score-repeat.json"))
print("scoring 10,000 images 10 times in one JVM: images/s and RSS MiB per round:")
print("  " + ", ".join(f"{r['images_per_s']:.0f}/{r['rss_mb']:.0f}" for r in rep["rounds"]))
print()
cl = json.load(open(f"{out}/classify.json"))
print("Semi-supervised (M1) test accuracy on the 10,000 test images")
print(f"(mean ± std over {cl['draws']} draws of the labelled images)")
print(f"{'labels/class':>12} {'method':>9} {'latent':>15} {'pixels':>15}")
res = cl["results"]
for n in sorted({r["labels_per_class"] for r in res}):
    for m in ["logistic", "knn", "spread"]:
        acc = {r["features"]: f"{r['accuracy']:.4f} ± {r['accuracy_std']:.4f}" for r in res
               if r["labels_per_class"] == n and r["method"] == m}
        if acc:
            print(f"{n:>12} {m:>9} {acc['latent']:>15} {acc['pixels']:>15}")
if cl.get("unlabelled"):
    print(f"spread: label spreading through {cl['unlabelled']} unlabelled training images")
# Paired per draw: does the latent classifier beat the best pixel classifier of the same draw?
per = cl["per_draw"]
for n in sorted({r["labels_per_class"] for r in per}):
    draws = [r for r in per if r["labels_per_class"] == n]
    k = len({r["features"] + r["method"] for r in draws})
    groups = [draws[i:i + k] for i in range(0, len(draws), k)]
    diffs = [max(r["accuracy"] for r in g if r["features"] == "latent")
             - max(r["accuracy"] for r in g if r["features"] == "pixels") for g in groups]
    print(f"{n} labels/class: best latent - best pixel classifier per draw "
          f"{statistics.mean(diffs):+.4f}, latent better in {sum(d > 0 for d in diffs)} of {len(diffs)}")
print(f"results in {out}")
PY
