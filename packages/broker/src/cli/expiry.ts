// `--expires-in 90d | 12h | 30m | never` for the token commands.
import { UsageError } from './usage-error.ts';

const DURATION = /^(\d+)([dhm])$/;

/** Lifetime in ms; null for never; undefined when the flag is absent. */
export function parseExpiry(text: string | undefined): number | null | undefined {
  if (text === undefined) return undefined;
  if (text === 'never') return null;
  const m = DURATION.exec(text);
  if (!m)
    throw new UsageError(
      `--expires-in "${text}" is not a duration`,
      '--expires-in 90d (or 12h, 30m, never)',
    );
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[m[2] as 'd' | 'h' | 'm'];
  return Number(m[1]) * unit;
}
