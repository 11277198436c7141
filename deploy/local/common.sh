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
servers=(spark-worker-1 spark-worker-2 spark-master trino nessie s3proxy)

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

# --- The Spark standalone cluster of `start --cluster` and `submit` ---

SPARK_VERSION="$(pom_property spark.version)"
SCALA_BINARY_VERSION="$(pom_property scala.binary.version)"

# The module openings every JVM that runs Spark needs on Java 17+, as the tests and ./tidemark use them.
spark_jvm_flags() { pom_property spark.jvm.flags; }

# The JVM Spark runs on: the one ./tidemark uses (JAVA_HOME, else java on the PATH), so the driver, the master, the
# workers and the executors all run the Java Tidemark is tested on. Servers such as Trino may need a newer one.
cluster_java() {
  local java_bin="java" major
  [[ -n "${JAVA_HOME:-}" ]] && java_bin="$JAVA_HOME/bin/java"
  command -v "$java_bin" >/dev/null 2>&1 || die "no java found for Spark. Fix: install a JDK 17 or newer, or set JAVA_HOME"
  java_bin="$(command -v "$java_bin")"
  major="$(java_major "$java_bin")"
  [[ -n "$major" && "$major" -ge 17 ]] || die "Spark $SPARK_VERSION needs Java 17 or newer; $java_bin is Java $major. Fix: set JAVA_HOME to a JDK 17+"
  echo "$java_bin"
}

# A Spark home for $SPARK_VERSION (Scala $SCALA_BINARY_VERSION): jars/ holds spark-sql and everything it depends on,
# resolved by Maven from Maven Central (so cached in the local Maven repository), and conf/ is empty. Spark's
# launcher code looks for exactly these two folders when a worker starts an executor. Built once, atomically.
spark_home() {
  local cache="${TIDEMARK_SERVERS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tidemark}"
  local home="$cache/spark-$SPARK_VERSION-scala-$SCALA_BINARY_VERSION" scratch
  if [[ ! -d "$home/jars" ]]; then
    say "assembling Spark $SPARK_VERSION (Scala $SCALA_BINARY_VERSION) from Maven Central into $home ..."
    mkdir -p "$cache"
    scratch="$(mktemp -d "$cache/.spark.XXXXXX")"
    cat > "$scratch/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.tidemark.local</groupId>
  <artifactId>spark-home</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.spark</groupId>
      <artifactId>spark-sql_$SCALA_BINARY_VERSION</artifactId>
      <version>$SPARK_VERSION</version>
    </dependency>
  </dependencies>
</project>
POM
    (cd "$scratch" && mvn -B -ntp -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$scratch/home/jars" < /dev/null >&2) \
      || { rm -rf "$scratch"; die "could not resolve Spark $SPARK_VERSION through Maven; check the network or Maven's settings"; }
    mkdir -p "$scratch/home/conf"
    echo "Spark $SPARK_VERSION (Scala $SCALA_BINARY_VERSION), jars resolved by Maven for Tidemark" > "$scratch/home/README.tidemark"
    mv "$scratch/home" "$home" 2>/dev/null || true
    rm -rf "$scratch"
  fi
  echo "$home"
}

# The Spark master URL that `start --cluster` wrote for this run folder.
spark_master_url() {
  [[ -f "$run_dir/spark/master-url" ]] || die "no Spark cluster was started from $run_dir. Fix: deploy/local/start --cluster${run_dir:+ --run-dir $run_dir} first"
  cat "$run_dir/spark/master-url"
}
