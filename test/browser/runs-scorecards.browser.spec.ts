import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleApp, go, startConsoleApp, switchLanguage } from './support/console-app';

interface Run {
  id: string;
  period: string;
  status: string;
  progress: { done: number; total: number };
}
interface Scorecard {
  id: string;
  staffCode: string;
  teamId: string | null;
  period: string;
}

/**
 * Evaluation runs and scorecards on the demo data: hm-3d9i bound to 2026-Q1 and 2026-Q2 with
 * facts for the 60 demo staff, both quarters already evaluated once by the seed.
 */
let app: ConsoleApp;
let quality: Page;
let runId: string;

const DIMENSIONS_ZH = ['服务执行力', '专业影响力', '客户关系质量'];
const DIMENSIONS_EN = ['Service execution', 'Professional influence', 'Relationship quality'];

beforeAll(async () => {
  app = await startConsoleApp();
  quality = await app.signIn('quality_officer');
}, 120_000);

afterAll(async () => {
  await app?.close();
});

/** The text of the chart's svg once recharts has drawn it (the legend's icons are svgs of their own). */
async function chartText(page: Page, testId: string): Promise<string> {
  const svg = page.getByTestId(testId).locator('.recharts-wrapper > svg.recharts-surface');
  await svg.waitFor();
  return svg.textContent().then((text) => text ?? '');
}

describe('evaluation runs', () => {
  it('lists the runs the demo seed made, with status and progress', async () => {
    await go(quality, '/evaluations');
    await quality.locator('[data-testid="run-status"][data-status="succeeded"]').nth(1).waitFor();
    expect(await quality.locator('thead').innerText()).toMatch(/状态[\s\S]*考核周期[\s\S]*团队[\s\S]*进度/);
    expect(await quality.getByTestId('run-progress-text').first().innerText()).toContain('60 / 60');
    await app.screenshot(quality, 'evaluations-list');
  });

  it("shows the API's refusal in its own words: nothing is bound to the period (422)", async () => {
    // react-admin prefills a create form from ?source=; the form offers bound periods only.
    await go(quality, `/evaluations/create?source=${encodeURIComponent(JSON.stringify({ period: '2030-Q1' }))}`);
    await quality.getByTestId('submit-run').click();
    const refusal = await quality.getByTestId('start-error').innerText();
    expect(refusal).toContain('考核未能开始（HTTP 422）');
    // The API answers in the console's language (Accept-Language).
    expect(refusal).toContain('2030-Q1 没有绑定方案；请先绑定一个已发布的方案版本');
    expect(refusal).toContain('period: 没有绑定方案');
    expect(new URL(quality.url()).pathname).toBe('/evaluations/create');
    await app.screenshot(quality, 'evaluation-start-refused');
    await go(quality, '/evaluations');
  });

  it('starts a run of 2026-Q2 and follows its progress bar until it has succeeded', async () => {
    await quality.getByRole('link', { name: '发起考核' }).click();
    await quality.waitForURL(/\/evaluations\/create$/);
    // The form is a lazy route: the list stays on screen until it has loaded.
    await quality.getByTestId('submit-run').waitFor();
    await quality.getByRole('combobox', { name: /考核周期/ }).click();
    await quality.getByRole('option', { name: '2026-Q2' }).click();
    await app.screenshot(quality, 'evaluation-start');
    await quality.getByTestId('submit-run').click();

    await quality.waitForURL(/\/evaluations\/[0-9a-f-]{36}\/show$/);
    runId = /\/evaluations\/([0-9a-f-]{36})\/show$/.exec(quality.url())?.[1] ?? '';
    await quality.getByTestId('run-progress').waitFor();
    await quality.locator('[data-testid="run-status"][data-status="succeeded"]').waitFor();
    expect(await quality.getByTestId('run-progress').getAttribute('data-percent')).toBe('100');
    expect(await quality.getByTestId('run-progress-text').innerText()).toContain('60 / 60');
    expect(await quality.getByTestId('run-status').innerText()).toBe('已完成');
    expect(await quality.getByTestId('summary-scorecards').innerText()).toBe('60');
    expect(await quality.getByTestId('run-pins').innerText()).toContain('hm-3d9i v2');
    await app.screenshot(quality, 'evaluation-run');

    const run = await app.api<Run>('quality_officer', `/evaluations/${runId}`);
    expect(run).toMatchObject({ period: '2026-Q2', status: 'succeeded', progress: { done: 60, total: 60 } });
  });
});

