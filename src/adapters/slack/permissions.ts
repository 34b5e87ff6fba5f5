/**
 * Who may change a channel's briefings on Slack: the people listed in SLACK_BRIEFING_ADMINS,
 * and workspace admins and owners (users.info, which needs the users:read scope). Asked only
 * when a command wants to know (RequestOrigin.mayManageChannel), and remembered for a few
 * minutes per person.
 */
import type { webApi } from "@slack/bolt";
import { describeFailure } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import type { ChannelManagerCheck } from "./origin.ts";

export interface PermissionOptions {
  /** SLACK_BRIEFING_ADMINS: user ids allowed whatever their role. */
  admins?: readonly string[];
  client: webApi.WebClient;
  log: Logger;
  /** How long an answer from users.info is kept. Default 5 minutes. */
  ttlMs?: number;
  now?: () => number;
}

export function channelManagerCheck(options: PermissionOptions): ChannelManagerCheck {
  const admins = new Set(options.admins ?? []);
  const ttl = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const known = new Map<string, { allowed: boolean; until: number }>();
  return async (userId) => {
    if (!userId) return false;
    if (admins.has(userId)) return true;
    const cached = known.get(userId);
    if (cached && cached.until > now()) return cached.allowed;
    try {
      const { user } = await options.client.users.info({ user: userId });
      const allowed = Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
      if (known.size > 10_000) known.clear();
      known.set(userId, { allowed, until: now() + ttl });
      return allowed;
    } catch (error) {
      // Without an answer (no users:read scope, Slack down), only the listed admins may.
      options.log.warn(
        { platform: "slack", err: describeFailure(error) },
        "slack: users.info failed; only SLACK_BRIEFING_ADMINS may manage briefings until it works",
      );
      return false;
    }
  };
}
