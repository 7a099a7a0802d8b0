import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { describe, expect, it } from 'vitest';
import { hashContent } from '../corpus/hashes.ts';
import type { EmuRequest } from '../http/types.ts';
import { readFormFields } from './form-fields.ts';
import { multipartBody, type MultipartPart } from './multipart-body.ts';
import { FileTooLargeError, receiveUpload } from './multipart-upload.ts';

function requestOf(parts: MultipartPart[]): EmuRequest {
  const { contentType, stream } = multipartBody(parts);
  return rawRequest(contentType, Readable.fromWeb(stream as NodeReadableStream<Uint8Array>));
}

function rawRequest(contentType: string, body: Readable): EmuRequest {
  return {
    method: 'POST',
    path: '/api/v3/files',
    query: new URLSearchParams(),
    headers: { 'content-type': contentType },
    origin: 'http://emulator.test',
    url: '/api/v3/files',
    body,
  };
}

const limits = { maxBytes: 1000, retainBytesMax: 100, tooLargeHint: 'Use the upload URL.' };

describe('receiveUpload', () => {
  it('hashes the file part and reads fields sent after it (as vt-go does)', async () => {
    const content = Buffer.from('hello, emulator');
    const got = await receiveUpload(
      requestOf([
        { name: 'file', filename: 'hello.txt', content },
        { name: 'password', content: 'infected' },
      ]),
      limits,
    );
    expect(got.hashes).toEqual(hashContent(content));
    expect(got.size).toBe(content.length);
    expect(got.filename).toBe('hello.txt');
    expect(got.fields).toEqual({ password: 'infected' });
    expect(got.content?.equals(content)).toBe(true);
  });

  it('keeps the bytes only up to retainBytesMax', async () => {
    const content = Buffer.alloc(500, 7);
    const got = await receiveUpload(
      requestOf([{ name: 'file', filename: 'a.bin', content }]),
      limits,
    );
    expect(got.hashes.sha256).toBe(hashContent(content).sha256);
    expect(got.size).toBe(500);
    expect(got.content).toBeUndefined();
  });

  it('rejects a file above maxBytes with 413 and a hint', async () => {
    const error = await receiveUpload(
      requestOf([{ name: 'file', filename: 'big', content: Buffer.alloc(1001) }]),
      limits,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileTooLargeError);
    expect(error).toMatchObject({ status: 413, code: 'BadRequestError' });
    expect((error as Error).message).toContain('Use the upload URL.');
  });

  it('answers 400 when there is no file part or the body is not multipart', async () => {
    await expect(
      receiveUpload(requestOf([{ name: 'url', content: 'x' }]), limits),
    ).rejects.toMatchObject({ status: 400, code: 'BadRequestError' });
    expect(() =>
      receiveUpload(rawRequest('application/json', Readable.from([Buffer.from('{}')])), limits),
    ).toThrow(/multipart\/form-data/);
  });

  it('answers 400 for a truncated multipart body', async () => {
    const body = Readable.from([
      Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nabc'),
    ]);
    await expect(
      receiveUpload(rawRequest('multipart/form-data; boundary=b', body), limits),
    ).rejects.toMatchObject({ status: 400 });
  });
});

describe('readFormFields', () => {
  it('reads urlencoded and multipart forms alike', async () => {
    const urlencoded = await readFormFields(
      rawRequest(
        'application/x-www-form-urlencoded',
        Readable.from([Buffer.from('url=https%3A%2F%2Fexample.com%2F')]),
      ),
    );
    expect(urlencoded.get('url')).toBe('https://example.com/');
    const multipart = await readFormFields(
      requestOf([{ name: 'url', content: 'https://example.com/' }]),
    );
    expect(multipart.get('url')).toBe('https://example.com/');
  });
});
