#!/usr/bin/env bash
# Runs the whole test suite against a real Neo4j: starts the local server if
# none is running, and stops it afterwards only if this script started it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

started=0
if ! scripts/neo4j.sh status >/dev/null 2>&1; then
	scripts/neo4j.sh start
	started=1
fi
cleanup() { if [ "$started" = 1 ]; then scripts/neo4j.sh stop; fi; }
trap cleanup EXIT

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
echo "== go vet"
go vet ./...
echo "== go test"
# -p 1: Community Edition has one user database, so packages that write to
# it must not run at the same time.
MANDATEGRAPH_REQUIRE_NEO4J=1 go test -p 1 -count=1 -timeout 30m ./...
