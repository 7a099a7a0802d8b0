// The statistics the benches print.

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new Error('mean() of no values');
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}
