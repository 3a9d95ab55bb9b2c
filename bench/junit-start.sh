#!/usr/bin/env bash
# Start time of an mxlab-junit lab (bar: 300 ms warm): starts and stops a lab ROUNDS times in one
# JVM (after a third as many warm-up rounds) and prints the cold start and the median warm start.
#   bench/junit-start.sh [ROUNDS]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need java openjdk-17-jdk
need mvn maven
ROUNDS=${1:-30}
bench_work junit-start

# the junit module and its runtime classpath, built from this checkout
(cd "$BENCH_ROOT" && mvn -q -B -DskipTests -Dspotless.check.skip=true -pl junit -am package \
  dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=runtime)
CP="$BENCH_ROOT/junit/target/classes:$(cat "$work/cp.txt")"

# quiet logging, as in a user's build; the labs still capture their maillog
cat >"$work/logback.xml" <<'XML'
<configuration>
  <appender name="E" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>
    <encoder><pattern>%-5level %logger{0}: %msg%n</pattern></encoder></appender>
  <root level="WARN"><appender-ref ref="E"/></root>
</configuration>
XML

javac -d "$work/classes" -cp "$CP" "$(dirname "$0")/JunitStart.java"
java -Dlogback.configurationFile="$work/logback.xml" -cp "$work/classes:$CP" JunitStart "$ROUNDS"
