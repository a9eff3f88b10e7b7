#!/usr/bin/env bash
# Benchmark (not a test): one verification and one verdict sweep, in-JVM (the default engine) and on
# a Spark local-cluster (executor JVMs on this machine), outputs compared, wall-clock times and ratio.
# Usage: bench/spark.sh [--quick] [--master URL]
#   default: a dense relu network (2 inputs, hidden 32,32: 1,185 parameters) on all 2^22 points of
#   Q5.5 x Q5.5 (5.0e9 weight-operations), and a sweep of 108 settings (relu,gelu,silu x p,q in 1..2 x
#   9 roundings); --quick: 2^20 points of Q4.5 and 36 settings.
# docs/SCALE.md records the numbers measured here.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
master='local-cluster[2,1,1024]'
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --master) master="$2"; shift ;;
    *) echo "usage: bench/spark.sh [--quick] [--master URL]" >&2; exit 2 ;;
  esac
  shift
done
./fxnet --version >/dev/null
./fxnet table --engine spark --master 'local[1]' --activations relu --int-bits 0 --frac-bits 0 --quiet >/dev/null # builds and resolves Spark once
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
if [ $quick = 1 ]; then p=4; q=5; pqs=1; acts=relu,gelu; else p=5; q=5; pqs=1,2; acts=relu,gelu,silu; fi
python3 - "$p" "$q" >"$out/net.json" <<'PY'
import json, random, sys
p, q = int(sys.argv[1]), int(sys.argv[2])
r = random.Random(18)
widths, prev, layers = [32, 32, 1], 2, []
for w in widths:
    layers.append([{"bias": r.randrange(-128, 128), "weights": [[i, r.randrange(-48, 48)] for i in range(prev)]}
                   for _ in range(w)])
    prev = w
print(json.dumps({"fxnet": 1, "format": {"intBits": p, "fracBits": q, "encoding": "TWOS_COMPLEMENT"},
                  "arithmetic": {"rounding": "HALF_EVEN", "overflow": "SATURATE", "accumulation": "PER_OP"},
                  "activation": "relu", "inputs": 2, "layers": layers}))
PY
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); spark master $master"
timed() { # timed NAME OUTFILE CMD...: runs CMD, output to OUTFILE, prints seconds
  local name="$1" file="$2"; shift 2
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >"$file" 2>"$file.err" || { [ $? -eq 3 ] || { cat "$file.err" >&2; exit 1; }; }
  t1=$(date +%s.%N)
  python3 -c "print('%.2f' % ($t1 - $t0))"
}
# the fixed cost: a one-setting sweep (start-up of the JVM, and of Spark and its executors)
sargs=(table --csv --quiet --activations relu --int-bits 0 --frac-bits 0)
sl=$(timed start-local "$out/s.local" ./fxnet "${sargs[@]}")
ss=$(timed start-spark "$out/s.spark" ./fxnet "${sargs[@]}" --engine spark --master "$master")
vargs=(verify "$out/net.json" --random 7 --show 20 --quiet --force)
targs=(table --csv --quiet --activations "$acts" --int-bits "$pqs" --frac-bits "$pqs" --roundings all)
vl=$(timed verify-local "$out/v.local" ./fxnet "${vargs[@]}")
vs=$(timed verify-spark "$out/v.spark" ./fxnet "${vargs[@]}" --engine spark --master "$master")
tl=$(timed table-local "$out/t.local" ./fxnet "${targs[@]}")
ts=$(timed table-spark "$out/t.spark" ./fxnet "${targs[@]}" --engine spark --master "$master")
# verify prints its own time in parentheses: compare everything else
sed -E 's/\([0-9.]+ s\)//' "$out/v.local" >"$out/v.local.n"
sed -E 's/\([0-9.]+ s\)//' "$out/v.spark" >"$out/v.spark.n"
cmp -s "$out/v.local.n" "$out/v.spark.n" && vsame=identical || vsame=DIFFERENT
cmp -s "$out/t.local" "$out/t.spark" && tsame=identical || tsame=DIFFERENT
points=$(( (1 << (p + q + 1)) * (1 << (p + q + 1)) ))
rows=$(( $(wc -l <"$out/t.local") - 1 ))
printf '%-44s %10s %10s %8s  %s\n' job in-JVM/s spark/s ratio outputs
printf '%-44s %10s %10s %8s  %s\n' "start-up (a one-setting sweep)" "$sl" "$ss" \
  "$(python3 -c "print('%.2f' % ($ss / $sl))")" "$(cmp -s "$out/s.local" "$out/s.spark" && echo identical || echo DIFFERENT)"
printf '%-44s %10s %10s %8s  %s\n' "verify $points points x 1185 parameters" "$vl" "$vs" \
  "$(python3 -c "print('%.2f' % ($vs / $vl))")" "$vsame"
printf '%-44s %10s %10s %8s  %s\n' "table sweep of $rows settings" "$tl" "$ts" \
  "$(python3 -c "print('%.2f' % ($ts / $tl))")" "$tsame"
head -1 "$out/v.local" | cut -c1-100
