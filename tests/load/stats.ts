/** Latency figures for the load tests: printed, never asserted as timings. */

export interface Figures {
  n: number;
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: readonly number[], q: number): number {
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN
  );
}

export function figures(samples: readonly number[], wallMs: number): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
    perSecond: (sorted.length / wallMs) * 1000,
  };
}

export function report(label: string, f: Figures, extra = ""): string {
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const line = `${label}: ${f.n} answered, p50 ${ms(f.p50)}, p99 ${ms(f.p99)}, max ${ms(f.max)}, ${f.perSecond.toFixed(0)}/s${extra}`;
  console.log(line);
  return line;
}

/** Runs `count` jobs with at most `concurrency` at once. */
export async function pool(
  count: number,
  concurrency: number,
  job: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await job(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
