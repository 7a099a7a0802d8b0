import type { Requester } from '../internal/requester.ts';

export function filesResource(_r: Requester): Record<string, never> {
  return {};
}
