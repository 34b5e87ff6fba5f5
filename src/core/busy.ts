/**
 * Load shedding. Slack and Discord want a first answer within 3 s of a request's arrival; a reply
 * that comes later is lost. When the bot is saturated, requests wait in line before their work
 * starts, and starting work for one that has already waited long only makes the line longer: it
 * gets a short "busy, try again" at once instead, which still reaches the person in time.
 */
import { type Reply, reply } from "./reply.ts";

/** The platforms' deadline for a first answer. */
export const ACK_DEADLINE_MS = 3000;
/**
 * A request that has waited this long before its work starts is answered "busy": the work (a few
 * ms to a few hundred) and the answer's trip back must fit in what is left of the 3 s.
 */
export const START_WAIT_LIMIT_MS = 1500;

/** Whether a request that arrived at `arrivedAt` (performance.now()) should be turned away. */
export function tooLateToStart(arrivedAt: number, now = performance.now()): boolean {
  return now - arrivedAt > START_WAIT_LIMIT_MS;
}

/** How long a reply may still take to go in the first answer, leaving room for the trip back. */
export function timeLeftToAnswer(
  arrivedAt: number,
  wanted: number,
  now = performance.now(),
): number {
  const margin = 500;
  return Math.max(0, Math.min(wanted, ACK_DEADLINE_MS - margin - (now - arrivedAt)));
}

export function busyReply(): Reply {
  return reply({
    kind: "usage",
    title: "Busy",
    lead: "The bot is busy right now and could not answer in time. Please try again in a few seconds.",
  });
}
