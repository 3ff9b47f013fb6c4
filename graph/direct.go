package graph

// Direct answers. A root field mission or missions whose whole selection
// stays inside the tree read (tree.go) — Mission, Mandate, Clause and
// Agenda fields that the read fills, and the connection around a page of
// missions — is written to JSON straight from the read's rows, with its
// selection compiled once per request (directPlan), instead of by gqlgen's
// executor, which resolves every field of every object on its own (a
// goroutine per list element, CollectFields per object): 90% of the
// server's CPU on the benchmark's operation 1 (docs/performance.md). The
// answer is byte for byte the executor's (tree_test.go, bundled_test.go);
// any field, argument or value the writer does not know leaves the field to
// the executor, which then reads and resolves it as before.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/mandategraph/mandategraph/graph/model"
	"github.com/mandategraph/mandategraph/policy"
)

// errNotDirect ends a direct answer that the executor must give instead,
// e.g. a null in a non-null field, which the executor reports and
// propagates.
var errNotDirect = errors.New("not a direct answer")

// directAnswers is the root-field middleware that gives direct answers;
// answered counts them (for tests).
func directAnswers(r *Resolver, es *executableSchema, answered *atomic.Int64) graphql.RootFieldMiddleware {
	return func(ctx context.Context, next graphql.RootResolver) (out graphql.Marshaler) {
		rf := graphql.GetRootFieldContext(ctx)
		opCtx := graphql.GetOperationContext(ctx)
		if r.Trees == nil || rf == nil || opCtx.Operation.Operation != ast.Query || len(rf.Field.Deferrables) > 0 ||
			(rf.Field.Name != "mission" && rf.Field.Name != "missions") {
			return next(ctx)
		}
		// The generated argument parsers: arguments are coerced exactly as
		// the executor coerces them. An error is left for it to report.
		ec := newExecutionContext(opCtx, es, nil)
		parse := ec.field_Query_mission_args
		if rf.Field.Name == "missions" {
			parse = ec.field_Query_missions_args
		}
		args, err := parse(ctx, rf.Field.ArgumentMap(opCtx.Variables))
		if err != nil {
			return next(ctx)
		}
		fctx := graphql.WithFieldContext(ctx, &graphql.FieldContext{
			Object: "Query", Field: rf.Field, Args: args, IsMethod: true, IsResolver: true,
		})
		defer func() {
			if p := recover(); p != nil {
				opCtx.Error(fctx, opCtx.Recover(fctx, p))
				out = graphql.Null
			}
		}()
		var w chunks
		if rf.Field.Name == "mission" {
			err = r.directMission(fctx, &w, args["id"].(string))
		} else {
			filter, _ := args["filter"].(*policy.MissionFilter)
			first, _ := args["first"].(*int)
			after, _ := args["after"].(*string)
			err = r.directMissions(fctx, &w, filter, first, after)
		}
		switch {
		case errors.Is(err, errNotDirect):
			return next(ctx)
		case err != nil:
			// As the executor reports a resolver's error: on the field's
			// path, with its location; a non-null missions is then null
			// and so is data, as there.
			opCtx.Error(fctx, graphql.AddFieldLocationToError(fctx, err))
			return graphql.Null
		}
		answered.Add(1)
		return directPartsOf(ctx).hold(w.buffers())
	}
}

// directParts holds a request's direct answers until its response is
// written: gqlgen's data holds a marker in the place of each (a NUL byte,
// the part's index, a NUL byte; JSON as gqlgen writes it has no raw
// control character), and the response is written around them
// (writeResponse). An answer is then held once, in its own buffer, instead
// of also as copies in gqlgen's buffer and the response's (three copies of
// a 13 MB answer at scale, docs/performance.md).
type directParts struct {
	mu    sync.Mutex // root fields resolve concurrently
	parts []net.Buffers
}

type directPartsKey struct{}

func withDirectParts(ctx context.Context) (context.Context, *directParts) {
	d := &directParts{}
	return context.WithValue(ctx, directPartsKey{}, d), d
}

// directPartsOf is the request's holder; nil outside a Handler's request,
// where hold gives the answer itself.
func directPartsOf(ctx context.Context) *directParts {
	d, _ := ctx.Value(directPartsKey{}).(*directParts)
	return d
}

