// AWS Signature Version 4, written from AWS's description of the signing process so the
// fake can check what the SDK's own signer sends (two independent implementations that
// must agree). Canonical request → string to sign → HMAC chain (date, region, service,
// "aws4_request") → hex signature. `aws-sigv4.test.ts` holds it to AWS's published
// example. Non-S3 rules only: the path is URI-encoded once more, the payload is hashed.
import { createHash, createHmac } from 'node:crypto';

export interface SignedRequestParts {
  method: string;
  /** The path as sent on the wire (already percent-encoded once). */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Readonly<Record<string, string>>;
  /** Lower-cased, in the order of the Authorization header's SignedHeaders. */
  signedHeaders: readonly string[];
  body: string;
}

export interface SigningScope {
  /** x-amz-date, e.g. 20150830T123600Z. */
  amzDate: string;
  region: string;
  service: string;
  secretAccessKey: string;
}

export interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  terminator: string;
  signedHeaders: string[];
  signature: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: Buffer | string, text: string): Buffer =>
  createHmac('sha256', key).update(text, 'utf8').digest();

/** RFC 3986 unreserved characters stay; everything else is %XX, upper-case. */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function canonicalRequest(parts: SignedRequestParts): string {
  const path = parts.path.split('/').map(uriEncode).join('/') || '/';
  const query = [...parts.query.entries()]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : 1) : ak < bk ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const headers = parts.signedHeaders
    .map((name) => `${name}:${(parts.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  return [
    parts.method,
    path,
    query,
    headers,
    parts.signedHeaders.join(';'),
    sha256(parts.body),
  ].join('\n');
}

export function signature(parts: SignedRequestParts, scope: SigningScope): string {
  const date = scope.amzDate.slice(0, 8);
  const credentialScope = `${date}/${scope.region}/${scope.service}/aws4_request`;
  const toSign = [
    'AWS4-HMAC-SHA256',
    scope.amzDate,
    credentialScope,
    sha256(canonicalRequest(parts)),
  ].join('\n');
  const dateKey = hmac(`AWS4${scope.secretAccessKey}`, date);
  const key = hmac(hmac(hmac(dateKey, scope.region), scope.service), 'aws4_request');
  return hmac(key, toSign).toString('hex');
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam/aws4_request, SignedHeaders=a;b, Signature=…` */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      header ?? '',
    );
  if (!match) return undefined;
  const [, accessKeyId = '', date = '', region = '', service = '', terminator = ''] = match;
  return {
    accessKeyId,
    date,
    region,
    service,
    terminator,
    signedHeaders: (match[6] ?? '').split(';'),
    signature: match[7] ?? '',
  };
}
