// v2 parameters (reference §1, §7): the query for GET; for POST the query plus
// the form body, urlencoded or multipart (a multipart body's files are
// skipped here; `file/scan` streams its own). Body fields win over the query.
import busboy from 'busboy';
import { readForm } from '../http/body.ts';
import type { EmuRequest } from '../http/types.ts';
import { V2HttpError } from '@vtbroker/legacy-v2';

const MULTIPART = /^multipart\/form-data/i;

export const contentTypeOf = (req: EmuRequest): string => req.headers['content-type'] ?? '';

export async function readV2Params(req: EmuRequest): Promise<URLSearchParams> {
  const params = new URLSearchParams(req.query);
  if (req.method !== 'POST') return params;
  const type = contentTypeOf(req);
  const fields = MULTIPART.test(type) ? await readMultipartFields(req, type) : await readForm(req);
  for (const [name, value] of fields) params.set(name, value);
  return params;
}

/** Starts busboy on a multipart body, or a 400 when the header has no usable boundary. */
export function multipartParser(type: string, limits: busboy.Limits = {}): busboy.Busboy {
  try {
    return busboy({ headers: { 'content-type': type }, limits });
  } catch (error) {
    throw new V2HttpError(400, `unreadable multipart body: ${String(error)}`);
  }
}

/** v2 forms carry a handful of short fields; these bound what one request can make us hold. */
const FORM_LIMITS: busboy.Limits = { fields: 32, fieldSize: 64 * 1024, parts: 64 };

function readMultipartFields(req: EmuRequest, type: string): Promise<URLSearchParams> {
  const parser = multipartParser(type, FORM_LIMITS);
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
      req.body.resume();
      reject(new V2HttpError(400, `malformed multipart body: ${String(error)}`));
    });
    req.body.pipe(parser);
  });
}
