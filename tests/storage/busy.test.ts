/**
 * Another connection holding the write lock (a stuck process, a long backup): the command that
 * needs to write hears "busy, try again" and saves nothing; commands that need no write are
 * answered meanwhile; a lock let go within the wait costs nothing but the wait; what was
 * confirmed is all there afterwards. Latency under a held lock is measured by `npm run
 * bench:lock`, not here.
 */
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { Bot } from "../../src/bot.ts";
import { openStorage } from "../../src/storage/index.ts";
import { knowledge, recordingLogger } from "../support/knowledge.ts";
import { channelManager, tempDir } from "../support/storage.ts";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const SUBSCRIBE = "/briefing subscribe militias daily 08:30";

let files = 0;
function setup(busyWaitMs?: number) {
  const path = tmp.file(`busy-${++files}.db`);
  const log = recordingLogger();
  const storage = openStorage({ path, log, ...(busyWaitMs ? { busyWaitMs } : {}) });
  const bot = new Bot(knowledge(), log, commands, { services: storage.services });
  /** A second connection, as another process would hold it: BEGIN IMMEDIATE, not committed. */
  const holder = new Database(path);
  const hold = () => holder.exec("BEGIN IMMEDIATE");
  const release = () => holder.exec("COMMIT");
  const run = (line: string, channel = "C1") => bot.router.runText(line, channelManager(channel));
  const close = () => {
    holder.close();
    storage.close();
  };
  return { path, log, storage, run, hold, release, close };
}

function settled(promise: Promise<unknown>): () => boolean {
  let done = false;
  void promise.finally(() => {
    done = true;
  });
  return () => done;
}

describe("a write lock held by another connection", () => {
  it("costs a subscribe a plain busy reply, logged, and nothing is stored", async () => {
    const { log, storage, run, hold, release, close } = setup();
    hold();
    const reply = await run(SUBSCRIBE);
    expect(reply.title).toBe("Busy, try again");
    expect(reply.lead).toBe(
      "Couldn't save the subscription, so nothing was scheduled (the database is busy with another write). Please try again in a few seconds.",
    );
    expect(log.lines.find((l) => Reflect.get(l.fields, "errorId") === reply.errorId)).toMatchObject(
      { level: "warn", message: "storage busy: nothing was saved" },
    );
    release();
    expect(storage.db.prepare("SELECT COUNT(*) AS n FROM subscriptions").get()).toEqual({ n: 0 });
    close();
  });

  it("answers /help and reads while a write waits for the lock", async () => {
    const { run, hold, release, close } = setup(2_000);
    await run(SUBSCRIBE, "EARLIER");
    hold();
    const write = run(SUBSCRIBE);
    const writeDone = settled(write);
    const help = await run("/help");
    expect(help.title).toMatch(/commands/i);
    // Reads need no write lock (WAL): /briefing list answers while the subscribe still waits.
    const list = await run("/briefing list", "EARLIER");
    expect(list.lead).toMatch(/^1 in this channel/);
    expect(writeDone()).toBe(false);
    release();
    expect((await write).title).toBe("Briefing scheduled");
    close();
  });

  it("a lock let go within the wait costs only the wait: the write goes through", async () => {
    const { storage, run, hold, release, close } = setup(1_000);
    hold();
    setTimeout(release, 30);
    const reply = await run(SUBSCRIBE);
    expect(reply.title).toBe("Briefing scheduled");
    expect(storage.db.prepare("SELECT channel_id FROM subscriptions").all()).toEqual([
      { channel_id: "C1" },
    ]);
    close();
  });

  it("nothing confirmed is lost and nothing refused is stored, across a lock taken and let go", async () => {
    const { path, run, hold, release, close } = setup();
    const replies: { channel: string; scheduled: boolean }[] = [];
    for (let i = 1; i <= 12; i++) {
      if (i === 5) hold();
      if (i === 9) release();
      const reply = await run(SUBSCRIBE, `C${i}`);
      replies.push({ channel: `C${i}`, scheduled: reply.title === "Briefing scheduled" });
    }
    close();
    const again = openStorage({ path });
    const stored = (
      again.db.prepare("SELECT channel_id FROM subscriptions ORDER BY id").all() as {
        channel_id: string;
      }[]
    ).map((r) => r.channel_id);
    again.close();
    expect(stored).toEqual(replies.filter((r) => r.scheduled).map((r) => r.channel));
    expect(replies.map((r) => r.scheduled)).toEqual([
      ...Array(4).fill(true),
      ...Array(4).fill(false),
      ...Array(4).fill(true),
    ]);
  });
});
