import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleApp, DEMO_PASSWORD, go, startConsoleApp } from './support/console-app';

/**
 * Approvals in the console (issue 15), on the demo institution as it ships (approvals on): an admin asks to publish a
 * draft and is told it was submitted for approval; the committee's admin (the demo's second admin) sees it in the
 * bell and in the 待审批 badge, opens the request from the bell, reads the change in words and approves it, and the
 * version is published.
 */
let app: ConsoleApp;
let admin: Page;
let documentId: string;

interface Doc {
  id: string;
  revision: number;
  content: Record<string, unknown> & { dimensions: Array<{ id: string; weight: number }> };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  app = await startConsoleApp({ approvals: true });
  // A draft v3 of the demo's hm-3d9i with other dimension weights (a PUT is not a rule change that needs approval).
  const [listed] = await app.api<Doc[]>('admin', `/documents?filter=${encodeURIComponent(JSON.stringify({ key: 'hm-3d9i' }))}`);
  const detail = await app.api<Doc>('admin', `/documents/${listed.id}`);
  documentId = listed.id;
  const weights: Record<string, number> = { execution: 40, influence: 30, relationship: 30 };
  const content = { ...detail.content, dimensions: detail.content.dimensions.map((dimension) => ({ ...dimension, weight: weights[dimension.id] ?? dimension.weight })) };
  const edit = await fetch(`${app.baseUrl}/api/documents/${documentId}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', Authorization: `Bearer ${await app.token('admin')}` },
    body: JSON.stringify({ content, revision: detail.revision }),
  });
  expect(edit.status).toBe(200);
  admin = await app.signIn('admin');
}, 180_000);
afterAll(async () => app?.close());

describe('a publish under approvals', () => {
  it('is submitted for approval instead of published, and the document says so', async () => {
    await go(admin, `/documents/${documentId}/show`);
    await admin.getByRole('button', { name: '发布草稿' }).click();
    await admin.getByText('发布第 3 版？').waitFor();
    await admin.getByRole('button', { name: '确认' }).click();
    await admin.getByText('已提交审批：发布三维九项行为量化第 3 版').waitFor();
    const notice = admin.getByTestId('pending-change-request');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('待审批：发布三维九项行为量化第 3 版（申请人：系统管理员 Admin）');
    const versions = await app.api<Array<{ version: number; status: string }>>('admin', `/documents/${documentId}/versions`);
    expect(versions.map((v) => `${v.version}:${v.status}`)).toEqual(['3:draft', '2:published', '1:published']);
    await app.screenshot(admin, 'approvals-submitted');
  });

  it('is approved by a second admin from the bell, after reading the change in words; the version is then published', async () => {
    const committee = await app.newPage();
    await committee.goto(`${app.baseUrl}/login`);
    await committee.fill('input[name="username"]', 'committee@demo.test');
    await committee.fill('input[name="password"]', DEMO_PASSWORD);
    await committee.click('button[type="submit"]');
    await committee.getByTestId('role-chip').waitFor();
    // The 待审批 menu entry counts the requests they may decide; the bell has the request.
    const approvals = committee.getByTestId('approvals-badge');
    expect(await until(async () => Number(await approvals.getAttribute('data-count')), (count) => count === 1)).toBe(1);
    const badge = committee.getByTestId('inbox-badge');
    await until(async () => Number(await badge.getAttribute('data-count')), (count) => count >= 1);
    await committee.getByTestId('inbox-bell').click();
    const item = committee.getByTestId('inbox-item').filter({ hasText: '待你审批：发布三维九项行为量化第 3 版' });
    await item.waitFor();
    expect(await item.innerText()).toContain('系统管理员 Admin提交了变更申请：发布三维九项行为量化第 3 版。请打开申请查看变更内容并审批。');
    await item.click();
    await committee.waitForURL((url) => url.pathname.startsWith('/change-requests/') && url.pathname.endsWith('/show'));
    await committee.getByTestId('change-request-description').getByText('发布三维九项行为量化第 3 版').waitFor();
    const diff = committee.getByTestId('change-request-diff');
    await diff.waitFor();
    expect((await diff.innerText()).split('\n').length).toBe(2);
    await app.screenshot(committee, 'approvals-request');
    await committee.getByRole('button', { name: '批准' }).click();
    await committee.getByText('批准此变更？').waitFor();
    await committee.getByRole('button', { name: '确认' }).click();
    await committee.getByText('已批准并生效').waitFor();
    await committee.locator('[data-testid="change-request-status"][data-status="approved"]').waitFor();
    expect(await until(async () => Number(await approvals.getAttribute('data-count')), (count) => count === 0)).toBe(0);
    const versions = await app.api<Array<{ version: number; status: string }>>('admin', `/documents/${documentId}/versions`);
    expect(versions.map((v) => `${v.version}:${v.status}`)).toEqual(['3:published', '2:published', '1:published']);

    // The requester is told, and the document no longer shows a pending request.
    await go(admin, '/documents');
    await go(admin, `/documents/${documentId}/show`);
    await admin.getByTestId('document-name').waitFor();
    await admin.getByTestId('pending-change-request').waitFor({ state: 'detached' });
    const outcome = await app.api<Array<{ kind: string; title: string; body: string }>>('admin', '/notifications/mine');
    expect(outcome[0]).toMatchObject({ kind: 'change_request_decided', title: 'Change request approved', body: '考核委员会 Committee approved your request to publish Three dimensions, nine indicators version 3; it has been applied.' });
  });
});
