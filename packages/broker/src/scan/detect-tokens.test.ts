import { describe, expect, it } from 'vitest';
import { parseToken } from '../tokens/token.ts';
import { detectToken } from './detect-tokens.ts';
import { createTextContext } from './text-context.ts';
import { fakeAdminToken, fakeBrokerToken } from './test-support/fake-secrets.ts';

function detect(value: string) {
  const text = `TOKEN=${value}\n`;
  return detectToken(createTextContext(text, 'a.env'), 6, value);
}

describe('detectToken', () => {
  it('reports broker and admin tokens with their public id, never the secret', () => {
    const token = fakeBrokerToken('t1');
    const f = detect(token);
    const id = parseToken(token)?.id ?? '';
    expect(f).toMatchObject({ ruleId: 'vtb-token', secret: { kind: 'broker-token', tokenId: id } });
    expect(f?.fix).toContain(`vtbroker token revoke ${id}`);
    expect(JSON.stringify(f)).not.toContain(token.slice(17));
    expect(detect(fakeAdminToken('a1'))).toMatchObject({ ruleId: 'vtb-admin-token' });
  });

  it('takes agent tokens by prefix', () => {
    expect(detect('vtai_Q2hhbmdlTWVQbGVhc2VOb3RSZWFs')).toMatchObject({ ruleId: 'vt-agent-token' });
  });

  it('ignores what is not exactly a token, and examples', () => {
    const token = fakeBrokerToken('t2');
    expect(detect(`${token.slice(0, -1)}B`)).toBeUndefined(); // not a canonical secret
    expect(detect(`vtb_abcdefghijkl_${'A'.repeat(43)}`)).toBeUndefined();
    expect(detect('vtai_xxxxxxxxxxxxxxxxxxxxxxxx')).toBeUndefined();
  });
});
