#!/usr/bin/env bash
# Load test of `vae4j serve`: throughput, latency and resident memory under concurrent decodes.
#
#   bench/serve-load.sh [--run RUN_DIR] [--requests N] [--clients C] [--heavy H --seconds S]
#
# Without --run, trains a quick model on the embedded data first (2 epochs, bench/out/serve-run).
# Starts `vae4j serve` on a free loopback port, waits for /api/model, then runs two identical
# rounds of bench/LoadClient.java (default 10000 POST /api/decode requests from 8 clients, random
# z) and prints throughput, p50/p99 latency, errors and the server's RSS before, after round 1 and
# after round 2 (a growing RSS between the rounds would point to a leak). All traffic stays on
# 127.0.0.1; the server is always stopped on exit.
# With --heavy H (issue 14, item 15): instead, H clients send maximum-size /api/score requests
# for S seconds (default 60) while one client times single decodes (bench/HeavyLoad.java); prints
# the decode latencies, the heavy requests by status (503 = refused by the admission bound) and
# the server's peak RSS, sampled every 0.5 s.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run=""
requests=10000
clients=8
heavy=0
seconds=60
while [ $# -gt 0 ]; do
  case "$1" in
    --run) run="$2"; shift 2 ;;
    --requests) requests="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --heavy) heavy="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    *) echo "usage: $0 [--run RUN_DIR] [--requests N] [--clients C] [--heavy H --seconds S]" >&2; exit 2 ;;
  esac
done

if [ -z "$run" ]; then
  run="$root/bench/out/serve-run"
  rm -rf "$run"
  mkdir -p "$root/bench/out"
  echo "== training a quick model: $run" >&2
  "$root/vae4j" train --epochs 2 --out "$run" --no-progress >&2
else
  "$root/vae4j" --version >/dev/null   # build first, so the start-up wait below is the server's
fi

# A free loopback port: bind port 0 and read what the kernel chose.
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || true)"
if [ -z "$port" ]; then
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
fi
base="http://127.0.0.1:$port/"

log="$(mktemp)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -f "$log"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ./vae4j execs java, so $! is the server's JVM.
"$root/vae4j" serve --run "$run" --host 127.0.0.1 --port "$port" >"$log" 2>&1 &
server_pid=$!

model=""
for _ in $(seq 600); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "serve-load: the server exited:" >&2; cat "$log" >&2; exit 1
  fi
  model="$(curl -sf --max-time 2 "${base}api/model" 2>/dev/null || true)"
  [ -n "$model" ] && break
  sleep 0.2
done
[ -n "$model" ] || { echo "serve-load: no answer from ${base}api/model after 120 s" >&2; cat "$log" >&2; exit 1; }
latent="$(printf '%s' "$model" | grep -o '"latent_dim": *[0-9]*' | head -1 | grep -o '[0-9]*$')"
[ -n "$latent" ] || { echo "serve-load: /api/model has no latent_dim: $model" >&2; exit 1; }

rss() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status"; }
field() { printf '%s' "$2" | grep -o "\"$1\": *[0-9.]*" | grep -o '[0-9.]*$'; }

echo "== $(head -1 "$log")" >&2
rss0="$(rss)"
if [ "$heavy" -gt 0 ]; then
  input="$(printf '%s' "$model" | grep -o '"channels": *[0-9]*' | head -1 | grep -o '[0-9]*$')"
  h="$(printf '%s' "$model" | grep -o '"height": *[0-9]*' | head -1 | grep -o '[0-9]*$')"
  w="$(printf '%s' "$model" | grep -o '"width": *[0-9]*' | head -1 | grep -o '[0-9]*$')"
  peak="$rss0"
  java "$root/bench/HeavyLoad.java" "$base" "$heavy" "$seconds" "$latent" $((input * h * w)) > "$log.heavy" &
  client=$!
  while kill -0 "$client" 2>/dev/null; do
    now="$(rss)"; [ "$now" -gt "$peak" ] && peak="$now"; sleep 0.5
  done
  wait "$client"
  echo "heavy: $(cat "$log.heavy")"
  echo "server RSS: before ${rss0} MiB, peak during the run ${peak} MiB, after $(rss) MiB"
  rm -f "$log.heavy"
  exit 0
fi
r1="$(java "$root/bench/LoadClient.java" "$base" "$requests" "$clients" "$latent")"
rss1="$(rss)"
r2="$(java "$root/bench/LoadClient.java" "$base" "$requests" "$clients" "$latent")"
rss2="$(rss)"
echo "round 1: $r1"
echo "round 2: $r2"
echo
echo "vae4j serve, $requests POST /api/decode x 2 rounds, $clients clients, latent $latent ($run)"
printf '%-7s %10s %9s %9s %9s %8s\n' round "req/s" "p50 ms" "p99 ms" "max ms" errors
for i in 1 2; do
  r="$r1"; [ "$i" = 2 ] && r="$r2"
  printf '%-7s %10s %9s %9s %9s %8s\n' "$i" "$(field requests_per_s "$r")" "$(field p50_ms "$r")" \
      "$(field p99_ms "$r")" "$(field max_ms "$r")" "$(field errors "$r")"
done
echo "server RSS: before ${rss0} MiB, after round 1 ${rss1} MiB, after round 2 ${rss2} MiB"
