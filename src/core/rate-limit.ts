/**
 * Rate limits, applied once in the router for every platform: each person may send so many
 * requests a minute, and each channel may receive so many shared (public) replies a minute, so
 * one person cannot flood a channel with briefings. Counting is rate-limiter-flexible's
 * in-memory limiter (fixed one-minute windows per key). The terminal (one local person) is never
 * limited. A limit of 0 turns that limit off.
 */
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { RequestOrigin } from "./command.ts";
import type { Logger } from "./logger.ts";
import { type Reply, reply } from "./reply.ts";
import type { RequestGuard } from "./router.ts";

export interface RateLimits {
  /** Requests one person may send per minute, any command, any channel. */
  userPerMinute: number;
  /** Replies posted for everyone that one channel may receive per minute, whoever asked. */
  channelPublicPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { userPerMinute: 20, channelPublicPerMinute: 6 };

const WINDOW_SECONDS = 60;

/** The person and the channel, unique across platforms and workspaces. */
function keys(origin: RequestOrigin): { user: string; channel: string } {
  const where = `${origin.platform}:${origin.workspaceId ?? "-"}`;
  return {
    user: `${where}:user:${origin.userId}`,
    channel: `${where}:channel:${origin.channelId}`,
  };
}

/** Resolves with the milliseconds until the key may go again, or undefined when it may now. */
async function take(
  limiter: RateLimiterMemory | undefined,
  key: string,
): Promise<number | undefined> {
  if (!limiter) return undefined;
  try {
    await limiter.consume(key);
    return undefined;
  } catch (result) {
    if (result instanceof RateLimiterRes) return result.msBeforeNext;
    throw result;
  }
}

function seconds(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return `${s} second${s === 1 ? "" : "s"}`;
}

export function rateLimitGuard(limits: RateLimits, log?: Logger): RequestGuard {
  const limiter = (points: number) =>
    points > 0 ? new RateLimiterMemory({ points, duration: WINDOW_SECONDS }) : undefined;
  const perUser = limiter(limits.userPerMinute);
  const perChannel = limiter(limits.channelPublicPerMinute);

  return {
    async before({ origin, command }) {
      if (origin.platform === "console") return undefined;
      const wait = await take(perUser, keys(origin).user);
      if (wait === undefined) return undefined;
      log?.warn(
        {
          platform: origin.platform,
          channel: origin.channelId,
          command,
          limit: "user",
        },
        "rate limited",
      );
      return userLimitReply(limits.userPerMinute, wait);
    },

    async after({ origin }, result) {
      if (origin.platform === "console" || result.visibility !== "channel") return result;
      const wait = await take(perChannel, keys(origin).channel);
      if (wait === undefined) return result;
      log?.warn(
        { platform: origin.platform, channel: origin.channelId, limit: "channel-public" },
        "rate limited",
      );
      return keptPrivate(result, limits.channelPublicPerMinute, wait);
    },
  };
}

export function userLimitReply(perMinute: number, waitMs: number): Reply {
  return reply({
    kind: "usage",
    title: "Slow down a little",
    lead: `You have sent ${perMinute} requests in the last minute, the most one person may. Please try again in ${seconds(waitMs)}.`,
  });
}

/** The reply, shown only to the asker, with a note saying why and when sharing works again. */
export function keptPrivate(result: Reply, perMinute: number, waitMs: number): Reply {
  const note = `This channel has had ${perMinute} shared replies in the last minute, the most it takes, so this one is shown only to you. You can share again in ${seconds(waitMs)}.`;
  return {
    ...result,
    visibility: "ephemeral",
    sections: [
      { heading: "Only you can see this", points: [{ text: note, cites: [] }] },
      ...result.sections,
    ],
  };
}
