/** Question analysis: the kind of answer asked for, the focus, and the words to search for. */
import { describe, expect, it } from "vitest";
import { analyseQuestion } from "../../src/search/question.ts";

describe("analyseQuestion", () => {
  it.each([
    ["who attacked the radars", "actor"],
    ["when did the war end", "date"],
    ["what date was the erbil attack", "date"],
    ["how many drones did iran launch", "quantity"],
    ["how much was the korean deal", "money"],
    ["how much oil does iraq export", "quantity"],
    ["how long was the war", "duration"],
    ["where were the radars hit", "place"],
    ["why were the radars attacked", "reason"],
    ["did iraq shoot at anything", "yes-no"],
    ["is the irgc mad at iraq", "yes-no"],
    ["what are the three implications", "list"],
    ["whats the main argument", "gist"],
    ["tldr", "gist"],
    ["what happened on june 17", "event"],
    ["what did kh threaten", "any"],
  ])("%s wants %s", (question, type) => {
    expect(analyseQuestion(question).answerType).toBe(type);
  });

  it("finds the thing asked for", () => {
    // "the price of" asks for a sum of money, searched for without the word "price".
    const price = analyseQuestion("what is the price of an f-16");
    expect(price.answerType).toBe("money");
    expect(price.searchText).not.toMatch(/price/);
    expect(analyseQuestion("what is the capital of south korea").focus).toEqual(["capital"]);
    expect(analyseQuestion("how many ballistic missiles did iran fire").focus).toEqual([
      "ballistic",
      "missiles",
    ]);
    // Words that ask about the rest of the question are no focus.
    expect(analyseQuestion("whats an example of iran losing influence").focus).toBeUndefined();
    expect(analyseQuestion("who is the supreme leader of iran").focus).toEqual([
      "supreme",
      "leader",
    ]);
    expect(analyseQuestion("which militias warned the us").focus).toEqual(["militias"]);
    expect(analyseQuestion("did kh attack the embassy").focus).toBeUndefined();
  });

  it("reads questions about the source itself", () => {
    expect(analyseQuestion("who wrote this").aboutSource).toBe("author");
    expect(analyseQuestion("when was the article published").aboutSource).toBe("published");
    expect(analyseQuestion("what is this article about").answerType).toBe("gist");
  });

  it("asks what a named thing is", () => {
    expect(analyseQuestion("who is KH").identity).toBe(true);
    expect(analyseQuestion("who attacked erbil").identity).toBe(false);
  });

  it("searches without the scaffold, with chat abbreviations spelled out", () => {
    expect(analyseQuestion("how long was the war").searchText).not.toMatch(/long/);
    expect(analyseQuestion("what did the govt do in nov").searchText).toBe(
      "what did the government do in november",
    );
  });

  it("takes a year as the one asked about, unless it bounds a period", () => {
    expect(analyseQuestion("how many drones hit erbil in 2024").years).toEqual(["2024"]);
    expect(analyseQuestion("what did the militias do after october 7 2023").years).toBeUndefined();
    expect(analyseQuestion("attacks between oct 2023 and march 2024").years).toBeUndefined();
    expect(analyseQuestion("has the airspace been contested since 2011").years).toBeUndefined();
  });

  it("searches 'an example of X' as X", () => {
    const analysis = analyseQuestion("give me an example of militia restraint");
    expect(analysis.example).toBe(true);
    expect(analysis.searchText).not.toMatch(/example|give/);
  });

  it("finds the words that name a source, and leaves its document word out of the search", () => {
    const analysis = analyseQuestion("what did the leaders affirm per the joint statement");
    expect(analysis.sourceWords).toEqual(["joint", "statement"]);
    expect(analysis.searchText).not.toMatch(/statement/);
    expect(analyseQuestion("what did the militias threaten").sourceWords).toBeUndefined();
  });
});
