/**
 * Reloads load in a worker thread (src/knowledge/reload-worker.ts): the main thread keeps
 * answering, on the knowledge serving, while the next one is read and validated; what arrives
 * is what loadKnowledge gives; an invalid knowledge is refused with the same messages.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKnowledge, writeKnowledge } from "../../bench/synthetic.ts";
import { commands } from "../../commands/index.ts";
import { Bot } from "../../src/bot.ts";
import { consoleOrigin } from "../../src/core/command.ts";
import type { Reply } from "../../src/core/reply.ts";
import { buildKnowledge } from "../../src/knowledge/knowledge.ts";
import { KnowledgeError, loadKnowledge } from "../../src/knowledge/load.ts";
import { KnowledgeReloader } from "../../src/knowledge/reload.ts";
import { loadInWorker } from "../../src/knowledge/reload-worker.ts";
import type { KnowledgeBase } from "../../src/knowledge/types.ts";
import { recordingLogger } from "../support/knowledge.ts";

/** Enough facts that loading them without a cache takes about a second on the worker. */
const FACTS = 4000;
let dir: string;
let bot: Bot;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "policywatch-reload-worker-"));
  writeKnowledge(generateKnowledge({ facts: FACTS, queries: 0, warmup: 0 }).base, dir);
  bot = new Bot(buildKnowledge(loadKnowledge(dir, { cache: false })), recordingLogger(), commands);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const content = ({ loadedAt, ...rest }: KnowledgeBase) => rest;

/** Asks a question every few milliseconds until `work` settles; returns when each was answered. */
async function askWhile<T>(
  work: Promise<T>,
): Promise<{ result: T; answers: Reply[]; at: number[] }> {
  const answers: Reply[] = [];
  const at: number[] = [];
  let done = false;
  const asking = (async () => {
    while (!done) {
      answers.push(await bot.router.runText("/ask who fired at the airport", consoleOrigin));
      at.push(performance.now());
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  try {
    return { result: await work, answers, at };
  } finally {
    done = true;
    await asking;
  }
}

describe("loading in a worker thread", () => {
  it("GIVEN a load under way THEN questions keep being answered, and the load is loadKnowledge's", async () => {
    const started = performance.now();
    const { result, answers, at } = await askWhile(loadInWorker(dir, { cacheDir: false }));
    const tookMs = performance.now() - started;
    expect(content(result)).toStrictEqual(content(loadKnowledge(dir, { cache: false })));
    expect(answers.every((a) => a.kind === "answer" || a.kind === "abstain")).toBe(true);
    // Answered all along, not once at the end: a load on the main thread would leave one gap
    // as long as itself.
    expect(answers.length).toBeGreaterThan(10);
    const gaps = at.map((t, i) => t - (at[i - 1] ?? started));
    expect(Math.max(...gaps)).toBeLessThan(Math.max(250, tookMs / 3));
  }, 30_000);

  it("GIVEN an invalid knowledge THEN the worker refuses it, naming file, entry and field", async () => {
    const factsFile = path.join(dir, "sources", "src-0001", "facts.yaml");
    const original = readFileSync(factsFile, "utf8");
    try {
      writeFileSync(factsFile, original.replace('"quote": "', '"quote": "NOT IN THE SOURCE '));
      const refused = await loadInWorker(dir, { cacheDir: false }).catch((error) => error);
      expect(refused).toBeInstanceOf(KnowledgeError);
      expect((refused as KnowledgeError).problems[0]).toMatch(
        /facts\.yaml: fact "[\w-]+", field "quote": not found verbatim/,
      );
    } finally {
      writeFileSync(factsFile, original);
    }
  });

  it("GIVEN a reload THEN the old knowledge answers until the new one is swapped in", async () => {
    const reloader = new KnowledgeReloader(bot, { dir, log: recordingLogger(), watch: false });
    const old = bot.knowledge;
    const { result, answers } = await askWhile(reloader.reload("test"));
    expect(result.ok).toBe(true);
    expect(bot.knowledge).not.toBe(old);
    expect(answers.length).toBeGreaterThan(1);
    expect(answers.every((a) => a.kind === "answer" || a.kind === "abstain")).toBe(true);
    await reloader.stop();
  }, 30_000);
});
