/** Latency samples and their percentiles, measured side by side with a baseline. */

export type Summary = {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
};

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, v) => sum + v, 0) / Math.max(1, sorted.length);
  return {
    samples: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean,
    min: sorted[0] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

export type Op = (i: number) => Promise<unknown>;

/**
 * Times `subject` and `baseline` over the same inputs, interleaved (alternating which goes first), so both
 * see the same machine load: on a shared machine a baseline measured minutes earlier is not a baseline.
 */
export async function measurePair(
  subject: Op,
  baseline: Op,
  options: { samples: number; warmup: number },
): Promise<{ subject: Summary; baseline: Summary }> {
  for (let i = 0; i < options.warmup; i++) {
    await subject(i);
    await baseline(i);
  }
  const a: number[] = [];
  const b: number[] = [];
  const time = async (op: Op, i: number, into: number[]) => {
    const started = performance.now();
    await op(i);
    into.push(performance.now() - started);
  };
  for (let i = 0; i < options.samples; i++) {
    const n = options.warmup + i;
    if (i % 2 === 0) {
      await time(subject, n, a);
      await time(baseline, n, b);
    } else {
      await time(baseline, n, b);
      await time(subject, n, a);
    }
  }
  return { subject: summarize(a), baseline: summarize(b) };
}

export async function measure(op: Op, options: { samples: number; warmup: number }): Promise<Summary> {
  for (let i = 0; i < options.warmup; i++) await op(i);
  const values: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    const started = performance.now();
    await op(options.warmup + i);
    values.push(performance.now() - started);
  }
  return summarize(values);
}
