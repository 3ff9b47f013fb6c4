package loader

import _ "embed"

// Schema is the JSON Schema (draft 2020-12) of the dataset format, for
// editors and tools; dataset.schema.json beside this file is its source,
// and the tests keep it in step with what Read accepts.
//
//go:embed dataset.schema.json
var Schema []byte
