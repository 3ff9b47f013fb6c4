// Package shareddata locates the real public data the tests read
// (shared/data beside the checkout). The product never uses it: a user's
// machine has no shared/.
package shareddata

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// Env overrides where the shared data is.
const Env = "MANDATEGRAPH_SHARED_DATA"

var (
	once sync.Once
	dir  string
)

// Dir returns the shared data directory: $MANDATEGRAPH_SHARED_DATA when set;
// else shared/data beside the repository root (tests run in a package
// directory one level down, so ../../shared/data); else the shared/data
// beside the repository root found by git, for packages deeper down; else the
// shared/data beside the repository a clone was made from (a clone in /tmp of a checkout
// that sits beside shared/). It does not check that the directory exists:
// callers fail, never skip, when it is missing.
func Dir() string {
	once.Do(func() { dir = find() })
	return dir
}

// Path joins elem onto Dir.
func Path(elem ...string) string { return filepath.Join(append([]string{Dir()}, elem...)...) }

func find() string {
	if d := os.Getenv(Env); d != "" {
		return d
	}
	const beside = "../../shared/data"
	if _, err := os.Stat(beside); err == nil {
		return beside
	}
	// Tests of the root package run in the repository root itself.
	if _, err := os.Stat("../shared/data"); err == nil {
		return "../shared/data"
	}
	// A package deeper in the tree (internal/bundled): beside the repository root.
	if out, err := exec.Command("git", "rev-parse", "--show-toplevel").Output(); err == nil {
		d := filepath.Join(strings.TrimSpace(string(out)), "..", "shared", "data")
		if _, err := os.Stat(d); err == nil {
			return d
		}
	}
	// The origin of a clone is the path of the checkout it was made from.
	if out, err := exec.Command("git", "remote", "get-url", "origin").Output(); err == nil {
		d := filepath.Join(strings.TrimSpace(string(out)), "..", "shared", "data")
		if _, err := os.Stat(d); err == nil {
			return d
		}
	}
	return beside
}
