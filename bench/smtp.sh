#!/usr/bin/env bash
# SMTP delivery throughput: Postfix's smtp-source against mxlab and against a Postfix on the same
# machine delivering into a Maildir. Both servers run side by side and the rounds alternate
# (mxlab, Postfix, mxlab, ...), so both see the same disk: shared disks here swing by 10x. Rate =
# messages / seconds from the first connection until the last message is in new/. Both fsync
# every message before answering 250 (mxlab always does; Postfix by default).
# With SIGN=rsa-2048 (or ed25519, both) mxlab DKIM-signs every message (the sender is then in
# its hosted domain, sent by a client the access map trusts to relay); Postfix does not sign.
#   bench/smtp.sh [MESSAGES] [ROUNDS<=9]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need smtp-source postfix
need postfix postfix
ensure_jar

MESSAGES=${1:-5000}
ROUNDS=${2:-5}
SESSIONS=${SESSIONS:-20}
SIZE=${SIZE:-1024}
SIGN=${SIGN:-}
SENDER=sender@example.org
if [ -n "$SIGN" ]; then SENDER=sender@bench.lab; fi
MX_PORT=${MX_PORT:-12625}
PF_PORT=${PF_PORT:-12626}
USERS="warm r1 r2 r3 r4 r5 r6 r7 r8 r9"
work=$(mktemp -d /tmp/mxlab-bench-smtp.XXXXXX)
chmod 755 "$work"
mx_pid=""
cleanup() {
  [ -n "$mx_pid" ] && kill "$mx_pid" 2>/dev/null || true
  postfix -c "$work/pf/etc" stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

count() { find "$1" -type f 2>/dev/null | wc -l; }

# send PORT USER N: N messages from SESSIONS parallel sessions
send() { smtp-source -s "$SESSIONS" -m "$3" -l "$SIZE" -f "$SENDER" -t "$2@bench.lab" "127.0.0.1:$1" >/dev/null; }

# run PORT USER NEWDIR: one timed round into an empty mailbox; prints messages per second
run() {
  local start end
  start=$(date +%s.%N)
  send "$1" "$2" "$MESSAGES"
  while [ "$(count "$3")" -lt "$MESSAGES" ]; do sleep 0.02; done
  end=$(date +%s.%N)
  awk -v n="$MESSAGES" -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", n / (e - s) }'
}

# --- mxlab
{
  echo "version: 1"
  echo "server:"
  echo "  hostname: mail.bench.lab"
  echo "  data_dir: $work/mx"
  echo "  max_message_size: 10MB"
  echo "  limits: { connections_per_ip: 1000 }"
  echo "domains:"
  echo "  - name: bench.lab"
  echo "    hosts: { mail: 127.0.0.1 }"
  if [ -n "$SIGN" ]; then echo "    dkim: { selector: bench, algorithm: $SIGN }"; fi
  echo "    users:"
  for u in $USERS; do echo "      - { name: $u }"; done
  echo "access:"
  echo "  \"Connect:127.0.0.1\": RELAY"
} > "$work/bench.yaml"
java ${MX_JAVA_OPTS:-} -Xms512m -Xmx1g -jar "$JAR" up "$work/bench.yaml" \
  --ports "$(ports_only smtp=$MX_PORT)" \
  >"$work/mxlab.log" 2>&1 &
mx_pid=$!

# --- Postfix, an instance of its own, virtual(8) delivery into a Maildir
pf="$work/pf"
mkdir -p "$pf/etc" "$pf/queue" "$pf/data" "$pf/mail/bench.lab"
chown -R postfix:postfix "$pf/data"
chown -R nobody:nogroup "$pf/mail"
if [ -f /etc/postfix/master.cf ]; then cp /etc/postfix/master.cf "$pf/etc/master.cf"; else cp /usr/share/postfix/master.cf.dist "$pf/etc/master.cf"; fi
sed -i "s/^smtp      inet  n       -       y       -       -       smtpd/127.0.0.1:$PF_PORT inet n - n - - smtpd/" "$pf/etc/master.cf"
for u in $USERS; do echo "$u@bench.lab bench.lab/$u/"; done > "$pf/etc/vmailbox"
cat > "$pf/etc/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $pf/queue
data_directory = $pf/data
mail_owner = postfix
myhostname = pf.bench.lab
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination
virtual_mailbox_domains = bench.lab
virtual_mailbox_base = $pf/mail
virtual_mailbox_maps = texthash:$pf/etc/vmailbox
virtual_uid_maps = static:$(id -u nobody)
virtual_gid_maps = static:$(getent group nogroup | cut -d: -f3)
message_size_limit = 10240000
maillog_file_prefixes = $pf
maillog_file = $pf/postfix.log
smtpd_client_connection_count_limit = 0
default_process_limit = 200
CONF
postfix -c "$pf/etc" check
postfix -c "$pf/etc" start >/dev/null 2>&1

wait_port 127.0.0.1 "$MX_PORT"
wait_port 127.0.0.1 "$PF_PORT"
# Warm up: the JVM's JIT, and Postfix's process pool.
for _ in 1 2 3; do send "$MX_PORT" warm 3000; done
send "$PF_PORT" warm 1000
while [ "$(count "$pf/mail/bench.lab/warm/new")" -lt 1000 ]; do sleep 0.05; done

mx_runs=()
pf_runs=()
for r in $(seq "$ROUNDS"); do
  mx_runs+=("$(run "$MX_PORT" "r$r" "$work/mx/mail/bench.lab/r$r/new")")
  pf_runs+=("$(run "$PF_PORT" "r$r" "$pf/mail/bench.lab/r$r/new")")
done

mx=$(printf '%s\n' "${mx_runs[@]}" | median)
pfm=$(printf '%s\n' "${pf_runs[@]}" | median)
pairs=$(for i in "${!mx_runs[@]}"; do ratio "${mx_runs[$i]}" "${pf_runs[$i]}"; echo; done | median)
echo "smtp benchmark: smtp-source -s $SESSIONS -m $MESSAGES -l $SIZE, $ROUNDS alternating rounds, until the last message is in new/${SIGN:+; mxlab DKIM-signs ($SIGN)}"
printf '  %-14s median %8.1f msg/s   (runs: %s)\n' mxlab "$mx" "${mx_runs[*]}"
printf '  %-14s median %8.1f msg/s   (runs: %s)\n' "Postfix $(postconf -h mail_version)" "$pfm" "${pf_runs[*]}"
echo "  ratio of medians mxlab/Postfix: $(ratio "$mx" "$pfm"); median of per-round ratios: $pairs  (bar: >= 2.0)"
