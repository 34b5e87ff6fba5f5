/** Questions about a source itself, in the many words people use for them. */
import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer.ts";
import { sourceQuestionKind } from "../../src/search/source-question.ts";
import { knowledge } from "../support/knowledge.ts";

describe("sourceQuestionKind", () => {
  it.each([
    ["who's the author", { aboutSource: "author" }],
    ["author?", { aboutSource: "author" }],
    ["how old is this article", { aboutSource: "published" }],
    ["when was this written", { aboutSource: "published" }],
    ["what think tank is this from", { aboutSource: "publisher" }],
    ["where's this from", { aboutSource: "publisher" }],
    ["what's the name of the article", { aboutSource: "title" }],
    ["link to the article", { aboutSource: "link" }],
    ["sum it up", { gist: true }],
    ["in a nutshell", { gist: true }],
    ["is this piece about us-iraq security ties", { gist: true }],
    ["what's the author's bottom line", { gist: true, argument: true }],
    ["what does the writer think the us should do", { gist: true, argument: true }],
    ["what are the recommendations", { gist: true, argument: true, recommendations: true }],
  ])("%s", (question, kind) => {
    expect(sourceQuestionKind(question)).toEqual(kind);
  });

  it("is no question about the source when something else is asked", () => {
    for (const question of [
      "when was the embassy evacuated",
      "who wrote the warning to the militias",
      "what year did hamas attack israel",
      "what does iran think of the militias",
    ])
      expect(sourceQuestionKind(question)).toEqual({});
  });
});

describe("answers about the source", () => {
  const ask = (q: string) => answerQuestion(knowledge(), q);

  it("gives the link when asked where to read it", () => {
    expect(ask("link to the article").lead).toContain("https://www.washingtoninstitute.org/");
  });

  it("lists what the author recommends, in the article's order", () => {
    const reply = ask("what are the recommendations");
    expect(reply.lead).toMatch(/^Knights recommends/);
    const paragraphs = reply.citations.map((c) => c.paragraph);
    expect(paragraphs).toEqual([...paragraphs].sort((a, b) => a - b));
    expect(paragraphs.length).toBeGreaterThanOrEqual(2);
  });
});
