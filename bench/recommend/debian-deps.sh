#!/usr/bin/env bash
# Rebuilds the Debian "package x dependency" implicit-feedback set that bench/RESULTS.md's
# recommendation table uses: each binary package of Debian 12 (bookworm) main, amd64, is a
# "user"; each package it names in Depends, Pre-Depends or Recommends is an "item" it holds.
# Version constraints and architecture qualifiers are dropped; of alternatives "a | b" only the
# first counts. Output: package,dependency lines (CSV, no header) on stdout.
#
# Source: the APT index /var/lib/apt/lists/*bookworm_main_binary-amd64_Packages* (run
# `apt-get update` first if it is missing). Debian's archive metadata is public; the data is not
# committed here, only this script. Usage: bench/recommend/debian-deps.sh > /tmp/debian-deps.csv
set -euo pipefail
list=$(ls /var/lib/apt/lists/*_debian_dists_bookworm_main_binary-amd64_Packages* 2>/dev/null | head -1)
if [ -z "$list" ]; then
  echo "debian-deps.sh: no bookworm main amd64 Packages index under /var/lib/apt/lists (run apt-get update)" >&2
  exit 1
fi
/usr/lib/apt/apt-helper cat-file "$list" | awk '
  /^Package: / { pkg = $2; next }
  /^(Depends|Pre-Depends|Recommends): / {
    sub(/^[A-Za-z-]+: /, "")
    n = split($0, deps, ",")
    for (i = 1; i <= n; i++) {
      d = deps[i]
      sub(/\|.*/, "", d)          # first alternative only
      sub(/\(.*\)/, "", d)        # version constraint
      sub(/\[.*\]/, "", d)        # architecture restriction
      gsub(/[ \t]/, "", d)
      sub(/:.*/, "", d)           # :any, :native
      if (d != "" && d != pkg) print pkg "," d
    }
  }'
