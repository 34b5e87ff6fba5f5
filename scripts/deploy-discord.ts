/**
 * `npm run deploy:discord [-- --dry-run]`: registers the slash commands built from commands/.
 * To DISCORD_GUILD_ID when set (appears at once), else globally. `--dry-run` prints the JSON
 * and needs no token. Run it again whenever a command or option changes.
 */

import { REST } from "discord.js";
import dotenv from "dotenv";
import { commands } from "../commands/index.ts";
import {
  buildCommandDefinitions,
  CommandDefinitionError,
  deployCommands,
} from "../src/adapters/discord/register.ts";
import { ConfigError, parseConfig } from "../src/config.ts";
import { describeFailure } from "../src/core/errors.ts";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

dotenv.config({ quiet: true });
try {
  const definitions = buildCommandDefinitions(commands);
  if (process.argv.includes("--dry-run")) {
    process.stdout.write(`${JSON.stringify(definitions, null, 2)}\n`);
  } else {
    const config = parseConfig();
    const token =
      config.DISCORD_TOKEN ?? fail("Set DISCORD_TOKEN (the bot token) to register commands.");
    const applicationId = config.DISCORD_APPLICATION_ID ?? fail("Set DISCORD_APPLICATION_ID.");
    const rest = new REST({
      ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
    }).setToken(token);
    const { scope, count } = await deployCommands(
      { rest, applicationId, guildId: config.DISCORD_GUILD_ID },
      definitions,
    );
    process.stdout.write(
      scope === "guild"
        ? `Registered ${count} commands in server ${config.DISCORD_GUILD_ID}: they work now.\n`
        : `Registered ${count} global commands: they can take a few minutes to show in every server.\n`,
    );
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof CommandDefinitionError) fail(error.message);
  fail(`Registering the commands failed: ${String(describeFailure(error).message)}`);
}
