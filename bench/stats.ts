/** The few statistics the benchmark quotes. The machine is shared: medians, never means. */

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile (p in 0..100): a value that was actually measured. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Ours over the baseline's, per run (both measured back to back), then the median of those ratios. */
export function medianRatio(pairs: readonly { ours: number; baseline: number }[]): number {
  return median(pairs.map((pair) => pair.ours / pair.baseline));
}

export function rowsPerSecond(rows: number, elapsedMs: number): number {
  return rows / (elapsedMs / 1000);
}
