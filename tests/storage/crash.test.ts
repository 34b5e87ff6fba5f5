/**
 * A process killed (SIGKILL: no clean-up of any kind) while it writes subscriptions as fast as
 * it can leaves a database that opens, passes SQLite's integrity check, and holds every
 * subscription it had acknowledged; a new process carries on writing to it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { openDatabase } from "../../src/storage/database.ts";
import { tempDir } from "../support/storage.ts";

const root = path.resolve(import.meta.dirname, "../..");
const tmp = tempDir();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  tmp.cleanup();
});

/** Runs the writer until it has acknowledged `acks` subscriptions, then kills it mid-stride. */
async function runAndKill(file: string, prefix: string, acks: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/storage/subscribe-loop.ts"], {
    cwd: root,
    env: { PATH: process.env.PATH, DATABASE_PATH: file, CHANNEL_PREFIX: prefix },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const acknowledged: { id: number; channel: string }[] = [];
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let buffered = "";
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once("exit", (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        const m = /^(\d+) (\S+)$/.exec(line);
        if (m) acknowledged.push({ id: Number(m[1]), channel: m[2] ?? "" });
      }
      if (acknowledged.length >= acks && child.exitCode === null) {
        child.kill("SIGKILL"); // while it is writing the next ones
        resolve();
      }
    });
    void exited.then(() => reject(new Error(`the writer stopped by itself:\n${stderr}`)));
  }).catch((error) => {
    if (acknowledged.length < acks) throw error;
  });
  expect(await exited).toBe("SIGKILL");
  return acknowledged;
}

test("a killed process loses no acknowledged subscription, and the file stays sound", async () => {
  const file = tmp.file("crash.db");
  const first = await runAndKill(file, "A", 150);
  const second = await runAndKill(file, "B", 150);

  const db = openDatabase(file);
  try {
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    const rows = db
      .prepare("SELECT id, channel_id AS channel, status FROM subscriptions ORDER BY id")
      .all() as { id: number; channel: string; status: string }[];
    const stored = new Map(rows.map((r) => [r.id, r]));
    for (const ack of [...first, ...second]) {
      expect(stored.get(ack.id), `subscription ${ack.id}`).toMatchObject({
        channel: ack.channel,
        status: "active",
      });
    }
    // The second process went on from where the first stopped, with no id reused.
    expect(Math.min(...second.map((a) => a.id))).toBeGreaterThan(
      Math.max(...first.map((a) => a.id)),
    );
    expect(rows.length).toBeGreaterThanOrEqual(first.length + second.length);
  } finally {
    db.close();
  }
}, 30_000);
