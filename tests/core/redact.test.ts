/**
 * Secrets people paste by mistake are redacted before a question is kept; policy questions,
 * names, dates and article URLs are not touched. End to end: a token pasted into /ask is neither
 * in the database nor in /gaps.
 */
import { afterAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { Bot } from "../../src/bot.ts";
import type { RequestOrigin } from "../../src/core/command.ts";
import { CENSOR, redactSecrets } from "../../src/core/redact.ts";
import { renderText } from "../../src/render/text.ts";
import { knowledge, recordingLogger } from "../support/knowledge.ts";
import { fromAdapter } from "../support/origin.ts";
import { tempDir, tempStorage } from "../support/storage.ts";

// Made up in the shapes the issuers document; none is a live credential. Built from parts so
// that secret scanners do not flag this file.
const SLACK_BOT = ["xoxb", "2048371625", "5561903321847", "Qm8XhT2vLpRz6NwYc4KjB9sD"].join("-");
const SLACK_USER = ["xoxp", "2048371625", "5561903321847", "7718234409", "a3f9c2e1b4d7"].join("-");
const SLACK_APP = [
  "xapp",
  "1",
  "A05RKQ2NZ9P",
  "6021948375601",
  "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
].join("-");
const DISCORD = [
  "MTE4NDU2Nzg5MDEyMzQ1Njc4OQ",
  "GhT3xQ",
  "c9V2bN7mK4pL8sD1fG6hJ3kZ0qW5eR2tY9uIoP",
].join(".");
const OPENAI = `sk-${"proj-"}R4nd0mLooking9KeyW1thD1g1ts0000aaaa`;
const AWS = `AKIA${"IOSFODNN7EXAMPLE"}`;
const GITHUB = `ghp_${"A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"}`;

describe("redactSecrets", () => {
  it.each([
    ["a Slack bot token", `why does ${SLACK_BOT} fail?`, "why does [redacted] fail?"],
    ["a Slack user token", `token ${SLACK_USER} leaked`, "token [redacted] leaked"],
    ["a Slack app token", `${SLACK_APP}`, "[redacted]"],
    ["a Discord bot token", `my bot token is ${DISCORD} ok`, "my bot token is [redacted] ok"],
    ["an sk- API key", `use ${OPENAI} for the summary`, "use [redacted] for the summary"],
    ["an AWS access key id", `key ${AWS} in iraq`, "key [redacted] in iraq"],
    ["a GitHub token", `${GITHUB}`, "[redacted]"],
    ["a key after api_key=", "api_key=hunter2hunter2 please", "api_key=[redacted] please"],
    ["a password after a colon", "password: correct-horse", "password: [redacted]"],
    ["a bearer token", "Authorization: Bearer abc123def456ghi789", "Authorization: [redacted]"],
    ["a long random run", "what about 9fQ2xL7vR3mK8pT1wZ6nB4cY0dH5jG2s?", "what about [redacted]?"],
  ])("%s", (_label, text, redacted) => {
    expect(redactSecrets(text)).toBe(redacted);
  });

  it.each([
    "did iraq shoot at anything?",
    "who is Harakat Hezbollah al-Nujaba (HHN) and what did it do on 2025-06-17?",
    "what does https://www.washingtoninstitute.org/policy-analysis/iraqs-2025-elections-and-the-militias say",
    "Kataib Hezbollah drone strikes 2024-2025 in Erbil",
    "bearer bonds and sovereign debt",
    "the token gesture by the PMF",
    "resolution 2367 of the UN security council",
  ])("leaves alone: %s", (text) => {
    expect(redactSecrets(text)).toBe(text);
  });
});

describe("a secret pasted into /ask", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it("is stored and shown by /gaps redacted", async () => {
    const storage = tempStorage(tmp);
    const bot = new Bot(knowledge(), recordingLogger(), commands, { services: storage.services });
    const curator: RequestOrigin = {
      platform: "slack",
      userId: "U1",
      channelId: "C1",
      workspaceId: "T1",
      ...fromAdapter("slack", true),
    };
    const asked = await bot.router.runText(`/ask why is ${SLACK_BOT} refused by bitcoin`, curator);
    expect(asked.kind).toBe("abstain");
    const answered = await bot.router.runText(`/ask did iraq shoot at anything? ${AWS}`, curator);
    expect(answered.kind).toBe("answer");

    const stored = JSON.stringify([
      storage.db.prepare("SELECT * FROM unanswered").all(),
      storage.db.prepare("SELECT * FROM answers").all(),
    ]);
    expect(stored).not.toContain(SLACK_BOT);
    expect(stored).not.toContain(AWS);
    expect(stored).toContain(`did iraq shoot at anything? ${CENSOR}`);
    expect(stored).toContain(`why is ${CENSOR} refused by bitcoin`);
    const gaps = renderText(await bot.router.runText("/gaps", curator));
    expect(gaps).toContain(`why is ${CENSOR} refused by bitcoin`);
    expect(gaps).not.toContain("xoxb");
    storage.close();
  });
});
