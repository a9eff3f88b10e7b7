#!/usr/bin/env bash
# Benchmark (not a test): compile + verify a random table with |F|^d = 2^16 points.
# Q3.4 is two's complement p=3, q=4: |F| = 256, d = 2 gives 65536 points.
# Usage: bench/compile-verify.sh [ACTIVATION...]   (default: relu gelu)
# Prints wall-clock seconds of `fxnet compile` (which also verifies every point before writing)
# and of a separate `fxnet verify`. docs/CONSTRUCTION.md records the numbers measured here.
set -euo pipefail
cd "$(dirname "$0")/.."
./fxnet --version >/dev/null
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
acts=("$@")
[ ${#acts[@]} -eq 0 ] && acts=(relu gelu)
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for act in "${acts[@]}"; do
  start=$(date +%s.%N)
  ./fxnet compile --act "$act" --format Q3.4 --dims 2 --random 7 --out "$out/$act.json" | sed 's/^/  /'
  mid=$(date +%s.%N)
  ./fxnet verify "$out/$act.json" --random 7 | sed 's/^/  /'
  end=$(date +%s.%N)
  python3 -c "print('$act: compile+verify %.1f s (fxnet compile, verification included), separate verify %.1f s' % ($mid-$start, $end-$mid))"
done
