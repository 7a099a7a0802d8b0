// The client: one object per VT area (files, urls, …) over one requester, plus
// low-level `get`/`post`/`list`/`request` for any path the helpers do not cover.
import { inspect } from 'node:util';
import type { Collection } from './collection.ts';
import { resolveConfig, type VtClientOptions } from './config.ts';
import { getData, listCollection, type ListOptions } from './internal/collections.ts';
import {
  createRequester,
  type Operation,
  type Query,
  type Requester,
} from './internal/requester.ts';
import { analysesResource } from './resources/analyses.ts';
import { domainsResource } from './resources/domains.ts';
import { feedsResource } from './resources/feeds.ts';
import { filesResource } from './resources/files.ts';
import { groupsResource } from './resources/groups.ts';
import { ipAddressesResource } from './resources/ip-addresses.ts';
import { livehuntResource } from './resources/livehunt.ts';
import { retrohuntResource } from './resources/retrohunt.ts';
import { searchResource } from './resources/search.ts';
import { submissionsResource } from './resources/submissions.ts';
import { urlsResource } from './resources/urls.ts';
import { usersResource } from './resources/users.ts';

export class VtClient {
  readonly #r: Requester;
  readonly files: ReturnType<typeof filesResource>;
  readonly urls: ReturnType<typeof urlsResource>;
  readonly domains: ReturnType<typeof domainsResource>;
  readonly ipAddresses: ReturnType<typeof ipAddressesResource>;
  readonly analyses: ReturnType<typeof analysesResource>;
  readonly search: ReturnType<typeof searchResource>;
  readonly feeds: ReturnType<typeof feedsResource>;
  readonly retrohunt: ReturnType<typeof retrohuntResource>;
  readonly livehunt: ReturnType<typeof livehuntResource>;
  readonly users: ReturnType<typeof usersResource>;
  readonly groups: ReturnType<typeof groupsResource>;
  readonly submissions: ReturnType<typeof submissionsResource>;

  constructor(options: VtClientOptions = {}) {
    const r = createRequester(resolveConfig(options));
    this.#r = r;
    this.files = filesResource(r);
    this.urls = urlsResource(r);
    this.domains = domainsResource(r);
    this.ipAddresses = ipAddressesResource(r);
    this.analyses = analysesResource(r);
    this.search = searchResource(r);
    this.feeds = feedsResource(r);
    this.retrohunt = retrohuntResource(r);
    this.livehunt = livehuntResource(r);
    this.users = usersResource(r);
    this.groups = groupsResource(r);
    this.submissions = submissionsResource(r);
  }

  /** `https://www.virustotal.com/api/v3`, or the broker's or emulator's. */
  get apiBase(): string {
    return this.#r.config.apiBase;
  }

  /** A short SHA-256 fingerprint of the key, safe to log. */
  get keyFingerprint(): string {
    return this.#r.config.keyFingerprint;
  }

  /** GET a path (relative to `/api/v3`) and return its `data`. */
  get<T = unknown>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return getData<T>(this.#r, path, query, signal);
  }

  /** POST `{"data": …}`-style JSON and return the answer's `data`. */
  async post<T = unknown>(path: string, json: unknown, signal?: AbortSignal): Promise<T> {
    const body = await this.#r.json<{ data: T }>({ method: 'POST', path, json, signal });
    return body.data;
  }

  /** Any collection path, paginated. */
  list<T = unknown>(path: string, query?: Query, options?: ListOptions): Collection<T> {
    return listCollection<T>(this.#r, path, query, options);
  }

  /** The raw answer of any call (downloads, feeds); errors are still thrown as `VtError`s. */
  request(op: Operation): Promise<Response> {
    return this.#r.send(op);
  }

  [inspect.custom](): string {
    return `VtClient { apiBase: '${this.apiBase}', key: <fingerprint ${this.keyFingerprint}> }`;
  }

  toJSON(): Record<string, string> {
    return { apiBase: this.apiBase, keyFingerprint: this.keyFingerprint };
  }
}

export function createVtClient(options: VtClientOptions = {}): VtClient {
  return new VtClient(options);
}
