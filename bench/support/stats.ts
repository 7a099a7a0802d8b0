// The statistics the benches print.

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new Error('mean() of no values');
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/**
 * The `p`-th percentile (0–100) of `values`, nearest-rank: the smallest value
 * with at least p % of the values at or below it. Sorts a copy.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile() of no values');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: p must be 0–100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}
