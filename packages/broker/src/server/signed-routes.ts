// The broker's stand-ins for VT's upload URLs and signed download URLs
// (`/_vtb/upload/<token>`, `/_vtb/download/<token>`): opaque, expiring, bound to
// the consumer and key version that obtained them. Uploads stream to VT's
// upload URL with that key; downloads stream from the signed storage URL.
import { Readable } from 'node:stream';
import { VtError } from '@vtbroker/client';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProxyDeps } from './proxy-deps.ts';
import { sendVtError, vtErrors } from './vt-answer.ts';
import { sendStream } from './passthrough.ts';
import type { ApiRequest, Caller } from './proxy.ts';
import type { RequestTarget } from './request-target.ts';
import type { Consumer, TokenRecord } from '../store/model.ts';

export async function handleSigned(
  deps: ProxyDeps,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  target: RequestTarget,
  lookupConsumer: (id: string) => Promise<Consumer | undefined>,
): Promise<void> {
  const [, , kind, token] = target.path.split('/');
  const now = deps.clock.now();
  const signed =
    kind === 'upload' || kind === 'download'
      ? deps.links.resolve(kind, token ?? '', now)
      : undefined;
  if (!signed) {
    sendVtError(
      res,
      vtErrors.notFound('This upload or download URL is unknown or has expired; ask for a new one'),
      requestId,
    );
    return;
  }
  const wantMethod = signed.kind === 'upload' ? 'POST' : 'GET';
  if (req.method !== wantMethod) {
    sendVtError(res, vtErrors.badRequest(`Use ${wantMethod} on this URL`), requestId);
    return;
  }
  // An upload URL may be used with the consumer's token or none (vt-py sends it); never another's.
  const sent = req.headers['x-apikey'];
  if (signed.kind === 'upload' && typeof sent === 'string' && sent !== '') {
    const auth = await deps.auth.authenticate(sent, now);
    if (!auth.ok || auth.consumer.id !== signed.consumerId) {
      sendVtError(res, vtErrors.wrongKey('This upload URL belongs to another token.'), requestId);
      return;
    }
  }
  const version = deps.pool.usable().find((v) => v.id === signed.versionId);
  const consumer = await lookupConsumer(signed.consumerId);
  if (!version || !consumer) {
    sendVtError(
      res,
      vtErrors.unavailable('The key that issued this URL is no longer in use; ask for a new URL'),
      requestId,
    );
    return;
  }
  const caller: Caller = {
    consumer,
    token: {
      id: 'signed',
      consumerId: consumer.id,
      secretHash: '',
      scopes: [],
      createdAt: 0,
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: null,
    } satisfies TokenRecord,
    route: {
      class: signed.kind === 'upload' ? 'submit' : 'download',
      route: `signed ${signed.kind}`,
      cacheable: false,
      costItems: 0,
      idempotent: signed.kind === 'download',
      streamBody: signed.kind === 'upload',
      streamResponse: true,
    },
  };
  const r: ApiRequest = { req, res, requestId, target, apiPath: target.path, startedAt: now };
  try {
    const contentType = req.headers['content-type'];
    const response = await deps.upstream.call(version, {
      method: wantMethod,
      path: signed.url,
      ...(signed.kind === 'upload'
        ? {
            body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
            headers: contentType ? { 'content-type': contentType } : {},
          }
        : {}),
    });
    await sendStream(deps, r, caller, response, version.id);
  } catch (error) {
    if (!(error instanceof VtError)) throw error;
    const status =
      'httpStatus' in error && typeof error.httpStatus === 'number' ? error.httpStatus : 502;
    const code = 'code' in error && typeof error.code === 'string' ? error.code : 'TransientError';
    sendVtError(
      res,
      { status, code, message: `VirusTotal answered ${code} to the ${signed.kind}` },
      requestId,
    );
  }
}
