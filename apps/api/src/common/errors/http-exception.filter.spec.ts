import { type ArgumentsHost, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ErrorBody, HttpExceptionFilter } from './http-exception.filter';

/** What the filter answers for an exception. */
function answer(exception: unknown): { status: number; body: ErrorBody } {
  const sent: { status: number; body: ErrorBody } = { status: 0, body: {} as ErrorBody };
  const response = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: ErrorBody) {
      sent.body = body;
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new HttpExceptionFilter().catch(exception, host);
  return sent;
}

const databaseError = (code: string) => new QueryFailedError('INSERT …', [], Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code }));

describe('HttpExceptionFilter', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('answers 400 to text PostgreSQL cannot store (22021 invalid byte sequence, 22P05 untranslatable character), not 500', () => {
    for (const code of ['22021', '22P05']) {
      const { status, body } = answer(databaseError(code));
      expect(status).toBe(400);
      expect(body).toMatchObject({ error: 'BadRequest', details: [{ path: '', code: 'unstorable_character' }] });
    }
  });

  it('still answers 500 to other database failures', () => {
    expect(answer(databaseError('57014')).status).toBe(500);
  });
});
