import type { Requester } from '../internal/requester.ts';

export function feedsResource(_r: Requester): Record<string, never> {
  return {};
}
