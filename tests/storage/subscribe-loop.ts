/**
 * A child process for crash.test.ts: subscribes channel after channel through the real
 * /briefing command on DATABASE_PATH, and prints "<id> <channel>" once each reply (the
 * acknowledgement a person would see) is ready. It never stops by itself: the test kills it.
 */
import { commands } from "../../commands/index.ts";
import { Bot } from "../../src/bot.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { openKnowledge } from "../../src/knowledge/knowledge.ts";
import { openStorage } from "../../src/storage/index.ts";
import { fromAdapter } from "../support/origin.ts";

const path = process.env.DATABASE_PATH;
if (!path) throw new Error("set DATABASE_PATH");
const prefix = process.env.CHANNEL_PREFIX ?? "C";
const storage = openStorage({ path });
const bot = new Bot(openKnowledge(), silentLogger, commands, { services: storage.services });
process.stdout.write("ready\n");
for (let i = 1; ; i++) {
  const channelId = `${prefix}${i}`;
  const reply = await bot.router.runText("/briefing subscribe militias weekdays 09:00", {
    platform: "slack",
    userId: "U1",
    channelId,
    workspaceId: "T1",
    ...fromAdapter("slack", true),
  });
  const id = /^Subscription (\d+):/.exec(reply.lead ?? "")?.[1];
  if (!id) throw new Error(`not subscribed: ${reply.lead}`);
  process.stdout.write(`${id} ${channelId}\n`);
}
