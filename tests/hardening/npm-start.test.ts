/**
 * `npm start` as a supervisor runs it: SIGTERM goes to npm's process only. The bot must get it,
 * stop cleanly, and leave nothing behind: npm exits, no process of the group survives (the bot
 * used to run on as an orphan under tsx's watcher process), and the port is free for the next
 * start.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test, vi } from "vitest";
import { SlackStandIn } from "../slack/stand-in.ts";

const root = path.resolve(import.meta.dirname, "../..");
const work = mkdtempSync(path.join(tmpdir(), "policywatch-npm-start-"));
const standIn = new SlackStandIn();
let group: number | undefined;

afterAll(async () => {
  if (group && groupAlive(group)) process.kill(-group, "SIGKILL");
  await standIn.stop();
  rmSync(work, { recursive: true, force: true });
});

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test("SIGTERM to npm start stops the bot cleanly: no orphan, the port is free", async () => {
  await standIn.start();
  const port = await freePort();
  const npm = spawn("npm", ["start"], {
    cwd: root,
    // A process group of its own, so the test can see whether anything of it survives.
    detached: true,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOG_LEVEL: "info",
      SLACK_BOT_TOKEN: "xoxb-npm-start",
      SLACK_SIGNING_SECRET: randomBytes(16).toString("hex"),
      SLACK_API_URL: standIn.apiUrl,
      PORT: String(port),
      KNOWLEDGE_WATCH: "false",
      DATABASE_PATH: path.join(work, "bot.db"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  group = npm.pid;
  let output = "";
  npm.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  npm.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  // npm may exit before the bot has finished stopping: wait until the output closes, which
  // happens once the last process holding it (the bot) is gone.
  const exited = new Promise<number | null>((resolve) => npm.once("close", resolve));

  await vi.waitFor(() => expect(output).toContain("slack: listening on POST /slack/events"), {
    timeout: 20_000,
    interval: 50,
  });
  expect(await portFree(port)).toBe(false);

  npm.kill("SIGTERM");
  const code = await exited;
  expect(output, output).toContain('"msg":"stopped: goodbye"');
  // npm reports a child stopped by a signal as failed; the bot itself exited 0 after its goodbye.
  expect(code === 0 || code === 143 || code === null).toBe(true);
  await vi.waitFor(() => expect(groupAlive(npm.pid as number)).toBe(false), { timeout: 5000 });
  expect(await portFree(port)).toBe(true);
}, 40_000);
