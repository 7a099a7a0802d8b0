// The language of a file, from its name (and a shell script's first line): it
// picks the context words in messages and the form of an environment variable
// reference for `--fix`.
import { basename, extname } from 'node:path';

export type FileLanguage =
  | 'python'
  | 'javascript'
  | 'go'
  | 'powershell'
  | 'shell'
  | 'yaml'
  | 'compose'
  | 'github-workflow'
  | 'env'
  | 'ini'
  | 'toml'
  | 'json'
  | 'markdown'
  | 'other';

const BY_EXTENSION: Record<string, FileLanguage> = {
  '.py': 'python',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.ts': 'javascript',
  '.mts': 'javascript',
  '.cts': 'javascript',
  '.jsx': 'javascript',
  '.tsx': 'javascript',
  '.go': 'go',
  '.ps1': 'powershell',
  '.psm1': 'powershell',
  '.sh': 'shell',
  '.bash': 'shell',
  '.zsh': 'shell',
  '.yml': 'yaml',
  '.yaml': 'yaml',
  '.env': 'env',
  '.ini': 'ini',
  '.cfg': 'ini',
  '.conf': 'ini',
  '.toml': 'toml',
  '.json': 'json',
  '.md': 'markdown',
};

export function fileLanguage(path: string, text: string): FileLanguage {
  const name = basename(path);
  const lower = name.toLowerCase();
  if (lower === '.env' || lower.startsWith('.env.') || lower.endsWith('.env')) return 'env';
  const extension = extname(lower);
  const byExtension = BY_EXTENSION[extension];
  if (byExtension === 'yaml') {
    if (/^(?:docker-)?compose(?:\.[\w-]+)?\.ya?ml$/.test(lower)) return 'compose';
    if (/(?:^|\/)\.github\/workflows\/[^/]+$/.test(path.split('\\').join('/')))
      return 'github-workflow';
  }
  if (byExtension !== undefined) return byExtension;
  if (extension === '' && /^#!.*\b(?:ba|z|da)?sh\b/.test(text.slice(0, 100))) return 'shell';
  return 'other';
}
