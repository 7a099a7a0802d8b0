// What the alert tests share: a real loopback receiver (node:http on 127.0.0.1,
// port 0) answering from a script, a clock whose sleep() records the wait and
// moves time at once (so retries never wait for real), and a capturing logger.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '../../log/logger.ts';
import { createRedactor } from '../../log/redact.ts';
import type { Alert } from '../alert.ts';

export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** An answer to one request; 'hang' never answers (until the receiver closes). */
export type ScriptedAnswer =
  { status: number; headers?: Record<string, string>; body?: string } | 'hang';

export interface WebhookReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Answers for the next requests, in order; once used up, 200. */
  script(...answers: ScriptedAnswer[]): void;
  close(): Promise<void>;
}

export async function webhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const answers: ScriptedAnswer[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      const answer = answers.shift() ?? { status: 200, body: 'ok' };
      if (answer === 'hang') {
        hanging.push(res);
        return;
      }
      res.writeHead(answer.status, answer.headers).end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/vtbroker`,
    requests,
    script: (...next) => answers.push(...next),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}

/** A loopback URL where nothing listens: a port just opened and closed again. */
export async function refusedUrl(path = '/hook'): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return `http://127.0.0.1:${port}${path}`;
}

export interface StepClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  advance(ms: number): void;
  /** Every sleep() asked for, in order. */
  readonly sleeps: number[];
}

export function stepClock(startMs = T0): StepClock {
  let current = startMs;
  const sleeps: number[] = [];
  return {
    now: () => current,
    sleep: (ms) => {
      sleeps.push(ms);
      current += Math.max(0, ms);
      return Promise.resolve();
    },
    advance: (ms) => {
      current += ms;
    },
    sleeps,
  };
}

export interface CapturedLog {
  log: Logger;
  lines: string[];
  records(): Record<string, unknown>[];
}

/** A JSON logger at debug level whose redactor knows no secret: a leak would show. */
export function captureLog(now: () => number = () => T0): CapturedLog {
  const lines: string[] = [];
  const log = createLogger({
    level: 'debug',
    format: 'json',
    redact: createRedactor(),
    write: (line) => lines.push(line),
    now,
  });
  return { log, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

export function sampleAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    kind: 'key.age.warning',
    severity: 'warning',
    message:
      'Key soc-premium is 80% of its maximum age: rotate it with `vtbroker key rotate soc-premium`.',
    subject: 'soc-premium',
    details: { fingerprint: 'a1b2c3d4', deadline: '2026-02-01T00:00:00.000Z' },
    at: T0,
    ...overrides,
  };
}
