// The fake's signer against AWS's published Signature Version 4 example (IAM ListUsers,
// "Create a signed AWS API request" in the IAM user guide): if this passes, a request the
// fake accepts is one AWS would accept, and the SDK's signer is checked independently.
import { describe, expect, it } from 'vitest';
import { canonicalRequest, parseAuthorization, signature, uriEncode } from './aws-sigv4.ts';

const example = {
  method: 'GET',
  path: '/',
  query: new URLSearchParams('Action=ListUsers&Version=2010-05-08'),
  headers: {
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    host: 'iam.amazonaws.com',
    'x-amz-date': '20150830T123600Z',
  },
  signedHeaders: ['content-type', 'host', 'x-amz-date'],
  body: '',
};
const scope = {
  amzDate: '20150830T123600Z',
  region: 'us-east-1',
  service: 'iam',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

describe('SigV4 as the fake computes it', () => {
  it("matches AWS's documented example signature", () => {
    expect(canonicalRequest(example).split('\n').slice(0, 3)).toEqual([
      'GET',
      '/',
      'Action=ListUsers&Version=2010-05-08',
    ]);
    expect(signature(example, scope)).toBe(
      '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    );
  });

  it('changes with any signed part', () => {
    const base = signature(example, scope);
    expect(signature({ ...example, body: 'x' }, scope)).not.toBe(base);
    expect(signature(example, { ...scope, region: 'eu-west-1' })).not.toBe(base);
    expect(signature(example, { ...scope, secretAccessKey: 'other' })).not.toBe(base);
  });

  it('parses the Authorization header', () => {
    const header =
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, ' +
      'SignedHeaders=content-type;host;x-amz-date, ' +
      'Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7';
    expect(parseAuthorization(header)).toEqual({
      accessKeyId: 'AKIDEXAMPLE',
      date: '20150830',
      region: 'us-east-1',
      service: 'iam',
      terminator: 'aws4_request',
      signedHeaders: ['content-type', 'host', 'x-amz-date'],
      signature: '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    });
    expect(parseAuthorization('Bearer x')).toBeUndefined();
  });

  it('encodes as RFC 3986 asks', () => {
    expect(uriEncode("a b*'()!~._-")).toBe('a%20b%2A%27%28%29%21~._-');
  });
});
