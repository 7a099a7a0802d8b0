import type { Requester } from '../internal/requester.ts';

export function searchResource(_r: Requester): Record<string, never> {
  return {};
}
