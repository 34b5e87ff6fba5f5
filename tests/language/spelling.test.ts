/** Typos corrected before a question is read: to the sources' words, never away from them. */
import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer.ts";
import { correctSpelling } from "../../src/language/spelling.ts";
import { knowledge } from "../support/knowledge.ts";

const factsUsing = (word: string) => knowledge().search.factsUsing(word);
const corrected = (word: string) => correctSpelling(word, factsUsing);
const leadFact = (q: string) => answerQuestion(knowledge(), q).citations[0]?.factId;

describe("correctSpelling", () => {
  it.each([
    ["whre", "where"],
    ["atfer", "after"],
    ["argmuent", "argument"],
    ["isreali", "israeli"],
    ["droes", "drones"],
    ["caled", "called"],
    ["pantisrs", "pantsirs"],
    ["muswai", "musawi"],
    ["teh", "the"],
  ])("%s → %s", (typo, word) => {
    expect(corrected(typo)).toBe(word);
  });

  it("leaves English words, the sources' words and unknown names as typed", () => {
    for (const word of ["fell", "bitcoin", "nujaba", "cheongung", "netanyahu", "kh", "f16s"])
      expect(corrected(word)).toBe(word);
  });

  it("gives a question with a typo the answer it gets spelled right", () => {
    expect(leadFact("how many droes were used at erbil")).toBe(
      leadFact("how many drones were used at erbil"),
    );
    expect(leadFact("did the isreali warning work")).toBe(leadFact("did the israeli warning work"));
    expect(leadFact("when did israel go after muswai")).toBe(
      leadFact("when did israel go after musawi"),
    );
  });
});
