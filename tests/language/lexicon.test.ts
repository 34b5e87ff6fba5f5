/** WordNet read synchronously, and English word frequencies: what the search relies on. */
import { describe, expect, it } from "vitest";
import {
  baseForms,
  informationOf,
  isEnglishWord,
  isMostlyNoun,
  isOnlyAdverb,
  wordnet,
} from "../../src/language/english.ts";

describe("WordNet", () => {
  it("finds lemmas of every part of speech, and multiword entries", () => {
    expect(wordnet.senses("evict").map((s) => s.pos)).toEqual(["verb"]);
    expect(wordnet.has("prime minister")).toBe(true);
    expect(wordnet.has("shoot_down")).toBe(true);
    expect(wordnet.has("supreme leader")).toBe(false);
    expect(wordnet.has("qwzxv")).toBe(false);
  });

  it("relates words by root and by meaning, from their most frequent senses", () => {
    const related = (w: string) => wordnet.related(w).map((r) => `${r.word}/${r.relation}`);
    expect(related("evict")).toContain("eviction/derived");
    expect(related("compete")).toContain("competition/derived");
    expect(related("mad")).toContain("angry/similar");
    expect(related("complain")).toContain("complaint/derived");
    expect(related("prime minister")).toContain("premier/synonym");
  });
});

describe("English at large", () => {
  it("tells real words from typos", () => {
    expect(isEnglishWord("mad")).toBe(true);
    expect(isEnglishWord("debris")).toBe(true);
    expect(isEnglishWord("milita")).toBe(false);
    expect(isEnglishWord("airspce")).toBe(false);
  });

  it("weighs a word by how much it says", () => {
    expect(informationOf("think")).toBeLessThan(informationOf("president"));
    expect(informationOf("president")).toBeLessThan(informationOf("australia"));
    expect(informationOf("bitcoin")).toBe(1);
  });

  it("knows words that name things from words that say what they do", () => {
    expect(isMostlyNoun("president")).toBe(true);
    expect(isMostlyNoun("price")).toBe(true);
    expect(isMostlyNoun("netanyahu")).toBe(true);
    expect(isMostlyNoun("think")).toBe(false);
    expect(isMostlyNoun("saw")).toBe(false);
  });

  it("gives base forms, irregular ones included", () => {
    expect(baseForms("evicting")).toContain("evict");
    expect(baseForms("saw")).toContain("see");
    expect(baseForms("militias")).toContain("militia");
  });
});

describe("words that say how, not what", () => {
  it("knows a word that is only ever an adverb", () => {
    expect(isOnlyAdverb("fully")).toBe(true);
    expect(isOnlyAdverb("currently")).toBe(true);
    expect(isOnlyAdverb("fast")).toBe(false);
    expect(isOnlyAdverb("troops")).toBe(false);
  });
});
