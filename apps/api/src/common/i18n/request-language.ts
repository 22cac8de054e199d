import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { type MessageLanguage, messageLanguage } from '@carescore/engine';

/**
 * The language of the request being answered, chosen once from its `Accept-Language` (zh… → Chinese, anything else
 * → English). The middleware below holds it for the request's whole handling, so `msg()` anywhere in a service
 * answers in it; outside a request (the worker, the CLI, tests of services) messages are English.
 */
const storage = new AsyncLocalStorage<MessageLanguage>();

export function languageOfRequest(request: Pick<Request, 'headers'> | undefined): MessageLanguage {
  const header = request?.headers?.['accept-language'];
  return messageLanguage(Array.isArray(header) ? header[0] : header);
}

export function currentLanguage(): MessageLanguage {
  return storage.getStore() ?? 'en';
}

export function runInLanguage<T>(language: MessageLanguage, work: () => T): T {
  return storage.run(language, work);
}

/**
 * Express middleware: the rest of the request runs in its language. Mounted after the body parsers, whose stream
 * callbacks would otherwise lose the context; what fails before it (a malformed body) the exception filter still
 * answers in the request's language, from the same header.
 */
export function requestLanguage(request: Request, _response: Response, next: NextFunction): void {
  runInLanguage(languageOfRequest(request), next);
}
