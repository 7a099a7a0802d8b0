// Why a fetch failed, in a few words for an error message: the system error code under
// undici's "fetch failed" (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED, …), else the
// cause's message ("bad port"), else the error's name (TimeoutError, AbortError).
export function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return 'network error';
  const cause = error.cause;
  if (cause instanceof Error) {
    if ('code' in cause && typeof cause.code === 'string') return cause.code;
    if (cause.message !== '') return cause.message;
  }
  return error.name;
}
