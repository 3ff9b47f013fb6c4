#!/usr/bin/env bash
# Installs the independent readers the export tests read exports back with:
# networkx (pinned in export/testdata/readers/requirements.txt) in a
# virtualenv at .cache/export-readers/venv, and graphology (pinned by
# export/testdata/readers/package-lock.json) with npm ci. Idempotent; needs
# python3 with venv, Node.js and npm, and the PyPI and npm registries.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

readers=export/testdata/readers
venv=.cache/export-readers/venv
want=$(cat "$readers/requirements.txt")
if ! [ -x "$venv/bin/python" ] || [ "$(cat "$venv/.installed" 2>/dev/null)" != "$want" ]; then
	python3 -m venv "$venv"
	"$venv/bin/pip" install -q --disable-pip-version-check -r "$readers/requirements.txt"
	echo "$want" > "$venv/.installed"
fi
if ! [ -f "$readers/node_modules/.package-lock.json" ] || ! cmp -s "$readers/package-lock.json" "$readers/node_modules/.lock-installed"; then
	(cd "$readers" && npm ci --no-audit --no-fund --silent && cp package-lock.json node_modules/.lock-installed)
fi
