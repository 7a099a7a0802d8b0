import type { Requester } from '../internal/requester.ts';

export function groupsResource(_r: Requester): Record<string, never> {
  return {};
}
