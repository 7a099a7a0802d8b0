// The three hashes v2 answers name a file by (reference §3, §7.2).
export interface FileHashes {
  md5: string;
  sha1: string;
  sha256: string;
}
