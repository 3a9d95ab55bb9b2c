# Shared helpers for the benchmark scripts: build the jar, pick ports, wait for a port, median.
BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$BENCH_ROOT/cli/target/mxlab.jar"

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

# wait_port HOST PORT [SECONDS]: until something accepts TCP connections there
wait_port() {
  local host=$1 port=$2 deadline=$((SECONDS + ${3:-30}))
  while ! (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; do
    [ $SECONDS -ge $deadline ] && { echo "bench: nothing listens on $host:$port" >&2; return 1; }
    sleep 0.2
  done
}

# median of numbers on stdin
median() {
  sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}

ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'
}
