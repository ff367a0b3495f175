#!/usr/bin/env bash
# Sourced by ./flern, ./test and .ci/run: selects a JDK of version 22 or newer (Panama's final API)
# even where the default `java` is older, and exports JAVA_HOME and PATH for it.
flern_java_version() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'; }
flern_pick_jdk() {
  local c v
  for c in "${FLERN_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-*-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$c" ] && [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(flern_java_version "$c")
    if [ -n "$v" ] && [ "${v%%.*}" -ge 22 ] 2>/dev/null; then echo "$c"; return 0; fi
  done
  return 1
}
if ! FLERN_JDK=$(flern_pick_jdk); then
  echo "flern: no JDK 22 or newer found (looked at \$FLERN_JAVA_HOME, \$JAVA_HOME and /usr/lib/jvm)." >&2
  echo "flern: install one (for example Temurin 25) and set FLERN_JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME="$FLERN_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
