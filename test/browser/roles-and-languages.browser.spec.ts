import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleApp, type DemoRole, go, menuPaths, signInAs, signOut, startConsoleApp, switchLanguage } from './support/console-app';

/** What each role's menu holds (docs/api-conventions.md: the roles table). */
const READER_MENU = ['/', '/documents', '/bindings', '/periods', '/facts', '/evaluations', '/scorecards', '/cases', '/feedback', '/notifications', '/experiments', '/staff', '/teams'];
/** Admins and quality officers also have the approvals queue (待审批), first. */
const APPROVER_MENU = ['/', '/change-requests', ...READER_MENU.slice(1)];
const MENUS: Record<DemoRole, string[]> = {
  admin: [...APPROVER_MENU, '/users', '/audit-log'],
  quality_officer: APPROVER_MENU,
  manager: READER_MENU,
  // Staff see their own scorecards and cases only (the API filters them).
  staff: ['/', '/scorecards', '/cases'],
};
const ROLE_LABELS: Record<DemoRole, string> = { admin: '管理员', quality_officer: '质控专员', manager: '团队经理', staff: '员工' };

let app: ConsoleApp;
/** One browser tab for the whole file: users sign in and out in it, as at a shared desk (a page load costs seconds). */
let page: Page;

beforeAll(async () => {
  app = await startConsoleApp();
  page = await app.newPage();
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const menuLabels = (tab: Page) => tab.locator('a[role="menuitem"]').evaluateAll((links) => links.map((link) => (link.textContent ?? '').trim()));

describe('signing in', () => {
  it('serves the console at / and at any page path, never over /api', async () => {
    const html = await fetch(`${app.baseUrl}/documents/any/show`);
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('<div id="root">');
    const api = await fetch(`${app.baseUrl}/api/no-such-route`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: string }).error).toBe('NotFound');
  });

  it('sends a visitor to the login page, in the browser’s language, with a language switch', async () => {
    await page.goto(`${app.baseUrl}/documents`);
    await page.waitForURL(/\/login$/);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await switchLanguage(page, '简体中文');
    await page.getByRole('button', { name: '登录' }).waitFor();
    await app.screenshot(page, 'login-zh-CN');
  });

  it('refuses a wrong password', async () => {
    await page.fill('input[name="username"]', 'admin@demo.test');
    await page.fill('input[name="password"]', 'wrong password');
    await page.click('button[type="submit"]');
    await page.getByText('邮箱或密码错误').waitFor(); // the API answers in the page's language (switched to zh-CN above)
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  for (const role of Object.keys(MENUS) as DemoRole[]) {
    it(`shows ${role} the menu of the role, in the user's language (zh-CN for the demo users)`, async () => {
      await signInAs(page, role);
      expect(await menuPaths(page)).toEqual(MENUS[role]);
      expect(await page.getByTestId('role-chip').innerText()).toBe(ROLE_LABELS[role]);
      await app.screenshot(page, `dashboard-${role}`);
      await signOut(page);
    });
  }

  it('hides the buttons a role may not use, and the API still refuses the page', async () => {
    await signInAs(page, 'manager');
    await go(page, '/documents');
    await page.getByText('hm-3d9i').waitFor();
    expect(await page.getByText('从模板新建').count()).toBe(0);
    await go(page, '/bindings');
    await page.getByTestId('bindings-calendar').waitFor();
    expect(await page.getByTestId('new-period').count()).toBe(0);
    await go(page, '/facts');
    await page.getByText('D001').first().waitFor();
    expect(await page.getByText('导入考核数据').count()).toBe(0);
    await go(page, '/users');
    await page.getByText('无权访问').waitFor();
    await signOut(page);

    await signInAs(page, 'admin');
    await go(page, '/facts');
    await page.getByText('导入考核数据').waitFor();
    await go(page, '/documents');
    await page.getByText('从模板新建').waitFor();
  });
});

describe('languages', () => {
  it('switches between zh-CN and English in the app bar, names included', async () => {
    await go(page, '/documents');
    await page.getByText('三维九项行为量化').waitFor();
    expect(await menuLabels(page)).toEqual(['首页', '待审批', '规则文档', '周期绑定', '考核周期', '考核数据', '考核运行', '成绩单', '工单', '客户反馈', '通知', '方案试验', '员工', '团队', '用户', '审计日志']);
    await app.screenshot(page, 'documents-zh-CN');

    await switchLanguage(page, 'English');
    await page.getByText('Three dimensions, nine indicators').waitFor();
    expect(await menuLabels(page)).toEqual(['Home', 'Approvals', 'Rule documents', 'Period bindings', 'Periods', 'Facts', 'Evaluation runs', 'Scorecards', 'Cases', 'Feedback', 'Notifications', 'Experiments', 'Staff', 'Teams', 'Users', 'Audit log']);
    expect(await page.locator('thead').innerText()).toContain('Published version');
    await app.screenshot(page, 'documents-en');

    // The choice outlives a reload.
    await page.reload();
    await page.getByText('Three dimensions, nine indicators').waitFor();

    await switchLanguage(page, '简体中文');
    await page.getByText('三维九项行为量化').waitFor();
    expect(await page.locator('thead').innerText()).toContain('已发布版本');
    await go(page, '/staff');
    await page.getByText('健康管理一组').first().waitFor();
    expect(await page.locator('thead').innerText()).toMatch(/工号[\s\S]*姓名[\s\S]*团队[\s\S]*职级/);
  });

  it('starts a user in their own language at sign-in', async () => {
    await switchLanguage(page, 'English');
    await signOut(page);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await signInAs(page, 'manager'); // the demo users' locale is zh
    await page.getByTestId('welcome').getByText('欢迎').waitFor();
  });
});
