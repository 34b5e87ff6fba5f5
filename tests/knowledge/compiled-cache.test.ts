/**
 * The compiled knowledge (src/knowledge/compiled-cache.ts): a warm load gives exactly what a cold
 * one does, an edited file is read again, and a cache that is corrupt, stale or unwritable is
 * never trusted and never stops a load.
 */
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CompiledCache } from "../../src/knowledge/compiled-cache.ts";
import { DEFAULT_KNOWLEDGE_DIR, KnowledgeError, loadKnowledge } from "../../src/knowledge/load.ts";
import type { KnowledgeBase } from "../../src/knowledge/types.ts";

let scratch: string;
let dir: string;
let cacheDir: string;
const factsFile = () => path.join(dir, "sources/policywatch-4078/facts.yaml");
/** Files the loader reads: entities, topics, synonyms, and a source's two. */
const FILES = 5;

beforeEach(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "policywatch-compiled-"));
  dir = path.join(scratch, "knowledge");
  cacheDir = path.join(scratch, "cache");
  cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

/** A knowledge base without its load time, which differs by construction. */
const content = ({ loadedAt, ...rest }: KnowledgeBase) => rest;
const load = (cache: CompiledCache | false = new CompiledCache(cacheDir)) => {
  const base = loadKnowledge(dir, { cache });
  return { base, stats: cache ? cache.stats : undefined };
};
const entries = () => readdirSync(cacheDir).map((name) => path.join(cacheDir, name));

describe("the compiled knowledge", () => {
  it("GIVEN a warm cache THEN the load is the cold load, field for field, with nothing parsed", () => {
    const cold = load(false).base;
    const first = load();
    expect(first.stats).toMatchObject({ hits: 0, misses: FILES, writeFailures: 0 });
    const warm = load();
    expect(warm.stats).toMatchObject({ hits: FILES, misses: 0, rejected: 0 });
    expect(content(warm.base)).toStrictEqual(content(cold));
    expect(content(first.base)).toStrictEqual(content(cold));
  });

  it("GIVEN an edited file THEN it alone is read again, and the edit is what loads", () => {
    load();
    const original = readFileSync(factsFile(), "utf8");
    const edited = original.replace(/(id: pw4078-no-missiles-fired\n\s+text: ")/, "$1EDITED. ");
    expect(edited).not.toBe(original);
    writeFileSync(factsFile(), edited);
    const { base, stats } = load();
    expect(stats).toMatchObject({ hits: FILES - 1, misses: 1 });
    expect(base.factsById.get("pw4078-no-missiles-fired")?.text).toMatch(/^EDITED\. /);
    expect(content(base)).toStrictEqual(content(load(false).base));
  });

  it("GIVEN an invalid edit after a warm load THEN the load still fails, naming the field", () => {
    load();
    const broken = readFileSync(factsFile(), "utf8").replace(/\n(\s+)quote: "/, '\n$1quote: "NOT ');
    writeFileSync(factsFile(), broken);
    expect(() => load()).toThrow(KnowledgeError);
    expect(() => load()).toThrow(/field "quote": not found verbatim/);
  });

  it.each([
    ["truncated", (file: string) => truncateSync(file, 40)],
    ["emptied", (file: string) => writeFileSync(file, "")],
    ["a flipped byte", (file: string) => flipLastByte(file)],
    ["another format", (file: string) => rewriteHeader(file, { format: 0 })],
    ["another key", (file: string) => rewriteHeader(file, { key: "0".repeat(64) })],
  ])(
    "GIVEN entries %s THEN they are ignored, the YAML read, and the entries written again",
    (_, spoil) => {
      const cold = load(false).base;
      load();
      for (const file of entries()) spoil(file);
      const spoilt = load();
      expect(spoilt.stats).toMatchObject({ hits: 0, rejected: FILES });
      expect(content(spoilt.base)).toStrictEqual(content(cold));
      expect(load().stats).toMatchObject({ hits: FILES, rejected: 0 });
    },
  );

  it("GIVEN a cache folder that cannot be written THEN the knowledge loads all the same", () => {
    writeFileSync(cacheDir, "a file where the folder should be");
    const { base, stats } = load();
    expect(stats).toMatchObject({ hits: 0, writeFailures: FILES });
    expect(content(base)).toStrictEqual(content(load(false).base));
  });
});

function flipLastByte(file: string): void {
  const bytes = readFileSync(file);
  const last = bytes.length - 2;
  bytes[last] = (bytes[last] as number) ^ 1;
  writeFileSync(file, bytes);
}

/** Same body and checksum, another header: what an older or foreign version would have written. */
function rewriteHeader(file: string, change: Record<string, unknown>): void {
  const bytes = readFileSync(file);
  const newline = bytes.indexOf(10);
  const header = { ...JSON.parse(bytes.toString("utf8", 0, newline)), ...change };
  writeFileSync(
    file,
    Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), bytes.subarray(newline + 1)]),
  );
}
