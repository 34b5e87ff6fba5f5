/**
 * One measurement, in a fresh process so engines do not share heap or JIT state:
 *   node --expose-gc --import tsx bench/worker.ts <engine> <facts> [questions]
 * Generates the synthetic knowledge, builds the engine, warms it up, times every question and
 * scores the answers. Prints one JSON line (an EngineRun).
 */
import os from "node:os";
import { buildEngine, ENGINES, type EngineName } from "./engines.ts";
import { type BenchQuery, generateKnowledge, type SyntheticKnowledge } from "./synthetic.ts";

export interface EngineRun {
  engine: EngineName;
  facts: number;
  entities: number;
  knowledge: SyntheticKnowledge["stats"];
  /** The whole question set's mix (before any sampling). */
  mix: { questions: number; offTopic: number; typo: number; abbreviation: number };
  /** Questions measured (a sample for the slow baseline). */
  questions: number;
  answerable: number;
  offTopic: number;
  buildMs: number;
  /** CPU time of the build: unlike wall time, not inflated by other processes on the core. */
  buildCpuMs: number;
  /** Memory held by the engine (heap + typed arrays): after build minus before, after full GCs. */
  heapMB: number;
  /** Whole heap after build, the knowledge itself included. */
  totalHeapMB: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  /** The same percentiles in CPU time (process.cpuUsage, 1 µs resolution). */
  cpuP50Ms: number;
  cpuP99Ms: number;
  /** Load average (1 min) before and after: a busy machine makes wall times meaningless. */
  loadAverage: [number, number];
  hitAt1: number;
  hitAt10: number;
  typoHitAt1: number;
  typoHitAt10: number;
  abbreviationHitAt10: number;
  /** Share of off-topic questions declined. */
  abstention: number;
  /** Share of answerable questions declined. */
  falseAbstention: number;
  /** Share of answerable questions answered, with a right fact first. */
  answeredRight: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Memory in use after full collections: the JS heap plus typed arrays' buffers (which live
 * outside it). Some garbage (the module loader's) is only released a little after start-up,
 * so wait for the figure to settle.
 */
async function heapMB(): Promise<number> {
  let last = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 40));
    gc?.();
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    const now = (heapUsed + arrayBuffers) / 2 ** 20;
    if (i >= 6 && Math.abs(now - last) < 0.2) return now;
    last = now;
  }
  return last;
}

export function sample<T>(items: T[], count: number | undefined): T[] {
  if (!count || count >= items.length) return items;
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)] as T);
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function share(items: BenchQuery[], test: (q: BenchQuery) => boolean): number {
  return items.length === 0 ? 0 : items.filter(test).length / items.length;
}

async function main(): Promise<void> {
  const [engineArg = "", factsArg = "", questionsArg] = process.argv.slice(2);
  const engine = ENGINES.find((e) => e === engineArg);
  if (!engine) throw new Error(`engine must be one of ${ENGINES.join(", ")}`);
  if (!gc) throw new Error("run with node --expose-gc");
  const facts = Number(factsArg);
  const set = generateKnowledge({ facts });
  const queries = sample(set.queries, questionsArg ? Number(questionsArg) : undefined);
  const warmup = engine === "fuse" ? set.warmup.slice(0, 3) : set.warmup;

  const loadBefore = os.loadavg()[0] ?? 0;
  const heapBefore = await heapMB();
  const start = performance.now();
  const startCpu = process.cpuUsage();
  const built = buildEngine(engine, set.base);
  const buildMs = performance.now() - start;
  const buildCpuMs = cpuMs(startCpu);
  const heapAfter = await heapMB();

  for (const q of warmup) built.search(q.q);

  const latencies: number[] = [];
  const cpuLatencies: number[] = [];
  const answers = new Map<BenchQuery, { ids: string[]; abstained: boolean }>();
  for (const q of queries) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const answer = built.search(q.q);
    latencies.push(performance.now() - t);
    cpuLatencies.push(cpuMs(cpu));
    answers.set(q, answer);
  }
  latencies.sort((a, b) => a - b);
  cpuLatencies.sort((a, b) => a - b);

  const answerable = queries.filter((q) => !q.offTopic);
  const offTopic = queries.filter((q) => q.offTopic);
  const rankOf = (q: BenchQuery) => {
    const i = answers.get(q)?.ids.findIndex((id) => q.answers.has(id)) ?? -1;
    return i < 0 ? Number.POSITIVE_INFINITY : i + 1;
  };
  const typo = answerable.filter((q) => q.typo);
  const run: EngineRun = {
    engine,
    facts,
    entities: set.stats.entities,
    knowledge: set.stats,
    mix: {
      questions: set.queries.length,
      offTopic: set.queries.filter((q) => q.offTopic).length,
      typo: set.queries.filter((q) => q.typo).length,
      abbreviation: set.queries.filter((q) => q.abbreviation).length,
    },
    questions: queries.length,
    answerable: answerable.length,
    offTopic: offTopic.length,
    buildMs,
    buildCpuMs,
    heapMB: heapAfter - heapBefore,
    totalHeapMB: heapAfter,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1] ?? 0,
    meanMs: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    cpuP50Ms: percentile(cpuLatencies, 50),
    cpuP99Ms: percentile(cpuLatencies, 99),
    loadAverage: [loadBefore, os.loadavg()[0] ?? 0],
    hitAt1: share(answerable, (q) => rankOf(q) === 1),
    hitAt10: share(answerable, (q) => rankOf(q) <= 10),
    typoHitAt1: share(typo, (q) => rankOf(q) === 1),
    typoHitAt10: share(typo, (q) => rankOf(q) <= 10),
    abbreviationHitAt10: share(
      answerable.filter((q) => q.abbreviation),
      (q) => rankOf(q) <= 10,
    ),
    abstention: share(offTopic, (q) => answers.get(q)?.abstained ?? false),
    falseAbstention: share(answerable, (q) => answers.get(q)?.abstained ?? false),
    answeredRight: share(answerable, (q) => rankOf(q) === 1 && !answers.get(q)?.abstained),
  };
  if (process.env.BENCH_MISSES) {
    for (const q of answerable.filter((x) => rankOf(x) > Number(process.env.BENCH_MISSES))) {
      console.error(
        `MISS ${JSON.stringify(q.q)} ${q.shape} typo=${q.typo} answers=${[...q.answers].slice(0, 3).join(",")} got=${answers.get(q)?.ids.slice(0, 3).join(",")}`,
      );
    }
  }
  console.log(JSON.stringify(run));
}

await main();
