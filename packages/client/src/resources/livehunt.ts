import type { Requester } from '../internal/requester.ts';

export function livehuntResource(_r: Requester): Record<string, never> {
  return {};
}
