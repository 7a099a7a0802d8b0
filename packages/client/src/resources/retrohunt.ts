import type { Requester } from '../internal/requester.ts';

export function retrohuntResource(_r: Requester): Record<string, never> {
  return {};
}
