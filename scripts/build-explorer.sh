#!/usr/bin/env bash
# Rebuilds the graph explorer that the Go package explore embeds.
#
#   scripts/build-explorer.sh
#
# Installs web/explorer's npm packages exactly as package-lock.json pins
# them (npm ci), bundles them with Vite into explore/dist/ (replacing it),
# and writes explore/dist/sources.sha256, the hash of the sources the build
# came from (explore/dist_test.go fails when it no longer matches). Commit
# explore/dist/ afterwards: `go build` embeds it and never needs Node.js.
# Needs Node.js >= 20.19 and npm, and the npm registry.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
web=$repo/web/explorer
dist=$repo/explore/dist

command -v node >/dev/null 2>&1 || { echo "build-explorer: Node.js is required" >&2; exit 1; }
command -v npm >/dev/null 2>&1 || { echo "build-explorer: npm is required" >&2; exit 1; }

cd "$web"
npm ci --no-audit --no-fund
npm run build # vite.config.js: outDir ../../explore/dist, emptied first
node scripts/hash-sources.mjs "$dist/sources.sha256"

echo "build-explorer: wrote $(find "$dist" -type f | wc -l) files, $(du -sh "$dist" | cut -f1) in ${dist#"$repo"/}"
echo "build-explorer: now run 'go test ./explore/' and commit explore/dist/"
