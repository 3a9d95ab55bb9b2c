#!/usr/bin/env bash
# SMTP delivery throughput: Postfix's smtp-source against mxlab and against Postfix instances on
# the same machine delivering into a Maildir. The servers run side by side and the rounds alternate
# (mxlab, Postfix+OpenDKIM, Postfix, mxlab, ...), so all see the same disk: shared disks here swing
# by 10x. Rate = messages / seconds from the first connection until the last message is in new/.
# All fsync every message before answering 250 (mxlab always does; Postfix by default).
# With SIGN=rsa-2048 (or ed25519, both) mxlab DKIM-signs every message (the sender is then in its
# hosted domain, sent by a client the access map trusts to relay), and so does a second Postfix,
# the way Postfix users sign: Debian's OpenDKIM milter with keys of the same algorithm(s),
# relaxed/relaxed, From/To/Subject/Date oversigned as mxlab does. A plain Postfix (no signing) runs
# too; both ratios are printed. PF_SIGN=off leaves the OpenDKIM instance out. One delivered message
# of each signing server must carry DKIM-Signature fields with the expected a=, or the run fails.
# MX_JAVA_OPTS adds JVM options to mxlab (a profiler: -XX:StartFlightRecording=filename=x.jfr).
# Ports: 12625 (mxlab), 12626 (Postfix), 12627 (Postfix+OpenDKIM).
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
PF_SIGN=${PF_SIGN:-on}
[ -n "$SIGN" ] || PF_SIGN=off
if [ "$PF_SIGN" = on ]; then
  need opendkim opendkim
  need openssl openssl
fi
SENDER=sender@example.org
# when signing, a sender of the hosted domain: mxlab and OpenDKIM sign what it sends
if [ -n "$SIGN" ]; then SENDER=sender@bench.lab; fi
MX_PORT=${MX_PORT:-12625}
PF_PORT=${PF_PORT:-12626}
PD_PORT=${PD_PORT:-12627}
USERS="warm r1 r2 r3 r4 r5 r6 r7 r8 r9"
work=$(mktemp -d /tmp/mxlab-bench-smtp.XXXXXX)
chmod 755 "$work"
mx_pid=""
postfixes=()
cleanup() {
  [ -n "$mx_pid" ] && kill "$mx_pid" 2>/dev/null || true
  for p in "${postfixes[@]}"; do postfix -c "$p/etc" stop >/dev/null 2>&1 || true; done
  for p in "${od_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

count() { find "$1" -type f 2>/dev/null | wc -l; }

# send PORT USER N: N messages from SESSIONS parallel sessions
send() { smtp-source -s "$SESSIONS" -m "$3" -l "$SIZE" -f "$SENDER" -t "$2@bench.lab" "127.0.0.1:$1" >/dev/null; }

# delivered DIR N: until N messages are in DIR; fails after 60 s without one more
delivered() {
  local n last=-1 stuck=$SECONDS
  while n=$(count "$1") && [ "$n" -lt "$2" ]; do
    if [ "$n" != "$last" ]; then last=$n stuck=$SECONDS; fi
    [ $((SECONDS - stuck)) -ge 60 ] && { echo "bench: $1 is stuck at $n of $2 messages" >&2; exit 1; }
    sleep 0.02
  done
}

# run PORT USER NEWDIR: one timed round into an empty mailbox; prints messages per second
run() {
  local start end
  start=$(date +%s.%N)
  send "$1" "$2" "$MESSAGES"
  delivered "$3" "$MESSAGES"
  end=$(date +%s.%N)
  awk -v n="$MESSAGES" -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", n / (e - s) }'
}

# the a= tags each signing server must put on a message, and OpenDKIM's selectors and key types
case "$SIGN" in
  "") algorithms="" ;;
  rsa-2048) algorithms="rsa-sha256" ;;
  ed25519) algorithms="ed25519-sha256" ;;
  both) algorithms="rsa-sha256 ed25519-sha256" ;;
  *) echo "bench: SIGN is rsa-2048, ed25519 or both, not $SIGN" >&2; exit 2 ;;
esac

# signed NAME DIR: one message in DIR carries a DKIM-Signature with each expected a=
signed() {
  local file header a
  file=$(find "$2" -type f -print -quit)
  header=$(sed '/^$/q' "$file" | tr -d '\n\t ')
  for a in $algorithms; do
    case "$header" in
      *DKIM-Signature:v=1\;a=$a\;*) ;;
      *) echo "bench: $1 delivered a message without a DKIM-Signature a=$a: $file" >&2
         sed '/^$/q' "$file" >&2
         exit 1 ;;
    esac
  done
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

# --- OpenDKIM: od_up TYPE SELECTOR, a milter signing for bench.lab with a new key of TYPE (rsa or
# ed25519) on a local socket, as Debian's opendkim package sets it up (TCP was slower here:
# 180 msg/s against 286 in a short rsa-2048 round). OpenDKIM signs with one algorithm per process
# (SignatureAlgorithm), so SIGN=both runs two, one after the other in smtpd_milters, as Postfix
# users who sign with both do.
od_up() {
  local type=$1 selector=$2 od="$work/opendkim-$1"
  mkdir -p "$od"
  if [ "$type" = rsa ]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$od/$selector.key" 2>/dev/null
  else
    openssl genpkey -algorithm ed25519 -out "$od/$selector.key"
  fi
  chmod 600 "$od/$selector.key"
  cat > "$od/opendkim.conf" <<CONF
Mode s
Syslog no
Background no
Socket local:$od/milter.sock
UMask 0000
PidFile $od/opendkim.pid
Canonicalization relaxed/relaxed
OversignHeaders From,To,Subject,Date
Domain bench.lab
Selector $selector
KeyFile $od/$selector.key
SignatureAlgorithm $type-sha256
InternalHosts 127.0.0.1
RequireSafeKeys no
CONF
  opendkim -f -x "$od/opendkim.conf" >"$od/opendkim.log" 2>&1 &
  od_pids+=($!)
  milters="${milters:+$milters, }unix:$od/milter.sock"
  milter_sockets+=("$od/milter.sock")
}

