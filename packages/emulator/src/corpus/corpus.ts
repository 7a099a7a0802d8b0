// The emulator's database: a deterministic synthetic corpus built from a seed
// (EICAR always among it), plus fixtures and whatever is submitted at run time.
import { createRandom, type Random } from '../random.ts';
import { EICAR, EICAR_CONTENT, eicarAttributes } from './eicar.ts';
import { FILE_KINDS, fileAttributes, syntheticContent } from './generate-file.ts';
import {
  FIXED_DOMAINS,
  FIXED_IPS,
  domainAttributes,
  ipAttributes,
  syntheticDomain,
  syntheticIp,
  syntheticUrlPath,
  urlAttributes,
} from './generate-network.ts';
import { hashContent, hashKind, type FileHashes } from './hashes.ts';
import {
  createCorpusObject,
  type Attributes,
  type CorpusObject,
  type FileObject,
  type ObjectType,
} from './objects.ts';
import { canonicalUrl, resolveUrlId, urlSha256 } from './url-id.ts';

export interface CorpusOptions {
  seed?: string;
  files?: number;
  urls?: number;
  domains?: number;
  ips?: number;
  /** Generated dates lie before this instant (ms). */
  epochMs?: number;
}

export const DEFAULT_CORPUS = {
  seed: 'vtbroker',
  files: 2000,
  urls: 1000,
  domains: 500,
  ips: 500,
} as const;

export interface NewFileInput {
  content?: Buffer;
  hashes?: FileHashes;
  size: number;
  name?: string;
}

export interface Corpus {
  readonly seed: string;
  readonly epochMs: number;
  random(label: string): Random;
  file(hash: string): FileObject | undefined;
  url(id: string): CorpusObject | undefined;
  domain(name: string): CorpusObject | undefined;
  ip(address: string): CorpusObject | undefined;
  get(type: ObjectType, id: string): CorpusObject | undefined;
  /** Objects of a type in a stable order. */
  list(type: ObjectType): readonly CorpusObject[];
  files(): readonly FileObject[];
  /** A file VT now knows (a finished upload); returns the existing one if known. */
  addFile(input: NewFileInput, nowMs: number): FileObject;
  addUrl(url: string, nowMs: number): CorpusObject;
  put(obj: CorpusObject): void;
  /** IP addresses a domain resolves to in the corpus. */
  domainIps(domain: string): readonly string[];
  /**
   * Runs `hook` before every lookup (file, url, domain, ip, get, list, files):
   * how work that completes lazily (analyses) is settled before anyone reads.
   */
  onBeforeRead(hook: () => void): void;
}

