/**
 * The curators' report: the questions the bot declined most often, and the answers people
 * marked not helpful. /gaps shows it in chat; `npm run gaps` prints it from the command line.
 */
import { type Reply, reply } from "../core/reply.ts";
import type { GapsReport } from "../core/services.ts";
import { truncate } from "../render/common.ts";

export const DEFAULT_GAPS_DAYS = 30;

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function gapsReply(report: GapsReport, days: number, scope?: string): Reply {
  const where = scope ? ` in ${scope}` : "";
  const unanswered = report.unanswered.map((g) => ({
    text: `${g.count}× “${truncate(g.question, 200)}” (last ${day(g.lastAsked)}, ${g.platforms.join(", ")})`,
    cites: [],
  }));
  const notHelpful = report.notHelpful.map((a) => ({
    text: `${a.notHelpful} not helpful, ${a.helpful} helpful: “${truncate(a.question, 200)}” → ${a.factIds.join(", ") || "no facts"}`,
    cites: [],
  }));
  const empty = unanswered.length === 0 && notHelpful.length === 0;
  return reply({
    kind: "info",
    title: `Gaps: the last ${days} day${days === 1 ? "" : "s"}`,
    lead: empty
      ? `Nothing to report since ${day(report.since)}${where}: every question was answered and no answer was marked not helpful.`
      : `Since ${day(report.since)}${where}: ${report.unansweredTotal} declined question${report.unansweredTotal === 1 ? "" : "s"}, ${report.notHelpful.length} answer${report.notHelpful.length === 1 ? "" : "s"} marked not helpful. Add facts to knowledge/ to close them.`,
    sections: [
      ...(unanswered.length > 0
        ? [
            {
              heading: "Questions the sources could not answer, most asked first",
              points: unanswered,
            },
          ]
        : []),
      ...(notHelpful.length > 0
        ? [{ heading: "Answers marked not helpful (question → facts cited)", points: notHelpful }]
        : []),
    ],
  });
}
