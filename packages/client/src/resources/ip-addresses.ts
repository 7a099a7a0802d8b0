import type { Requester } from '../internal/requester.ts';

export function ipAddressesResource(_r: Requester): Record<string, never> {
  return {};
}
