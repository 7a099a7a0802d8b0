// VT Enterprise service accounts as a key source (reference §4.11): the only
// keys VT's API can make. A group administrator's key creates one in the group;
// its answer holds the new account's `apikey`. VT has no endpoint to delete a
// service account, so taking the old one out of use is the broker's part and
// removing it is the operator's (the rotation's finish alert says so).
import { VtApiError } from '@vtbroker/client';
import { keyClient, type KeyClientUpstream } from './key-client.ts';

export interface CreatedServiceAccount {
  /** VT's id of the account, `<group>_<name>`. */
  id: string;
  apiKey: string;
}

export async function createServiceAccount(
  adminKey: string,
  group: string,
  name: string,
  upstream: KeyClientUpstream,
): Promise<CreatedServiceAccount> {
  const client = keyClient(adminKey, upstream);
  let account;
  try {
    account = await client.groups.createServiceAccount(group, name);
  } catch (error) {
    // Made by an earlier attempt that crashed before the broker stored it: read it back.
    if (!(error instanceof VtApiError && error.code === 'AlreadyExistsError')) throw error;
    account = await client.groups.getServiceAccount(`${group}_${name}`);
  }
  const apiKey = (account.attributes as { apikey?: unknown }).apikey;
  if (typeof apiKey !== 'string' || apiKey === '')
    throw new Error(
      `VirusTotal answered service account ${account.id} without its key: the broker's key must be an administrator of group ${group}`,
    );
  return { id: account.id, apiKey };
}
