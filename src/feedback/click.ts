/**
 * The Helpful / Not helpful buttons under an answer: the id each button carries (the same on
 * Discord, as a custom_id, and on Slack, as an action_id plus value), and what a click does.
 */
import type { RequestOrigin } from "../core/command.ts";
import { type Reply, reply } from "../core/reply.ts";
import type { Services } from "../core/services.ts";

export interface FeedbackClick {
  answerId: number;
  helpful: boolean;
}

export const FEEDBACK_LABELS = { helpful: "Helpful", notHelpful: "Not helpful" } as const;

/** "feedback:42:yes": short (Discord allows 100 characters), and names only a stored answer. */
export function feedbackActionId(answerId: number, helpful: boolean): string {
  return `feedback:${answerId}:${helpful ? "yes" : "no"}`;
}

/** The click a button id stands for; undefined for any other id. */
export function parseFeedbackActionId(id: string): FeedbackClick | undefined {
  const m = /^feedback:(\d{1,15}):(yes|no)$/.exec(id);
  if (!m) return undefined;
  return { answerId: Number(m[1]), helpful: m[2] === "yes" };
}

/** Stores a click and says so, for the person who clicked only. */
export function recordFeedbackClick(
  services: Services | undefined,
  click: FeedbackClick,
  origin: RequestOrigin,
): Reply {
  const said = click.helpful ? "helpful" : "not helpful";
  if (!services) {
    return reply({ kind: "info", title: "Feedback", lead: "This bot does not keep feedback." });
  }
  const result = services.feedback.recordVote({ ...click, origin });
  if (result === "unknown-answer") {
    return reply({
      kind: "usage",
      title: "Feedback",
      lead: "That answer is no longer on record, so the click was not stored. Ask again to get a fresh answer.",
    });
  }
  const curators = click.helpful
    ? ""
    : " The curators review answers marked not helpful (/gaps) and fix the facts behind them.";
  return reply({
    kind: "info",
    title: "Thanks for the feedback",
    lead: `${result === "changed" ? "Changed: you" : "You"} marked this answer ${said}.${curators}`,
  });
}
