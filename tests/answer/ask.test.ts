import path from "node:path";
import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer.ts";
import { readQuestions } from "../../src/eval/evaluate.ts";
import { renderText } from "../../src/render/text.ts";
import { knowledge } from "../support/knowledge.ts";

const ask = (q: string) => answerQuestion(knowledge(), q);

describe("answerQuestion", () => {
  it("answers 'did iraq shoot at anything?' in one cited line naming the paragraph", () => {
    const reply = ask("did iraq shoot at anything?");
    expect(reply.kind).toBe("answer");
    expect(reply.lead).toMatch(/No Iraqi missiles .* fired/);
    expect(reply.lead).toContain("(PolicyWatch 4078 ¶9)");
    expect(reply.citations[0]).toMatchObject({ paragraph: 9, author: "Michael Knights" });
    expect(knowledge().base.sources.get("policywatch-4078")?.paragraphs[8]?.text).toContain(
      reply.citations[0]?.quote,
    );
  });

  it.each([
    ["HHN", "nujaba"],
    ["what happened june 17", "iraqi-parliament"],
    ["kataeb hizbollah warning", "kataib-hezbollah"],
    ["when was the erbil attack", "erbil-international-airport"],
    ["who is sudanni", "sudani"],
    ["al asad air base", "al-asad-air-base"],
  ])("understands how people type: %s", (question, entity) => {
    const reply = ask(question);
    expect(reply.kind).toBe("answer");
    // "who is X" leads with X's cited description; other questions with a fact about it.
    const cited = reply.citations[0];
    const lead = knowledge().base.factsById.get(cited?.factId ?? "");
    expect(cited?.entityId ? [cited.entityId] : lead?.entities).toContain(entity);
  });

  it.each(["bitcoin price", "capital of France", "who won the world cup", "how do I bake bread"])(
    "declines %s and offers what the sources do cover",
    (question) => {
      const reply = ask(question);
      expect(reply.kind).toBe("abstain");
      expect(reply.citations).toEqual([]);
      expect(reply.lead).toContain("don't cover");
      expect(reply.suggestions.length).toBeGreaterThan(0);
    },
  );

  it("offers the entities named when it cannot answer", () => {
    const reply = ask("what is the population of iraq");
    expect(reply.kind).toBe("abstain");
    expect(reply.suggestions.join(" ")).toContain("Iraq");
  });

  it("gives at most two supporting facts, each cited, and stays under 1,200 characters", () => {
    const evalQuestions = readQuestions(
      path.resolve(import.meta.dirname, "../eval/questions.yaml"),
    );
    for (const { q } of evalQuestions) {
      const reply = ask(q);
      const text = renderText(reply);
      expect(text.length, q).toBeLessThan(1200);
      expect(reply.sections.flatMap((s) => s.points).length).toBeLessThanOrEqual(2);
      for (const point of reply.sections.flatMap((s) => s.points))
        expect(point.cites.length).toBe(1);
    }
  });
});
