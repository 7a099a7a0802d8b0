// v2 forms sent as multipart/form-data (curl -F, Python requests `files=`): the
// parser, and the fields of a body whose file parts are skipped (`file/scan`
// reads its own). Bounded: v2 forms carry a handful of short fields.
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { V2HttpError } from './responses.ts';

/** Starts busboy on a multipart body, or a 400 when the header has no usable boundary. */
export function multipartParser(type: string, limits: busboy.Limits = {}): busboy.Busboy {
  try {
    return busboy({ headers: { 'content-type': type }, limits });
  } catch (error) {
    throw new V2HttpError(400, `unreadable multipart body: ${String(error)}`);
  }
}

const FORM_LIMITS: busboy.Limits = { fields: 32, fieldSize: 64 * 1024, parts: 64 };

export function readMultipartFields(body: Readable, type: string): Promise<URLSearchParams> {
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
      body.resume();
      reject(new V2HttpError(400, `malformed multipart body: ${String(error)}`));
    });
    body.pipe(parser);
  });
}
