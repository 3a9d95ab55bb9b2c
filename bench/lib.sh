# Shared helpers for the benchmark scripts: build the jar, pick ports, wait for a port, median.
BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# MXLAB_JAR runs another build (to compare two) instead of this checkout's
JAR="${MXLAB_JAR:-$BENCH_ROOT/cli/target/mxlab.jar}"

ensure_jar() {
  if [ ! -f "$JAR" ]; then
    (cd "$BENCH_ROOT" && mvn -q -B -DskipTests -Dspotless.check.skip=true package -pl cli -am)
  fi
}

# need TOOL PACKAGE: fail clearly when a tool the benchmark drives is not installed
need() {
  command -v "$1" >/dev/null 2>&1 || {
    echo "bench: $1 is missing; install it: apt-get install -y $2" >&2
    exit 2
  }
}

# need_dovecot PROTOCOL: Debian's Dovecot with its PROTOCOL (imap or pop3) server
need_dovecot() {
  need dovecot "dovecot-$1d"
  [ -x "/usr/lib/dovecot/$1" ] || {
    echo "bench: dovecot-$1d is missing; install it: apt-get install -y dovecot-$1d" >&2
    exit 2
  }
}

# wait_port HOST PORT [SECONDS]: until something accepts TCP connections there
wait_port() {
  local host=$1 port=$2 deadline=$((SECONDS + ${3:-30}))
  while ! (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; do
    [ $SECONDS -ge $deadline ] && { echo "bench: nothing listens on $host:$port" >&2; return 1; }
    sleep 0.2
  done
}

# wait_socket PATH [SECONDS]: until a Unix socket is there (a milter's)
wait_socket() {
  local deadline=$((SECONDS + ${2:-30}))
  while [ ! -S "$1" ]; do
    [ $SECONDS -ge $deadline ] && { echo "bench: no socket at $1" >&2; return 1; }
    sleep 0.2
  done
}

# ports_only NAME=PORT...: a --ports value that runs only those services, every other one off
MXLAB_SERVICES="dns smtp submission submissions pop3 pop3s imap imaps http https ssh"
ports_only() {
  local out="" s p
  for s in $MXLAB_SERVICES; do
    p=off
    for a in "$@"; do [ "${a%%=*}" = "$s" ] && p="${a#*=}"; done
    out="$out${out:+,}$s=$p"
  done
  echo "$out"
}

# median of numbers on stdin
median() {
  sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}

ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'
}

# bench_work NAME: $work, a private directory for one run, removed at exit with the servers whose
# pids the script keeps in $mx_pid (mxlab) and $dc_pid (the classic server)
bench_work() {
  work=$(mktemp -d "/tmp/mxlab-bench-$1.XXXXXX")
  chmod 755 "$work"
  mx_pid=""
  dc_pid=""
  trap bench_cleanup EXIT
}

bench_cleanup() {
  [ -n "$mx_pid" ] && kill "$mx_pid" 2>/dev/null || true
  [ -n "$dc_pid" ] && kill "$dc_pid" 2>/dev/null || true
  rm -rf "$work"
}

# dovecot_up PROTOCOL PORT HASH < USERS: Debian's Dovecot serving PROTOCOL (imap or pop3) on
# 127.0.0.1:PORT from a copy of mxlab's Maildirs ($work/mx/mail/bench.lab), users one a line on
# stdin with the password HASH (SHA512-CRYPT, as mxlab's); sets $dc (its directory) and $dc_pid
dovecot_up() {
  local proto=$1 port=$2 hash=$3 u mechanisms=plain extra="" listeners=""
  dc="$work/dovecot"
  mkdir -p "$dc/run" "$dc/mail"
  cp -a "$work/mx/mail/bench.lab" "$dc/mail/"
  chown -R nobody:nogroup "$dc/mail"
  while read -r u; do echo "$u@bench.lab:$hash"; done > "$dc/passwd"
  if [ "$proto" = imap ]; then
    mechanisms="plain login"
    extra=$'protocol imap {\n  mail_max_userip_connections = 1000\n}'
    listeners=$'  inet_listener imaps {\n    port = 0\n  }'
  fi
  cat > "$dc/dovecot.conf" <<CONF
protocols = $proto
listen = 127.0.0.1
base_dir = $dc/run
state_dir = $dc/run
log_path = $dc/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = $mechanisms
mail_location = maildir:$dc/mail/%d/%n
passdb {
  driver = passwd-file
  args = scheme=SHA512-CRYPT $dc/passwd
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$dc/mail/%d/%n
}
auth_username_format = %n@bench.lab
$extra
service $proto-login {
  inet_listener $proto {
    address = 127.0.0.1
    port = $port
  }
$listeners
  # Dovecot's high-performance mode: long-lived login processes
  service_count = 0
  process_min_avail = 2
}
service $proto {
  process_limit = 1024
}
default_process_limit = 1024
default_client_limit = 2048
CONF
  dovecot -c "$dc/dovecot.conf" -F >"$dc/stdout.log" 2>&1 &
  dc_pid=$!
}
