// Calls to VirusTotal, through @vtbroker/client: one client per key version
// (built on first use from the unsealed key, kept until the version changes).
// The broker does its own queueing and retries, so the client's are off; the
// client still classifies a 429 as throttle or exhaustion.
import { createVtClient, type FetchFn, type Operation, type VtClient } from '@vtbroker/client';
import type { KeyVersion } from '../store/model.ts';

export interface UpstreamOptions {
  /** VT's base URL (or the emulator's). */
  baseUrl: string;
  timeoutMs: number;
  fetch?: FetchFn;
  now?: () => number;
  /** Unseals a version's key; called once per version. */
  unseal: (version: KeyVersion) => string;
}

export interface Upstream {
  /** A successful raw answer; any VT error is thrown as a `VtError`. */
  call(version: KeyVersion, op: Operation): Promise<Response>;
  /** The client of a key version, for calls that are not proxied (reconciliation). */
  client(version: KeyVersion): VtClient;
  /** Drops clients of versions no longer in use (after a rotation). */
  forgetExcept(versionIds: readonly string[]): void;
  readonly origin: string;
}

export function createUpstream(options: UpstreamOptions): Upstream {
  const clients = new Map<string, VtClient>();
  const clientFor = (version: KeyVersion): VtClient => {
    let client = clients.get(version.id);
    if (!client) {
      client = createVtClient({
        apiKey: options.unseal(version),
        baseUrl: options.baseUrl,
        timeoutMs: options.timeoutMs,
        agent: 'vtbroker',
        env: {},
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.now ? { now: options.now } : {}),
      });
      clients.set(version.id, client);
    }
    return client;
  };
  return {
    origin: new URL(options.baseUrl).origin,
    call: (version, op) => clientFor(version).request(op),
    client: clientFor,
    forgetExcept(ids) {
      for (const id of clients.keys()) if (!ids.includes(id)) clients.delete(id);
    },
  };
}
