// Runs once before the test files. Real PostgreSQL and Redis are reached through
// VTB_TEST_POSTGRES_URL and VTB_TEST_REDIS_URL. CI must have both (a missing one
// fails the run); a local run without them says what it skips.
import { backendsFromEnv } from './support/backends.ts';

export default function setup(): void {
  const { missing } = backendsFromEnv(process.env);
  if (missing.length === 0) return;
  const names = missing.join(' and ');
  if (process.env['CI'] === 'true') {
    throw new Error(
      `CI=true but ${names} is not set: CI must test against real services. ` +
        `Export e.g. VTB_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test ` +
        `VTB_TEST_REDIS_URL=redis://127.0.0.1:6379/0 (see .ci/services.sh).`,
    );
  }
  process.stderr.write(
    `\n[vtbroker tests] ${names} not set: tests that need ` +
      `${missing.map((m) => (m.includes('POSTGRES') ? 'PostgreSQL' : 'Redis')).join(' and ')} are skipped. ` +
      `Set them to run everything (see README, "Tests").\n\n`,
  );
}
