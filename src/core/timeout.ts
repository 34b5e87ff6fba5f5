/**
 * Waiting for work with a deadline, the one way every adapter does it: Slack's ack budget and
 * its deliveries, Discord's deferral. The work itself is never stopped, only no longer waited for.
 */

const LATE = Symbol("late");

/** The work's value if it settles within `ms`, else undefined (the work goes on). */
export async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  const result = await raceDeadline(work, ms);
  return result === LATE ? undefined : result;
}

/** The work's value, or a rejection after `ms`. */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  const result = await raceDeadline(work, ms);
  if (result === LATE) throw new Error(`no answer within ${ms} ms`);
  return result;
}

async function raceDeadline<T>(work: Promise<T>, ms: number): Promise<T | typeof LATE> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(resolve, ms, LATE);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
