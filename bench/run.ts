// `npm run bench [-- name…]`: runs every benchmark, or the named ones, one after
// another, printing each one's report and then one JSON line per bench for
// machines. Benches are not tests: a missed target is printed, not a failure;
// the exit code is 1 only when a bench could not run.
import { availableParallelism, cpus } from 'node:os';
import type { Bench } from './support/bench.ts';
import { killChildren } from './support/child-server.ts';
import { brokerBench } from './broker/broker-bench.ts';
import { emulatorBench } from './emulator/emulator-bench.ts';
import { rotationBench } from './rotation/rotation-bench.ts';
import { scanBench } from './scan/scan-bench.ts';

const BENCHES: readonly Bench[] = [emulatorBench, brokerBench, rotationBench, scanBench];

const USAGE = `Usage: node bench/run.ts [name…]

Benchmarks (all when none is named):
${BENCHES.map((b) => `  ${b.name.padEnd(10)} ${b.description}`).join('\n')}
`;

function pick(names: readonly string[]): readonly Bench[] {
  if (names.length === 0) return BENCHES;
  return names.map((name) => {
    const bench = BENCHES.find((b) => b.name === name);
    if (!bench) throw new Error(`no bench named "${name}"\n\n${USAGE}`);
    return bench;
  });
}

async function main(args: readonly string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const benches = pick(args);
  const machine = {
    date: new Date().toISOString(),
    node: process.version,
    cores: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
  };
  console.log(
    `vtbroker bench, ${machine.date}, node ${machine.node}, ${machine.cores} cores (${machine.cpu})`,
  );
  const results: Record<string, unknown>[] = [];
  for (const bench of benches) {
    console.log('');
    const summary = await bench.run((line) => {
      console.log(line);
    });
    results.push({ bench: bench.name, ...machine, ...summary });
  }
  console.log('');
  for (const result of results) console.log(JSON.stringify(result));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    killChildren();
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
