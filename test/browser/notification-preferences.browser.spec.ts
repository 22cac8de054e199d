import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { type MailSink, startMailSink } from '../support/mail-sink';
import { type ConsoleApp, DEMO_PASSWORD, go, signInAs, signOut, startConsoleApp } from './support/console-app';

/** Notification settings: a staff member on a phone mutes a kind by e-mail from the bell; an admin sets the group robot and sees the deliveries. */
let app: ConsoleApp;
let page: Page;
let mail: MailSink;

beforeAll(async () => {
  mail = await startMailSink();
  process.env.SMTP_URL = mail.url;
  process.env.NOTIFY_TICK_MS = '0';
  app = await startConsoleApp();
  page = await app.newPage();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await mail?.close();
  delete process.env.SMTP_URL;
  delete process.env.NOTIFY_TICK_MS;
});

describe('notification settings', () => {
  it('staff on a phone open them from the bell and mute results-published e-mails; the choice is kept', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.baseUrl}/login`);
    // On a phone the app bar hides the role chip signInAs waits for: sign in by hand.
    await page.fill('input[name="username"]', 'staff@demo.test');
    await page.fill('input[name="password"]', DEMO_PASSWORD);
    await page.click('button[type="submit"]');
    await page.getByTestId('inbox-bell').click();
    await page.getByTestId('inbox-settings').click();
    await page.getByTestId('notification-preferences').waitFor();
    expect(await page.getByTestId('notification-preferences').innerText()).toContain('考核结果已公示');
    // Staff are not offered admin-only kinds, nor the admin cards.
    expect(await page.getByTestId('notification-preferences').innerText()).not.toContain('定时考核失败');
    expect(await page.getByTestId('channel-settings').count()).toBe(0);
    const box = page.locator('[data-testid="pref-period_published-email"]');
    expect(await box.isChecked()).toBe(true);
    await box.click();
    await page.getByText('通知设置已保存').waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await app.screenshot(page, 'notification-preferences-phone');
    const rows = (await app.t.app.get(DataSource).query(`SELECT m.kind, m.channel FROM notification_mutes m JOIN users u ON u.id = m.user_id WHERE u.email = 'staff@demo.test'`)) as unknown[];
    expect(rows).toEqual([{ kind: 'period_published', channel: 'email' }]);
    await page.reload();
    await page.getByTestId('notification-preferences').waitFor();
    expect(await page.locator('[data-testid="pref-period_published-email"]').isChecked()).toBe(false);
    await page.setViewportSize({ width: 1400, height: 900 });
    await signOut(page);
  });

  it('an admin sets the group robot (the token is not shown back) and sees the latest deliveries', async () => {
    await signInAs(page, 'admin');
    await go(page, '/notification-preferences');
    await page.getByTestId('channel-settings').waitFor();
    await page.getByTestId('channel-webhook-url').fill('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc-secret');
    await page.getByTestId('channel-save').click();
    await page.getByText('机构通知渠道已保存').waitFor();
    expect(await page.getByTestId('channel-webhook-url').inputValue()).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?…');
    const saved = (await app.t.app.get(DataSource).query(`SELECT ns.webhook_url FROM notification_settings ns JOIN users u ON u.institution_id = ns.institution_id WHERE u.email = 'admin@demo.test'`)) as Array<{ webhook_url: string }>;
    expect(saved).toEqual([{ webhook_url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc-secret' }]);
    await page.getByTestId('deliveries').or(page.getByText('暂无发送记录')).first().waitFor();
    await app.screenshot(page, 'notification-channels-admin');
  });
});
