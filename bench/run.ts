/**
 * `npm run bench`: the project's search against MiniSearch and a plain fuse.js index, on
 * synthetic knowledge of 1,000, 10,000 and 100,000 facts, side by side; then start-up to ready
 * with the real knowledge and with 100,000 facts. Prints a table, writes bench/results/latest.json
 * and bench/RESULTS.md.
 *
 * Each engine and size runs in a fresh process (`bench/worker.ts`), pinned to one core with
 * `taskset -c 0` where there is one, so the figures are one core's.
 *
 * Then (issue 15) start-up to ready with no compiled cache (as before), from a cold one and from a
 * warm one, and a reload at the largest size while questions are answered (bench/reload-stall.ts):
 * the event loop's longest stall, the latest answer, memory; before (all on the main thread) and
 * now (loaded in a worker), side by side.
 *
 * Options: --sizes 1000,10000 (default all three), --engines policywatch,minisearch (default
 * all), --no-engines, --no-startup, --no-reload, --baseline <git ref>: the
 * project's engine as it was at that commit, checked out in a temporary worktree and run by its
 * own worker on the same synthetic knowledge and questions, right after today's, so that a
 * change's cost is measured in one run (issue 11 allows p99 at most 20% above the baseline's).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ENGINES, type EngineName } from "./engines.ts";
import type { ReloadMode, ReloadStall } from "./reload-stall.ts";
import { generateKnowledge, writeKnowledge } from "./synthetic.ts";
import type { EngineRun } from "./worker.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const SIZES = [1_000, 10_000, 100_000];
/** fuse.js scans every fact for every question: a sample keeps the run to minutes. */
const FUSE_SAMPLE: Record<number, number> = { 1000: 300, 10000: 60, 100000: 12 };
const REAL_STARTUP_RUNS = 5;
/** Runs of today's engine and of the baseline each, taking turns, with --baseline. */
const ROUNDS = 3;
const TARGETS = {
  facts: 100_000,
  p99Ms: 5,
  buildMs: 2_000,
  heapMB: 150,
  hitAt10: 0.98,
  hitAt1: 0.9,
  realStartupMs: 1_000,
  warmReadyMs: 2_000,
  realWarmReadyMs: 500,
  reloadStallMs: 50,
  reloadLatencyMs: 100,
};
/** No compiled cache (as before issue 15), an emptied one, and the one the cold run left. */
const CACHE_MODES = ["none", "cold", "warm"] as const;
type CacheMode = (typeof CACHE_MODES)[number];
const RELOAD_MODES: ReloadMode[] = ["main", "worker", "load-only"];

interface Startup {
  knowledge: string;
  cache: CacheMode;
  facts: number;
  runs: number;
  /** Median of the runs: from spawning the process to the ready line. */
  readyMs: number;
  importMs: number;
  loadMs: number;
  buildMs: number;
  /** Resident memory and JS heap (with typed arrays' buffers) once ready. */
  rssMB: number;
  heapMB: number;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const sizesArg = args[args.indexOf("--sizes") + 1];
  const sizes = args.includes("--sizes") && sizesArg ? sizesArg.split(",").map(Number) : SIZES;
  const enginesArg = args[args.indexOf("--engines") + 1];
  const engines = args.includes("--no-engines")
    ? []
    : args.includes("--engines") && enginesArg
      ? ENGINES.filter((e) => enginesArg.split(",").includes(e))
      : ENGINES;
  const pinned = spawnSync("taskset", ["-c", "0", "true"]).status === 0;
  const machine = {
    cpus: os.availableParallelism(),
    nproc: spawnSync("nproc", { encoding: "utf8" }).stdout?.trim() || String(os.cpus().length),
    cpu: cpuModel(),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    pinned: pinned ? "taskset -c 0 (one core)" : "not pinned (no taskset)",
    date: new Date().toISOString(),
  };
  log(`machine: ${machine.cpu}, nproc ${machine.nproc}, node ${machine.node}, ${machine.pinned}`);