export function createCorpus(options: CorpusOptions = {}): Corpus {
  const seed = options.seed ?? DEFAULT_CORPUS.seed;
  const epochMs = options.epochMs ?? Date.UTC(2026, 0, 1);
  const root = createRandom(seed);
  const byType = new Map<ObjectType, Map<string, CorpusObject>>();
  const fileIndex = new Map<string, FileObject>();
  const fileList: FileObject[] = [];
  const ipsOfDomain = new Map<string, string[]>();
  const hooks: (() => void)[] = [];
  const beforeRead = (): void => {
    for (const hook of hooks) hook();
  };

  const table = (type: ObjectType): Map<string, CorpusObject> => {
    let t = byType.get(type);
    if (!t) {
      t = new Map<string, CorpusObject>();
      byType.set(type, t);
    }
    return t;
  };
  const put = (obj: CorpusObject): void => {
    table(obj.type).set(obj.id, obj);
    if (obj.type === 'file') {
      const f = obj as FileObject;
      fileIndex.set(f.md5, f);
      fileIndex.set(f.sha1, f);
      fileIndex.set(f.sha256, f);
      fileList.push(f);
    }
  };

  const makeFile = (
    hashes: FileHashes,
    size: number,
    content: Buffer | undefined,
    generate: () => Attributes,
  ): FileObject =>
    // Object.assign keeps the `rev` getter; a spread would freeze it at 0.
    Object.assign(createCorpusObject('file', hashes.sha256, generate), {
      ...hashes,
      size,
      content: () => content,
    });

  // Files: EICAR first, then synthetic ones with real bytes.
  put(makeFile(EICAR, EICAR.size, EICAR_CONTENT, () => eicarAttributes(root.fork('eicar'))));
  for (let i = 0; i < (options.files ?? DEFAULT_CORPUS.files); i++) {
    const r = root.fork(`file/${i}`);
    const { content, kind } = syntheticContent(seed, i, r);
    const hashes = hashContent(content);
    put(
      makeFile(hashes, content.length, content, () =>
        fileAttributes(r.fork('attrs'), hashes, content.length, kind, epochMs),
      ),
    );
  }

  const ipNames = [...FIXED_IPS];
  for (let i = 0; i < (options.ips ?? DEFAULT_CORPUS.ips); i++)
    ipNames.push(syntheticIp(root.fork(`ip/${i}`)));
  for (const ip of new Set(ipNames)) {
    put(
      createCorpusObject('ip_address', ip, () =>
        ipAttributes(root.fork(`ip-attrs/${ip}`), ip, epochMs),
      ),
    );
  }
  const ipPool = [...new Set(ipNames)];

  const domainNames = [...FIXED_DOMAINS];
  for (let i = 0; i < (options.domains ?? DEFAULT_CORPUS.domains); i++)
    domainNames.push(syntheticDomain(root.fork(`domain/${i}`)));
  for (const name of new Set(domainNames)) {
    const r = root.fork(`domain-ips/${name}`);
    const ips =
      name === 'example.com'
        ? ['93.184.216.34']
        : Array.from({ length: r.range(1, 3) }, () => r.pick(ipPool));
    ipsOfDomain.set(name, [...new Set(ips)]);
    put(
      createCorpusObject('domain', name, () =>
        domainAttributes(root.fork(`domain-attrs/${name}`), name, ips, epochMs),
      ),
    );
  }
  const domainPool = [...ipsOfDomain.keys()];

  const addUrlObject = (url: string, random: Random): CorpusObject => {
    const canonical = canonicalUrl(url);
    const obj = createCorpusObject('url', urlSha256(canonical), () =>
      urlAttributes(random, canonical, epochMs),
    );
    put(obj);
    return obj;
  };
  addUrlObject('http://www.example.com/', root.fork('url/example'));
  const wantedUrls = (options.urls ?? DEFAULT_CORPUS.urls) + 1;
  for (let i = 0; table('url').size < wantedUrls && i < wantedUrls * 4; i++) {
    const r = root.fork(`url/${i}`);
    const scheme = r.chance(0.6) ? 'https' : 'http';
    const url = `${scheme}://${r.pick(domainPool)}${syntheticUrlPath(r)}`;
    if (!table('url').has(urlSha256(url))) addUrlObject(url, r.fork('attrs'));
  }

  return {
    seed,
    epochMs,
    random: (label) => root.fork(label),
    file: (hash) => {
      beforeRead();
      return hashKind(hash) ? fileIndex.get(hash.toLowerCase()) : undefined;
    },
    url(id) {
      beforeRead();
      const sha = resolveUrlId(id);
      return sha === undefined ? undefined : table('url').get(sha);
    },
    domain: (name) => {
      beforeRead();
      return table('domain').get(name.toLowerCase().replace(/\.$/, ''));
    },
    ip: (address) => {
      beforeRead();
      return table('ip_address').get(address.toLowerCase());
    },
    get: (type, id) => {
      beforeRead();
      return type === 'file' ? fileIndex.get(id.toLowerCase()) : table(type).get(id);
    },
    list: (type) => {
      beforeRead();
      return type === 'file' ? fileList : [...table(type).values()];
    },
    files: () => {
      beforeRead();
      return fileList;
    },
    onBeforeRead(hook) {
      hooks.push(hook);
    },
    addFile(input, nowMs) {
      const hashes = input.hashes ?? (input.content ? hashContent(input.content) : undefined);
      if (!hashes) throw new Error('addFile() needs content or hashes');
      const known = fileIndex.get(hashes.sha256);
      if (known) return known;
      const r = root.fork(`submitted/${hashes.sha256}`);
      const head = input.content?.subarray(0, 2).toString('latin1');
      const kind = head === 'MZ' ? FILE_KINDS[0] : FILE_KINDS.find((k) => k.tag === 'text');
      const now = Math.floor(nowMs / 1000);
      const file = makeFile(hashes, input.size, input.content, () => {
        const attrs = fileAttributes(
          r,
          hashes,
          input.size,
          kind ?? (FILE_KINDS[0] as (typeof FILE_KINDS)[number]),
          nowMs,
        );
        const name = input.name ?? `${hashes.sha256}.bin`;
        return {
          ...attrs,
          names: [name],
          meaningful_name: name,
          first_submission_date: now,
          last_submission_date: now,
          last_analysis_date: now,
          last_modification_date: now,
          times_submitted: 1,
        };
      });
      put(file);
      return file;
    },
    addUrl(url, nowMs) {
      const existing = table('url').get(urlSha256(url));
      if (existing) return existing;
      const now = Math.floor(nowMs / 1000);
      const obj = createCorpusObject('url', urlSha256(url), () => ({
        ...urlAttributes(root.fork(`submitted-url/${url}`), canonicalUrl(url), nowMs),
        first_submission_date: now,
        last_submission_date: now,
        last_analysis_date: now,
        times_submitted: 1,
      }));
      put(obj);
      return obj;
    },
    put,
    domainIps: (domain) => ipsOfDomain.get(domain) ?? [],
  };
}
