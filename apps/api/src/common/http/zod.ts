import { applyDecorators, createParamDecorator, type ExecutionContext, type PipeTransform } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBody, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { zodIssuesToValidationIssues } from '@carescore/engine';
import { badRequest } from '../errors/domain-error';
import { msg } from '../i18n/messages';

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
    if (!result.success) throw badRequest(msg('request.invalid'), zodIssuesToValidationIssues(result.error, this.prefix));
    return result.data;
  }
}

export const zod = <T extends z.ZodType>(schema: T, prefix = '') => new ZodPipe(schema, prefix);

export const ID_MISMATCH_CODE = 'id_mismatch';

type Shape = Record<string, z.ZodType>;

/** The fields of an object schema, looking through preprocess/pipe, optional, nullable and default wrappers; null for anything else. */
function shapeOf(schema: z.ZodType): Shape | null {
  const def = (schema as unknown as { _zod: { def: { type: string; shape?: Shape; out?: z.ZodType; innerType?: z.ZodType } } })._zod.def;
  if (def.type === 'object' && def.shape) return def.shape;
  if (def.type === 'pipe' && def.out) return shapeOf(def.out);
  if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType) return shapeOf(def.innerType);
  return null;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A record as its GET returns it, made into the update it means: the fields the record shows but
 * the update does not take (id, createdAt, updatedAt, names joined in, counts…) are dropped, in
 * nested objects too, and a null the record shows for "not set" where the update takes only
 * absence becomes absent. Fields the update takes are left for its schema to judge.
 */
export function withoutReadOnlyFields(body: Record<string, unknown>, update: z.ZodType, record: z.ZodType): Record<string, unknown> {
  const updateShape = shapeOf(update);
  const recordShape = shapeOf(record);
  if (!updateShape || !recordShape) return body;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const writable = updateShape[key];
    const shown = recordShape[key];
    if (!writable) {
      if (!shown) kept[key] = value; // unknown to both: the update's schema reports it
      continue;
    }
    if (!shown) {
      kept[key] = value;
      continue;
    }
    if (value === null && !writable.safeParse(null).success && writable.safeParse(undefined).success) continue;
    kept[key] = isPlainObject(value) ? withoutReadOnlyFields(value, writable, shown) : value;
  }
  return kept;
}

/**
 * The body of a PUT/PATCH of `:id`, validated by `update`. A body carrying the record's `id` is
 * the whole record sent back (react-admin's ra-data-simple-rest does that): its read-only fields,
 * as `record` (the response schema of the GET) shows them, are ignored. Without an `id` it is a
 * partial update, held to `update` alone, so a field that cannot change is still refused. An `id`
 * other than the URL's is 400.
 */
export function parseUpdateBody<T extends z.ZodType>(update: T, record: z.ZodType, body: unknown, urlId: string | undefined): z.infer<T> {
  let value = body;
  if (isPlainObject(body) && body.id !== undefined) {
    if (body.id !== urlId) {
      throw badRequest(msg('request.id_mismatch'), [{ path: 'id', message: msg('request.id_mismatch.detail', { id: urlId ?? '' }), code: ID_MISMATCH_CODE }]);
    }
    value = withoutReadOnlyFields(body, update, record);
  }
  return zod(update).transform(value);
}

const updateBodyParam = createParamDecorator((spec: { update: z.ZodType; record: z.ZodType }, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<Request>();
  const id = request.params?.id;
  return parseUpdateBody(spec.update, spec.record, request.body, typeof id === 'string' ? id : undefined);
});

/** `@UpdateBody(updateStaffSchema, staffResponseSchema)`: see parseUpdateBody. */
export const UpdateBody = (update: z.ZodType, record: z.ZodType) => updateBodyParam({ update, record });

/** JSON Schema for OpenAPI, generated from the zod schema (the single source of truth). */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;
  return json;
}

export const ApiZodBody = (schema: z.ZodType, description?: string) => ApiBody({ schema: openApiSchema(schema), description });

export const ApiZodResponse = (status: number, schema: z.ZodType, description = 'OK') =>
  applyDecorators(ApiResponse({ status, description, schema: openApiSchema(schema, 'output') }));
