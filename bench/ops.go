package main

// The seven operations, each defined once: the GraphQL text mandategraph
// answers, the equivalent for @neo4j/graphql (its generated API for 1 and 2,
// an @cypher field holding the floor's Cypher for 3 to 7) and the floor's
// hand-written Cypher, which returns the whole answer as one value in a
// column named result. Every contender's answer is reduced to the same
// shape (unwrap) before the check compares them.

import (
	"fmt"
	"strings"
)

// A list-valued @cypher field of a plain (non-node) type loses its
// elements' nested fields in @neo4j/graphql 7.6.3 (null for non-null
// fields), so operations 6 and 7 answer with one object holding the list,
// on every side.

// params are an operation's inputs for one dataset (see chooseParams).
type params struct {
	Mission    string   // operation 1: the mission with the most clauses
	Agendas    []string // operations 3 and 7
	Around     string   // operation 4
	From, To   string   // operation 5
	SearchText string   // operation 6
	First      int      // page size of operations 2, 3 and 6
}

type op struct {
	Name  string
	Title string
	// PeerHow says how the peer answers: "generated" or "@cypher".
	PeerHow string
	MG      string
	Peer    string
	// PeerField is the Query field declaration of an @cypher operation; its
	// statement is Cypher.
	PeerField string
	Cypher    string
	Vars      func(p params) map[string]any
	// MGUnwrap and PeerUnwrap turn a response's data into the answer's
	// shape (the floor returns it as it is).
	MGUnwrap, PeerUnwrap func(data map[string]any) any
}

// The Cypher fragments operations share.
const (
	// agendasOfA / agendasOfB: the agendas a relation end touches.
	agendasOfA = `CASE WHEN a:Agenda THEN [a.id] ELSE [(a)-[:ADDRESSES]->(g:Agenda) | g.id] END`
	agendasOfB = `CASE WHEN b:Agenda THEN [b.id] ELSE [(b)-[:ADDRESSES]->(g:Agenda) | g.id] END`
	// nodeRow: a graph node as the Graph types show it.
	nodeRow = `{id: n.id, kind: n.kind, label: coalesce(CASE n.kind WHEN 'Mission' THEN n.acronym WHEN 'Mandate' THEN n.symbol
		WHEN 'Clause' THEN n.paragraph WHEN 'Document' THEN n.title WHEN 'Agenda' THEN n.name END, n.id)}`
	// edgeRow: a relationship r from a to b as the Graph types show it.
	edgeRow = `{id: CASE WHEN type(r) IN ['TENSION', 'CONVERGENCE'] THEN r.id ELSE a.id + '|' + type(r) + '|' + b.id END,
		kind: type(r), source: a.id, target: b.id}`
	allRelTypes = `MANDATES|HAS_CLAUSE|ADDRESSES|CITES|SUCCEEDED_BY|TENSION|CONVERGENCE`
)

// missionTree is the nesting of operations 1 and 2: mission → mandates →
// clauses → agendas, in mandategraph's orders.
const missionTreeCypher = `m {.id, .name, mandates: COLLECT {
		MATCH (m)<-[:MANDATES]-(md:Mandate)
		WITH md ORDER BY md.adopted, md.id
		RETURN md {.id, adopted: toString(md.adopted), clauses: COLLECT {
			MATCH (md)-[:HAS_CLAUSE]->(c:Clause)
			WITH c ORDER BY c.position, c.id
			RETURN c {.id, .paragraph, .summary, agendas: COLLECT {
				MATCH (c)-[:ADDRESSES]->(g:Agenda)
				WITH g ORDER BY g.id
				RETURN g {.id, .name}
			}}
		}}
	}}`

const mgMissionTree = `id name mandates { id adopted clauses { id paragraph summary agendas { id name } } }`
const peerMissionTree = `id name mandates(sort: [{adopted: ASC}, {id: ASC}]) { id adopted
	clauses(sort: [{position: ASC}, {id: ASC}]) { id paragraph summary agendas(sort: [{id: ASC}]) { id name } } }`

