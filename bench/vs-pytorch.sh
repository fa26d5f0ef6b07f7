#!/usr/bin/env bash
# Trains a vae4j VAE and the same network in PyTorch (../shared/peers/torch_vae.py) on the same
# data, batch 128, same threads and epochs, one after the other in this run, against three PyTorch
# configurations:
#   default      the PyTorch example as written (Adam, fp32)
#   fused        Adam(fused=True), PyTorch's fastest CPU Adam
#   fused-bf16   fused Adam and torch.autocast('cpu', torch.bfloat16), only on a CPU with bf16
#                units (amx_bf16 or avx512_bf16 in /proc/cpuinfo); elsewhere it is emulated and
#                slower, and no PyTorch user would pick it
# and prints, per configuration, the training throughput (median images/s of the epochs after
# the first, as both report it), the whole-process wall time of the training command (start-up,
# data loading, training, and what each writes at the end: vae4j its run directory and report,
# PyTorch its test evaluation), and the test negative ELBO (nats/image; vae4j's from a separate
# `vae4j evaluate`). Ratios are vae4j against each configuration and against the best one
# (highest throughput; lowest wall time). Round r uses seed r everywhere (a latent-2 conv VAE's
# -ELBO after a few epochs varies by several nats with the seed); the summary gives medians over
# rounds. The order of the runs rotates between rounds, so slow phases of a noisy machine hit
# all alike.
#   --model mlp   PyTorch's example VAE, 784-400-20 (vae4j's default)
#   --model conv  Keras' convolutional VAE, conv 32-64, dense 16, latent 2
#   --precision P vae4j's --precision (default auto: bf16 where the CPU has bf16 units)
#
#   bench/vs-pytorch.sh [--model mlp|conv] [--data DIR] [--epochs N] [--threads T] [--repeat R]
#                       [--precision fp32|bf16|auto]
#
# DIR defaults to /usr/share/datasets/fashion-mnist (apt-get install dataset-fashion-mnist).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data=/usr/share/datasets/fashion-mnist
epochs=10
threads=2
repeat=1
model=mlp
precision=auto
usage="usage: $0 [--model mlp|conv] [--data DIR] [--epochs N] [--threads T] [--repeat R] [--precision fp32|bf16|auto]"
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --model) model="$2"; shift 2 ;;
    --precision) precision="$2"; shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
case "$model" in mlp|conv) ;; *) echo "bench: --model must be mlp or conv, got $model" >&2; exit 2 ;; esac
case "$precision" in fp32|bf16|auto) ;; *) echo "bench: --precision must be fp32, bf16 or auto, got $precision" >&2; exit 2 ;; esac
shared="${VAE4J_SHARED:-$root/../shared}"
[ -f "$shared/peers/torch_vae.py" ] || { echo "bench: $shared/peers/torch_vae.py not found (set VAE4J_SHARED)" >&2; exit 1; }
[ -d "$data" ] || { echo "bench: $data: no such directory (apt-get install dataset-fashion-mnist)" >&2; exit 1; }
py="$("$shared/peers/setup-torch.sh")"
out="$root/bench/out/$model-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
"$root/vae4j" --version >/dev/null   # build outside the timed runs

cpu_model="$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
bf16_flags="$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -E '^(amx_bf16|avx512_bf16)$' | tr '\n' ' ' | sed 's/ $//')"
configs="default fused"
[ -n "$bf16_flags" ] && configs="$configs fused-bf16"
echo "CPU: $cpu_model; bf16 units: ${bf16_flags:-none}; $(nproc) cores; PyTorch configurations: $configs" | tee "$out/cpu.txt" >&2

