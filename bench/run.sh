#!/usr/bin/env bash
# Issue 17's benchmark (not a test): verification throughput of compiled networks, the same networks
# in ONNX Runtime and as C (gcc -O2), parameters against the counting bound per strategy, compile time.
# Usage: bench/run.sh [--quick]   (--quick: smaller networks, a few minutes; full: up to ~20 minutes)
# FXNET_BENCH_JVM_OPTS adds JVM options (e.g. -XX:StartFlightRecording=filename=bench.jfr for a profile).
# Prints a table on stdout, progress on stderr; the last line is the SUMMARY line. docs/BENCHMARKS.md
# explains the columns and records measured results.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl fxnet-core -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test >/dev/null
cd fxnet-core
cp="target/test-classes:target/classes:$(cat target/bench.cp)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
exec java ${FXNET_BENCH_JVM_OPTS:-} -Xmx12g -cp "$cp" dev.fxnet.bench.VerificationBench "$@"
