import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import { reply } from "../src/core/reply.ts";
import { DEFAULT_GAPS_DAYS, gapsReply } from "../src/feedback/gaps.ts";

export default defineCommand({
  name: "gaps",
  description:
    "For curators: questions the sources could not answer, and answers marked not helpful",
  options: z.object({
    days: z
      .number()
      .int("give a whole number of days")
      .min(1, "at least 1 day")
      .max(365, "at most 365 days")
      .default(DEFAULT_GAPS_DAYS)
      .describe(`How many days back to look (default ${DEFAULT_GAPS_DAYS})`),
  }),
  examples: ["/gaps", "/gaps 7"],
  async handler({ days }, { origin, services }) {
    if (!services) {
      throw new UserError("This bot keeps no record of questions, so there are no gaps to show.");
    }
    // People's questions are for the curators: those who may manage the channel.
    if (!(await origin.mayManageChannel())) {
      return reply({
        kind: "usage",
        title: "Not allowed",
        lead: "Only people who may manage this channel (the curators) can see /gaps.",
      });
    }
    // The operator's terminal sees everything, as `npm run gaps` does.
    const everywhere = origin.operator === true;
    const report = await services.feedback.gaps({
      days,
      scope: everywhere
        ? undefined
        : { platform: origin.platform, workspaceId: origin.workspaceId },
    });
    return gapsReply(report, days, everywhere ? undefined : `this ${origin.words.workspace}`);
  },
});
