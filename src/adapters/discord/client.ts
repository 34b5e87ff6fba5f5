/**
 * The gateway connection: a discord.js Client that logs in, waits until ready, and hands every
 * interaction to the receive layer. The REST base is configurable (DISCORD_API_URL) so tests
 * can point the real client at a local stand-in; the gateway URL comes from GET /gateway/bot.
 */
import { once } from "node:events";
import { Client, Events, GatewayIntentBits } from "discord.js";
import type { Bot } from "../../bot.ts";
import { describeFailure } from "../../core/errors.ts";
import { createInteractionHandler, type ReceiveOptions } from "./receive.ts";

export interface DiscordClientOptions extends ReceiveOptions {
  token: string;
  /** REST base without the version, e.g. https://discord.com/api. Default: Discord's. */
  api?: string | undefined;
  /** REST retries on 5xx and network errors; tests pass 0 so a failure shows at once. */
  retries?: number;
  /** REST request timeout in ms (discord.js default 15 s); a timed-out call counts as a failure. */
  timeout?: number;
  readyTimeoutMs?: number;
}

export interface RunningDiscord {
  client: Client<true>;
  stop(): Promise<void>;
}

export async function startDiscordClient(
  bot: Bot,
  options: DiscordClientOptions,
): Promise<RunningDiscord> {
  const { token, api, retries, timeout, readyTimeoutMs = 30_000 } = options;
  const client = new Client({
    // Interactions arrive without any intent; Guilds keeps the server list for the logs.
    intents: [GatewayIntentBits.Guilds],
    rest: {
      ...(api ? { api } : {}),
      ...(retries !== undefined ? { retries } : {}),
      ...(timeout !== undefined ? { timeout } : {}),
    },
  });
  const handle = createInteractionHandler(bot, options);
  client.on(Events.InteractionCreate, (interaction) => {
    // The handler catches everything itself; this guards against a bug in that guard.
    // Tracked until the reply is delivered, so a clean shutdown waits for it.
    bot.inFlight
      .track(handle(interaction))
      .catch((error: unknown) =>
        bot.log.error(
          { platform: "discord", err: describeFailure(error) },
          "interaction handler failed",
        ),
      );
  });
  client.on(Events.Error, (error) =>
    bot.log.error({ platform: "discord", err: describeFailure(error) }, "client error"),
  );
  client.on(Events.Warn, (message) => bot.log.warn({ platform: "discord" }, message));

  const giveUp = new AbortController();
  const timer = setTimeout(
    () => giveUp.abort(new Error(`not ready after ${readyTimeoutMs} ms`)),
    readyTimeoutMs,
  );
  const ready = once(client, Events.ClientReady, { signal: giveUp.signal });
  ready.catch(() => {}); // awaited below; this only keeps a failed login from leaving it unhandled
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    giveUp.abort();
    await client.destroy();
    throw new Error(`Discord login failed: ${describeFailure(error).message}`);
  } finally {
    clearTimeout(timer);
  }
  if (!client.isReady()) throw new Error("Discord client is not ready after login");
  bot.log.info(
    { platform: "discord", user: client.user.tag, guilds: client.guilds.cache.size },
    "discord ready",
  );
  return { client, stop: () => client.destroy() };
}
