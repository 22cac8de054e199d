import type { Page } from 'playwright-core';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleApp, go, signInAs, startConsoleApp, switchLanguage } from './support/console-app';

let app: ConsoleApp;
let page: Page;

beforeAll(async () => {
  app = await startConsoleApp();
  page = await app.newPage();
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('the audit log screen', () => {
  it('shows the chain intact, then the entry the owner rewrote, in both languages', async () => {
    await page.goto(`${app.baseUrl}/login`);
    await signInAs(page, 'admin');
    await go(page, '/audit-log');
    const banner = page.getByTestId('audit-chain');
    await page.locator('[data-testid="audit-chain"][data-state="intact"]').waitFor();
    expect(await banner.innerText()).toMatch(/^审计链完整：\d+ 条记录全部校验通过/);
    await switchLanguage(page, 'English');
    expect(await banner.innerText()).toMatch(/^Audit chain intact: all \d+ entries checked/);

    const owner = new Client({ connectionString: app.t.ownerUrl });
    await owner.connect();
    let tampered: { id: string; seq: string };
    try {
      const institution = ((await owner.query(`SELECT institution_id AS id FROM users WHERE email = 'admin@demo.test'`)).rows as Array<{ id: string }>)[0]?.id;
      tampered = ((await owner.query(`SELECT id::text AS id, seq::text AS seq FROM audit_log WHERE institution_id = $1 ORDER BY audit_log.seq LIMIT 1 OFFSET 2`, [institution])).rows as Array<{ id: string; seq: string }>)[0] as { id: string; seq: string };
      await owner.query('BEGIN');
      await owner.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      await owner.query(`UPDATE audit_log SET actor_email = 'someone.else@demo.test' WHERE id = $1`, [tampered.id]);
      await owner.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
      await owner.query('COMMIT');
    } finally {
      await owner.end();
    }

    await page.reload();
    await page.locator('[data-testid="audit-chain"][data-state="broken"]').waitFor();
    expect(await banner.innerText()).toContain(`Entry No. ${tampered.seq} was tampered with (id ${tampered.id})`);
    expect(await banner.innerText()).toContain('Its content was changed after it was written.');
    await switchLanguage(page, '简体中文');
    expect(await banner.innerText()).toContain(`第 ${tampered.seq} 条被篡改（编号 ${tampered.id}）`);
    expect(await banner.innerText()).toContain('写入后内容被修改。');
    await app.screenshot(page, 'audit-log-tampered');
  });
});
