// How the fake AWS service authenticates a request, in the order AWS reports problems:
// no Authorization header, an access key (or session token) it does not know, a
// credential scope for another region/service/date, a timestamp more than 15 minutes
// from the server's clock, and finally a signature that does not match the one
// recomputed with the key's secret (aws-sigv4.ts). JSON services answer these with
// HTTP 400 and a lower-case "message".
import { timingSafeEqual } from 'node:crypto';
import { parseAuthorization, signature } from './aws-sigv4.ts';
import type { FakeRequest } from './fake-http-server.ts';

export interface AwsKeyPair {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface AuthRefusal {
  type: string;
  message: string;
}

export interface AuthScope {
  keys: readonly AwsKeyPair[];
  region: string;
  service: string;
  now: () => number;
}

const SKEW_MS = 15 * 60_000;

export function checkSignedRequest(
  request: FakeRequest,
  scope: AuthScope,
): AuthRefusal | undefined {
  const auth = parseAuthorization(request.headers['authorization']);
  if (!auth)
    return { type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
  const key = scope.keys.find((k) => k.accessKeyId === auth.accessKeyId);
  if (!key || key.sessionToken !== request.headers['x-amz-security-token']) {
    return {
      type: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    };
  }
  const amzDate = request.headers['x-amz-date'] ?? '';
  const stamp = Date.parse(
    amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
  );
  const scoped =
    auth.region === scope.region &&
    auth.service === scope.service &&
    auth.terminator === 'aws4_request';
  if (!scoped || auth.date !== amzDate.slice(0, 8) || !auth.signedHeaders.includes('host')) {
    return {
      type: 'InvalidSignatureException',
      message: `Credential should be scoped to a valid region, service and date: ${scope.region}/${scope.service}.`,
    };
  }
  if (!Number.isFinite(stamp) || Math.abs(scope.now() - stamp) > SKEW_MS) {
    return {
      type: 'InvalidSignatureException',
      message: `Signature expired: ${amzDate} is more than 15 minutes away from the server's time.`,
    };
  }
  const expected = signature(
    { ...request, signedHeaders: auth.signedHeaders },
    { amzDate, region: scope.region, service: scope.service, secretAccessKey: key.secretAccessKey },
  );
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(auth.signature))) {
    return {
      type: 'InvalidSignatureException',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    };
  }
  return undefined;
}
