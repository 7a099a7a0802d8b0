// Which real backends this test run may use. Test files that need one call
// `describe.skipIf(!backends.postgresUrl)`; the global setup refuses to skip on CI.
export interface TestBackends {
  postgresUrl: string | undefined;
  redisUrl: string | undefined;
  missing: string[];
}

export function backendsFromEnv(env: NodeJS.ProcessEnv): TestBackends {
  const postgresUrl = env['VTB_TEST_POSTGRES_URL'] || undefined;
  const redisUrl = env['VTB_TEST_REDIS_URL'] || undefined;
  const missing: string[] = [];
  if (!postgresUrl) missing.push('VTB_TEST_POSTGRES_URL');
  if (!redisUrl) missing.push('VTB_TEST_REDIS_URL');
  return { postgresUrl, redisUrl, missing };
}

export const backends = backendsFromEnv(process.env);
