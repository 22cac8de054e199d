import { type Browser, chromium, type Page, type Request, type Response } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const SOAK_PASSWORD = 'carescore';

/** Every demo login the README names, each walked on its own. */
export const SOAK_USERS = [
  { label: 'admin', email: 'admin@demo.test' },
  { label: 'quality_officer', email: 'quality@demo.test' },
  { label: 'manager', email: 'manager@demo.test' },
  { label: 'staff', email: 'staff@demo.test' },
  { label: 'other institution admin', email: 'admin@other.test' },
] as const;

/**
 * 4xx answers the console provokes on purpose. Empty: a walk that signs in through the form and
 * only follows the menus provokes none; add an entry (with the reason) only for a refusal the
 * console is designed to meet.
 */
export const EXPECTED_CLIENT_ERRORS: ReadonlyArray<{ method: string; path: RegExp; status: number; why: string }> = [];

export interface WalkOptions {
  baseUrl: string;
  /** A pause longer than the database pool's idle timeout (pg: 10 s), taken every `idleEvery` steps. */
  idleMs: number;
  idleEvery: number;
  /** At most this many idle pauses in the whole walk (Infinity: no limit). */
  maxIdles: number;
  /** The pause between any two steps. */
  stepMs: number;
  rounds: number;
  /** The quiet spell that ends a screen (default 1000 ms); shorter in CI's short form, where the walk's time is scarce. */
  quietMs?: number;
  log?: (line: string) => void;
}

export interface RoleSummary {
  role: string;
  screens: string[];
  requests: number;
  clientErrors: number;
  serverErrors: number;
}

export interface WalkSummary {
  roles: RoleSummary[];
  requests: number;
  clientErrors: number;
  serverErrors: number;
  idles: number;
  problems: string[];
}

/** How long the console may take to settle on a busy 2-core machine; a passing walk never waits this long. */
const SETTLE_TIMEOUT_MS = 60_000;
/** A quiet spell long enough that a loaded machine has started the next screen's requests (its code chunk, its queries). */
const DEFAULT_QUIET_MS = 1_000;

/**
 * Walks every menu screen of every demo login in Chromium: sign in through the form, each menu
 * entry (and the cases inbox and dashboard), the first record of each list, the case page opened
 * from the all-cases list, one language switch; with idle pauses past the pool's timeouts. Every
 * page error, console error, 5xx and unexpected 4xx is a problem.
 */
export async function walkConsole(options: WalkOptions): Promise<WalkSummary> {
  const log = options.log ?? (() => undefined);
  const summary: WalkSummary = { roles: [], requests: 0, clientErrors: 0, serverErrors: 0, idles: 0, problems: [] };
  let steps = 0;
  const pause = async () => {
    steps += 1;
    if (options.idleEvery > 0 && steps % options.idleEvery === 0 && summary.idles < options.maxIdles) {
      summary.idles += 1;
      log(`  … idle ${options.idleMs} ms (pause ${summary.idles})`);
      await sleep(options.idleMs);
    } else if (options.stepMs > 0) {
      await sleep(options.stepMs);
    }
  };

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    for (let round = 1; round <= options.rounds; round += 1) {
      for (const user of SOAK_USERS) {
        log(`round ${round}/${options.rounds}: ${user.label} (${user.email})`);
        const role = await walkRole(browser, options.baseUrl, user, pause, log, options.quietMs ?? DEFAULT_QUIET_MS);
        summary.roles.push(role.summary);
        summary.requests += role.summary.requests;
        summary.clientErrors += role.summary.clientErrors;
        summary.serverErrors += role.summary.serverErrors;
        summary.problems.push(...role.problems.map((problem) => `[${user.label}] ${problem}`));
      }
    }
  } finally {
    await browser.close();
  }
  return summary;
}

interface Tracker {
  inFlight: number;
  lastActivity: number;
  screen: string;
}

