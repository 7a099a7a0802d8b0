// Rotation outcomes a person must act on. Each names what happened and the
// exact command that goes on from there; none carries a key.
import type { KeyReport } from './key-report.ts';

export type RotationErrorKind =
  /** Wrong input: a name, an empty key, the key already in use. */
  | 'invalid'
  /** Not possible in the credential's state (another rotation running, nothing to roll back). */
  | 'conflict'
  /** The test step refused the new key; `report` says why. */
  | 'refused'
  /** A step failed (VT down, a sink refused): resumable. */
  | 'step-failed';

export class RotationError extends Error {
  override readonly name = 'RotationError';
  readonly kind: RotationErrorKind;
  readonly hint: string;
  readonly rotationId: string | null;
  readonly report: KeyReport | null;
  constructor(
    kind: RotationErrorKind,
    message: string,
    hint: string,
    extra: { rotationId?: string; report?: KeyReport; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.kind = kind;
    this.hint = hint;
    this.rotationId = extra.rotationId ?? null;
    this.report = extra.report ?? null;
  }
}

export const resumeHint = (name: string): string =>
  `Fix the cause, then: vtbroker key rotate ${name} --resume   (or undo it: vtbroker key rollback ${name})`;