// hold keeps answer b and returns the marshaller that writes its marker.
func (d *directParts) hold(b net.Buffers) graphql.Marshaler {
	if d == nil {
		return rawJSON(bytes.Join(b, nil))
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	marker := rawJSON("\x00" + strconv.Itoa(len(d.parts)) + "\x00")
	d.parts = append(d.parts, b)
	return marker
}

// splice returns data as pieces to write in order, each marker replaced
// by its part.
func (d *directParts) splice(data []byte) (net.Buffers, error) {
	if d == nil || len(d.parts) == 0 {
		return net.Buffers{data}, nil
	}
	var out net.Buffers
	for {
		i := bytes.IndexByte(data, 0)
		if i < 0 {
			return append(out, data), nil
		}
		j := bytes.IndexByte(data[i+1:], 0)
		n, err := strconv.Atoi(string(data[i+1 : i+1+max(j, 0)]))
		if j < 0 || err != nil || n < 0 || n >= len(d.parts) {
			return nil, fmt.Errorf("internal error: a direct answer's marker at byte %d of the data is malformed", i)
		}
		out = append(append(out, data[:i]), d.parts[n]...)
		data = data[i+2+j:]
	}
}

// rawJSON is an answer written beforehand.
type rawJSON []byte

func (b rawJSON) MarshalGQL(w io.Writer) { _, _ = w.Write(b) }

// directMission writes mission(id) when its selection compiles.
func (r *Resolver) directMission(ctx context.Context, w *chunks, id string) error {
	sel := graphql.GetFieldContext(ctx).Field.Selections
	p, _, req, ok := r.compileDirectRoot(ctx, "Mission", sel, sel)
	if !ok {
		return errNotDirect
	}
	req.Missions = []string{id}
	trees, release, err := r.heldMissionTrees(ctx, req)
	if err != nil {
		return err
	}
	defer release() // once the answer is written
	if len(trees) == 0 {
		w.WriteString("null")
		return nil
	}
	return p.writeMission(w, &trees[0])
}

// directMissions writes missions(filter, first, after) when its selection
// compiles.
func (r *Resolver) directMissions(ctx context.Context, w *chunks, filter *policy.MissionFilter, first *int, after *string) error {
	p, need, req, ok := r.compileDirectRoot(ctx, "MissionConnection",
		graphql.GetFieldContext(ctx).Field.Selections, connectionNodes(ctx, "MissionConnection", "MissionEdge"))
	if !ok {
		return errNotDirect
	}
	page, preq, err := r.missionPage(ctx, filter, first, after)
	if err != nil {
		return err
	}
	missionOnly := func(m policy.Mission) *policy.MissionTree { return &policy.MissionTree{Mission: m} }
	if !need.mandates || len(page.Items) == 0 {
		return p.writeMissionConnection(w, connection[directConnection, directEdge](page, preq, missionOnly), nil)
	}
	for _, m := range page.Items {
		req.Missions = append(req.Missions, m.ID)
	}
	if p.missionVisits() == 1 {
		// Each mission's tree is written as it arrives and then dropped:
		// the answer is held once, as JSON, not also as the page's trees.
		release, err := r.slottedTrees(ctx, req, func(next func() (*policy.MissionTree, error)) error {
			*w = chunks{} // a retried read starts again
			return p.writeMissionConnection(w, connection[directConnection, directEdge](page, preq, missionOnly), next)
		})
		if err != nil {
			return err
		}
		release()
		return nil
	}
	ts, release, err := r.heldMissionTrees(ctx, req)
	if err != nil {
		return err
	}
	defer release() // once the answer is written
	trees := make(map[string]*policy.MissionTree, len(ts))
	for i := range ts {
		trees[ts[i].Mission.ID] = &ts[i]
	}
	conn := connection[directConnection, directEdge](page, preq, func(m policy.Mission) *policy.MissionTree {
		return trees[m.ID] // nil when the mission went between the two reads: the executor answers
	})
	return p.writeMissionConnection(w, conn, nil)
}

// directConnection and directEdge are a MissionConnection and its edges
// with the missions' trees as nodes.
type directConnection struct {
	Edges      []*directEdge   `json:"edges"`
	PageInfo   *model.PageInfo `json:"pageInfo"`
	TotalCount int             `json:"totalCount"`
}

type directEdge struct {
	Cursor string              `json:"cursor"`
	Node   *policy.MissionTree `json:"node"`
}

// compileDirectRoot compiles the selection sel of a root field of type
// typ, whose Mission objects are selected by missionSel, into a plan and
// the tree read that serves it: the one the executor's path would make
// (missionTreeRequest), provided it reads every level the plan writes.
func (r *Resolver) compileDirectRoot(ctx context.Context, typ string, sel, missionSel ast.SelectionSet) (directPlan, directNeeds, policy.TreeRequest, bool) {
	p, need, ok := compileDirect(graphql.GetOperationContext(ctx), typ, sel)
	if !ok {
		return nil, need, policy.TreeRequest{}, false
	}
	req := r.missionTreeRequest(ctx, missionSel)
	if req == nil {
		return p, need, policy.TreeRequest{}, !need.mandates
	}
	cl := req.Mandates.Clauses
	switch {
	case need.clauses && cl == nil: // e.g. clauses asked with two different agendas
		return nil, need, *req, false
	case need.agendas && !cl.Agendas:
		return nil, need, *req, false
	}
	return p, need, *req, true
}
