#!/usr/bin/env bash
# IMAP throughput: the same load against mxlab and against Dovecot (Debian's dovecot-imapd,
# passwd-file auth with the same SHA512-CRYPT hashes, the same Maildir content), both running
# side by side, rounds alternating. Three loads: THREADS clients each doing LOGIN, SELECT INBOX,
# LOGOUT over and over (sessions/s); THREADS clients each fetching its INBOX of MESSAGES 1 KB
# messages with FETCH 1:* BODY.PEEK[] over and over (messages/s, MB/s); and MIXED clients each in
# its own INBOX doing APPEND, UID SEARCH, STORE +FLAGS, EXPUNGE (operations/s). Every NO, BAD,
# unexpected BYE or reply that does not parse is a protocol error; the run must report 0.
#   bench/imap.sh [SECONDS_PER_MEASUREMENT] [ROUNDS]
# RAW=1 also prints each round's "sessions messages bytes operations errors seconds" on stderr.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_dovecot imap
need java openjdk-17-jdk
need python3 python3
ensure_jar

SECONDS_PER_ROUND=${1:-5}
ROUNDS=${2:-3}
THREADS=${THREADS:-16}
MIXED=${MIXED:-10}
MESSAGES=${MESSAGES:-200}
MX_PORT=${MX_PORT:-12810}
DC_PORT=${DC_PORT:-12811}
SMTP_PORT=${SMTP_PORT:-12812}
bench_work imap

# Compiled once rather than run as source: 18 launches would spend half a minute in javac.
javac -d "$work/load" "$(dirname "$0")/ImapLoad.java"
LOAD="java -Xss512k -cp $work/load ImapLoad"

hash=$(printf 'changeme\n' | java -jar "$JAR" passwd)
users() { # u0.. for the login and FETCH loads, m0.. for the mixed load
  seq 0 $((THREADS - 1)) | sed 's/^/u/'
  seq 0 $((MIXED - 1)) | sed 's/^/m/'
}
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
  for u in $(users); do echo "      - { name: $u, password: \"$hash\" }"; done
} > "$work/bench.yaml"

java -Xms512m -Xmx1g -jar "$JAR" up "$work/bench.yaml" \
  --ports "$(ports_only smtp=$SMTP_PORT imap=$MX_PORT)" \
  >"$work/mxlab.log" 2>&1 &
mx_pid=$!
wait_port 127.0.0.1 "$SMTP_PORT"
# The same mail for everybody, delivered by mxlab over SMTP before either IMAP server is loaded:
# MESSAGES messages of 1 kB (CRLF octets) to each u, 20 to each m.
python3 - "$THREADS" "$MIXED" "$MESSAGES" "$SMTP_PORT" <<'PY'
import smtplib, sys
threads, mixed, count, port = (int(a) for a in sys.argv[1:])
with smtplib.SMTP('127.0.0.1', port) as s:
    for i in range(count):
        head = 'From: b@example.org\r\nTo: bench@bench.lab\r\nSubject: bench %d\r\n\r\n' % i
        left = 1024 - len(head)
        body = ''
        while left > 74:
            body += 'x' * 70 + '\r\n'
            left -= 72
        body += 'x' * (left - 2) + '\r\n'
        rcpts = ['u%d@bench.lab' % t for t in range(threads)]
        if i < 20:
            rcpts += ['m%d@bench.lab' % t for t in range(mixed)]
        s.sendmail('b@example.org', rcpts, head + body)
PY
# Delivery is done when every INBOX holds its messages.
deadline=$((SECONDS + 60))
until [ "$(ls "$work/mx/mail/bench.lab/u$((THREADS - 1))/new" "$work/mx/mail/bench.lab/u$((THREADS - 1))/cur" 2>/dev/null | grep -c .)" -ge "$MESSAGES" ]; do
  [ $SECONDS -ge $deadline ] && { echo "bench: the mail did not arrive" >&2; exit 1; }
  sleep 0.2
done

# Dovecot reads a copy of the same Maildirs (mxlab keeps Dovecot's dovecot-uidlist format).
dovecot_up imap "$DC_PORT" "$hash" < <(users)
wait_port 127.0.0.1 "$DC_PORT"
wait_port 127.0.0.1 "$MX_PORT"

# round PORT MODE -> "sessions messages bytes operations errors seconds"
round() {
  local clients=$THREADS prefix=u
  [ "$2" = mixed ] && { clients=$MIXED; prefix=m; }
  $LOAD 127.0.0.1 "$1" "$clients" "$SECONDS_PER_ROUND" "$2" "$prefix" changeme
}

# Warm up both (the JIT; Dovecot's indexes on first open).
for port in "$MX_PORT" "$DC_PORT"; do
  $LOAD 127.0.0.1 "$port" "$THREADS" 3 fetch u changeme >/dev/null
  $LOAD 127.0.0.1 "$port" "$MIXED" 2 mixed m changeme >/dev/null
done

declare -A runs
for r in $(seq "$ROUNDS"); do
  for server in mxlab dovecot; do
    port=$MX_PORT; [ "$server" = dovecot ] && port=$DC_PORT
    for mode in login fetch mixed; do
      runs[$server.$mode.$r]=$(round "$port" "$mode")
      [ -n "${RAW:-}" ] && echo "round $r $server $mode: ${runs[$server.$mode.$r]}" >&2
    done
  done
done

metric() { # server mode field(1 sessions, 2 messages, 3 bytes, 4 operations) -> median per second
  for r in $(seq "$ROUNDS"); do
    echo "${runs[$1.$2.$r]}" | awk -v f="$3" '{print $f / $6}'
  done | median
}
errors() { # server -> protocol errors over every measured round
  local sum=0
  for r in $(seq "$ROUNDS"); do
    for mode in login fetch mixed; do
      sum=$((sum + $(echo "${runs[$1.$mode.$r]}" | awk '{print $5}')))
    done
  done
  echo "$sum"
}
mx_login=$(metric mxlab login 1); dc_login=$(metric dovecot login 1)
mx_msgs=$(metric mxlab fetch 2); dc_msgs=$(metric dovecot fetch 2)
mx_mb=$(metric mxlab fetch 3 | awk '{print $1/1e6}'); dc_mb=$(metric dovecot fetch 3 | awk '{print $1/1e6}')
mx_ops=$(metric mxlab mixed 4); dc_ops=$(metric dovecot mixed 4)
echo "imap benchmark: $THREADS clients for login and FETCH ($MESSAGES messages of 1 kB each), $MIXED mixed clients,"
echo "  ${SECONDS_PER_ROUND}s per measurement x $ROUNDS alternating rounds, no TLS; medians"
printf '  %-22s %12s %12s %10s %12s %8s\n' "" "sessions/s" "messages/s" "MB/s" "mixed ops/s" "errors"
printf '  %-22s %12.1f %12.0f %10.1f %12.0f %8d\n' mxlab "$mx_login" "$mx_msgs" "$mx_mb" "$mx_ops" "$(errors mxlab)"
printf '  %-22s %12.1f %12.0f %10.1f %12.0f %8d\n' "Dovecot $(dovecot --version | cut -d' ' -f1)" "$dc_login" "$dc_msgs" "$dc_mb" "$dc_ops" "$(errors dovecot)"
printf '  %-22s %12s %12s %10s %12s   (bar: >= 1.0 on each, 0 errors)\n' "ratio mxlab/Dovecot" \
  "$(ratio "$mx_login" "$dc_login")" "$(ratio "$mx_msgs" "$dc_msgs")" "$(ratio "$mx_mb" "$dc_mb")" "$(ratio "$mx_ops" "$dc_ops")"
