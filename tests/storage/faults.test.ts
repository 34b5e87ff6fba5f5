/**
 * Faulty storage (issue 19): with the database read-only, full, or its file deleted while the
 * bot runs, no write is confirmed that did not happen. The person is told what was not saved,
 * the log has the cause under the error id the reply quotes, and after a restart everything
 * that was confirmed is there.
 */
import { rmSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { Bot } from "../../src/bot.ts";
import type { RequestOrigin } from "../../src/core/command.ts";
import { REDACTED } from "../../src/core/redact.ts";
import { renderText } from "../../src/render/text.ts";
import type { Storage } from "../../src/storage/index.ts";
import { knowledge, recordingLogger } from "../support/knowledge.ts";
import { tempDir, tempStorage } from "../support/storage.ts";

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let open: Storage[] = [];
afterEach(() => {
  for (const s of open) s.close();
  open = [];
});

const origin: RequestOrigin = {
  platform: "slack",
  userId: "U1",
  channelId: "C1",
  workspaceId: "T1",
  canManageChannel: true,
};

function botOn(name: string) {
  const storage = tempStorage(tmp, { name });
  open.push(storage);
  const log = recordingLogger();
  const bot = new Bot(knowledge(), log, commands, { services: storage.services });
  return { storage, log, bot, run: (line: string) => bot.router.runText(line, origin) };
}

/** The faults, each applied to a running bot's database. */
const FAULTS: Record<string, (storage: Storage, file: string) => void> = {
  "read-only": (storage) => storage.db.pragma("query_only = ON"),
  // No room left: the file may not grow, and the pages it has are filled with removed rows.
  full: (storage) => {
    const pages = storage.db.pragma("page_count", { simple: true }) as number;
    storage.db.pragma(`max_page_count = ${pages}`);
    const filler = storage.db.prepare(
      `INSERT INTO subscriptions (platform, workspace_id, channel_id, topic, schedule, cron,
         timezone, created_by, created_at, status)
       SELECT platform, workspace_id, channel_id, 'filler ' || ?, schedule, cron, timezone,
         created_by, created_at, 'removed' FROM subscriptions WHERE id = 1`,
    );
    for (let i = 0; i < 100_000; i++) {
      try {
        filler.run(i);
      } catch {
        return;
      }
    }
    throw new Error("the database never filled up");
  },
  deleted: (_storage, file) => {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
  },
};

describe.each(Object.keys(FAULTS))("a %s database", (fault) => {
  it("confirms no subscription it did not save, says so, and logs why", async () => {
    const name = `${fault}.db`;
    const { storage, log, run } = botOn(name);
    const saved = await run("/briefing subscribe militias daily 08:30");
    expect(saved.title).toBe("Briefing scheduled");

    FAULTS[fault]?.(storage, tmp.file(name));
    const refused = await run("/briefing subscribe airspace weekdays 09:00 Europe/Paris");
    expect(refused.kind).toBe("error");
    expect(refused.title).not.toMatch(/scheduled/i);
    expect(refused.lead).toContain("couldn't save the subscription, so nothing was scheduled");
    const logged = log.lines.find((l) => l.level === "error" && /not saved/.test(l.message));
    expect(logged?.fields).toMatchObject({ errorId: refused.errorId, command: "briefing" });

    // /help needs no database and answers as always.
    expect((await run("/help")).kind).toBe("info");
    // An answer still goes out when its record cannot be kept: without feedback buttons. (On
    // the full database the answers table still has room in its pages, so it is kept.)
    const answer = await run("did iraq shoot at anything?");
    expect(answer.kind).toBe("answer");
    if (fault !== "full") expect(answer.feedback).toBeUndefined();
  });
});

describe("after a restart", () => {
  it("has every confirmed subscription, and none that was refused", async () => {
    const name = "restart.db";
    const first = botOn(name);
    await first.run("/briefing subscribe militias daily 08:30");
    FAULTS.full?.(first.storage, tmp.file(name));
    const refused = await first.run("/briefing subscribe airspace weekdays 09:00 Europe/Paris");
    expect(refused.kind).toBe("error");
    first.storage.close();
    open = open.filter((s) => s !== first.storage);

    const again = botOn(name);
    const list = renderText(await again.run("/briefing list"));
    expect(list).toMatch(/militias/i);
    expect(list).not.toMatch(/airspace/i);
  });
});

describe("secrets pasted into a question", () => {
  it("are redacted before the question is stored and shown by /gaps", async () => {
    const { run } = botOn("secrets.db");
    const token = `xoxb-${"1234567890"}-${"abcdefghijklmnop"}`;
    await run(`/ask why does ${token} not work with bitcoin`);
    const gaps = renderText(await run("/gaps"));
    expect(gaps).not.toContain(token);
    expect(gaps).toContain(REDACTED);
  });
});
