/**
 * Start-up to ready, as the bot does it: load knowledge/ (or another folder), build the index,
 * warm it. Run as a fresh process: `node --import tsx bench/ready.ts [dir] [--cache <folder> |
 * --no-cache]` (default: the project's compiled cache). Prints one JSON line; `sinceStartMs`
 * counts from the process's start (node, tsx and imports included); memory is read once ready.
 */
import { CompiledCache } from "../src/knowledge/compiled-cache.ts";
import { buildKnowledge } from "../src/knowledge/knowledge.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";

const importedAt = performance.now();
const args = process.argv.slice(2);
const cacheAt = args.indexOf("--cache");
const cache = args.includes("--no-cache")
  ? false
  : cacheAt >= 0
    ? new CompiledCache(args[cacheAt + 1])
    : undefined;
const dir = args[0]?.startsWith("--") ? undefined : args[0];
const base = loadKnowledge(dir, cache === undefined ? {} : { cache });
const loadedAt = performance.now();
const knowledge = buildKnowledge(base);
const readyAt = performance.now();
const memory = process.memoryUsage();
console.log(
  JSON.stringify({
    ready: true,
    facts: knowledge.base.facts.length,
    importMs: importedAt,
    loadMs: loadedAt - importedAt,
    buildMs: readyAt - loadedAt,
    sinceStartMs: readyAt,
    rssMB: memory.rss / 2 ** 20,
    heapMB: (memory.heapUsed + memory.arrayBuffers) / 2 ** 20,
  }),
);
