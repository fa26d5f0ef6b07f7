#!/usr/bin/env bash
# Issue #14 item f: the ./vae4j wrapper's first build must print no ANSI escapes (it printed
# ESC[0m four times on Debian's Maven 3.8 with Jansi 2). A shell check, not a JUnit test: it
# runs the wrapper, which runs Maven. Makes the jar look stale so that the wrapper rebuilds it.
# Usage: vae4j-cli/src/test/shell/build-output-is-plain.sh   (from anywhere; needs a built jar)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
jar="$root/vae4j-cli/target/vae4j-cli.jar"
[ -f "$jar" ] || { echo "build first: $jar is missing" >&2; exit 2; }
touch -d '2000-01-01' "$jar"
err="$(mktemp)"
trap 'rm -f "$err"' EXIT
"$root/vae4j" --version >/dev/null 2>"$err"
if grep -q $'\e' "$err"; then
  echo "FAIL: the build printed ANSI escapes:" >&2
  cat -A "$err" >&2
  exit 1
fi
if [ "$(cat "$err")" != "vae4j: building (mvn package)..." ]; then
  echo "FAIL: unexpected build output:" >&2
  cat "$err" >&2
  exit 1
fi
echo "ok: the build printed only its one line"
