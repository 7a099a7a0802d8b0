import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VtError } from '../errors.ts';
import { resolveUploadSource, type UploadSource } from './upload-source.ts';

const read = async (source: UploadSource): Promise<Buffer[]> => {
  const out: Buffer[] = [];
  for await (const chunk of source.open()) out.push(Buffer.from(chunk));
  return out;
};

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vtb-upload-source-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('upload sources', () => {
  it('reads bytes again and again, in 1 MiB slices without copying', async () => {
    const bytes = Buffer.alloc(2.5 * 1024 * 1024, 7);
    const source = await resolveUploadSource(bytes, {});
    expect(source).toMatchObject({ name: 'file', size: bytes.length, replayable: true });
    const slices = await read(source);
    expect(slices.map((s) => s.length)).toEqual([1048576, 1048576, 524288]);
    expect(Buffer.concat(await read(source)).equals(bytes)).toBe(true);
  });

  it('reopens a path on every read and names it after the file', async () => {
    const path = join(dir, 'sample.exe');
    await writeFile(path, 'MZ…');
    const source = await resolveUploadSource({ path }, {});
    expect(source).toMatchObject({ name: 'sample.exe', size: 5, replayable: true });
    expect(Buffer.concat(await read(source)).toString()).toBe('MZ…');
    expect(Buffer.concat(await read(source)).toString()).toBe('MZ…');
  });

  it('says when a path cannot be uploaded', async () => {
    await expect(resolveUploadSource({ path: join(dir, 'nope') }, {})).rejects.toThrow(
      /cannot be read/,
    );
    await expect(resolveUploadSource({ path: dir }, {})).rejects.toThrow(/not a regular file/);
  });

  it('reads a stream once only, with an unknown size unless told', async () => {
    const source = await resolveUploadSource(Readable.from([Buffer.from('once')]), {
      name: 'x.bin',
    });
    expect(source).toMatchObject({ name: 'x.bin', size: undefined, replayable: false });
    expect(Buffer.concat(await read(source)).toString()).toBe('once');
    expect(() => source.open()).toThrow(VtError);
    const sized = await resolveUploadSource(new Response('web').body ?? new ReadableStream(), {
      size: 3,
    });
    expect(sized.size).toBe(3);
  });
});
