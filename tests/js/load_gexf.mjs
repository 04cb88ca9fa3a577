// Parse a GEXF file with graphology-gexf (what Sigma.js-based viewers use) and print its size as JSON.
// Usage: node load_gexf.mjs FILE.gexf  ->  {"nodes": N, "edges": M}
// A multigraph, because one ordered pair of entities can carry several relations (one edge each).
import { readFileSync } from "node:fs";
import graphology from "graphology";
import gexf from "graphology-gexf";

const path = process.argv[2];
if (!path) {
  console.error("usage: node load_gexf.mjs FILE.gexf");
  process.exit(2);
}
const graph = gexf.parse(graphology.MultiDirectedGraph, readFileSync(path, "utf-8"));
console.log(JSON.stringify({ nodes: graph.order, edges: graph.size }));
