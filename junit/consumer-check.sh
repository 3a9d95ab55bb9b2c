#!/usr/bin/env bash
# README promises mxlab-junit as a Maven artifact other projects depend on. This checks it the way
# such a project would: installs the junit module and what it needs into a throwaway copy of the
# local repository (never ~/.m2 itself), then builds junit/consumer-check, a project outside this
# build whose pom holds README's dependency block verbatim, offline. Run it after a build of this
# checkout (which fetched every plugin and dependency).
#   junit/consumer-check.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/mxlab-consumer.XXXXXX")"
trap 'rm -rf "$work"' EXIT
repo="$work/m2"

cp -a "${MXLAB_MAVEN_REPO:-$HOME/.m2/repository}" "$repo"
rm -rf "$repo/dev/mxlab" # only what this checkout installs may satisfy the project
(cd "$root" && mvn -B -o -q install -pl junit -am -DskipTests -Dspotless.check.skip=true \
  -Dmaven.repo.local="$repo")

# the dependency exactly as README's mxlab-junit section shows it
awk '/^## Testing mail code/ { s = 1 } s && /^<dependency>/ { d = 1 } d { print }
     d && /^<\/dependency>/ { exit }' "$root/README.md" >"$work/dependency.xml"
if ! grep -q '<artifactId>mxlab-junit</artifactId>' "$work/dependency.xml"; then
  echo "README's mxlab-junit section shows no <dependency> block" >&2
  exit 1
fi
cp -r "$root/junit/consumer-check" "$work/project"
sed -i "/README's dependency block goes here/r $work/dependency.xml" "$work/project/pom.xml"

if ! (cd "$work/project" && mvn -B -o -q verify -Dmaven.repo.local="$repo"); then
  cat "$work"/project/target/surefire-reports/*.txt 2>/dev/null || true
  echo "a project depending on mxlab-junit as README shows does not build" >&2
  exit 1
fi
echo "ok: a project with README's dependency on mxlab-junit builds and passes its lab tests"
