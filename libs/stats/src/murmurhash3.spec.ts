import { describe, expect, it } from 'vitest';
import { murmurHash3x86_32, murmurHash3x86_32String } from './murmurhash3';

// Test vectors for MurmurHash3_x86_32 derived from SMHasher's verification code, as published
// by Ian Boyd in "MurmurHash3 test vectors", https://stackoverflow.com/a/31929528.
describe('murmurHash3x86_32', () => {
  const bytes: [input: number[], seed: number, expected: number][] = [
    [[], 0, 0],
    [[], 1, 0x514e28b7],
    [[], 0xffffffff, 0x81f16f39],
    [[0xff, 0xff, 0xff, 0xff], 0, 0x76293b50],
    [[0x21, 0x43, 0x65, 0x87], 0, 0xf55b516b],
    [[0x21, 0x43, 0x65, 0x87], 0x5082edee, 0x2362f9de],
    [[0x21, 0x43, 0x65], 0, 0x7e4a8634],
    [[0x21, 0x43], 0, 0xa0f7b07a],
    [[0x21], 0, 0x72661cf4],
    [[0, 0, 0, 0], 0, 0x2362f9de],
    [[0, 0, 0], 0, 0x85f0b427],
    [[0, 0], 0, 0x30f4c306],
    [[0], 0, 0x514e28b7],
  ];

  it.each(bytes)('bytes %j with seed %s', (input, seed, expected) => {
    expect(murmurHash3x86_32(Uint8Array.from(input), seed)).toBe(expected);
  });

  const strings: [input: string, seed: number, expected: number][] = [
    ['', 0, 0],
    ['aaaa', 0x9747b28c, 0x5a97808a],
    ['aaa', 0x9747b28c, 0x283e0130],
    ['aa', 0x9747b28c, 0x5d211726],
    ['a', 0x9747b28c, 0x7fa09ea6],
    ['abcd', 0x9747b28c, 0xf0478627],
    ['abc', 0x9747b28c, 0xc84a62dd],
    ['ab', 0x9747b28c, 0x74875592],
    ['Hello, world!', 0x9747b28c, 0x24884cba],
    ['ππππππππ', 0x9747b28c, 0xd58063c1], // UTF-8: two bytes per π
    ['a'.repeat(256), 0x9747b28c, 0x37405bdc],
    ['abc', 0, 0xb3dd93fa],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', 0, 0xee925b90],
    ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
  ];

  it.each(strings)('string %j with seed %s', (input, seed, expected) => {
    expect(murmurHash3x86_32String(input, seed)).toBe(expected);
  });
});
