// Obviously fake secrets for the scanner's tests: a "key" is the SHA-256 of a
// label (the shape of a VT key, reference §1), tokens come from the real
// generators with a seeded byte source. Never a real key.
import { createHash } from 'node:crypto';
import { generateAdminToken } from '../../admin/admin-token.ts';
import { generateToken } from '../../tokens/token.ts';

export const fakeKey = (label: string): string =>
  createHash('sha256').update(`fake vt key: ${label}`).digest('hex');

export const fakeHash = (label: string): string =>
  createHash('sha256').update(`sample: ${label}`).digest('hex');

function seededBytes(seed: string): (size: number) => Uint8Array {
  let counter = 0;
  return (size) => {
    const out = new Uint8Array(size);
    for (let i = 0; i < size; i += 32) {
      const block = createHash('sha256').update(`${seed}:${counter++}`).digest();
      out.set(block.subarray(0, Math.min(32, size - i)), i);
    }
    return out;
  };
}

export const fakeBrokerToken = (seed: string): string => generateToken(seededBytes(seed)).token;
export const fakeAdminToken = (seed: string): string => generateAdminToken(seededBytes(seed)).token;
