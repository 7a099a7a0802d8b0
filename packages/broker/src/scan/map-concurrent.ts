// Runs `work` on every item of an (async) iterable with at most `limit` calls in
// flight, and resolves when all are done. Items are pulled only when a slot is
// free, so a walk of a million files never queues a million promises.

export async function mapConcurrent<T>(
  items: AsyncIterable<T> | Iterable<T>,
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`limit must be a whole number of at least 1, got ${limit}`);
  const iterator =
    Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
  let failed: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (failed === undefined) {
      // An async generator queues concurrent next() calls itself.
      const result = await iterator.next();
      if (result.done === true) return;
      try {
        await work(result.value);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: limit }, lane));
  if (failed !== undefined) throw failed.error;
}
