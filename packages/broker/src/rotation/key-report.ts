// The rotation's test step (ARCHITECTURE.md, "Keys and rotation", step 2): what
// the new key is, next to what the current one was — tier, privileges, quotas,
// account — and whether one cheap lookup worked. Every difference is named; a
// loss (a premium → public downgrade, a privilege gone, a lower quota, a failed
// lookup) blocks the rotation unless it is forced. A dead key blocks it always.
import type { KeyFacts } from '../keys/inspect-key.ts';
import type { KeyVersion, WindowName } from '../store/model.ts';
import { WINDOWS } from '../store/model.ts';

export interface ProbeResult {
  ok: boolean;
  /** The lookup's path, e.g. `/files/275a…`. */
  path: string;
  /** HTTP status VT answered. */
  status: number;
  code?: string;
}

export interface KeyDifference {
  kind: 'alive' | 'tier' | 'privilege' | 'quota' | 'account' | 'lookup';
  /** A loss: refuses the rotation unless forced. */
  blocking: boolean;
  message: string;
}

export interface KeyReport {
  /** VT accepted the new key. */
  alive: boolean;
  from: { fingerprint: string; tier: string; vtUser: string | null };
  to: { fingerprint: string; tier: string; vtUser: string | null };
  lookup: ProbeResult | null;
  differences: KeyDifference[];
  /** Some difference is blocking. */
  blocked: boolean;
}

const QUOTA_NAMES: Record<WindowName, string> = {
  minute: 'per-minute',
  hour: 'hourly',
  day: 'daily',
  month: 'monthly',
};

type Facts = Pick<KeyVersion, 'tier' | 'privileges' | 'quotas' | 'vtUser' | 'fingerprint'>;

/** What was current against what the new key is; `to` undefined when VT rejected the key. */
export function compareKeys(
  from: Facts,
  to: (KeyFacts & { fingerprint: string }) | { fingerprint: string; rejected: string },
  lookup: ProbeResult | null,
): KeyReport {
  const differences: KeyDifference[] = [];
  const add = (kind: KeyDifference['kind'], blocking: boolean, message: string) =>
    differences.push({ kind, blocking, message });
  const summary = (f: { fingerprint: string; tier?: string; vtUser?: string | null }) => ({
    fingerprint: f.fingerprint,
    tier: f.tier ?? 'unknown',
    vtUser: f.vtUser ?? null,
  });
  if ('rejected' in to) {
    add('alive', true, `the new key was rejected by VirusTotal (${to.rejected})`);
    return {
      alive: false,
      from: summary(from),
      to: summary(to),
      lookup,
      differences,
      blocked: true,
    };
  }
  if (from.tier !== to.tier) {
    const down = from.tier === 'premium' && to.tier === 'public';
    add('tier', down, `tier ${from.tier} → ${to.tier}${down ? ' (a downgrade)' : ''}`);
  }
  for (const name of from.privileges)
    if (!to.privileges.includes(name)) add('privilege', true, `privilege lost: ${name}`);
  for (const name of to.privileges)
    if (!from.privileges.includes(name)) add('privilege', false, `privilege gained: ${name}`);
  for (const window of WINDOWS) compareQuota(window, from.quotas[window], to.quotas[window], add);
  if (from.vtUser !== to.vtUser)
    add(
      'account',
      false,
      `VT account ${from.vtUser ?? '?'} → ${to.vtUser} (another account: its own quota)`,
    );
  if (lookup && !lookup.ok)
    add(
      'lookup',
      true,
      `the test lookup GET ${lookup.path} failed: HTTP ${lookup.status}${lookup.code ? ` ${lookup.code}` : ''}`,
    );
  return {
    alive: true,
    from: summary(from),
    to: summary(to),
    lookup,
    differences,
    blocked: differences.some((d) => d.blocking),
  };
}

function compareQuota(
  window: WindowName,
  before: number | null | undefined,
  after: number | null | undefined,
  add: (kind: 'quota', blocking: boolean, message: string) => void,
): void {
  const name = `${QUOTA_NAMES[window]} quota`;
  const shown = (n: number | null | undefined) => (n === undefined || n === null ? 'none' : n);
  if (before === after || (before == null && after == null)) return;
  // VT reports no number: nothing to compare against (the tier's defaults apply).
  if (after === undefined || after === null) {
    add('quota', false, `${name} ${shown(before)} → not reported by VirusTotal`);
    return;
  }
  if (before === undefined || before === null) {
    add('quota', false, `${name} not reported → ${after}`);
    return;
  }
  const lower = after < before;
  add('quota', lower, `${name} ${before} → ${after}${lower ? ' (lower)' : ''}`);
}
