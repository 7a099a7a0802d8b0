// `vtbroker audit verify`: walks the whole log in order and recomputes the chain
// (audit-chain.ts). It reports every problem it finds, each naming the entry,
// rather than stopping at the first: an operator wants to know the extent.
import type { AuditEntry, AuditHead } from '../store/model.ts';
import type { Store } from '../store/store.ts';
import { auditHash, GENESIS_HASH } from './audit-chain.ts';

export type AuditProblemKind =
  /** The entry's fields no longer give its stored hash: it was edited. */
  | 'edited'
  /** The entry does not follow the one before it: one was inserted or deleted in between. */
  | 'broken-link'
  /** The newest entry is not the one the head names: entries were deleted or added at the end. */
  | 'head-mismatch';

export interface AuditProblem {
  kind: AuditProblemKind;
  /** The entry where it shows (for head-mismatch, the newest entry, or 0 when there is none). */
  seq: number;
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  /** Entries checked. */
  entries: number;
  head: AuditHead | undefined;
  problems: AuditProblem[];
}

const PAGE = 1_000;

export async function verifyAudit(store: Store): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  let previous: AuditEntry | undefined;
  let entries = 0;
  for (let sinceSeq = 0; ;) {
    const page = await store.audit.list({ sinceSeq, limit: PAGE });
    for (const entry of page) {
      checkEntry(entry, previous, problems);
      previous = entry;
      entries++;
    }
    if (page.length < PAGE) break;
    sinceSeq = page.at(-1)?.seq ?? sinceSeq;
  }
  const head = await store.audit.head();
  checkHead(head, previous, problems);
  return { ok: problems.length === 0, entries, head, problems };
}

function checkEntry(
  entry: AuditEntry,
  previous: AuditEntry | undefined,
  problems: AuditProblem[],
): void {
  const expectedPrev = previous?.hash ?? GENESIS_HASH;
  if (entry.prevHash !== expectedPrev) {
    problems.push({
      kind: 'broken-link',
      seq: entry.seq,
      message: previous
        ? `entry ${entry.seq} does not follow entry ${previous.seq}: an entry between them was deleted, or one of them was inserted`
        : `entry ${entry.seq} is the first entry but does not start the chain: earlier entries were deleted, or it was inserted`,
    });
  }
  if (auditHash(entry.prevHash, entry.seq, entry) !== entry.hash) {
    problems.push({
      kind: 'edited',
      seq: entry.seq,
      message: `entry ${entry.seq} (${entry.action} by ${entry.actor}) was changed after it was written: its fields do not give its hash`,
    });
  }
}

function checkHead(
  head: AuditHead | undefined,
  last: AuditEntry | undefined,
  problems: AuditProblem[],
): void {
  if (!head && !last) return;
  if (head && last && head.seq === last.seq && head.hash === last.hash) return;
  problems.push({
    kind: 'head-mismatch',
    seq: last?.seq ?? 0,
    message: head
      ? `the log's head names entry ${head.seq}, but the newest entry is ${last ? `${last.seq} with another hash` : 'missing'}: entries at the end were deleted or added`
      : `the log has entries but no head: the head was removed, or entries were added outside the broker`,
  });
}
