/**
 * The load generator for tests/load/slack-load.test.ts, run in its own process as Slack's servers
 * would be: signed slash commands to the Bolt HTTP endpoint, `concurrency` at a time. Prints one
 * JSON line: each request's latency to its ack (with the reply), or its send time when the ack
 * was empty (the reply then comes through response_url, timed by the test).
 *
 * Every reply is checked as the stand-ins check them (block limits, escaping) before it counts.
 *
 *   SLACK_SIGNING_SECRET=... node --import tsx tests/load/slack-client.ts <endpoint> <responseBase> <warmUp> <count> <concurrency>
 */
import { createHmac } from "node:crypto";
import { unescapedMarkup } from "../slack/helpers.ts";
import { blockProblems } from "../slack/stand-in.ts";
import { pool } from "./stats.ts";

export const MIX: [string, string][] = [
  ["/ask", "did iraq shoot at anything?"],
  ["/militia", "nujaba"],
  ["/airspace", ""],
  ["/timeline", "radar"],
  ["/who", "sudani"],
  ["/policy", ""],
  ["/briefing", "militias"],
  ["/help", ""],
  ["/source", ""],
  ["/ask", "<!channel> what happened june 17 & why?"],
];

export interface ClientResult {
  /** Request index → ms from send to a full ack carrying the reply. */
  acked: Record<number, number>;
  /** Request index → epoch ms when sent, for acks that came back empty. */
  emptyAckSentAt: Record<number, number>;
  failures: string[];
  /** The slowest warm-up request, ms (warm-up requests are checked, not counted). */
  warmUpMaxMs: number;
  /** The measured run, from its first request to its last answer. */
  wallMs: number;
}

export function slashBody(i: number, responseBase: string): string {
  const [command, text] = MIX[i % MIX.length] as [string, string];
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: "T0000001",
    team_domain: "policywatch-test",
    channel_id: `C${100 + (i % 5)}`,
    channel_name: "general",
    user_id: `U${1000 + (i % 50)}`,
    user_name: "analyst",
    command,
    text,
    api_app_id: "A0001",
    is_enterprise_install: "false",
    response_url: `${responseBase}/load-${i}`,
    trigger_id: `trigger-load-${i}`,
  }).toString();
}

/** POSTs a form body signed as Slack signs it, timestamped now. */
export function postSigned(endpoint: string, body: string, secret: string): Promise<Response> {
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${ts}:${body}`).digest("hex")}`;
  return fetch(endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": signature,
    },
    body,
  });
}

async function main(): Promise<void> {
  const [endpoint, responseBase, warmUp, count, concurrency] = process.argv.slice(2).map(String);
  const secret = process.env.SLACK_SIGNING_SECRET ?? "";
  if (!endpoint || !responseBase || !secret) throw new Error("usage: see the file's comment");
  const result: ClientResult = {
    acked: {},
    emptyAckSentAt: {},
    failures: [],
    warmUpMaxMs: 0,
    wallMs: 0,
  };

  /** Sends request `i`; resolves with its latency to a full ack, or undefined. */
  const send = async (i: number): Promise<number | undefined> => {
    const sentAt = performance.now();
    try {
      const res = await postSigned(endpoint, slashBody(i, responseBase), secret);
      const raw = await res.text();
      const ms = performance.now() - sentAt;
      if (res.status !== 200) {
        result.failures.push(`#${i}: HTTP ${res.status}`);
        return undefined;
      }
      if (!raw) {
        result.emptyAckSentAt[i] = performance.timeOrigin + sentAt;
        return undefined;
      }
      const message = JSON.parse(raw) as { text?: string; blocks?: unknown[] };
      const problems = [...blockProblems(message.blocks), ...unescapedMarkup(message)];
      if (!message.blocks?.length) problems.push("no blocks");
      if (problems.length > 0) result.failures.push(`#${i}: ${problems.join("; ")}`);
      return ms;
    } catch (error) {
      result.failures.push(`#${i}: ${(error as Error).message}`);
      return undefined;
    }
  };

  const n = Number(count);
  // Warm-up requests come after the measured ones in numbering, so ids never clash.
  await pool(Number(warmUp), Number(concurrency), async (k) => {
    const ms = await send(n + k);
    if (ms !== undefined) result.warmUpMaxMs = Math.max(result.warmUpMaxMs, ms);
  });
  const started = performance.now();
  await pool(n, Number(concurrency), async (i) => {
    const ms = await send(i);
    if (ms !== undefined) result.acked[i] = ms;
  });
  result.wallMs = performance.now() - started;
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[1] === import.meta.filename) await main();
