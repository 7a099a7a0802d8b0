// One object of the corpus: its VT type, id and attributes. Attributes are
// generated on first use and then kept; `update()` records a change (a new
// analysis, a vote) and bumps `rev` so cached answers are rebuilt.

export type ObjectType =
  'file' | 'url' | 'domain' | 'ip_address' | 'resolution' | 'file_behaviour' | 'comment' | 'vote';

/** VT's collection path for each object type (reference §2.1). */
export const COLLECTION_OF: Record<ObjectType, string> = {
  file: 'files',
  url: 'urls',
  domain: 'domains',
  ip_address: 'ip_addresses',
  resolution: 'resolutions',
  file_behaviour: 'file_behaviours',
  comment: 'comments',
  vote: 'votes',
};

export type Attributes = Record<string, unknown>;

export interface CorpusObject {
  readonly type: ObjectType;
  readonly id: string;
  readonly rev: number;
  attributes(): Attributes;
  update(patch: Attributes): void;
}

export interface FileObject extends CorpusObject {
  readonly type: 'file';
  readonly md5: string;
  readonly sha1: string;
  readonly sha256: string;
  readonly size: number;
  /** The file's bytes when the emulator has them (synthetic files, small uploads). */
  content(): Buffer | undefined;
}

export function createCorpusObject<T extends ObjectType>(
  type: T,
  id: string,
  generate: () => Attributes,
): CorpusObject & { readonly type: T } {
  let attrs: Attributes | undefined;
  let rev = 0;
  return {
    type,
    id,
    get rev() {
      return rev;
    },
    attributes() {
      attrs ??= generate();
      return attrs;
    },
    update(patch) {
      attrs = { ...(attrs ?? generate()), ...patch };
      rev++;
    },
  };
}

/** `{type, id, links: {self}, attributes}` as VT's `data` (reference §2.1). */
export function toVtObject(obj: CorpusObject, apiBase: string): Record<string, unknown> {
  return {
    type: obj.type,
    id: obj.id,
    links: { self: `${apiBase}/${COLLECTION_OF[obj.type]}/${encodeURIComponent(obj.id)}` },
    attributes: obj.attributes(),
  };
}
