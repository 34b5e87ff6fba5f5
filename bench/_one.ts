import { buildKnowledge } from "../src/knowledge/knowledge.ts";
import { generateKnowledge } from "./synthetic.ts";

const set = generateKnowledge({ facts: 100000, queries: 10, warmup: 50 });
const k = buildKnowledge(set.base);
for (const q of set.warmup) k.search.search(q.q);
const q = process.argv[2] ?? "";
const t = performance.now();
for (let i = 0; i < 200; i++) k.search.search(q);
console.log(((performance.now() - t) / 200).toFixed(2), "ms");
