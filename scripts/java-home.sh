# Sourced by .ci/run and ./rampart: finds a JDK >= 21 and exports JAVA_HOME.
# The machine's default java may be older (17), so never rely on it.
rampart_java_major() {
  # prints the major version of the JDK at $1, or nothing
  local release="$1/release"
  if [ -f "$release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
  fi
}

rampart_find_java_home() {
  local candidate major
  for candidate in "${RAMPART_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* /usr/local/opt/openjdk*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(rampart_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! JAVA_HOME=$(rampart_find_java_home); then
  echo "rampart: no JDK 21 or newer found. Install one (for example Temurin 21+) and set JAVA_HOME." >&2
  return 2 2>/dev/null || exit 2
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"

# Maven's own Guice warns about sun.misc.Unsafe on JDK 24+; the flag exists only there.
if [ "$(rampart_java_major "$JAVA_HOME")" -ge 24 ] 2>/dev/null; then
  case "${MAVEN_OPTS:-}" in
    *sun-misc-unsafe-memory-access*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
  esac
fi
