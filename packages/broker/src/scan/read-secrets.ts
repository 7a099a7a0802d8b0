// The secrets behind findings, for `--verify` only: findings never hold a
// secret, so each file with one is read again and the value taken at the
// finding's offset. A value whose fingerprint no longer matches (the file
// changed meanwhile) is left out. The map lives in memory for the calls only.
import { resolve } from 'node:path';
import { keyFingerprint } from '../keys/key-service.ts';
import type { Finding, SecretKind } from './finding.ts';
import type { ScanFs } from './scan-fs.ts';

/** Secret by fingerprint: one entry per distinct secret, however often it occurs. */
export async function readSecrets(
  fs: ScanFs,
  cwd: string,
  findings: readonly Finding[],
  kind: SecretKind,
): Promise<Map<string, string>> {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.secret?.kind !== kind) continue;
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  const secrets = new Map<string, string>();
  for (const [file, list] of byFile) {
    const text = (await fs.readFile(resolve(cwd, file))).toString('utf8');
    for (const f of list) {
      const value = text.slice(f.offset, f.offset + f.length);
      if (f.secret && keyFingerprint(value) === f.secret.fingerprint)
        secrets.set(f.secret.fingerprint, value);
    }
  }
  return secrets;
}
