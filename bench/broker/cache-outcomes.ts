// The broker's own count of its answers by cache outcome, read from its
// /metrics: a bench checks with it that a hit run saw no miss and that every
// no-cache request of a miss run went upstream.

/** The broker's `vtbroker_requests_total` summed by cache outcome (`hit`, `miss` …), from /metrics. */
export async function cacheOutcomes(brokerUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${brokerUrl}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /^vtbroker_requests_total\{[^}]*cache="([a-z]+)"[^}]*\} (\d+)$/.exec(line);
    if (match) counts[match[1]!] = (counts[match[1]!] ?? 0) + Number(match[2]);
  }
  return counts;
}
