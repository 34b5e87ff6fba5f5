/**
 * The platform-neutral reply every command returns. It holds plain text only (no markup, no
 * escaping): each renderer formats and escapes it for its platform and fits its limits.
 */

/** Where a point comes from: the source, the paragraph and the verbatim words. */
export interface Citation {
  /** The fact cited; absent when the citation supports an entity's description. */
  factId?: string;
  /** The entity whose description is cited. */
  entityId?: string;
  sourceId: string;
  sourceTitle: string;
  /** "PolicyWatch 4078", when the source is part of a series. */
  series?: string;
  author: string;
  paragraph: number;
  section: string;
  quote: string;
  /** Absent for a source with no address (a note): it is named by title, author and date. */
  url?: string;
  /** The source's publication date (ISO), to name a source that has no url. */
  published?: string;
  /** The fact is a draft from `npm run ingest`, not yet checked by a curator. */
  draft?: boolean;
}

export interface ReplyPoint {
  text: string;
  /** Numbers into Reply.citations, 1-based as shown to people: [1], [2]. */
  cites: number[];
}

export interface ReplySection {
  heading?: string;
  points: ReplyPoint[];
}

export type ReplyKind = "answer" | "abstain" | "info" | "usage" | "error";

export interface Reply {
  kind: ReplyKind;
  title: string;
  /** The first line people read: the answer itself, or what went wrong and what to do. */
  lead?: string;
  sections: ReplySection[];
  citations: Citation[];
  /** "ephemeral": only the asker sees it; "channel": posted for everyone. */
  visibility: "ephemeral" | "channel";
  /** Short follow-ups the person might try ("did you mean ..."). */
  suggestions: string[];
  /** Set on the apology for a bug or a storage fault, so the log line can be found. */
  errorId?: string;
  /**
   * Asks whether the answer helped: adapters show Helpful / Not helpful buttons naming this
   * stored answer (Discord components, Slack actions); the console shows nothing.
   */
  feedback?: ReplyFeedback;
}

export interface ReplyFeedback {
  /** The stored answer the buttons name (FeedbackStore.recordAnswer). */
  answerId: number;
  question: string;
  factIds: string[];
}

/** True when the reply answers what was asked, false for abstentions, usage help and errors. */
export function isAnswered(reply: Reply): boolean {
  return reply.kind === "answer" || reply.kind === "info";
}

export function reply(fields: Partial<Reply> & Pick<Reply, "kind" | "title">): Reply {
  return { sections: [], citations: [], visibility: "ephemeral", suggestions: [], ...fields };
}
