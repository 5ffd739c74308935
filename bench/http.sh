#!/usr/bin/env bash
# The HTTP benchmark of docs/BENCHMARKS.md (issue 21). In one run, each server pinned to one CPU and wrk to the
# other (taskset), data on the disk of the work directory, 16 connections, warm-ups until the server's JIT has
# settled (its compiler threads under 3% of its CPU over one) and then RUNS runs of SECONDS each (medians of req/s,
# p50 and p99):
#   * the ceiling: a bare JDK HttpServer answering a fixed JSON body (bench/Ceiling.java), GET and POST;
#   * the disk: one writer appending 300 bytes and forcing them (bench/AppendForce.java);
#   * Offline Vault on a new key-file vault seeded with 10,000 entries: GET by key, list pageSize=100, a
#     pageSize=1 walk of 1,000 entries (one connection, as the Coveo CLI pages), durable creates of unique
#     ~300-byte bodies, a 90/10 read/create mix;
#   * with --peers, json-server 0.17.4 (bench/peers, pinned) seeded with the same 10,000 entries: GET and create;
#   * serve to the first /health 200 at 10,000 entries, entry list and --version wall time, RSS and heap in use
#     after a GC after 100,000 creates over HTTP, then serve to /health on those 100,000 entries (a cold open).
# The ceiling and Offline Vault are up side by side on the server CPU and their runs alternate, round by round (a
# ceiling GET, the vault's GET and list; a ceiling POST, the disk, the vault's creates): each ratio to the ceiling or
# the disk is the median of the rounds' ratios, so that the host's speed, which moves 2x within minutes on a shared
# machine, moves both sides of a ratio alike.
# It prints the table, the ratios and the targets, and appends them as a dated section to docs/BENCHMARKS.md.
# Offline Vault runs through the launcher vault-app/target/offline-vault (java -jar with --jar).
#
# Usage: bench/http.sh [--quick] [--peers] [--jar] [--no-build] [--no-doc] [--work DIR]
#   --quick     1 run of 3 s (for iterating), and 20,000 creates instead of 100,000 for the memory figures
#   --peers     also json-server (npm ci into bench/peers/node_modules)
#   --jar       start Offline Vault with java -jar instead of the launcher
#   --no-build  use the jar already in vault-app/target
#   --no-doc    print only, do not append to docs/BENCHMARKS.md
#   --http-only skip the memory and cold-open figures (for comparing two builds of the HTTP path)
#   --work DIR  where the vaults and files go (default: a new directory under /var/tmp, removed at the end)
# Environment: BENCH_JAR (the jar that --jar starts, for before/after comparisons), MVN_ARGS (extra Maven arguments, e.g. "-o -Dmaven.repo.local=..."), SERVER_CPU (0), CLIENT_CPU (1).
# Needs java (17+), curl, taskset, wrk (installed with apt-get when missing and allowed), npm for --peers.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

runs=3 seconds=10 warmup=5 settle_rounds=6 creates=100000 peers=false launcher=true build=true doc=true memory=true work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) runs=1 seconds=3 warmup=2 settle_rounds=1 creates=20000 ;;
    --peers) peers=true ;;
    --jar) launcher=false ;;
    --no-build) build=false ;;
    --no-doc) doc=false ;;
    --http-only) memory=false ;;
    --work) work=$2; shift ;;
    *) echo "unknown argument: $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
  shift
done
server_cpu=${SERVER_CPU:-0}
client_cpu=${CLIENT_CPU:-1}
connections=16

die() { echo "bench/http.sh: $*" >&2; exit 1; }

if ! command -v wrk >/dev/null; then
  echo "installing wrk with apt-get" >&2
  if [ "$(id -u)" = 0 ]; then
    timeout 300 apt-get update -qq && DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -qq wrk >/dev/null
  elif sudo -n true 2>/dev/null; then
    timeout 300 sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive timeout 300 sudo apt-get install -y -qq wrk >/dev/null
  fi
  command -v wrk >/dev/null || die "wrk is missing and could not be installed; install it (apt-get install wrk)"
fi
for tool in java curl taskset jcmd jstat; do
  command -v "$tool" >/dev/null || die "$tool is missing"
done
[ "$(nproc)" -ge 2 ] || die "needs 2 CPUs: the server on one, wrk on the other"

own_work=false
if [ -z "$work" ]; then
  work=$(mktemp -d /var/tmp/offline-vault-bench.XXXXXX)
  own_work=true
