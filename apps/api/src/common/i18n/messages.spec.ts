import { describe, expect, it } from 'vitest';
import { notFound } from '../errors/domain-error';
import { API_MESSAGE_KEYS, API_MESSAGES, API_NOUNS, API_SCHEMA_DETAIL_ZH, msg, msgIn } from './messages';
import { currentLanguage, languageOfRequest, runInLanguage } from './request-language';
import { renderStoredMessage, storeMessage } from './stored-message';

const PLACEHOLDER = /\{(\w+)\}/g;
const placeholders = (text: string) => [...text.matchAll(PLACEHOLDER)].map((match) => match[1]).sort();
const CHINESE = /[\u4e00-\u9fff]/;

describe('the API message catalog', () => {
  it('has an English and a Chinese text for every key, naming the same params', () => {
    expect(API_MESSAGE_KEYS.length).toBeGreaterThan(50);
    for (const key of API_MESSAGE_KEYS) {
      const { en, zh } = API_MESSAGES[key];
      if (typeof en === 'string' && typeof zh === 'string') {
        expect(en, key).not.toBe('');
        expect(zh, key).toMatch(CHINESE);
        expect(placeholders(zh), key).toEqual(placeholders(en));
      } else {
        const params = { count: 3, rows: 2, listed: 200, numbering: 'N' };
        expect(msgIn('en', key, params), key).not.toMatch(CHINESE);
        expect(msgIn('zh', key, params), key).toMatch(CHINESE);
      }
    }
    for (const [word, text] of Object.entries({ ...API_NOUNS })) expect(text.zh, word).toMatch(CHINESE);
    // Every key renders in both languages with its params filled (no English left in the Chinese, no Chinese in the English).
    const sample = { count: 3, rows: 2, listed: 2, numbering: 'N', period: '2026-03', state: 'published', what: 'the preview', id: 'x1' };
    for (const key of API_MESSAGE_KEYS) {
      expect(msgIn('zh', key, sample), key).toMatch(CHINESE);
      expect(msgIn('en', key, sample), key).not.toMatch(CHINESE);
      expect(msgIn('zh', key, sample), key).not.toBe(msgIn('en', key, sample));
    }
    for (const [english, chinese] of Object.entries(API_SCHEMA_DETAIL_ZH)) expect(chinese, english).toMatch(CHINESE);
  });

  it('answers in the language of the request, English outside one', () => {
    expect(currentLanguage()).toBe('en');
    expect(msg('auth.wrong_credentials')).toBe('wrong email or password');
    expect(runInLanguage('zh', () => msg('auth.wrong_credentials'))).toBe('邮箱或密码错误');
    expect(runInLanguage('zh', () => msg('documents.revision_conflict', { revision: 4 }))).toBe('文档在你加载后已被修改（你加载的是修订版 4），请重新加载后再试');
    expect(runInLanguage('zh', () => notFound('staff', 'x1').message)).toBe('未找到员工 x1');
    expect(notFound('staff', 'x1').message).toBe('staff x1 not found');
    expect(runInLanguage('zh', () => msg('periods.already_in_state', { period: '2026-03', state: 'published' }))).toBe('2026-03 已经是已公示状态');
  });

  it('words the period cycle, runs and limits in Chinese, keeping the English as it was', () => {
    const zh = <T>(work: () => T) => runInLanguage('zh', work);
    expect(zh(() => msg('periods.appeals_open', { period: '2026-03', count: 1, appeals: 'S001 (a1)' }))).toBe('2026-03 还有 1 个申诉未处理：S001 (a1)；请先作出决定再封账');
    expect(msg('periods.appeals_open', { period: '2026-03', count: 1, appeals: 'S001 (a1)' })).toBe('cannot close 2026-03 while 1 appeal(s) are open: S001 (a1); decide them first');
    expect(zh(() => msg('evaluations.run_open', { period: '2026-03', state: 'running', id: 'r1' }))).toBe('2026-03 已有一个运行中的运行（r1）；请等待它完成');
    expect(msg('evaluations.run_open', { period: '2026-03', state: 'running', id: 'r1' })).toBe('a run of 2026-03 is already running (r1); wait for it to finish');
    expect(zh(() => msg('evaluation.budget_exceeded', { what: 'the preview', budget: 2000 }))).toBe('预览超出了 2000 毫秒的考核时间预算（EVALUATION_BUDGET_MS），已被停止：请简化公式，或减少员工数量、缩短列表');
    expect(msgIn('en', 'staff_import.problems', { count: 201, listed: 200 })).toBe(
      'the file has 201 problem(s) (the first 200 are listed); nothing was imported. Rows are numbered as in a spreadsheet: the header is row 1, the first staff member row 2',
    );
    expect(msgIn('en', 'feedback.problems', { count: 2, rows: 5, listed: 200 })).toBe('2 problem(s) in 5 response(s); nothing was stored');
    expect(msgIn('zh', 'feedback.problems', { count: 2, rows: 5, listed: 200 })).toBe('5 条回复中有 2 个问题，未存储任何内容');
  });

  it('renders a stored message (key and params) in the reader’s language, and older plain text as it is', () => {
    const stored = storeMessage('scheduled_runs.not_open', { period: '2026-Q1', state: 'published' });
    expect(JSON.parse(stored)).toEqual({ code: 'scheduled_runs.not_open', params: { period: '2026-Q1', state: 'published' } });
    expect(renderStoredMessage(stored)).toBe('2026-Q1 is published; a scheduled run evaluates an open period only');
    expect(runInLanguage('zh', () => renderStoredMessage(stored))).toBe('2026-Q1 已公示，定时运行只计算开放中的考核周期');
    expect(renderStoredMessage('2026-Q1 is closed; a scheduled run evaluates an open period only')).toBe('2026-Q1 is closed; a scheduled run evaluates an open period only');
    expect(renderStoredMessage('{"code":"no.such.key","params":{}}')).toBe('{"code":"no.such.key","params":{}}');
    expect(renderStoredMessage('{not json')).toBe('{not json');
  });

  it('reads the language from Accept-Language: zh… is Chinese, anything else English', () => {
    const of = (header?: string | string[]) => languageOfRequest({ headers: header === undefined ? {} : { 'accept-language': header as string } });
    expect(of('zh-CN,zh;q=0.9')).toBe('zh');
    expect(of('zh-TW')).toBe('zh');
    expect(of('en-US,zh;q=0.8')).toBe('en');
    expect(of('de')).toBe('en');
    expect(of()).toBe('en');
  });

  it('gives the facts summary its own wording per language', () => {
    expect(msgIn('en', 'facts.problems', { count: 201, rows: 150, listed: 200, numbering: 'Rows are numbered from 0 in the order sent' })).toBe(
      '201 problem(s) in 150 row(s) (the first 200 are listed); nothing was stored. Rows are numbered from 0 in the order sent. Send ?partial=true to store the valid rows anyway',
    );
    expect(msgIn('zh', 'facts.problems', { count: 2, rows: 1, listed: 200, numbering: '行号按发送顺序从 0 开始' })).toBe('1 行中有 2 个问题，未存储任何内容。行号按发送顺序从 0 开始。发送 ?partial=true 可仍然存储有效的行');
  });
});
