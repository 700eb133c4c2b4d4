/** Timing helpers: warm-up, then many timed runs summarized as median with min–max. */

export interface Sample {
  /** Milliseconds. */
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(values: readonly number[]): Sample {
  if (values.length === 0) throw new Error('no samples');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number, runs: sorted.length };
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed. */
export async function measure(fn: (i: number) => Promise<unknown>, warmup: number, runs: number): Promise<Sample> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = nowMs();
    await fn(warmup + i);
    times.push(nowMs() - t);
  }
  return summarize(times);
}

/**
 * Measures two functions interleaved (A, B, A, B …), so slow drift of a noisy machine (another process, thermal
 * throttling) affects both alike and their ratio stays meaningful.
 */
export async function measurePair(
  a: (i: number) => Promise<unknown>,
  b: (i: number) => Promise<unknown>,
  warmup: number,
  runs: number,
): Promise<[Sample, Sample, Sample]> {
  for (let i = 0; i < warmup; i++) {
    await a(i);
    await b(i);
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = nowMs();
    await a(warmup + i);
    ta.push(nowMs() - t);
    t = nowMs();
    await b(warmup + i);
    tb.push(nowMs() - t);
  }
  return [summarize(ta), summarize(tb), pairedRatio(tb, ta)];
}

/**
 * Ratios of measurements taken side by side (b[i] ÷ a[i]), summarized: a load spike hits both members of a pair,
 * so this is steadier than the ratio of two medians on a busy machine (a cross-check, not the headline).
 */
export function pairedRatio(numerators: readonly number[], denominators: readonly number[]): Sample {
  return summarize(numerators.map((n, i) => n / (denominators[i] ?? Number.NaN)).filter(Number.isFinite));
}

export const round = (n: number, digits = 2): number => Number(n.toFixed(digits));

export function formatSample(s: Sample): string {
  return `${s.median.toFixed(1)} ms (${s.min.toFixed(1)}–${s.max.toFixed(1)}, n=${s.runs})`;
}