od_pids=()
milters=""
milter_sockets=()
if [ "$PF_SIGN" = on ]; then
  for a in $algorithms; do
    type=${a%-sha256}
    selector=bench
    [ "$SIGN" = both ] && selector="bench-$type"
    od_up "$type" "$selector"
  done
fi

# --- Postfix: pf_up NAME PORT [MILTER], an instance of its own in $work/NAME, virtual(8)
# delivery into $work/NAME/mail/bench.lab
pf_up() {
  local pf="$work/$1" port=$2 milter=${3:-}
  mkdir -p "$pf/etc" "$pf/queue" "$pf/data" "$pf/mail/bench.lab"
  chown -R postfix:postfix "$pf/data"
  chown -R nobody:nogroup "$pf/mail"
  if [ -f /etc/postfix/master.cf ]; then cp /etc/postfix/master.cf "$pf/etc/master.cf"; else cp /usr/share/postfix/master.cf.dist "$pf/etc/master.cf"; fi
  sed -i "s/^smtp      inet  n       -       y       -       -       smtpd/127.0.0.1:$port inet n - n - - smtpd/" "$pf/etc/master.cf"
  for u in $USERS; do echo "$u@bench.lab bench.lab/$u/"; done > "$pf/etc/vmailbox"
  cat > "$pf/etc/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $pf/queue
data_directory = $pf/data
mail_owner = postfix
myhostname = $1.bench.lab
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
  if [ -n "$milter" ]; then
    # a message the milter cannot sign is refused (4xx), never delivered unsigned
    printf 'smtpd_milters = %s\nmilter_default_action = tempfail\n' "$milter" >> "$pf/etc/main.cf"
  fi
  postfix -c "$pf/etc" check
  postfix -c "$pf/etc" start >/dev/null 2>&1
  postfixes+=("$pf")
}

pf_up pf "$PF_PORT"
[ "$PF_SIGN" = on ] && pf_up pd "$PD_PORT" "$milters"

wait_port 127.0.0.1 "$MX_PORT"
wait_port 127.0.0.1 "$PF_PORT"
if [ "$PF_SIGN" = on ]; then
  for s in "${milter_sockets[@]}"; do wait_socket "$s"; done
  wait_port 127.0.0.1 "$PD_PORT"
fi
# Warm up: the JVM's JIT, and Postfix's process pools.
for _ in 1 2 3; do send "$MX_PORT" warm 3000; done
delivered "$work/mx/mail/bench.lab/warm/new" 9000
send "$PF_PORT" warm 1000
delivered "$work/pf/mail/bench.lab/warm/new" 1000
if [ "$PF_SIGN" = on ]; then
  send "$PD_PORT" warm 1000
  delivered "$work/pd/mail/bench.lab/warm/new" 1000
fi
if [ -n "$SIGN" ]; then
  signed mxlab "$work/mx/mail/bench.lab/warm/new"
  [ "$PF_SIGN" = on ] && signed Postfix+OpenDKIM "$work/pd/mail/bench.lab/warm/new"
fi

mx_runs=()
pd_runs=()
pf_runs=()
for r in $(seq "$ROUNDS"); do
  mx_runs+=("$(run "$MX_PORT" "r$r" "$work/mx/mail/bench.lab/r$r/new")")
  [ "$PF_SIGN" = on ] && pd_runs+=("$(run "$PD_PORT" "r$r" "$work/pd/mail/bench.lab/r$r/new")")
  pf_runs+=("$(run "$PF_PORT" "r$r" "$work/pf/mail/bench.lab/r$r/new")")
done

# compare NAME RUNS...: mxlab against one Postfix, ratio of medians and median of per-round ratios
compare() {
  local name=$1 other
  shift
  other=$(printf '%s\n' "$@" | median)
  local -a theirs=("$@")
  pairs=$(for i in "${!mx_runs[@]}"; do ratio "${mx_runs[$i]}" "${theirs[$i]}"; echo; done | median)
  echo "  mxlab / $name: ratio of medians $(ratio "$mx" "$other"); median of per-round ratios $pairs  (bar: >= 2.0)"
}

pf_version="Postfix $(postconf -c "$work/pf/etc" -h mail_version)"
od_version="OpenDKIM $(opendkim -V 2>/dev/null | sed -n 's/.*Filter v//p')"
mx=$(printf '%s\n' "${mx_runs[@]}" | median)
echo "smtp benchmark: smtp-source -s $SESSIONS -m $MESSAGES -l $SIZE, $ROUNDS alternating rounds, until the last message is in new/${SIGN:+; DKIM signing: $SIGN}"
row() { printf '  %-42s median %8.1f msg/s   (runs: %s)\n' "$1" "$(printf '%s\n' "${@:2}" | median)" "${*:2}"; }
row "mxlab${SIGN:+ (signs)}" "${mx_runs[@]}"
[ "$PF_SIGN" = on ] && row "$pf_version + $od_version (signs)" "${pd_runs[@]}"
row "$pf_version${SIGN:+ (does not sign)}" "${pf_runs[@]}"
[ "$PF_SIGN" = on ] && compare "Postfix+OpenDKIM" "${pd_runs[@]}"
compare "Postfix${SIGN:+ (not signing)}" "${pf_runs[@]}"
