/**
 * Posting to a channel without being asked: what the briefing scheduler needs from a platform.
 * Each adapter implements it with its own client (discord.js REST, Slack's chat.postMessage);
 * the scheduler knows nothing else about platforms.
 */
import type { Platform } from "./command.ts";
import type { Reply } from "./reply.ts";
import type { ChannelRef } from "./services.ts";

export interface ChannelDelivery {
  readonly platform: Platform;
  /**
   * Posts the reply to the channel. Throws ChannelUnreachableError when the platform says the
   * channel is gone or closed to the bot (trying again will not help); any other error is a
   * passing failure.
   */
  post(channel: ChannelRef, reply: Reply): Promise<void>;
}

export class ChannelUnreachableError extends Error {
  override name = "ChannelUnreachableError";
  constructor(
    /** The platform's own words for it: "channel_not_found", "Missing Access (50001)". */
    readonly reason: string,
  ) {
    super(`the channel cannot be reached: ${reason}`);
  }
}
