#!/usr/bin/env bash
# A large folder: SELECT and FETCH 1:* (FLAGS) of one INBOX of COUNT messages, mxlab against
# Dovecot (Debian's dovecot-imapd) on copies of the same Maildir. The Maildir is written directly
# (hard links to a few 1 kB files, every tenth \Seen, a dovecot-uidlist), not delivered. The first
# SELECT of each server reads the directory cold (Dovecot builds its index, mxlab its folder); the
# next ROUNDS sessions are warm, alternating between the servers.
#   bench/imap-scale.sh [COUNT] [ROUNDS]
# MX_JAVA_OPTS adds JVM options to mxlab (a profiler: -XX:StartFlightRecording=filename=x.jfr).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_dovecot imap
need java openjdk-17-jdk
need python3 python3
ensure_jar

COUNT=${1:-100000}
ROUNDS=${2:-5}
MX_PORT=${MX_PORT:-12813}
DC_PORT=${DC_PORT:-12814}
bench_work imap-scale

javac -d "$work/load" "$(dirname "$0")/ImapScale.java"
SCALE="java -cp $work/load ImapScale"

hash=$(printf 'changeme\n' | java -jar "$JAR" passwd)
cat > "$work/bench.yaml" <<YAML
version: 1
server:
  hostname: mail.bench.lab
  data_dir: $work/mx
  allow_plaintext_auth: true   # both servers without TLS: the load is the folder
domains:
  - name: bench.lab
    hosts: { mail: 127.0.0.1 }
    users:
      - { name: big, password: "$hash" }
YAML

python3 - "$work/mx/mail/bench.lab/big" "$COUNT" <<'PY'
import os, sys
root, count = sys.argv[1], int(sys.argv[2])
for sub in ('tmp', 'new', 'cur'):
    os.makedirs(os.path.join(root, sub), mode=0o700, exist_ok=True)
head = 'From: b@example.org\nTo: big@bench.lab\nSubject: big\n\n'
body = head + ('x' * 70 + '\n') * 13
size, crlf = len(body), len(body) + body.count('\n')
source = os.path.join(root, 'tmp', 'source')
with open(os.path.join(root, 'dovecot-uidlist'), 'w') as uids:
    uids.write('3 V1700000000 N%d G0123456789abcdef0123456789abcdef\n' % (count + 1))
    for uid in range(1, count + 1):
        if uid % 50000 == 1:  # a fresh file before ext4's 65,000 links to one
            if os.path.exists(source):
                os.unlink(source)
            with open(source, 'w') as f:
                f.write(body)
        base = '1700000000.M%dP1.bench,S=%d,W=%d' % (uid, size, crlf)
        os.link(source, os.path.join(root, 'cur', base + ':2,' + ('S' if uid % 10 == 0 else '')))
        uids.write('%d :%s\n' % (uid, base))
os.unlink(source)
PY

java -Xms512m -Xmx1g ${MX_JAVA_OPTS:-} -jar "$JAR" up "$work/bench.yaml" \
  --ports "$(ports_only imap=$MX_PORT)" \
  >"$work/mxlab.log" 2>&1 &
mx_pid=$!
dovecot_up imap "$DC_PORT" "$hash" <<<"big"
wait_port 127.0.0.1 "$MX_PORT"
wait_port 127.0.0.1 "$DC_PORT"

# round PORT -> "select_ms fetch_ms fetched"
round() { $SCALE 127.0.0.1 "$1" big changeme "$COUNT"; }
mx_cold=$(round "$MX_PORT")
dc_cold=$(round "$DC_PORT")
declare -A runs
for r in $(seq "$ROUNDS"); do
  runs[mxlab.$r]=$(round "$MX_PORT")
  runs[dovecot.$r]=$(round "$DC_PORT")
  [ -n "${RAW:-}" ] && echo "round $r: mxlab ${runs[mxlab.$r]}, dovecot ${runs[dovecot.$r]}" >&2
done
metric() { # server field(1 SELECT ms, 2 FETCH ms) -> median
  for r in $(seq "$ROUNDS"); do echo "${runs[$1.$r]}" | awk -v f="$2" '{print $f}'; done | median
}
field() { echo "$1" | awk -v f="$2" '{print $f}'; }
mx_select=$(metric mxlab 1); dc_select=$(metric dovecot 1)
mx_fetch=$(metric mxlab 2); dc_fetch=$(metric dovecot 2)
echo "imap scale benchmark: one INBOX of $COUNT messages, no TLS; warm: median of $ROUNDS alternating sessions"
printf '  %-22s %14s %14s %14s\n' "" "cold SELECT ms" "SELECT ms" "FETCH 1:* ms"
printf '  %-22s %14.0f %14.1f %14.0f\n' mxlab "$(field "$mx_cold" 1)" "$mx_select" "$mx_fetch"
printf '  %-22s %14.0f %14.1f %14.0f\n' "Dovecot $(dovecot --version | cut -d' ' -f1)" "$(field "$dc_cold" 1)" "$dc_select" "$dc_fetch"
# time: lower is better, so the ratio that says "mxlab is n times as fast" is Dovecot/mxlab
printf '  %-22s %14s %14s %14s   (Dovecot time / mxlab time: >= 1.0 is as fast or faster)\n' "speed mxlab/Dovecot" \
  "$(ratio "$(field "$dc_cold" 1)" "$(field "$mx_cold" 1)")" "$(ratio "$dc_select" "$mx_select")" "$(ratio "$dc_fetch" "$mx_fetch")"
