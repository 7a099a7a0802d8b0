// A v2 request's parameters (reference §1, §7): the query for GET; for POST the
// query plus the form body, urlencoded or multipart (a multipart body's file
// parts are skipped: `file/scan` reads its own). Body fields win over the query.
// The body is bounded: v2 forms are a handful of short fields.
import type { IncomingMessage } from 'node:http';
import { readMultipartFields, V2HttpError } from '@vtbroker/legacy-v2';

const MULTIPART = /^multipart\/form-data/i;
const URLENCODED = /^application\/x-www-form-urlencoded/i;

export async function readV2Params(
  req: IncomingMessage,
  query: URLSearchParams,
  maxBytes: number,
): Promise<URLSearchParams> {
  const params = new URLSearchParams(query);
  if (req.method !== 'POST') return params;
  const type = req.headers['content-type'] ?? '';
  const fields = MULTIPART.test(type)
    ? await readMultipartFields(req, type)
    : URLENCODED.test(type) || type === ''
      ? new URLSearchParams(await readText(req, maxBytes))
      : new URLSearchParams();
  for (const [name, value] of fields) params.set(name, value);
  return params;
}

async function readText(req: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new V2HttpError(413, `form body over ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
