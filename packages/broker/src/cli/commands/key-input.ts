// Reading a VirusTotal key for `key add` and `key rotate`: from a file or from
// stdin, never from the command line (shell history, `ps`).
import { readFile } from 'node:fs/promises';
import { UsageError } from '../usage-error.ts';

export async function readKeyFile(path: string, example: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    throw new UsageError(`cannot read the key file "${path}"`, example);
  }
}

export async function readStdin(example: string): Promise<string> {
  if (process.stdin.isTTY)
    process.stderr.write('Paste the VirusTotal key, then press Enter and Ctrl-D:\n');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') throw new UsageError('no key on stdin', example);
  return text;
}
