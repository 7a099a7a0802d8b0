// v2 `file/scan` (reference §7.2): a multipart body with a `file` part and an
// `apikey` field (or `?apikey=`). The file part is re-encoded and streamed to
// v3 `POST /files` (§4.1) as it arrives; if the key comes after the file, the
// file waits on disk until the key is known. The answer's hashes are computed
// on the way; its scan_id comes from v3's analysis id base64(`md5:ts`) (§3).
// The quota is v3's to charge: a never-seen file is free, a known one costs one
// request (§6), and v3's 429 becomes v2's empty 204.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type busboy from 'busboy';
import type { FileHashes } from '../corpus/hashes.ts';
import type { EmuRequest, Handler } from '../http/types.ts';
import type { OpenCtx } from '../routes/define.ts';
import {
  analysisIdOf,
  uploadedFileBody,
  V2HttpError,
  type PendingScans,
  type V2Context,
  type V3Answer,
} from '@vtbroker/legacy-v2';
import { v2Answer } from './responses.ts';
import { encodeFilePart, spoolToDisk, type Spool } from '@vtbroker/legacy-v2';
import { v2Context, v2Guard } from './v2-endpoint.ts';
import { authenticateV2 } from './v2-gate.ts';
import { contentTypeOf, multipartParser, readV2Params } from './v2-params.ts';

const MULTIPART = /^multipart\/form-data/i;

interface Sent {
  answer: V3Answer;
  hashes: FileHashes | undefined;
}

interface FilePart {
  filename: string;
  mimeType: string;
}

export function fileScanHandler(pending: PendingScans): Handler<OpenCtx> {
  return (ctx) =>
    v2Guard(async () => {
      const session = createScanSession(ctx, pending);
      const queryKey = ctx.req.query.get('apikey');
      if (queryKey !== null) session.key(queryKey);
      const type = contentTypeOf(ctx.req);
      if (MULTIPART.test(type)) {
        await readParts(ctx.req, type, session).catch(async (error: unknown) => {
          await session.discard();
          throw error;
        });
      } else {
        // No file can come in another body, but the key still decides 403 before 400.
        const bodyKey = (await readV2Params(ctx.req)).get('apikey');
        if (bodyKey !== null) session.key(bodyKey);
      }
      return v2Answer(await session.finish());
    });
}

interface ScanSession {
  key(apikey: string): void;
  file(name: string, stream: Readable, info: busboy.FileInfo): void;
  finish(): Promise<Record<string, unknown>>;
  /** Removes a spooled file when the request ends without sending it. */
  discard(): Promise<void>;
}

function readParts(req: EmuRequest, type: string, session: ScanSession): Promise<void> {
  const parser = multipartParser(type);
  return new Promise((resolve, reject) => {
    parser.on('field', (name, value) => {
      if (name === 'apikey') session.key(value);
    });
    parser.on('file', (name, stream, info) => {
      session.file(name, stream, info);
    });
    parser.on('close', resolve);
    parser.on('error', (error) => {
      req.body.resume();
      reject(new V2HttpError(400, `malformed multipart body: ${String(error)}`));
    });
    req.body.pipe(parser);
  });
}

/** Sends one file to v3 `POST /files`; v3 may answer before reading it all, so the rest is drained. */
async function forward(v2: V2Context, source: Readable, part: FilePart): Promise<Sent> {
  const upload = encodeFilePart(source, part.filename, part.mimeType);
  const answer = await v2.call.post('/files', {
    headers: { 'content-type': upload.contentType },
    body: upload.body,
  });
  upload.body.resume();
  return { answer, hashes: await upload.hashes };
}

/** A spooled upload, sent once the key that came after it is known. */
async function sendSpooled(v2: V2Context, spooled: Promise<Spool>, part: FilePart): Promise<Sent> {
  const spool = await spooled;
  try {
    if (spool.tooLarge) throw new V2HttpError(413, 'file larger than the upload limit');
    return await forward(v2, createReadStream(spool.path), part);
  } finally {
    await spool.remove();
  }
}

function createScanSession(ctx: OpenCtx, pending: PendingScans): ScanSession {
  const { services } = ctx;
  let keySeen = false;
  let v2: V2Context | undefined;
  let failure: V2HttpError | undefined;
  let spooled: Promise<Spool> | undefined;
  let send: ((to: V2Context) => Promise<Sent>) | undefined;

  const discard = async (): Promise<void> => {
    // A failed spool has already removed its directory.
    const spool = await spooled?.catch(() => undefined);
    await spool?.remove();
  };

  return {
    key(apikey) {
      if (keySeen) return;
      keySeen = true;
      try {
        v2 = v2Context(ctx, authenticateV2(ctx, apikey), pending);
      } catch (error) {
        if (!(error instanceof V2HttpError)) throw error;
        failure = error;
      }
    },
    file(name, stream, info) {
      if (name !== 'file' || send || failure) {
        stream.resume();
        return;
      }
      const filePart = { filename: info.filename || 'upload', mimeType: info.mimeType };
      if (!v2) {
        // The key has not come yet: the file waits on disk until it does. Beyond
        // v3's 32 MB (§4.1) only the size is counted; the answer is then 413.
        const spool = spoolToDisk(stream, services.settings.uploads.directMaxBytes);
        spool.catch(() => undefined);
        spooled = spool;
        send = (to) => sendSpooled(to, spool, filePart);
        return;
      }
      const started = forward(v2, stream, filePart);
      started.catch(() => undefined); // awaited in finish(), unless the body turns out malformed
      send = () => started;
    },
    async finish() {
      if (!v2 || failure) {
        await discard();
        throw failure ?? new V2HttpError(403, 'no apikey parameter or field');
      }
      if (!send) throw new V2HttpError(400, 'no "file" part in the body');
      const { answer, hashes } = await send(v2);
      const analysisId = analysisIdOf(answer, 'POST /files');
      if (!hashes) throw new V2HttpError(400, 'the upload ended before the file did');
      return uploadedFileBody(v2, hashes, analysisId);
    },
    discard,
  };
}
