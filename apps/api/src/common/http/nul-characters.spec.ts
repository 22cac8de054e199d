import { describe, expect, it } from 'vitest';
import { findNulCharacter, nulInRequest } from './nul-characters';

describe('findNulCharacter', () => {
  it('names the first NUL by its path, as zod paths are written', () => {
    expect(findNulCharacter([{ inputs: { a: 1 } }, { staffCode: 'S1', inputs: { name: 'x\u0000' } }])).toEqual({
      path: '[1].inputs.name',
      message: 'contains a NUL character (U+0000); text may not contain it',
      code: 'nul_character',
    });
    expect(findNulCharacter({ name: 'ok', tags: ['a', 'b\u0000', 'c\u0000'] })?.path).toBe('tags[1]');
    expect(findNulCharacter('\u0000')?.path).toBe('');
  });

  it('finds a NUL in an object key, reported at the object', () => {
    expect(findNulCharacter({ inputs: { 'a\u0000': 1 } })).toMatchObject({ path: 'inputs', message: expect.stringContaining('key') });
  });

  it('gives the line and column of a NUL in a multi-line text', () => {
    expect(findNulCharacter('code,name\r\nS1,Ann\r\nS2,B\u0000b\r\n')?.message).toBe('contains a NUL character (U+0000) at line 3, column 5; text may not contain it');
  });

  it('passes everything else, including numbers, booleans, null and buffers', () => {
    expect(findNulCharacter({ a: 1, b: true, c: null, d: ['x', { e: 'y' }], f: Buffer.from([0]) })).toBeNull();
  });

  it('walks any nesting depth without overflowing the stack', () => {
    let deep: unknown = 'end\u0000';
    for (let level = 0; level < 200_000; level += 1) deep = [deep];
    expect(findNulCharacter(deep)?.path).toBe('[0]'.repeat(200_000));
  });
});

describe('nulInRequest', () => {
  it('checks route parameters, then the query (filter, sort and range by their JSON paths), then the body', () => {
    const clean = { params: { id: 'x' }, query: { filter: '{"q":"a"}' }, body: { name: 'n' } };
    expect(nulInRequest(clean)).toBeNull();
    expect(nulInRequest({ ...clean, params: { id: '\u0000' } })?.path).toBe('id');
    expect(nulInRequest({ ...clean, query: { filter: JSON.stringify({ q: 'a\u0000' }) } })?.path).toBe('filter.q');
    expect(nulInRequest({ ...clean, query: { sort: JSON.stringify(['na\u0000me', 'ASC']) } })?.path).toBe('sort[0]');
    expect(nulInRequest({ ...clean, query: { filter: '{"q":"a\u0000' } })?.path).toBe('filter');
    expect(nulInRequest({ ...clean, query: { period: ['2026-03', '2026\u0000'] } })?.path).toBe('period[1]');
    expect(nulInRequest({ ...clean, body: { name: 'n\u0000' } })?.path).toBe('name');
  });
});
