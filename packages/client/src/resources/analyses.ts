import type { Requester } from '../internal/requester.ts';

export function analysesResource(_r: Requester): Record<string, never> {
  return {};
}
