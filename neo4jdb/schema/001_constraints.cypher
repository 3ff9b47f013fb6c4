// Every node of the graph carries :Entity beside its kind label, so one
// constraint makes ids unique across kinds (the API's ids are global) and
// one index serves lookups by id whatever the kind. There is deliberately no
// constraint on a kind label: a staged load's copy carries the kind labels
// (not :Entity) while it is written, and shares its ids with the graph it
// replaces (002_drop_obsolete.cypher).
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
// Relation ids are unique too; Community Edition has no relationship
// uniqueness constraints, so the loader checks that and these range indexes
// make lookups by id fast.
CREATE INDEX tension_id IF NOT EXISTS FOR ()-[r:TENSION]-() ON (r.id);
CREATE INDEX convergence_id IF NOT EXISTS FOR ()-[r:CONVERGENCE]-() ON (r.id);
CREATE INDEX mandate_adopted IF NOT EXISTS FOR (n:Mandate) ON (n.adopted);
CREATE INDEX document_year IF NOT EXISTS FOR (n:Document) ON (n.year);
// Full-text search over names, titles, summaries and texts of every kind.
// On :Entity, not the kind labels, so that a staged load's copy (which
// has kind labels but not :Entity) neither takes the places of real hits
// nor shifts their scores. Eventually consistent: Lucene's updates run
// after a commit, on another core, instead of inside it; Search waits for
// them before it queries, so Load need not (docs/performance.md).
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.id, n.name, n.title, n.summary, n.text, n.description] OPTIONS {indexConfig: {`fulltext.eventually_consistent`: true}};
// Loads take turns: each holds, in a transaction it never commits, a MERGE
// of the one LoadLock node, which this constraint makes exclusive
// (Store.lockLoads). The node is never committed, so the graph never has it.
CREATE CONSTRAINT load_lock IF NOT EXISTS FOR (n:LoadLock) REQUIRE n.id IS UNIQUE;
