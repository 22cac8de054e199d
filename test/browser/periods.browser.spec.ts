import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleApp, go, startConsoleApp } from './support/console-app';

interface Period {
  id: string;
  state: string;
  appealDeadline: string | null;
  counts: { staff: number; acknowledged: number };
}
interface Scorecard {
  id: string;
  staffCode: string;
  period: string;
}
interface Run {
  id: string;
  status: string;
  reason: string | null;
}

/**
 * The evaluation cycle in the console, in zh-CN, on the demo data (2026-Q1 and 2026-Q2 evaluated,
 * 2026-Q1 published by the demo, 2026-Q2 open): an admin publishes 2026-Q2 from the board after reading what will happen, re-runs it
 * with a reason, the staff member acknowledges their scorecard, and the admin closes the period.
 */
let app: ConsoleApp;
let admin: Page;
// The scheduled-run tick stays off in this app: a schedule set here keeps saying when it is due.
process.env.SCHEDULED_RUNS_TICK_MS = '0';

const card = (page: Page, period: string) => page.locator(`[data-testid="period-card"][data-period="${period}"]`);

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  app = await startConsoleApp();
  admin = await app.signIn('admin');
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('the periods board', () => {
  it('shows each period with its state, runs and acknowledgements; 考核周期 is in the menu', async () => {
    expect(await admin.locator('a[role="menuitem"][href="/periods"]').innerText()).toContain('考核周期');
    await go(admin, '/periods');
    const q1 = card(admin, '2026-Q2');
    await q1.waitFor();
    expect(await q1.getByTestId('period-state').innerText()).toBe('开放');
    expect(await q1.innerText()).toContain('运行 1 次');
    expect(await q1.getByTestId('run-status').innerText()).toBe('已完成');
    expect(await q1.getByTestId('period-acknowledged').innerText()).toContain('已确认 0/60');
    expect(await q1.innerText()).toContain('尚未公示');
    await app.screenshot(admin, 'periods-board');
  });

  it('publishes 2026-Q2 after a confirmation that says what will happen, with the deadline on the institution clock', async () => {
    const q1 = card(admin, '2026-Q2');
    await q1.getByTestId('period-publish').click();
    const dialog = admin.getByTestId('period-publish-dialog');
    const content = await dialog.getByTestId('period-action-content').innerText();
    expect(content).toMatch(/^员工将看到本期成绩，申诉窗口开放 7 个工作日，至 \d{4}年\d{1,2}月\d{1,2}日 00:00（Asia\/Shanghai）。/);
    await app.screenshot(admin, 'period-publish-confirm');
    await dialog.getByTestId('period-action-confirm').click();
    await admin.locator('[data-testid="period-card"][data-period="2026-Q2"] [data-testid="period-state"][data-state="published"]').waitFor();

    const [published] = await app.api<Period[]>('admin', `/periods?filter=${encodeURIComponent(JSON.stringify({ id: '2026-Q2' }))}`);
    expect(published.state).toBe('published');
    // The dialog announced the deadline the API then set (the same working-day rule, in Asia/Shanghai).
    const deadline = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(published.appealDeadline ?? ''));
    expect(content).toContain(deadline);
    expect(await q1.getByTestId('period-deadline').innerText()).toBe(`申诉窗口至 ${deadline} 00:00（Asia/Shanghai）`);
    expect(await q1.getByTestId('period-state').innerText()).toBe('已公示');
    // The demo published 2026-Q1 at its start.
    expect(await card(admin, '2026-Q1').getByTestId('period-state').innerText()).toBe('已公示');
  });

  it('asks why when a published period is evaluated again, and keeps the reason on the run', async () => {
    await go(admin, '/evaluations/create');
    await admin.getByTestId('submit-run').waitFor();
    await admin.getByRole('combobox', { name: /考核周期/ }).click();
    await admin.getByRole('option', { name: '2026-Q1' }).click();
    expect(await admin.getByTestId('rerun-warning').innerText()).toContain('2026-Q1 已公示，员工已看到本期成绩');
    await admin.getByRole('combobox', { name: /考核周期/ }).click();
    await admin.getByRole('option', { name: '2026-Q2' }).click();
    expect(await admin.getByTestId('rerun-warning').innerText()).toContain('2026-Q2 已公示，员工已看到本期成绩');
    await admin.getByTestId('submit-run').click();
    // Required: nothing is sent without a reason.
    await admin.getByText('必填').first().waitFor();
    expect(new URL(admin.url()).pathname).toBe('/evaluations/create');
    await admin.getByTestId('run-reason').fill('D002 的随访数据已更正');
    await app.screenshot(admin, 'evaluation-rerun-reason');
    await admin.getByTestId('submit-run').click();
    await admin.waitForURL(/\/evaluations\/[0-9a-f-]{36}\/show$/);
    const runId = /\/evaluations\/([0-9a-f-]{36})\/show$/.exec(admin.url())?.[1] ?? '';
    const run = await until(
      () => app.api<Run>('admin', `/evaluations/${runId}`),
      (value) => value.status === 'succeeded' || value.status === 'failed',
    );
    expect(run).toMatchObject({ status: 'succeeded', reason: 'D002 的随访数据已更正' });

    await go(admin, '/periods/2026-Q2/show');
    await admin.getByTestId('period-runs').waitFor();
    expect(await admin.getByTestId('period-run-reason').allInnerTexts()).toEqual(['D002 的随访数据已更正', '—']);
    await app.screenshot(admin, 'period-show');
  });
});

