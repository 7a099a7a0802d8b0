// Form fields of a small POST body in either encoding VT accepts: vt-py and most
// libraries send application/x-www-form-urlencoded, vt-go and curl send
// multipart/form-data (reference §4.3 and §9 note 4).
import { readForm } from '../http/body.ts';
import { badRequest } from '../errors.ts';
import type { EmuRequest } from '../http/types.ts';
import { ignore, messageOf, multipartParser } from './multipart-upload.ts';

export async function readFormFields(req: EmuRequest): Promise<URLSearchParams> {
  const contentType = req.headers['content-type'] ?? '';
  if (/^multipart\/form-data\b/i.test(contentType)) return readMultipartFields(req);
  return readForm(req);
}

function readMultipartFields(req: EmuRequest): Promise<URLSearchParams> {
  const parser = multipartParser(req);
  return new Promise((resolve, reject) => {
    const fields = new URLSearchParams();
    parser.on('file', (_name, stream) => {
      stream.on('error', ignore);
      stream.resume();
    });
    parser.on('field', (name, value) => {
      fields.append(name, value);
    });
    parser.on('error', (error) => {
      req.body.unpipe(parser);
      req.body.resume();
      reject(badRequest(`Malformed multipart/form-data request: ${messageOf(error)}`));
    });
    parser.on('close', () => {
      resolve(fields);
    });
    req.body.on('error', (error) => {
      reject(badRequest(`The request was interrupted: ${messageOf(error)}`));
    });
    req.body.pipe(parser);
  });
}
