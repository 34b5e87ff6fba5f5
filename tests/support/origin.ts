/** Origins for tests: what each adapter adds to who-asked-where, with a fixed permission. */
import { DISCORD_WORDS } from "../../src/adapters/discord/origin.ts";
import { SLACK_WORDS } from "../../src/adapters/slack/origin.ts";
import { consoleOrigin, type Platform, type RequestOrigin } from "../../src/core/command.ts";

const WORDS = { discord: DISCORD_WORDS, slack: SLACK_WORDS, console: consoleOrigin.words };

/** The permission check and the words an adapter of `platform` supplies. */
export function fromAdapter(
  platform: Platform,
  mayManage: boolean,
): Pick<RequestOrigin, "mayManageChannel" | "words" | "operator"> {
  return {
    mayManageChannel: async () => mayManage,
    words: WORDS[platform],
    ...(platform === "console" ? { operator: true } : {}),
  };
}
