package graph

// Slots for tree reads. A tree read (tree.go) is the largest answer a
// request can ask for (up to MaxResultObjects objects: about 13 MB of JSON
// for the benchmark's operation 2 at scale), and it keeps Neo4j and this
// process busy for seconds. Run without a bound, sixteen at once on a
// 2-core machine all missed a 30 s deadline and held each its answer the
// whole time; run a few at a time, each finishes sooner and memory is
// bounded by the slots, not by the clients. A request waits for a slot
// within its own deadline.

import "context"

// slots is a counting semaphore: its capacity is the number of holders.
type slots chan struct{}

// acquire waits for a slot and returns its release; ctx's error when ctx
// ends first (reported like any timeout: UNAVAILABLE). A nil s has no
// bound.
func (s slots) acquire(ctx context.Context) (release func(), err error) {
	if s == nil {
		return func() {}, nil
	}
	select {
	case s <- struct{}{}:
		return func() { <-s }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
