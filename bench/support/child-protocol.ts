// The child side of `child-server.ts`. Over stdin/stdout, one JSON object a line:
//   parent → child  first line: the server's input (whatever the script needs)
//   child  → parent first line: the server's details once it listens ({ url, … })
//   parent → child  {"cmd":"cpu"}, answered with {"cpuUs": n} (user + system CPU µs)
// When stdin closes (the parent is stopping us, or is gone) the child runs
// `onStop` and exits, so a server never outlives its bench.
import { createInterface } from 'node:readline';

export interface ParentLink<T> {
  readonly input: T;
  /** Sends one JSON line to the parent. */
  send(message: unknown): void;
}

export function connectToParent<T>(onStop: () => Promise<void>): Promise<ParentLink<T>> {
  const send = (message: unknown): void => {
    process.stdout.write(`${JSON.stringify(message)}\n`);
  };
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    let connected = false;
    lines.on('line', (line) => {
      const message = JSON.parse(line) as unknown;
      if (!connected) {
        connected = true;
        resolve({ input: message as T, send });
      } else if ((message as { cmd?: string }).cmd === 'cpu') {
        const { user, system } = process.cpuUsage();
        send({ cpuUs: user + system });
      }
    });
    lines.on('close', () => {
      const exit = (): never => process.exit(0);
      onStop().then(exit, exit);
    });
  });
}
