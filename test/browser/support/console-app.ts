import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { DEMO_INSTITUTION, ensureDemoData } from '../../../apps/api/src/seed/demo-seed';
import { startTestApp, type TestApp } from '../../e2e/support/test-app';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '..', 'artifacts');
export const DEMO_PASSWORD = 'carescore';

export const DEMO_USERS = {
  admin: 'admin@demo.test',
  quality_officer: 'quality@demo.test',
  manager: 'manager@demo.test',
  staff: 'staff@demo.test',
} as const;
export type DemoRole = keyof typeof DEMO_USERS;

const quiet: LoggerService = { log: () => undefined, warn: () => undefined, error: (message: unknown) => console.error(message) };

export interface ConsoleApp {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (its own storage) on an English-speaking browser. */
  newPage(): Promise<Page>;
  /** Signs in through the login form and waits for the dashboard. */
  signIn(role: DemoRole): Promise<Page>;
  /** An API token for checks behind the browser's back. */
  token(role: DemoRole): Promise<string>;
  api<T>(role: DemoRole, path: string): Promise<T>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real app on a fresh database (TEST_DATABASE_URL), loaded with the demo data a first
 * `npm start` loads (approvals turned off unless `approvals: true`), serving the built console, and Debian's Chromium
 * driven by playwright-core.
 * Playwright launches Chromium on a fresh temporary profile (user-data-dir) and removes it on close.
 */
export async function startConsoleApp(options: { approvals?: boolean } = {}): Promise<ConsoleApp> {
  const t = await startTestApp();
  const contexts: BrowserContext[] = [];
  let browser: Browser | undefined;
  try {
    await ensureDemoData(t.app, quiet);
    // The demo requires approvals for rule changes (issue 15); the screens' own tests act directly unless they ask for it.
    if (!options.approvals) await t.ownerQuery(`UPDATE institutions SET approvals = false WHERE name = $1`, [DEMO_INSTITUTION]);
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const launched = browser;
    mkdirSync(ARTIFACTS, { recursive: true });

    const newPage = async () => {
      const context = await launched.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 }, timezoneId: 'Asia/Shanghai' });
      contexts.push(context);
      const page = await context.newPage();
      // Generous: a cold first load parses ~1 MB of script, slow on a busy 2-core machine; a passing run never waits this long.
      page.setDefaultTimeout(45_000);
      page.setDefaultNavigationTimeout(60_000);
      page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
      return page;
    };
    const token = async (role: DemoRole) => {
      const response = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO_USERS[role], password: DEMO_PASSWORD }) });
      return ((await response.json()) as { token: string }).token;
    };
    return {
      t,
      baseUrl,
      browser: launched,
      newPage,
      async signIn(role) {
        const page = await newPage();
        await page.goto(`${baseUrl}/login`);
        await signInAs(page, role);
        return page;
      },
      token,
      async api<T>(role: DemoRole, path: string) {
        const response = await fetch(`${baseUrl}/api${path}`, { headers: { Authorization: `Bearer ${await token(role)}` } });
        if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
        return (await response.json()) as T;
      },
      async screenshot(page, name) {
        await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
      },
      async close() {
        for (const context of contexts) await context.close().catch(() => undefined);
        await launched.close();
        await t.close();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await t.close();
    throw error;
  }
}

/**
 * Fills the login form (the page must show it) and waits for the dashboard. react-admin returns
 * to the page that sent the visitor to the login form, so go home when it did.
 */
export async function signInAs(page: Page, role: DemoRole): Promise<void> {
  await page.fill('input[name="username"]', DEMO_USERS[role]);
  await page.fill('input[name="password"]', DEMO_PASSWORD);
  await page.click('button[type="submit"]');
  await page.getByTestId('role-chip').waitFor();
  if (new URL(page.url()).pathname !== '/') await go(page, '/');
  await page.getByTestId('welcome').waitFor();
}

/** Signs out through the user menu, back to the login form (no page load). */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(Profile|个人资料)$/ }).click();
  await page.getByRole('menuitem', { name: /^(Logout|退出登录)$/ }).click();
  await page.locator('input[name="username"]').waitFor();
}

/**
 * Moves to a console page the way a link does (history.pushState), without reloading the app:
 * a full page load costs seconds of script parsing on a small machine.
 */
export async function go(page: Page, path: string): Promise<void> {
  // A string, since this file is type-checked without the DOM library.
  await page.evaluate(`window.history.pushState({}, '', ${JSON.stringify(path)}); window.dispatchEvent(new PopStateEvent('popstate', { state: {} }));`);
  await page.waitForURL((url) => `${url.pathname}${url.search}` === path);
}

/** The menu's links (react-admin's sidebar), as paths. */
export async function menuPaths(page: Page): Promise<string[]> {
  await page.locator('a[role="menuitem"][href="/"]').waitFor();
  return page.locator('a[role="menuitem"]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
}

/** Switches the console's language with the app bar's language menu. */
export async function switchLanguage(page: Page, to: 'English' | '简体中文'): Promise<void> {
  const current = to === 'English' ? '简体中文' : 'English';
  await page.getByRole('button', { name: current }).first().click();
  await page.getByRole('menuitem', { name: to }).click();
  await page.getByRole('button', { name: to }).first().waitFor();
}