describe('scorecards', () => {
  it("opens the run's scorecards: band and zone chips, filters", async () => {
    await quality.getByTestId('run-scorecards').click();
    await quality.waitForURL(/\/scorecards\?/);
    await quality.getByTestId('band-chip').first().waitFor();
    expect(await quality.locator('thead').innerText()).toMatch(/工号[\s\S]*员工[\s\S]*综合得分[\s\S]*等级[\s\S]*预警区/);
    await app.screenshot(quality, 'scorecards-list');

    // The run's link sets its period, so the period's scorecards can be exported, headers in the reader's language.
    const [download] = await Promise.all([quality.waitForEvent('download'), quality.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toBe('scorecards-2026-Q2.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\n')[0]).toContain('工号,姓名,团队');
    expect(csv.trim().split('\n')).toHaveLength(61);
    await quality.locator('input[name="q"]').fill('D001');
    await quality.waitForURL(/D001/);
    // A string: this file is type-checked without the DOM library.
    await quality.waitForFunction(`document.querySelectorAll('tbody tr').length === 1`);
    expect(await quality.locator('tbody tr').innerText()).toContain('D001');
  });

  it('shows a scorecard: the radar of dimension scores against the team mean, the trend, every indicator', async () => {
    await quality.getByText('D001', { exact: true }).click();
    await quality.waitForURL(/\/scorecards\/[0-9a-f-]{36}\/show$/);
    const radar = await chartText(quality, 'radar-chart');
    for (const name of DIMENSIONS_ZH) expect(radar).toContain(name);
    expect(await quality.getByTestId('radar-chart').locator('.recharts-radar').count()).toBe(2);
    expect(await quality.getByTestId('radar-chart').innerText()).toMatch(/本人[\s\S]*团队平均|团队平均[\s\S]*本人/);
    const trend = await chartText(quality, 'trend-chart');
    expect(trend).toContain('2026-Q1');
    expect(trend).toContain('2026-Q2');
    expect(await quality.getByTestId('scorecard-period').innerText()).toContain('2026-Q2');
    const followups = quality.getByTestId('indicator-followup_rate');
    expect(await followups.innerText()).toContain('随访完成率');
    expect(await followups.innerText()).toContain('followups_done');
    expect(await followups.innerText()).toMatch(/→ 60 分[\s\S]*→ 80 分[\s\S]*→ 100 分/);
    await app.screenshot(quality, 'scorecard-show');
    const [scorecardPdf] = await Promise.all([quality.waitForEvent('download'), quality.getByTestId('report-pdf').click()]);
    expect(scorecardPdf.suggestedFilename()).toMatch(/^scorecard-D001-.+-2026-Q2\.pdf$/);
    expect(readFileSync(await scorecardPdf.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await switchLanguage(quality, 'English');
    await quality.getByText('Dimension scores', { exact: true }).waitFor();
    const english = await chartText(quality, 'radar-chart');
    for (const name of DIMENSIONS_EN) expect(english).toContain(name);
    expect(await quality.getByTestId('indicator-followup_rate').innerText()).toContain('Follow-up completion rate');
    await app.screenshot(quality, 'scorecard-show-en');
    await switchLanguage(quality, '简体中文');
    await quality.getByText('各维度得分', { exact: true }).waitFor();
  });

  it("opens the team summary from the scorecard: band distribution, dimension means and ranking", async () => {
    await quality.getByTestId('open-team-summary').click();
    await quality.waitForURL(/\/scorecards\/teams\/[0-9a-f-]{36}\?period=2026-Q2$/);
    await quality.getByTestId('team-ranking').locator('tbody tr').first().waitFor();
    expect(await quality.getByTestId('team-summary-title').innerText()).toBe('团队汇总：健康管理一组，2026-Q2');
    expect(await quality.getByTestId('team-summary-count').innerText()).toBe('20');
    expect(await quality.getByTestId('team-ranking').locator('tbody tr').count()).toBe(20);
    const bands = await chartText(quality, 'band-distribution');
    expect(bands).toContain('人数');
    const means = await chartText(quality, 'team-dimensions');
    for (const name of DIMENSIONS_ZH) expect(means).toContain(name);
    await app.screenshot(quality, 'team-summary');
    const [teamPdf] = await Promise.all([quality.waitForEvent('download'), quality.getByTestId('report-pdf').click()]);
    expect(teamPdf.suggestedFilename()).toBe('team-健康管理一组-2026-Q2.pdf');
    expect(readFileSync(await teamPdf.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

describe('managers', () => {
  it('see the runs but may not start one, and the scorecards of the team they manage', async () => {
    const manager = await app.signIn('manager');
    await go(manager, '/evaluations');
    await manager.locator('[data-testid="run-status"][data-status="succeeded"]').first().waitFor();
    expect(await manager.getByRole('link', { name: '发起考核' }).count()).toBe(0);
    await go(manager, '/scorecards');
    await manager.getByTestId('band-chip').first().waitFor();
    // Team names arrive in one batch (react-admin's getMany) after the rows.
    await manager.locator('tbody tr td:nth-child(3)').getByText('健康管理一组').first().waitFor();
    const teams = await manager.locator('tbody tr td:nth-child(3)').allInnerTexts();
    expect(new Set(teams.map((team) => team.trim()))).toEqual(new Set(['健康管理一组']));
  });
});

describe('staff', () => {
  it('land on their own latest published scorecard after signing in (the demo publishes 2026-Q1; 2026-Q2 is open)', async () => {
    const staff = await app.signIn('staff');
    await staff.getByTestId('latest-scorecard').waitFor();
    expect(await staff.getByTestId('scorecard-title').innerText()).toContain('D001');
    expect(await staff.getByTestId('scorecard-period').innerText()).toContain('2026-Q1');
    const radar = await chartText(staff, 'radar-chart');
    for (const name of DIMENSIONS_ZH) expect(radar).toContain(name);
    await chartText(staff, 'trend-chart');
    // Staff may not open runs or team summaries.
    expect(await staff.getByTestId('open-team-summary').count()).toBe(0);
    const [own] = await app.api<Scorecard[]>('staff', '/scorecards');
    expect(own.staffCode).toBe('D001');
    await app.screenshot(staff, 'staff-landing');
  });
});
