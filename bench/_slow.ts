import { buildKnowledge } from "../src/knowledge/knowledge.ts";
import { generateKnowledge } from "./synthetic.ts";

const set = generateKnowledge({ facts: 100000 });
const k = buildKnowledge(set.base);
for (const q of set.warmup) k.search.search(q.q);
const times: [number, string, number][] = [];
for (const q of set.queries) {
  const t = performance.now();
  const r = k.search.search(q.q);
  times.push([performance.now() - t, q.q, r.hits.length]);
}
times.sort((a, b) => b[0] - a[0]);
for (const [t, q] of times.slice(0, 25)) console.log(t.toFixed(2), q);
// re-time the slow ones
console.log("again:");
for (const [, q] of times.slice(0, 10)) {
  const t = performance.now();
  for (let i = 0; i < 5; i++) k.search.search(q);
  console.log(((performance.now() - t) / 5).toFixed(2), q);
}
