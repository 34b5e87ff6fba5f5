/**
 * Load on loopback: 1,000 interactions (slash commands and autocomplete) through the Discord
 * stand-in's gateway to the real discord.js client, 50 outstanding at a time, with the rate
 * limiter in place (set high enough for a load test). The stand-in runs in its own process
 * (tests/load/discord-driver.ts), as Discord would, and sends 100 warm-up interactions first.
 * Every first callback must be accepted within Discord's 3 s (the stand-in refuses a later one),
 * and a deferred reply must then be delivered too. p50/p99 latency (dispatch → first callback)
 * and throughput are printed, not asserted.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, expect, test } from "vitest";
import { commands } from "../../commands/index.ts";
import { startDiscordClient } from "../../src/adapters/discord/client.ts";
import { Bot } from "../../src/bot.ts";
import { rateLimitGuard } from "../../src/core/rate-limit.ts";
import { memoryLogger, testKnowledge } from "../discord/harness.ts";
import type { DriverResult } from "./discord-driver.ts";
import { figures, report } from "./stats.ts";

const INTERACTIONS = 1000;
const CONCURRENCY = 50;
const WARM_UP = 100;
const DEADLINE_MS = 3000;
const root = path.resolve(import.meta.dirname, "../..");

const log = memoryLogger();
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

test(`${INTERACTIONS} interactions through the gateway, ${CONCURRENCY} outstanding: every one answered within 3 s`, async () => {
  const driver = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "tests/load/discord-driver.ts",
      ...[WARM_UP, INTERACTIONS, CONCURRENCY].map(String),
    ],
    { cwd: root, env: { PATH: process.env.PATH }, stdio: ["ignore", "pipe", "pipe"] },
  );
  cleanups.push(() => {
    if (driver.exitCode === null) driver.kill("SIGKILL");
  });
  let stderr = "";
  driver.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: driver.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error(`the driver stopped:\n${stderr}`);
    return JSON.parse(line.value) as unknown;
  };

  const { apiUrl } = (await next()) as { apiUrl: string };
  const bot = new Bot(testKnowledge(), log, commands, {
    guards: [rateLimitGuard({ userPerMinute: 100_000, channelPublicPerMinute: 100_000 }, log)],
  });
  const running = await startDiscordClient(bot, {
    token: "stand-in-token",
    api: apiUrl,
    retries: 0,
    readyTimeoutMs: 10_000,
  });
  cleanups.push(() => running.stop());
  const result = (await next()) as DriverResult;

  const f = figures(result.latencies, result.wallMs);
  report(
    "Discord gateway",
    f,
    `, ${result.deferred} deferred, ${(result.wallMs / 1000).toFixed(1)} s in all (after ${WARM_UP} warm-up interactions, slowest ${Math.round(result.warmUpMaxMs)} ms)`,
  );
  expect(result.failures).toEqual([]);
  expect(f.n).toBe(INTERACTIONS);
  expect(result.warmUpMaxMs).toBeLessThan(DEADLINE_MS);
  expect(result.latencies.filter((ms) => ms >= DEADLINE_MS)).toEqual([]);
  expect(log.entries.filter((e) => e.level === "error")).toEqual([]);
  expect(log.entries.filter((e) => e.message === "rate limited")).toEqual([]);
}, 60_000);
