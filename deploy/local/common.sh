# Shared by deploy/local/start, stop and status: versions, the run folder, finding a JDK, fetching through Maven.
# Sourced, not run.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# The versions are properties of the root pom.xml, one place for the scripts and the tests.
pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$repo_root/pom.xml" | head -1; }
TRINO_VERSION="$(pom_property trino.version)"
TRINO_JAVA_VERSION="$(pom_property trino.java.version)"
NESSIE_VERSION="$(pom_property nessie.version)"
S3PROXY_VERSION="$(pom_property s3proxy.version)"
run_dir="${TIDEMARK_RUN_DIR:-$repo_root/deploy/local/run}"
servers=(trino nessie s3proxy)

say() { echo "$(basename "$0"): $*" >&2; }
die() { say "$*"; exit 1; }

# The file holding a server's PID; a server counts as ours only while that PID runs with our run folder in its command.
pid_file() { echo "$run_dir/$1.pid"; }

running_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$run_dir" || return 1
  echo "$pid"
}

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

# The java binary of a JDK (javac beside it) of version >= $1: TIDEMARK_SERVER_JAVA_HOME, JAVA_HOME, the JDKs under
# /usr/lib/jvm and /opt/java, then java on the PATH, newest first among the folders.
find_java() {
  local wanted="$1" candidate major
  local candidates=()
  [[ -n "${TIDEMARK_SERVER_JAVA_HOME:-}" ]] && candidates+=("$TIDEMARK_SERVER_JAVA_HOME/bin/java")
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
  while IFS= read -r candidate; do
    candidates+=("$candidate")
  done < <(ls -d /usr/lib/jvm/*/bin/java /opt/java/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java \
      2>/dev/null | sort -rV)
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for candidate in "${candidates[@]}"; do
    [[ -x "$candidate" && -x "$(dirname "$candidate")/javac" ]] || continue
    major="$(java_major "$candidate")"
    if [[ -n "$major" && "$major" -ge "$wanted" ]]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

# The local Maven repository (where downloads are cached), asked once.
maven_repository() {
  if [[ -z "${maven_repo:-}" ]]; then
    maven_repo="$(mvn -B -ntp -q help:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null || true)"
    [[ -d "$maven_repo" ]] || maven_repo="$HOME/.m2/repository"
  fi
  echo "$maven_repo"
}

# fetch GROUP ARTIFACT VERSION EXTENSION [CLASSIFIER]: the artifact's path in the local Maven repository, downloaded
# from Maven Central through Maven when it is not there yet.
fetch() {
  local group="$1" artifact="$2" version="$3" extension="$4" classifier="${5:-}"
  local file="$artifact-$version${classifier:+-$classifier}.$extension"
  local path
  path="$(maven_repository)/${group//.//}/$artifact/$version/$file"
  if [[ ! -f "$path" ]]; then
    say "downloading $group:$artifact:$version ($extension) through Maven ..."
    mvn -B -ntp -q dependency:get -Dtransitive=false \
        -Dartifact="$group:$artifact:$version:$extension${classifier:+:$classifier}" >&2 \
      || die "could not download $group:$artifact:$version from Maven Central; check the network or Maven's settings"
  fi
  [[ -f "$path" ]] || die "Maven reported $file as downloaded, but it is not at $path"
  echo "$path"
}
