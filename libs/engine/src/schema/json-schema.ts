import { z } from 'zod';
import { schemeDocumentSchema } from './scheme.schema';
import { surveyDocumentSchema } from './survey.schema';
import { workflowDocumentSchema } from './workflow.schema';

/**
 * JSON Schemas generated from the zod schemas (the single source of truth), for editors
 * (yaml-language-server), the console's raw editor and OpenAPI. They describe shape only;
 * the semantic checks (weights, references, formulas) live in the validators.
 */
export function schemeJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(schemeDocumentSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://carescore.dev/schemas/scheme.schema.json',
    title: 'CareScore scheme',
  };
}

export function workflowJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(workflowDocumentSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://carescore.dev/schemas/workflow.schema.json',
    title: 'CareScore workflow',
  };
}

export function surveyJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(surveyDocumentSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://carescore.dev/schemas/survey.schema.json',
    title: 'CareScore survey',
  };
}

/** The files `npm run schemas` writes to rule-templates/schema/, by file name. */
export function jsonSchemaFiles(): Record<string, Record<string, unknown>> {
  return { 'scheme.schema.json': schemeJsonSchema(), 'workflow.schema.json': workflowJsonSchema(), 'survey.schema.json': surveyJsonSchema() };
}
