/**
 * Live knowledge reload on a copy of knowledge/: an edit is picked up (debounced) and swapped in
 * at once; /source shows the swap time; a request in flight finishes on the knowledge it began
 * with; an invalid edit keeps the last good knowledge serving and the log names the file, entry
 * and field; SIGHUP reloads too; reloads never overlap.
 */

import { EventEmitter } from "node:events";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { commands } from "../../commands/index.ts";
import { Bot } from "../../src/bot.ts";
import { parseConfig } from "../../src/config.ts";
import { consoleOrigin, defineCommand } from "../../src/core/command.ts";
import { reply } from "../../src/core/reply.ts";
import { openKnowledge } from "../../src/knowledge/knowledge.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../../src/knowledge/load.ts";
import { isKnowledgeChange, KnowledgeReloader } from "../../src/knowledge/reload.ts";
import { memoryLogger } from "../discord/harness.ts";

const FACT = "pw4078-no-missiles-fired";
let dir: string;
let factsFile: string;
let original: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "policywatch-knowledge-"));
  cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  factsFile = path.join(dir, "sources/policywatch-4078/facts.yaml");
  original = readFileSync(factsFile, "utf8");
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A gate a command waits on, so a request can be held in flight across a reload. */
const gate: { release?: () => void } = {};
const releaseHeld = () => gate.release?.();
const held = defineCommand({
  name: "held",
  description: "Reads the knowledge, waits, then reports what it read",
  options: z.object({}),
  examples: ["/held"],
  async handler(_options, { knowledge }) {
    await new Promise<void>((resolve) => {
      gate.release = resolve;
    });
    return reply({ kind: "info", title: knowledge.base.loadedAt.toISOString() });
  },
});

function setup(options: { watch?: boolean } = {}) {
  const log = memoryLogger();
  const bot = new Bot(openKnowledge(dir), log, [...commands, held]);
  const signals = new EventEmitter();
  const reloader = new KnowledgeReloader(bot, { dir, log, debounceMs: 100, ...options });
  reloader.start(signals);
  return { log, bot, reloader, signals };
}

const factText = (bot: Bot) => bot.knowledge.base.factsById.get(FACT)?.text;

