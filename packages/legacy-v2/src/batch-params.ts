// v2 parameters that list several items (`file/report` CSV, `url/report` lines;
// reference §7.1) and the single-valued ones. Reading the request (query, form,
// multipart) is the host's part.
import { V2HttpError } from './responses.ts';

/** The batch a parameter lists. */
export interface Batch {
  items: string[];
  /** A separator was present: the answer is a JSON array (§7.1). */
  isBatch: boolean;
}

export function parseBatch(
  params: URLSearchParams,
  name: string,
  separator: RegExp,
  limit: number,
): Batch {
  const raw = params.get(name) ?? '';
  const items = raw
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  if (items.length === 0) throw new V2HttpError(400, `the "${name}" parameter is missing`);
  if (items.length > limit) {
    throw new V2HttpError(400, `"${name}" lists ${items.length} items; at most ${limit} allowed`);
  }
  return { items, isBatch: separator.test(raw) };
}

/** A required single-valued parameter, trimmed. */
export function requiredParam(params: URLSearchParams, name: string): string {
  const value = params.get(name)?.trim() ?? '';
  if (value === '') throw new V2HttpError(400, `the "${name}" parameter is missing`);
  return value;
}
