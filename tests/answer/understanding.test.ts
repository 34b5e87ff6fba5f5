/**
 * Understanding the question (issue 11's failure classes): near misses declined rather than
 * answered with a sentence that shares a word, paraphrases read through related words, the kind
 * of answer asked for, and plain chat words.
 */
import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer.ts";
import { knowledge } from "../support/knowledge.ts";

const ask = (q: string) => answerQuestion(knowledge(), q);
const leadFact = (q: string) => ask(q).citations[0]?.factId;

describe("near misses are declined", () => {
  it.each([
    "who is iran's supreme leader",
    "how many us troops are in iraq today",
    "who is iraq's president",
    "how much oil does iraq export",
    "how many f-16s does iraq have",
    "what is the price of an f-16",
    "did kh attack the embassy",
    "what did netanyahu say about iraq",
    // A particular place the sources never name.
    "did turkey close its airspace",
    // The article never names the smuggler; and it says nothing yet to come.
    "whats the name of the oil smuggler the us sanctioned",
    "when will us troops fully leave iraq",
    // A thing asked for that the sources never speak of.
    "what model were the destroyed radars",
  ])("%s", (question) => {
    const reply = ask(question);
    expect(reply.kind, reply.lead).toBe("abstain");
    expect(reply.lead).toContain("don't cover");
  });

  it("says which part is missing when the words are there but the answer is not", () => {
    expect(ask("how many us troops are in iraq today").lead).toContain("how many");
  });
});

describe("paraphrases are read through related words", () => {
  it.each([
    ["did the militias call for us troops to leave", "pw4078-no-calls-to-evict-us"],
    ["could iraq have shot down israeli planes", "pw4078-no-missiles-fired"],
    ["how long was the war", "pw4078-proxies-sat-out-war"],
    // "after oct 7" dates the question; the answer need not name the October 7 attack.
    [
      "how long did the militias keep hitting us sites after oct 7",
      "pw4078-us-strikes-deterred-by-march-2024",
    ],
    // Chat abbreviations are spelled out.
    ["what did the iraqi govt fail to defend", "pw4078-safavi-nujaba-criticized-government"],
  ])("%s", (question, fact) => {
    expect(leadFact(question)).toBe(fact);
  });
});

describe("the kind of answer asked for", () => {
  it("answers 'why' with the fact that gives the reason", () => {
    expect(leadFact("why were the radars attacked")).toBe("pw4078-radar-attack-maybe-israeli");
    expect(leadFact("why did the militia warnings come so late")).toBe(
      "pw4078-militias-waited-for-tehran",
    );
  });

  it("answers 'who is X' with what the sources say X is, cited", () => {
    const reply = ask("who is KH");
    expect(reply.lead).toMatch(/^Kataib Hezbollah: Iraqi militia/);
    expect(reply.citations[0]?.entityId).toBe("kataib-hezbollah");
  });

  it("answers 'how many' with a number", () => {
    expect(leadFact("how many drones did iran launch")).toBe("pw4078-iran-launched-1000-drones");
  });

  it("answers questions about the source from its record and its key facts", () => {
    const author = ask("who wrote this");
    expect(author.lead).toContain("Michael Knights");
    expect(author.citations[0]?.paragraph).toBe(15);
    const gist = ask("tldr");
    expect(gist.kind).toBe("answer");
    expect(gist.citations.length).toBeGreaterThanOrEqual(2);
    expect(gist.citations[0]?.paragraph).toBe(1);
    // The argument is what the author urges (¶3), not the summary of events (¶1), given after it.
    const argument = ask("whats the main argument");
    expect(argument.lead).toContain("push forward");
    expect(argument.citations.map((c) => c.paragraph)).toEqual([3, 1, 1]);
  });

  it("counts 'no X' as none, and no model's name as a count", () => {
    expect(leadFact("how many iraqi missiles were fired")).toBe("pw4078-no-missiles-fired");
    expect(ask("how many pantsirs does iraq have").kind).toBe("abstain");
  });

  it("reads 'how much was it worth' as asking for the sum", () => {
    expect(leadFact("how much was the korean deal worth")).toBe("pw4078-cheongung-deal");
  });

  it("answers about a year named in the question only from facts of that year", () => {
    expect(ask("how many drones hit erbil airport in 2024").kind).toBe("abstain");
    expect(leadFact("how many drones hit erbil airport in 2025")).toBe(
      "pw4078-erbil-airport-attack-june-22",
    );
  });

  it("reads a relation word as asking how named things are tied", () => {
    expect(leadFact("what's the russia connection to the cheongung")).toBe(
      "pw4078-cheongung-s400-radars",
    );
  });

  it("matches numbers spelled out and written as digits", () => {
    expect(leadFact("why did the militias wait 3 days")).toBe("pw4078-militias-waited-for-tehran");
  });

  it("takes a past tense for the verb it is, not a name ('what fell')", () => {
    expect(leadFact("what fell from iranian ballistic missiles")).toBe("pw4078-ballistic-boosters");
  });
});

describe("plain chat words", () => {
  it.each(["help", "thanks", "exit", "quit", "clear", "ok"])("%s gets no fact", (word) => {
    const reply = ask(word);
    expect(reply.kind).toBe("info");
    expect(reply.citations).toEqual([]);
  });
});
