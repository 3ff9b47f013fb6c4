package explore

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
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

var urlRe = regexp.MustCompile(`https?://([^/"'\x60\s)<>\\]*)`)

// Hosts that appear in the bundle as plain strings, none fetched: a new one
// after an upgrade must be looked at before it is allowed.
var harmlessHosts = map[string]string{
	"www.w3.org": "SVG/XML namespace",
}

func TestDistReferencesOnlyLocalAssets(t *testing.T) {
	index, err := distFS.ReadFile("dist/index.html")
	if err != nil {
		t.Fatalf("dist/index.html is missing: run scripts/build-explorer.sh (%v)", err)
	}
	refs := regexp.MustCompile(`\b(?:src|href)\s*=\s*"([^"]*)"`).FindAllSubmatch(index, -1)
	if len(refs) == 0 {
		t.Fatal("index.html references no assets")
	}
	for _, m := range refs {
		ref := string(m[1])
		if strings.HasPrefix(ref, "data:") || strings.HasPrefix(ref, "#") {
			continue
		}
		if !strings.HasPrefix(ref, Prefix+"/assets/") {
			t.Errorf("index.html references %q, want a path under %s/assets/", ref, Prefix)
			continue
		}
		if _, err := fs.Stat(distFS, "dist/"+strings.TrimPrefix(ref, Prefix+"/")); err != nil {
			t.Errorf("index.html references %q, which is not in dist/", ref)
		}
	}
	err = fs.WalkDir(distFS, "dist", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, _ := distFS.ReadFile(p)
		for _, m := range urlRe.FindAllSubmatch(body, -1) {
			if _, ok := harmlessHosts[string(m[1])]; !ok {
				t.Errorf("%s: URL %q to an unreviewed host; check it is not loaded at run time, then add it to harmlessHosts", p, m[0])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