now() { date +%s.%N; }
run_vae4j() {
  echo "== round $1/$repeat: vae4j $model --precision $precision ($epochs epochs, batch 128, $threads threads)" >&2
  local t0; t0=$(now)
  "$root/vae4j" train --model "$model" --data "$data" --epochs "$epochs" --batch 128 --threads "$threads" \
      --seed "$1" --precision "$precision" --val-fraction 0 --no-progress --json --out "$out/vae4j-$1" \
      > "$out/vae4j-$1.json"
  echo "$t0 $(now)" > "$out/vae4j-$1.wall"
  "$root/vae4j" evaluate --run "$out/vae4j-$1" --data "$data" --threads "$threads" --json \
      > "$out/vae4j-$1-eval.json"
}
run_torch() {  # round config
  local adam=default prec=fp32
  case "$2" in fused) adam=fused ;; fused-bf16) adam=fused; prec=bf16 ;; esac
  echo "== round $1/$repeat: pytorch $2" >&2
  local t0; t0=$(now)
  OMP_NUM_THREADS="$threads" "$py" "$shared/peers/torch_vae.py" --data "$data" --model "$model" \
      --epochs "$epochs" --batch 128 --threads "$threads" --seed "$1" --adam "$adam" \
      --precision "$prec" > "$out/torch-$2-$1.jsonl"
  echo "$t0 $(now)" > "$out/torch-$2-$1.wall"
}
jobs_in_order() {  # round: vae4j first in odd rounds, last in even ones
  if [ $(($1 % 2)) -eq 1 ]; then echo "vae4j $configs"; else echo "$configs vae4j"; fi
}
for r in $(seq 1 "$repeat"); do
  for job in $(jobs_in_order "$r"); do
    if [ "$job" = vae4j ]; then run_vae4j "$r"; else run_torch "$r" "$job"; fi
  done
done

python3 - "$out" "$repeat" "$model" "$configs" "$precision" <<'PY'
import json, statistics, sys
out, repeat, model, configs, precision = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4].split(), sys.argv[5]
med = statistics.median
def wall(path):
    a, b = map(float, open(path).read().split())
    return b - a
rows = {"vae4j": []}
for c in configs:
    rows[c] = []
for r in range(1, repeat + 1):
    train = json.load(open(f"{out}/vae4j-{r}.json"))
    ev = json.load(open(f"{out}/vae4j-{r}-eval.json"))
    hist = train["history"]
    timed = [h["images_per_second"] for h in hist[1:]] or [hist[0]["images_per_second"]]
    rows["vae4j"].append(dict(ips=med(timed), elbo=ev["neg_elbo"], wall=wall(f"{out}/vae4j-{r}.wall"),
                              rss=[round(h["rss_mb"]) for h in hist]))
    for c in configs:
        t = [json.loads(l) for l in open(f"{out}/torch-{c}-{r}.jsonl")][-1]
        rows[c].append(dict(ips=t["train_images_per_s"], elbo=t["test_neg_elbo"],
                            wall=wall(f"{out}/torch-{c}-{r}.wall"), torch=t["torch"]))
name = {"mlp": "MLP VAE 784-400-20", "conv": "conv VAE (Keras shape) 32-64-16-2"}[model]
print(open(f"{out}/cpu.txt").read().strip())
print(f"{name}, Fashion-MNIST 60k, batch 128, {len(rows['vae4j'][0]['rss'])} epochs, "
      f"vae4j --precision {precision}, {repeat} round(s), results in {out}")
print(f"{'run':>12} {'img/s':>8} {'wall s':>7} {'test -ELBO':>11}   per round (img/s; wall s; -ELBO)")
summary = {}
for k, rs in rows.items():
    s = dict(ips=med(x["ips"] for x in rs), wall=med(x["wall"] for x in rs), elbo=med(x["elbo"] for x in rs))
    summary[k] = s
    per = "; ".join(f"{x['ips']:.0f} {x['wall']:.1f} {x['elbo']:.2f}" for x in rs)
    label = k if k == "vae4j" else "torch " + k
    print(f"{label:>12} {s['ips']:>8.0f} {s['wall']:>7.1f} {s['elbo']:>11.2f}   {per}")
print(f"vae4j RSS per epoch (MiB), round 1: {rows['vae4j'][0]['rss']}")
v = summary["vae4j"]
for c in configs:
    # Ratios of medians over rounds.
    print(f"vae4j vs torch {c:<10}: throughput {v['ips'] / summary[c]['ips']:.2f}x, "
          f"whole-process time {v['wall'] / summary[c]['wall']:.2f}x, "
          f"-ELBO {100 * (v['elbo'] - summary[c]['elbo']) / summary[c]['elbo']:+.2f}%")
best_ips = max(configs, key=lambda c: summary[c]["ips"])
best_wall = min(configs, key=lambda c: summary[c]["wall"])
print(f"against PyTorch's best here: throughput {v['ips'] / summary[best_ips]['ips']:.2f}x "
      f"(torch {best_ips}), whole-process time {v['wall'] / summary[best_wall]['wall']:.2f}x "
      f"(torch {best_wall})  (torch {rows[configs[0]][0]['torch']})")
PY
