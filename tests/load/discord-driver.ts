/**
 * The Discord side of tests/load/discord-load.test.ts, in its own process as Discord would be:
 * starts the stand-in (REST and gateway), prints its API URL, waits for the bot to connect, then
 * sends interactions through the gateway, `concurrency` outstanding at a time, after a warm-up.
 * Prints one JSON line with each interaction's time from dispatch to its first callback and
 * everything the stand-in refused.
 *
 *   node --import tsx tests/load/discord-driver.ts <warmUp> <count> <concurrency>
 */
import {
  DiscordStandIn,
  isMessage,
  type RecordedCall,
  type SentInteraction,
} from "../discord/stand-in.ts";
import { pool } from "./stats.ts";

type Send = (s: DiscordStandIn) => SentInteraction;
const MIX: Send[] = [
  (s) => s.command("ask", { question: "did iraq shoot at anything?" }),
  (s) => s.command("militia", { name: "nujaba" }),
  (s) => s.autocomplete("militia", "name", "kat"),
  (s) => s.command("airspace"),
  (s) => s.command("timeline", { filter: "radar" }),
  (s) => s.autocomplete("who", "name", "su"),
  (s) => s.command("who", { name: "sudani", public: true }),
  (s) => s.command("briefing", { topic: "policy" }),
  (s) => s.command("help"),
  (s) => s.command("ask", { question: "@everyone <@&123> what did the militias do?" }),
];

export interface DriverResult {
  /** Milliseconds from dispatch to the first (accepted) callback, per measured interaction. */
  latencies: number[];
  deferred: number;
  failures: string[];
  warmUpMaxMs: number;
  wallMs: number;
}

const isCallback = (c: RecordedCall) => c.path.endsWith("/callback");

async function interact(
  standIn: DiscordStandIn,
  i: number,
  result: DriverResult,
): Promise<number | undefined> {
  const sent = (MIX[i % MIX.length] as Send)(standIn);
  let calls: RecordedCall[];
  try {
    calls = await standIn.waitFor(sent, (cs) => cs.some(isCallback), 10_000);
  } catch (error) {
    result.failures.push(`#${i}: ${(error as Error).message}`);
    return undefined;
  }
  const first = calls.find(isCallback) as RecordedCall;
  if (first.status !== 204) {
    result.failures.push(`#${i}: first callback ${first.status} (code ${first.code})`);
    return undefined;
  }
  if ((first.body as { type?: number }).type === 5) {
    result.deferred += 1;
    const all = await standIn
      .waitFor(sent, (cs) => cs.some(isMessage) || cs.some((c) => c.status >= 400), 10_000)
      .catch(() => []);
    if (!all.some(isMessage)) result.failures.push(`#${i}: deferred reply not delivered`);
  }
  const refused = sent.calls.filter((c) => c.status >= 400);
  if (refused.length > 0)
    result.failures.push(`#${i}: refused ${JSON.stringify(refused.map((c) => [c.path, c.code]))}`);
  return first.sinceDispatch ?? Number.POSITIVE_INFINITY;
}

async function main(): Promise<void> {
  const [warmUp, count, concurrency] = process.argv.slice(2).map(Number);
  const standIn = await DiscordStandIn.start();
  process.stdout.write(`${JSON.stringify({ apiUrl: standIn.apiUrl })}\n`);
  await standIn.identified;
  const result: DriverResult = {
    latencies: [],
    deferred: 0,
    failures: [],
    warmUpMaxMs: 0,
    wallMs: 0,
  };
  await pool(warmUp ?? 0, concurrency ?? 1, async (i) => {
    const ms = await interact(standIn, i, result);
    if (ms !== undefined) result.warmUpMaxMs = Math.max(result.warmUpMaxMs, ms);
  });
  const started = performance.now();
  await pool(count ?? 0, concurrency ?? 1, async (i) => {
    const ms = await interact(standIn, i, result);
    if (ms !== undefined) result.latencies.push(ms);
  });
  result.wallMs = performance.now() - started;
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await standIn.close();
}

if (process.argv[1] === import.meta.filename) await main();
