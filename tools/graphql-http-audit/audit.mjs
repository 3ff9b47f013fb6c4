// Runs graphql-http's server audits (GraphQL over HTTP spec conformance)
// against the URL given as the only argument, e.g.
//
//   node audit.mjs http://127.0.0.1:8080/graphql
//
// and prints one JSON line per audit: {"id", "name", "status", "reason"},
// status being "ok", or for a failure "error" (MUST), "warn" (SHOULD) or
// "notice" (MAY). It judges nothing itself: audit_test.go in the
// repository root decides which results fail the build.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs GRAPHQL_URL');
  process.exit(2);
}
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const result = await audit.fn();
  const line = { id: result.id, name: result.name, status: result.status };
  if (result.status !== 'ok') {
    line.reason = result.reason;
  }
  console.log(JSON.stringify(line));
}
