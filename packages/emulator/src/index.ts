// @vtbroker/emulator: an offline VirusTotal API v3 (and legacy v2) server,
// in-process (`emulator.fetch`) or on a port (`emulator.listen()`).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulatorCore, type EmulatorCore, type EmulatorOptions } from './emulator.ts';
import { createFetchAdapter, type FetchLike } from './http/fetch-adapter.ts';
import { createNodeHandler } from './http/node-adapter.ts';

export interface ListenOptions {
  port?: number;
  host?: string;
}

export interface RunningEmulator {
  /** e.g. `http://127.0.0.1:8090` */
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

export interface Emulator extends EmulatorCore {
  /** In-process `fetch`: no socket, same answers. */
  readonly fetch: FetchLike;
  listen(options?: ListenOptions): Promise<RunningEmulator>;
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const core = createEmulatorCore(options);
  const fetch = createFetchAdapter(core.handle);
  return {
    ...core,
    fetch,
    async listen({ port = 0, host = '127.0.0.1' } = {}) {
      const server = createServer(
        { keepAliveTimeout: 65_000 },
        createNodeHandler(core.handle, { gzip: core.settings.gzip }),
      );
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return {
        url: `http://${shownHost}:${address.port}`,
        server,
        close: () =>
          new Promise<void>((resolve, reject) => {
            server.closeAllConnections();
            server.close((err) => {
              if (err) reject(err);
              else resolve();
            });
          }),
      };
    },
  };
}

export type { EmulatorOptions, EmulatorCore } from './emulator.ts';
export type { EmulatorSettings, SettingsInput } from './settings.ts';
export type { EmulatorClock } from './clock.ts';
export { createManualClock, createSystemClock } from './clock.ts';
export type { CreateUserInput, EmuUser, Tier } from './accounts/registry.ts';
export { keyFingerprint } from './accounts/registry.ts';
export { PRIVILEGES, type Privilege } from './accounts/privileges.ts';
export { PUBLIC_QUOTAS, PREMIUM_QUOTAS, type QuotaLimits } from './accounts/quota-windows.ts';
export type { FaultRuleInput, FaultAction, LatencySpec } from './control/faults.ts';
export type { RequestLogEntry } from './control/request-log.ts';
export { EICAR, EICAR_CONTENT } from './corpus/eicar.ts';
export { canonicalUrl, urlBase64Id, urlSha256 } from './corpus/url-id.ts';
export type { FetchLike } from './http/fetch-adapter.ts';