fi
mkdir -p "$work"
server_pid="" ceiling_pid="" vault_pid=""
cleanup() {
  local pid
  for pid in "$server_pid" "$ceiling_pid" "$vault_pid"; do
    server_pid=$pid
    stop_server
  done
  if $own_work; then rm -rf "$work"; fi
}
trap cleanup EXIT

if $build; then
  echo "building the jar" >&2
  # shellcheck disable=SC2086
  timeout 900 mvn -B -q -ntp ${MVN_ARGS:-} -DskipTests package >"$work/build.log" 2>&1 \
    || { tail -30 "$work/build.log" >&2; die "the build failed"; }
fi
jar=${BENCH_JAR:-$root/vault-app/target/offline-vault.jar}
[ -f "$jar" ] || die "no $jar: build first (or drop --no-build)"
if $launcher; then
  [ -x "$root/vault-app/target/offline-vault" ] || die "no launcher vault-app/target/offline-vault: build, or use --jar"
  ov=("$root/vault-app/target/offline-vault")
  ov_name="the launcher (vault-app/target/offline-vault)"
else
  ov=(java -jar "$jar")
  ov_name="java -jar vault-app/target/offline-vault.jar"
fi

# Starts "$@" on the server CPU, logging to $work/$name.log, and waits (at most 120 s) until the port file
# $url_file exists and http://127.0.0.1:<port>$path answers 200 (Offline Vault writes the port file once it answers);
# sets server_pid and started_ms (the milliseconds from launch to that first 200).
start_server() {
  local name=$1 url_file=$2 path=$3
  shift 3
  local t0
  t0=$(date +%s%N)
  taskset -c "$server_cpu" "$@" >"$work/$name.log" 2>&1 &
  server_pid=$!
  local deadline=$((SECONDS + 120))
  while :; do
    if [ -s "$url_file" ] && curl -s -o /dev/null --max-time 2 -w '%{http_code}' "http://127.0.0.1:$(cat "$url_file")$path" \
        | grep -q '^200$'; then
      break
    fi
    kill -0 "$server_pid" 2>/dev/null || { tail -20 "$work/$name.log" >&2; die "$name exited before answering"; }
    [ $SECONDS -lt $deadline ] || { tail -20 "$work/$name.log" >&2; die "$name did not answer within 120 s"; }
    sleep 0.01
  done
  started_ms=$((($(date +%s%N) - t0) / 1000000))
  port=$(cat "$url_file")
}

stop_server() {
  [ -n "$server_pid" ] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  while kill -0 "$server_pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
  kill -KILL "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

# One wrk run of $1 seconds; the environment (MODE, TARGET, TOKEN, RUN, STOP_AFTER) picks the workload.
# Prints "req/s p50-ms p99-ms errors server-CPU-µs-per-request" (the server's user + system time over the run).
wrk_once() {
  local secs=$1 url=$2 before after
  before=$(cpu_ticks)
  timeout $((secs + 60)) taskset -c "$client_cpu" wrk -t2 -c"$connections" -d"${secs}s" --timeout 10s \
    -s "$root/bench/wrk/vault.lua" "$url" >"$work/wrk.out"
  after=$(cpu_ticks)
  awk -v ticks=$((after - before)) -v hz="$clock_ticks" '/^RESULT/ {
    print $2, $3, $4, $5, ($6 > 0 ? ticks * 1e6 / hz / $6 : 0) }' "$work/wrk.out"
}
clock_ticks=$(getconf CLK_TCK)
# The user + system CPU ticks of the server process so far (0 when none runs).
cpu_ticks() {
  if [ -n "$server_pid" ] && [ -r "/proc/$server_pid/stat" ]; then
    sed 's/.*) //' "/proc/$server_pid/stat" | awk '{print $12 + $13}'
  else
    echo 0
  fi
}

median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

