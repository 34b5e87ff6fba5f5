/**
 * Hostile knowledge edits, measured (issue 19): on a copy of knowledge/, facts.yaml is replaced by
 * a symlink to /dev/zero, then by a 50 MB file, then by a file with one 50 MB field on one line,
 * and reloaded each time while a timer measures the event loop's longest stall; the process's
 * RSS is read before and after the reload (after the file is planted). A normal reload is measured too, for comparison. Targets: each
 * hostile file refused, RSS growth under 50 MB, no stall over 100 ms.
 *
 *   npm run bench:reload
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { commands } from "../commands/index.ts";
import { Bot } from "../src/bot.ts";
import { silentLogger } from "../src/core/logger.ts";
import { openKnowledge } from "../src/knowledge/knowledge.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/knowledge/load.ts";
import { KnowledgeReloader } from "../src/knowledge/reload.ts";

const dir = mkdtempSync(path.join(tmpdir(), "policywatch-reload-bench-"));
cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
const factsFile = path.join(dir, "sources/policywatch-4078/facts.yaml");
const original = readFileSync(factsFile, "utf8");
const bot = new Bot(openKnowledge(dir), silentLogger, commands);
const reloader = new KnowledgeReloader(bot, { dir, log: silentLogger, watch: false });

const FIFTY_MB = 50 * 1024 * 1024;
const cases: [string, () => void][] = [
  ["symlink to /dev/zero", () => symlinkSync("/dev/zero", factsFile)],
  ["50 MB file", () => writeFileSync(factsFile, Buffer.alloc(FIFTY_MB, "a"))],
  [
    "50 MB field on one line",
    () => writeFileSync(factsFile, original.replace(/text: "/, `text: "${"z".repeat(FIFTY_MB)}`)),
  ],
  ["a normal reload (valid edit)", () => writeFileSync(factsFile, `${original}\n# edit\n`)],
];

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
console.log("case                           refused  RSS growth  longest stall  reload");
let failed = false;
for (const [name, plant] of cases) {
  rmSync(factsFile, { force: true });
  plant();
  // A timer that should fire every millisecond: the longest gap between firings is the stall.
  let last = performance.now();
  let longest = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const rss = process.memoryUsage().rss;
  const started = performance.now();
  const outcome = await reloader.reload(name);
  const ms = performance.now() - started;
  const growth = process.memoryUsage().rss - rss;
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(tick);
  const hostile = !name.startsWith("a normal");
  const refused = !outcome.ok;
  console.log(
    `${name.padEnd(30)} ${String(refused).padEnd(8)} ${mb(growth).padStart(10)}  ${`${longest.toFixed(1)} ms`.padStart(13)}  ${ms.toFixed(0)} ms${outcome.ok ? "" : `: ${outcome.problems[0]?.slice(0, 90)}`}`,
  );
  if (hostile && (!refused || growth > FIFTY_MB || longest > 100)) failed = true;
}
rmSync(factsFile, { force: true });
writeFileSync(factsFile, original);
await reloader.stop();
rmSync(dir, { recursive: true, force: true });
console.log(
  failed ? "FAILED: a hostile file was read, or grew RSS by 50 MB, or stalled over 100 ms" : "OK",
);
process.exitCode = failed ? 1 : 0;
