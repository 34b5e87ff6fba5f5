/**
 * The load generator of bench/slack-load.ts, in a process of its own as Slack's servers would be:
 * `count` signed slash commands (the mix of tests/load/slack-client.ts), `concurrency` at a time.
 * Prints one JSON line: each request's time from send to its ack fully read, and what came back.
 *
 *   SLACK_SIGNING_SECRET=... node --import tsx bench/load-client.ts <endpoint> <responseBase> <count> <concurrency>
 */
import { postSigned, slashBody } from "../tests/load/slack-client.ts";
import { pool } from "../tests/load/stats.ts";

export interface LoadResult {
  /** ms from send to the ack read, for every request answered with HTTP 200. */
  acked: number[];
  /** How many acks said "busy, try again". */
  busy: number;
  /** How many acks were empty (the reply follows through response_url). */
  empty: number;
  /** Anything else: an HTTP status or a network error, counted by kind. */
  failures: Record<string, number>;
  wallMs: number;
}

const [endpoint, responseBase, count, concurrency] = process.argv.slice(2);
const secret = process.env.SLACK_SIGNING_SECRET ?? "";
if (!endpoint || !responseBase || !count || !concurrency || !secret) {
  throw new Error("usage: see the comment at the top of bench/load-client.ts");
}
const result: LoadResult = { acked: [], busy: 0, empty: 0, failures: {}, wallMs: 0 };
const fail = (kind: string) => {
  result.failures[kind] = (result.failures[kind] ?? 0) + 1;
};

const started = performance.now();
await pool(Number(count), Number(concurrency), async (i) => {
  const sentAt = performance.now();
  try {
    const res = await postSigned(endpoint, slashBody(i, responseBase), secret);
    const text = await res.text();
    if (res.status !== 200) return fail(`HTTP ${res.status}`);
    result.acked.push(performance.now() - sentAt);
    if (!text) result.empty += 1;
    else if (text.includes('"Busy')) result.busy += 1;
  } catch (error) {
    fail((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message);
  }
});
result.wallMs = performance.now() - started;
process.stdout.write(`${JSON.stringify(result)}\n`);