const graphSelection = `nodes { id kind label } edges { id kind source target }`

var ops = []op{
	{
		Name: "1", Title: "mission → mandates → clauses → agendas", PeerHow: "generated",
		MG:   `query($id: ID!) { mission(id: $id) { ` + mgMissionTree + ` } }`,
		Peer: `query($id: ID!) { missions(where: {id: {eq: $id}}) { ` + peerMissionTree + ` } }`,
		Cypher: `MATCH (m:Entity:Mission {id: $id})
			RETURN ` + missionTreeCypher + ` AS result`,
		Vars:       func(p params) map[string]any { return map[string]any{"id": p.Mission} },
		MGUnwrap:   func(d map[string]any) any { return d["mission"] },
		PeerUnwrap: func(d map[string]any) any { return first(d["missions"]) },
	},
	{
		Name: "2", Title: "first 50 missions, same nesting", PeerHow: "generated",
		MG:   `query($first: Int!) { missions(first: $first) { edges { node { ` + mgMissionTree + ` } } } }`,
		Peer: `query($first: Int!) { missions(limit: $first, sort: [{id: ASC}]) { ` + peerMissionTree + ` } }`,
		Cypher: `MATCH (m:Entity:Mission)
			WITH m ORDER BY m.id LIMIT $first
			RETURN collect(` + missionTreeCypher + `) AS result`,
		Vars:       func(p params) map[string]any { return map[string]any{"first": 50} },
		MGUnwrap:   func(d map[string]any) any { return nodes(dig(d, "missions", "edges")) },
		PeerUnwrap: func(d map[string]any) any { return d["missions"] },
	},
	{
		Name: "3", Title: "tensions POC–SSR with ends and evidence", PeerHow: "@cypher",
		MG: `query($agendas: [ID!]!, $first: Int!) { relations(filter: {kind: TENSION, agendas: $agendas}, first: $first) {
			totalCount edges { node { id mechanism strength source { kind: __typename id } target { kind: __typename id }
			evidence { locator note document { id title } } } } } }`,
		Peer: `query($agendas: [ID!]!, $first: Int!) { tensions(agendas: $agendas, first: $first) {
			totalCount items { id mechanism strength source { kind id } target { kind id }
			evidence { locator note document { id title } } } } }`,
		PeerField: `tensions(agendas: [ID!]!, first: Int!): RelationPage!`,
		Cypher: `MATCH (a:Entity)-[r:TENSION]->(b:Entity)
			WITH a, r, b, ` + agendasOfA + ` AS ga, ` + agendasOfB + ` AS gb
			WHERE ($agendas[0] IN ga AND $agendas[1] IN gb) OR ($agendas[1] IN ga AND $agendas[0] IN gb)
			WITH a, r, b ORDER BY r.id
			WITH collect({a: a, r: r, b: b}) AS matched
			RETURN {totalCount: size(matched), items: [x IN matched[0..$first] | {
				id: x.r.id, mechanism: x.r.mechanism, strength: x.r.strength,
				source: {kind: x.a.kind, id: x.a.id}, target: {kind: x.b.kind, id: x.b.id},
				evidence: [i IN range(0, size(x.r.evidenceDocuments) - 1) | {
					locator: CASE x.r.evidenceLocators[i] WHEN '' THEN null ELSE x.r.evidenceLocators[i] END,
					note: CASE x.r.evidenceNotes[i] WHEN '' THEN null ELSE x.r.evidenceNotes[i] END,
					document: head(COLLECT { MATCH (d:Entity:Document {id: x.r.evidenceDocuments[i]}) RETURN {id: d.id, title: d.title} })}]}]} AS result`,
		Vars: func(p params) map[string]any { return map[string]any{"agendas": p.Agendas, "first": p.First} },
		MGUnwrap: func(d map[string]any) any {
			rel, _ := d["relations"].(map[string]any)
			return map[string]any{"totalCount": rel["totalCount"], "items": nodes(dig(d, "relations", "edges"))}
		},
		PeerUnwrap: func(d map[string]any) any { return d["tensions"] },
	},
	{
		Name: "4", Title: "neighborhood, depth 2", PeerHow: "@cypher",
		MG:        `query($id: ID!) { neighborhood(id: $id, depth: 2) { truncated ` + graphSelection + ` } }`,
		Peer:      `query($id: ID!) { neighborhood(id: $id) { truncated ` + graphSelection + ` } }`,
		PeerField: `neighborhood(id: ID!): GraphRow!`,
		// Breadth first: the second level only while the first fits in
		// the node limit (500), nodes by distance then id.
		Cypher: `MATCH (s:Entity {id: $id})
			CALL (s) {
				MATCH (s)--(n:Entity) WHERE n <> s
				WITH DISTINCT n ORDER BY n.id
				RETURN collect(n) AS level1
			}
			CALL (s, level1) {
				UNWIND CASE WHEN size(level1) >= 500 THEN [] ELSE level1 END AS f
				MATCH (f)--(n:Entity) WHERE n <> s AND NOT n IN level1
				WITH DISTINCT n ORDER BY n.id
				RETURN collect(n) AS level2
			}
			WITH s, level1 + level2 AS found
			WITH [s] + found[0..499] AS ns, size(found) + 1 > 500 AS truncated
			CALL (ns) {
				UNWIND ns AS a
				MATCH (a)-[r]->(b) WHERE b IN ns
				WITH a, r, b ORDER BY type(r), a.id, b.id, r.id
				RETURN collect(` + edgeRow + `) AS edges
			}
			RETURN {truncated: truncated, nodes: [n IN ns | ` + nodeRow + `], edges: edges} AS result`,
		Vars:       func(p params) map[string]any { return map[string]any{"id": p.Around} },
		MGUnwrap:   func(d map[string]any) any { return d["neighborhood"] },
		PeerUnwrap: func(d map[string]any) any { return d["neighborhood"] },
	},
	{
		Name: "5", Title: "shortestPath", PeerHow: "@cypher",
		MG:        `query($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) { ` + graphSelection + ` } }`,
		Peer:      `query($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) { ` + graphSelection + ` } }`,
		PeerField: `shortestPath(from: ID!, to: ID!): PathRow`,
		Cypher: `MATCH (s:Entity {id: $from}), (t:Entity {id: $to})
			MATCH p = shortestPath((s)-[:` + allRelTypes + `*..6]-(t))
			WHERE s <> t
			RETURN {nodes: [n IN nodes(p) | ` + nodeRow + `],
			        edges: [r IN relationships(p) | head([(a)-[r]->(b) | ` + edgeRow + `])]} AS result`,
		Vars:       func(p params) map[string]any { return map[string]any{"from": p.From, "to": p.To} },
		MGUnwrap:   func(d map[string]any) any { return d["shortestPath"] },
		PeerUnwrap: func(d map[string]any) any { return d["shortestPath"] },
	},
	{
		Name: "6", Title: "search", PeerHow: "@cypher",
		MG:        `query($text: String!, $first: Int!) { search(text: $text, first: $first) { score node { kind: __typename id } } }`,
		Peer:      `query($text: String!, $first: Int!) { search(text: $text, first: $first) { items { score node { kind id } } } }`,
		PeerField: `search(text: String!, first: Int!): HitList!`,
		Cypher: `CALL db.index.fulltext.queryNodes('entity_search', $text, {limit: $first}) YIELD node, score
			WHERE node:Entity
			WITH node, score ORDER BY score DESC, node.id LIMIT $first
			RETURN {items: collect({score: score, node: {kind: node.kind, id: node.id}})} AS result`,
		Vars:       func(p params) map[string]any { return map[string]any{"text": p.SearchText, "first": p.First} },
		MGUnwrap:   func(d map[string]any) any { return map[string]any{"items": d["search"]} },
		PeerUnwrap: func(d map[string]any) any { return d["search"] },
	},
	{
		Name: "7", Title: "agendaOverlap POC+SSR", PeerHow: "@cypher",
		MG:        `query($agendas: [ID!]!) { agendaOverlap(agendas: $agendas) { mission { id name } since relationCount } }`,
		Peer:      `query($agendas: [ID!]!) { agendaOverlap(agendas: $agendas) { items { mission { id name } since relationCount } } }`,
		PeerField: `agendaOverlap(agendas: [ID!]!): OverlapList!`,
		// One pass over the relations between the agendas, counted per
		// mission they are in (the mission context, else the missions of
		// the mandates at or above their ends).
		Cypher: `MATCH (m:Entity:Mission)<-[:MANDATES]-(md:Mandate)
			WHERE all(ag IN $agendas WHERE EXISTS { (md)-[:HAS_CLAUSE]->(:Clause)-[:ADDRESSES]->(:Agenda {id: ag}) })
			WITH m, min(md.adopted) AS since ORDER BY since, m.id
			WITH collect({m: m, since: since}) AS qualifying
			CALL (qualifying) {
				WITH [q IN qualifying | q.m.id] AS ids
				MATCH (a:Entity)-[r:TENSION|CONVERGENCE]->(b:Entity)
				WITH ids, a, r, b, ` + agendasOfA + ` AS ga, ` + agendasOfB + ` AS gb
				WHERE any(x IN $agendas WHERE x IN ga AND any(y IN $agendas WHERE y IN gb AND (x <> y OR size($agendas) = 1)))
				UNWIND CASE WHEN r.mission IS NOT NULL THEN [r.mission] ELSE
					[(a)-[:MANDATES]->(rm:Mission) | rm.id] + [(a)<-[:HAS_CLAUSE]-(:Mandate)-[:MANDATES]->(rm:Mission) | rm.id] +
					[(b)-[:MANDATES]->(rm:Mission) | rm.id] + [(b)<-[:HAS_CLAUSE]-(:Mandate)-[:MANDATES]->(rm:Mission) | rm.id] END AS mid
				WITH DISTINCT ids, mid, r WHERE mid IN ids
				WITH mid, count(r) AS n
				RETURN collect({mid: mid, n: n}) AS counts
			}
			RETURN {items: [q IN qualifying | {mission: {id: q.m.id, name: q.m.name}, since: toString(q.since),
				relationCount: coalesce(head([c IN counts WHERE c.mid = q.m.id | c.n]), 0)}]} AS result`,
		Vars: func(p params) map[string]any { return map[string]any{"agendas": p.Agendas} },
		// agendaOverlap also lists missions whose overlap is unknown
		// (an unrecorded mandate: since null); the floor and the peer
		// answer the known overlaps only, so those rows are compared out.
		MGUnwrap: func(d map[string]any) any {
			rows, _ := d["agendaOverlap"].([]any)
			known := []any{}
			for _, r := range rows {
				if m, ok := r.(map[string]any); ok && m["since"] != nil {
					known = append(known, r)
				}
			}
			return map[string]any{"items": known}
		},
		PeerUnwrap: func(d map[string]any) any { return d["agendaOverlap"] },
	},
}

// peerTypeDefs returns the peer's type definitions: its node types and a
// Query type with one @cypher field per operation that has PeerField.
func peerTypeDefs(nodeTypes string) string {
	var b strings.Builder
	b.WriteString(nodeTypes)
	b.WriteString("\ntype Query {\n")
	for _, o := range ops {
		if o.PeerField == "" {
			continue
		}
		fmt.Fprintf(&b, "  %s @cypher(statement: \"\"\"\n%s\n\"\"\", columnName: \"result\")\n", o.PeerField, o.Cypher)
	}
	b.WriteString("}\n")
	return b.String()
}

func first(v any) any {
	if l, ok := v.([]any); ok && len(l) > 0 {
		return l[0]
	}
	return nil
}

func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}

// nodes returns the node of every edge of a connection's edges list.
func nodes(edges any) any {
	list, ok := edges.([]any)
	if !ok {
		return nil
	}
	out := make([]any, 0, len(list))
	for _, e := range list {
		out = append(out, dig(e, "node"))
	}
	return out
}
