// Premium and account route families (reference §4.3 private scanning, §4.6–4.11):
// intelligence, hunting, feeds, private scanning, users/groups/service accounts.
// None is cacheable: their answers are caller-specific, private, or one-off.
import {
  download,
  route,
  upload,
  type ObjectType,
  type RefusedSpec,
  type RouteSpec,
} from './route-table.ts';

/** §4.6 search, §4.10 ZIP bundles. */
const INTELLIGENCE: RouteSpec[] = [
  route('GET /intelligence/search', 'intelligence'),
  route('GET /intelligence/search/snippets/{id}', 'intelligence'),
  route('POST /intelligence/zip_files', 'intelligence', { objectType: 'zip_file' }),
  route('GET /intelligence/zip_files/{id}', 'intelligence', { objectType: 'zip_file' }),
  route('GET /intelligence/zip_files/{id}/download_url', 'intelligence', {
    objectType: 'zip_file',
  }),
  route('GET /intelligence/zip_files/{id}/download', 'intelligence', {
    objectType: 'zip_file',
    ...download,
  }),
];

function hunting(line: string, objectType?: ObjectType): RouteSpec {
  return route(line, 'hunting', objectType ? { objectType } : {});
}

/** §4.7 retrohunt, §4.8 livehunt and notifications, IoC stream. */
const HUNTING: RouteSpec[] = [
  ...['GET', 'POST'].map((m) => hunting(`${m} /intelligence/retrohunt_jobs`, 'retrohunt_job')),
  ...['GET', 'DELETE'].map((m) =>
    hunting(`${m} /intelligence/retrohunt_jobs/{id}`, 'retrohunt_job'),
  ),
  hunting('POST /intelligence/retrohunt_jobs/{id}/abort', 'retrohunt_job'),
  hunting('GET /intelligence/retrohunt_jobs/{id}/{rel}', 'retrohunt_job'),
  hunting('GET /intelligence/retrohunt_jobs/{id}/relationships/{rel}', 'retrohunt_job'),
  ...['GET', 'POST', 'DELETE'].map((m) =>
    hunting(`${m} /intelligence/hunting_rulesets`, 'hunting_ruleset'),
  ),
  ...['GET', 'PATCH', 'DELETE'].map((m) =>
    hunting(`${m} /intelligence/hunting_rulesets/{id}`, 'hunting_ruleset'),
  ),
  hunting('GET /intelligence/hunting_rulesets/{id}/{rel}', 'hunting_ruleset'),
  ...['GET', 'POST'].map((m) =>
    hunting(`${m} /intelligence/hunting_rulesets/{id}/relationships/{rel}`, 'hunting_ruleset'),
  ),
  ...['GET', 'DELETE'].map((m) =>
    hunting(
      `${m} /intelligence/hunting_rulesets/{id}/relationships/{rel}/{member}`,
      'hunting_ruleset',
    ),
  ),
  ...['GET', 'DELETE'].map((m) =>
    hunting(`${m} /intelligence/hunting_notifications`, 'hunting_notification'),
  ),
  ...['GET', 'DELETE'].map((m) =>
    hunting(`${m} /intelligence/hunting_notifications/{id}`, 'hunting_notification'),
  ),
  hunting('GET /intelligence/hunting_notification_files', 'file'),
  ...['GET', 'DELETE'].map((m) => hunting(`${m} /ioc_stream`)),
  ...['GET', 'DELETE'].map((m) => hunting(`${m} /ioc_stream_notifications/{id}`)),
];

/** §4.9: minute and hourly batches (302 to bzip2), feed file downloads. vt-py spells one `file-behaviours`. */
const FEED_TYPES: readonly [string, ObjectType][] = [
  ['files', 'file'],
  ['urls', 'url'],
  ['domains', 'domain'],
  ['ip_addresses', 'ip_address'],
  ['file_behaviours', 'file_behaviour'],
  ['file-behaviours', 'file_behaviour'],
];

