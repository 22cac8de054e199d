import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from '../errors/domain-error';
import { parseUpdateBody, withoutReadOnlyFields } from './zod';

const ref = z.strictObject({ documentId: z.string(), version: z.number() });
const update = z.strictObject({ name: z.string().optional(), champion: ref.optional(), unit: z.enum(['staff', 'team']).optional() });
const record = z.object({
  id: z.string(),
  name: z.string(),
  champion: z.object({ documentId: z.string(), documentKey: z.string(), version: z.number() }),
  unit: z.enum(['staff', 'team']).nullable(),
  createdAt: z.string(),
});
const sent = { id: 'a', name: 'x', champion: { documentId: 'd', documentKey: 'hm', version: 2 }, unit: null, createdAt: '2026-01-01' };

describe('withoutReadOnlyFields', () => {
  it('drops what the record shows but the update does not take, in nested objects too, and a null meaning "not set"', () => {
    expect(withoutReadOnlyFields(sent, update, record)).toEqual({ name: 'x', champion: { documentId: 'd', version: 2 } });
  });

  it('keeps fields unknown to both, for the update schema to refuse', () => {
    expect(withoutReadOnlyFields({ colour: 'red' }, update, record)).toEqual({ colour: 'red' });
  });
});

describe('parseUpdateBody', () => {
  it('takes the record sent back with its own id', () => {
    expect(parseUpdateBody(update, record, sent, 'a')).toEqual({ name: 'x', champion: { documentId: 'd', version: 2 } });
  });

  it('refuses another id on path id, with a code', () => {
    const error = (() => {
      try {
        parseUpdateBody(update, record, sent, 'b');
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).details).toEqual([{ path: 'id', message: 'must be the id in the URL (b) or left out', code: 'id_mismatch' }]);
  });

  it('holds a partial update (no id) to the update schema alone', () => {
    expect(() => parseUpdateBody(update, record, { createdAt: '2026-01-01' }, 'a')).toThrow(DomainError);
    expect(parseUpdateBody(update, record, { name: 'y' }, 'a')).toEqual({ name: 'y' });
  });
});
