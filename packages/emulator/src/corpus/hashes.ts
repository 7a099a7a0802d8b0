import { createHash } from 'node:crypto';

export interface FileHashes {
  md5: string;
  sha1: string;
  sha256: string;
}

export function hashContent(content: Buffer | string): FileHashes {
  return {
    md5: createHash('md5').update(content).digest('hex'),
    sha1: createHash('sha1').update(content).digest('hex'),
    sha256: createHash('sha256').update(content).digest('hex'),
  };
}

export type HashKind = 'md5' | 'sha1' | 'sha256';

export function hashKind(id: string): HashKind | undefined {
  if (!/^[0-9a-f]+$/i.test(id)) return undefined;
  if (id.length === 32) return 'md5';
  if (id.length === 40) return 'sha1';
  if (id.length === 64) return 'sha256';
  return undefined;
}
