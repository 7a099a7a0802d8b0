// A client wired to an in-process emulator on one manual clock: the client's
// sleeps advance the emulator's time, so retries and the limiter run instantly.
import { createEmulator, type Emulator } from '@vtbroker/emulator';
import { createVtClient, type VtClient } from '../client.ts';
import type { VtClientOptions } from '../config.ts';

export interface Emulated {
  emu: Emulator;
  publicKey: string;
  premiumKey: string;
  client(options?: VtClientOptions): VtClient;
  /** Emulated ms slept by clients so far. */
  slept: number[];
}

export function emulated(): Emulated {
  const emu = createEmulator({
    clock: 'manual',
    corpus: { files: 200, urls: 100, domains: 60, ips: 60 },
  });
  const publicKey = emu.createKey({ id: 'alice', tier: 'public' }).apikey;
  const premiumKey = emu.createKey({ id: 'bob', tier: 'premium' }).apikey;
  const slept: number[] = [];
  return {
    emu,
    publicKey,
    premiumKey,
    slept,
    client: (options = {}) =>
      createVtClient({
        apiKey: premiumKey,
        baseUrl: 'http://emulator.test',
        fetch: emu.fetch,
        now: () => emu.clock.now(),
        sleep: (ms) => {
          slept.push(ms);
          emu.clock.advance(ms);
          return Promise.resolve();
        },
        random: () => 0.5,
        env: {},
        ...options,
      }),
  };
}
