/**
 * A reload while questions keep coming (issue 15), in a fresh process:
 *   node --import tsx bench/reload-stall.ts <knowledge dir> <worker|main|load-only>
 * The knowledge is loaded and indexed, then one source's facts.yaml is edited (as an ingest or a
 * curator would) and the knowledge reloaded while /ask is asked every QUESTION_EVERY_MS. Prints
 * one JSON line (a ReloadStall): the event loop's longest stall (perf_hooks'
 * monitorEventLoopDelay), how late the latest question was answered (counted from when it was
 * due, so a stall is not hidden by the questions it kept from being asked), and memory.
 *
 * - worker: the reloader as it is (load in a worker thread through the compiled cache, index on
 *   the main thread);
 * - main: as it was before issue 15 (load and validate every file, then index, on the main thread);
 * - load-only: the worker's load alone, without the index: what a reload would cost if the
 *   index were built off the main thread too.
 */
import { appendFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { commands } from "../commands/index.ts";
import { Bot } from "../src/bot.ts";
import { consoleOrigin } from "../src/core/command.ts";
import { silentLogger } from "../src/core/logger.ts";
import { buildKnowledge } from "../src/knowledge/knowledge.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { KnowledgeReloader } from "../src/knowledge/reload.ts";
import { loadInWorker } from "../src/knowledge/reload-worker.ts";

export type ReloadMode = "worker" | "main" | "load-only";

export interface ReloadStall {
  mode: ReloadMode;
  facts: number;
  reloadMs: number;
  /** The event loop's longest stall during the reload (monitorEventLoopDelay, 1 ms resolution). */
  maxStallMs: number;
  p99StallMs: number;
  /** Questions answered while the reload ran, and the latest of them, counted from when due. */
  questions: number;
  maxLatencyMs: number;
  p99LatencyMs: number;
  /** Resident memory before the reload, and at its highest during it. */
  rssBeforeMB: number;
  rssPeakMB: number;
}

const QUESTION_EVERY_MS = 10;
const QUESTIONS = [
  "who fired at the airport",
  "when did the talks start",
  "what did the militia say about the border",
  "how many drones were launched",
];

const mb = (bytes: number) => bytes / 2 ** 20;

async function main(): Promise<void> {
  const [dir = "", mode = "worker"] = process.argv.slice(2);
  if (!["worker", "main", "load-only"].includes(mode)) throw new Error(`unknown mode ${mode}`);
  const bot = new Bot(buildKnowledge(loadKnowledge(dir)), silentLogger, commands);
  for (let i = 0; i < 50; i++) await ask(bot, i);
  // An edit to one source: the compiled cache has every other file.
  const first = readdirSync(path.join(dir, "sources")).sort()[0] ?? "";
  appendFileSync(path.join(dir, "sources", first, "facts.yaml"), `\n# edited ${Date.now()}\n`);

  const reload = (): Promise<unknown> => {
    if (mode === "load-only") return loadInWorker(dir);
    const reloader = new KnowledgeReloader(bot, {
      dir,
      log: silentLogger,
      watch: false,
      ...(mode === "main" ? { build: buildOnMainThread } : {}),
    });
    return reloader.reload("bench");
  };

  const latencies: number[] = [];
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const started = performance.now();
  let due = started;
  let asked = 0;
  const answering: Promise<void>[] = [];
  const tick = () => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    // Every question due by now, each timed from when it was due.
    for (const now = performance.now(); due <= now; due += QUESTION_EVERY_MS) {
      const at = due;
      answering.push(ask(bot, asked++).then(() => void latencies.push(performance.now() - at)));
    }
  };
  const stream = setInterval(tick, QUESTION_EVERY_MS);
  delay.enable();
  const outcome = await reload();
  const reloadMs = performance.now() - started;
  // A stall at the very end is seen by the timers only once they run again.
  await new Promise((resolve) => setTimeout(resolve, 2 * QUESTION_EVERY_MS));
  delay.disable();
  clearInterval(stream);
  tick();
  await Promise.all(answering);
  if (mode !== "load-only" && !(outcome as { ok: boolean }).ok)
    throw new Error(`the reload failed: ${JSON.stringify(outcome)}`);

  latencies.sort((a, b) => a - b);
  const result: ReloadStall = {
    mode: mode as ReloadMode,
    facts: bot.knowledge.base.facts.length,
    reloadMs,
    maxStallMs: delay.max / 1e6,
    p99StallMs: delay.percentile(99) / 1e6,
    questions: latencies.length,
    maxLatencyMs: latencies[latencies.length - 1] ?? 0,
    p99LatencyMs: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
    rssBeforeMB: mb(rssBefore),
    rssPeakMB: mb(rssPeak),
  };
  console.log(JSON.stringify(result));
  process.exit(0);
}

function ask(bot: Bot, i: number) {
  return bot.router.runText(`/ask ${QUESTIONS[i % QUESTIONS.length]}`, consoleOrigin);
}

/** The reload before issue 15: load (no compiled cache) and index on the main thread. */
async function buildOnMainThread(dir: string) {
  const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));
  await yieldToRequests();
  const base = loadKnowledge(dir, { cache: false });
  await yieldToRequests();
  return buildKnowledge(base);
}

await main();
