#!/usr/bin/env bash
# Time to quality: how long vae4j needs to reach the test -ELBO that the PyTorch example VAE
# (../shared/peers/torch_vae.py --model mlp, default Adam, fp32, batch 128, lr 1e-3) reaches after
# its 10 epochs, on full Fashion-MNIST, both at the same threads, one after the other in this run.
#
# The PyTorch run sets the target (its own 10-epoch test -ELBO) and the time to beat (the whole
# process, start to exit). vae4j then trains with a recipe (default: the README's fast recipe,
# bf16 where the CPU has it) and the script reports the whole `vae4j train` process time, the
# test -ELBO of the model it wrote (`vae4j evaluate` on the test set, not timed), and the ratio.
# Rounds use seeds 1..R for both and alternate which runs first; the summary gives medians.
#
#   bench/time-to-quality.sh [--data DIR] [--threads T] [--repeat R] [-- VAE4J_TRAIN_FLAGS...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data=/usr/share/datasets/fashion-mnist
threads=2
repeat=1
recipe=(--precision auto --batch 128 --lr 3e-3 --epochs 6 --lr-milestones 4 --lr-gamma 0.3)
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --) shift; recipe=("$@"); break ;;
    *) echo "usage: $0 [--data DIR] [--threads T] [--repeat R] [-- VAE4J_TRAIN_FLAGS...]" >&2; exit 2 ;;
  esac
done
shared="${VAE4J_SHARED:-$root/../shared}"
[ -f "$shared/peers/torch_vae.py" ] || { echo "bench: $shared/peers/torch_vae.py not found (set VAE4J_SHARED)" >&2; exit 1; }
[ -d "$data" ] || { echo "bench: $data: no such directory (apt-get install dataset-fashion-mnist)" >&2; exit 1; }
py="$("$shared/peers/setup-torch.sh")"
out="$root/bench/out/ttq-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
"$root/vae4j" --version >/dev/null   # build outside the timed runs
echo "CPU: $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); bf16 units:" \
  "$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -E '^(amx_bf16|avx512_bf16)$' | tr '\n' ' ')" \
  | tee "$out/cpu.txt" >&2
echo "vae4j recipe: ${recipe[*]}" | tee -a "$out/cpu.txt" >&2

now() { date +%s.%N; }
run_torch() {
  echo "== round $1/$repeat: pytorch example, 10 epochs" >&2
  local t0; t0=$(now)
  OMP_NUM_THREADS="$threads" "$py" "$shared/peers/torch_vae.py" --data "$data" --model mlp \
      --epochs 10 --batch 128 --threads "$threads" --seed "$1" > "$out/torch-$1.jsonl"
  echo "$t0 $(now)" > "$out/torch-$1.wall"
}
run_vae4j() {
  echo "== round $1/$repeat: vae4j ${recipe[*]}" >&2
  local t0; t0=$(now)
  "$root/vae4j" train --data "$data" --threads "$threads" --seed "$1" --val-fraction 0 \
      --no-progress "${recipe[@]}" --out "$out/vae4j-$1" > /dev/null
  echo "$t0 $(now)" > "$out/vae4j-$1.wall"
  "$root/vae4j" evaluate --run "$out/vae4j-$1" --data "$data" --threads "$threads" --json \
      > "$out/vae4j-$1-eval.json"
}
for r in $(seq 1 "$repeat"); do
  if [ $((r % 2)) -eq 1 ]; then run_torch "$r"; run_vae4j "$r"; else run_vae4j "$r"; run_torch "$r"; fi
done

python3 - "$out" "$repeat" <<'PY'
import json, statistics, sys
out, repeat = sys.argv[1], int(sys.argv[2])
def wall(p):
    a, b = map(float, open(p).read().split())
    return b - a
print(open(f"{out}/cpu.txt").read().strip())
print(f"{'round':>5} {'torch s':>8} {'torch -ELBO':>12} {'vae4j s':>8} {'vae4j -ELBO':>12} {'time ratio':>10} {'reached':>8}")
ratios, reached = [], []
for r in range(1, repeat + 1):
    t = [json.loads(l) for l in open(f"{out}/torch-{r}.jsonl")][-1]
    v = json.load(open(f"{out}/vae4j-{r}-eval.json"))
    tw, vw = wall(f"{out}/torch-{r}.wall"), wall(f"{out}/vae4j-{r}.wall")
    ok = v["neg_elbo"] <= t["test_neg_elbo"]
    ratios.append(vw / tw); reached.append(ok)
    print(f"{r:>5} {tw:>8.1f} {t['test_neg_elbo']:>12.2f} {vw:>8.1f} {v['neg_elbo']:>12.2f} {vw / tw:>10.2f} {str(ok):>8}")
print(f"median whole-process time ratio vae4j/pytorch: {statistics.median(ratios):.2f}; "
      f"vae4j reached PyTorch's 10-epoch test -ELBO in {sum(reached)} of {repeat} rounds  ({out})")
PY
