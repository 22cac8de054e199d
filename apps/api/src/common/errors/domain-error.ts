import type { ValidationIssue } from '@carescore/engine';
import { msg } from '../i18n/messages';

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

/** `what` is a noun of the API catalog (staff, team, …), translated with the rest of the message. */
export const notFound = (what: string, id?: string) => new DomainError('NotFound', id === undefined ? msg('not_found', { what }) : msg('not_found.id', { what, id }));
export const conflict = (message: string, details: ValidationIssue[] = []) => new DomainError('Conflict', message, details);
export const badRequest = (message: string, details: ValidationIssue[] = []) => new DomainError('BadRequest', message, details);
export const invalidDocument = (details: ValidationIssue[]) => new DomainError('InvalidDocument', msg('document.invalid'), details);
export const unprocessable = (message: string, details: ValidationIssue[] = []) => new DomainError('Unprocessable', message, details);
export const payloadTooLarge = (message: string, details: ValidationIssue[] = []) => new DomainError('PayloadTooLarge', message, details);
export const forbidden = (message = msg('forbidden')) => new DomainError('Forbidden', message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) => new DomainError('TooManyRequests', message, [], retryAfterSeconds);
export const serviceUnavailable = (message: string, retryAfterSeconds: number) => new DomainError('ServiceUnavailable', message, [], retryAfterSeconds);
