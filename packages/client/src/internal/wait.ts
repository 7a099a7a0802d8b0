// Waiting for an analysis (reference §4.2): poll `GET /analyses/{id}` until
// `completed`, pausing with exponential backoff (injected `sleep` and `now`),
// up to a deadline. A `TransientError` while polling is ignored, as vt-cli does.
import { VtConfigError } from '../config.ts';
import { VtAbortError, VtError, VtServerError } from '../errors.ts';
import type {
  AnalysisMeta,
  AnalysisStatus,
  VtAnalysis,
  VtAnalysisResponse,
} from '../types/analysis.ts';
import type { WaitOptions } from '../types/options.ts';
import { enc } from './collections.ts';
import type { Requester } from './requester.ts';

/** Defaults: vt-cli polls every 10 s and gives up after 10 min (reference §4.2). */
export const WAIT_DEFAULTS: Readonly<Record<WaitKnob, number>> = {
  deadlineMs: 600_000,
  initialDelayMs: 10_000,
  maxDelayMs: 60_000,
};

type WaitKnob = 'deadlineMs' | 'initialDelayMs' | 'maxDelayMs';

/** The analysis was not completed within `deadlineMs`; it keeps running on VT's side. */
export class VtAnalysisTimeoutError extends VtError {
  override name = 'VtAnalysisTimeoutError';
  readonly analysisId: string;
  /** The last status seen; undefined when every poll failed transiently. */
  readonly lastStatus: AnalysisStatus | undefined;
  readonly waitedMs: number;
  constructor(analysisId: string, lastStatus: AnalysisStatus | undefined, waitedMs: number) {
    const state =
      lastStatus === undefined ? 'got only TransientError answers' : `is still ${lastStatus}`;
    super(`Analysis ${analysisId} ${state} after ${waitedMs} ms: the deadline passed.`, {
      hint: `VT is still working on it: call client.analyses.wait('${analysisId}') again later, or pass a larger deadlineMs.`,
    });
    this.analysisId = analysisId;
    this.lastStatus = lastStatus;
    this.waitedMs = waitedMs;
  }
}

const isTransient = (error: unknown): boolean =>
  error instanceof VtServerError && error.code === 'TransientError';

export async function waitForAnalysis(
  r: Requester,
  id: string,
  options: WaitOptions = {},
): Promise<VtAnalysisResponse> {
  const { deadlineMs, initialDelayMs, maxDelayMs } = { ...WAIT_DEFAULTS, ...definedOnly(options) };
  const { now } = r.config;
  const signals = [options.signal, r.config.signal].filter((s) => s !== undefined);
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  const startedAt = now();
  let delayMs = Math.min(initialDelayMs, maxDelayMs);
  let lastStatus: AnalysisStatus | undefined;
  for (;;) {
    const answer = await poll(r, id, signal);
    if (answer !== undefined) {
      lastStatus = answer.data.attributes.status;
      options.onProgress?.(answer);
      if (lastStatus === 'completed') return answer;
    }
    const leftMs = startedAt + deadlineMs - now();
    if (leftMs <= 0) throw new VtAnalysisTimeoutError(id, lastStatus, now() - startedAt);
    await pause(r, Math.min(delayMs, leftMs), id, signal);
    delayMs = Math.min(delayMs * 2, maxDelayMs);
  }
}

/** `GET /analyses/{id}` as `{data, meta}` (`meta` is `{}` when VT sends none). */
export async function getAnalysis(
  r: Requester,
  id: string,
  signal: AbortSignal | undefined,
): Promise<VtAnalysisResponse> {
  const body = await r.json<{ data: VtAnalysis; meta?: AnalysisMeta }>({
    method: 'GET',
    path: `/analyses/${enc(id)}`,
    signal,
  });
  return { data: body.data, meta: body.meta ?? {} };
}

/** One poll; undefined when VT answered `TransientError`. */
async function poll(
  r: Requester,
  id: string,
  signal: AbortSignal | undefined,
): Promise<VtAnalysisResponse | undefined> {
  try {
    return await getAnalysis(r, id, signal);
  } catch (error) {
    if (isTransient(error)) return undefined;
    throw error;
  }
}

async function pause(
  r: Requester,
  ms: number,
  id: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  try {
    signal?.throwIfAborted();
    await r.config.sleep(ms, signal);
  } catch (error) {
    throw new VtAbortError(`Waiting for analysis ${id} was aborted`, { cause: error });
  }
}

function definedOnly(options: WaitOptions): Partial<Record<WaitKnob, number>> {
  const out: Partial<Record<WaitKnob, number>> = {};
  for (const key of ['deadlineMs', 'initialDelayMs', 'maxDelayMs'] as const) {
    const value = options[key];
    if (value === undefined) continue;
    const min = key === 'deadlineMs' ? 0 : 1;
    if (!(Number.isFinite(value) && value >= min)) {
      throw new VtConfigError(`${key} must be a number of milliseconds ≥ ${min}, got ${value}.`, {
        hint: `client.analyses.wait(id, { ${key}: 30_000 })`,
      });
    }
    out[key] = value;
  }
  return out;
}
