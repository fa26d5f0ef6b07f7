#!/usr/bin/env bash
# Trains a vae4j VAE and the same network in PyTorch (../shared/peers/torch_vae.py) on the same
# data, batch 128, same threads and epochs, one after the other in this run, and prints both
# training throughputs (median images/s of the epochs after the first), their ratio, both test
# negative ELBOs (nats/image) and vae4j's RSS per epoch. Round r uses seed r for both (a latent-2
# conv VAE's test -ELBO after a few epochs varies by several nats with the seed), and the summary
# gives medians over rounds.
#   --model mlp   PyTorch's example VAE, 784-400-20 (vae4j's default)
#   --model conv  Keras' convolutional VAE, conv 32-64, dense 16, latent 2 (the peer uses
#                 nn.ConvTranspose2d; vae4j its TorchScript-backed TransposedConv2d)
#
#   bench/vs-pytorch.sh [--model mlp|conv] [--data DIR] [--epochs N] [--threads T] [--repeat R]
#
# DIR defaults to /usr/share/datasets/fashion-mnist (apt-get install dataset-fashion-mnist).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data=/usr/share/datasets/fashion-mnist
epochs=10
threads=2
repeat=1
model=mlp
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --model) model="$2"; shift 2 ;;
    *) echo "usage: $0 [--model mlp|conv] [--data DIR] [--epochs N] [--threads T] [--repeat R]" >&2; exit 2 ;;
  esac
done
shared="${VAE4J_SHARED:-$root/../shared}"
[ -f "$shared/peers/torch_vae.py" ] || { echo "bench: $shared/peers/torch_vae.py not found (set VAE4J_SHARED)" >&2; exit 1; }
[ -d "$data" ] || { echo "bench: $data: no such directory (apt-get install dataset-fashion-mnist)" >&2; exit 1; }
py="$("$shared/peers/setup-torch.sh")"
case "$model" in mlp|conv) ;; *) echo "bench: --model must be mlp or conv, got $model" >&2; exit 2 ;; esac
out="$root/bench/out/$model-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
"$root/vae4j" --version >/dev/null   # build outside the timed runs

run_vae4j() {
  echo "== round $1/$repeat: vae4j $model ($epochs epochs, batch 128, $threads threads)" >&2
  "$root/vae4j" train --model "$model" --data "$data" --epochs "$epochs" --batch 128 --threads "$threads" --seed "$1" \
      --val-fraction 0 --no-progress --json --out "$out/vae4j-$1" > "$out/vae4j-$1.json"
  "$root/vae4j" evaluate --run "$out/vae4j-$1" --data "$data" --threads "$threads" --json \
      > "$out/vae4j-$1-eval.json"
}
run_torch() {
  echo "== round $1/$repeat: pytorch peer" >&2
  OMP_NUM_THREADS="$threads" "$py" "$shared/peers/torch_vae.py" --data "$data" --model "$model" \
      --epochs "$epochs" --batch 128 --threads "$threads" --seed "$1" > "$out/torch-$1.jsonl"
}
# Alternate which one goes first, so slow phases of a noisy machine hit both alike.
for r in $(seq 1 "$repeat"); do
  if [ $((r % 2)) -eq 1 ]; then run_vae4j "$r"; run_torch "$r"; else run_torch "$r"; run_vae4j "$r"; fi
done

python3 - "$out" "$repeat" "$model" <<'PY'
import json, statistics, sys
out, repeat, model = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rows = []
for r in range(1, repeat + 1):
    train = json.load(open(f"{out}/vae4j-{r}.json"))
    ev = json.load(open(f"{out}/vae4j-{r}-eval.json"))
    hist = train["history"]
    timed = [h["images_per_second"] for h in hist[1:]] or [hist[0]["images_per_second"]]
    torch = [json.loads(l) for l in open(f"{out}/torch-{r}.jsonl")][-1]
    rows.append(dict(v_ips=statistics.median(timed), t_ips=torch["train_images_per_s"],
                     v_elbo=ev["neg_elbo"], t_elbo=torch["test_neg_elbo"],
                     rss=[round(h["rss_mb"]) for h in hist], torch_version=torch["torch"]))
name = {"mlp": "MLP VAE 784-400-20", "conv": "conv VAE (Keras shape) 32-64-16-2"}[model]
print(f"{name}, Fashion-MNIST 60k, batch 128, {len(rows[0]['rss'])} epochs, results in {out}")
print(f"{'round':>5} {'vae4j img/s':>12} {'torch img/s':>12} {'ratio':>6} {'vae4j -ELBO':>12} {'torch -ELBO':>12} {'diff %':>7}")
for i, r in enumerate(rows, 1):
    print(f"{i:>5} {r['v_ips']:>12.0f} {r['t_ips']:>12.0f} {r['v_ips']/r['t_ips']:>6.2f} "
          f"{r['v_elbo']:>12.2f} {r['t_elbo']:>12.2f} {100*(r['v_elbo']-r['t_elbo'])/r['t_elbo']:>+7.2f}")
    print(f"      vae4j RSS per epoch (MiB): {r['rss']}")
ratio = statistics.median(r['v_ips'] / r['t_ips'] for r in rows)
print(f"median throughput ratio vae4j/pytorch: {ratio:.2f}  (torch {rows[0]['torch_version']})")
print(f"median test -ELBO over seeds: vae4j {statistics.median(r['v_elbo'] for r in rows):.2f}, "
      f"pytorch {statistics.median(r['t_elbo'] for r in rows):.2f}")
PY
