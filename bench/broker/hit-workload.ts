// The cache-hit request mix and the bytes the broker answers to it: every path
// is asked twice through the broker (the first fills the cache, the second
// must be a HIT); the HIT's body and headers are what the baseline serves.
// Also the check that a server answers those exact bytes.
export interface HitWorkload {
  paths: string[];
  /** Path → body of the broker's HIT answer. */
  bodies: Record<string, string>;
  /** The headers of a broker HIT that do not vary per path (content-length aside). */
  headers: Record<string, string>;
}

interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

async function get(origin: string, path: string, headers: Record<string, string>): Promise<Answer> {
  const res = await fetch(`${origin}${path}`, { headers });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/**
 * 200, `application/json`, an exact content-length, no content-encoding and
 * `x-cache` as expected (node's fetch sends `User-Agent: node`, no "gzip").
 */
function check(answer: Answer, path: string, xCache: string): string {
  const { status, headers, body } = answer;
  const type = headers.get('content-type');
  const length = headers.get('content-length');
  if (status !== 200 || type !== 'application/json' || headers.has('content-encoding')) {
    throw new Error(`GET ${path}: ${status} ${type ?? ''}: ${body.slice(0, 200)}`);
  }
  if (length !== String(Buffer.byteLength(body))) {
    throw new Error(
      `GET ${path}: content-length ${length ?? 'missing'} for a ${body.length}-byte body`,
    );
  }
  if (headers.get('x-cache') !== xCache) {
    throw new Error(
      `GET ${path}: x-cache ${headers.get('x-cache') ?? 'missing'}, expected ${xCache}`,
    );
  }
  return body;
}

/** Fills the broker's cache with every path and records its HIT answers. */
export async function warmBroker(
  brokerUrl: string,
  token: string,
  paths: readonly string[],
): Promise<HitWorkload> {
  const auth = { 'x-apikey': token };
  const bodies: Record<string, string> = {};
  for (const path of paths) {
    const first = await get(brokerUrl, path, auth);
    if (first.status !== 200)
      throw new Error(
        `GET ${path} through the broker: ${first.status}: ${first.body.slice(0, 200)}`,
      );
    const hit = await get(brokerUrl, path, auth);
    bodies[path] = check(hit, path, 'HIT');
    if (hit.body !== first.body)
      throw new Error(`GET ${path}: the HIT answered other bytes than the MISS`);
  }
  return {
    paths: [...paths],
    bodies,
    // A request id as long as the broker's (12 base64url characters); a HIT's age is small.
    headers: {
      'content-type': 'application/json',
      'x-request-id': 'bench0000000',
      'x-cache': 'HIT',
      age: '0',
    },
  };
}

/** Every path of the mix, once: same status, type, length, `x-cache` and bytes as the broker's HIT. */
export async function checkSameBytes(
  name: string,
  origin: string,
  token: string,
  workload: HitWorkload,
): Promise<void> {
  for (const path of workload.paths) {
    const body = check(await get(origin, path, { 'x-apikey': token }), path, 'HIT');
    if (body !== workload.bodies[path]) {
      throw new Error(`${name} answered ${path} with other bytes than the broker's HIT`);
    }
  }
}
