import { describe, expect, it } from "vitest";
import { z } from "zod";
import { commands } from "../../commands/index.ts";
import { Bot } from "../../src/bot.ts";
import { consoleOrigin, defineCommand } from "../../src/core/command.ts";
import { UserError } from "../../src/core/errors.ts";
import { reply } from "../../src/core/reply.ts";
import { MAX_INPUT_LENGTH, sanitize } from "../../src/core/router.ts";
import { renderText } from "../../src/render/text.ts";
import { knowledge, recordingLogger } from "../support/knowledge.ts";

const broken = defineCommand({
  name: "broken",
  description: "Always fails, as a bug would",
  options: z.object({}),
  examples: ["/broken"],
  handler() {
    throw new Error("database exploded: secret detail");
  },
});
const picky = defineCommand({
  name: "picky",
  description: "Refuses with a user error",
  options: z.object({ word: z.string().optional() }),
  examples: ["/picky yes"],
  handler({ word }) {
    if (word !== "yes") throw new UserError("Say yes.", "/picky yes");
    return reply({ kind: "info", title: "Thanks" });
  },
});

const log = recordingLogger();
const bot = new Bot(knowledge(), log, [...commands, broken, picky]);

describe("CommandRouter", () => {
  it("treats a plain line as /ask", async () => {
    const answer = await bot.router.runText("what happened june 17", consoleOrigin);
    expect(answer.kind).toBe("answer");
    expect(answer.citations[0]?.paragraph).toBe(6);
  });

  it("turns a bug into an apology with an error id, logged with that id, without the bug's text", async () => {
    const result = await bot.router.runText("/broken", consoleOrigin);
    expect(result.kind).toBe("error");
    expect(result.errorId).toMatch(/^[0-9A-F]{6}$/);
    expect(renderText(result)).not.toContain("secret detail");
    const logged = log.lines.find((l) => l.level === "error");
    expect(logged?.fields).toMatchObject({ errorId: result.errorId, command: "broken" });
  });

  it("turns a user error into usage help, not a logged failure", async () => {
    const before = log.lines.length;
    const result = await bot.router.runText("/picky no", consoleOrigin);
    expect(result.kind).toBe("usage");
    expect(result.lead).toBe("Say yes.");
    expect(renderText(result)).toContain("Example: /picky yes");
    expect(log.lines.length).toBe(before);
  });

  it("answers an unknown command with the list of commands", async () => {
    const result = await bot.router.runText("/nonsense here", consoleOrigin);
    expect(result.kind).toBe("usage");
    expect(result.lead).toContain("/militia");
  });

  it("explains a bad option with the usage line and an example", async () => {
    const result = await bot.router.run({
      command: "ask",
      options: { question: 42 },
      origin: consoleOrigin,
    });
    expect(result.kind).toBe("usage");
    expect(renderText(result)).toContain("Usage: /ask <question> [--public]");
  });

  it("asks for something when the line is empty or only control characters", async () => {
    for (const line of ["", "   ", "\u0000\u0007\u200b"]) {
      const result = await bot.router.runText(line, consoleOrigin);
      expect(result.kind).toBe("usage");
      expect(result.lead).toContain("/help");
    }
  });

  it("refuses a 5,000-character line with a clear limit", async () => {
    const result = await bot.router.runText("a".repeat(5000), consoleOrigin);
    expect(result.kind).toBe("usage");
    expect(result.lead).toContain(String(MAX_INPUT_LENGTH));
  });

  it("refuses text a command cannot take", async () => {
    const result = await bot.router.runText("/airspace radars please", consoleOrigin);
    expect(result.kind).toBe("usage");
  });

  it("strips control and zero-width characters before parsing", () => {
    expect(sanitize("/militia\u0000 nu\u200bjaba\n")).toBe("/militia nujaba");
  });
});
