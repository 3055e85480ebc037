#!/usr/bin/env bash
# Resolves the Kafka broker and mongo-java-server jars from Maven Central into
# a git-ignored cache (.cache/jars/<profile>), once; later runs start offline.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="${JAR_CACHE_DIR:-$root/.cache/jars}"

fetch() {
  local profile="$1" dir="$cache/$1"
  if [ -f "$dir/.complete" ]; then return 0; fi
  echo "fetching $profile jars from Maven Central into $dir" >&2
  rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
  # Maven 3.8 writes colour resets even in batch mode with colours off; strip
  # them so a newcomer's terminal shows text only (pipefail keeps mvn's status).
  mvn -q -B -Dstyle.color=never -f "$root/deploy/local/jvm/pom.xml" -P "$profile" dependency:copy-dependencies \
    -DoutputDirectory="$dir.tmp" -DincludeScope=runtime 2>&1 | sed $'s/\x1b\\[[0-9;]*m//g' >&2
  touch "$dir.tmp/.complete"
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
}

for profile in "${@:-kafka mongo}"; do
  for p in $profile; do fetch "$p"; done
done