results=$work/results
: >"$results"
run_number=0
# The CPU ticks of the server's JIT compiler threads so far (0 when none runs; a compiler thread that ended takes
# its ticks with it, which only makes the JIT look quieter).
jit_ticks() {
  local sum=0 t ticks
  if [ -n "$server_pid" ]; then
    for t in /proc/"$server_pid"/task/*; do
      case "$(cat "$t/comm" 2>/dev/null)" in
        C1\ Compiler*|C2\ Compiler*)
          ticks=$(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{print $12 + $13}')
          sum=$((sum + ${ticks:-0})) ;;
      esac
    done
  fi
  echo "$sum"
}

# warm LABEL URL: a warm-up, then more warm-ups (at most $settle_rounds) until the server's JIT compiler threads
# took under 3% of its CPU over the last one (with one CPU for the whole server, a compiler thread gets a small share
# of it under load, and a JVM still compiling its request path is not what a user's long-running server is); notes
# the seconds it took for LABEL's row.
warm() {
  local label=$1 url=$2 settle=0 before_jit before_cpu
  run_number=$((run_number + 1))
  RUN="w$run_number" wrk_once "$warmup" "$url" >/dev/null
  while [ "$settle" -lt "$settle_rounds" ]; do
    before_jit=$(jit_ticks) before_cpu=$(cpu_ticks)
    RUN="w$run_number.$settle" wrk_once "$warmup" "$url" >/dev/null
    settle=$((settle + 1))
    awk -v jit=$(($(jit_ticks) - before_jit)) -v cpu=$(($(cpu_ticks) - before_cpu)) \
      'BEGIN {exit !(cpu > 0 && jit * 100 < 3 * cpu)}' && break
  done
  echo $(((settle + 1) * warmup)) >"$(runs_file "$label").warm"
}

# The file of LABEL's runs, a line each: "req/s p50-ms p99-ms errors server-CPU-µs-per-request".
runs_file() { echo "$work/runs/$(printf '%s' "$1" | tr -c 'A-Za-z0-9' '_')"; }
mkdir -p "$work/runs"

# run LABEL URL: one measured run of $seconds s, added to LABEL's runs.
run() {
  local label=$1 url=$2 line
  run_number=$((run_number + 1))
  line=$(RUN="r$run_number" wrk_once "$seconds" "$url")
  [ -n "$line" ] || die "wrk gave no result for $label"
  echo "$line" >>"$(runs_file "$label")"
}

# summarize LABEL: appends "LABEL|req/s|p50|p99|errors|req/s of each run|CPU µs/req|warm-up seconds" (medians of
# its runs; "-" for a CPU figure or a warm-up it has not) to the results, and prints it.
summarize() {
  local label=$1 file rps p50 p99 errors cpu cpu_text each warm_s
  file=$(runs_file "$label")
  rps=$(awk '{print $1}' "$file" | median)
  p50=$(awk '{print $2}' "$file" | median)
  p99=$(awk '{print $3}' "$file" | median)
  errors=$(awk '{s += $4} END {print s + 0}' "$file")
  cpu=$(awk '{print $5}' "$file" | median)
  each=$(awk '{printf "%s%.0f", (NR > 1 ? ", " : ""), $1}' "$file")
  warm_s=$(cat "$file.warm" 2>/dev/null || echo -)
  echo "$label|$rps|$p50|$p99|$errors|$each|$cpu|$warm_s" >>"$results"
  cpu_text=$(awk -v cpu="$cpu" 'BEGIN {print (cpu == "-" ? "-" : sprintf("%6.1f", cpu))}')
  printf '%-32s %8.0f req/s  p50 %7.2f ms  p99 %7.2f ms  server CPU %s us/req  errors %s  (%s; warm-up %s s)\n' \
    "$label" "$rps" "$p50" "$p99" "$cpu_text" "$errors" "$each" "$warm_s" >&2
}

# measure LABEL URL: a workload on its own: warm-ups, $runs runs, its row.
measure() {
  local i
  warm "$1" "$2"
  for i in $(seq "$runs"); do
    run "$1" "$2"
  done
  summarize "$1"
}

# round_ratio OF TO: "median|each", the ratios of OF's runs to TO's taken round by round (the i-th run of each
# ran in the same round, minutes apart at most), each with 2 decimals, and their median.
round_ratio() {
  paste -d' ' <(awk '{print $1}' "$(runs_file "$1")") <(awk '{print $1}' "$(runs_file "$2")") \
    | awk '$2 > 0 {printf "%.2f\n", $1 / $2}' >"$work/ratios"
  echo "$(median <"$work/ratios")|$(paste -sd' ' "$work/ratios")"
}

# use PID PORT: the server that wrk_once, warm and run measure from now on (both servers stay up, on one CPU).
use() { server_pid=$1; port=$2; }

value() { awk -F'|' -v label="$1" -v col="$2" '$1 == label {print $col}' "$results"; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started_at=$(date -u '+%Y-%m-%d %H:%M UTC')
java_version=$(java -version 2>&1 | head -1)
echo "load average before: $load_before" >&2

export MODE TARGET TOKEN STOP_AFTER ENTRIES=10000
TARGET=vault TOKEN=none STOP_AFTER=0

# Offline Vault: a new vault, 10,000 entries imported in one request, then stopped and started again (timed).
vault=$work/vault
mkdir -p "$vault"
seed=$work/seed.json
awk 'BEGIN {
  pad = sprintf("%200s", ""); gsub(/ /, "v", pad)
  printf "["
  for (i = 0; i < 10000; i++) {
    printf "%s{\"key\":\"bench.k%05d\",\"value\":\"%s\",\"valueType\":\"STRING\",\"vaultVisibilityType\":\"OBFUSCATED\"}", (i ? "," : ""), i, pad
  }
  printf "]"
}' >"$seed"
serve=("${ov[@]}" serve --data-dir "$vault/data" --key-file "$vault/vault.key" --port 0 --port-file "$vault/port")
rm -f "$vault/port"
start_server vault-new "$vault/port" /health "${serve[@]}"
TOKEN=$(cat "$vault/data/admin.token")
api=http://127.0.0.1:$port/rest/organizations/acme/vaultentries
curl -s --fail --max-time 120 -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  --data-binary "@$seed" "$api/import" || die "the 10,000 entries could not be imported"
stop_server

# Command-line wall times on the 10,000 entries (the server stopped: the data dir is locked while it runs).
wall_ms() {
  local t0
  t0=$(date +%s%N)
  timeout 60 "$@" >/dev/null 2>&1 || die "failed: $*"
  echo $((($(date +%s%N) - t0) / 1000000))
}
list_each="" version_each=""
for i in 1 2 3 4 5; do
  list_each+="$(wall_ms "${ov[@]}" entry list --org acme --page-size 100 --data-dir "$vault/data" --key-file "$vault/vault.key") "
  version_each+="$(wall_ms "${ov[@]}" --version) "
done
list_ms=$(echo "$list_each" | tr ' ' '\n' | grep . | median)
version_ms=$(echo "$version_each" | tr ' ' '\n' | grep . | median)

start_each=""
for i in $(seq "$runs"); do
  rm -f "$vault/port"
  start_server vault "$vault/port" /health "${serve[@]}"
  start_each+="$started_ms "
  [ "$i" = "$runs" ] || stop_server
done
start_ms=$(echo "$start_each" | tr ' ' '\n' | grep . | median)
vault_pid=$server_pid vault_port=$port
api=http://127.0.0.1:$vault_port/rest/organizations/acme/vaultentries

# The ceiling, started beside the vault on the same CPU. The two stay up and their runs alternate, round by round
# (the one not measured idles), so that each ratio compares runs minutes apart at most: on a shared host the speed
# of the CPU moves 2x within minutes, which ratios of runs a quarter of an hour apart took for the servers' own.
rm -f "$work/ceiling.port"
server_pid=""
start_server ceiling "$work/ceiling.port" / java -Dsun.net.httpserver.nodelay=true "$root/bench/Ceiling.java" "$work/ceiling.port"
ceiling_pid=$server_pid ceiling_port=$port
ceiling=http://127.0.0.1:$ceiling_port

# The JIT compiles the server's request path first: without this the first workload measured pays for it.
use "$vault_pid" "$vault_port"
MODE=mix RUN=jit wrk_once $((warmup * 3)) "$api" >/dev/null

# Reads: each round a ceiling GET, then the vault's GET by key and list, each compared with that ceiling run.
use "$ceiling_pid" "$ceiling_port"
TOKEN=none MODE=get warm "ceiling GET" "$ceiling"
use "$vault_pid" "$vault_port"
MODE=get warm "vault GET by key" "$api"
MODE=list warm "vault list pageSize=100" "$api"
for i in $(seq "$runs"); do
  use "$ceiling_pid" "$ceiling_port"
  TOKEN=none MODE=get run "ceiling GET" "$ceiling"
  use "$vault_pid" "$vault_port"
  MODE=get run "vault GET by key" "$api"
  MODE=list run "vault list pageSize=100" "$api"
done
summarize "ceiling GET"
summarize "vault GET by key"
summarize "vault list pageSize=100"

# The walk: pages 0..999 of size 1 over one connection, as the Coveo CLI fetches them one after the other.
walk_each=""
for i in $(seq "$runs"); do
  config=$work/walk.curl
  : >"$config"
  for page in $(seq 0 999); do
    printf 'url = "%s?pageSize=1&page=%d"\noutput = "/dev/null"\n' "$api" "$page" >>"$config"
  done
  t0=$(date +%s%N)
  timeout 120 taskset -c "$client_cpu" curl -s --fail -H "Authorization: Bearer $TOKEN" -K "$config" \
    || die "the walk failed"
  walk_each+="$((($(date +%s%N) - t0) / 1000000)) "
done
walk_ms=$(echo "$walk_each" | tr ' ' '\n' | grep . | median)

# Writes: each round a ceiling POST, the disk (one writer appending 300 bytes and forcing them, both servers idle),
# then the vault's durable creates, compared with both.
use "$ceiling_pid" "$ceiling_port"
TOKEN=none MODE=create warm "ceiling POST" "$ceiling"
use "$vault_pid" "$vault_port"
MODE=create warm "vault durable create" "$api"
disk_runs=$(runs_file "disk append+force")
for i in $(seq "$runs"); do
  use "$ceiling_pid" "$ceiling_port"
  TOKEN=none MODE=create run "ceiling POST" "$ceiling"
  timeout $((seconds + 60)) taskset -c "$server_cpu" java "$root/bench/AppendForce.java" "$work" "$seconds" \
    | awk '/^RESULT/ {print $2, $3, $4, 0, "-"}' >>"$disk_runs"
  use "$vault_pid" "$vault_port"
  MODE=create run "vault durable create" "$api"
done
summarize "ceiling POST"
summarize "disk append+force"
summarize "vault durable create"
MODE=mix measure "vault 90/10 GET/create" "$api"
use "$ceiling_pid" "$ceiling_port"
stop_server
use "$vault_pid" "$vault_port"
stop_server

# Memory: a new vault, $creates creates over HTTP, a full GC, then RSS and heap in use; then a cold open of them.
count=0 rss_kib=0 rss_peak_kib=0 heap_kib=0 open_ms=- open_each=""
if $memory; then
  big=$work/big
  mkdir -p "$big"
  serve_big=("${ov[@]}" serve --data-dir "$big/data" --key-file "$big/vault.key" --port 0 --port-file "$big/port")
  rm -f "$big/port"
  start_server vault-big "$big/port" /health "${serve_big[@]}"
  TOKEN=$(cat "$big/data/admin.token")
  jvm_pid=$server_pid  # taskset and the launcher exec java
  entries_in() {
    curl -s --max-time 30 -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/rest/organizations/acme/vaultentries?pageSize=1" \
      | sed -n 's/.*"totalEntries":\([0-9]*\).*/\1/p'
  }
  # wrk runs for its whole duration even when every thread has stopped, so: short runs until there are $creates.
  count=0 round=0 deadline=$((SECONDS + 900))
  while [ "$count" -lt "$creates" ]; do
    if [ $SECONDS -ge $deadline ]; then
      echo "stopped the creates after 900 s at $count entries" >&2
      break
    fi
    round=$((round + 1))
    MODE=create RUN="big$round" STOP_AFTER=$(((creates - count + 1) / 2)) wrk_once 5 \
      "http://127.0.0.1:$port/rest/organizations/acme/vaultentries" >/dev/null
    count=$(entries_in)
  done
  rss_peak_kib=$(awk '/VmHWM/ {print $2}' "/proc/$jvm_pid/status")
  timeout 60 jcmd "$jvm_pid" GC.run >/dev/null
  sleep 1
  rss_kib=$(awk '/VmRSS/ {print $2}' "/proc/$jvm_pid/status")
  heap_kib=$(timeout 60 jstat -gc "$jvm_pid" | awk 'NR == 1 {for (i = 1; i <= NF; i++) col[$i] = i}
    NR == 2 {print int($col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"])}')
  stop_server
  open_each=""
  for i in $(seq "$runs"); do
    rm -f "$big/port"
    start_server vault-big "$big/port" /health "${serve_big[@]}"
    open_each+="$started_ms "
    stop_server
  done
  open_ms=$(echo "$open_each" | tr ' ' '\n' | grep . | median)
fi

# The peers.
peer_note="not measured (run with --peers)"
if $peers; then
  (cd "$root/bench/peers" && timeout 600 npm ci --no-audit --no-fund --ignore-scripts >"$work/npm.log" 2>&1) \
    || { tail -20 "$work/npm.log" >&2; die "npm ci in bench/peers failed"; }
  awk 'BEGIN {
    pad = sprintf("%200s", ""); gsub(/ /, "v", pad)
    printf "{\"vaultentries\":["
    for (i = 0; i < 10000; i++) {
      printf "%s{\"id\":\"bench.k%05d\",\"key\":\"bench.k%05d\",\"value\":\"%s\",\"valueType\":\"STRING\",\"vaultVisibilityType\":\"OBFUSCATED\"}", (i ? "," : ""), i, i, pad
    }
    printf "]}"
  }' >"$work/db.json"
  peer_port=$(awk -v seed="$RANDOM" 'BEGIN {srand(seed); print 20000 + int(rand() * 20000)}')
  echo "$peer_port" >"$work/peer.port.wanted"
  start_server json-server "$work/peer.port.wanted" /vaultentries/bench.k00000 \
    node "$root/bench/peers/node_modules/json-server/lib/cli/bin.js" --quiet --host 127.0.0.1 --port "$peer_port" "$work/db.json"
  TARGET=peer
  MODE=get measure "json-server GET by key" "http://127.0.0.1:$port"
  MODE=create measure "json-server create" "http://127.0.0.1:$port"
  stop_server
  peer_note="json-server $(node -p 'require(process.argv[1]).version' "$root/bench/peers/node_modules/json-server/package.json"), node $(node --version)"
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average after: $load_after" >&2

# The report.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a != "-" && b > 0) printf "%.2f", a / b; else print "-"}'; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {
  if (v == "-" || v == "") {print "not measured"; exit}
  ok = (op == ">=") ? (v + 0 >= t + 0) : (v + 0 < t + 0); print ok ? "met" : "**missed**" }'; }
get=$(value "vault GET by key" 2) ceiling_get=$(value "ceiling GET" 2)
create=$(value "vault durable create" 2) ceiling_post=$(value "ceiling POST" 2) disk_rps=$(value "disk append+force" 2)
list=$(value "vault list pageSize=100" 2)
peer_create=$(value "json-server create" 2)
get_p99=$(value "vault GET by key" 4) create_p99=$(value "vault durable create" 4)
# The ratios to the ceiling and the disk: the median of the rounds' ratios, and each of them.
IFS='|' read -r r_get rounds_get <<<"$(round_ratio "vault GET by key" "ceiling GET")"
IFS='|' read -r r_list rounds_list <<<"$(round_ratio "vault list pageSize=100" "ceiling GET")"
IFS='|' read -r r_create rounds_create <<<"$(round_ratio "vault durable create" "ceiling POST")"
IFS='|' read -r r_disk rounds_disk <<<"$(round_ratio "vault durable create" "disk append+force")"
r_peer=$(if [ -n "$peer_create" ]; then ratio "$create" "$peer_create"; else echo -; fi)
rss_mib=$((rss_kib / 1024)) heap_mib=$((heap_kib / 1024)) peak_mib=$((rss_peak_kib / 1024))
if ! $memory; then rss_mib=- heap_mib=- peak_mib=-; fi
cpu_model=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)

