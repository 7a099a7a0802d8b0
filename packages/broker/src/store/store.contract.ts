// The Store contract: one suite every driver must pass (STYLE.md, "Tests").
// A driver's test file calls `describeStoreContract('sqlite', () => …)`; each
// test gets a fresh, empty store from `make` and closes it afterwards.
import { afterEach, beforeEach, describe } from 'vitest';
import { describeAdminTokens } from './contract/admin-tokens.ts';
import { describeConsumers, describeTokens } from './contract/consumers-tokens.ts';
import { describeCredentials, describeKeyVersions } from './contract/credentials-keys.ts';
import { describeRotations } from './contract/rotations.ts';
import { describeTransactions } from './contract/transactions.ts';
import { describeAudit, describeUsage } from './contract/usage-audit.ts';
import type { Store } from './store.ts';

export function describeStoreContract(name: string, make: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store | undefined;
    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });
    const current = (): Store => {
      if (!store) throw new Error('the contract suite has no store outside a test');
      return store;
    };

    describeConsumers(current);
    describeTokens(current);
    describeAdminTokens(current);
    describeCredentials(current);
    describeKeyVersions(current);
    describeRotations(current);
    describeUsage(current);
    describeAudit(current);
    describeTransactions(current);
  });
}
