// The emulator's `V3Caller` for @vtbroker/legacy-v2: every v2 answer comes from
// the v3 handlers, called in-process through `services.internal` (no second
// authentication, quota charge or log entry), so v2 always mirrors v3 (reference §7.3).
import type { V3Caller, V3Request } from '@vtbroker/legacy-v2';
import type { EmuUser } from '../accounts/registry.ts';
import { readBody } from '../http/body.ts';
import type { EmuResponse } from '../http/types.ts';
import type { OpenCtx } from '../routes/define.ts';

/** v3 answers are small JSON documents; 64 MB only guards against a runaway body. */
const MAX_V3_ANSWER_BYTES = 64 * 1024 * 1024;
const V3_PREFIX = '/api/v3';

export function createV3Caller(ctx: OpenCtx, user: EmuUser): V3Caller {
  // `apiBase` already honours settings.publicUrl; links inside v3 answers then
  // match what a v3 client would see.
  const origin = ctx.apiBase.slice(0, -V3_PREFIX.length);
  const send = async (method: string, path: string, request: V3Request = {}) => {
    const answer = await ctx.services.internal(user, {
      method,
      url: `${V3_PREFIX}${path}`,
      origin,
      ...(request.headers ? { headers: request.headers } : {}),
      ...(request.body ? { body: request.body } : {}),
    });
    return { status: answer.status, body: await parseJson(answer) };
  };
  return {
    get: (path) => send('GET', path),
    post: (path, request) => send('POST', path, request),
  };
}

async function parseJson(answer: EmuResponse): Promise<unknown> {
  const raw = answer.body;
  if (raw === undefined) return undefined;
  const bytes =
    typeof raw === 'string' || Buffer.isBuffer(raw)
      ? raw
      : await readBody(raw, MAX_V3_ANSWER_BYTES);
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(bytes.toString()) as unknown;
  } catch {
    return undefined;
  }
}
