import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles, schemeJsonSchema } from './json-schema';

describe('JSON Schema export', () => {
  it('describes the scheme document', () => {
    const schema = schemeJsonSchema() as { type: string; required: string[]; properties: Record<string, unknown> };
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(expect.arrayContaining(['kind', 'key', 'period', 'indicators', 'dimensions']));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['inputs', 'indicators', 'dimensions', 'tiers', 'zones', 'hints']));
  });

  it('is committed up to date in rule-templates/schema (run `npm run schemas` after changing a zod schema)', () => {
    for (const [name, schema] of Object.entries(jsonSchemaFiles())) {
      const committed: unknown = JSON.parse(readFileSync(resolve(__dirname, '../../../../rule-templates/schema', name), 'utf8'));
      expect(committed).toEqual(schema);
    }
  });
});
