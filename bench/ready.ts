/**
 * Start-up to ready, as the bot does it: load knowledge/ (or another folder), build the index,
 * warm it. Run as a fresh process: `node --import tsx bench/ready.ts [dir]`. Prints one JSON
 * line; `sinceStartMs` counts from the process's start (node, tsx and imports included).
 */
import { buildKnowledge } from "../src/knowledge/knowledge.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";

const importedAt = performance.now();
const base = loadKnowledge(process.argv[2]);
const loadedAt = performance.now();
const knowledge = buildKnowledge(base);
const readyAt = performance.now();
console.log(
  JSON.stringify({
    ready: true,
    facts: knowledge.base.facts.length,
    importMs: importedAt,
    loadMs: loadedAt - importedAt,
    buildMs: readyAt - loadedAt,
    sinceStartMs: readyAt,
  }),
);
