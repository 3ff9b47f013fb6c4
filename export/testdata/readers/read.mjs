// Imports a graphology serialization with graphology itself (Graph.from)
// and prints what the graph holds, each attribute tagged with its
// JavaScript type:  node read.mjs FILE
import { readFileSync } from 'node:fs';
import Graph from 'graphology';

const data = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const g = Graph.from(data);
const tag = (v) => ({ t: Array.isArray(v) ? 'array' : typeof v, v });
const tagAll = (attrs) => Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, tag(v)]));
const nodes = {};
g.forEachNode((key, attrs) => { nodes[key] = tagAll(attrs); });
const edges = [];
g.forEachEdge((key, attrs, source, target) => { edges.push({ id: key, source, target, attrs: tagAll(attrs) }); });
process.stdout.write(JSON.stringify({ type: g.type, multi: g.multi, order: g.order, size: g.size, nodes, edges }));