async function walkRole(
  browser: Browser,
  baseUrl: string,
  user: { label: string; email: string },
  pause: () => Promise<void>,
  log: (line: string) => void,
  quietMs: number,
): Promise<{ summary: RoleSummary; problems: string[] }> {
  const summary: RoleSummary = { role: user.label, screens: [], requests: 0, clientErrors: 0, serverErrors: 0 };
  const problems: string[] = [];
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 }, timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(SETTLE_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(SETTLE_TIMEOUT_MS);
  const tracker: Tracker = { inFlight: 0, lastActivity: Date.now(), screen: '/login' };
  const isApi = (request: Request) => new URL(request.url()).pathname.startsWith('/api/');

  page.on('pageerror', (error) => problems.push(`page error on ${tracker.screen}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error on ${tracker.screen}: ${message.text()}`);
  });
  // Every request counts towards settling (a screen's code is a lazy chunk: until it arrives the last screen still shows).
  page.on('request', () => {
    tracker.inFlight += 1;
    tracker.lastActivity = Date.now();
  });
  const settled = () => {
    tracker.inFlight = Math.max(0, tracker.inFlight - 1);
    tracker.lastActivity = Date.now();
  };
  page.on('requestfinished', settled);
  page.on('requestfailed', (request) => {
    settled();
    // A request the page abandoned when it moved on (react-query cancels) is no fault.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed on ${tracker.screen}: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  page.on('response', (response: Response) => {
    const request = response.request();
    if (!isApi(request)) return;
    summary.requests += 1;
    const status = response.status();
    const path = new URL(response.url()).pathname;
    if (status >= 500) {
      summary.serverErrors += 1;
      problems.push(`${status} on ${tracker.screen}: ${request.method()} ${decodeURIComponent(response.url().replace(baseUrl, ''))}`);
    } else if (status >= 400) {
      summary.clientErrors += 1;
      const expected = EXPECTED_CLIENT_ERRORS.some((allowed) => allowed.method === request.method() && allowed.status === status && allowed.path.test(path));
      if (!expected) problems.push(`unexpected ${status} on ${tracker.screen}: ${request.method()} ${decodeURIComponent(response.url().replace(baseUrl, ''))}`);
    }
  });

  const settle = async () => {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    // react-admin starts its queries a moment after a render: wait for a quiet spell, not just zero in flight.
    while (Date.now() < deadline) {
      if (tracker.inFlight === 0 && Date.now() - tracker.lastActivity >= quietMs) {
        // react-admin's app-bar spinner: a query of the screen still loading.
        if ((await page.locator('.app-loader').count()) === 0) return;
      }
      await sleep(100);
    }
    problems.push(`${tracker.screen} did not settle within ${SETTLE_TIMEOUT_MS} ms (${tracker.inFlight} requests in flight)`);
  };
  /** One step; an action answering false found nothing to do (no screen to count). */
  const visit = async (name: string, action: () => Promise<void | boolean>) => {
    tracker.screen = name;
    try {
      const done = await action();
      await settle();
      if (done !== false) summary.screens.push(name);
    } catch (error) {
      problems.push(`could not walk ${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    await pause();
  };

  try {
    await visit('sign-in', async () => {
      await page.goto(`${baseUrl}/login`);
      await page.fill('input[name="username"]', user.email);
      await page.fill('input[name="password"]', SOAK_PASSWORD);
      await page.click('button[type="submit"]');
      await page.getByTestId('role-chip').waitFor();
    });
    const menu = await menuPaths(page);
    const screens = [...menu];
    // The case views beside the list (CasesNav): the inbox, and the dashboard for every role but staff.
    if (menu.includes('/cases')) screens.splice(screens.indexOf('/cases') + 1, 0, '/cases/inbox', ...(user.label === 'staff' ? [] : ['/cases/dashboard']));
    let switched = false;
    for (const path of screens) {
      await visit(path, () => go(page, path));
      const rows = page.locator('tr.RaDataTable-clickableRow, tr.RaDatagrid-clickableRow');
      if (summary.screens.at(-1) === path && (await rows.count()) > 0) {
        // A row opens the record's page, or (facts, audit log) expands in place.
        let opened = false;
        await visit(`${path} → first record`, async () => {
          const before = page.url();
          const clicked = await rows
            .first()
            .click({ timeout: 15_000 })
            .then(
              () => true,
              async (error: unknown) => {
                // Rows of the screen before, still shown while this one's code loaded, are gone now: nothing to open.
                if ((await rows.count()) === 0) return false;
                throw error;
              },
            );
          if (!clicked) return false;
          opened = await page.waitForURL((url) => url.href !== before, { timeout: 10_000 }).then(
            () => true,
            () => false,
          );
          return true;
        });
        if (opened) await visit(`${path} (back)`, () => go(page, path));
      }
      if (!switched) {
        switched = true;
        await visit(`${path} in English`, () => switchLanguage(page, 'English'));
      }
    }
    log(`  ${summary.screens.length} screens, ${summary.requests} API requests, ${summary.clientErrors} 4xx, ${summary.serverErrors} 5xx`);
  } finally {
    await context.close();
  }
  return { summary, problems };
}

/** Moves to a console page the way a link does (history.pushState), without reloading the app. */
async function go(page: Page, path: string): Promise<void> {
  await page.evaluate(`window.history.pushState({}, '', ${JSON.stringify(path)}); window.dispatchEvent(new PopStateEvent('popstate', { state: {} }));`);
  await page.waitForURL((url) => `${url.pathname}${url.search}` === path);
}

async function menuPaths(page: Page): Promise<string[]> {
  await page.locator('a[role="menuitem"][href="/"]').waitFor();
  const hrefs = await page.locator('a[role="menuitem"]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  return [...new Set(hrefs.filter((href) => href.startsWith('/')))];
}

async function switchLanguage(page: Page, to: 'English' | '简体中文'): Promise<void> {
  const current = to === 'English' ? '简体中文' : 'English';
  await page.getByRole('button', { name: current }).first().click();
  await page.getByRole('menuitem', { name: to }).click();
  await page.getByRole('button', { name: to }).first().waitFor();
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** The summary as the soak prints it. */
export function formatSummary(summary: WalkSummary, elapsedMs: number): string {
  const lines = [`soak: ${summary.roles.length} role walks in ${Math.round(elapsedMs / 1000)} s, ${summary.idles} idle pauses`];
  for (const role of summary.roles) {
    lines.push(`  ${role.role.padEnd(24)} ${String(role.screens.length).padStart(3)} screens ${String(role.requests).padStart(5)} requests ${role.clientErrors} 4xx ${role.serverErrors} 5xx`);
  }
  lines.push(`  total: ${summary.requests} API requests, ${summary.clientErrors} 4xx, ${summary.serverErrors} 5xx, ${summary.problems.length} problems`);
  for (const problem of summary.problems) lines.push(`  ✗ ${problem}`);
  return lines.join('\n');
}
