/**
 * The Helpful / Not helpful buttons under an answer: the id each button carries (the same on
 * Discord, as a custom_id, and on Slack, as an action_id plus value), and what a click does.
 */
import type { ButtonAction } from "../core/button.ts";
import type { RequestOrigin } from "../core/command.ts";
import { type Reply, reply } from "../core/reply.ts";
import type { Services } from "../core/services.ts";
import { saving } from "../core/storage-fault.ts";

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

/**
 * A click on Helpful / Not helpful: stored, and thanked for the person who clicked only. The
 * router runs it like a command (guards, catch): a storage fault says the click was not saved.
 */
export const feedbackButtons: ButtonAction = {
  name: "feedback",
  owns: (id) => parseFeedbackActionId(id) !== undefined,
  async handler(id, { services, origin }) {
    const click = parseFeedbackActionId(id);
    if (!click) throw new Error(`not a feedback button: ${id.slice(0, 40)}`);
    return saving(
      storeClick(services, click, origin),
      "Couldn't save your feedback, so nothing was recorded",
    );
  },
};

async function storeClick(
  services: Services | undefined,
  click: FeedbackClick,
  origin: RequestOrigin,
): Promise<Reply> {
  const said = click.helpful ? "helpful" : "not helpful";
  if (!services) {
    return reply({ kind: "info", title: "Feedback", lead: "This bot does not keep feedback." });
  }
  const result = await services.feedback.recordVote({ ...click, origin });
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
