#!/usr/bin/env bash
# DNS throughput: dnsperf against mxlab and against BIND 9 serving the same generated zone, on
# the same machine, one after the other, each with the whole machine. Prints qps, lost queries
# and the ratio, as the median of ROUNDS runs.
#   bench/dns.sh [SECONDS_PER_RUN] [ROUNDS]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need dnsperf dnsperf
need named bind9
ensure_jar

DURATION=${1:-10}
ROUNDS=${2:-3}
HOSTS=${HOSTS:-500}
MX_PORT=${MX_PORT:-15300}
BIND_PORT=${BIND_PORT:-15301}
work=$(mktemp -d /tmp/mxlab-bench-dns.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

# A spec with one domain of $HOSTS hosts, and the query mix resolvers send: A, MX, TXT, SRV,
# plus 10% names that do not exist.
{
  echo "version: 1"
  echo "server: { data_dir: $work/data, hostname: mail.bench.lab }"
  echo "domains:"
  echo "  - name: bench.lab"
  echo "    hosts:"
  echo "      mail: 10.0.0.1"
  for i in $(seq 1 "$HOSTS"); do echo "      h$i: 10.1.$((i / 250)).$((i % 250 + 1))"; done
} > "$work/bench.yaml"
java -jar "$JAR" zone "$work/bench.yaml" --out "$work/zones" >/dev/null
{
  for i in $(seq 1 "$HOSTS"); do
    echo "h$i.bench.lab A"
    [ $((i % 5)) -eq 0 ] && echo "bench.lab MX"
    [ $((i % 7)) -eq 0 ] && echo "bench.lab TXT"
    [ $((i % 9)) -eq 0 ] && echo "_submission._tcp.bench.lab SRV"
    [ $((i % 10)) -eq 0 ] && echo "missing$i.bench.lab A"
  done
} > "$work/queries"

cat > "$work/named.conf" <<CONF
options {
  directory "$work";
  listen-on port $BIND_PORT { 127.0.0.1; };
  listen-on-v6 { none; };
  recursion no;
  pid-file "$work/named.pid";
  session-keyfile "$work/session.key";
};
zone "bench.lab" { type primary; file "$work/zones/db.bench.lab"; };
CONF

run_dnsperf() { # port -> "qps lost"
  dnsperf -s 127.0.0.1 -p "$1" -d "$work/queries" -l "$DURATION" -c 8 -q 200 2>&1 |
    awk '/Queries lost:/ {lost=$3} /Queries per second:/ {qps=$4} END {print qps, lost}'
}

java -Xms256m -Xmx512m -jar "$JAR" up "$work/bench.yaml" --ports "$(ports_only dns=$MX_PORT)" >"$work/mxlab.log" 2>&1 &
pids+=($!)
wait_port 127.0.0.1 "$MX_PORT"
dnsperf -s 127.0.0.1 -p "$MX_PORT" -d "$work/queries" -l 3 -c 8 -q 200 >/dev/null 2>&1 # JIT warm-up
mx_runs=()
for _ in $(seq "$ROUNDS"); do mx_runs+=("$(run_dnsperf "$MX_PORT")"); done
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true

named -g -c "$work/named.conf" -u root >"$work/named.log" 2>&1 &
pids+=($!)
wait_port 127.0.0.1 "$BIND_PORT"
dnsperf -s 127.0.0.1 -p "$BIND_PORT" -d "$work/queries" -l 2 -c 8 -q 200 >/dev/null 2>&1
bind_runs=()
for _ in $(seq "$ROUNDS"); do bind_runs+=("$(run_dnsperf "$BIND_PORT")"); done

mx_qps=$(printf '%s\n' "${mx_runs[@]}" | awk '{print $1}' | median)
mx_lost=$(printf '%s\n' "${mx_runs[@]}" | awk '{print $2}' | median)
bind_qps=$(printf '%s\n' "${bind_runs[@]}" | awk '{print $1}' | median)
bind_lost=$(printf '%s\n' "${bind_runs[@]}" | awk '{print $2}' | median)
echo "dns benchmark: dnsperf -c 8 -q 200, ${DURATION}s x $ROUNDS rounds, $(wc -l < "$work/queries") distinct queries"
printf '  %-8s median %10.0f qps  lost %s   (runs: %s)\n' mxlab "$mx_qps" "$mx_lost" "$(printf '%s; ' "${mx_runs[@]}")"
printf '  %-8s median %10.0f qps  lost %s   (runs: %s)\n' "BIND $(named -v | awk '{print $2}')" "$bind_qps" "$bind_lost" "$(printf '%s; ' "${bind_runs[@]}")"
echo "  ratio mxlab/BIND: $(ratio "$mx_qps" "$bind_qps")  (bar: >= 0.8 with no lost queries)"
