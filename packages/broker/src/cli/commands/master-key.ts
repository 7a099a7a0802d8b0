// `vtbroker master-key rotate | prune | status`: the master key that seals VT
// keys at rest, replaced without downtime (keys/master-key-rotation.ts). With a
// key file, rotate writes a new key first in it and re-wraps every secret;
// running brokers read the file again when they meet the new key. With
// VTB_MASTER_KEY, the operator sets the new key there and the old one in
// VTB_MASTER_KEY_PREVIOUS first (docs/rotation.md), then rotate re-wraps.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createMasterKeyRing, masterKeyFromBytes, type MasterKey } from '../../keys/master-key.ts';
import {
  rewrapAll,
  secretsByMasterKey,
  writeMasterKeyFile,
} from '../../keys/master-key-rotation.ts';
import { printJson } from '../output.ts';
import { openRuntime, type Runtime } from '../runtime.ts';
import { UsageError } from '../usage-error.ts';

const HELP = `Usage:
  vtbroker master-key rotate   a new master key first in the key file; every secret re-wrapped
                               (with VTB_MASTER_KEY: re-wraps under it what VTB_MASTER_KEY_PREVIOUS sealed)
  vtbroker master-key prune    drop older master keys no secret needs any more (key file)
  vtbroker master-key status [--json]   master key ids and how many secrets each seals

Options: --config <vtbroker.yaml>
`;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      json: { type: 'boolean' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || sub === undefined || sub === 'help') {
    process.stdout.write(HELP);
    return sub === undefined ? 1 : 0;
  }
  if (sub !== 'rotate' && sub !== 'prune' && sub !== 'status')
    throw new UsageError(
      `unknown master-key command "${sub}"`,
      'vtbroker master-key rotate | prune | status',
    );
  const runtime = await openRuntime({ configFile: values.config });
  try {
    if (sub === 'status') return await status(runtime, values.json === true);
    return sub === 'rotate' ? await rotate(runtime) : await prune(runtime);
  } finally {
    await runtime.close();
  }
}

const actor = () => `cli:${process.env['USER'] ?? 'unknown'}`;

async function rotate(runtime: Runtime): Promise<number> {
  const { master, broker } = runtime;
  const older = [master.key, ...master.older];
  let to: MasterKey = master.key;
  if (master.source === 'file' && master.path !== undefined) {
    const bytes = randomBytes(32);
    try {
      to = masterKeyFromBytes(bytes);
      // Old keys stay after the new one until prune: brokers and secrets not yet re-wrapped need them.
      await writeMasterKeyFile(master.path, [bytes, ...older.map(exportKey)]);
    } finally {
      bytes.fill(0);
    }
  }
  const ring = createMasterKeyRing(to, older);
  const changed = await rewrapAll(broker.store, ring, to, {
    actor: actor(),
    now: Date.now(),
    action: 'master-key.rotate',
  });
  process.stdout.write(
    master.source === 'file'
      ? `New master key ${to.id} is first in ${master.path ?? ''}; ${changed} secret(s) re-wrapped under it.\n` +
          `Running brokers read the file again when they meet it. Once they all have, drop the old key: vtbroker master-key prune\n`
      : `${changed} secret(s) re-wrapped under VTB_MASTER_KEY (${to.id}).\n` +
          `Now remove VTB_MASTER_KEY_PREVIOUS from every broker's environment and restart them one by one.\n`,
  );
  return 0;
}

async function prune(runtime: Runtime): Promise<number> {
  const { master, broker } = runtime;
  if (master.source !== 'file' || master.path === undefined)
    throw new UsageError(
      'prune edits the key file; the master key comes from VTB_MASTER_KEY here.',
      'Remove VTB_MASTER_KEY_PREVIOUS from the environment instead (vtbroker master-key status shows what it still seals).',
    );
  const ring = createMasterKeyRing(master.key, master.older);
  // Secrets sealed meanwhile by a process that still had the old key: re-wrap them first.
  await rewrapAll(broker.store, ring, master.key, {
    actor: actor(),
    now: Date.now(),
    action: 'master-key.prune',
  });
  const used = await secretsByMasterKey(broker.store);
  const keep = master.older.filter((k) => (used[k.id] ?? 0) > 0);
  await writeMasterKeyFile(master.path, [master.key, ...keep].map(exportKey));
  process.stdout.write(
    `Kept master key ${master.key.id}${keep.length > 0 ? ` and ${keep.map((k) => k.id).join(', ')}` : ''}; dropped ${master.older.length - keep.length} older key(s) from ${master.path}.\n`,
  );
  return 0;
}

async function status(runtime: Runtime, json: boolean): Promise<number> {
  const { master, broker } = runtime;
  const used = await secretsByMasterKey(broker.store);
  const keys = [master.key, ...master.older].map((k, i) => ({
    id: k.id,
    role: i === 0 ? 'current' : 'older',
    secrets: used[k.id] ?? 0,
  }));
  const missing = Object.keys(used).filter((id) => !keys.some((k) => k.id === id));
  if (json) printJson({ source: master.source, path: master.path ?? null, keys, missing });
  else
    process.stdout.write(
      `Master keys (${master.source === 'file' ? master.path : 'VTB_MASTER_KEY'}):\n` +
        keys.map((k) => `  ${k.id}  ${k.role.padEnd(7)}  seals ${k.secrets} secret(s)`).join('\n') +
        '\n' +
        (missing.length > 0
          ? `Secrets sealed under keys not loaded: ${missing.join(', ')} — load them (VTB_MASTER_KEY_PREVIOUS or the key file) or those keys cannot be opened.\n`
          : ''),
    );
  return missing.length > 0 ? 1 : 0;
}

/** A KeyObject's raw bytes, to write it back into the key file. */
function exportKey(key: MasterKey): Uint8Array {
  return key.key.export();
}
