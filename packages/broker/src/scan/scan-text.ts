// One file's text through every detector in one pass. Most files hold nothing
// of interest, so a single case-insensitive test for the anchors any finding
// needs (`vtapi`, `apikey`/`api_key`, `vt.Client`, `vtb_`, `vtai_`, a VT key
// name, `virustotal`, `-k <hex>`) decides first; only a file that has one is
// searched by the candidate expression, which finds 64-hex values, tokens and
// v2 URLs at once and hands each to its detector. No per-line or per-detector
// pass over the text.
import { detectToken } from './detect-tokens.ts';
import { detectV2Libraries, isManifest } from './detect-v2-libraries.ts';
import { detectV2Url } from './detect-v2-urls.ts';
import { detectVtKey } from './detect-vt-keys.ts';
import type { Finding } from './finding.ts';
import { createTextContext } from './text-context.ts';

/** Every finding needs one of these somewhere in the file (a superset: cheap, then exact). */
export const ANCHORS =
  /vtapi|virus_?total|pyvt|api[_-]?key|vt\.(?:new)?client|vtba?_|vtai_|vt[_-]?(?:key|token)|-k\s+["']?[0-9a-f]{64}/i;

/** Candidates: 1 = 64-hex, 2 = broker/admin token, 3 = agent token, 4 = v2 URL. */
const CANDIDATES =
  /\b([0-9a-fA-F]{64})\b|\b(vtba?_[a-z0-9]{12}_[A-Za-z0-9_-]{43})(?![\w-])|\b(vtai_[\w-]{16,})|((?:https?:\/\/[\w.-]+(?::\d+)?)?\/?vtapi\/v2\b[\w/.-]*(?:\?[^\s"'`<>)\]]*)?)/g;

export function scanText(text: string, file: string): Finding[] {
  if (!ANCHORS.test(text)) return [];
  const ctx = createTextContext(text, file);
  const findings: Finding[] = isManifest(file) ? detectV2Libraries(ctx) : [];
  const candidates = new RegExp(CANDIDATES.source, 'g');
  for (let m = candidates.exec(text); m !== null; m = candidates.exec(text)) {
    const [, hex, token, agent, url] = m;
    let finding: Finding | undefined;
    if (hex !== undefined) finding = detectVtKey(ctx, m.index, hex);
    else if (token !== undefined) finding = detectToken(ctx, m.index, token);
    else if (agent !== undefined) finding = detectToken(ctx, m.index, agent);
    else if (url !== undefined) {
      finding = detectV2Url(ctx, m.index, url);
      // Go on right after the path: a key in the URL's query is a finding of its own.
      const query = url.indexOf('?');
      if (query !== -1) candidates.lastIndex = m.index + query;
    }
    if (finding) findings.push(finding);
  }
  return findings;
}
