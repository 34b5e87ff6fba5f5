/**
 * Hostile edits under the knowledge folder, through the real reloader on a copy of knowledge/:
 * a file symlinked to /dev/zero or out of the folder, a FIFO, a 50 MB file, a 30,000-character
 * field on one line or folded over many are each refused before parsing (or right after, for a
 * folded field), named in the log, and the last good knowledge keeps serving. Edits made by an
 * atomic save (write then rename) and by `sed -i` are picked up, one after another.
 * Speed and memory figures: `npm run bench:reload`.
 */
import { execFileSync } from "node:child_process";
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { commands } from "../../commands/index.ts";
import { Bot } from "../../src/bot.ts";
import { consoleOrigin } from "../../src/core/command.ts";
import { openKnowledge } from "../../src/knowledge/knowledge.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../../src/knowledge/load.ts";
import { KnowledgeReloader } from "../../src/knowledge/reload.ts";
import { memoryLogger } from "../discord/harness.ts";

let dir: string;
let factsFile: string;
let original: string;
const FACTS = "sources/policywatch-4078/facts.yaml";

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "policywatch-hostile-knowledge-"));
  cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  factsFile = path.join(dir, FACTS);
  original = readFileSync(factsFile, "utf8");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  rmSync(factsFile, { force: true });
  writeFileSync(factsFile, original);
});

function setup(watch = false) {
  const log = memoryLogger();
  const bot = new Bot(openKnowledge(dir), log, commands);
  const reloader = new KnowledgeReloader(bot, { dir, log, watch, debounceMs: 100 });
  reloader.start();
  return { log, bot, reloader };
}

/** Replaces facts.yaml with something hostile, reloads, and returns what the reload said. */
async function reloadWith(plant: () => void) {
  const { bot, reloader } = setup();
  const good = bot.knowledge;
  rmSync(factsFile);
  plant();
  const rssBefore = process.memoryUsage().rss;
  const outcome = await reloader.reload("test");
  const rssGrowth = process.memoryUsage().rss - rssBefore;
  await reloader.stop();
  // The last good knowledge still serves.
  expect(bot.knowledge).toBe(good);
  const answer = await bot.router.runText("did iraq shoot at anything?", consoleOrigin);
  expect(answer.kind).toBe("answer");
  return { problems: outcome.ok ? [] : outcome.problems, rssGrowth };
}

describe("hostile files are refused before they are parsed", () => {
  it("a symlink to /dev/zero", async () => {
    const { problems, rssGrowth } = await reloadWith(() => symlinkSync("/dev/zero", factsFile));
    expect(problems).toEqual([
      `${FACTS}: it leads outside the knowledge folder (to /dev/zero); refused`,
    ]);
    expect(rssGrowth).toBeLessThan(50 * 1024 * 1024);
  });

  it("a symlink to a file outside the folder", async () => {
    const outside = path.join(tmpdir(), `outside-${process.pid}.yaml`);
    writeFileSync(outside, original);
    try {
      const { problems } = await reloadWith(() => symlinkSync(outside, factsFile));
      expect(problems[0]).toMatch(
        /^sources\/policywatch-4078\/facts\.yaml: it leads outside the knowledge folder/,
      );
    } finally {
      rmSync(outside, { force: true });
    }
  });

  it("a FIFO (it would block a read forever)", async () => {
    const { problems } = await reloadWith(() => execFileSync("mkfifo", [factsFile]));
    expect(problems).toEqual([`${FACTS}: it is not a regular file; refused`]);
  });

  it("a 50 MB file", async () => {
    const { problems, rssGrowth } = await reloadWith(() => {
      writeFileSync(factsFile, "");
      truncateSync(factsFile, 50 * 1024 * 1024);
    });
    expect(problems).toEqual([
      `${FACTS}: it has 52428800 bytes, over the 2097152 a knowledge file may have; refused`,
    ]);
    expect(rssGrowth).toBeLessThan(50 * 1024 * 1024);
  });

  it("a field of 30,000 characters on one line", async () => {
    const long = "x".repeat(30_000);
    const { problems } = await reloadWith(() =>
      writeFileSync(factsFile, original.replace(/(text: ")/, `$1${long}`)),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^sources\/policywatch-4078\/facts\.yaml: a line has \d+ characters, over the 20000 a field may have; refused$/,
      ),
    ]);
  });

  it("a field of 30,000 characters folded over many lines", async () => {
    const folded = Array.from({ length: 300 }, () => "y".repeat(99)).join("\n      ");
    const { problems } = await reloadWith(() =>
      writeFileSync(factsFile, original.replace(/text: "/, `text: "${folded} `)),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^sources\/policywatch-4078\/facts\.yaml: field "0\.text" has over 20000 characters; shorten it \(refused\)$/,
      ),
    ]);
  });
});

describe("the watcher survives atomic saves", () => {
  const FACT = "pw4078-no-missiles-fired";
  const factText = (bot: Bot) => bot.knowledge.base.factsById.get(FACT)?.text;
  const textLine = new RegExp(`(id: ${FACT}\\n\\s+text: ")`);

  it("an editor's write-then-rename, then sed -i, then another rename: each edit is picked up", async () => {
    const { bot, reloader } = setup(true);
    try {
      const temp = path.join(dir, "sources/policywatch-4078/.facts.yaml.tmp");
      writeFileSync(temp, original.replace(textLine, "$1FIRST. "));
      renameSync(temp, factsFile);
      await vi.waitFor(() => expect(factText(bot)).toMatch(/^FIRST\. /), { timeout: 5000 });

      execFileSync("sed", ["-i", "s/FIRST\\. /SECOND. /", factsFile]);
      await vi.waitFor(() => expect(factText(bot)).toMatch(/^SECOND\. /), { timeout: 5000 });

      writeFileSync(temp, original.replace(textLine, "$1THIRD. "));
      renameSync(temp, factsFile);
      await vi.waitFor(() => expect(factText(bot)).toMatch(/^THIRD\. /), { timeout: 5000 });
    } finally {
      await reloader.stop();
    }
  });

  it("a new source folder is watched as it appears", async () => {
    const { bot, log, reloader } = setup(true);
    try {
      const folder = path.join(dir, "sources/policywatch-copy");
      cpSync(path.join(dir, "sources/policywatch-4078"), folder, { recursive: true });
      // The copy repeats ids, so the reload fails and says so: the new folder was seen.
      await vi.waitFor(
        () =>
          expect(log.entries.some((e) => e.message.startsWith("knowledge reload failed"))).toBe(
            true,
          ),
        { timeout: 5000 },
      );
      rmSync(folder, { recursive: true });
      await vi.waitFor(() => expect(log.entries.at(-1)?.message).toBe("knowledge reloaded"), {
        timeout: 5000,
      });
      expect(bot.knowledge.base.sources.has("policywatch-copy")).toBe(false);
    } finally {
      await reloader.stop();
    }
  });
});
