#!/usr/bin/env bash
# POP3 throughput: the same load against mxlab and against Dovecot (Debian's dovecot-pop3d,
# passwd-file auth with the same SHA512-CRYPT hashes, the same Maildir content), both running
# side by side, rounds alternating. Two loads: THREADS clients each logging in, STAT, UIDL, RETR
# of every message, QUIT, over and over (messages/s, MB/s); and a login-only loop (sessions/s).
#   bench/pop3.sh [SECONDS_PER_ROUND] [ROUNDS]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_dovecot pop3
need java openjdk-17-jdk
ensure_jar

SECONDS_PER_ROUND=${1:-10}
ROUNDS=${2:-3}
THREADS=${THREADS:-16}
MESSAGES=${MESSAGES:-40}
MX_PORT=${MX_PORT:-12710}
DC_PORT=${DC_PORT:-12711}
LOAD="java -Xss512k $(dirname "$0")/Pop3Load.java"
bench_work pop3

hash=$(printf 'changeme\n' | java -jar "$JAR" passwd)
{
  echo "version: 1"
  echo "server:"
  echo "  hostname: mail.bench.lab"
  echo "  data_dir: $work/mx"
  echo "  allow_plaintext_auth: true   # both servers without TLS: the load is the protocol"
  echo "  limits: { connections_per_ip: 1000 }"
  echo "domains:"
  echo "  - name: bench.lab"
  echo "    hosts: { mail: 127.0.0.1 }"
  echo "    users:"
  for i in $(seq 0 $((THREADS - 1))); do echo "      - { name: u$i, password: \"$hash\" }"; done
} > "$work/bench.yaml"

java -Xms512m -Xmx1g -jar "$JAR" up "$work/bench.yaml" \
  --ports "$(ports_only smtp=12712 pop3=$MX_PORT)" \
  >"$work/mxlab.log" 2>&1 &
mx_pid=$!
wait_port 127.0.0.1 12712
# The same mail for everybody: MESSAGES messages of 2-8 kB, delivered by mxlab over SMTP.
python3 - "$THREADS" "$MESSAGES" <<'PY'
import smtplib, sys, random
threads, count = int(sys.argv[1]), int(sys.argv[2])
random.seed(1)
with smtplib.SMTP('127.0.0.1', 12712) as s:
    for i in range(count):
        body = '\n'.join('line %d %s' % (j, 'x' * 60) for j in range(random.randint(30, 120)))
        msg = 'Subject: bench %d\n\n%s\n' % (i, body)
        s.sendmail('b@example.org', ['u%d@bench.lab' % t for t in range(threads)], msg)
PY

# Dovecot reads a copy of the same Maildirs.
dovecot_up pop3 "$DC_PORT" "$hash" < <(for i in $(seq 0 $((THREADS - 1))); do echo "u$i"; done)
wait_port 127.0.0.1 "$DC_PORT"
wait_port 127.0.0.1 "$MX_PORT"

# round PORT MODE -> "sessions messages bytes seconds"
round() { $LOAD 127.0.0.1 "$1" "$THREADS" "$SECONDS_PER_ROUND" "$2" u changeme; }

# Warm up both (the JIT; Dovecot's indexes on first open).
$LOAD 127.0.0.1 "$MX_PORT" "$THREADS" 5 read u changeme >/dev/null
$LOAD 127.0.0.1 "$DC_PORT" "$THREADS" 5 read u changeme >/dev/null

declare -A runs
for r in $(seq "$ROUNDS"); do
  for server in mxlab dovecot; do
    port=$MX_PORT; [ "$server" = dovecot ] && port=$DC_PORT
    for mode in read login; do
      runs[$server.$mode.$r]=$(round "$port" "$mode")
    done
  done
done

metric() { # server mode field(1 sessions, 2 messages, 3 bytes) -> median per second
  for r in $(seq "$ROUNDS"); do
    echo "${runs[$1.$2.$r]}" | awk -v f="$3" '{print $f / $4}'
  done | median
}
mx_msgs=$(metric mxlab read 2); dc_msgs=$(metric dovecot read 2)
mx_mb=$(metric mxlab read 3 | awk '{print $1/1e6}'); dc_mb=$(metric dovecot read 3 | awk '{print $1/1e6}')
mx_login=$(metric mxlab login 1); dc_login=$(metric dovecot login 1)
echo "pop3 benchmark: $THREADS clients, $MESSAGES messages each (2-8 kB), ${SECONDS_PER_ROUND}s x $ROUNDS alternating rounds, no TLS"
printf '  %-22s %12s %10s %14s\n' "" "messages/s" "MB/s" "logins/s"
printf '  %-22s %12.0f %10.1f %14.1f\n' mxlab "$mx_msgs" "$mx_mb" "$mx_login"
printf '  %-22s %12.0f %10.1f %14.1f\n' "Dovecot $(dovecot --version | cut -d' ' -f1)" "$dc_msgs" "$dc_mb" "$dc_login"
printf '  %-22s %12s %10s %14s   (bar: >= 1.0 on both)\n' "ratio mxlab/Dovecot" "$(ratio "$mx_msgs" "$dc_msgs")" "$(ratio "$mx_mb" "$dc_mb")" "$(ratio "$mx_login" "$dc_login")"
