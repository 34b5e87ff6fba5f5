/**
 * Discord reply latency on loopback: the real discord.js Client logged in to the local
 * stand-in, from the INTERACTION_CREATE dispatch leaving the stand-in's gateway to the first
 * callback (the reply itself, or the autocomplete result) fully received by its REST side.
 * One interaction at a time, so each figure is one reply's latency, not throughput; then a
 * burst of interactions dispatched together, as when a channel is busy.
 *
 *   npx tsx bench/discord-latency.ts [--n 200] [--warmup 20] [--burst 50]
 */
import { parseArgs } from "node:util";
import { startHarness } from "../tests/discord/harness.ts";
import type { DiscordStandIn, SentInteraction } from "../tests/discord/stand-in.ts";
import { latencyStats } from "./stats.ts";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "200" },
    warmup: { type: "string", default: "20" },
    burst: { type: "string", default: "50" },
  },
});
const n = Number(values.n);
const warmup = Number(values.warmup);
const burst = Number(values.burst);
for (const [name, value] of [
  ["--n", n],
  ["--warmup", warmup],
  ["--burst", burst],
] as const) {
  if (!Number.isInteger(value) || value < 0 || value > 10_000)
    throw new Error(`${name} must be an integer from 0 to 10000`);
}

/** What people send, in rotation: profiles, questions, briefings, autocomplete, help. */
const MIX: [label: string, send: (s: DiscordStandIn) => SentInteraction][] = [
  ["/militia nujaba", (s) => s.command("militia", { name: "nujaba" })],
  ["/ask did iraq shoot…", (s) => s.command("ask", { question: "did iraq shoot at anything?" })],
  ["/airspace", (s) => s.command("airspace")],
  ["/timeline radar", (s) => s.command("timeline", { filter: "radar" })],
  ["/who sudani", (s) => s.command("who", { name: "sudani" })],
  ["/briefing militias", (s) => s.command("briefing", { topic: "militias" })],
  ["autocomplete nujab", (s) => s.autocomplete("militia", "name", "nujab")],
  ["/help", (s) => s.command("help")],
];

function pick(i: number): (typeof MIX)[number] {
  const entry = MIX[i % MIX.length];
  if (!entry) throw new Error("the mix is empty");
  return entry;
}

function report(label: string, samples: number[]) {
  const s = latencyStats(samples);
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  console.log(
    `${label.padEnd(30)} n=${s.n}  median ${ms(s.median)}  p90 ${ms(s.p90)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  mean ${ms(s.mean)}`,
  );
}

/** Time from dispatch to the first callback, which must have been accepted. */
async function firstCallback(standIn: DiscordStandIn, sent: SentInteraction): Promise<number> {
  const [call] = await standIn.waitFor(sent, (calls) => calls.length > 0);
  if (!call || call.status >= 300 || call.sinceDispatch === undefined) {
    throw new Error(`refused: ${JSON.stringify(call)}`.slice(0, 300));
  }
  return call.sinceDispatch;
}

const h = await startHarness();
try {
  const all: number[] = [];
  const byLabel = new Map<string, number[]>();
  for (let i = 0; i < warmup + n; i++) {
    const [label, send] = pick(i);
    const elapsed = await firstCallback(h.standIn, send(h.standIn));
    if (i < warmup) continue;
    all.push(elapsed);
    byLabel.set(label, [...(byLabel.get(label) ?? []), elapsed]);
  }

  const together: number[] = [];
  if (burst > 0) {
    const sent = Array.from({ length: burst }, (_, i) => pick(i)[1](h.standIn));
    together.push(...(await Promise.all(sent.map((s) => firstCallback(h.standIn, s)))));
  }

  const deferred = h.standIn.calls.filter(
    (c) => (c.body as { type?: number } | undefined)?.type === 5,
  ).length;
  console.log(
    `Discord reply latency on loopback, dispatch → first callback (Node ${process.version}, discord.js, ${warmup} warm-up interactions not counted)`,
  );
  report("one at a time", all);
  for (const [label, samples] of byLabel) report(`  ${label}`, samples);
  if (burst > 0) report(`burst of ${burst} at once`, together);
  console.log(
    `deferrals (type 5): ${deferred}; refused calls: ${h.standIn.calls.filter((c) => c.status >= 400).length}`,
  );
} finally {
  await h.close();
}
