#!/usr/bin/env bash
# Runs the Spark job (score, train, bench) in one local JVM without a Spark installation: Spark
# comes from the module's provided dependencies, resolved by Maven. Build first:
#   mvn -B -q install -DskipTests
# then, from the repository root, for example:
#   platform-core/lstmforge-spark/run-local.sh bench --master 'local[2]' --plugins plugins/target/dist-plugins
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cp_file="$here/target/local-classpath.txt"
if [[ ! -f "$cp_file" || "$here/pom.xml" -nt "$cp_file" ]]; then
  mvn -B -q -f "$here/pom.xml" dependency:build-classpath -Dmdep.includeScope=provided \
    -Dmdep.outputFile="$cp_file" >/dev/null
fi
# glibc's malloc as the distribution's launcher sets it, but with its per-thread arenas: without
# these, tasks training side by side spent their time mapping and unmapping tensors' memory (20
# entities trained in 30-31 s on local[2] against 16 s with them; README, Spark section).
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-2000000000}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-4000000000}"
export MALLOC_TOP_PAD_="${MALLOC_TOP_PAD_:-1000000000}"
# The same JVM options Spark's own launcher gives Java 17 (see the root pom's spark.addOpens).
opens=$(sed -n 's:.*<spark.addOpens>\(.*\)</spark.addOpens>.*:\1:p' "$here/../../pom.xml")
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx8g} -Dai.djl.offline=true $opens \
  -cp "$here/target/classes:$(cat "$cp_file")" dev.lstmforge.spark.SparkJob "$@"
