// One cheap lookup with a key (the rotation's test step): proof that the key
// does more than answer `/users/{key}`. A 200 or a 404 NotFoundError both show a
// working key; another 4xx is VT's verdict on the key, reported with its status
// and code. A 5xx or no answer says nothing about the key: it is thrown, so that
// the step fails and can be resumed instead of refusing a good key.
import { VtApiError } from '@vtbroker/client';
import { keyClient, type KeyClientUpstream } from './key-client.ts';
import type { ProbeResult } from '../rotation/key-report.ts';

/** EICAR's SHA-256: every VT account can look it up, and it is in every corpus. */
export const DEFAULT_PROBE_PATH =
  '/files/275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';

export async function probeKey(
  apiKey: string,
  upstream: KeyClientUpstream,
  path: string = DEFAULT_PROBE_PATH,
): Promise<ProbeResult> {
  const client = keyClient(apiKey, upstream);
  try {
    await client.get(path);
    return { ok: true, path, status: 200 };
  } catch (error) {
    if (error instanceof VtApiError && error.httpStatus < 500)
      return { ok: error.httpStatus === 404, path, status: error.httpStatus, code: error.code };
    throw error;
  }
}
