/**
 * Slack ack latency on loopback: the real Bolt App answering signed slash commands, from the
 * request leaving the client to the ack (which carries the reply) fully read. HTTP mode over
 * 127.0.0.1, and Socket Mode through the local stand-in (envelope sent → ack received).
 * Requests go one at a time, so each figure is one request's latency, not throughput.
 *
 *   npx tsx bench/slack-latency.ts [--n 300] [--warmup 30]
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { commands } from "../commands/index.ts";
import { createSlackApp } from "../src/adapters/slack/app.ts";
import { Bot } from "../src/bot.ts";
import { silentLogger } from "../src/core/logger.ts";
import { openKnowledge } from "../src/knowledge/knowledge.ts";
import { post, signingSecret, slashBody } from "../tests/slack/helpers.ts";
import { SlackStandIn } from "../tests/slack/stand-in.ts";
import { latencyStats } from "./stats.ts";

const { values } = parseArgs({
  options: { n: { type: "string", default: "300" }, warmup: { type: "string", default: "30" } },
});
const n = Number(values.n);
const warmup = Number(values.warmup);
if (!Number.isInteger(n) || n < 1 || n > 10_000)
  throw new Error("--n must be an integer from 1 to 10000");

/** What people type, in rotation: briefings, profiles, questions, help. */
const MIX: [string, string][] = [
  ["/airspace", ""],
  ["/militia", "nujaba"],
  ["/ask", "did iraq shoot at anything?"],
  ["/timeline", "radar"],
  ["/who", "sudani"],
  ["/help", ""],
];

function report(label: string, samples: number[]) {
  const s = latencyStats(samples);
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  console.log(
    `${label.padEnd(28)} n=${s.n}  median ${ms(s.median)}  p90 ${ms(s.p90)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  mean ${ms(s.mean)}`,
  );
}

const bot = new Bot(openKnowledge(), silentLogger, commands);
const standIn = new SlackStandIn();
await standIn.start();

// HTTP mode, as `npm start` builds it (src/adapters/slack/receiver.ts, default limits).
const httpApp = createSlackApp(bot, {
  botToken: "xoxb-bench",
  signingSecret,
  apiUrl: standIn.apiUrl,
  clientOptions: { retryConfig: { retries: 0 } },
});
const server = (await httpApp.start({ port: 0, host: "127.0.0.1" })) as Server;
const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;

const http: number[] = [];
const byCommand = new Map<string, number[]>();
for (let i = 0; i < warmup + n; i++) {
  const [command, text] = MIX[i % MIX.length] ?? ["/help", ""];
  const body = slashBody(command, text, standIn.responseUrl("bench"));
  const started = performance.now();
  const res = await post(endpoint, body);
  const ack = await res.text();
  const elapsed = performance.now() - started;
  if (res.status !== 200 || !ack.includes('"blocks"'))
    throw new Error(`${command}: ${res.status} ${ack.slice(0, 200)}`);
  if (i < warmup) continue;
  http.push(elapsed);
  byCommand.set(command, [...(byCommand.get(command) ?? []), elapsed]);
}
await httpApp.stop();

// Socket Mode: the same commands as envelopes over the stand-in's WebSocket.
const socketApp = createSlackApp(bot, {
  botToken: "xoxb-bench",
  appToken: "xapp-bench",
  apiUrl: standIn.apiUrl,
  clientOptions: { retryConfig: { retries: 0 } },
});
await socketApp.start();
const socket: number[] = [];
for (let i = 0; i < warmup + n; i++) {
  const [command, text] = MIX[i % MIX.length] ?? ["/help", ""];
  const payload = Object.fromEntries(
    new URLSearchParams(slashBody(command, text, standIn.responseUrl("bench"))),
  );
  const started = performance.now();
  const ack = (await standIn.envelope("slash_commands", payload)) as { blocks?: unknown[] };
  const elapsed = performance.now() - started;
  if (!ack.blocks) throw new Error(`${command}: ack without blocks`);
  if (i >= warmup) socket.push(elapsed);
}
await socketApp.stop();
await standIn.stop();

console.log(
  `Slack ack latency on loopback (Node ${process.version}, ${warmup} warm-up requests not counted)`,
);
report("HTTP, signed POST → ack", http);
for (const [command, samples] of byCommand) report(`  ${command}`, samples);
report("Socket Mode, envelope → ack", socket);
