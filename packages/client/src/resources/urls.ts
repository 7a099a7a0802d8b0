import type { Requester } from '../internal/requester.ts';

export function urlsResource(_r: Requester): Record<string, never> {
  return {};
}
