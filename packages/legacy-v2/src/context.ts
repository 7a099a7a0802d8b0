// What a v2 translation needs: a v3 caller bound to the requesting user, the
// analyses v2 started, and emulated time.
import type { PendingScans } from './pending-scans.ts';
import type { V3Caller } from './v3-call.ts';

export interface V2Context {
  readonly call: V3Caller;
  readonly pending: PendingScans;
  /** Emulated time in Unix seconds (never the real clock). */
  nowSeconds(): number;
  /** `limit` asked of v3 relationship lists (settings.paging.maxLimit). */
  readonly listLimit: number;
}
