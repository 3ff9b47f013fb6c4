#!/usr/bin/env bash
# Runs the whole test suite against a Neo4j test server of its own: its own
# port (NEO4J_TEST_PORT, default 7688) and data directory (NEO4J_TEST_RUN_DIR,
# default .neo4j/test), never the server `make run` uses (NEO4J_PORT). Starts
# the test server if it is not running and stops it afterwards only if this
# script started it.
#
#   scripts/test.sh               gofmt, vet, every test
#   scripts/test.sh CMD ARGS...   run CMD instead, against the same test server
#                                 (`make bench` runs the load benchmark so)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

test_port=${NEO4J_TEST_PORT:-7688}
test_run_dir=${NEO4J_TEST_RUN_DIR:-$PWD/.neo4j/test}
test_password=${NEO4J_TEST_PASSWORD:-mandategraph}
user_port=${NEO4J_PORT:-7687}
if [ "$test_port" = "$user_port" ]; then
	echo "test.sh: NEO4J_TEST_PORT ($test_port) is the port of the server make run uses (NEO4J_PORT); the tests reset their database, so give them another port" >&2
	exit 1
fi
# The jars are shared with the user's server (fetched once); data and logs are not.
lib=$(scripts/neo4j.sh libdir)
neo4j_test() {
	NEO4J_PORT=$test_port NEO4J_RUN_DIR=$test_run_dir NEO4J_LIB_DIR=$lib \
		NEO4J_USER=neo4j NEO4J_PASSWORD=$test_password scripts/neo4j.sh "$@"
}

started=0
if ! neo4j_test status >/dev/null 2>&1; then
	neo4j_test start
	started=1
fi
cleanup() { if [ "$started" = 1 ]; then neo4j_test stop; fi; }
trap cleanup EXIT

# The tests find their server through these (neo4jdb/neo4jtest); they never
# read NEO4J_URI or NEO4J_PORT. Point those at a closed port anyway, so a test
# that read them by mistake would fail instead of reaching the user's server.
export NEO4J_TEST_URI=bolt://127.0.0.1:$test_port NEO4J_TEST_PASSWORD=$test_password
export NEO4J_URI=bolt://127.0.0.1:1 NEO4J_PORT=1
export MANDATEGRAPH_REQUIRE_NEO4J=1

if [ $# -gt 0 ]; then
	"$@"
	exit
fi

echo "== export readers (networkx, graphology)"
if ! scripts/export-readers.sh; then
	# Without them the export tests skip, or fail under
	# MANDATEGRAPH_REQUIRE_BROWSER=1 (CI).
	echo "test.sh: could not install the export readers; see above" >&2
fi
echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './web/*'))
if [ -n "$unformatted" ]; then
	echo "gofmt would change:"; echo "$unformatted"; exit 1
fi
echo "== go generate leaves no diff"
scripts/check-generated.sh
echo "== go vet"
go vet ./...
echo "== npm ci (bench/peer: the API benchmark's @neo4j/graphql contender)"
# Installed only when the lock file changed since the last install.
if [ ! -f bench/peer/node_modules/.package-lock.json ] || ! cmp -s bench/peer/package-lock.json bench/peer/node_modules/.lock-installed; then
	(cd bench/peer && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.lock-installed)
fi
echo "== npm ci (tools/graphql-http-audit: the GraphQL-over-HTTP audit, audit_test.go)"
if [ ! -f tools/graphql-http-audit/node_modules/.package-lock.json ] || ! cmp -s tools/graphql-http-audit/package-lock.json tools/graphql-http-audit/node_modules/.lock-installed; then
	(cd tools/graphql-http-audit && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.lock-installed)
fi
echo "== go test"
# -p 1: Community Edition has one user database, so packages that write to
# it must not run at the same time.
go test -p 1 -count=1 -timeout 30m ./...
echo "== fuzz (bounded)"
# The importer's XML and plain-text parsers must neither panic nor hang on
# any input; a short run per target in every test run, longer ones by hand.
# The bound is a count of inputs, not a duration: with -fuzztime 15s, go1.26
# sometimes fails a healthy target with a bare "context deadline exceeded" on
# a loaded machine (golang/go#75804). 10,000 inputs took about 10 s here.
for target in FuzzReadAKN FuzzReadText; do
	go test -run '^$' -fuzz "^${target}\$" -fuzztime "${FUZZTIME:-10000x}" ./importer
done
