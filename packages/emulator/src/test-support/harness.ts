// Shared set-up for the emulator's own tests: an in-process emulator on a
// manual clock with a small corpus, and helpers that read VT's envelopes.
import { createEmulator, type Emulator } from '../index.ts';
import type { EmulatorOptions } from '../emulator.ts';

export const ORIGIN = 'http://emulator.test';

export interface Harness {
  emu: Emulator;
  publicKey: string;
  premiumKey: string;
  /** GET/POST … against the emulator with a key (the public one unless told). */
  call(path: string, init?: RequestInit & { key?: string | null }): Promise<Response>;
  /** Like `call`, and parses the JSON body. */
  callJson<T = Record<string, unknown>>(
    path: string,
    init?: RequestInit & { key?: string | null },
  ): Promise<{ status: number; body: T; headers: Headers }>;
}

export function createHarness(options: EmulatorOptions = {}): Harness {
  const emu = createEmulator({
    clock: 'manual',
    corpus: { files: 200, urls: 100, domains: 60, ips: 60 },
    ...options,
  });
  const publicKey = emu.createKey({ id: 'alice', tier: 'public' }).apikey;
  const premiumKey = emu.createKey({ id: 'bob', tier: 'premium' }).apikey;
  const call: Harness['call'] = (path, init = {}) => {
    const { key = publicKey, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (key !== null) headers.set('x-apikey', key);
    return emu.fetch(`${ORIGIN}${path}`, { ...rest, headers });
  };
  return {
    emu,
    publicKey,
    premiumKey,
    call,
    async callJson(path, init) {
      const res = await call(path, init);
      const text = await res.text();
      return {
        status: res.status,
        headers: res.headers,
        body: (text ? JSON.parse(text) : undefined) as never,
      };
    },
  };
}

export interface VtErrorBody {
  error: { code: string; message: string };
}
