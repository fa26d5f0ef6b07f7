#!/usr/bin/env bash
# Reruns the hostile inputs of issue 14 against the built CLI and server and counts, per group,
# how many were tried and how many held: the expected exit code, one line on stderr naming the
# problem, no stack trace, and no hang (each attack has a time limit). Needs only the embedded
# data; makes its own bad files in a temporary directory. Traffic goes to 127.0.0.1 only.
#   bench/attacks.sh
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
v="$root/vae4j"
"$v" --version >/dev/null || exit 1
w="$(mktemp -d)"; trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$w"' EXIT
declare -A tried passed
group=""
check() { # check CODE FRAGMENT -- command...   (CODE: expected exit; FRAGMENT: on stderr)
  local code="$1" frag="$2"; shift 3
  tried[$group]=$(( ${tried[$group]:-0} + 1 ))
  timeout 300 "$@" >"$w/out" 2>"$w/err"; local rc=$?
  local lines; lines=$(grep -c . "$w/err" || true)
  if [ "$rc" = "$code" ] && { [ -z "$frag" ] || grep -qF -- "$frag" "$w/err"; } \
      && ! grep -q $'^\tat ' "$w/err" \
      && { [ "$code" = 0 ] || [ "$lines" -le 2 ]; }; then
    passed[$group]=$(( ${passed[$group]:-0} + 1 )); echo "  ok   $*"
  else
    echo "  FAIL $* -> exit $rc: $(head -c 300 "$w/err")"
  fi
}
echo "== setup: a 2-epoch run on the embedded data"
"$v" train --epochs 2 --limit 2000 --val-fraction 0 --no-progress --out "$w/run" >/dev/null 2>&1 || exit 1

group=resources; echo "== $group"
check 2 "must be" -- "$v" train --objective iwae --k 100000 --out "$w/x1"
check 2 "must be in" -- "$v" evaluate --run "$w/run" -k 1000000
check 2 "must be in" -- "$v" score --run "$w/run" -k 1000000
check 2 "must be in" -- "$v" sample --run "$w/run" -n 1000000
check 2 "must be in" -- "$v" sample --run "$w/run" --threads 100000
check 2 "must be in" -- "$v" reconstruct --run "$w/run" --corrupt mask:center --inpaint-steps 1000000000
check 2 "<= 65536" -- "$v" train --hidden 2000000000 --out "$w/x2"
check 2 "GiB" -- "$v" train --objective iwae --k 5000 --batch 4096 --out "$w/x3"
python3 - "$w" <<'PY'
import gzip, struct, sys, os, zlib
w = sys.argv[1]
os.makedirs(f"{w}/rawbomb", exist_ok=True); os.makedirs(f"{w}/gzbomb", exist_ok=True)
hdr = struct.pack(">IIII", 0x803, 2_700_000, 28, 28)
open(f"{w}/rawbomb/train-images-idx3-ubyte", "wb").write(hdr + bytes(1_500_000))
with gzip.open(f"{w}/gzbomb/train-images-idx3-ubyte.gz", "wb") as f:
    f.write(struct.pack(">IIII", 0x803, 2_000_000, 28, 28) + bytes(20_000_000))
