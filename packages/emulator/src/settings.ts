// Every tunable of the emulator, with its default and the VT fact behind it.
// Values VT does not document are marked [U] and are the emulator's choice.
import type { MinuteWindowMode } from './accounts/quota-windows.ts';

export interface EmulatorSettings {
  analysis: {
    /** Seconds an analysis stays `queued`, then `in-progress` [U]. */
    queuedSeconds: number;
    inProgressSeconds: number;
  };
  uploads: {
    /** `POST /files` limit: 32 MB (reference §4.1). */
    directMaxBytes: number;
    /** `upload_url` limit: 650 MB (reference §4.1). */
    uploadUrlMaxBytes: number;
    uploadUrlTtlSeconds: number;
    /** Uploaded files up to this size are kept so that they can be downloaded. */
    retainBytesMax: number;
  };
  downloads: {
    /** Signed download URLs live 1 h (reference §4.1). */
    urlTtlSeconds: number;
  };
  feeds: {
    itemsPerBatch: number;
    /** One minute batch in this many is missing (404), as on VT (reference §4.9) [U rate]. */
    missingOneIn: number;
    /** The newest batch is T−60 min; older than 7 days is gone (reference §4.9). */
    delayMinutes: number;
    keepDays: number;
  };
  retrohunt: {
    startingSeconds: number;
    runningSeconds: number;
    /** 10 concurrent jobs, 300 rules per job (reference §4.7). */
    maxConcurrentJobs: number;
    maxRules: number;
  };
  hunting: {
    /** An enabled ruleset yields a notification this often (emulator's model) [U]. */
    notificationEverySeconds: number;
  };
  paging: {
    defaultLimit: number;
    /** Relationship endpoints cap `limit` at 40 [U]. */
    maxLimit: number;
    /** `/intelligence/search` allows up to 300 (reference §4.6). */
    intelligenceMaxLimit: number;
  };
  quotas: {
    /** Whether `/users/…` and `/groups/…` calls cost a request [U]. */
    introspectionCosts: boolean;
    /** Fixed UTC minutes or a sliding 60 s window [U]. */
    minuteWindow: MinuteWindowMode;
    /** v2 `file/report` batch size: 4 public, 25 premium (reference §7.1). */
    v2BatchPublic: number;
    v2BatchPremium: number;
  };
  /** `auto`: gzip when the User-Agent says `gzip` and the client accepts it, as VT's front end. */
  gzip: 'auto' | 'off';
  /** Base of absolute links; default: the request's own scheme and Host. */
  publicUrl: string | undefined;
  /** When set, `/_emulator/*` requires header `x-emulator-token`. */
  controlToken: string | undefined;
}

export const DEFAULT_SETTINGS: EmulatorSettings = {
  analysis: { queuedSeconds: 20, inProgressSeconds: 40 },
  uploads: {
    directMaxBytes: 32 * 1024 * 1024,
    uploadUrlMaxBytes: 650 * 1024 * 1024,
    uploadUrlTtlSeconds: 3600,
    retainBytesMax: 1024 * 1024,
  },
  downloads: { urlTtlSeconds: 3600 },
  feeds: { itemsPerBatch: 5, missingOneIn: 97, delayMinutes: 60, keepDays: 7 },
  retrohunt: { startingSeconds: 30, runningSeconds: 600, maxConcurrentJobs: 10, maxRules: 300 },
  hunting: { notificationEverySeconds: 3600 },
  paging: { defaultLimit: 10, maxLimit: 40, intelligenceMaxLimit: 300 },
  quotas: {
    introspectionCosts: false,
    minuteWindow: 'fixed',
    v2BatchPublic: 4,
    v2BatchPremium: 25,
  },
  gzip: 'auto',
  publicUrl: undefined,
  controlToken: undefined,
};

export type SettingsInput = {
  [K in keyof EmulatorSettings]?: EmulatorSettings[K] extends object | undefined
    ? Partial<NonNullable<EmulatorSettings[K]>> | EmulatorSettings[K]
    : EmulatorSettings[K];
};

export function resolveSettings(input: SettingsInput = {}): EmulatorSettings {
  const out = structuredClone(DEFAULT_SETTINGS) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(input) as [string, unknown][]) {
    const current = out[key];
    out[key] = isPlainObject(value) && isPlainObject(current) ? { ...current, ...value } : value;
  }
  return out as unknown as EmulatorSettings;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
