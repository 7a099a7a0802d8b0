import { EICAR } from '@vtbroker/emulator';
import { describe, expect, it } from 'vitest';
import { VtForbiddenError, VtNotFoundError } from '../errors.ts';
import { emulated } from '../test-support/emulated.ts';

const paths = (e: ReturnType<typeof emulated>): string[] =>
  e.emu.requests.entries().map((r) => `${r.method} ${r.path}${r.query ? `?${r.query}` : ''}`);

describe('client.files', () => {
  it('gets a file by md5, sha1 or sha256, always answering the sha256', async () => {
    const e = emulated();
    const files = e.client().files;
    for (const hash of [EICAR.md5, EICAR.sha1, EICAR.sha256]) {
      const file = await files.get(hash);
      expect(file.type).toBe('file');
      expect(file.id).toBe(EICAR.sha256);
      expect(file.attributes.md5).toBe(EICAR.md5);
      expect(file.attributes.size).toBe(68);
      expect(file.attributes.last_analysis_stats.malicious).toBeGreaterThan(50);
      expect(file.attributes.last_analysis_stats['type-unsupported']).toBeTypeOf('number');
    }
  });

  it('embeds relationships and sends x-tool when asked', async () => {
    const e = emulated();
    const tools: (string | null)[] = [];
    const client = e.client({
      fetch: (input, init) => {
        tools.push(new Headers(init?.headers).get('x-tool'));
        return e.emu.fetch(input, init);
      },
    });
    const file = await client.files.get(EICAR.md5, {
      relationships: ['similar_files', 'comments'],
      tool: 'my-tool',
    });
    await client.files.get(EICAR.md5);
    expect(tools).toEqual(['my-tool', null]);
    expect(Object.keys(file.relationships ?? {})).toEqual(['similar_files', 'comments']);
    const similar = file.relationships?.['similar_files'];
    expect(Array.isArray(similar?.data) && similar.data.length).toBe(10);
    expect(similar?.meta?.cursor).toBeDefined();
    expect(paths(e)).toEqual([
      `GET /api/v3/files/${EICAR.md5}?relationships=similar_files%2Ccomments`,
      `GET /api/v3/files/${EICAR.md5}`,
    ]);
  });

  it('throws VtNotFoundError for an unknown hash', async () => {
    const e = emulated();
    await expect(e.client().files.get('0'.repeat(64))).rejects.toBeInstanceOf(VtNotFoundError);
  });

  it('pages full related objects over four pages and resumes from collection.cursor', async () => {
    const e = emulated();
    const files = e.client().files;
    const similar = files.related(EICAR.sha256, 'similar_files', { batchSize: 10 });
    const firstPage = await similar;
    expect(firstPage.data).toHaveLength(10);
    const seen: string[] = [];
    for await (const item of similar) {
      expect(item.type).toBe('file');
      seen.push(item.id);
      if (seen.length === 15) break;
    }
    const rest = files.related(EICAR.sha256, 'similar_files', {
      batchSize: 10,
      ...(similar.cursor === undefined ? {} : { cursor: similar.cursor }),
    });
    for await (const item of rest) seen.push(item.id);
    expect(seen).toHaveLength(36);
    expect(new Set(seen).size).toBe(36);
    const queries = e.emu.requests.entries().map((r) => new URLSearchParams(r.query));
    expect(queries.every((q) => q.get('limit') === '10')).toBe(true);
    const cursors = queries.map((q) => q.get('cursor'));
    // The walk reuses the awaited first page and reads page 2; the resumed walk
    // re-reads page 2 (skipping the 5 items already seen), then pages 3 and 4.
    expect(cursors).toHaveLength(5);
    expect(cursors[0]).toBeNull();
    expect(cursors[2]).toBe(cursors[1]);
    expect(new Set(cursors.slice(1)).size).toBe(3);
  });

  it('tells full objects, per-item errors and descriptors apart', async () => {
    const e = emulated();
    const exe = e.emu.corpus.files().find((f) => f.attributes()['type_tag'] === 'peexe');
    if (!exe) throw new Error('no peexe file in the corpus');
    const files = e.client().files;
    const full = await files.related(exe.id, 'execution_parents').toArray({ limit: 10 });
    const [missing] = full;
    expect(missing?.error?.code).toBe('NotFoundError');
    expect(missing?.attributes).toBeUndefined();
    const descriptors = await files
      .relationship(exe.id, 'execution_parents')
      .toArray({ limit: 10 });
    expect(descriptors.map((d) => d.id)).toEqual(full.map((f) => f.id));
    expect(descriptors.every((d) => !('attributes' in d) && !('error' in d))).toBe(true);
    for (const item of full) {
      if (item.error) continue;
      expect(item.attributes.sha256).toBe(item.id);
    }
  });

  it('answers VtForbiddenError to a public key on VT Enterprise relationships', async () => {
    const e = emulated();
    const files = e.client({ apiKey: e.publicKey }).files;
    await expect(files.related(EICAR.sha256, 'similar_files')).rejects.toBeInstanceOf(
      VtForbiddenError,
    );
    await expect(
      files.relationship(EICAR.sha256, 'similar_files').firstPage(),
    ).rejects.toBeInstanceOf(VtForbiddenError);
  });

  it('lists sandbox reports and the merged summary', async () => {
    const e = emulated();
    const files = e.client().files;
    const reports = await files.behaviours(EICAR.md5).toArray({ limit: 20 });
    expect(reports.length).toBeGreaterThan(0);
    for (const report of reports) {
      expect(report.type).toBe('file_behaviour');
      expect(report.id).toBe(`${EICAR.sha256}_${report.attributes.sandbox_name}`);
    }
    const summary = await files.behaviourSummary(EICAR.md5);
    expect(summary.modules_loaded).toContain('kernel32.dll');
    expect(summary).not.toHaveProperty('sandbox_name');
  });

  it('adds and lists comments and votes', async () => {
    const e = emulated();
    const files = e.client().files;
    const comment = await files.addComment(EICAR.sha256, 'Seen at the mail gateway #eicar');
    expect(comment.type).toBe('comment');
    expect(comment.id).toMatch(new RegExp(`^f-${EICAR.sha256}-[0-9a-f]{8}$`));
    expect(comment.attributes.tags).toContain('eicar');
    const comments = await files.comments(EICAR.sha256).toArray({ limit: 100 });
    expect(comments.map((c) => c.id)).toContain(comment.id);

    const before = (await files.get(EICAR.sha256)).attributes.total_votes.malicious;
    const vote = await files.addVote(EICAR.sha256, 'malicious');
    expect([vote.type, vote.attributes.verdict]).toEqual(['vote', 'malicious']);
    expect((await files.votes(EICAR.sha256)).data.map((v) => v.id)).toContain(vote.id);
    expect((await files.get(EICAR.sha256)).attributes.total_votes.malicious).toBe(before + 1);
  });

  it('asks for a re-analysis with an empty POST and returns the analysis descriptor', async () => {
    const e = emulated();
    const analysis = await e.client().files.analyse(EICAR.md5);
    expect(analysis.type).toBe('analysis');
    expect(Buffer.from(analysis.id, 'base64').toString()).toMatch(
      new RegExp(`^${EICAR.md5}:\\d+$`),
    );
    expect(paths(e)).toEqual([`POST /api/v3/files/${EICAR.md5}/analyse`]);
  });
});
