/** The chat around a question goes before it is read; the question itself is never touched. */
import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer.ts";
import { withoutChatNoise } from "../../src/language/chat-noise.ts";
import { knowledge } from "../support/knowledge.ts";

const leadFact = (q: string) => answerQuestion(knowledge(), q).citations[0]?.factId;

describe("withoutChatNoise", () => {
  it.each([
    ["hi bot who is KH", "who is KH"],
    ["hey team, quick question: who is KH lol", "who is KH"],
    ["ok quick one: how long did the war last", "how long did the war last"],
    [
      "sorry if this was asked already - did iraq shoot at anything?",
      "did iraq shoot at anything?",
    ],
    ["<@123456> when did hamas attack israel thx!", "when did hamas attack israel"],
    ["did the israeli warning work for the brief", "did the israeli warning work"],
    ["can you tell me why the radars were attacked pls", "why the radars were attacked"],
    ["do you know if iraq used its f-16s 🙏", "iraq used its f-16s"],
    ["i was wondering who wrote this :)", "who wrote this"],
    [
      "the militias didn't attack israel from iraq, right?",
      "the militias didn't attack israel from iraq",
    ],
    ["is it true that the militias sat out the war", "the militias sat out the war"],
    ["true or false: israel struck musawi in iraq", "israel struck musawi in iraq"],
  ])("%s → %s", (typed, question) => {
    expect(withoutChatNoise(typed)).toBe(question);
  });

  it("leaves a question's own words, and chat with no question in it, alone", () => {
    expect(withoutChatNoise("did iraq shoot anyone")).toBe("did iraq shoot anyone");
    expect(withoutChatNoise("who said thanks to the embassy")).toBe(
      "who said thanks to the embassy",
    );
    expect(withoutChatNoise("so what")).toBe("so what");
    expect(withoutChatNoise("is the airspace policy correct")).toBe(
      "is the airspace policy correct",
    );
    expect(withoutChatNoise("hey")).toBe("hey");
    expect(withoutChatNoise("lol")).toBe("lol");
  });

  it("gives the answer the bare question gets", () => {
    expect(leadFact("hi bot, quick q: how many drones did iran launch lol")).toBe(
      leadFact("how many drones did iran launch"),
    );
  });
});
