// Every node carries :Entity beside its kind label, so one constraint makes
// ids unique across kinds (the API's ids are global) and one index serves
// lookups by id whatever the kind.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT mission_id IF NOT EXISTS FOR (n:Mission) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT mandate_id IF NOT EXISTS FOR (n:Mandate) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT clause_id IF NOT EXISTS FOR (n:Clause) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agenda_id IF NOT EXISTS FOR (n:Agenda) REQUIRE n.id IS UNIQUE;
// Relation ids are unique too; Community Edition has no relationship
// uniqueness constraints, so the loader checks that and these range indexes
// make lookups by id fast.
CREATE INDEX tension_id IF NOT EXISTS FOR ()-[r:TENSION]-() ON (r.id);
CREATE INDEX convergence_id IF NOT EXISTS FOR ()-[r:CONVERGENCE]-() ON (r.id);
CREATE INDEX mandate_adopted IF NOT EXISTS FOR (n:Mandate) ON (n.adopted);
CREATE INDEX document_year IF NOT EXISTS FOR (n:Document) ON (n.year);
// Full-text search over names, titles, summaries and texts of every kind.
// Eventually consistent: Lucene's updates run after a load's commit, on
// another core, instead of inside it; Load waits for them before it
// returns (docs/performance.md).
CREATE FULLTEXT INDEX entity_text IF NOT EXISTS FOR (n:Mission|Mandate|Clause|Document|Agenda) ON EACH [n.id, n.name, n.title, n.summary, n.text, n.description] OPTIONS {indexConfig: {`fulltext.eventually_consistent`: true}};
// Loads take turns: each holds, in a transaction it never commits, a MERGE
// of the one LoadLock node, which this constraint makes exclusive
// (Store.lockLoads). The node is never committed, so the graph never has it.
CREATE CONSTRAINT load_lock IF NOT EXISTS FOR (n:LoadLock) REQUIRE n.id IS UNIQUE;
