package convert

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/mandategraph/mandategraph/loader"
	"github.com/mandategraph/mandategraph/policy"
)

// Write writes the result into dir as dataset files: missions.yaml for the
// missions created (when any), and one file per resolution named after its
// symbol (S/RES/2098(2013) → res-2098-2013.yaml). The same result gives the
// same bytes. It returns the names of the files written.
func Write(dir string, r *Result, header string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create the output directory: %w", err)
	}
	var written []string
	put := func(name string, ds *policy.Dataset) error {
		var b bytes.Buffer
		for _, line := range strings.Split(header, "\n") {
			fmt.Fprintf(&b, "# %s\n", line)
		}
		if err := loader.WriteYAML(&b, ds); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		written = append(written, path)
		return nil
	}
	if len(r.Missions) > 0 {
		if err := put("missions.yaml", &policy.Dataset{Missions: r.Missions}); err != nil {
			return written, err
		}
	}
	for _, m := range r.Mandates {
		if err := put(FileName(m.ID), &policy.Dataset{Mandates: []policy.Mandate{m}}); err != nil {
			return written, err
		}
	}
	return written, nil
}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

// FileName is the file a mandate is written to: its symbol without the
// leading "S/", lower case, runs of other characters as one "-".
func FileName(id string) string {
	s := strings.ToLower(strings.TrimPrefix(id, "S/"))
	return strings.Trim(nonWord.ReplaceAllString(s, "-"), "-") + ".yaml"
}
