import type { ValidationIssue } from '@carescore/engine';

/** What went wrong, in domain words; the exception filter maps the code to an HTTP status. */
export type DomainErrorCode =
  | 'BadRequest'
  | 'Unauthenticated'
  | 'Forbidden'
  | 'NotFound'
  | 'Conflict'
  | 'InvalidDocument'
  | 'Unprocessable'
  | 'PayloadTooLarge'
  | 'TooManyRequests'
  | 'ServiceUnavailable';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: ValidationIssue[] = [],
    /** Sent as `Retry-After` (whole seconds) with a 429 or 503: when trying again may succeed. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = code;
  }
}

export const notFound = (what: string, id?: string) => new DomainError('NotFound', id === undefined ? `${what} not found` : `${what} ${id} not found`);
export const conflict = (message: string, details: ValidationIssue[] = []) => new DomainError('Conflict', message, details);
export const badRequest = (message: string, details: ValidationIssue[] = []) => new DomainError('BadRequest', message, details);
export const invalidDocument = (details: ValidationIssue[]) => new DomainError('InvalidDocument', 'the document is invalid', details);
export const unprocessable = (message: string, details: ValidationIssue[] = []) => new DomainError('Unprocessable', message, details);
export const payloadTooLarge = (message: string, details: ValidationIssue[] = []) => new DomainError('PayloadTooLarge', message, details);
export const forbidden = (message = 'your role may not do this') => new DomainError('Forbidden', message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) => new DomainError('TooManyRequests', message, [], retryAfterSeconds);
export const serviceUnavailable = (message: string, retryAfterSeconds: number) => new DomainError('ServiceUnavailable', message, [], retryAfterSeconds);
