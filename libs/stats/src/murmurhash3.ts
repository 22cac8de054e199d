const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/**
 * MurmurHash3 x86_32 (Austin Appleby, public domain; reference: smhasher/src/MurmurHash3.cpp)
 * of the given bytes, as an unsigned 32-bit integer. Bytes are read as little-endian blocks
 * whatever the platform, so the hash is the same everywhere.
 */
export function murmurHash3x86_32(bytes: Uint8Array, seed = 0): number {
  const length = bytes.length;
  const blockEnd = length - (length % 4);
  let h = seed | 0;
  for (let i = 0; i < blockEnd; i += 4) {
    const k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    h ^= scramble(k);
    h = rotateLeft(h, 13);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const remaining = length - blockEnd;
  if (remaining > 0) {
    let k = bytes[blockEnd];
    if (remaining > 1) k |= bytes[blockEnd + 1] << 8;
    if (remaining > 2) k |= bytes[blockEnd + 2] << 16;
    h ^= scramble(k);
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const utf8 = new TextEncoder();

/** MurmurHash3 x86_32 of a string's UTF-8 bytes. */
export function murmurHash3x86_32String(text: string, seed = 0): number {
  return murmurHash3x86_32(utf8.encode(text), seed);
}

function scramble(k: number): number {
  return Math.imul(rotateLeft(Math.imul(k, C1), 15), C2);
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}
