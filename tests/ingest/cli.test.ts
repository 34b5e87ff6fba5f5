/**
 * The commands a curator types, run as they would be (`npm run ingest`, `npm run knowledge`),
 * against a scratch knowledge folder: their output and exit codes.
 */
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyOfKnowledge, FIXTURE_ARTICLE, snapshot } from "../support/articles.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const dir = copyOfKnowledge();
const empty = path.join(tmpdir(), `empty-article-${process.pid}.md`);
writeFileSync(empty, "\n\n");
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(empty, { force: true });
});

function run(script: string, ...args: string[]) {
  const result = spawnSync(TSX, [path.join(ROOT, "scripts", script), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    input: "",
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe("npm run ingest and npm run knowledge", () => {
  it("ingests an article, then says a second run has nothing to do", () => {
    const first = run("ingest.ts", FIXTURE_ARTICLE, "--knowledge", dir);
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    expect(first.out).toContain("Ingested fixture-brief-12.md into");
    expect(first.out).toContain(
      "6 paragraphs in 4 sections: Introduction, The newcomer, A disputed date, What comes next",
    );
    expect(first.out).toMatch(
      /11 draft facts added; now 0 curated and 11 drafts \(4 dated, \d+ linked to known entities\)/,
    );
    expect(first.out).toContain('"Sabirin News" is another spelling of sabereen-news');
    expect(first.out).toContain("5 names to review: npm run knowledge -- review");
    const second = run("ingest.ts", FIXTURE_ARTICLE, "--knowledge", dir);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(
      /is already up to date \(0 curated facts, 11 drafts\); nothing written/,
    );
  });

  it("refuses an empty file with a clear message and exit code 1, writing nothing", () => {
    const before = snapshot(dir);
    const result = run("ingest.ts", empty, "--knowledge", dir);
    expect(result.code).toBe(1);
    expect(result.err.trim()).toBe(
      `Not ingested: ${path.basename(empty)} is empty; nothing to ingest`,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it("shows its usage without a file", () => {
    const result = run("ingest.ts");
    expect(result.code).toBe(2);
    expect(result.err).toContain("usage: npm run ingest -- <file>");
  });

  it("checks the knowledge with a summary per source", () => {
    const result = run("knowledge.ts", "check", dir);
    expect(result.code).toBe(0);
    expect(result.out).toContain("fixture-brief-12: 11 facts (0 curated, 11 drafts)");
    expect(result.out).toMatch(/policywatch-4078: (\d+) facts \(\1 curated, 0 drafts\)/);
    expect(result.out.trim().endsWith("OK")).toBe(true);
  });

  it("reviews with answers piped in, and stops at the end of input", () => {
    const result = spawnSync(TSX, [path.join(ROOT, "scripts/knowledge.ts"), "review", dir], {
      cwd: ROOT,
      encoding: "utf8",
      input: "s\nr\n",
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Rejected "Saraya Rijal al-Fajr"');
    expect(result.stdout).toContain("1 decided, 4 still pending.");
  });
});
