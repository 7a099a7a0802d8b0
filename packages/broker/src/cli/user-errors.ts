// One error policy for every command (STYLE.md, after changesets): a mistake
// the user can fix prints its message and hint and exits 1; anything else is a bug.
import { VtError } from '@vtbroker/client';
import { AdminTokenServiceError } from '../admin/admin-token-service.ts';
import { ConfigError } from '../config/config-error.ts';
import { KeyServiceError } from '../keys/key-service.ts';
import { MasterKeyError } from '../keys/master-key.ts';
import { SecretBoxError } from '../keys/secret-box.ts';
import { QuotaSpecError } from '../tokens/quota-spec.ts';
import { RotationError } from '../rotation/rotation-error.ts';
import { SecretStoreError } from '../secrets/secret-store.ts';
import { TokenServiceError } from '../tokens/token-service.ts';
import { UsageError } from './usage-error.ts';

export function asUserError(
  error: unknown,
): { message: string; hint: string | undefined; exitCode?: number } | undefined {
  if (error instanceof UsageError)
    return { message: error.message, hint: error.hint, exitCode: error.exitCode };
  if (
    error instanceof KeyServiceError ||
    error instanceof RotationError ||
    error instanceof SecretStoreError ||
    error instanceof TokenServiceError ||
    error instanceof AdminTokenServiceError
  ) {
    return { message: error.message, hint: error.hint };
  }
  if (error instanceof ConfigError || error instanceof MasterKeyError)
    return { message: error.message, hint: error.hint };
  if (error instanceof SecretBoxError && error.code === 'unknown_master_key')
    return {
      message: error.message,
      hint: 'Load the older master key: keep it in the key file after the current one, or set VTB_MASTER_KEY_PREVIOUS; vtbroker master-key status lists what each key seals.',
    };
  if (error instanceof QuotaSpecError)
    return { message: error.message, hint: 'e.g. --quota 100/min,20000/day' };
  if (error instanceof VtError)
    return { message: `VirusTotal: ${error.message}`, hint: error.hint };
  if (
    error instanceof TypeError &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('ERR_PARSE_ARGS')
  ) {
    return { message: error.message, hint: 'run the command with --help' };
  }
  return undefined;
}
