// What databases made by earlier versions have and this one must not.
// (SchemaApplied treats a DROP as "must be absent".)
//
// Until 2026-11-29 each kind label had its own unique constraint on id.
// entity_id already makes ids unique across all kinds, and a staged load's
// copy now carries its kind labels while the graph it replaces still
// exists, so these constraints would refuse it.
DROP CONSTRAINT mission_id IF EXISTS;
DROP CONSTRAINT mandate_id IF EXISTS;
DROP CONSTRAINT clause_id IF EXISTS;
DROP CONSTRAINT document_id IF EXISTS;
DROP CONSTRAINT agenda_id IF EXISTS;
// The full-text index used to be on the kind labels (entity_search, on
// :Entity, replaces it), and before that was updated inside each commit.
DROP INDEX entity_text IF EXISTS;
