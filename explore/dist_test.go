package explore

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/internal/webapp/webapptest"
)

// The committed build is what the binary serves: these tests read dist/ as
// embedded, and check it was built from the sources in web/explorer.

// TestDistIsCurrent recomputes the hash web/explorer/scripts/hash-sources.mjs
// writes into dist/sources.sha256 at build time.
func TestDistIsCurrent(t *testing.T) {
	recorded, err := distFS.ReadFile("dist/sources.sha256")
	if err != nil {
		t.Fatalf("dist/sources.sha256 is missing: run scripts/build-explorer.sh (%v)", err)
	}
	root := filepath.Join("..", "web", "explorer")
	files := []string{"index.html", "vite.config.js", "package.json", "package-lock.json"}
	err = filepath.WalkDir(filepath.Join(root, "src"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	h := sha256.New()
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		h.Write([]byte(f + "\x00"))
		h.Write(b)
		h.Write([]byte{0})
	}
	if got, want := hex.EncodeToString(h.Sum(nil)), strings.TrimSpace(string(recorded)); got != want {
		t.Errorf("explore/dist was built from other sources than web/explorer's (hash %s, dist records %s): run scripts/build-explorer.sh and commit explore/dist/", got, want)
	}
}

// Hosts that appear in the bundle as plain strings, none fetched: a new one
// after an upgrade must be looked at before it is allowed.
var harmlessHosts = map[string]string{
	"www.w3.org": "SVG/XML namespace",
}

func TestDistReferencesOnlyLocalAssets(t *testing.T) {
	dist, err := fs.Sub(distFS, "dist")
	if err != nil {
		t.Fatal(err)
	}
	webapptest.CheckLocal(t, dist, Prefix, harmlessHosts)
}
