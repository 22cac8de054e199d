import { type ArgumentsHost, Logger, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { beforeAll, describe, expect, it } from 'vitest';
import { issue } from '@carescore/engine';
import { DomainError } from './domain-error';
import { type ErrorBody, HttpExceptionFilter } from './http-exception.filter';

/** What the filter answers for an exception. */
function answer(exception: unknown, acceptLanguage?: string): { status: number; body: ErrorBody } {
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
  const request = { headers: acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage } };
  const host = { switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }) } as unknown as ArgumentsHost;
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

  it('answers in the language of Accept-Language, details with an engine code too', () => {
    const closed = new QueryFailedError('INSERT …', [], Object.assign(new Error('closed'), { code: 'CS409', detail: '2026-Q1' }));
    expect(answer(closed, 'zh-CN,zh;q=0.9').body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: '考核周期 2026-Q1 已封账：其事实数据、绑定、运行和确认不再变更；管理员可以重新开放它',
      details: [{ path: 'period', message: '2026-Q1 已封账', code: 'period_closed' }],
    });
    expect(answer(closed, 'en-GB').body.details).toEqual([{ path: 'period', message: '2026-Q1 is closed', code: 'period_closed' }]);
    const invalid = new DomainError('InvalidDocument', 'the document is invalid', [issue('dimensions', 'weights.sum', { level: 'dimensions', sum: 107 })]);
    expect(answer(invalid, 'zh').body.details).toEqual([{ path: 'dimensions', message: '顶层维度的权重之和必须为 100，当前为 107', code: 'weights.sum', params: { level: 'dimensions', sum: 107 } }]);
    expect(answer(invalid).body.details[0].message).toBe('weights of the top-level dimensions must sum to 100, they sum to 107');
  });

  it('answers Nest’s 404 for a route it does not have in the reader’s language', () => {
    const missing = new NotFoundException('Cannot GET /api/nope?x=1');
    expect(answer(missing, 'zh-CN').body).toEqual({ statusCode: 404, error: 'NotFound', message: '没有这个接口：GET /api/nope?x=1', details: [] });
    expect(answer(missing, 'en').body).toEqual({ statusCode: 404, error: 'NotFound', message: 'Cannot GET /api/nope?x=1', details: [] });
    expect(answer(new NotFoundException('something else'), 'zh').body.message).toBe('something else');
  });

  it('still answers 500 to other database failures', () => {
    expect(answer(databaseError('57014')).status).toBe(500);
  });
});
