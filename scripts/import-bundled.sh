#!/bin/sh
# Regenerates the imported part of the bundled dataset (data/import/selection.tsv and
# data/imported/) from ../shared/data/external/unxml-scresolutions. Curated files
# (data/missions, relations.yaml, ...) are read, never written. TestGeneratedUpToDate
# (internal/bundled) fails when the committed files differ from a fresh generation.
set -eu
cd "$(dirname "$0")/.."
exec go run ./internal/bundled/gen -shared "${MANDATEGRAPH_SHARED_DATA:-../shared/data}" -data data
