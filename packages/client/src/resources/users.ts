import type { Requester } from '../internal/requester.ts';

export function usersResource(_r: Requester): Record<string, never> {
  return {};
}