report=$work/report.md
{
  echo "## HTTP: Offline Vault, the JDK ceiling, the disk and the peers in one run (issue 21)"
  echo
  echo "**$started_at**, $(nproc) CPUs ($cpu_model), $(free -g | awk '/Mem:/ {print $2}') GiB, $java_version,"
  echo "data on $(df -P "$work" | awk 'NR == 2 {print $1}') ($(stat -f -c %T "$work")); load average $load_before before and $load_after after."
  echo "**Command:** \`bench/http.sh$([ $runs = 1 ] && echo ' --quick')$($peers && echo ' --peers')$($launcher || echo ' --jar')\`:"
  echo "servers pinned to CPU $server_cpu, wrk (2 threads, $connections connections) to CPU $client_cpu; warm-ups of ${warmup} s until the server's JIT compiler threads take"
  echo "under 3% of its CPU (at most $((settle_rounds + 1)); the table's warm-up column), then"
  echo "$runs run(s) of $seconds s, medians; server CPU: the server process's user + system time over a run divided"
  echo "by its requests (less sensitive to other load than req/s). Offline Vault through $ov_name on a key-file vault"
  echo "seeded with 10,000 entries, up beside the ceiling on the same CPU: their runs alternate in $runs round(s) (a ceiling"
  echo "GET, the vault's GET and list; a ceiling POST, the disk, the vault's creates), and a ratio to the ceiling or the"
  echo "disk is the median of the rounds' ratios. Peers: $peer_note."
  echo
  echo "| workload | req/s | p50 ms | p99 ms | server CPU µs per request | errors | req/s of each run | warm-up s |"
  echo "|---|---:|---:|---:|---:|---:|---|---:|"
  awk -F'|' '{printf "| %s | %.0f | %.2f | %.2f | %s | %s | %s | %s |\n", $1, $2, $3, $4, ($7 == "-" ? "-" : sprintf("%.1f", $7)), $5, $6, $8}' "$results"
  echo
  echo "| other figure | measured |"
  echo "|---|---:|"
  echo "| pageSize=1 walk of 1,000 entries (curl, one connection) | $walk_ms ms (each: ${walk_each% }) |"
  echo "| \`serve\` to the first /health 200 at 10,000 entries | $start_ms ms (each: ${start_each% }) |"
  echo "| \`entry list --org acme --page-size 100\` at 10,000 entries | $list_ms ms (each: ${list_each% }) |"
  echo "| \`--version\` | $version_ms ms (each: ${version_each% }) |"
  echo "| after $count entries created over HTTP: RSS after a full GC (peak RSS) | $rss_mib MiB ($peak_mib MiB) |"
  echo "| after $count entries created over HTTP: heap in use after a full GC | $heap_mib MiB |"
  echo "| cold open: \`serve\` to the first /health 200 at $count entries | $open_ms ms (each: ${open_each% }) |"
  echo
  echo "| target | measured | ratio | verdict |"
  echo "|---|---|---:|---|"
  echo "| GET by key >= 0.80 of the ceiling | $(printf '%.0f of %.0f' "$get" "$ceiling_get") req/s; rounds $rounds_get | $r_get | $(verdict "$r_get" '>=' 0.80) |"
  echo "| durable create >= 0.40 of the ceiling | $(printf '%.0f of %.0f' "$create" "$ceiling_post") req/s; rounds $rounds_create | $r_create | $(verdict "$r_create" '>=' 0.40) |"
  echo "| durable create >= 3x the disk's append+force | $(printf '%.0f vs %.0f' "$create" "$disk_rps") /s; rounds $rounds_disk | $r_disk | $(verdict "$r_disk" '>=' 3) |"
  echo "| durable create >= 50x json-server | $(printf '%.0f' "$create") vs ${peer_create:-?} req/s | $r_peer | $(verdict "$r_peer" '>=' 50) |"
  echo "| list pageSize=100 >= 0.40 of the ceiling | $(printf '%.0f of %.0f' "$list" "$ceiling_get") req/s; rounds $rounds_list | $r_list | $(verdict "$r_list" '>=' 0.40) |"
  echo "| pageSize=1 walk of 1,000 < 2 s | $walk_ms ms | $(ratio "$walk_ms" 2000) | $(verdict "$walk_ms" '<' 2000) |"
  echo "| entry list < 0.5 s | $list_ms ms | $(ratio "$list_ms" 500) | $(verdict "$list_ms" '<' 500) |"
  echo "| RSS < 256 MiB after $count creates | $rss_mib MiB | $(ratio "$rss_mib" 256) | $(verdict "$rss_mib" '<' 256) |"
  echo "| (recorded) p99 GET < 5 ms | $get_p99 ms | $(ratio "$get_p99" 5) | $(verdict "$get_p99" '<' 5) |"
  echo "| (recorded) p99 create < 20 ms | $create_p99 ms | $(ratio "$create_p99" 20) | $(verdict "$create_p99" '<' 20) |"
  echo "| (recorded) serve to /health < 1 s at 10,000 | $start_ms ms | $(ratio "$start_ms" 1000) | $(verdict "$start_ms" '<' 1000) |"
  echo "| (recorded) cold open < 1 s at $count | $open_ms ms | $(ratio "$open_ms" 1000) | $(verdict "$open_ms" '<' 1000) |"
} >"$report"
cat "$report"
if $doc; then
  { echo; cat "$report"; } >>"$root/docs/BENCHMARKS.md"
  echo "appended to docs/BENCHMARKS.md" >&2
fi
