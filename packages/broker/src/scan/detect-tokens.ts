// Rules vtb-token, vtb-admin-token, vt-agent-token: found by shape, since their
// prefixes make them unambiguous. Broker and admin tokens must parse exactly as
// tokens/token.ts and admin/admin-token.ts write them (a canonical 43-character
// secret); the public id in them is shown so the token can be revoked by id.
import { parseAdminToken } from '../admin/admin-token.ts';
import { parseToken } from '../tokens/token.ts';
import type { Finding } from './finding.ts';
import { isPlaceholderSecret } from './placeholder.ts';
import { secretRef } from './secret-display.ts';
import type { TextContext } from './text-context.ts';

/**
 * VT agent tokens: the exact format is not documented in our reference
 * (virustotal-api.md says nothing of them); we take the `vtai_` prefix and at
 * least 16 token characters, as log/redact.ts does.
 */
export const AGENT_TOKEN_PATTERN = /^vtai_[A-Za-z0-9_-]{16,}$/;

export function detectToken(ctx: TextContext, offset: number, value: string): Finding | undefined {
  if (value.startsWith('vtba_')) {
    const parsed = parseAdminToken(value);
    if (!parsed || isPlaceholderSecret(parsed.secret)) return undefined;
    const secret = secretRef('admin-token', value, parsed.id);
    return ctx.finding({
      ruleId: 'vtb-admin-token',
      offset,
      length: value.length,
      message: `vtbroker admin token ${parsed.id}: ${secret.redacted} (${secret.fingerprint})`,
      fix: `Revoke it now (vtbroker admin token revoke ${parsed.id}): it can manage keys and tokens. Keep admin tokens in a secret store.`,
      secret,
    });
  }
  if (value.startsWith('vtb_')) {
    const parsed = parseToken(value);
    if (!parsed || isPlaceholderSecret(parsed.secret)) return undefined;
    const secret = secretRef('broker-token', value, parsed.id);
    return ctx.finding({
      ruleId: 'vtb-token',
      offset,
      length: value.length,
      message: `vtbroker token ${parsed.id}: ${secret.redacted} (${secret.fingerprint})`,
      fix: `Read the token from the environment (VTB_API_KEY), revoke this one (vtbroker token revoke ${parsed.id}) and create a new one.`,
      secret,
    });
  }
  if (!AGENT_TOKEN_PATTERN.test(value) || isPlaceholderSecret(value.slice(5))) return undefined;
  const secret = secretRef('agent-token', value);
  return ctx.finding({
    ruleId: 'vt-agent-token',
    offset,
    length: value.length,
    message: `VirusTotal agent token: ${secret.redacted} (${secret.fingerprint})`,
    secret,
  });
}
