import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, type ConsoleApp, go, startConsoleApp, switchLanguage } from './support/console-app';

interface Doc {
  id: string;
  key: string;
  kind: string;
}
interface Staff {
  id: string;
  code: string;
}
interface Fact {
  inputs: Record<string, number | number[]>;
}
interface Binding {
  period: string;
  teamId: string | null;
  documentKey: string;
  version: number;
}

let app: ConsoleApp;
let admin: Page;
let hm3d9i: Doc;

beforeAll(async () => {
  app = await startConsoleApp();
  admin = await app.signIn('admin');
  [hm3d9i] = await app.api<Doc[]>('admin', `/documents?filter=${encodeURIComponent(JSON.stringify({ key: 'hm-3d9i' }))}`);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('rule documents', () => {
  it('lists the documents with their names in the user’s language', async () => {
    await go(admin, '/documents');
    await admin.getByText('三维九项行为量化').waitFor();
    for (const key of ['career-tiers', 'hm-3d9i', 'hospital-online-service', 'negative-feedback', 'satisfaction-first']) await admin.getByText(key, { exact: true }).waitFor();
    await app.screenshot(admin, 'documents-list');
  });

  it('shows a scheme: its dimensions by name and weight, and its version history', async () => {
    await admin.getByText('三维九项行为量化').click();
    await admin.getByTestId('document-name').waitFor();
    expect(await admin.getByTestId('dimension-execution').innerText()).toContain('服务执行力');
    await app.screenshot(admin, 'document-show');
    await admin.getByRole('tab', { name: '版本历史' }).click();
    await admin.getByTestId('version-2').waitFor();
    expect(await admin.getByTestId('version-1').innerText()).toContain('已发布');
    await app.screenshot(admin, 'document-versions');
  });

  it('diffs two versions in words, in the reader’s language', async () => {
    await admin.getByTestId('version-2').getByRole('link', { name: '比较' }).click();
    await admin.getByTestId('diff-table').waitFor();
    expect(await admin.getByTestId('diff-summary').innerText()).toBe('第 1 版 → 第 2 版：2 处变化');
    const rows = await admin.getByTestId('diff-table').locator('tbody tr').allInnerTexts();
    expect(rows.join('\n')).toContain('维度 服务执行力 › 权重：40 → 35');
    expect(rows.join('\n')).toContain('维度 客户关系质量 › 权重：25 → 30');
    await app.screenshot(admin, 'document-diff');

    await switchLanguage(admin, 'English');
    await admin.getByText('Dimension Service execution › Weight: 40 → 35').waitFor();
    await switchLanguage(admin, '简体中文');
  });

  it('shows publish, retire and roll back by role: a quality officer may act on workflows only', async () => {
    const quality = await app.signIn('quality_officer');
    await go(quality, `/documents/${hm3d9i.id}/show/versions`);
    await quality.getByTestId('version-2').waitFor();
    expect(await quality.getByRole('button', { name: '停用' }).count()).toBe(0);
    expect(await quality.getByRole('button', { name: '回滚到此版' }).count()).toBe(0);
    const [workflow] = await app.api<Doc[]>('admin', `/documents?filter=${encodeURIComponent(JSON.stringify({ key: 'negative-feedback' }))}`);
    await go(quality, `/documents/${workflow.id}/show/versions`);
    await quality.getByTestId('version-1').getByRole('button', { name: '停用' }).waitFor();
    await quality.context().close();
  });

  it('rolls back to an older version as a new published version', async () => {
    await go(admin, `/documents/${hm3d9i.id}/show/versions`);
    await admin.getByTestId('version-1').getByRole('button', { name: '回滚到此版' }).click();
    await admin.getByRole('button', { name: '确认' }).click();
    await admin.getByText('已以第 1 版的内容发布第 3 版').waitFor();
    await admin.getByTestId('version-3').waitFor();
    const diff = await app.api<{ changes: unknown[] }>('admin', `/documents/${hm3d9i.id}/diff?from=1&to=3`);
    expect(diff.changes).toEqual([]);
  });

  it('publishes a draft after asking, and shows the new version', async () => {
    const [doc] = await app.api<Doc[]>('admin', `/documents?filter=${encodeURIComponent(JSON.stringify({ key: 'satisfaction-first' }))}`);
    const detail = await app.api<{ revision: number; content: Record<string, unknown> & { name: Record<string, string> } }>('admin', `/documents/${doc.id}`);
    const edit = await fetch(`${app.baseUrl}/api/documents/${doc.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', Authorization: `Bearer ${await app.token('admin')}` },
      body: JSON.stringify({ content: { ...detail.content, name: { ...detail.content.name, zh: '客户满意度优先（2026 版）' } }, revision: detail.revision }),
    });
    expect(edit.status).toBe(200);

    await go(admin, `/documents/${doc.id}/show`);
    await admin.getByTestId('document-name').getByText('客户满意度优先（2026 版）').waitFor();
    await admin.getByRole('button', { name: '发布草稿' }).click();
    await admin.getByText('发布第 2 版？').waitFor();
    await admin.getByRole('button', { name: '确认' }).click();
    await admin.getByText('第 2 版已发布').waitFor();
    await admin.getByRole('button', { name: '发布草稿' }).waitFor({ state: 'detached' });
    const versions = await app.api<Array<{ version: number; status: string }>>('admin', `/documents/${doc.id}/versions`);
    expect(versions.map((v) => `${v.version}:${v.status}`)).toEqual(['2:published', '1:published']);
  });

  it('lists the templates to start a document from, opening those that exist', async () => {
    const templates = await app.api<unknown[]>('admin', '/templates');
    await go(admin, '/documents/create');
    await admin.getByTestId('templates').getByText('hm-3d9i').waitFor();
    expect(await admin.getByTestId('templates').locator('tbody tr').count()).toBe(templates.length);
    await app.screenshot(admin, 'document-templates');
  });
});

describe('period bindings', () => {
  it('shows periods × (institution, teams) with the bound scheme key@version', async () => {
    await go(admin, '/bindings');
    await admin.getByTestId('bindings-calendar').waitFor();
    expect(await admin.getByTestId('cell-2026-Q1-whole').innerText()).toBe('hm-3d9i@v1');
    expect(await admin.getByTestId('cell-2026-Q2-whole').innerText()).toBe('hm-3d9i@v2');
    await app.screenshot(admin, 'bindings');
  });

  it('lets an admin add a period, bind it, override it for a team and unbind the override', async () => {
    await admin.getByTestId('new-period').fill('2026-Q3');
    await admin.getByRole('button', { name: '添加周期' }).click();
    await admin.getByTestId('cell-2026-Q3-whole').click();
    await pick(admin, '考核方案', /hm-3d9i/);
    await pick(admin, '已发布版本', 'v2');
    await admin.getByTestId('binding-dialog').getByRole('button', { name: '绑定' }).click();
    await admin.getByText('绑定已保存').waitFor();
    await expectCell(admin, 'cell-2026-Q3-whole', 'hm-3d9i@v2');

    const teams = await app.api<Array<{ id: string; name: string }>>('admin', `/teams?sort=${encodeURIComponent('["name","ASC"]')}`);
    const team = teams.find((candidate) => candidate.name === '健康管理一组');
    if (!team) throw new Error('the demo team 健康管理一组 is missing');
    const teamCell = `cell-2026-Q3-${team.id}`;
    expect(await admin.getByTestId(teamCell).innerText()).toContain('hm-3d9i@v2'); // inherited from the institution
    await admin.getByTestId(teamCell).click();
    await pick(admin, '考核方案', /hm-3d9i/);
    await pick(admin, '已发布版本', 'v1');
    await admin.getByTestId('binding-dialog').getByRole('button', { name: '绑定' }).click();
    await expectCell(admin, teamCell, 'hm-3d9i@v1');
    const bound = await app.api<Binding[]>('admin', `/bindings?filter=${encodeURIComponent(JSON.stringify({ period: '2026-Q3' }))}`);
    expect(bound.map((b) => `${b.teamId ?? 'whole'}:${b.documentKey}@${b.version}`).sort()).toEqual([`${team.id}:hm-3d9i@1`, 'whole:hm-3d9i@2'].sort());
    await app.screenshot(admin, 'bindings-override');

    await admin.getByTestId(teamCell).click();
    await admin.getByTestId('binding-dialog').getByRole('button', { name: '解除绑定' }).click();
    await admin.getByText('绑定已解除').waitFor();
    await expectCell(admin, teamCell, '↳ hm-3d9i@v2');
  });
});

describe('facts import', () => {
  it('reports every bad row before storing anything, then stores the valid rows on request', async () => {
    const [d001] = await app.api<Staff[]>('admin', `/staff?filter=${encodeURIComponent(JSON.stringify({ code: 'D001' }))}`);
    const before = await app.api<Fact>('admin', `/facts/${d001.id}:2026-Q2`);
    const done = Number(before.inputs.followups_done ?? 0) + 1;
    const csv = [
      'staffCode,period,followups_planned,followups_done',
      `D001,2026-Q2,${done + 5},${done}`,
      'D999,2026-Q2,10,9',
      'D002,2026-Q2,ten,9',
      'D003,2026-13,10,9',
    ].join('\n');
    const file = join(ARTIFACTS, 'facts-with-errors.csv');
    writeFileSync(file, `${csv}\n`);

    await go(admin, '/facts');
    await admin.getByRole('link', { name: '导入考核数据' }).click();
    await admin.getByTestId('facts-file').setInputFiles(file);
    await admin.getByRole('button', { name: '检查并导入' }).click();
    await admin.getByTestId('import-report').waitFor();
    const report = await admin.getByTestId('issue-table').locator('tbody tr').allInnerTexts();
    expect(report.length).toBe(3);
    expect(report[0]).toMatch(/^3\s+staffCode\s+.*D999/);
    expect(report[1]).toMatch(/^4\s+followups_planned/);
    expect(report[2]).toMatch(/^5\s+period/);
    expect(await admin.getByTestId('import-report').innerText()).toContain('未保存任何数据：共 3 个问题');
    await app.screenshot(admin, 'facts-import-report');
    // Nothing was stored.
    expect((await app.api<Fact>('admin', `/facts/${d001.id}:2026-Q2`)).inputs.followups_done).toEqual(before.inputs.followups_done);

    await admin.getByRole('button', { name: '仍然保存有效的行' }).click();
    await admin.getByRole('button', { name: '确认' }).click();
    await admin.getByTestId('import-result').waitFor();
    expect(await admin.getByTestId('import-result').innerText()).toContain('已保存 1 行');
    expect((await app.api<Fact>('admin', `/facts/${d001.id}:2026-Q2`)).inputs.followups_done).toBe(done);
    await app.screenshot(admin, 'facts-import-partial');
  });

  it('lists facts filtered by period and staff member', async () => {
    await go(admin, `/facts?filter=${encodeURIComponent(JSON.stringify({ period: '2026-Q1' }))}`);
    await admin.getByText('D001').first().waitFor();
    const periods = await admin.locator('tbody tr td:nth-child(5)').allInnerTexts();
    expect(new Set(periods)).toEqual(new Set(['2026-Q1']));
    await app.screenshot(admin, 'facts-list');
  });
});

describe('forms', () => {
  it('shows the API’s validation errors on the field they name', async () => {
    await go(admin, '/staff/create');
    await admin.getByRole('textbox', { name: /^工号/ }).fill('D001');
    await admin.getByRole('textbox', { name: /^姓名/ }).fill('重复工号');
    await admin.getByRole('button', { name: '保存' }).click();
    await admin.getByText('已被占用').waitFor(); // the API answers in the console's language
    expect(new URL(admin.url()).pathname).toBe('/staff/create');
    await app.screenshot(admin, 'staff-create-error');
  });

  it('saves an edit with only the writable fields (the API’s update schemas are strict)', async () => {
    const [team] = await app.api<Array<{ id: string; nameEn: string }>>('admin', `/teams?filter=${encodeURIComponent(JSON.stringify({ q: '在线客服组' }))}`);
    await go(admin, `/teams/${team.id}`);
    await admin.getByRole('textbox', { name: /^名称（英文）/ }).fill('Online service desk (renamed)');
    await admin.getByRole('button', { name: '保存' }).click();
    await admin.getByText('已更新').waitFor();
    expect((await app.api<{ nameEn: string }>('admin', `/teams/${team.id}`)).nameEn).toBe('Online service desk (renamed)');
  });
});

/** Opens a MUI select by its label and picks an option. */
async function pick(page: Page, label: string, option: string | RegExp): Promise<void> {
  const dialog = page.getByTestId('binding-dialog');
  await dialog.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).first().click();
}

async function expectCell(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).getByText(text, { exact: true }).waitFor();
}