  const started = performance.now();
  const baselineRef = args.includes("--baseline")
    ? args[args.indexOf("--baseline") + 1]
    : undefined;
  const baseline = baselineRef ? checkOut(baselineRef) : undefined;
  const runs: EngineRun[] = [];
  try {
    for (const size of sizes) {
      for (const engine of engines) {
        const sample = engine === "fuse" ? (FUSE_SAMPLE[size] ?? 12) : undefined;
        log(
          `${engine} at ${size.toLocaleString("en-US")} facts${sample ? ` (${sample} questions)` : ""}…`,
        );
        if (engine !== "policywatch" || !baseline) {
          runs.push(runWorker(engine, size, sample, pinned));
          continue;
        }
        // Today's engine and the baseline take turns, ROUNDS times each, so that both meet the
        // same machine; each keeps its median run (by p99).
        const ours: EngineRun[] = [];
        const before: EngineRun[] = [];
        for (let round = 1; round <= ROUNDS; round++) {
          log(`  round ${round}: today's, then as of ${baseline.ref}…`);
          ours.push(runWorker(engine, size, undefined, pinned));
          before.push(runWorker(engine, size, undefined, pinned, baseline.dir));
        }
        runs.push(median(ours), {
          ...median(before),
          engine: `policywatch@${baseline.ref}` as EngineName,
        });
      }
    }
  } finally {
    if (baseline) removeCheckout(baseline.dir);
  }

