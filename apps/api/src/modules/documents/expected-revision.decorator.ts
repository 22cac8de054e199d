import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { zod } from '../../common/http/zod';
import { expectedRevision, revisionRequestSchema } from './documents.dto';

const revisionBody = zod(revisionRequestSchema);

/**
 * The revision the caller loaded, for actions whose body is only that revision (publish, retire,
 * discard, delete): from `If-Match` or the body's `revision`, which must agree. The body is
 * validated as strictly as `@Body(zod(revisionRequestSchema))` would.
 */
export const ExpectedRevision = createParamDecorator((_data: unknown, context: ExecutionContext): number => {
  const request = context.switchToHttp().getRequest<Request>();
  const body = revisionBody.transform(request.body);
  return expectedRevision(request.headers['if-match'], body.revision);
});