describe('staff', () => {
  it('acknowledges their scorecard of the published period and then sees 已确认', async () => {
    const staff = await app.signIn('staff');
    const [own] = await app.api<Scorecard[]>('staff', `/scorecards?filter=${encodeURIComponent(JSON.stringify({ period: '2026-Q2' }))}`);
    // The publish put an item in their inbox: the bell shows it unread; clicking it marks it read and opens the scorecard.
    const badge = staff.getByTestId('inbox-badge');
    await until(async () => Number(await badge.getAttribute('data-count')), (count) => count >= 1);
    const before = Number(await badge.getAttribute('data-count'));
    expect(before).toBeGreaterThanOrEqual(1);
    await staff.getByTestId('inbox-bell').click();
    const item = staff.getByTestId('inbox-item').filter({ hasText: '2026年第2季度考核结果已公示' });
    await item.waitFor();
    expect(await item.innerText()).toContain('你的2026年第2季度考核结果已公示，请查看并在申诉截止前确认。');
    await item.click();
    await staff.waitForURL((url) => url.pathname === `/scorecards/${own.id}/show`);
    await until(async () => Number(await badge.getAttribute('data-count')), (count) => count === before - 1);
    expect(Number(await badge.getAttribute('data-count'))).toBe(before - 1);
    const panel = staff.getByTestId('acknowledge-panel');
    await panel.waitFor();
    expect(await panel.innerText()).toMatch(/请核对您 2026-Q2 的成绩，并在 \d{4}年\d{1,2}月\d{1,2}日 00:00（Asia\/Shanghai）前确认。/);
    await app.screenshot(staff, 'scorecard-acknowledge');
    await staff.getByTestId('acknowledge').click();
    await staff.getByRole('dialog').getByText('确认表示您已查看 2026-Q2 的成绩单').waitFor();
    await staff.getByRole('dialog').getByRole('button', { name: /确认/ }).last().click();
    const done = staff.getByTestId('acknowledged');
    await done.waitFor();
    expect(await done.innerText()).toMatch(/^已确认（\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}）$/);
    expect(await staff.getByTestId('acknowledge').count()).toBe(0);
    await app.screenshot(staff, 'scorecard-acknowledged');
    const [period] = await app.api<Period[]>('admin', `/periods?filter=${encodeURIComponent(JSON.stringify({ id: '2026-Q2' }))}`);
    expect(period.counts).toMatchObject({ staff: 60, acknowledged: 1 });
  });
});

