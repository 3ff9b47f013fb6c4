//go:build !unix

package neo4jtest

// lockServer does nothing where flock(2) does not exist; run the tests one
// package at a time there (`go test -p 1 ./...`, as `make test` does).
func lockServer(uri string) error { return nil }
