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

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './web/*'))
if [ -n "$unformatted" ]; then
	echo "gofmt would change:"; echo "$unformatted"; exit 1
fi
echo "== go vet"
go vet ./...
echo "== npm ci (bench/peer: the API benchmark's @neo4j/graphql contender)"
# Installed only when the lock file changed since the last install.
if [ ! -f bench/peer/node_modules/.package-lock.json ] || ! cmp -s bench/peer/package-lock.json bench/peer/node_modules/.lock-installed; then
	(cd bench/peer && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.lock-installed)
fi
echo "== go test"
# -p 1: Community Edition has one user database, so packages that write to
# it must not run at the same time.
MANDATEGRAPH_REQUIRE_NEO4J=1 go test -p 1 -count=1 -timeout 30m ./...
