import { applyDecorators, type PipeTransform } from '@nestjs/common';
import { ApiBody, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { zodIssuesToValidationIssues } from '@carescore/engine';
import { badRequest } from '../errors/domain-error';

/**
 * Validates a request part with an explicit zod schema: `@Body(zod(createStaffSchema))`.
 * Explicit rather than inferred from parameter types, so validation never silently depends on
 * decorator metadata being emitted.
 */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(
    private readonly schema: T,
    private readonly prefix = '',
  ) {}

  transform(value: unknown): z.infer<T> {
    const result = this.schema.safeParse(value);
    if (!result.success) throw badRequest('the request is invalid', zodIssuesToValidationIssues(result.error, this.prefix));
    return result.data;
  }
}

export const zod = <T extends z.ZodType>(schema: T, prefix = '') => new ZodPipe(schema, prefix);

/** JSON Schema for OpenAPI, generated from the zod schema (the single source of truth). */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;
  return json;
}

export const ApiZodBody = (schema: z.ZodType, description?: string) => ApiBody({ schema: openApiSchema(schema), description });

export const ApiZodResponse = (status: number, schema: z.ZodType, description = 'OK') =>
  applyDecorators(ApiResponse({ status, description, schema: openApiSchema(schema, 'output') }));
