// Rule v2-library: a dependency on a client library that speaks the API v2, in
// package.json, requirements*.txt, pyproject.toml, Pipfile, setup.py/setup.cfg.
// Only libraries whose own description says v2 are listed, each with where that
// was read. Not listed because they speak v3: vt-py (the official client),
// virustotal3 ("Python 3 implementation of the VirusTotal v3 API"), virustotalpy.
import { basename } from 'node:path';
import type { Finding } from './finding.ts';
import type { TextContext } from './text-context.ts';

interface LegacyLibrary {
  /** Below this major version the library speaks v2; absent: every version. */
  v3FromMajor?: number;
  why: string;
}

const NPM: Record<string, LegacyLibrary> = {
  // npm README: "Virustotal API v2.0 wrapper class".
  'virustotal-api': { why: 'a wrapper of the API v2.0' },
  // github.com/SaltwaterC/virustotal.js README: "VirusTotal API 2.0 client for node.js".
  'virustotal.js': { why: 'a client of the API 2.0' },
  // npm README, "Old Versions": 3.0+ moved to v3, incompatible with older versions;
  // 0.x–2.x call https://www.virustotal.com/vtapi/v2/… (code.js) and ship a shared key.
  'node-virustotal': { v3FromMajor: 3, why: 'before 3.0 it calls /vtapi/v2/' },
};

const PYPI: Record<string, LegacyLibrary> = {
  // pypi.org/project/virustotal-api (blacktop): "Virus Total Public/Private/Intel API", the v2 APIs.
  'virustotal-api': { why: 'the v2 public/private/intelligence API' },
  // pypi.org/project/virustotal (1.0.3, 2012): "Pythonic VirusTotal Public API 2.0 client".
  virustotal: { why: 'a Public API 2.0 client' },
  // pypi.org/project/virustotal2: "Complete, Pythonic VirusTotal Public API 2.0 client".
  virustotal2: { why: 'a Public API 2.0 client' },
  // pypi.org/project/pyvt: "Python VirusTotal Private API 2.0 Implementation".
  pyvt: { why: 'a Private API 2.0 client' },
  // pypi.org/project/vtapi: "this library implement virustotal api v2.0".
  vtapi: { why: 'a client of the API v2.0' },
  // pypi.org/project/virustotal-python: 0.x's README shows v2 as the default
  // (`Virustotal(API_KEY=…)`, v3 only with API_VERSION="v3"); 1.x defaults to v3.
  'virustotal-python': { v3FromMajor: 1, why: 'before 1.0 it calls v2 unless API_VERSION="v3"' },
};

const MANIFEST =
  /^(?:package\.json|requirements[\w.-]*\.txt|constraints\.txt|pyproject\.toml|Pipfile|setup\.py|setup\.cfg)$/;

export const isManifest = (file: string): boolean => MANIFEST.test(basename(file));

/** PEP 503 names: case-insensitive, `_` and `.` as `-`. */
const normalise = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

/** Lowest major version a range allows; undefined for `*`, a URL or no range. */
export function lowestMajor(range: string): number | undefined {
  const match = /(?:^|[\s,|=^~>]|v)(\d+)(?:\.\d+|\.x|\.\*)*/.exec(range.replace(/\s*>\s*=/g, '>='));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function check(
  ctx: TextContext,
  library: LegacyLibrary | undefined,
  name: string,
  range: string,
  offset: number,
  replacement: string,
): Finding | undefined {
  if (library === undefined) return undefined;
  if (library.v3FromMajor !== undefined) {
    const major = lowestMajor(range);
    if (major === undefined || major >= library.v3FromMajor) return undefined;
  }
  return ctx.finding({
    ruleId: 'v2-library',
    offset,
    length: name.length,
    message: `${name}${range ? ` ${range.trim()}` : ''} speaks the legacy API v2 (${library.why}); v2 calls go to /vtapi/v2/ with the key in the URL`,
    fix: `Replace it with ${replacement}, or point it at the broker (it answers v2 calls in v2's shape).`,
  });
}

/** Each dependency section's body (they hold no nested objects) and where it starts. */
const SECTION =
  /"(?:dependencies|devDependencies|optionalDependencies|peerDependencies)"\s*:\s*\{([^{}]*)\}/g;

function fromPackageJson(ctx: TextContext): Finding[] {
  const findings: Finding[] = [];
  for (const section of ctx.text.matchAll(SECTION)) {
    const body = section[1] ?? '';
    const bodyStart = section.index + section[0].indexOf('{') + 1;
    for (const entry of body.matchAll(/"((?:@[\w.-]+\/)?[\w.-]+)"\s*:\s*"([^"]*)"/g)) {
      const [, name = '', range = ''] = entry;
      const offset = bodyStart + entry.index + 1;
      const f = check(ctx, NPM[name], name, range, offset, '@vtbroker/client (v3)');
      if (f) findings.push(f);
    }
  }
  return findings;
}

function fromPython(ctx: TextContext): Finding[] {
  const findings: Finding[] = [];
  // A requirement at a line start (requirements.txt), quoted (pyproject, setup.py), or a
  // table key (Poetry, Pipfile: `name = "^1.0"`).
  const requirement =
    /(^|["'])\s*([A-Za-z0-9][\w.-]*)\s*(?:\[[^\]]*\])?\s*((?:[<>=!~]=?|===)\s*[\w.*]+(?:\s*,\s*(?:[<>=!~]=?)\s*[\w.*]+)*|=\s*["'][^"'\n]*["'])?/gm;
  for (let m = requirement.exec(ctx.text); m !== null; m = requirement.exec(ctx.text)) {
    const [, lead = '', name = '', range = ''] = m;
    const offset = m.index + lead.length + m[0].slice(lead.length).indexOf(name);
    const f = check(
      ctx,
      PYPI[normalise(name)],
      name,
      range.replace(/^=\s*["']|["']$/g, ''),
      offset,
      'vt-py (pip install vt-py)',
    );
    if (f) findings.push(f);
  }
  return findings;
}

export function detectV2Libraries(ctx: TextContext): Finding[] {
  if (!/virus_?total|vtapi|pyvt/i.test(ctx.text)) return [];
  return basename(ctx.file) === 'package.json' ? fromPackageJson(ctx) : fromPython(ctx);
}
