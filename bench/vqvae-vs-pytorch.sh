#!/usr/bin/env bash
# Trains vae4j's VQ-VAE (--family vqvae, defaults) and the same network in PyTorch
# (bench/torch_vqvae.py: the Zalando pytorch-vq-vae recipe in vae4j's shapes) on the same data,
# batch 128, same threads, epochs and seed, one after the other, and prints both training
# throughputs (median images/s of the epochs after the first), their ratio, and on the test set
# after the same number of updates: reconstruction MSE per pixel, MSE / Var(x), codebook usage
# (fraction of K) and perplexity, both counted over the whole test set.
#
#   bench/vqvae-vs-pytorch.sh [--data DIR] [--epochs N] [--threads T] [--limit N] [--repeat R]
#                             [--peer-like-vae4j]
#
# --limit N trains both on the first N training images (a smoke run: --epochs 1 --limit 10000).
# The peer is the notebook's recipe (random codebook, no restarts); --peer-like-vae4j gives it
# vae4j's k-means initialisation and dead-code restarts (100 steps) too.
# DIR defaults to /usr/share/datasets/fashion-mnist (apt-get install dataset-fashion-mnist).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data=/usr/share/datasets/fashion-mnist
epochs=5
threads=2
repeat=1
limit=0
peer_extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --limit) limit="$2"; shift 2 ;;
    --peer-like-vae4j) peer_extra=(--kmeans-init --dead-code-steps 100); shift ;;
    *) echo "usage: $0 [--data DIR] [--epochs N] [--threads T] [--limit N] [--repeat R] [--peer-like-vae4j]" >&2; exit 2 ;;
  esac
done
[ -d "$data" ] || { echo "bench: $data: no such directory (apt-get install dataset-fashion-mnist)" >&2; exit 1; }
shared="${VAE4J_SHARED:-$root/../shared}"
[ -x "$shared/peers/setup-torch.sh" ] || { echo "bench: $shared/peers/setup-torch.sh not found (set VAE4J_SHARED)" >&2; exit 1; }
py="$("$shared/peers/setup-torch.sh")"
out="$root/bench/out/vqvae-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
"$root/vae4j" --version >/dev/null   # build outside the timed runs
java_limit=()
[ "$limit" -gt 0 ] && java_limit=(--limit "$limit")

run_vae4j() {
  echo "== round $1/$repeat: vae4j vqvae ($epochs epochs, batch 128, $threads threads)" >&2
  "$root/vae4j" train --family vqvae --data "$data" "${java_limit[@]}" --epochs "$epochs" --batch 128 \
      --threads "$threads" --seed "$1" --val-fraction 0 --no-progress --json --out "$out/vae4j-$1" \
      > "$out/vae4j-$1.json"
  "$root/vae4j" evaluate --run "$out/vae4j-$1" --data "$data" --threads "$threads" --json \
      > "$out/vae4j-$1-eval.json"
}
run_torch() {
  echo "== round $1/$repeat: pytorch peer" >&2
  OMP_NUM_THREADS="$threads" "$py" "$root/bench/torch_vqvae.py" --data "$data" --limit "$limit" \
      --epochs "$epochs" --batch 128 --threads "$threads" --seed "$1" "${peer_extra[@]}" \
      > "$out/torch-$1.jsonl"
}
# Alternate which one goes first, so slow phases of a noisy machine hit both alike.
for r in $(seq 1 "$repeat"); do
  if [ $((r % 2)) -eq 1 ]; then run_vae4j "$r"; run_torch "$r"; else run_torch "$r"; run_vae4j "$r"; fi
done

python3 - "$out" "$repeat" <<'PY'
import json, math, statistics, sys
out, repeat = sys.argv[1], int(sys.argv[2])
rows = []
for r in range(1, repeat + 1):
    train = json.load(open(f"{out}/vae4j-{r}.json"))
    ev = json.load(open(f"{out}/vae4j-{r}-eval.json"))
    hist = train["history"]
    timed = [h["images_per_second"] for h in hist[1:]] or [hist[0]["images_per_second"]]
    t = [json.loads(l) for l in open(f"{out}/torch-{r}.jsonl")][-1]
    rows.append(dict(v_ips=statistics.median(timed), t_ips=t["train_images_per_s"], updates=t["updates"],
                     v=ev, t=t, rss=[round(h["rss_mb"]) for h in hist]))
print(f"VQ-VAE K=512 D=64 (7x7 grid), batch 128, {len(rows[0]['rss'])} epochs, "
      f"{rows[0]['updates']} updates each, results in {out}")
print(f"{'round':>5} {'vae4j img/s':>12} {'torch img/s':>12} {'ratio':>6}   {'':>5} {'mse':>9} {'mse/var':>8} "
      f"{'usage':>6} {'perplexity':>10}")
for i, r in enumerate(rows, 1):
    v, t = r["v"], r["t"]
    print(f"{i:>5} {r['v_ips']:>12.0f} {r['t_ips']:>12.0f} {r['v_ips']/r['t_ips']:>6.2f}   vae4j "
          f"{v['mse']:>9.5f} {v['normalized_mse']:>8.4f} {v['codebook_usage']:>6.3f} {v['perplexity']:>10.1f}")
    print(f"{'':>40}torch {t['test_mse']:>9.5f} {t['test_normalized_mse']:>8.4f} "
          f"{t['test_codebook_usage']:>6.3f} {t['test_perplexity']:>10.1f}")
    print(f"      vae4j RSS per epoch (MiB): {r['rss']}")
ratio = statistics.median(r['v_ips'] / r['t_ips'] for r in rows)
print(f"median throughput ratio vae4j/pytorch: {ratio:.2f}  (torch {rows[0]['t']['torch']})")
PY
