// Synthetic files: real bytes (so a download matches its hashes) and VT-shaped
// attributes (reference §5.1) drawn from a seeded random stream.
import type { Random } from '../random.ts';
import {
  FILE_STAT_KEYS,
  countStats,
  fileResults,
  pickVerdict,
  popularThreatClassification,
  threatLabel,
  type Verdict,
} from './analysis-results.ts';
import { FILE_ENGINES, SANDBOXES } from './engines.ts';
import type { FileHashes } from './hashes.ts';
import type { Attributes } from './objects.ts';

interface FileKind {
  tag: string;
  description: string;
  extension: string;
  tags: string[];
  magic: string;
}

export const FILE_KINDS: readonly FileKind[] = [
  {
    tag: 'peexe',
    description: 'Win32 EXE',
    extension: 'exe',
    tags: ['executable', 'windows', 'win32', 'pe', 'peexe'],
    magic: 'PE32 executable (GUI) Intel 80386, for MS Windows',
  },
  {
    tag: 'pedll',
    description: 'Win32 DLL',
    extension: 'dll',
    tags: ['executable', 'windows', 'win32', 'pe', 'pedll'],
    magic: 'PE32 executable (DLL) (GUI) Intel 80386, for MS Windows',
  },
  {
    tag: 'elf',
    description: 'ELF',
    extension: 'elf',
    tags: ['executable', 'linux', 'elf'],
    magic: 'ELF 64-bit LSB executable, x86-64',
  },
  {
    tag: 'pdf',
    description: 'PDF',
    extension: 'pdf',
    tags: ['pdf'],
    magic: 'PDF document, version 1.7',
  },
  {
    tag: 'doc',
    description: 'MS Word Document',
    extension: 'doc',
    tags: ['doc', 'msoffice'],
    magic: 'Composite Document File V2 Document',
  },
  {
    tag: 'zip',
    description: 'ZIP',
    extension: 'zip',
    tags: ['zip', 'compressed'],
    magic: 'Zip archive data, at least v2.0 to extract',
  },
  {
    tag: 'javascript',
    description: 'JavaScript',
    extension: 'js',
    tags: ['javascript'],
    magic: 'ASCII text',
  },
  {
    tag: 'html',
    description: 'HTML',
    extension: 'html',
    tags: ['html'],
    magic: 'HTML document, ASCII text',
  },
  {
    tag: 'android',
    description: 'Android',
    extension: 'apk',
    tags: ['android', 'apk'],
    magic: 'Zip archive data',
  },
  { tag: 'text', description: 'Text', extension: 'txt', tags: ['text'], magic: 'ASCII text' },
];

const NAME_STEMS = [
  'invoice',
  'setup',
  'update',
  'payment',
  'report',
  'scan',
  'document',
  'installer',
  'order',
  'svchost',
  'readme',
  'loader',
];
const EXECUTABLE = new Set(['peexe', 'pedll', 'elf', 'android']);

export interface SyntheticFile {
  hashes: FileHashes;
  content: Buffer;
  kind: FileKind;
  verdict: Verdict;
}

/** The bytes of synthetic file number `index`: a header naming it, then seeded filler. */
export function syntheticContent(
  seed: string,
  index: number,
  random: Random,
): { content: Buffer; kind: FileKind } {
  const kind = random.pick(FILE_KINDS);
  const size = random.range(256, 4096);
  const header = `vtbroker-emulator synthetic ${kind.tag} file #${index} (seed ${seed})\n`;
  const filler = random.hex(Math.max(0, size - header.length));
  return { content: Buffer.from(header + filler), kind };
}

export function fileAttributes(
  random: Random,
  hashes: FileHashes,
  size: number,
  kind: FileKind,
  epochMs: number,
  verdict: Verdict = pickVerdict(random),
): Attributes {
  const epoch = Math.floor(epochMs / 1000);
  const first = epoch - random.range(86_400, 3 * 365 * 86_400);
  const last = Math.min(epoch, first + random.range(0, 365 * 86_400));
  const analysed = Math.min(epoch, last + random.range(0, 86_400));
  const updateDay = new Date(analysed * 1000).toISOString().slice(0, 10).replaceAll('-', '');
  const label = threatLabel(random);
  const results = fileResults(random, FILE_ENGINES, verdict, updateDay, label);
  const stats = countStats(results, FILE_STAT_KEYS);
  const stem = random.pick(NAME_STEMS);
  const names = [`${stem}.${kind.extension}`, `${hashes.sha256.slice(0, 12)}.${kind.extension}`];
  const malicious = stats['malicious'] ?? 0;
  const attrs: Attributes = {
    md5: hashes.md5,
    sha1: hashes.sha1,
    sha256: hashes.sha256,
    size,
    type_description: kind.description,
    type_tag: kind.tag,
    type_tags: kind.tags,
    type_extension: kind.extension,
    magic: kind.magic,
    meaningful_name: names[0],
    names,
    first_submission_date: first,
    last_submission_date: last,
    last_analysis_date: analysed,
    last_modification_date: analysed,
    times_submitted: random.range(1, 500),
    unique_sources: random.range(1, 120),
    reputation: malicious > 0 ? -random.range(1, 80) : random.range(0, 5),
    total_votes: {
      harmless: random.range(0, 5),
      malicious: malicious > 0 ? random.range(0, 30) : 0,
    },
    tags: kind.tags.slice(-2),
    last_analysis_stats: stats,
    last_analysis_results: results,
    ssdeep: `${random.range(3, 96)}:${random.hex(24)}:${random.hex(16)}`,
    tlsh: `T1${random.hex(70).toUpperCase()}`,
    vhash: random.hex(32),
    downloadable: true,
  };
  const ptc = popularThreatClassification(results, label);
  if (ptc) attrs['popular_threat_classification'] = ptc;
  if (EXECUTABLE.has(kind.tag) && verdict !== 'clean') {
    const sandbox = random.pick(SANDBOXES);
    attrs['sandbox_verdicts'] = {
      [sandbox]: {
        category: verdict === 'malicious' ? 'malicious' : 'suspicious',
        confidence: random.range(40, 100),
        sandbox_name: sandbox,
        malware_classification: [verdict === 'malicious' ? 'MALWARE' : 'UNKNOWN'],
        malware_names: [label.family],
      },
    };
  }
  return attrs;
}
