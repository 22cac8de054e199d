import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleApp, DEMO_PASSWORD, DEMO_USERS, go, startConsoleApp } from './support/console-app';

/**
 * Every screen staff and managers use, on a 390 × 844 phone: the page never scrolls sideways (lists become one line per
 * record, tables and charts keep inside their own box). A screenshot of each is kept.
 */
let app: ConsoleApp;
let page: Page;

beforeAll(async () => {
  app = await startConsoleApp();
  page = await app.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
}, 120_000);

afterAll(async () => {
  await app?.close();
});

async function signIn(role: 'staff' | 'manager'): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${app.baseUrl}/login`);
  await page.evaluate('localStorage.clear()');
  await page.goto(`${app.baseUrl}/login`);
  await page.fill('input[name="username"]', DEMO_USERS[role]);
  await page.fill('input[name="password"]', DEMO_PASSWORD);
  await page.click('button[type="submit"]');
  await page.getByTestId('inbox-bell').waitFor();
}

async function fits(name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  await app.screenshot(page, `phone-${name}`);
  expect(width, `${name} is ${width} px wide`).toBeLessThanOrEqual(390);
}

async function firstLink(selector: string): Promise<string> {
  await page.locator(selector).first().waitFor();
  const href = await page.locator(selector).first().getAttribute('href');
  return href?.replace(/^#/, '') ?? '';
}

describe('on a phone', () => {
  it('staff: home, scorecards (list and page), cases (list, queue, page), notification settings', async () => {
    await signIn('staff');
    await page.getByTestId('scorecard-composite').waitFor();
    await fits('staff-home');
    await go(page, '/scorecards');
    const scorecard = await firstLink('[data-testid="scorecard-simple-list"] a');
    await fits('staff-scorecards');
    await go(page, scorecard);
    await page.getByTestId('scorecard-composite').waitFor();
    await fits('staff-scorecard');
    await go(page, '/cases');
    await page.getByTestId('cases-nav-list').waitFor();
    await fits('staff-cases');
    await go(page, '/cases/inbox');
    await page.getByTestId('inbox-row').or(page.getByTestId('inbox-empty')).first().waitFor();
    await fits('staff-inbox');
    if ((await page.getByTestId('inbox-row').count()) > 0) {
      await page.getByTestId('inbox-row').first().click();
      await page.waitForURL(/\/cases\/[^/]+\/show$/);
      await page.getByTestId('case-timeline').waitFor();
      await fits('staff-case');
    }
    await go(page, '/notification-preferences');
    await page.getByTestId('notification-preferences').waitFor();
    await fits('staff-notification-settings');
  });

  it('manager: home, scorecards, cases (list, queue, dashboard, page)', async () => {
    await signIn('manager');
    await page.getByTestId('home-manager').waitFor();
    await fits('manager-home');
    await go(page, '/scorecards');
    await page.locator('[data-testid="scorecard-simple-list"] a').first().waitFor();
    await fits('manager-scorecards');
    await go(page, '/cases');
    const someCase = await firstLink('[data-testid="case-simple-list"] a');
    await fits('manager-cases');
    await go(page, '/cases/inbox');
    await page.getByTestId('inbox-row').or(page.getByTestId('inbox-empty')).first().waitFor();
    await fits('manager-inbox');
    await go(page, '/cases/dashboard');
    await page.getByTestId('cases-nav-dashboard').waitFor();
    await fits('manager-cases-dashboard');
    await go(page, someCase);
    await page.waitForURL(/\/cases\/[^/]+\/show$/);
    await page.getByTestId('case-timeline').waitFor();
    await fits('manager-case');
  });
});
