import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleApp, type DemoRole, go, startConsoleApp } from './support/console-app';

/**
 * Surveys clients answer (issue 17): a link made by the API is answered on a phone-sized page (390 × 844) without
 * horizontal scrolling, and the bad answer opens a case; the quality office then sees the response rates on the
 * feedback screen, and the survey document's overview and the editor's preview of the page.
 */
let app: ConsoleApp;
let phone: Page;
let phoneContext: BrowserContext;
let invitation: { id: string; path: string; url: string };

async function post<T>(role: DemoRole, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${app.baseUrl}/api${path}`, { method: 'POST', headers: { Authorization: `Bearer ${await app.token(role)}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** The page's width as laid out, to compare with the viewport's (no horizontal scrolling when ≤ 390). */
const scrollWidth = (page: Page) => page.evaluate('document.documentElement.scrollWidth') as Promise<number>;

/** Picks a value of a rating row: the radios are hidden behind their labels, which are what a thumb taps. */
const tap = (page: Page, name: string, value: number) => page.locator(`label[for="${name}-${value}"]`).click();

beforeAll(async () => {
  app = await startConsoleApp();
  const created = await post<{ items: Array<{ id: string; path: string; url: string }> }>('quality_officer', '/survey-invitations', { surveyKey: 'client-survey', staffCode: 'D004', customerRef: 'WX-8812', event: 'plan_changed' });
  invitation = created.items[0];
  phoneContext = await app.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  phone = await phoneContext.newPage();
  phone.setDefaultTimeout(45_000);
}, 180_000);

afterAll(async () => {
  await phoneContext?.close().catch(() => undefined);
  await app?.close();
});

describe('a client answers a survey link on a phone', () => {
  it('shows the questionnaire in Chinese at 390 px without horizontal scrolling', async () => {
    const response = await phone.goto(invitation.url);
    expect(response?.status()).toBe(200);
    await phone.getByRole('heading', { name: '您对本次健康管理服务满意吗？' }).waitFor();
    expect(await phone.locator('html').getAttribute('lang')).toBe('zh-CN');
    await phone.getByText(/^本次为您服务的是：/).waitFor();
    expect(await phone.locator('[data-question]').count()).toBe(7); // five Likert dimensions, NPS, comment
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(390);
    // The NPS row's eleven buttons fit in one line, none narrower than 24 px.
    const boxes = await phone.locator('[data-question="nps"] label').evaluateAll((labels) => labels.map((label) => label.getBoundingClientRect()).map((box) => ({ top: box.top, width: box.width, right: box.right })));
    expect(boxes).toHaveLength(11);
    expect(new Set(boxes.map((box) => Math.round(box.top))).size).toBe(1);
    for (const box of boxes) {
      expect(box.width).toBeGreaterThanOrEqual(24);
      expect(box.right).toBeLessThanOrEqual(390);
    }
    await app.screenshot(phone, 'survey-phone-form');
  });

  it('re-shows the form with a message at each unanswered question', async () => {
    await tap(phone, 'likert_trust', 1);
    await phone.getByRole('button', { name: '提交' }).click();
    await phone.getByRole('alert').getByText('请检查下面标出的问题。').waitFor();
    expect(await phone.locator('p.error').count()).toBe(5); // four Likert questions and NPS unanswered
    expect(await phone.locator('#likert_trust-1').isChecked()).toBe(true);
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(390);
    await app.screenshot(phone, 'survey-phone-problems');
  });

  it('records a bad answer, thanks the client, and the answer opens a case', async () => {
    for (const [name, value] of [
      ['likert_rapport', 3],
      ['likert_advice', 3],
      ['likert_responsiveness', 2],
      ['likert_privacy', 4],
      ['nps', 2],
    ] as const) {
      await tap(phone, name, value);
    }
    await phone.locator('#comment').fill('方案调整后一直没人跟进，问了三次才回复。');
    await phone.getByRole('button', { name: '提交' }).click();
    await phone.getByText('感谢您的反馈！我们会认真对待每一条意见。').waitFor();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(390);
    await app.screenshot(phone, 'survey-phone-thanks');

    const feedback = await app.api<Array<{ id: string; staffCode: string; likert: Record<string, number>; nps: number; channel: string; customerRef: string; caseIds: string[] }>>(
      'quality_officer',
      `/feedback?filter=${encodeURIComponent(JSON.stringify({ q: `survey:${invitation.id}` }))}`,
    );
    expect(feedback).toHaveLength(1);
    expect(feedback[0]).toMatchObject({ staffCode: 'D004', likert: { rapport: 3, trust: 1, advice: 3, responsiveness: 2, privacy: 4 }, nps: 2, channel: 'survey', customerRef: 'WX-8812' });
    expect(feedback[0].caseIds).toHaveLength(1);
    const opened = await app.api<{ workflowKey: string; staffCode: string; status: string }>('quality_officer', `/cases/${feedback[0].caseIds[0]}`);
    expect(opened).toMatchObject({ workflowKey: 'negative-feedback', staffCode: 'D004', status: 'open' });

    // The link is spent: opening it again says so, still on one phone-wide page.
    const again = await phone.goto(invitation.url);
    expect(again?.status()).toBe(410);
    await phone.getByText('此问卷已经提交过了').first().waitFor();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(390);
  });
});

describe('the quality office in the console', () => {
  it('sees the response rates on the feedback screen, and the case the answer opened', async () => {
    const quality = await app.signIn('quality_officer');
    await go(quality, '/feedback');
    const panel = quality.getByTestId('response-rates');
    await panel.waitFor();
    await panel.getByTestId('response-rates-total').getByText(/1/).waitFor();
    await panel.click();
    const row = panel.getByTestId('response-rate-row').filter({ hasText: 'D004' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/100/);
    await quality.waitForTimeout(500); // the panel's opening animation
    await app.screenshot(quality, 'feedback-response-rates');
    const feedback = await app.api<Array<{ caseIds: string[] }>>('quality_officer', `/feedback?filter=${encodeURIComponent(JSON.stringify({ q: `survey:${invitation.id}` }))}`);
    await go(quality, `/cases/${feedback[0].caseIds[0]}/show`);
    await quality.getByTestId('case-page').waitFor();
  });

  it('shows the survey document’s questions and previews the page clients answer', async () => {
    const documents = await app.api<Array<{ id: string; key: string; kind: string }>>('admin', `/documents?filter=${encodeURIComponent(JSON.stringify({ kind: 'survey' }))}`);
    expect(documents.map((document) => document.key)).toEqual(['client-survey']);
    const admin = await app.signIn('admin');
    await go(admin, `/documents/${documents[0].id}/show`);
    await admin.getByTestId('survey-overview').waitFor();
    await admin.getByTestId('survey-dimension-trust').waitFor();
    await admin.getByTestId('edit-draft').click();
    await admin.getByTestId('tab-survey_preview').click();
    const preview = admin.getByTestId('survey-preview');
    await preview.waitFor();
    await preview.getByText('您是否信任健康管理师给出的专业判断？').waitFor();
    await app.screenshot(admin, 'survey-editor-preview');
  });
});
