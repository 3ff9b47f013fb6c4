package graph_test

import (
	"context"
	"net/http/httptest"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mandategraph/mandategraph/graph"
	"github.com/mandategraph/mandategraph/loader"
	"github.com/mandategraph/mandategraph/neo4jdb"
	"github.com/mandategraph/mandategraph/neo4jdb/neo4jtest"
)

const zzTree = `id name mandates { id adopted clauses { id paragraph summary agendas { id name } } }`

func BenchmarkZZOp(b *testing.B) {
	ds, diags := loader.Read("../data")
	if err := diags.Err(); err != nil {
		b.Fatal(err)
	}
	store := neo4jtest.Open(b)
	if _, err := store.Load(context.Background(), ds, neo4jdb.LoadOptions{}); err != nil {
		b.Fatal(err)
	}
	ds = nil
	runtime.GC()
	lim := graph.DefaultLimits
	lim.MaxComplexity = 100000000
	h := graph.NewHandler(store, lim, quietLogger())
	for _, c := range []struct{ name, q string }{
		{"op1", `{"query":"{ mission(id: \"MINUSCA\") { ` + zzTree + ` } }"}`},
		{"op2", `{"query":"{ missions(first: 50) { edges { node { ` + zzTree + ` } } } }"}`},
		{"op3", `{"query":"{ relations(filter: {kind: TENSION, agendas: [\"POC\", \"SSR\"]}, first: 50) { totalCount edges { node { id mechanism strength source { kind: __typename id } target { kind: __typename id } evidence { locator note document { id title } } } } } }"}`},
	} {
		b.Run(c.name, func(b *testing.B) {
			n := 0
			cpu0 := zzCPU()
			for b.Loop() {
				rec := httptest.NewRecorder()
				req := httptest.NewRequest("POST", "/graphql", strings.NewReader(c.q))
				req.Header.Set("Content-Type", "application/json")
				h.ServeHTTP(rec, req)
				if rec.Code != 200 || strings.Contains(rec.Body.String(), `"errors"`) {
					b.Fatal(rec.Code, rec.Body.String()[:min(400, rec.Body.Len())])
				}
				n = rec.Body.Len()
			}
			b.ReportMetric(float64(n), "bytes")
			b.ReportMetric(float64(zzCPU()-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}

func zzCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
