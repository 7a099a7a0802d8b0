// Vault's answers as SecretStoreErrors that name the fix: for a 403 the exact policy
// path and capabilities; for a failed check-and-set what happened and that re-running is
// safe; for a sealed Vault how to unseal. Vault's own error texts are quoted (they name
// paths and reasons, never the data written); the token never appears.
import { storeError, type SecretStoreError, type StoreLabel } from '../secret-store.ts';
import { networkReason } from './network-reason.ts';

export type VaultAction = 'read' | 'install';

export interface VaultContext {
  label: StoreLabel;
  /** The API path policies name: "{mount}/data/{path}". */
  apiPath: string;
  mount: string;
  path: string;
  field: string;
  namespace: string | undefined;
}

const CAPABILITIES: Record<VaultAction, string> = {
  read: '["read"]',
  install: '["create", "update", "read"]',
};

function policyHint(context: VaultContext, action: VaultAction): string {
  const where = context.namespace === undefined ? '' : ` in namespace ${context.namespace}`;
  return (
    `Give the token a policy${where} with: path "${context.apiPath}" { capabilities = ${CAPABILITIES[action]} }` +
    ` — or log in again if the token expired or was revoked.`
  );
}

export function vaultError(
  context: VaultContext,
  action: VaultAction,
  status: number,
  json: unknown,
  special?: 'not-kv2' | 'not-a-string',
  casVersion?: number,
): SecretStoreError {
  const { label, mount, path, field } = context;
  const said = vaultErrors(json).join('; ').slice(0, 200);
  const quoted = said === '' ? '' : `: "${said}"`;
  if (special === 'not-kv2') {
    return storeError(
      label,
      'invalid',
      `Vault answered the ${action} without KV version 2 metadata; is "${mount}" a KV version 1 mount?`,
      `Use a KV v2 mount (vault secrets enable -path=${mount} kv-v2) or upgrade this one: vault kv enable-versioning ${mount}`,
    );
  }
  if (special === 'not-a-string') {
    return storeError(
      label,
      'invalid',
      `the field "${field}" of ${mount}/${path} holds something other than a string.`,
      `Store the key as a string: vault kv patch -mount=${mount} ${path} ${field}=<key>`,
    );
  }
  if (status === 403) {
    return storeError(
      label,
      'denied',
      `Vault refused the ${action} (403${quoted}): the token lacks a capability on ${context.apiPath}, or it expired.`,
      policyHint(context, action),
    );
  }
  if (status === 400 && said.includes('check-and-set parameter did not match')) {
    return storeError(
      label,
      'conflict',
      `another writer changed ${mount}/${path} after this install read version ${casVersion ?? '?'}; Vault refused the check-and-set write and nothing was overwritten.`,
      'Run the install again: it reads the new version and writes on top of it, keeping the other writer’s fields.',
    );
  }
  if (status === 404) {
    return storeError(
      label,
      'invalid',
      `Vault has no KV version 2 mount "${mount}" here (404${quoted}).`,
      'Check the store’s mount (the KV v2 mount path, e.g. secret) and namespace; list mounts with: vault secrets list',
    );
  }
  if (status === 503 && said.toLowerCase().includes('sealed')) {
    return storeError(
      label,
      'unavailable',
      `Vault is sealed (503); the ${action} did not happen.`,
      'Unseal Vault (vault operator unseal) or point address at an unsealed node, then retry.',
    );
  }
  if (status === 429 || status === 412 || status >= 500) {
    return storeError(
      label,
      'unavailable',
      `Vault failed the ${action} (${status}${quoted}).`,
      'Check Vault’s health (vault status, the server log) and retry; re-running an install is safe.',
    );
  }
  return storeError(
    label,
    'invalid',
    `Vault answered the ${action} with ${status}${quoted}.`,
    'Check the store’s address, mount and path; they must name a KV v2 secret.',
  );
}

/** The strings of Vault's `{"errors":[…]}` body. */
export function vaultErrors(json: unknown): string[] {
  const errors = (json as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(errors) ? errors.filter((e): e is string => typeof e === 'string') : [];
}

export function vaultUnreachable(
  context: VaultContext,
  action: VaultAction,
  error: unknown,
): SecretStoreError {
  const reason = networkReason(error);
  return storeError(
    context.label,
    'unavailable',
    `cannot reach Vault for the ${action} (${reason}); it may or may not have happened.`,
    'Check address (scheme, host, port), DNS, the network path and TLS trust (NODE_EXTRA_CA_CERTS for a private CA); re-running an install is safe.',
    { cause: error },
  );
}

export function vaultTokenMissing(
  context: VaultContext,
  options: { tokenFile?: string; tokenEnv?: string },
): SecretStoreError {
  const need = `a token whose policy grants ${CAPABILITIES.install} on "${context.apiPath}"`;
  if (options.tokenFile !== undefined) {
    return storeError(
      context.label,
      'denied',
      `the token file ${options.tokenFile} is missing, unreadable or empty.`,
      `Write ${need} to ${options.tokenFile} (e.g. a Vault Agent sink) readable by the broker's user.`,
    );
  }
  const variable = options.tokenEnv ?? 'VAULT_TOKEN';
  return storeError(
    context.label,
    'denied',
    `${variable} is not set, so there is no Vault token.`,
    `Set ${variable} to ${need}, or set tokenFile.`,
  );
}
