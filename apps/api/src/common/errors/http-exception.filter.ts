import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ZodValidationException } from 'nestjs-zod';
import { QueryFailedError } from 'typeorm';
import { ZodError } from 'zod';
import { localizeIssue, type ValidationIssue, zodIssuesToValidationIssues } from '@carescore/engine';
import { API_SCHEMA_DETAIL_ZH, msg } from '../i18n/messages';
import { currentLanguage, languageOfRequest, runInLanguage } from '../i18n/request-language';
import { DomainError, type DomainErrorCode } from './domain-error';

const STATUS: Record<DomainErrorCode, number> = {
  BadRequest: HttpStatus.BAD_REQUEST,
  Unauthenticated: HttpStatus.UNAUTHORIZED,
  Forbidden: HttpStatus.FORBIDDEN,
  NotFound: HttpStatus.NOT_FOUND,
  Conflict: HttpStatus.CONFLICT,
  InvalidDocument: HttpStatus.UNPROCESSABLE_ENTITY,
  Unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  PayloadTooLarge: HttpStatus.PAYLOAD_TOO_LARGE,
  TooManyRequests: HttpStatus.TOO_MANY_REQUESTS,
  ServiceUnavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details: ValidationIssue[];
}

/**
 * A detail as the reader gets it. An engine issue (catalog code and params, as the engine made it) is rendered in the
 * request's language; one a service already worded (an import row, with its column prefix) carries no params and is
 * left as it is. The params of zod's shape issues serve that rendering only and are not sent: such a detail is
 * `{path, message, code}`.
 */
function localizedDetail(detail: ValidationIssue): ValidationIssue {
  if (detail.params === undefined) return detail;
  const language = currentLanguage();
  const localized = localizeIssue(detail, language);
  if (!detail.code?.startsWith('schema.')) return localized;
  const { params, ...shown } = localized;
  const own = language === 'zh' ? API_SCHEMA_DETAIL_ZH[String(params?.detail)] : undefined;
  return own === undefined ? shown : { ...shown, message: own };
}

/**
 * The one place errors become HTTP: `{statusCode, error, message, details: [{path, message, code?, params?]}`, never a
 * stack trace. Answers in the request's language (Accept-Language): its own messages through the API catalog, and
 * details with an engine code rendered from the engine's catalog; services' messages came through msg() already.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const language = languageOfRequest(http.getRequest<Request | undefined>());
    const body = runInLanguage(language, () => {
      const answer = this.toBody(exception);
      return { ...answer, details: answer.details.map(localizedDetail) };
    });
    if (exception instanceof DomainError && exception.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(Math.max(1, Math.ceil(exception.retryAfterSeconds))));
    if (body.statusCode >= 500 && !(exception instanceof DomainError)) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return { statusCode: STATUS[exception.code], error: exception.code, message: exception.message, details: exception.details };
    }
    if (exception instanceof ZodValidationException) {
      const zodError = exception.getZodError();
      const details = zodError instanceof ZodError ? zodIssuesToValidationIssues(zodError) : [];
      return { statusCode: 400, error: 'BadRequest', message: msg('request.invalid'), details };
    }
    if (exception instanceof ZodError) {
      return { statusCode: 400, error: 'BadRequest', message: msg('request.invalid'), details: zodIssuesToValidationIssues(exception) };
    }
    if (exception instanceof QueryFailedError) return this.fromDatabase(exception);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? exception.message);
      // Nest's own answer to a route it does not have ("Cannot GET /api/nope"), in the reader's language.
      const noRoute = exception instanceof NotFoundException ? /^Cannot ([A-Z]+) (.*)$/s.exec(message) : null;
      if (noRoute) return { statusCode: 404, error: 'NotFound', message: msg('request.no_route', { method: noRoute[1], path: noRoute[2] }), details: [] };
      return { statusCode: status, error: exception.name.replace(/Exception$/, ''), message, details: [] };
    }
    const bodyParser = this.fromBodyParser(exception);
    if (bodyParser) return bodyParser;
    return { statusCode: 500, error: 'InternalServerError', message: msg('server.error'), details: [] };
  }

  /** express/body-parser errors: malformed JSON (400), oversize body (413), bad encoding. */
  private fromBodyParser(exception: unknown): ErrorBody | null {
    if (!(exception instanceof Error)) return null;
    const status = (exception as { status?: unknown; type?: unknown }).status;
    const type = (exception as { type?: unknown }).type;
    if (typeof status !== 'number' || typeof type !== 'string' || status < 400 || status >= 500) return null;
    if (type === 'entity.too.large') return { statusCode: 413, error: 'PayloadTooLarge', message: msg('request.body_too_large'), details: [] };
    if (type === 'entity.parse.failed') return { statusCode: 400, error: 'BadRequest', message: msg('request.malformed_json', { detail: exception.message }), details: [{ path: '', message: exception.message }] };
    return { statusCode: status, error: 'BadRequest', message: exception.message, details: [] };
  }

  private fromDatabase(exception: QueryFailedError): ErrorBody {
    const code = (exception.driverError as { code?: string } | undefined)?.code;
    // A write to a closed period, refused by the period triggers (migration PeriodCycle) whichever path made it.
    if (code === 'CS409') {
      const period = (exception.driverError as { detail?: string }).detail ?? '';
      return { statusCode: 409, error: 'Conflict', message: msg('periods.closed_by_database', { period }), details: [{ path: 'period', message: msg('periods.is_closed', { period }), code: 'period_closed' }] };
    }
    // Constraint violations that slipped past service checks are conflicts or bad references, not crashes.
    if (code === '23505') return { statusCode: 409, error: 'Conflict', message: msg('database.duplicate'), details: [] };
    if (code === '23503') return { statusCode: 422, error: 'Unprocessable', message: msg('database.bad_reference'), details: [] };
    if (code === '22P02' || code === '23514') return { statusCode: 400, error: 'BadRequest', message: msg('database.invalid_value'), details: [] };
    // Text PostgreSQL cannot store (a NUL, an invalid byte sequence): the request interceptor names NULs first; this is the backstop.
    if (code === '22021' || code === '22P05') {
      return { statusCode: 400, error: 'BadRequest', message: msg('database.unstorable'), details: [{ path: '', message: msg('database.unstorable.detail'), code: 'unstorable_character' }] };
    }
    this.logger.error(exception.message);
    return { statusCode: 500, error: 'InternalServerError', message: msg('server.error'), details: [] };
  }
}