os.makedirs(f"{w}/pngbomb", exist_ok=True)
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
ihdr = struct.pack(">IIBBBBB", 30000, 30000, 8, 0, 0, 0, 0)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 30001 * 8)) + chunk(b"IEND", b"")
open(f"{w}/pngbomb/bomb.png", "wb").write(png)
PY
check 1 "train-images" -- "$v" train --data "$w/rawbomb" --out "$w/x4"
check 1 "train-images" -- "$v" train --data "$w/gzbomb" --out "$w/x5"
check 1 "limit" -- "$v" train --data "$w/pngbomb" --out "$w/x6"
check 1 "no" -- "$v" train --data "$w/pngbomb" --bad-images skip --out "$w/x7"
mkdir -p "$w/fifo"; cp "$root"/vae4j-core/src/test/resources/org/vae4j/data/*.png "$w/fifo/" 2>/dev/null || true
mkfifo "$w/fifo/x.png"
check 1 "regular file" -- "$v" train --data "$w/fifo" --epochs 1 --out "$w/x8"

group=data; echo "== $group"
cp -r "$w/run" "$w/swap"; mv "$w/swap/model" "$w/swap/model.new"
check 0 "" -- "$v" sample --run "$w/swap" -n 4 --out "$w/swap.png"
# A conv run: its first epoch outlasts the second command's start, so the lock is what stops it.
( "$v" train --model conv --epochs 50 --no-progress --out "$w/locked" >/dev/null 2>&1 & )
for _ in $(seq 1 100); do [ -s "$w/locked/.lock" ] && break; sleep 0.2; done
check 1 "is being trained by process" -- "$v" train --epochs 1 --out "$w/locked"
pkill -f "out $w/locked" 2>/dev/null || true
mkdir -p "$w/pics"; python3 -c "
import struct, zlib, sys
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
for i in range(8):
    raw = b''.join(b'\0' + bytes([(i * 30 + x) % 256 for x in range(28)]) for _ in range(28))
    open(f'$w/pics/{i}.png', 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 28, 28, 8, 0, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
"
check 2 "is inside --data" -- "$v" train --data "$w/pics" --out "$w/pics/run"
cp -r "$w/run" "$w/nosha"; sed -i 's/"parameters_sha256": "[^"]*"/"parameters_sha256": null/' "$w/nosha/model/provenance.json"
check 1 "no parameters_sha256" -- "$v" evaluate --run "$w/nosha"
"$v" train --data "$w/pics" --epochs 1 --no-progress --out "$w/picsrun" >/dev/null 2>&1; rm -f "$w/picsrun/data.json"
check 2 "no data.json" -- "$v" evaluate --run "$w/picsrun"
cp -r "$w/run" "$w/shrink"
check 2 "is below the 2 epochs" -- "$v" train --resume "$w/shrink" --epochs 1
tried[$group]=$(( ${tried[$group]:-0} + 1 ))
if "$v" train --epochs 1 --limit 500 --val-fraction 0 --json --out "$w/json" 2>/dev/null \
    | python3 -c 'import json,sys; json.loads(sys.stdin.read(), parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))' \
    && ! grep -q NaN "$w/json/metrics.json"; then passed[$group]=$(( ${passed[$group]:-0} + 1 )); echo "  ok   --json is strict JSON"; else echo "  FAIL --json has NaN"; fi

group=server; echo "== $group"
port=$(( 20000 + RANDOM % 20000 ))
"$v" serve --run "$w/run" --port "$port" >"$w/serve.log" 2>&1 &
for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.2; done
http() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
for t in "421 -H Host:evil.example http://127.0.0.1:$port/api/model" \
         "415 -H Content-Type:text/plain --data {\"z\":[[0]]} http://127.0.0.1:$port/api/decode" \
         "200 http://127.0.0.1:$port/api/model"; do
  tried[$group]=$(( ${tried[$group]:-0} + 1 )); want=${t%% *}; got=$(http ${t#* })
  if [ "$got" = "$want" ]; then passed[$group]=$(( ${passed[$group]:-0} + 1 )); echo "  ok   $t"; else echo "  FAIL $t -> $got"; fi
done
tried[$group]=$(( ${tried[$group]:-0} + 1 ))
if ! curl -s "http://127.0.0.1:$port/api/model" | grep -q "$w"; then passed[$group]=$(( ${passed[$group]:-0} + 1 )); echo "  ok   /api/model has no local paths"; else echo "  FAIL /api/model shows $w"; fi

group=new-user; echo "== $group"
check 2 "latent dimensions" -- "$v" manifold --run "$w/run" --dims 0,25
check 2 "give a .csv file" -- "$v" embed --run "$w/run" --out "$w/x.png"
check 2 "" -- "$v" sample --run "$w/run" --lable 3

echo "== tried / held per group"
for g in resources data server new-user; do echo "$g: ${passed[$g]:-0} of ${tried[$g]:-0}"; done
