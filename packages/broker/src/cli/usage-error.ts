/**
 * A mistake the user can fix: shown as the message plus a hint, exit code 1 (or
 * `exitCode`, for a command whose 1 means something else: `scan` exits 1 on
 * findings and 2 on a usage error, like grep).
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly hint: string | undefined;
  readonly exitCode: number;
  constructor(message: string, hint?: string, exitCode = 1) {
    super(message);
    this.hint = hint;
    this.exitCode = exitCode;
  }
}