describe('closing', () => {
  it('closes 2026-Q2 after a confirmation that says nothing can change any more; reopening asks why', async () => {
    await go(admin, '/periods');
    const q1 = card(admin, '2026-Q2');
    await q1.getByTestId('period-acknowledged').getByText('已确认 1/60').waitFor();
    await q1.getByTestId('period-close').click();
    const dialog = admin.getByTestId('period-close-dialog');
    expect(await dialog.getByTestId('period-action-content').innerText()).toContain('封账后本期的数据、绑定、运行和确认都不能再修改');
    await dialog.getByTestId('period-action-confirm').click();
    await admin.locator('[data-testid="period-card"][data-period="2026-Q2"] [data-testid="period-state"][data-state="closed"]').waitFor();
    expect(await q1.getByTestId('period-state').innerText()).toBe('已封账');
    expect(await q1.getByTestId('period-deadline').innerText()).toMatch(/^申诉截止时间：\d{4}年\d{1,2}月\d{1,2}日 00:00（Asia\/Shanghai）$/);
    const [closed] = await app.api<Period[]>('admin', `/periods?filter=${encodeURIComponent(JSON.stringify({ id: '2026-Q2' }))}`);
    expect(closed.state).toBe('closed');

    // Reopen: the button stays disabled until a reason is given; cancelled here, the period stays closed.
    await q1.getByTestId('period-reopen').click();
    const reopen = admin.getByTestId('period-reopen-dialog');
    expect(await reopen.getByTestId('period-action-confirm').isDisabled()).toBe(true);
    await reopen.getByTestId('reopen-reason').fill('申诉复核');
    expect(await reopen.getByTestId('period-action-confirm').isDisabled()).toBe(false);
    await reopen.getByRole('button', { name: '取消' }).click();
    await reopen.waitFor({ state: 'hidden' });
    expect(await q1.getByTestId('period-state').innerText()).toBe('已封账');
  });

  it('on a phone the board is one column of cards, each still with its details link and action', async () => {
    // Signed in on a desktop-sized window first (the app bar hides the role chip on a phone).
    const phone = await app.signIn('admin');
    await phone.setViewportSize({ width: 390, height: 844 });
    await go(phone, '/periods');
    const q1 = card(phone, '2026-Q2');
    await q1.waitFor();
    const [first, second] = await Promise.all([q1.boundingBox(), card(phone, '2026-Q1').boundingBox()]);
    expect(first?.width ?? 0).toBeLessThanOrEqual(390);
    expect(second?.y ?? 0).toBeGreaterThan((first?.y ?? 0) + (first?.height ?? 0) - 1);
    expect(await q1.locator('a[href="/periods/2026-Q2/show"]').isVisible()).toBe(true);
    expect(await q1.getByTestId('period-reopen').isVisible()).toBe(true);
    await app.screenshot(phone, 'periods-board-phone');
  });
});

describe('a scheduled run', () => {
  it('admins schedule a binding’s run 3 days after the period ends at 02:00, and see when it is due on the institution clock', async () => {
    await go(admin, '/bindings');
    await admin.getByTestId('cell-2026-Q1-whole').click();
    const section = admin.getByTestId('binding-dialog').getByTestId('binding-schedule');
    expect(await section.getByTestId('schedule-state').innerText()).toBe('未设置定时运行。');
    await section.getByTestId('schedule-days').fill('3');
    await section.getByTestId('schedule-time').fill('02:00');
    await section.getByTestId('schedule-save').click();
    await section.getByText('将于 2026年4月3日 02:00（Asia/Shanghai）运行').waitFor();
    await app.screenshot(admin, 'binding-schedule');
    const bindings = await app.api<Array<{ id: string; teamId: string | null }>>('admin', `/bindings?filter=${encodeURIComponent(JSON.stringify({ period: '2026-Q1' }))}`);
    const whole = bindings.find((binding) => binding.teamId === null);
    expect((await app.api<{ schedule: { dueAt: string } }>('admin', `/bindings/${whole?.id ?? ''}/schedule`)).schedule.dueAt).toBe('2026-04-02T18:00:00.000Z');
    await admin.getByTestId('binding-dialog').getByRole('button', { name: '取消', exact: true }).click();
  });
});

