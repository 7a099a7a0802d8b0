import { describe, expect, it } from 'vitest';
import { SCOPES } from '../store/model.ts';
import { classifyRoute, SCOPE_DESCRIPTIONS, type ClassifiedRoute } from './route-class.ts';

const SHA256 = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';
const MD5 = '44d88612fea8a8f36de82e1278abb02f';
// base64url of "http://www.example.com/?a=~~~&b=>>>" has both - and _
const URL_ID = Buffer.from('http://www.example.com/?a=~~~&b=>>>').toString('base64url');

type Row = [method: string, path: string, expected: Partial<ClassifiedRoute>];

const stream = { streamResponse: true };
const ROWS: Row[] = [
  // lookup
  [
    'GET',
    `/files/${SHA256}`,
    {
      class: 'lookup',
      cacheable: 'object',
      objectType: 'file',
      objectId: SHA256,
      route: 'GET /files/{id}',
    },
  ],
  [
    'GET',
    `/files/${MD5}?relationships=contacted_ips`,
    { class: 'lookup', cacheable: 'object', objectId: MD5 },
  ],
  ['HEAD', `/files/${SHA256}`, { class: 'lookup', cacheable: 'object' }],
  ['get', `/files/${SHA256}`, { class: 'lookup' }],
  [
    'GET',
    `/urls/${URL_ID}`,
    { class: 'lookup', cacheable: 'object', objectType: 'url', objectId: URL_ID },
  ],
  ['GET', '/domains/example.com', { class: 'lookup', cacheable: 'object', objectType: 'domain' }],
  [
    'GET',
    '/ip_addresses/93.184.216.34',
    { class: 'lookup', cacheable: 'object', objectType: 'ip_address' },
  ],
  ['GET', '/ip_addresses/2001:db8::1', { class: 'lookup', objectId: '2001:db8::1' }],
  ['GET', '/ip_addresses/2001%3Adb8%3A%3A1', { class: 'lookup', objectId: '2001:db8::1' }],
  [
    'GET',
    '/analyses/ZWY0Y2M1NWMzOTkwY2E2MmJmMDUyM2NlMTA1ZGU3NTA6MTcwMjIzNTY5MA==',
    { class: 'lookup', cacheable: false, objectType: 'analysis' },
  ],
  ['GET', '/resolutions/93.184.216.34example.com', { class: 'lookup', objectType: 'resolution' }],
  [
    'GET',
    `/file_behaviours/${SHA256}_Zenbox`,
    { class: 'lookup', objectType: 'file_behaviour', streamResponse: false },
  ],
  [
    'GET',
    `/file_behaviours/${SHA256}_Zenbox/pcap`,
    { class: 'lookup', ...stream, cacheable: false },
  ],
  [
    'GET',
    `/files/${SHA256}/comments`,
    { class: 'lookup', relationship: 'comments', cacheable: false },
  ],
  ['GET', `/urls/${URL_ID}/votes`, { class: 'lookup', relationship: 'votes', cacheable: false }],
  [
    'GET',
    '/domains/example.com/relationships/comments',
    { class: 'lookup', descriptorsOnly: true },
  ],
  ['GET', '/comments', { class: 'lookup', cacheable: false }],
  ['GET', `/comments/f-${SHA256}-1a2b3c4d`, { class: 'lookup', objectType: 'comment' }],
  ['GET', '/metadata', { class: 'lookup', cacheable: false }],
  ['GET', '/attack_techniques/T1055', { class: 'lookup' }],
  ['GET', '/operations/123', { class: 'lookup' }],
  // relationships
  [
    'GET',
    `/files/${SHA256}/relationships/contacted_ips`,
    {
      class: 'relationships',
      cacheable: 'relationship',
      relationship: 'contacted_ips',
      descriptorsOnly: true,
      objectType: 'file',
      route: 'GET /files/{id}/relationships/{rel}',
    },
  ],
  [
    'GET',
    `/files/${SHA256}/contacted_domains`,
    {
      class: 'relationships',
      cacheable: 'relationship',
      relationship: 'contacted_domains',
      route: 'GET /files/{id}/{rel}',
    },
  ],
  ['GET', `/files/${SHA256}/behaviours`, { class: 'relationships', cacheable: 'relationship' }],
  [
    'GET',
    `/files/${SHA256}/behaviour_summary`,
    { class: 'relationships', relationship: 'behaviour_summary' },
  ],
  ['GET', `/files/${SHA256}/behaviour_mitre_trees`, { class: 'relationships' }],
  ['GET', `/files/${SHA256}/user_votes`, { class: 'relationships', cacheable: false }],
  [
    'GET',
    `/urls/${URL_ID}/last_serving_ip_address`,
    { class: 'relationships', objectType: 'url', objectId: URL_ID },
  ],
  [
    'GET',
    '/domains/example.com/resolutions',
    { class: 'relationships', cacheable: 'relationship' },
  ],
  [
    'GET',
    '/ip_addresses/8.8.8.8/relationships/communicating_files',
    { class: 'relationships', descriptorsOnly: true },
  ],
  ['GET', '/analyses/u-abc-1700000000/item', { class: 'relationships', cacheable: false }],
  // search and intelligence
  ['GET', '/search?query=evil.com', { class: 'search', cacheable: 'collection' }],
  ['GET', '/intelligence/search?query=type:peexe', { class: 'intelligence', cacheable: false }],
  ['GET', '/intelligence/search/snippets/abc', { class: 'intelligence' }],
  ['POST', '/intelligence/zip_files', { class: 'intelligence', idempotent: false }],
  ['GET', '/intelligence/zip_files/4939392292/download', { class: 'intelligence', ...stream }],
  [
    'GET',
    '/intelligence/zip_files/4939392292/download_url',
    { class: 'intelligence', streamResponse: false },
  ],
  // submit
  ['POST', '/files', { class: 'submit', streamBody: true, idempotent: false, cacheable: false }],
  [
    'GET',
    '/files/upload_url',
    { class: 'submit', streamBody: false, route: 'GET /files/upload_url' },
  ],
  ['POST', `/files/${SHA256}/analyse`, { class: 'submit', idempotent: false }],
  ['POST', '/urls', { class: 'submit', streamBody: false }],
  ['POST', `/urls/${URL_ID}/analyse`, { class: 'submit' }],
  ['POST', `/files/${SHA256}/comments`, { class: 'submit', cacheable: false }],
  ['POST', '/ip_addresses/8.8.8.8/votes', { class: 'submit' }],
  ['POST', `/comments/f-${SHA256}-1a2b3c4d/vote`, { class: 'submit' }],
  ['DELETE', `/comments/f-${SHA256}-1a2b3c4d`, { class: 'submit', idempotent: true }],
  ['POST', '/private/files', { class: 'submit', streamBody: true, cacheable: false }],
  ['GET', '/private/files/upload_url', { class: 'submit' }],
  ['GET', `/private/files/${SHA256}`, { class: 'submit', cacheable: false }],
  ['GET', '/private/analyses/abc', { class: 'submit', objectType: 'private_analysis' }],
  ['POST', '/private/urls', { class: 'submit' }],
  // download
  ['GET', `/files/${SHA256}/download`, { class: 'download', ...stream, cacheable: false }],
  ['GET', `/files/${SHA256}/download_url`, { class: 'download', streamResponse: false }],
  // feeds
  ['GET', '/feeds/files/202401011200', { class: 'feeds', ...stream, objectType: 'file' }],
  ['GET', '/feeds/urls/hourly/2024010112', { class: 'feeds', objectType: 'url' }],
  ['GET', '/feeds/file-behaviours/202401011200', { class: 'feeds', objectType: 'file_behaviour' }],
  ['GET', '/feeds/file_behaviours/tok123/pcap', { class: 'feeds', ...stream }],
  ['GET', '/feeds/files/tok123/download', { class: 'feeds', ...stream }],
  // hunting
  ['GET', '/intelligence/retrohunt_jobs', { class: 'hunting', cacheable: false }],
  [
    'POST',
    '/intelligence/retrohunt_jobs/alice-1700000000/abort',
    { class: 'hunting', idempotent: false },
  ],
  ['GET', '/intelligence/retrohunt_jobs/alice-1700000000/matching_files', { class: 'hunting' }],
  ['DELETE', '/intelligence/hunting_rulesets', { class: 'hunting' }],
  [
    'PATCH',
    '/intelligence/hunting_rulesets/5706526672224256',
    { class: 'hunting', idempotent: false },
  ],
  [
    'POST',
    '/intelligence/hunting_rulesets/5706526672224256/relationships/editors',
    { class: 'hunting', cacheable: false },
  ],
  [
    'GET',
    '/intelligence/hunting_rulesets/5706526672224256/relationships/editors',
    { class: 'hunting' },
  ],
  [
    'DELETE',
    '/intelligence/hunting_rulesets/5706526672224256/relationships/editors/bob',
    { class: 'hunting' },
  ],
  ['GET', '/intelligence/hunting_notifications', { class: 'hunting' }],
  ['GET', '/intelligence/hunting_notification_files', { class: 'hunting' }],
  ['GET', '/ioc_stream', { class: 'hunting' }],
  ['DELETE', '/ioc_stream_notifications/abc', { class: 'hunting' }],
  // quota
  ['GET', '/users/alice', { class: 'quota', cacheable: false, objectType: 'user' }],
  ['GET', '/users/alice/overall_quotas', { class: 'quota', cacheable: false }],
  ['GET', '/users/alice/api_usage?start_date=20240101', { class: 'quota' }],
  ['GET', '/users/alice/relationships/groups', { class: 'quota' }],
  ['GET', '/groups/acme/api_usage', { class: 'quota' }],
  ['GET', '/groups/acme/relationships/users', { class: 'quota' }],
  ['GET', '/service_accounts/acme_svc1', { class: 'quota' }],
];