const FEEDS: RouteSpec[] = [
  ...FEED_TYPES.flatMap(([feed, objectType]) => [
    route(`GET /feeds/${feed}/{minute}`, 'feeds', { objectType, ...download }),
    route(`GET /feeds/${feed}/hourly/{hour}`, 'feeds', { objectType, ...download }),
  ]),
  route('GET /feeds/files/{id}/download', 'feeds', { objectType: 'file', ...download }),
  route('GET /feeds/file_behaviours/{id}/{artifact}', 'feeds', {
    objectType: 'file_behaviour',
    ...download,
  }),
];

function submit(line: string, extra: Parameters<typeof route>[2] = {}): RouteSpec {
  return route(line, 'submit', extra);
}

/** §4.3 private scanning: private by definition, never cached. */
const PRIVATE: RouteSpec[] = [
  submit('GET /private/files/upload_url', { objectType: 'file' }),
  submit('POST /private/files', { objectType: 'file', ...upload }),
  submit('GET /private/files/{id}/download', { objectType: 'file', ...download }),
  submit('POST /private/files/{id}/analyse', { objectType: 'file' }),
  ...['GET', 'DELETE'].map((m) => submit(`${m} /private/files/{id}`, { objectType: 'file' })),
  submit('GET /private/files/{id}/{rel}', { objectType: 'file' }),
  submit('GET /private/files/{id}/relationships/{rel}', { objectType: 'file' }),
  submit('POST /private/urls', { objectType: 'url' }),
  submit('GET /private/urls/{id}', { objectType: 'url' }),
  submit('GET /private/urls/{id}/{rel}', { objectType: 'url' }),
  submit('GET /private/analyses/{id}', { objectType: 'private_analysis' }),
  submit('GET /private/analyses/{id}/{rel}', { objectType: 'private_analysis' }),
  submit('POST /private/zip_files', { objectType: 'zip_file' }),
  submit('GET /private/zip_files/{id}', { objectType: 'zip_file' }),
  submit('GET /private/zip_files/{id}/download_url', { objectType: 'zip_file' }),
  submit('GET /private/zip_files/{id}/download', { objectType: 'zip_file', ...download }),
];

function quota(line: string, objectType: ObjectType): RouteSpec {
  return route(line, 'quota', { objectType });
}

/** §4.11: reads only. Writes would let a consumer change the organisation's VT account. */
const ACCOUNTS: RouteSpec[] = [
  quota('GET /users/{id}', 'user'),
  quota('GET /users/{id}/overall_quotas', 'user'),
  quota('GET /users/{id}/api_usage', 'user'),
  quota('GET /users/{id}/{rel}', 'user'),
  quota('GET /users/{id}/relationships/{rel}', 'user'),
  quota('GET /groups/{id}', 'group'),
  quota('GET /groups/{id}/api_usage', 'group'),
  quota('GET /groups/{id}/{rel}', 'group'),
  quota('GET /groups/{id}/relationships/{rel}', 'group'),
  quota('GET /groups/{id}/relationships/{rel}/{member}', 'group'),
  quota('GET /service_accounts/{id}', 'service_account'),
];

const ACCOUNT_ADMIN =
  'changing VT users, groups and service accounts is not forwarded for broker tokens: ' +
  'an operator does it at VirusTotal (service accounts for the pool are created by key rotation)';

function refuse(line: string): RefusedSpec {
  const [method, template] = line.split(' ') as [RefusedSpec['method'], string];
  return { method, template, refused: ACCOUNT_ADMIN };
}

export const REFUSED_ROUTES: readonly RefusedSpec[] = [
  refuse('PATCH /users/{id}'),
  refuse('DELETE /users/{id}'),
  refuse('PATCH /groups/{id}'),
  refuse('POST /groups/{id}/relationships/{rel}'),
  refuse('DELETE /groups/{id}/relationships/{rel}/{member}'),
];

export const PREMIUM_ROUTES: readonly RouteSpec[] = [
  ...INTELLIGENCE,
  ...HUNTING,
  ...FEEDS,
  ...PRIVATE,
  ...ACCOUNTS,
];
