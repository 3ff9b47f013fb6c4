//go:build unix

package neo4jtest

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lockServer takes an exclusive lock, shared by every test process on this
// machine that uses the same server, and holds it until the process exits
// (the kernel releases it then, even after a crash). `go test ./...` runs
// several packages' test binaries at once, and their tests reset and load
// the same database, so without it they would see each other's writes.
func lockServer(uri string) error {
	name := filepath.Join(os.TempDir(), "mandategraph-neo4jtest-"+sanitize(uri)+".lock")
	// Read-only is enough for flock, and works for another user's file.
	f, err := os.OpenFile(name, os.O_CREATE|os.O_RDONLY, 0o644)
	if err != nil {
		return fmt.Errorf("lock the test server: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return fmt.Errorf("lock the test server (%s): %w", name, err)
	}
	heldLock = f // never closed: the lock lasts as long as the process
	return nil
}

var heldLock *os.File
