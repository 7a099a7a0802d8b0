import { describe, expect, it } from 'vitest';
import { classifyV2 } from './route-class-v2.ts';

describe('classifyV2', () => {
  it.each([
    [
      '/file/report',
      {
        endpoint: 'file/report',
        v3Class: 'lookup',
        v3Route: 'GET /files/{id}',
        cacheable: 'object',
        objectType: 'file',
        methods: ['GET', 'POST'],
      },
    ],
    ['/vtapi/v2/file/report', { endpoint: 'file/report', v3Class: 'lookup' }],
    [
      '/file/scan',
      {
        endpoint: 'file/scan',
        v3Class: 'submit',
        v3Route: 'POST /files',
        streamBody: true,
        methods: ['POST'],
        cacheable: false,
        idempotent: false,
      },
    ],
    [
      '/file/rescan',
      { endpoint: 'file/rescan', v3Class: 'submit', v3Route: 'POST /files/{id}/analyse' },
    ],
    [
      '/url/report',
      { endpoint: 'url/report', v3Class: 'lookup', v3Route: 'GET /urls/{id}', objectType: 'url' },
    ],
    [
      '/url/scan',
      { endpoint: 'url/scan', v3Class: 'submit', v3Route: 'POST /urls', streamBody: false },
    ],
    [
      '/domain/report?domain=example.com',
      { endpoint: 'domain/report', v3Class: 'lookup', v3Route: 'GET /domains/{id}' },
    ],
    [
      '/ip-address/report/',
      { endpoint: 'ip-address/report', v3Class: 'lookup', v3Route: 'GET /ip_addresses/{id}' },
    ],
  ])('%s', (path, expected) => {
    expect(classifyV2(path)).toMatchObject({
      class: 'v2',
      costItems: 1,
      streamResponse: false,
      ...expected,
    });
  });

  it('counts a CSV batch of hashes as one item each', () => {
    const params = new URLSearchParams({ resource: 'a,b, c,,d' });
    expect(classifyV2('/file/report', params)).toMatchObject({ costItems: 4 });
    expect(classifyV2('/file/rescan', params)).toMatchObject({ costItems: 4 });
    expect(classifyV2('/domain/report', params)).toMatchObject({ costItems: 1 });
  });

  it('counts newline-separated URLs', () => {
    const params = new URLSearchParams({
      resource: 'http://a/\nhttp://b/\n',
      url: 'http://a/\nhttp://b/',
    });
    expect(classifyV2('/url/report', params)).toMatchObject({ costItems: 2 });
    expect(classifyV2('/url/scan', params)).toMatchObject({ costItems: 2 });
  });

  it('needs submit too when url/report may scan', () => {
    expect(
      classifyV2('/url/report', new URLSearchParams('resource=http://a/&scan=1')),
    ).toMatchObject({
      requiredScopes: ['lookup', 'submit'],
    });
    expect(classifyV2('/url/report', new URLSearchParams('resource=http://a/'))).toMatchObject({
      requiredScopes: ['lookup'],
    });
  });

  it.each([
    ['/file/scan/upload_url', 'GET /api/v3/files/upload_url'],
    ['/file/download', 'GET /api/v3/files/{id}/download'],
    ['/file/search', 'GET /api/v3/intelligence/search'],
    ['/comments/put', 'POST /api/v3/files/{id}/comments'],
    ['/url/feed', 'GET /api/v3/feeds/urls/'],
  ])('names the v3 replacement of %s', (path, replacement) => {
    const result = classifyV2(path);
    expect(result).toMatchObject({ class: 'unknown', reason: 'v2_unsupported' });
    if (result.class === 'unknown') {
      expect(result.replacement).toContain(replacement);
      expect(result.message).toContain(replacement);
    }
  });

  it('rejects anything else', () => {
    for (const path of ['/file/reports', '/', '/api/v3/files/abc', '/FILE/REPORT']) {
      expect(classifyV2(path)).toMatchObject({ class: 'unknown', reason: 'not_found' });
    }
  });
});
