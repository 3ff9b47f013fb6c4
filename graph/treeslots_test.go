package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mandategraph/mandategraph/graph"
	"github.com/mandategraph/mandategraph/neo4jdb"
	"github.com/mandategraph/mandategraph/policy"
)

// heldTrees is a store whose tree reads each take at least hold, and which
// counts how many run at once.
type heldTrees struct {
	*neo4jdb.Store
	hold           time.Duration
	inFlight, most atomic.Int64
}

func (h *heldTrees) MissionTrees(ctx context.Context, req policy.TreeRequest, charge func(int) error,
	consume func(next func() (*policy.MissionTree, error)) error) error {
	n := h.inFlight.Add(1)
	defer h.inFlight.Add(-1)
	for m := h.most.Load(); n > m && !h.most.CompareAndSwap(m, n); m = h.most.Load() {
	}
	time.Sleep(h.hold)
	return h.Store.MissionTrees(ctx, req, charge, consume)
}

// TestTreeReadsShareTheSlots: no more tree reads run at once than
// MaxConcurrentTrees, on the direct path and on the executor's, and every
// request is answered; a request that waits past its deadline is
// UNAVAILABLE.
func TestTreeReadsShareTheSlots(t *testing.T) {
	a := newAPI(t, treeDataset(), unweightedLists)
	direct := `{ mission(id: "SYN01") { id mandates { id clauses { id agendas { id } } } } }`
	viaExecutor := `{ mission(id: "SYN02") { id mandates { id clauses { id tags { source } } } } }`
	for _, limit := range []int{1, 3} {
		t.Run(fmt.Sprintf("limit %d", limit), func(t *testing.T) {
			limits := unweightedLists
			limits.MaxConcurrentTrees = limit
			store := &heldTrees{Store: a.store, hold: 150 * time.Millisecond}
			h := graph.NewHandler(store, limits, quietLogger())
			var wg sync.WaitGroup
			for i := range 8 {
				wg.Go(func() {
					q := direct
					if i%2 == 1 {
						q = viaExecutor
					}
					if res := postTo(t, h, q, nil); len(res.Errors) > 0 || !strings.Contains(string(res.Data), `"clauses"`) {
						t.Errorf("limit %d: %s", limit, res.Body)
					}
				})
			}
			wg.Wait()
			most := store.most.Load()
			if most > int64(limit) || (limit > 1 && most < 2) {
				t.Errorf("limit %d: %d tree reads at once", limit, most)
			}
			t.Logf("limit %d: at most %d tree reads at once", limit, most)
		})
	}

	t.Run("a wait past the deadline", func(t *testing.T) {
		limits := unweightedLists
		limits.MaxConcurrentTrees = 1
		store := &heldTrees{Store: a.store, hold: 3 * time.Second}
		h := graph.NewHandler(store, limits, quietLogger())
		first := make(chan response)
		go func() { first <- postTo(t, h, direct, nil) }()
		for store.inFlight.Load() == 0 {
			time.Sleep(5 * time.Millisecond)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		start := time.Now()
		body, _ := json.Marshal(map[string]string{"query": direct})
		res := (&api{handler: h}).serve(t, postRequest(string(body)).WithContext(ctx))
		waited := time.Since(start)
		if got := res.codes(); len(got) != 1 || got[0] != policy.EUNAVAILABLE {
			t.Errorf("waiting past the deadline: %s, want one UNAVAILABLE error", res.Body)
		}
		if waited > 2*time.Second {
			t.Errorf("the wait ended after %v, not at the deadline", waited)
		}
		if r := <-first; len(r.Errors) > 0 {
			t.Errorf("the request holding the slot: %s", r.Body)
		}
	})
}
