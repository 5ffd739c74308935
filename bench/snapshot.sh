#!/usr/bin/env bash
# The snapshot benchmark of docs/BENCHMARKS.md. Builds the project, then runs SnapshotBenchmark twice:
# 5,000 resources with 2,000 placeholders, and 135,000 resources (63.5 MiB of JSON, just under the
# 64 MiB upload limit), both under -Xmx512m.
# Usage: bench/snapshot.sh [rounds]   (results go to stdout as Markdown tables)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# the reactor writes one classpath file per module; vault-app comes last and holds them all
mvn -B -q -ntp -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$work/classpath" >/dev/null
classpath="vault-app/target/test-classes:vault-app/target/classes:$(cat "$work/classpath")"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(date -u +%F)"
java -Xmx512m -cp "$classpath" io.offlinevault.app.bench.SnapshotBenchmark 5000 2000 "$rounds" "$work/a"
java -Xmx512m -cp "$classpath" io.offlinevault.app.bench.SnapshotBenchmark 135000 2000 1 "$work/b"