describe('classifyRoute', () => {
  it('covers at least 40 paths', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(ROWS)('%s %s', (method, path, expected) => {
    expect(classifyRoute(method, path)).toMatchObject({ costItems: 1, ...expected });
  });

  it('never caches private, intelligence, hunting, feeds, accounts or writes', () => {
    for (const [method, path] of ROWS) {
      const result = classifyRoute(method, path);
      if (result.class === 'unknown') throw new Error(`${method} ${path} unknown`);
      const never =
        !['GET', 'HEAD', 'get'].includes(method) ||
        path.startsWith('/private/') ||
        ['intelligence', 'hunting', 'quota', 'feeds', 'submit', 'download'].includes(result.class);
      if (never) expect(result.cacheable, `${method} ${path}`).toBe(false);
    }
  });

  it('marks GET and DELETE idempotent, POST and PATCH not', () => {
    expect(classifyRoute('DELETE', '/intelligence/retrohunt_jobs/a-1')).toMatchObject({
      idempotent: true,
    });
    expect(classifyRoute('GET', '/files/upload_url')).toMatchObject({ idempotent: true });
    expect(classifyRoute('POST', '/urls')).toMatchObject({ idempotent: false });
  });

  it.each([
    ['GET', '/'],
    ['GET', ''],
    ['GET', 'files/abc'],
    ['GET', '/files/'],
    ['GET', `/files//${SHA256}`],
    ['GET', `/files/${SHA256}/`],
    ['GET', `/files/${SHA256}/relationships`],
    ['GET', `/files/${SHA256}/relationships/relationships`],
    ['GET', `/files/${SHA256}/Contacted-IPs`],
    ['GET', '/files/../users/alice'],
    ['GET', '/files/%2e%2e'],
    ['GET', '/files/a%2Fb'],
    ['GET', '/files/%E0%A4%A'],
    ['GET', '/api/v3/files/abc'],
    ['GET', '/feeds/files/2024'],
    ['GET', '/feeds/files/hourly/202401011200'],
    ['GET', '/intelligence/unknown'],
    ['GET', '/vtapi/v2/file/report'],
  ])('%s %j is not_found, without echoing the path', (method, path) => {
    const result = classifyRoute(method, path);
    expect(result).toMatchObject({ class: 'unknown', reason: 'not_found' });
    if (path.length > 1 && result.class === 'unknown') expect(result.message).not.toContain(path);
  });

  it.each([
    ['GET', '/files', ['POST']],
    ['POST', '/files/upload_url', ['GET']],
    ['PUT', `/files/${SHA256}`, ['GET']],
    ['GET', `/files/${SHA256}/analyse`, ['POST']],
    ['DELETE', `/files/${SHA256}/comments`, ['GET', 'POST']],
    ['GET', '/comments/abc/vote', ['POST']],
    ['OPTIONS', '/search', ['GET']],
  ])('%s %s is method_not_allowed (allow %j)', (method, path, allow) => {
    expect(classifyRoute(method, path)).toMatchObject({
      class: 'unknown',
      reason: 'method_not_allowed',
      allow,
    });
  });

  it.each([
    ['PATCH', '/users/alice'],
    ['DELETE', '/users/alice'],
    ['PATCH', '/groups/acme'],
    ['POST', '/groups/acme/relationships/service_accounts'],
    ['DELETE', '/groups/acme/relationships/users/bob'],
  ])('refuses account administration: %s %s', (method, path) => {
    const result = classifyRoute(method, path);
    expect(result).toMatchObject({ class: 'unknown', reason: 'not_proxied' });
    if (result.class === 'unknown') expect(result.message).toMatch(/not forwarded/);
  });
});

describe('SCOPE_DESCRIPTIONS', () => {
  it('describes every scope', () => {
    expect(Object.keys(SCOPE_DESCRIPTIONS).sort()).toEqual([...SCOPES].sort());
    for (const text of Object.values(SCOPE_DESCRIPTIONS)) expect(text.length).toBeGreaterThan(10);
  });
});