  const startups: Startup[] = [];
  const reloads: ReloadStall[] = [];
  const size = Math.max(...sizes);
  const dir = path.join(os.tmpdir(), `policywatch-bench-${size}`);
  if (!args.includes("--no-startup") || !args.includes("--no-reload")) {
    log(`writing ${size.toLocaleString("en-US")} synthetic facts to ${dir}…`);
    rmSync(dir, { recursive: true, force: true });
    writeKnowledge(generateKnowledge({ facts: size, queries: 0, warmup: 0 }).base, dir);
  }
  if (!args.includes("--no-startup")) {
    const cacheDir = path.join(os.tmpdir(), `policywatch-bench-cache-${process.pid}`);
    try {
      for (const cache of CACHE_MODES) {
        log(`start-up with the real knowledge, compiled cache: ${cache}…`);
        startups.push(
          await startup("real (knowledge/)", undefined, REAL_STARTUP_RUNS, pinned, cache, cacheDir),
        );
      }
      for (const cache of CACHE_MODES) {
        log(
          `start-up with ${size.toLocaleString("en-US")} synthetic facts, compiled cache: ${cache}…`,
        );
        const label = `synthetic ${size.toLocaleString("en-US")}`;
        startups.push(await startup(label, dir, 1, pinned, cache, cacheDir));
      }
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }
  if (!args.includes("--no-reload")) {
    for (const mode of RELOAD_MODES) {
      log(`a reload at ${size.toLocaleString("en-US")} facts while questions come (${mode})…`);
      reloads.push(reloadStall(dir, mode, pinned));
    }
  }

  const results = {
    machine,
    totalSeconds: (performance.now() - started) / 1000,
    runs,
    startups,
    reloads,
    targets: targetChecks(runs, startups, reloads),
  };
  mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
  writeFileSync(
    path.join(ROOT, "bench/results/latest.json"),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  const report = markdown(results);
  writeFileSync(path.join(ROOT, "bench/RESULTS.md"), report);
  console.log(`\n${report}`);
  log(
    `wrote bench/results/latest.json and bench/RESULTS.md in ${results.totalSeconds.toFixed(0)} s`,
  );
}

/** The run with the median p99 (runs of one engine on one size). */
function median(runs: EngineRun[]): EngineRun {
  const sorted = [...runs].sort((a, b) => a.p99Ms - b.p99Ms);
  return sorted[Math.floor(sorted.length / 2)] as EngineRun;
}

/** A temporary worktree of `ref`, sharing this checkout's node_modules. */
function checkOut(ref: string): { ref: string; dir: string } {
  const dir = path.join(os.tmpdir(), `policywatch-baseline-${process.pid}`);
  const added = spawnSync("git", ["worktree", "add", "--detach", dir, ref], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (added.status !== 0) throw new Error(`--baseline ${ref}: ${added.stderr.trim()}`);
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  return { ref, dir };
}

function removeCheckout(dir: string): void {
  spawnSync("git", ["worktree", "remove", "--force", dir], { cwd: ROOT });
}

function runWorker(
  engine: EngineName,
  size: number,
  sample: number | undefined,
  pinned: boolean,
  cwd = ROOT,
): EngineRun {
  const command = [
    process.execPath,
    "--expose-gc",
    "--import",
    "tsx",
    "bench/worker.ts",
    engine,
    String(size),
    ...(sample ? [String(sample)] : []),
  ];
  const [file = "", ...rest] = pinned ? ["taskset", "-c", "0", ...command] : command;
  const child = spawnSync(file, rest, {
    cwd,
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
    timeout: 8 * 60_000,
  });
  const line = child.stdout?.trim().split("\n").pop();
  if (child.status !== 0 || !line) {
    throw new Error(`${engine} at ${size} failed (${child.status}): ${child.stderr}`);
  }
  return JSON.parse(line) as EngineRun;
}

/** Spawns bench/ready.ts and times it from spawn to its ready line; median of `runs`. */
async function startup(
  label: string,
  dir: string | undefined,
  runs: number,
  pinned: boolean,
  cache: CacheMode,
  cacheDir: string,
): Promise<Startup> {
  const measured: (Omit<Startup, "knowledge" | "runs" | "cache"> & { sinceStartMs: number })[] = [];
  // A warm run follows the cold one, which filled the cache.
  if (cache === "warm") await startup(label, dir, 1, pinned, "cold", cacheDir);
  for (let i = 0; i < runs; i++) {
    if (cache === "cold") rmSync(cacheDir, { recursive: true, force: true });
    const command = [
      process.execPath,
      "--import",
      "tsx",
      "bench/ready.ts",
      ...(dir ? [dir] : []),
      ...(cache === "none" ? ["--no-cache"] : ["--cache", cacheDir]),
    ];
    const [file = "", ...rest] = pinned ? ["taskset", "-c", "0", ...command] : command;
    const spawnedAt = performance.now();
    const { line, readyAt } = await new Promise<{ line: string; readyAt: number }>(
      (resolve, reject) => {
        const child = spawn(file, rest, { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
        let out = "";
        let readyAt = 0;
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          if (!readyAt && out.includes('"ready"')) readyAt = performance.now();
        });
        child.on("error", reject);
        child.on("close", (code) =>
          code === 0 && readyAt
            ? resolve({ line: out.trim().split("\n").pop() ?? "", readyAt })
            : reject(new Error(`bench/ready.ts exited with ${code}`)),
        );
      },
    );
    const child = JSON.parse(line) as Omit<Startup, "knowledge" | "runs" | "readyMs" | "cache"> & {
      sinceStartMs: number;
    };
    measured.push({ ...child, readyMs: readyAt - spawnedAt });
  }
  const median = <K extends keyof (typeof measured)[number]>(key: K) => {
    const values = measured.map((m) => m[key] as number).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)] ?? 0;
  };
  return {
    knowledge: label,
    cache,
    facts: measured[0]?.facts ?? 0,
    runs,
    readyMs: median("readyMs"),
    importMs: median("importMs"),
    loadMs: median("loadMs"),
    buildMs: median("buildMs"),
    rssMB: median("rssMB"),
    heapMB: median("heapMB"),
  };
}

/** bench/reload-stall.ts in a fresh process, pinned like the rest. */
function reloadStall(dir: string, mode: ReloadMode, pinned: boolean): ReloadStall {
  const command = [process.execPath, "--import", "tsx", "bench/reload-stall.ts", dir, mode];
  const [file = "", ...rest] = pinned ? ["taskset", "-c", "0", ...command] : command;
  const child = spawnSync(file, rest, { cwd: ROOT, encoding: "utf8", timeout: 10 * 60_000 });
  const line = child.stdout?.trim().split("\n").pop();
  if (child.status !== 0 || !line) throw new Error(`reload (${mode}) failed: ${child.stderr}`);
  return JSON.parse(line) as ReloadStall;
}

interface TargetCheck {
  target: string;
  value: string;
  met: boolean;
}

function targetChecks(
  runs: EngineRun[],
  startups: Startup[],
  reloads: ReloadStall[],
): TargetCheck[] {
  const ours = runs.find((r) => r.engine === "policywatch" && r.facts === TARGETS.facts);
  const mini = runs.find((r) => r.engine === "minisearch" && r.facts === TARGETS.facts);
  const before = runs.find((r) => r.engine.startsWith("policywatch@") && r.facts === TARGETS.facts);
  const checks: TargetCheck[] = [];
  if (ours && before) {
    checks.push({
      target: `p99 ≤ 1.2 × ${before.engine}'s`,
      value: `${ours.p99Ms.toFixed(2)} ms vs ${before.p99Ms.toFixed(2)} ms (×${(ours.p99Ms / before.p99Ms).toFixed(2)})`,
      met: ours.p99Ms <= before.p99Ms * 1.2,
    });
  }
  if (ours) {
    const ms = (x: number) => `${x.toFixed(2)} ms`;
    checks.push(
      { target: "p99 ≤ 5 ms", value: ms(ours.p99Ms), met: ours.p99Ms <= TARGETS.p99Ms },
      {
        target: "build ≤ 2 s",
        value: `${(ours.buildMs / 1000).toFixed(2)} s`,
        met: ours.buildMs <= TARGETS.buildMs,
      },
      {
        target: "index heap ≤ 150 MB",
        value: `${ours.heapMB.toFixed(0)} MB`,
        met: ours.heapMB <= TARGETS.heapMB,
      },
      {
        target: "hit@10 ≥ 0.98",
        value: ours.hitAt10.toFixed(3),
        met: ours.hitAt10 >= TARGETS.hitAt10,
      },
      { target: "hit@1 ≥ 0.9", value: ours.hitAt1.toFixed(3), met: ours.hitAt1 >= TARGETS.hitAt1 },
    );
    if (mini) {
      checks.push(
        {
          target: "p99 below MiniSearch's",
          value: `${ms(ours.p99Ms)} vs ${ms(mini.p99Ms)}`,
          met: ours.p99Ms < mini.p99Ms,
        },
        {
          target: "hit@1 and hit@10 at least MiniSearch's",
          value: `${ours.hitAt1.toFixed(3)}/${ours.hitAt10.toFixed(3)} vs ${mini.hitAt1.toFixed(3)}/${mini.hitAt10.toFixed(3)}`,
          met: ours.hitAt1 >= mini.hitAt1 && ours.hitAt10 >= mini.hitAt10,
        },
      );
    }
  }
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const real = startups.find((s) => s.knowledge.startsWith("real") && s.cache === "warm");
  if (real) {
    checks.push(
      {
        target: "start-up with the real knowledge ≤ 1 s",
        value: seconds(real.readyMs),
        met: real.readyMs <= TARGETS.realStartupMs,
      },
      {
        target: "ready from a warm cache, real knowledge, ≤ 0.5 s",
        value: seconds(real.readyMs),
        met: real.readyMs <= TARGETS.realWarmReadyMs,
      },
    );
  }
  const large = startups.find((s) => !s.knowledge.startsWith("real") && s.cache === "warm");
  if (large) {
    checks.push({
      target: `ready from a warm cache, ${large.facts.toLocaleString("en-US")} facts, ≤ 2 s`,
      value: seconds(large.readyMs),
      met: large.readyMs <= TARGETS.warmReadyMs,
    });
  }
  const reload = reloads.find((r) => r.mode === "worker");
  if (reload) {
    const at = `${reload.facts.toLocaleString("en-US")} facts`;
    checks.push(
      {
        target: `reload at ${at}: no event-loop stall over 50 ms`,
        value: `${reload.maxStallMs.toFixed(0)} ms`,
        met: reload.maxStallMs <= TARGETS.reloadStallMs,
      },
      {
        target: `reload at ${at}: no question answered later than 100 ms`,
        value: `${reload.maxLatencyMs.toFixed(0)} ms`,
        met: reload.maxLatencyMs <= TARGETS.reloadLatencyMs,
      },
    );
  }
  return checks;
}

function markdown(results: {
  machine: Record<string, string | number>;
  totalSeconds: number;
  runs: EngineRun[];
  startups: Startup[];
  reloads: ReloadStall[];
  targets: TargetCheck[];
}): string {
  const { machine, runs, startups, reloads, targets } = results;
  const lines: string[] = [];
  lines.push("# Search benchmark", "");
  lines.push(
    `Machine: ${machine.cpu}, \`nproc\` ${machine.nproc}, Node ${machine.node}, ${machine.platform}; ${machine.pinned}. Run ${String(machine.date).slice(0, 10)}, ${results.totalSeconds.toFixed(0)} s in all (\`npm run bench\`).`,
    "",
  );
  lines.push(
    "| facts | engine | build | heap | p50 | p99 | max | hit@1 | hit@10 | typo hit@10 | off-topic + near misses declined | answerable declined | questions |",
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  );
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  for (const r of runs) {
    lines.push(
      `| ${r.facts.toLocaleString("en-US")} | ${r.engine} | ${(r.buildMs / 1000).toFixed(2)} s | ${r.heapMB.toFixed(0)} MB | ${ms(r.p50Ms)} ms | ${ms(r.p99Ms)} ms | ${ms(r.maxMs)} ms | ${r.hitAt1.toFixed(3)} | ${r.hitAt10.toFixed(3)} | ${r.typoHitAt10.toFixed(3)} | ${pct(r.abstention)} | ${pct(r.falseAbstention)} | ${r.questions} |`,
    );
  }
  lines.push("");
  const sizes = [...new Set(runs.map((r) => r.facts))];
  for (const size of sizes) {
    const r = runs.find((x) => x.facts === size);
    if (!r) continue;
    const k = r.knowledge;
    lines.push(
      `- ${size.toLocaleString("en-US")} facts: ${k.sources} sources, ${k.entities.toLocaleString("en-US")} entities with ${k.aliases.toLocaleString("en-US")} aliases, ${k.topics} topics, ${k.distinctWords.toLocaleString("en-US")} distinct words, ${pct(k.datedFacts / k.facts)} dated; ${r.mix.questions} questions: ${pct(r.mix.offTopic / r.mix.questions)} off-topic, ${pct(r.mix.typo / r.mix.questions)} with a typo, ${r.mix.abbreviation} by abbreviation.`,
    );
  }
  lines.push(
    "",
    "Build: index construction (for policywatch, `buildKnowledge`, warm-up query included). Heap: memory in use (JS heap + typed arrays' buffers) after full GCs, after the build minus before it. Latency: per question after warm-up with 300 other questions (3 for fuse.js). hit@k: a right fact (one holding everything the question asks) among the first k, over answerable questions. Declined: policywatch when /ask's decision (`rankAnswers`: question analysis, coverage, focus, names and answer type) finds no fact that answers, the others when they return nothing. fuse.js runs on a sample of the questions.",
    "",
  );
  if (startups.length > 0) {
    lines.push(
      "## Start-up to ready",
      "",
      "| knowledge | facts | compiled cache | ready | node + imports | load | build + warm | RSS | heap | runs |",
      "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    );
    const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    for (const s of startups) {
      lines.push(
        `| ${s.knowledge} | ${s.facts.toLocaleString("en-US")} | ${s.cache === "none" ? "none (as before)" : s.cache} | ${seconds(s.readyMs)} | ${seconds(s.importMs)} | ${seconds(s.loadMs)} | ${seconds(s.buildMs)} | ${s.rssMB.toFixed(0)} MB | ${s.heapMB.toFixed(0)} MB | ${s.runs} (median) |`,
      );
    }
    lines.push(
      "",
      "Ready: from spawning `node --import tsx bench/ready.ts` to its ready line (knowledge loaded and validated, index built and warmed). Compiled cache: none, YAML parsed and validated as before; cold, an empty cache filled on the way; warm, the cache a cold run left. RSS and heap (with typed arrays' buffers) once ready.",
      "",
    );
  }
  if (reloads.length > 0) {
    const names: Record<ReloadMode, string> = {
      main: "before: load and index on the main thread",
      worker: "now: load in a worker, index on the main thread",
      "load-only": "the worker's load alone (no index)",
    };
    lines.push(
      "## A reload while questions are answered",
      "",
      "| reload | facts | reload time | longest stall | stall p99 | latest answer | answer p99 | questions | RSS before → peak |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    );
    for (const r of reloads) {
      lines.push(
        `| ${names[r.mode]} | ${r.facts.toLocaleString("en-US")} | ${(r.reloadMs / 1000).toFixed(2)} s | ${r.maxStallMs.toFixed(0)} ms | ${r.p99StallMs.toFixed(0)} ms | ${r.maxLatencyMs.toFixed(0)} ms | ${r.p99LatencyMs.toFixed(0)} ms | ${r.questions} | ${r.rssBeforeMB.toFixed(0)} → ${r.rssPeakMB.toFixed(0)} MB |`,
      );
    }
    lines.push(
      "",
      "`bench/reload-stall.ts`: one source's facts.yaml edited, then reloaded while `/ask` is asked every 10 ms. Longest stall: perf_hooks' monitorEventLoopDelay (1 ms resolution). Latest answer: from when the question was due, so a stall counts in full.",
      "",
    );
  }
  if (targets.length > 0) {
    lines.push(
      "## Targets (100,000 facts, one core)",
      "",
      "| target | measured | met |",
      "|---|---|---|",
    );
    for (const t of targets) lines.push(`| ${t.target} | ${t.value} | ${t.met ? "yes" : "no"} |`);
    lines.push("");
  }
  return lines.join("\n");
}

function cpuModel(): string {
  try {
    const info = readFileSync("/proc/cpuinfo", "utf8");
    return info.match(/^model name\s*:\s*(.+)$/m)?.[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown";
  } catch {
    return os.cpus()[0]?.model ?? "unknown";
  }
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

await main();
