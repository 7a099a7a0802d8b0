import type { Requester } from '../internal/requester.ts';

export function domainsResource(_r: Requester): Record<string, never> {
  return {};
}
