package neo4jdb

// Loading, part 2: what a load reports it did.

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// Count is what a load did to the nodes of one label or the relationships
// of one type.
type Count struct {
	Created, Updated, Deleted, Unchanged int
}

// Changes is the number of elements written (created, updated or deleted).
func (c Count) Changes() int { return c.Created + c.Updated + c.Deleted }

func (c *Count) add(o Count) {
	c.Created += o.Created
	c.Updated += o.Updated
	c.Deleted += o.Deleted
	c.Unchanged += o.Unchanged
}

// LoadReport says what a load changed, per node label and relationship type.
type LoadReport struct {
	// DryRun is true when nothing was written.
	DryRun bool
	// Nodes is keyed by kind label (LabelMission, ...). Deleted nodes that
	// carry no kind label (only :Entity) are counted under LabelEntity.
	Nodes map[string]Count
	// Relationships is keyed by type (RelMandates, ..., RelTension,
	// RelConvergence). Relationships of other types that touched the
	// model's nodes, and were deleted, are counted under their own type.
	Relationships map[string]Count
	// Rows is the number of rows the write statements carried (for a dry
	// run: would have carried); one row is one element written.
	Rows int
	// Duration is the wall time of the whole load, schema included.
	Duration time.Duration
	// Phases splits Duration (of the last attempt, should the driver retry).
	Phases LoadPhases
	// Staged is true when the load wrote a staged copy of the dataset
	// (StagedRows elements) and switched to it, instead of writing the
	// difference in one transaction.
	Staged     bool
	StagedRows int
	// Warning, when not empty, is something that went wrong after the
	// graph became equal to the dataset (deleting a retired copy).
	Warning string
}

// LoadPhases is where a load's time went.
type LoadPhases struct {
	Schema time.Duration // ApplySchema
	Read   time.Duration // reading the graph and computing the difference
	Write  time.Duration // the write statements (staged: writing the staged copy)
	Commit time.Duration // the commit (staged: the switch transaction)
	// Cleanup is deleting leftovers of interrupted staged loads before the
	// load and, for a staged load, the copy it replaced after it.
	Cleanup time.Duration
}

// NodeTotal sums the node counts over all labels.
func (r LoadReport) NodeTotal() Count { return sumCounts(r.Nodes) }

// RelationshipTotal sums the relationship counts over all types.
func (r LoadReport) RelationshipTotal() Count { return sumCounts(r.Relationships) }

// Changes is the number of nodes and relationships the load created,
// updated or deleted; 0 means the graph already equalled the dataset.
func (r LoadReport) Changes() int { return r.NodeTotal().Changes() + r.RelationshipTotal().Changes() }

func sumCounts(m map[string]Count) Count {
	var t Count
	for _, c := range m {
		t.add(c)
	}
	return t
}

// String prints the report as a table, one row per label and type, with
// totals, followed by a one-line summary.
func (r LoadReport) String() string {
	type line struct {
		name string
		c    Count
	}
	var lines []line
	for _, label := range reportKeys(r.Nodes, NodeLabels) {
		lines = append(lines, line{label, r.Nodes[label]})
	}
	lines = append(lines, line{"all nodes", r.NodeTotal()})
	for _, typ := range reportKeys(r.Relationships, RelTypes) {
		lines = append(lines, line{typ, r.Relationships[typ]})
	}
	lines = append(lines, line{"all relationships", r.RelationshipTotal()})
	width := 0
	for _, l := range lines {
		width = max(width, len(l.name))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-*s  %9s  %9s  %9s  %9s\n", width, "", "created", "updated", "deleted", "unchanged")
	for _, l := range lines {
		fmt.Fprintf(&b, "%-*s  %9d  %9d  %9d  %9d\n", width, l.name, l.c.Created, l.c.Updated, l.c.Deleted, l.c.Unchanged)
	}
	if r.DryRun {
		fmt.Fprintf(&b, "dry run: %d changes computed, nothing written (%s)\n", r.Changes(), r.Duration.Round(time.Millisecond))
	} else {
		ms := func(d time.Duration) time.Duration { return d.Round(time.Millisecond) }
		if r.Staged {
			fmt.Fprintf(&b, "loaded: %d changes by staging a copy of %d elements in %s (schema %s, read and diff %s, staging %s, switch %s, cleanup %s)\n",
				r.Changes(), r.StagedRows, ms(r.Duration), ms(r.Phases.Schema), ms(r.Phases.Read), ms(r.Phases.Write), ms(r.Phases.Commit), ms(r.Phases.Cleanup))
		} else {
			fmt.Fprintf(&b, "loaded: %d changes, %d rows written in %s (schema %s, read and diff %s, write %s, commit %s)\n",
				r.Changes(), r.Rows, ms(r.Duration), ms(r.Phases.Schema), ms(r.Phases.Read), ms(r.Phases.Write), ms(r.Phases.Commit))
		}
	}
	if r.Warning != "" {
		fmt.Fprintf(&b, "warning: %s\n", r.Warning)
	}
	return b.String()
}

// reportKeys returns the model's keys in model order, then any others
// present in m, sorted.
func reportKeys(m map[string]Count, model []string) []string {
	keys := append([]string(nil), model...)
	var extra []string
	for k := range m {
		if !slices.Contains(model, k) {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	return append(keys, extra...)
}