describe('institution settings', () => {
  it('admins reach them from the app bar; the API refuses a bad zone on its field; a good change is saved', async () => {
    await admin.getByTestId('institution-settings').click();
    await admin.waitForURL((url) => url.pathname === '/institution');
    const zone = admin.getByTestId('institution-time-zone');
    await zone.waitFor();
    expect(await zone.inputValue()).toBe('Asia/Shanghai');
    expect(await admin.getByTestId('institution-appeal-days').inputValue()).toBe('7');
    await zone.fill('Mars/Olympus');
    await admin.getByTestId('institution-save').click();
    expect(await admin.getByTestId('institution-error').innerText()).toContain('未能保存（HTTP 400）');
    await admin.getByText('必须是 IANA 时区，如 Asia/Shanghai').waitFor(); // the API answers in the console's language
    await app.screenshot(admin, 'institution-settings-refused');

    await zone.fill('Asia/Urumqi');
    await admin.getByTestId('institution-appeal-days').fill('5');
    await admin.getByTestId('institution-save').click();
    await admin.getByText('设置已保存').waitFor();
    expect(await app.api<{ timeZone: string; appealDays: number }>('admin', '/institution')).toMatchObject({ timeZone: 'Asia/Urumqi', appealDays: 5 });
    // Staff have no way there.
    const staff = await app.signIn('staff');
    expect(await staff.getByTestId('institution-settings').count()).toBe(0);
  });
});

interface ScorecardIndicators {
  id: string;
  staffId: string;
  composite: number;
  result: { indicators: Record<string, { score?: number; inputs?: Record<string, number> }> };
}
interface Appeal {
  id: string;
  caseId: string;
  status: string;
  compositeBefore: number | null;
  compositeAfter: number | null;
  correctionRunId: string | null;
}

