import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleApp, DEMO_PASSWORD, DEMO_USERS, type DemoRole, signInAs, signOut, startConsoleApp, switchLanguage } from './support/console-app';

/** Each role lands on its own home, in zh-CN at desk size; staff and managers also on a 390 px phone without sideways scrolling. */
let app: ConsoleApp;
let page: Page;

beforeAll(async () => {
  app = await startConsoleApp();
  page = await app.newPage();
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const HOME: Record<DemoRole, { testId: string; cards: string[] }> = {
  admin: { testId: 'home-admin', cards: ['home-period', 'home-cases-by-team', 'home-runs', 'home-waiting', 'home-appeals'] },
  quality_officer: { testId: 'home-quality', cards: ['home-waiting', 'home-appeals', 'home-period', 'home-cases-by-team'] },
  manager: { testId: 'home-manager', cards: ['home-waiting', 'home-in-zone', 'home-period', 'home-cases-by-team'] },
  staff: { testId: 'home-staff', cards: ['home-waiting'] },
};

async function signInOnPhone(role: DemoRole): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${app.baseUrl}/login`);
  await page.fill('input[name="username"]', DEMO_USERS[role]);
  await page.fill('input[name="password"]', DEMO_PASSWORD);
  await page.click('button[type="submit"]');
  await page.getByTestId(HOME[role].testId).waitFor();
}

describe('home pages', () => {
  for (const role of ['admin', 'quality_officer', 'manager', 'staff'] as const) {
    it(`${role}: the cards of the role, in Chinese`, async () => {
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.goto(`${app.baseUrl}/login`);
      await signInAs(page, role);
      await page.getByTestId(HOME[role].testId).waitFor();
      for (const card of HOME[role].cards) await page.getByTestId(card).first().waitFor();
      expect(await page.getByTestId('home-waiting').innerText()).toContain('待我处理');
      await app.screenshot(page, `home-${role}`);
      await signOut(page);
    });
  }

  it('quality officer: the menu’s badge counts the cases waiting on her, as her queue does', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await signInAs(page, 'quality_officer');
    await page.getByTestId('home-waiting-count').waitFor();
    const queue = Number(/\d+/.exec(await page.getByTestId('home-waiting-count').innerText())?.[0]);
    expect(queue).toBeGreaterThan(0);
    await page.locator(`[data-testid="cases-badge"][data-count="${queue}"]`).waitFor();
    await signOut(page);
  });

  it('admin: the latest runs and the bands of the newest that succeeded, in English too', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await signInAs(page, 'admin');
    await page.getByTestId('home-run').first().waitFor();
    await page.getByTestId('home-bands').waitFor();
    expect(await page.getByTestId('home-runs').innerText()).toContain('最近的考核运行');
    await switchLanguage(page, 'English');
    await page.getByText('Latest evaluation runs').waitFor();
    await switchLanguage(page, '简体中文');
    await signOut(page);
  });

  for (const role of ['staff', 'manager'] as const) {
    it(`${role} on a phone: the home fits 390 px`, async () => {
      await signInOnPhone(role);
      for (const card of HOME[role].cards) await page.getByTestId(card).first().waitFor();
      await page.waitForLoadState('networkidle');
      // Staff: the latest scorecard (charts, the indicators table) is the widest part of the page.
      if (role === 'staff') await page.getByTestId('scorecard-composite').waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await app.screenshot(page, `home-${role}-phone`);
      await page.context().clearCookies();
      await page.evaluate('localStorage.clear()');
    });
  }
});
