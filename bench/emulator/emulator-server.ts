// Child process: the emulator on 127.0.0.1, a free port, with a premium key
// whose quotas are lifted (a bench must never see 429). Announces its URL, the
// key and the ids of the request mix: `idCount` corpus files, asked for by
// sha256, md5 and sha1 in turn (VT accepts any of the three).
import { createEmulator } from '@vtbroker/emulator';
import { connectToParent } from '../support/child-protocol.ts';

export interface EmulatorServerInput {
  idCount: number;
}

export interface EmulatorServerDetails {
  url: string;
  apikey: string;
  ids: string[];
}

const emulator = createEmulator();
const { apikey } = emulator.createKey({
  id: 'bench',
  tier: 'premium',
  quotas: { minute: null, hourly: null, daily: null, monthly: null },
});
const running = await emulator.listen({ host: '127.0.0.1', port: 0 });
const link = await connectToParent<EmulatorServerInput>(() => running.close());

const files = emulator.corpus.files().slice(0, link.input.idCount);
const ids = files.map((file, i) => [file.sha256, file.md5, file.sha1][i % 3]!);
link.send({ url: running.url, apikey, ids } satisfies EmulatorServerDetails);
