#!/usr/bin/env bash
# Fails when `go generate ./...` changes the tree: generated code
# (graph/generated.go, graph/model/models_gen.go, resolver stubs) must be
# committed as the generators make it from schema.graphqls and gqlgen.yml.
# It compares the files before and after, so it works in a dirty checkout
# too; on failure the regenerated files are left for you to inspect.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

snapshot() {
	find . \( -path ./.git -o -path ./.neo4j -o -path ./bin -o -path ./web/node_modules \) -prune \
		-o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
}
before=$(mktemp)
trap 'rm -f "$before"' EXIT
snapshot >"$before"
go generate ./...
if ! changed=$(snapshot | diff "$before" - ); then
	echo "go generate ./... changed these files; run 'make generate' and commit the result:"
	echo "$changed" | sed -n 's/^[<>] [0-9a-f]*  /  /p' | sort -u
	exit 1
fi
echo "go generate ./... leaves no diff"
