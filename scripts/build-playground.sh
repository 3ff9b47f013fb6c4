#!/usr/bin/env bash
# Rebuilds the GraphiQL playground that the Go package playground embeds.
#
#   scripts/build-playground.sh
#
# Installs web/playground's npm packages exactly as package-lock.json pins
# them (npm ci), bundles them with Vite into playground/dist/ (replacing it),
# and writes playground/dist/examples.json from web/playground/src/examples.js.
# Commit playground/dist/ afterwards: `go build` embeds it and never needs
# Node.js. Needs Node.js >= 20.19 and npm, and the npm registry.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
web=$repo/web/playground
dist=$repo/playground/dist

command -v node >/dev/null 2>&1 || { echo "build-playground: Node.js is required" >&2; exit 1; }
command -v npm >/dev/null 2>&1 || { echo "build-playground: npm is required" >&2; exit 1; }

cd "$web"
npm ci --no-audit --no-fund
npm run build # vite.config.js: outDir ../../playground/dist, emptied first
node scripts/write-examples.js "$dist/examples.json"

echo "build-playground: wrote $(find "$dist" -type f | wc -l) files, $(du -sh "$dist" | cut -f1) in ${dist#"$repo"/}"
echo "build-playground: now run 'go test ./playground/' and commit playground/dist/"