describe('an appeal, in zh-CN', () => {
  it('staff appeal 2026-Q1, the quality officer reviews it from the inbox, the manager corrects it beside the recorded inputs, and staff see the corrected score', async () => {
    const q1 = `/scorecards?filter=${encodeURIComponent(JSON.stringify({ period: '2026-Q1' }))}`;
    const [own] = await app.api<Scorecard[]>('staff', q1);
    const before = await app.api<ScorecardIndicators>('staff', `/scorecards/${own.id}`);
    const recorded = before.result.indicators.followup_rate.inputs ?? {};
    expect(before.result.indicators.followup_rate.score).toBeLessThan(100);

    // Staff: 申诉 beside 确认 while the window is open; the dialog names the indicators and asks why.
    const staff = await app.signIn('staff');
    await go(staff, `/scorecards/${own.id}/show`);
    await staff.getByTestId('acknowledge-panel').waitFor();
    expect(await staff.getByTestId('appeal').innerText()).toBe('申诉');
    await staff.getByTestId('appeal').click();
    const dialog = staff.getByTestId('appeal-dialog');
    expect(await dialog.getByRole('heading', { level: 2 }).innerText()).toBe('对 2026-Q1 的成绩提出申诉');
    expect(await dialog.getByTestId('appeal-submit').isDisabled()).toBe(true);
    await dialog.getByLabel('随访完成率').check();
    await dialog.getByTestId('appeal-reason').fill('3 月 30 日的两次随访已完成，但漏录入系统。');
    await app.screenshot(staff, 'scorecard-appeal-dialog');
    await dialog.getByTestId('appeal-submit').click();
    const state = staff.getByTestId('appeal-state');
    await state.waitFor();
    expect(await state.innerText()).toBe('申诉处理中');
    expect(await staff.getByTestId('appeal').count()).toBe(0);
    const [appeal] = await app.api<Appeal[]>('quality_officer', `/appeals?filter=${encodeURIComponent(JSON.stringify({ staffId: before.staffId }))}`);
    expect(appeal).toMatchObject({ status: 'open', compositeBefore: before.composite });

    // Quality officer: the inbox filtered to appeals, then 受理审核.
    const quality = await app.signIn('quality_officer');
    await go(quality, '/cases/inbox');
    await quality.getByTestId('inbox-kind-appeal').click();
    const rows = quality.getByTestId('inbox-row');
    await rows.first().waitFor();
    expect(new Set(await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-kind'))))).toEqual(new Set(['appeal']));
    await quality.locator(`[data-testid="inbox-row"][data-case-id="${appeal.caseId}"]`).click();
    await quality.getByTestId('stage-form').waitFor();
    expect(await quality.getByTestId('appeal-review').getByTestId('appeal-reason-text').innerText()).toContain('漏录入系统');
    await quality.getByTestId('stage-field-evidence_checked').getByLabel('是').check();
    await quality.getByTestId('stage-field-finding').locator('textarea, input').first().fill('随访记录显示两次随访已在 3 月 30 日完成。');
    await quality.getByTestId('stage-submit').click();
    await quality.locator('[data-testid="case-page"][data-stage="decision"]').waitFor();

    // Manager: 复核决定 — the recorded inputs, the reason and the corrected values side by side.
    const manager = await app.signIn('manager');
    await go(manager, `/cases/${appeal.caseId}/show`);
    await manager.getByTestId('stage-form').waitFor();
    await manager.getByTestId('stage-field-decision').getByRole('combobox').click();
    await manager.getByRole('option', { name: '更正数据', exact: true }).click();
    await manager.getByRole('listbox').waitFor({ state: 'detached' });
    await manager.getByTestId('stage-field-corrected').locator('textarea').first().fill(`followups_done = ${recorded.followups_planned}`);
    const compare = manager.getByTestId('appeal-compare');
    const done = compare.locator('[data-testid="appeal-input-row"][data-input="followups_done"]');
    expect(await done.getByTestId('appeal-input-original').innerText()).toBe(String(recorded.followups_done));
    expect(await done.getByTestId('appeal-input-corrected').innerText()).toBe(String(recorded.followups_planned));
    expect(await compare.getByTestId('appeal-reason-text').innerText()).toContain('漏录入系统');
    await manager.getByTestId('stage-field-explanation').locator('textarea, input').first().fill('原始随访记录证实两次随访已按时完成。');
    await app.screenshot(manager, 'appeal-decision');
    await manager.getByTestId('stage-submit').click();
    await manager.locator('[data-testid="case-page"][data-status="closed"]').waitFor();

    // The correction run re-scores the staff member alone; their page says what happened.
    const corrected = await until(
      () => app.api<Appeal>('staff', `/appeals/${appeal.id}`),
      (value) => value.status === 'corrected' && value.compositeAfter !== null,
    );
    expect(corrected.compositeAfter).toBeGreaterThan(before.composite);
    const [current] = await app.api<Scorecard[]>('staff', q1);
    expect(current.id).not.toBe(own.id);
    await go(staff, `/scorecards/${current.id}/show`);
    await staff.locator('[data-testid="appeal-state"][data-status="corrected"]').waitFor();
    expect(await staff.getByTestId('appeal-state').innerText()).toBe(`已更正：综合得分 ${before.composite.toFixed(1)} → ${(corrected.compositeAfter ?? 0).toFixed(1)}`);
    expect(await staff.getByTestId('scorecard-composite').innerText()).toBe((corrected.compositeAfter ?? 0).toFixed(1));
    await app.screenshot(staff, 'scorecard-appeal-corrected');
  });
});
