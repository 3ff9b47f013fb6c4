// The @neo4j/graphql contender of the API benchmark (bench/): the graph
// mandategraph loads, served by @neo4j/graphql on graphql-yoga. The
// benchmark harness starts it with the type definitions it writes (the node
// types of bench/peer/nodes.graphql plus @cypher fields holding the same
// Cypher as the floor's), and stops it when done.
//
//   BENCH_TYPEDEFS  file with the type definitions (required)
//   NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD  the Neo4j to read
//   PORT            HTTP port on 127.0.0.1 (0 picks one); the bound
//                   address is printed as "listening on http://..."
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { createYoga } from "graphql-yoga";
import neo4j from "neo4j-driver";

const env = (k, d) => process.env[k] || d;
const typeDefs = readFileSync(env("BENCH_TYPEDEFS"), "utf8");
const driver = neo4j.driver(
  env("NEO4J_URI", "bolt://127.0.0.1:7687"),
  neo4j.auth.basic(env("NEO4J_USER", "neo4j"), env("NEO4J_PASSWORD", "mandategraph")),
);
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const yoga = createYoga({ schema, graphiql: false, logging: false, maskedErrors: false });
const server = createServer(yoga);
server.listen(Number(env("PORT", "0")), "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}/graphql`);
});
const stop = async () => {
  server.close();
  await driver.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