describe("live reload", () => {
  it("GIVEN a valid edit under knowledge/ THEN it is swapped in, and /source shows the swap time", async () => {
    const { bot, log, reloader } = setup();
    try {
      const before = bot.knowledge;
      const edited = original.replace(/(id: pw4078-no-missiles-fired\n\s+text: ")/, "$1EDITED. ");
      expect(edited).not.toBe(original);
      const editedAt = new Date();
      writeFileSync(factsFile, edited);
      await vi.waitFor(() => expect(factText(bot)).toMatch(/^EDITED\. /), { timeout: 5000 });
      expect(bot.knowledge).not.toBe(before);
      expect(bot.knowledge.base.loadedAt.getTime()).toBeGreaterThanOrEqual(editedAt.getTime());
      const source = await bot.router.runText("/source", consoleOrigin);
      const stamp = bot.knowledge.base.loadedAt.toISOString().replace("T", " ").slice(0, 16);
      expect(source.lead).toContain(`Knowledge loaded ${stamp} UTC`);
      expect(log.entries.find((e) => e.message === "knowledge reloaded")?.fields).toMatchObject({
        facts: bot.knowledge.base.facts.length,
      });
    } finally {
      await reloader.stop();
      writeFileSync(factsFile, original);
    }
  });

  it("GIVEN a request in flight THEN it finishes on the knowledge it began with; the next gets the new", async () => {
    const { bot, reloader } = setup({ watch: false });
    try {
      const old = bot.knowledge.base.loadedAt.toISOString();
      gate.release = undefined;
      const running = bot.router.runText("/held", consoleOrigin);
      await vi.waitFor(() => expect(gate.release).toBeDefined());
      const outcome = await reloader.reload("test");
      expect(outcome.ok).toBe(true);
      expect(bot.knowledge.base.loadedAt.toISOString()).not.toBe(old);
      releaseHeld();
      expect((await running).title).toBe(old);
      gate.release = undefined;
      const next = bot.router.runText("/held", consoleOrigin);
      await vi.waitFor(() => expect(gate.release).toBeDefined());
      releaseHeld();
      expect((await next).title).toBe(bot.knowledge.base.loadedAt.toISOString());
    } finally {
      await reloader.stop();
    }
  });

  it("GIVEN an invalid edit THEN the last good knowledge keeps serving and the log names file, entry and field", async () => {
    const { bot, log, reloader } = setup();
    try {
      const good = bot.knowledge;
      const broken = original.replace(
        /(id: pw4078-no-missiles-fired\n(?:.*\n)*?\s+quote: ")/,
        "$1NOT IN THE SOURCE ",
      );
      expect(broken).not.toBe(original);
      writeFileSync(factsFile, broken);
      await vi.waitFor(
        () =>
          expect(log.entries.some((e) => e.message.startsWith("knowledge reload failed"))).toBe(
            true,
          ),
        { timeout: 5000 },
      );
      const entry = log.entries.find((e) => e.message.startsWith("knowledge reload failed"));
      expect(entry?.level).toBe("error");
      expect(entry?.fields.problems).toEqual([
        `sources/policywatch-4078/facts.yaml: fact "${FACT}", field "quote": not found verbatim in paragraph 9; copy it exactly (mind ’ and — characters)`,
      ]);
      expect(entry?.message).toContain(`facts.yaml: fact "${FACT}", field "quote"`);
      expect(bot.knowledge).toBe(good);
      const answer = await bot.router.runText("did iraq shoot at anything?", consoleOrigin);
      expect(answer.kind).toBe("answer");

      // Broken YAML, and a schema error, are named the same way.
      writeFileSync(
        factsFile,
        original.replace("- id: pw4078-no-missiles-fired", "- id: [unclosed"),
      );
      const yaml = await reloader.reload("test");
      expect(yaml.ok).toBe(false);
      expect(!yaml.ok && yaml.problems[0]).toMatch(/^sources\/policywatch-4078\/facts\.yaml: /);
      writeFileSync(
        factsFile,
        original.replace(/(id: pw4078-no-missiles-fired\n\s+)text:/, "$1txet:"),
      );
      const schema = await reloader.reload("test");
      expect(!schema.ok && schema.problems.join("\n")).toMatch(
        /fact "pw4078-no-missiles-fired" \(entry \d+\), field "text"/,
      );
      expect(bot.knowledge).toBe(good);

      // Fixed: it loads again.
      writeFileSync(factsFile, original);
      expect((await reloader.reload("test")).ok).toBe(true);
      expect(bot.knowledge).not.toBe(good);
    } finally {
      await reloader.stop();
      writeFileSync(factsFile, original);
    }
  });

  it("GIVEN SIGHUP THEN it reloads; GIVEN a burst of edits THEN one reload follows", async () => {
    const { bot, log, reloader, signals } = setup();
    try {
      const first = bot.knowledge;
      signals.emit("SIGHUP");
      await vi.waitFor(() => expect(bot.knowledge).not.toBe(first), { timeout: 5000 });
      expect(log.entries.find((e) => e.message === "knowledge reloaded")?.fields.reason).toBe(
        "SIGHUP",
      );

      const reloads = () => log.entries.filter((e) => e.message === "knowledge reloaded").length;
      const before = reloads();
      for (let i = 0; i < 10; i++) {
        writeFileSync(factsFile, `${original}\n# edit ${i}\n`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await vi.waitFor(() => expect(reloads()).toBe(before + 1), { timeout: 5000 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(reloads()).toBe(before + 1);
    } finally {
      await reloader.stop();
      writeFileSync(factsFile, original);
    }
  });

  it("runs one reload at a time: one asked for during another follows it", async () => {
    const log = memoryLogger();
    const bot = new Bot(openKnowledge(dir), log, commands);
    let building = 0;
    let most = 0;
    const reloader = new KnowledgeReloader(bot, {
      dir,
      log,
      watch: false,
      build: async (d) => {
        building += 1;
        most = Math.max(most, building);
        await new Promise((resolve) => setTimeout(resolve, 50));
        building -= 1;
        return openKnowledge(d);
      },
    });
    await Promise.all([reloader.reload("a"), reloader.reload("b"), reloader.reload("c")]);
    await vi.waitFor(() =>
      expect(log.entries.filter((e) => e.message === "knowledge reloaded").length).toBe(2),
    );
    await reloader.stop();
    expect(most).toBe(1);
    expect(
      log.entries.filter((e) => e.message === "knowledge reloaded").map((e) => e.fields.reason),
    ).toEqual(["a", "c"]);
  });

  it("is on by default; KNOWLEDGE_WATCH=false leaves it to SIGHUP", () => {
    expect(parseConfig({}).KNOWLEDGE_WATCH).toBe(true);
    expect(parseConfig({ KNOWLEDGE_WATCH: "" }).KNOWLEDGE_WATCH).toBe(true);
    expect(parseConfig({ KNOWLEDGE_WATCH: "false" }).KNOWLEDGE_WATCH).toBe(false);
    expect(() => parseConfig({ KNOWLEDGE_WATCH: "yes" })).toThrow(
      /KNOWLEDGE_WATCH: must be true or false/,
    );
  });

  it("ignores editor droppings, not YAML or folders", () => {
    expect(isKnowledgeChange("sources/x/facts.yaml")).toBe(true);
    expect(isKnowledgeChange("sources/new-source")).toBe(true);
    expect(isKnowledgeChange(null)).toBe(true);
    expect(isKnowledgeChange("sources/x/.facts.yaml.swp")).toBe(false);
    expect(isKnowledgeChange("facts.yaml~")).toBe(false);
    expect(isKnowledgeChange("notes.txt")).toBe(false);
  });
});
