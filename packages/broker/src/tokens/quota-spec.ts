// Consumer quotas as written on the command line: `100/min,20000/day`.
import type { WindowLimits, WindowName } from '../store/model.ts';

const UNITS: Record<string, WindowName> = {
  m: 'minute',
  min: 'minute',
  minute: 'minute',
  h: 'hour',
  hour: 'hour',
  d: 'day',
  day: 'day',
  mo: 'month',
  month: 'month',
};

export class QuotaSpecError extends Error {
  override readonly name = 'QuotaSpecError';
}

export function parseQuotaSpec(text: string): WindowLimits {
  const out: WindowLimits = {};
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^(\d+)\/([a-z]+)$/.exec(part);
    const window = match ? UNITS[match[2] ?? ''] : undefined;
    if (!match || !window) {
      throw new QuotaSpecError(
        `"${part}" is not a quota; write <count>/<min|hour|day|month>, e.g. --quota 100/min,20000/day`,
      );
    }
    if (out[window] !== undefined)
      throw new QuotaSpecError(`the ${window} quota is given twice in "${text}"`);
    out[window] = Number(match[1]);
  }
  return out;
}

export function formatQuotas(limits: WindowLimits): string {
  const short: Record<WindowName, string> = {
    minute: 'min',
    hour: 'hour',
    day: 'day',
    month: 'month',
  };
  const parts = (Object.entries(limits) as [WindowName, number | null | undefined][])
    .filter(([, n]) => n !== undefined && n !== null)
    .map(([w, n]) => `${String(n)}/${short[w]}`);
  return parts.length > 0 ? parts.join(',') : 'unlimited';
}
