// A v2 request's parameters (reference §1, §7): the query for GET; for POST the
// query plus the form body, urlencoded or multipart (a multipart body's file
// parts are skipped: `file/scan` reads its own). Body fields win over the query.
// The body is bounded: v2 forms are a handful of short fields.
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { V2HttpError } from '@vtbroker/legacy-v2';

const MULTIPART = /^multipart\/form-data/i;
const URLENCODED = /^application\/x-www-form-urlencoded/i;
const FORM_LIMITS: busboy.Limits = { fields: 32, fieldSize: 64 * 1024, parts: 64 };

export async function readV2Params(
  req: IncomingMessage,
  query: URLSearchParams,
  maxBytes: number,
): Promise<URLSearchParams> {
  const params = new URLSearchParams(query);
  if (req.method !== 'POST') return params;
  const type = req.headers['content-type'] ?? '';
  const fields = MULTIPART.test(type)
    ? await multipartFields(req, type)
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

function multipartFields(req: IncomingMessage, type: string): Promise<URLSearchParams> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { 'content-type': type }, limits: FORM_LIMITS });
  } catch (error) {
    return Promise.reject(new V2HttpError(400, `unreadable multipart body: ${String(error)}`));
  }
  const fields = new URLSearchParams();
  return new Promise((resolve, reject) => {
    parser.on('field', (name, value) => {
      fields.append(name, value);
    });
    parser.on('file', (_name, stream) => stream.resume());
    parser.on('close', () => {
      resolve(fields);
    });
    parser.on('error', (error) => {
      req.resume();
      reject(new V2HttpError(400, `malformed multipart body: ${String(error)}`));
    });
    req.pipe(parser);
  });
}
