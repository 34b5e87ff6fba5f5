/**
 * A briefing: 3-6 cited key points on one topic, for the whole channel. What /briefing posts at
 * once and what the scheduler posts when a subscription comes due.
 */
import { CitationList } from "../answer/cite.ts";
import { factsWithTopic, keyFirst } from "../answer/select.ts";
import { UserError } from "../core/errors.ts";
import { type Reply, reply } from "../core/reply.ts";
import type { Knowledge } from "../knowledge/knowledge.ts";
import type { Topic } from "../knowledge/types.ts";
import { normalize } from "../search/text.ts";

const MIN_POINTS = 3;
const MAX_POINTS = 6;

/** The topic named by its id, label or a keyword ("militias", "Iraqi militias", "proxies"). */
export function findTopic(knowledge: Knowledge, asked: string): Topic | undefined {
  const wanted = normalize(asked) || "overview";
  return [...knowledge.base.topics.values()].find((t) =>
    [t.id, t.label, ...t.keywords].some((name) => normalize(name) === wanted),
  );
}

/** The topic, or a UserError that lists the topics there are. */
export function requireTopic(knowledge: Knowledge, asked: string): Topic {
  const topic = findTopic(knowledge, asked);
  if (topic) return topic;
  const ids = [...knowledge.base.topics.keys()].join(", ");
  throw new UserError(
    `There is no briefing topic "${asked.slice(0, 60)}". Topics: ${ids}.`,
    "/briefing militias",
  );
}

export function composeBriefing(knowledge: Knowledge, topic: Topic): Reply {
  const { base } = knowledge;
  const citations = new CitationList(base);
  const facts = keyFirst(factsWithTopic(base, topic.id), MAX_POINTS);
  const points = facts.map((f) => citations.point(f, { dated: true }));
  if (points.length < MIN_POINTS) {
    throw new UserError(
      `The sources hold only ${points.length} facts on ${topic.label}: too few for a briefing. Try /ask instead.`,
      "/briefing overview",
    );
  }
  return reply({
    kind: "info",
    title: `Briefing: ${topic.label}`,
    lead: topic.description,
    sections: [{ points }],
    citations: citations.citations,
    visibility: "channel",
  });
}
