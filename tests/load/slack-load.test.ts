/**
 * Load on loopback: 2,000 signed slash commands to the real Bolt HTTP receiver, 50 at a time, from
 * 50 people in 5 channels, with the rate limiter in place (set high enough for a load test). The
 * requests come from a separate process (tests/load/slack-client.ts), as Slack's would, after
 * 200 warm-up requests. Every one must be answered within Slack's 3 s with a message Slack would
 * accept; p50/p99 latency and throughput are printed, not asserted.
 */
import { spawn } from "node:child_process";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { commands } from "../../commands/index.ts";
import { createSlackApp } from "../../src/adapters/slack/app.ts";
import { Bot } from "../../src/bot.ts";
import { rateLimitGuard } from "../../src/core/rate-limit.ts";
import { memoryLogger, testKnowledge } from "../discord/harness.ts";
import { signingSecret, unescapedMarkup } from "../slack/helpers.ts";
import { blockProblems, SlackStandIn } from "../slack/stand-in.ts";
import type { ClientResult } from "./slack-client.ts";
import { figures, report } from "./stats.ts";

const REQUESTS = 2000;
const CONCURRENCY = 50;
const WARM_UP = 200;
const DEADLINE_MS = 3000;
const root = path.resolve(import.meta.dirname, "../..");

const standIn = new SlackStandIn();
const log = memoryLogger();
const bot = new Bot(testKnowledge(), log, commands, {
  guards: [rateLimitGuard({ userPerMinute: 100_000, channelPublicPerMinute: 100_000 }, log)],
});
let endpoint = "";
let stop: () => Promise<unknown> = async () => {};

beforeAll(async () => {
  await standIn.start();
  // The endpoint as in production: Bolt's own 3 s timeout for an unacknowledged request.
  const app = createSlackApp(bot, {
    botToken: "xoxb-load-test",
    signingSecret,
    apiUrl: standIn.apiUrl,
    clientOptions: { retryConfig: { retries: 0 } },
  });
  const server = (await app.start({ port: 0, host: "127.0.0.1" })) as Server;
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  stop = () => app.stop();
});
afterAll(async () => {
  await stop();
  await standIn.stop();
});

function runClient(): Promise<ClientResult> {
  const args = [endpoint, `${standIn.url}/respond`, WARM_UP, REQUESTS, CONCURRENCY].map(String);
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "tests/load/slack-client.ts", ...args],
    {
      cwd: root,
      env: { PATH: process.env.PATH, SLACK_SIGNING_SECRET: signingSecret },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    err += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolve(JSON.parse(out) as ClientResult);
      else reject(new Error(`load client exited ${code}:\n${err}`));
    });
  });
}

test(`${REQUESTS} signed slash commands at concurrency ${CONCURRENCY}: every one answered within 3 s`, async () => {
  const result = await runClient();
  const latencies = Object.values(result.acked);
  const failures = [...result.failures];

  // Replies not ready within the ack budget come through response_url: timed from the send.
  const late = Object.entries(result.emptyAckSentAt);
  for (const [i, sentAt] of late) {
    const delivered = await standIn.waitFor((r) => r.path === `/respond/load-${i}`, 5000);
    latencies.push(performance.timeOrigin + performance.now() - sentAt);
    const problems = [...blockProblems(delivered.body.blocks), ...unescapedMarkup(delivered.body)];
    if (problems.length > 0) failures.push(`#${i} (late): ${problems.join("; ")}`);
  }

  const f = figures(latencies, result.wallMs);
  report(
    "Slack HTTP",
    f,
    `, ${late.length} answered late through response_url, ${(result.wallMs / 1000).toFixed(1)} s in all (after ${WARM_UP} warm-up requests, slowest ${Math.round(result.warmUpMaxMs)} ms)`,
  );
  expect(failures).toEqual([]);
  expect(f.n).toBe(REQUESTS);
  expect(result.warmUpMaxMs).toBeLessThan(DEADLINE_MS);
  expect(latencies.filter((ms) => ms >= DEADLINE_MS)).toEqual([]);
  expect(log.entries.filter((e) => e.level === "error")).toEqual([]);
  expect(log.entries.filter((e) => e.message === "rate limited")).toEqual([]);
}, 60_000);
