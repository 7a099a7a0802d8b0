// Fault injection for tests of everything built on the emulator: latency
// (fixed or sampled), 5xx bursts, TransientError, dropped connections and 429
// bursts, each matched by method/path/key and limited by count or probability.
import type { Random } from '../random.ts';
import { VT_ERROR_STATUS, type VtErrorCode } from '../errors.ts';

export type LatencySpec =
  | { fixedMs: number }
  | { uniform: { minMs: number; maxMs: number } }
  /** Log-normal with the given median and 99th percentile. */
  | { lognormal: { medianMs: number; p99Ms: number } };

export type FaultAction =
  | { kind: 'latency'; latency: LatencySpec }
  | { kind: 'error'; status: number; code: string; message?: string }
  | { kind: 'transient' }
  | { kind: 'quota'; code?: 'QuotaExceededError' | 'TooManyRequestsError' }
  | { kind: 'drop' };

export interface FaultMatch {
  method?: string;
  /** Matches when the request path starts with this. */
  pathPrefix?: string;
  /** Emulator label of the key (`k1`), to fault one key only. */
  keyId?: string;
}

export interface FaultRuleInput {
  match?: FaultMatch;
  action: FaultAction;
  /** How many requests it affects; omitted = until removed. */
  count?: number;
  /** Chance (0..1) that a matching request is affected; default 1. */
  probability?: number;
}

export interface FaultRule extends FaultRuleInput {
  id: string;
  hits: number;
}

export interface Injection {
  delayMs: number;
  /** The terminal fault, if any (error, transient, quota or drop). */
  action: Exclude<FaultAction, { kind: 'latency' }> | undefined;
  ruleIds: string[];
}

export interface FaultInjector {
  add(input: FaultRuleInput): FaultRule;
  remove(id: string): boolean;
  clear(): void;
  list(): FaultRule[];
  /** The faults that apply to one request; counts them as used. */
  take(method: string, path: string, keyId: string | undefined): Injection | undefined;
}

export function validateFault(input: FaultRuleInput): void {
  const a = input.action;
  if (a.kind === 'error') {
    if (!Number.isInteger(a.status) || a.status < 400 || a.status > 599) {
      throw new RangeError(`fault "error" needs a status from 400 to 599, got ${a.status}`);
    }
    const known = VT_ERROR_STATUS[a.code as VtErrorCode] as number | undefined;
    if (known !== undefined && known !== a.status) {
      throw new RangeError(`${a.code} is answered with ${known} by VT, not ${a.status}`);
    }
  }
  if (input.count !== undefined && !(Number.isInteger(input.count) && input.count > 0)) {
    throw new RangeError('fault "count" must be a positive integer');
  }
  if (input.probability !== undefined && !(input.probability >= 0 && input.probability <= 1)) {
    throw new RangeError('fault "probability" must be between 0 and 1');
  }
}

export function sampleLatency(spec: LatencySpec, random: Random): number {
  if ('fixedMs' in spec) return spec.fixedMs;
  if ('uniform' in spec)
    return spec.uniform.minMs + random.next() * (spec.uniform.maxMs - spec.uniform.minMs);
  const { medianMs, p99Ms } = spec.lognormal;
  const sigma = Math.log(p99Ms / medianMs) / 2.326;
  // Box-Muller for a standard normal sample.
  const z = Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  return medianMs * Math.exp(sigma * z);
}

export function createFaultInjector(random: Random): FaultInjector {
  let rules: FaultRule[] = [];
  let nextId = 0;
  const matches = (
    m: FaultMatch | undefined,
    method: string,
    path: string,
    keyId: string | undefined,
  ): boolean =>
    !m ||
    ((m.method === undefined || m.method.toUpperCase() === method) &&
      (m.pathPrefix === undefined || path.startsWith(m.pathPrefix)) &&
      (m.keyId === undefined || m.keyId === keyId));

  return {
    add(input) {
      validateFault(input);
      const rule: FaultRule = { ...input, id: `f${++nextId}`, hits: 0 };
      rules.push(rule);
      return rule;
    },
    remove(id) {
      const before = rules.length;
      rules = rules.filter((r) => r.id !== id);
      return rules.length < before;
    },
    clear() {
      rules = [];
    },
    list: () => rules.map((r) => ({ ...r })),
    take(method, path, keyId) {
      if (rules.length === 0) return undefined;
      const out: Injection = { delayMs: 0, action: undefined, ruleIds: [] };
      for (const rule of rules) {
        if (!matches(rule.match, method, path, keyId)) continue;
        if (rule.action.kind !== 'latency' && out.action) continue;
        if (rule.probability !== undefined && !(random.next() < rule.probability)) continue;
        rule.hits++;
        out.ruleIds.push(rule.id);
        if (rule.action.kind === 'latency')
          out.delayMs += sampleLatency(rule.action.latency, random);
        else out.action = rule.action;
      }
      rules = rules.filter((r) => r.count === undefined || r.hits < r.count);
      return out.ruleIds.length > 0 ? out : undefined;
    },
  };
}
