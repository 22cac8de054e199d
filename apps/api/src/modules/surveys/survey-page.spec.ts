import { describe, expect, it } from 'vitest';
import { surveyDocumentSchema } from '@carescore/engine';
import { pageLanguage, readAnswer } from './survey-page.controller';
import { EMPTY_VALUES, formatMoment, renderNotice, renderSurveyForm } from './survey-page.html';

const survey = surveyDocumentSchema.parse({
  kind: 'survey',
  key: 'pulse',
  title: { zh: '<b>回访</b>', en: 'Pulse & "more"' },
  dimensions: [{ id: 'trust', name: { zh: '信任感' }, question: { zh: '信任吗？<img src=x onerror=alert(1)>' } }],
  nps: { question: { zh: '推荐吗？' }, required: false },
});

describe('the survey page', () => {
  it('escapes every text it shows: the survey’s and the staff member’s name', () => {
    const html = renderSurveyForm({ lang: 'zh', path: '/s/abc', survey, staffName: '<script>alert(1)</script>', values: { ...EMPTY_VALUES, comment: '</textarea><script>' }, issues: [] });
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<title>&lt;b&gt;回访&lt;/b&gt;</title>');
    expect(html).toContain('信任吗？&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<span class="dim">（选填）</span>');
    expect(renderSurveyForm({ lang: 'en', path: '/s/abc', survey, staffName: 'Li', values: EMPTY_VALUES, issues: [] })).toContain('<title>Pulse &amp; &quot;more&quot;</title>');
  });

  it('words its notices in the page’s language', () => {
    expect(renderNotice('expired', 'zh', { params: { at: '2026-03-06 08:00' } })).toContain('此链接的有效期截至 2026-03-06 08:00。');
    expect(renderNotice('used', 'en')).toContain('<html lang="en">');
    expect(renderNotice('too_many', 'zh', { params: { seconds: 42 } })).toContain('请 42 秒后再试。');
  });

  it('is Chinese unless ?lang=en, a lang form field, or a browser whose first language is English asks otherwise', () => {
    const request = (query: Record<string, string>, acceptLanguage?: string, body?: unknown) => ({ query, headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {}, body });
    expect(pageLanguage(request({}))).toBe('zh');
    expect(pageLanguage(request({}, 'en-US,en;q=0.9'))).toBe('en');
    expect(pageLanguage(request({}, 'zh-CN,en;q=0.8'))).toBe('zh');
    expect(pageLanguage(request({}, 'fr-FR,en;q=0.8'))).toBe('zh');
    expect(pageLanguage(request({ lang: 'en' }, 'zh-CN'))).toBe('en');
    expect(pageLanguage(request({ lang: 'zh' }, 'en-US'))).toBe('zh');
    expect(pageLanguage(request({}, undefined, { lang: 'en' }))).toBe('en');
  });

  it('reads a form post and a JSON body into the same answer', () => {
    expect(readAnswer({ likert_trust: '4', nps: '9', comment: 'ok', lang: 'en' }).raw).toEqual({ likert: { trust: '4' }, nps: '9', comment: 'ok' });
    expect(readAnswer({ likert: { trust: 4 }, nps: 9 }).raw).toEqual({ likert: { trust: 4 }, nps: 9, comment: undefined });
    expect(readAnswer({ likert: { trust: 4 }, nps: 9 }).values).toEqual({ likert: { trust: '4' }, nps: '9', comment: '' });
    expect(readAnswer('nonsense').raw).toEqual({ likert: {}, nps: undefined, comment: undefined });
  });

  it('gives the expiry on the institution’s clock', () => {
    expect(formatMoment(new Date('2026-03-06T00:00:00Z'), 'Asia/Shanghai', 'zh')).toBe('2026-03-06 08:00');
    expect(formatMoment(new Date('2026-03-06T00:00:00Z'), 'Europe/Berlin', 'en')).toBe('2026-03-06 01:00 (Europe/Berlin)');
  });
});
