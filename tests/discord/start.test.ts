/**
 * `npm start` with DISCORD_TOKEN set and DISCORD_API_URL pointing at the stand-in: the adapter
 * registry starts Discord, the client logs in and answers, and SIGTERM stops it cleanly. A
 * login that cannot reach Discord fails with a clear error instead.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startDiscordClient } from "../../src/adapters/discord/client.ts";
import { Bot } from "../../src/bot.ts";
import { memoryLogger, testKnowledge } from "./harness.ts";
import { APPLICATION_ID, DiscordStandIn } from "./stand-in.ts";

let standIn: DiscordStandIn;
let app: ChildProcess | undefined;
let stderr = "";
// The started bot's database, in a folder of its own (never the repository's data/).
const dataDir = mkdtempSync(path.join(tmpdir(), "policywatch-start-"));

beforeAll(async () => {
  standIn = await DiscordStandIn.start();
});
afterAll(async () => {
  if (app && app.exitCode === null) app.kill("SIGKILL");
  await standIn?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test("npm start logs in to the configured Discord API and answers a slash command", async () => {
  app = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      PATH: process.env.PATH,
      DISCORD_TOKEN: "stand-in-token",
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_GUILD_ID: "",
      DISCORD_API_URL: standIn.apiUrl,
      SLACK_BOT_TOKEN: "",
      LOG_LEVEL: "info",
      DATABASE_PATH: path.join(dataDir, "start.db"),
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  app.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    app?.once("exit", (code) => resolve(code)),
  );

  await Promise.race([
    standIn.identified,
    exited.then(() => Promise.reject(new Error(`npm start exited early:\n${stderr}`))),
  ]);
  const { body } = await standIn.firstMessage(standIn.command("militia", { name: "nujaba" }));
  expect(body.embeds?.[0]?.title).toBe("Harakat Hezbollah al-Nujaba");

  app.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(stderr).toContain("discord ready");
  expect(stderr).not.toContain("stand-in-token");
}, 20_000);

test("a login that cannot reach Discord fails with a clear error and leaves nothing running", async () => {
  const closed = await DiscordStandIn.start();
  const api = closed.apiUrl;
  await closed.close();
  const bot = new Bot(testKnowledge(), memoryLogger());
  await expect(
    startDiscordClient(bot, { token: "stand-in-token", api, retries: 0, readyTimeoutMs: 2000 }),
  ).rejects.toThrow(/^Discord login failed: /);
});
