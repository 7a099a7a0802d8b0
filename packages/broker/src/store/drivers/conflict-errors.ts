// The conflicts every driver reports in the same words. Messages name ids and
// names only: never a record's other fields (a token's hash, a sealed key).
import { StoreConflictError } from '../store.ts';

/** A unique field (id or name) already holds this value. */
export function takenError(entity: string, field: string, value: string): StoreConflictError {
  return new StoreConflictError(
    `${entity} ${field} ${JSON.stringify(value)} is already taken; choose another ${field}`,
  );
}

/** A record refers to a parent that does not exist. */
export function missingParentError(entity: string, parent: string): StoreConflictError {
  return new StoreConflictError(
    `${entity} refers to a ${parent} that does not exist; create the ${parent} first`,
  );
}
