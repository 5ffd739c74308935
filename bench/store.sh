#!/usr/bin/env bash
# The store benchmark of docs/BENCHMARKS.md (issue 8). Builds the project, then runs StoreBenchmark once
# under -Xmx512m: the disk's append + force limit, durable creates by 1 and 16 writers, create latency at
# 1,000 / 10,000 / 100,000 entries, and open + heap at 100,000 entries, each against its target.
# Usage: bench/store.sh [work-dir [rounds [commits]]]   (work-dir: on the disk to measure, default the temp dir;
# results go to stdout as Markdown tables; commits: the durable commits alone, about a minute)
# Environment: MVN_ARGS (extra Maven arguments, e.g. "-o -Dmaven.repo.local=...").
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-${TMPDIR:-/tmp}}
rounds=${2:-3}
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
# the reactor writes one classpath file per module; vault-store-file's holds what its test classes need
mvn -B -q -ntp ${MVN_ARGS:-} -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$build/classpath" -pl vault-store-file -am >/dev/null
classpath="vault-store-file/target/test-classes:vault-store-file/target/classes:$(cat "$build/classpath")"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(date -u +%F)"
java -Xmx512m -cp "$classpath" io.offlinevault.store.file.StoreBenchmark "$work" "$rounds" ${3:+"$3"}
