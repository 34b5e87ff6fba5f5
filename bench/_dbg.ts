import { buildKnowledge } from "../src/knowledge/knowledge.ts";
import { stem } from "../src/search/text.ts";
import { generateKnowledge } from "./synthetic.ts";

const set = generateKnowledge({ facts: 100000, queries: 10, warmup: 0 });
const k = buildKnowledge(set.base);
const voc = (k.search as any).vocabulary;
for (const q of process.argv.slice(2)) {
  const r = k.search.search(q);
  console.log(
    q,
    "| mentions",
    r.mentions.map((m) => `${m.entity.name}${m.exact ? "" : "~"}`).join(","),
    "| unknown",
    r.unknownWords.join(","),
  );
  for (const w of q.toLowerCase().replace("?", "").split(" "))
    console.log("   ", w, stem(w), voc.has(stem(w)), voc.correct(stem(w)), voc.correct(w));
  for (const h of r.hits.slice(0, 2))
    console.log("   ", h.coverage.toFixed(2), h.fact.id, h.fact.text.slice(0, 100));
}
