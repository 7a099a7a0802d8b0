// Periodic reconciliation (ARCHITECTURE.md, "Quotas"): others may use the same
// licence, so the broker's counts are raised to what VT reports in
// `overall_quotas` (hourly, daily, monthly; user and group parts). Counts are
// never lowered: VT's numbers can lag the broker's own.
import type { VtClient } from '@vtbroker/client';
import type { KeyVersion, WindowName } from '../store/model.ts';
import type { Limiter } from './limiter.ts';
import { quotaBucket } from './key-pool.ts';

const WINDOW_OF: Record<string, WindowName> = {
  api_requests_hourly: 'hour',
  api_requests_daily: 'day',
  api_requests_monthly: 'month',
};

type Part = { allowed?: number; used?: number } | undefined;

export async function reconcileVersion(
  client: VtClient,
  version: KeyVersion,
  limiter: Limiter,
  nowMs: number,
): Promise<Record<string, number>> {
  const quotas = (await client.users.overallQuotas(
    version.vtUser ?? undefined,
  )) as unknown as Record<string, { user?: Part; group?: Part } | undefined>;
  const raised: Record<string, number> = {};
  for (const [name, window] of Object.entries(WINDOW_OF)) {
    const entry = quotas[name];
    // The user part: the key's own allowance (group allowances are not modelled yet).
    const used = entry?.user?.used ?? 0;
    if (used > 0) {
      await limiter.raiseUsed(quotaBucket(version), window, used, nowMs);
      raised[window] = used;
    }
  }
  return raised;
}
