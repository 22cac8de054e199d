import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { jsonSchemaFiles } from '../src/schema/json-schema';

// Regenerates the JSON Schema files editors use (see rule-templates/*.yaml's first line).
const target = resolve(__dirname, '../../../rule-templates/schema');
for (const [name, schema] of Object.entries(jsonSchemaFiles())) {
  writeFileSync(resolve(target, name), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote rule-templates/schema/${name}`);
}
