// Loading VT-shaped JSON into the corpus: a `GET` answer (`{"data": {…}}`), a
// bare object (`{"type","id","attributes"}`, as feed lines are) or a list of
// either. Fixture attributes are used as given.
import type { Corpus } from './corpus.ts';
import { hashKind } from './hashes.ts';
import {
  createCorpusObject,
  type Attributes,
  type FileObject,
  type ObjectType,
} from './objects.ts';
import { urlSha256 } from './url-id.ts';

const LOADABLE = new Set<ObjectType>([
  'file',
  'url',
  'domain',
  'ip_address',
  'resolution',
  'file_behaviour',
]);

export class FixtureError extends Error {
  override readonly name = 'FixtureError';
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function loadFixtures(corpus: Corpus, input: unknown): number {
  const items = Array.isArray(input)
    ? input
    : isRecord(input) && Array.isArray(input['data'])
      ? input['data']
      : [input];
  let loaded = 0;
  items.forEach((item: unknown, index) => {
    const obj = isRecord(item) && isRecord(item['data']) ? item['data'] : item;
    if (
      !isRecord(obj) ||
      typeof obj['type'] !== 'string' ||
      typeof obj['id'] !== 'string' ||
      !isRecord(obj['attributes'])
    ) {
      throw new FixtureError(
        `fixture #${index}: expected {"type": …, "id": …, "attributes": {…}} (optionally inside "data")`,
      );
    }
    const type = obj['type'] as ObjectType;
    if (!LOADABLE.has(type))
      throw new FixtureError(
        `fixture #${index}: type "${type}" cannot be loaded (use one of ${[...LOADABLE].join(', ')})`,
      );
    const attributes = obj['attributes'];
    corpus.put(
      type === 'file'
        ? fileFixture(obj['id'], attributes, index)
        : createCorpusObject(
            type,
            type === 'url' ? urlId(obj['id'], attributes) : obj['id'],
            () => attributes,
          ),
    );
    loaded++;
  });
  return loaded;
}

function urlId(id: string, attributes: Attributes): string {
  return /^[0-9a-f]{64}$/.test(id)
    ? id
    : typeof attributes['url'] === 'string'
      ? urlSha256(attributes['url'])
      : id;
}

function fileFixture(id: string, attributes: Attributes, index: number): FileObject {
  const sha256 = typeof attributes['sha256'] === 'string' ? attributes['sha256'] : id;
  const md5 = attributes['md5'];
  const sha1 = attributes['sha1'];
  if (
    hashKind(sha256) !== 'sha256' ||
    typeof md5 !== 'string' ||
    typeof sha1 !== 'string' ||
    hashKind(md5) !== 'md5' ||
    hashKind(sha1) !== 'sha1'
  ) {
    throw new FixtureError(
      `fixture #${index}: a file needs attributes.md5, attributes.sha1 and a sha256 id`,
    );
  }
  const size = typeof attributes['size'] === 'number' ? attributes['size'] : 0;
  // Object.assign keeps the `rev` getter; a spread would freeze it at 0.
  return Object.assign(
    createCorpusObject('file', sha256.toLowerCase(), () => attributes),
    {
      md5: md5.toLowerCase(),
      sha1: sha1.toLowerCase(),
      sha256: sha256.toLowerCase(),
      size,
      content: () => undefined,
    },
  );
}
