// v2 parameters (reference §1, §7): the query for GET; for POST the query plus
// the form body, urlencoded or multipart (a multipart body's files are
// skipped here; `file/scan` streams its own). Body fields win over the query.
import { readMultipartFields } from '@vtbroker/legacy-v2';
import { readForm } from '../http/body.ts';
import type { EmuRequest } from '../http/types.ts';

export { multipartParser } from '@vtbroker/legacy-v2';

const MULTIPART = /^multipart\/form-data/i;

export const contentTypeOf = (req: EmuRequest): string => req.headers['content-type'] ?? '';

export async function readV2Params(req: EmuRequest): Promise<URLSearchParams> {
  const params = new URLSearchParams(req.query);
  if (req.method !== 'POST') return params;
  const type = contentTypeOf(req);
  const fields = MULTIPART.test(type)
    ? await readMultipartFields(req.body, type)
    : await readForm(req);
  for (const [name, value] of fields) params.set(name, value);
  return params;
}
