#!/usr/bin/env bash
# Classroom scale: how long `mxlab up` takes for 300 and 10,000 student domains (bars: 5 s and
# 30 s, under a 1 GiB heap), the heap in use, and the longest DNS pause while the 10,000-domain
# spec is reloaded with one user added (bar: 100 ms), measured by a client asking all along.
#   bench/scale.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_jar

DNS_PORT=${DNS_PORT:-15450}
SMTP_PORT=${SMTP_PORT:-12650}
work=$(mktemp -d /tmp/mxlab-bench-scale.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# up SPEC: starts an instance; sets pid, and took (seconds until its listener table is out)
up() {
  local start end
  start=$(date +%s.%N)
  local log="$work/up-$(basename "$1").log"
  java -Xmx1g -jar "$JAR" up "$1" --data-dir "$work/data-$(basename "$1")" \
    --ports "$(ports_only dns=$DNS_PORT smtp=$SMTP_PORT)" >"$log" 2>&1 &
  pid=$!
  until grep -qs "Stop with Ctrl-C" "$log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.05
  done
  end=$(date +%s.%N)
  took=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
}

heap_used() { jcmd "$pid" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | awk '{ print int($2 / 1024) " MiB" }'; }

stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

java -jar "$JAR" init school.lab --classroom 300 --out "$work/c300.yaml" 2>/dev/null
java -jar "$JAR" init school.lab --classroom 10000 --out "$work/c10k.yaml" 2>/dev/null

up "$work/c300.yaml"; t300=$took; h300=$(heap_used); stop
up "$work/c10k.yaml"; t10k=$took; h10k=$(heap_used)

# Reload with one more user while DNS is asked without pause.
java "$(dirname "$0")/DnsPause.java" 127.0.0.1 "$DNS_PORT" 12 student05000.school.lab >"$work/pause" &
prober=$!
sleep 3
sed -i 's/^  - name: student00001.school.lab$/  - name: student00001.school.lab\n    aliases: { extra: student }/' "$work/c10k.yaml"
reload_start=$(date +%s.%N)
java -jar "$JAR" reload "$work/c10k.yaml" --data-dir "$work/data-c10k.yaml" >"$work/reload.out"
reload_end=$(date +%s.%N)
wait "$prober"
read -r queries max_ms p99_ms timeouts <"$work/pause"
stop

echo "scale benchmark: mxlab init --classroom N, up with -Xmx1g"
printf '  300 domains:    up in %6s s   heap in use %s   (bar: 5 s)\n' "$t300" "$h300"
printf '  10000 domains:  up in %6s s   heap in use %s   (bar: 30 s, < 1 GiB)\n' "$t10k" "$h10k"
printf '  reload of 10000 domains took %.2f s; DNS meanwhile: %s queries, longest answer %s ms, p99 %s ms, %s timeouts   (bar: no pause > 100 ms)\n' \
  "$(awk -v s="$reload_start" -v e="$reload_end" 'BEGIN { print e - s }')" "$queries" "$max_ms" "$p99_ms" "$timeouts"
