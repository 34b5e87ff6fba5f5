import { loadKnowledge } from "../src/knowledge/load.ts";
import { generateKnowledge, writeKnowledge } from "./synthetic.ts";
const dir = "/tmp/w5/kb100k";
if (process.argv[2] === "write") {
  const set = generateKnowledge({ facts: 100000, queries: 10, warmup: 0 });
  const t = performance.now();
  writeKnowledge(set.base, dir);
  console.log("write", (performance.now() - t).toFixed(0));
} else {
  const t = performance.now();
  const kb = loadKnowledge(dir);
  console.log("load", (performance.now() - t).toFixed(0), kb.facts.length);
}
