#!/usr/bin/env bash
# Starts, stops and reports on a local Neo4j 5.26 LTS Community server fetched
# from Maven Central (see tools/neo4j/pom.xml). Used by `make neo4j`,
# `make run`, `make test` and CI.
#
#   scripts/neo4j.sh start    fetch once, start, wait until Bolt answers (idempotent)
#   scripts/neo4j.sh stop     stop the server this script started (idempotent)
#   scripts/neo4j.sh status   exit 0 when running, 3 when not
#   scripts/neo4j.sh fetch    only download the jars
#   scripts/neo4j.sh libdir   print where the jars are
#
# Settings (environment):
#   NEO4J_PORT       Bolt port on 127.0.0.1                   (default 7687)
#   NEO4J_USER       must be "neo4j" for this local server     (default neo4j)
#   NEO4J_PASSWORD   initial password, >= 8 characters         (default mandategraph)
#   NEO4J_HEAP       JVM heap (-Xms/-Xmx)                      (default 2g)
#   NEO4J_PAGECACHE  page cache size                           (default 512m)
#   NEO4J_JAVA_OPTS  extra JVM flags, appended (for measurements)
#   NEO4J_RUN_DIR    jars, data and logs                       (default <repo>/.neo4j)
#   NEO4J_LIB_DIR    where the jars go                         (default $NEO4J_RUN_DIR/lib-<version>)
#   NEO4J_START_TIMEOUT  seconds to wait for Bolt (recovery after a crash can take minutes) (default 300)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
port=${NEO4J_PORT:-7687}
user=${NEO4J_USER:-neo4j}
password=${NEO4J_PASSWORD:-mandategraph}
heap=${NEO4J_HEAP:-2g}
pagecache=${NEO4J_PAGECACHE:-512m}
run_dir=${NEO4J_RUN_DIR:-$repo/.neo4j}
timeout_s=${NEO4J_START_TIMEOUT:-300}
version=$(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$repo/tools/neo4j/pom.xml")
lib=${NEO4J_LIB_DIR:-$run_dir/lib-$version}
home=$run_dir/server-$port
pid_file=$home/run/neo4j.pid
log=$home/logs/neo4j.log

say() { printf 'neo4j.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

java_bin() {
	local j=${JAVA_HOME:+$JAVA_HOME/bin/}java
	command -v "$j" >/dev/null 2>&1 || die "java not found: install a JDK 17 or 21 (Debian: apt-get install -y openjdk-17-jdk-headless) or set JAVA_HOME"
	local major
	major=$("$j" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
	[ "${major:-0}" -ge 17 ] 2>/dev/null || die "Java $major found; Neo4j 5.26 needs Java 17 or 21 (set JAVA_HOME)"
	echo "$j"
}

fetch() {
	[ -f "$lib/.complete" ] && return 0
	command -v mvn >/dev/null 2>&1 || die "mvn not found: install Maven (Debian: apt-get install -y maven)"
	say "fetching Neo4j $version from Maven Central into $lib (once; cached in ~/.m2)"
	rm -rf "$lib"
	mkdir -p "$run_dir"
	if ! mvn -q -B -Dstyle.color=never -f "$repo/tools/neo4j/pom.xml" dependency:copy-dependencies \
		-DincludeScope=runtime -DoutputDirectory="$lib" >"$run_dir/fetch.log" 2>&1; then
		cat "$run_dir/fetch.log" >&2
		die "could not fetch Neo4j $version with Maven (log above); is Maven Central reachable?"
	fi
	touch "$lib/.complete"
}

running_pid() {
	[ -f "$pid_file" ] || return 1
	local pid
	pid=$(cat "$pid_file")
	# Only a live process whose command line is this server counts, so a
	# stale pid file reused by another process is never signalled.
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null &&
		tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--home-dir=$home"; then
		echo "$pid"
		return 0
	fi
	return 1
}

# bolt_answers performs the Bolt handshake (magic number + 4 proposed
# versions) and succeeds when the server agrees on a non-zero version.
bolt_answers() {
	local reply
	reply=$(timeout 3 bash -c '
		exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
		printf "\x60\x60\xb0\x17\x00\x08\x08\x05\x00\x00\x04\x04\x00\x00\x00\x04\x00\x00\x00\x03" >&3
		head -c 4 <&3 | od -An -tx1' _ "$port" 2>/dev/null) || return 1
	reply=${reply// /}
	[ -n "$reply" ] && [ "$reply" != "00000000" ]
}

write_conf() {
	mkdir -p "$home/conf" "$home/data" "$home/logs" "$home/plugins" "$home/run" "$home/import"
	cat >"$home/conf/neo4j.conf" <<EOF
# Written by scripts/neo4j.sh; edits are overwritten at the next start.
server.default_listen_address=127.0.0.1
server.bolt.listen_address=127.0.0.1:$port
server.bolt.advertised_address=127.0.0.1:$port
server.http.enabled=false
server.https.enabled=false
dbms.security.auth_enabled=true
dbms.usage_report.enabled=false
server.memory.pagecache.size=$pagecache
db.tx_log.rotation.retention_policy=1 files
server.directories.data=$home/data
server.directories.logs=$home/logs
server.directories.plugins=$home/plugins
server.directories.import=$home/import
server.directories.run=$home/run
EOF
}

start() {
	if pid=$(running_pid); then
		say "already running (pid $pid, bolt://127.0.0.1:$port)"
		return 0
	fi
	[ "$user" = neo4j ] || die "NEO4J_USER=$user: the local Community server has the single built-in user 'neo4j'; unset NEO4J_USER or set it to neo4j"
	[ ${#password} -ge 8 ] || die "NEO4J_PASSWORD must have at least 8 characters"
	if bolt_answers; then
		die "port $port already answers Bolt but not from a server this script started; stop it or set NEO4J_PORT"
	fi
	local java
	java=$(java_bin)
	fetch
	write_conf
	# The initial password only takes effect before the first start, so it is
	# set once per data directory; a changed NEO4J_PASSWORD needs a fresh dir.
	if [ ! -f "$home/data/.password-set" ]; then
		NEO4J_HOME=$home NEO4J_CONF=$home/conf "$java" -cp "$lib/*" org.neo4j.cli.AdminTool \
			dbms set-initial-password "$password" >"$home/logs/admin.log" 2>&1 ||
			{ cat "$home/logs/admin.log" >&2; die "could not set the initial password"; }
		touch "$home/data/.password-set"
	fi
	say "starting Neo4j $version on bolt://127.0.0.1:$port (heap $heap, page cache $pagecache)"
	# JVM flags follow what the tarball's launcher passes for 5.26, minus
	# AlwaysPreTouch (slow on a small box); the java.nio opening is required on Java 17.
	setsid nohup "$java" -Xms"$heap" -Xmx"$heap" \
		-XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+ExitOnOutOfMemoryError \
		-Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true \
		--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
		--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
		-Dlog4j2.disable.jmx=true ${NEO4J_JAVA_OPTS:-} \
		-cp "$lib/*" org.neo4j.server.CommunityEntryPoint \
		--home-dir="$home" --config-dir="$home/conf" \
		>"$home/logs/console.log" 2>&1 </dev/null &
	echo $! >"$pid_file"
	local waited=0
	until bolt_answers; do
		if ! running_pid >/dev/null; then
			say "Neo4j exited during start; last lines of its logs:"
			tail -n 30 "$home/logs/console.log" "$log" >&2 2>/dev/null || true
			rm -f "$pid_file"
			exit 1
		fi
		if [ "$waited" -ge "$timeout_s" ]; then
			say "Bolt did not answer within ${timeout_s}s; last lines of its logs:"
			tail -n 30 "$home/logs/console.log" "$log" >&2 2>/dev/null || true
			stop
			exit 1
		fi
		sleep 1
		waited=$((waited + 1))
	done
	say "ready after ${waited}s (pid $(cat "$pid_file"), logs in $home/logs)"
}

stop() {
	local pid
	if ! pid=$(running_pid); then
		rm -f "$pid_file"
		say "not running"
		return 0
	fi
	say "stopping pid $pid"
	kill -TERM "$pid"
	for _ in $(seq 1 60); do
		kill -0 "$pid" 2>/dev/null || { rm -f "$pid_file"; say "stopped"; return 0; }
		sleep 1
	done
	say "still running after 60s; killing pid $pid"
	kill -KILL "$pid" 2>/dev/null || true
	rm -f "$pid_file"
}

status() {
	local pid
	if pid=$(running_pid) && bolt_answers; then
		echo "running (pid $pid, bolt://127.0.0.1:$port, Neo4j $version)"
		return 0
	fi
	if pid=$(running_pid); then
		echo "starting or unresponsive (pid $pid)"
		return 3
	fi
	echo "not running"
	return 3
}

case "${1:-}" in
start) start ;;
stop) stop ;;
status) status ;;
fetch) fetch ;;
libdir) echo "$lib" ;;
*) die "usage: $0 start|stop|status|fetch|libdir" ;;
esac
