import { buildKnowledge } from "../src/knowledge/knowledge.ts";
import { generateKnowledge } from "./synthetic.ts";
const set = generateKnowledge({ facts: Number(process.argv[2] ?? 100000), queries: 10, warmup: 0 });
const t = performance.now(); const c = process.cpuUsage();
buildKnowledge(set.base);
const cpu = process.cpuUsage(c);
console.log("build wall", (performance.now() - t).toFixed(0), "cpu", ((cpu.user + cpu.system) / 1000).toFixed(0));
