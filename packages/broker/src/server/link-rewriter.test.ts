import { describe, expect, it } from 'vitest';
import { createLinkRewriter } from './link-rewriter.ts';

const links = createLinkRewriter({
  upstreamOrigin: 'https://www.virustotal.com',
  publicUrl: 'https://vt.example.org/',
});
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('rewriteJson', () => {
  it('rewrites every VT API URL, as a text replace would', () => {
    const vt = 'https://www.virustotal.com/api/v3';
    const answer = `{"links":{"self":"${vt}/files/x","next":"${vt}/files?cursor=é"},"d":"${vt}${vt}","e":"${vt}"}`;
    const out = text(links.rewriteJson(bytes(answer)));
    expect(out).toBe(answer.split(vt).join('https://vt.example.org/api/v3'));
    expect(out).not.toContain('virustotal.com');
  });

  it('reads a view into a larger buffer by its own bounds', () => {
    const whole = bytes(
      'https://www.virustotal.com/api/v3{"self":"https://www.virustotal.com/api/v3/x"}',
    );
    const view = whole.subarray('https://www.virustotal.com/api/v3'.length);
    expect(text(links.rewriteJson(view))).toBe('{"self":"https://vt.example.org/api/v3/x"}');
  });

  it('hands back the same bytes when there is no VT URL (other VT pages are left alone)', () => {
    const answer = bytes('{"permalink":"https://www.virustotal.com/gui/file/x","n":"é"}');
    expect(links.rewriteJson(answer)).toBe(answer);
  });
});
