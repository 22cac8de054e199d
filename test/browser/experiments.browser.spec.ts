import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleApp, go, startConsoleApp, switchLanguage } from './support/console-app';

/**
 * Experiments in the console, on the demo data: hm-3d9i v1 is bound for 2026-Q1 and the demo
 * already evaluated that quarter. The test publishes a challenger (v3, other dimension weights)
 * through the API, creates and starts a shadow experiment through the UI, evaluates 2026-Q1 again
 * (the run scores the challenger beside the official scorecards), and reads the report; then a
 * split experiment's pilot report (assignment, sample-ratio check, outcome per arm).
 */
let app: ConsoleApp;
let page: Page;
let adminToken: string;
let hm3d9i: { id: string };
let splitId: string;

async function send<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<T> {
  const response = await fetch(`${app.baseUrl}/api${path}`, { method, headers: { Authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

interface Run {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  errors: unknown[];
}

/**
 * Starts an evaluation run of a period and polls it until it has ended, as a client would. The demo's 2026-Q1 is
 * published, so a new run of it states why.
 */
async function evaluate(period: string): Promise<Run> {
  const started = await send<Run>('POST', '/evaluations', { period, reason: 'Experiment arms evaluated on the published quarter' });
  const deadline = Date.now() + 90_000;
  for (;;) {
    const run = await app.api<Run>('admin', `/evaluations/${started.id}`);
    if (run.status === 'succeeded' || run.status === 'failed') return run;
    if (Date.now() > deadline) throw new Error(`run ${run.id} still ${run.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Publishes hm-3d9i v3: the template's indicators with the weight moved to relationship quality. */
async function publishChallenger(): Promise<void> {
  [hm3d9i] = await app.api<Array<{ id: string }>>('admin', `/documents?filter=${encodeURIComponent(JSON.stringify({ key: 'hm-3d9i' }))}`);
  const v1 = await app.api<{ content: { dimensions: Array<{ id: string; weight: number }> } }>('admin', `/documents/${hm3d9i.id}/versions/1`);
  const weights: Record<string, number> = { execution: 20, influence: 20, relationship: 60 };
  const content = { ...v1.content, dimensions: v1.content.dimensions.map((dimension) => ({ ...dimension, weight: weights[dimension.id] })) };
  const document = await app.api<{ revision: number }>('admin', `/documents/${hm3d9i.id}`);
  const draft = await send<{ revision: number; draftVersion: number }>('PUT', `/documents/${hm3d9i.id}`, { content, revision: document.revision });
  expect(draft.draftVersion).toBe(3);
  await send('POST', `/documents/${hm3d9i.id}/publish`, { revision: draft.revision });
}

/** Picks an option of the MUI select at `index` inside a container. */
async function choose(container: string, index: number, option: RegExp): Promise<void> {
  await page.getByTestId(container).getByRole('combobox').nth(index).click();
  await page.getByRole('option', { name: option }).click();
}

beforeAll(async () => {
  app = await startConsoleApp();
  adminToken = await app.token('admin');
  await publishChallenger();
  const split = await send<{ id: string }>('POST', '/experiments', {
    key: 'pilot-relationship',
    name: { zh: '关系权重试点', en: 'Relationship weight pilot' },
    champion: { documentId: hm3d9i.id, version: 1 },
    challenger: { documentId: hm3d9i.id, version: 3 },
    periods: ['2026-Q1'],
    mode: 'split',
    unit: 'staff',
    challengerPercent: 50,
  });
  splitId = split.id;
  page = await app.signIn('admin'); // the demo admin's language is zh-CN
}, 180_000);

afterAll(async () => {
  await app?.close();
});

describe('shadow experiment', () => {
  it('is created in the form (champion from the binding, challenger v3) and started after a confirmation', async () => {
    await go(page, '/experiments/create');
    await page.locator('input[name="key"]').fill('weights-relationship');
    await page.locator('input[name="name.zh"]').fill('关系质量加权试验');
    await page.locator('input[name="name.en"]').fill('Relationship weight trial');
    await page.locator('input[name="periods"]').click();
    await page.getByRole('option', { name: '2026-Q1', exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('bound-versions').getByText('2026-Q1 → hm-3d9i v1').waitFor();
    await page.getByTestId('use-bound-version').click();
    await page.getByTestId('champion-picker').getByText('v1', { exact: true }).waitFor();
    await choose('challenger-picker', 0, /\(hm-3d9i\)/);
    await choose('challenger-picker', 1, /^v3$/);
    await app.screenshot(page, 'experiment-create-zh-CN');
    await page.getByRole('button', { name: /^(保存|Save)$/ }).click();

    await page.getByTestId('experiment-name').getByText('关系质量加权试验').waitFor();
    expect(await page.getByTestId('experiment-status').innerText()).toBe('草稿');
    await page.getByTestId('report-empty').waitFor();

    await page.getByRole('button', { name: '开始' }).click();
    await page.getByRole('dialog').getByText('hm-3d9i v3').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    await page.getByTestId('experiment-status').getByText('进行中').waitFor();
  });

  it('shows the report of a run made while it runs: histogram, rank scatter plot, band heat map, breakdowns, per staff', async () => {
    const run = await evaluate('2026-Q1');
    expect(run.status, JSON.stringify(run.errors)).toBe('succeeded');
    await page.reload();
    const report = page.getByTestId('shadow-report');
    await report.getByTestId('comparison-summary').waitFor();
    expect(await page.getByTestId('summary-staff').innerText()).toBe('60');

    const histogram = page.getByTestId('delta-histogram');
    await histogram.locator('svg .recharts-bar-rectangle').first().waitFor();
    expect(await histogram.textContent()).toContain('分数变化分布');
    expect(await histogram.locator('svg.recharts-surface').textContent()).toContain('分数变化（挑战 − 现行）');

    const scatter = page.getByTestId('rank-scatter');
    await scatter.locator('svg .recharts-scatter-symbol').first().waitFor();
    expect(await scatter.locator('svg .recharts-scatter-symbol').count()).toBe(60);
    expect(await scatter.locator('svg.recharts-surface').textContent()).toMatch(/现行方案排名[\s\S]*挑战方案排名/);

    const heatmap = page.getByTestId('band-heatmap');
    expect(await heatmap.locator('svg [data-testid="heat-cell"] rect').count()).toBeGreaterThanOrEqual(16);
    const cellCounts = await heatmap.locator('svg [data-testid="heat-cell"] text').evaluateAll((cells) => cells.map((cell) => cell.textContent ?? ''));
    expect(cellCounts.reduce((sum, count) => sum + Number(count), 0)).toBe(60);
    const heatmapText = await heatmap.locator('svg').textContent();
    expect(heatmapText).toContain('A 优秀');
    expect(heatmapText).toContain('现行方案等级');
    expect(heatmapText).toContain('挑战方案等级');

    // The numbers are the API's; the readings put them in words.
    const api = await app.api<{ overall: { spearman: number; bandChanged: number } }>('admin', `/experiments/${await experimentId('weights-relationship')}/report?period=2026-Q1`);
    expect(await page.getByTestId('summary-spearman').innerText()).toBe(api.overall.spearman.toFixed(3));
    expect(await page.getByTestId('correlation-reading').innerText()).toMatch(/一致性|相关|反向/);
    expect(await page.getByTestId('changes-reading').innerText()).toContain(`${api.overall.bandChanged} 人等级变化`);
    expect(await page.getByTestId('by-team').innerText()).toContain('健康管理一组');
    expect(await page.getByTestId('by-tier').innerText()).toContain('初级');
    expect(await page.getByTestId('staff-row').count()).toBe(60);
    await app.screenshot(page, 'experiment-shadow-report-zh-CN');
  });

  it('reads the same report in English', async () => {
    await switchLanguage(page, 'English');
    await page.getByTestId('delta-histogram').getByText('Distribution of the score change').waitFor();
    expect(await page.getByTestId('rank-scatter').locator('svg.recharts-surface').textContent()).toMatch(/Champion rank[\s\S]*Challenger rank/);
    expect(await page.getByTestId('band-heatmap').locator('svg').textContent()).toContain('A Excellent');
    expect(await page.getByTestId('by-team').innerText()).toContain('Health management team 1');
    await app.screenshot(page, 'experiment-shadow-report-en');
    await switchLanguage(page, '简体中文');
  });

  it('lists experiments with status, mode, champion, challenger, population and periods', async () => {
    await go(page, '/experiments');
    const row = page.locator('tr', { hasText: 'weights-relationship' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/关系质量加权试验[\s\S]*进行中[\s\S]*影子对比[\s\S]*hm-3d9i v1[\s\S]*hm-3d9i v3[\s\S]*全机构[\s\S]*2026-Q1/);
    expect(await page.locator('tr', { hasText: 'pilot-relationship' }).innerText()).toMatch(/草稿[\s\S]*分组试点 · 50% · 员工/);
    await app.screenshot(page, 'experiments-list-zh-CN');
  });

  it('takes a new name once running, its other settings shown read-only', async () => {
    await go(page, `/experiments/${await experimentId('weights-relationship')}/show`);
    await page.getByRole('link', { name: '编辑' }).click();
    await page.getByTestId('locked-settings').waitFor();
    await page.locator('input[name="name.en"]').fill('Relationship-first trial');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('experiment-name').waitFor();
    await switchLanguage(page, 'English');
    await page.getByTestId('experiment-name').getByText('Relationship-first trial').waitFor();
    await switchLanguage(page, '简体中文');
    expect(await page.getByTestId('experiment-status').innerText()).toBe('进行中');
  });

  it('shows the API’s reason when promotion is refused (the next period is already bound)', async () => {
    await go(page, `/experiments/${await experimentId('weights-relationship')}/show`);
    await page.getByRole('button', { name: '推广挑战方案' }).click();
    await page.getByRole('dialog').getByText('2026-Q2').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    await page.getByText('2026-Q2 已为整个机构绑定').waitFor(); // the API answers in the console's language
    expect(await page.getByTestId('experiment-status').innerText()).toBe('进行中');
  });
});

describe('split experiment', () => {
  it('shows units per arm, the sample-ratio check and the outcome per arm with its 95 % interval and verdict', async () => {
    await go(page, `/experiments/${splitId}/show`);
    const assignment = await app.api<{ counts: { champion: number; challenger: number } }>('admin', `/experiments/${splitId}/assignment`);
    await page.getByTestId('split-report').waitFor();
    await page.getByTestId('units-champion').getByText(`现行方案: ${assignment.counts.champion} 名员工`).waitFor();
    expect(await page.getByTestId('units-challenger').innerText()).toBe(`挑战方案: ${assignment.counts.challenger} 名员工`);
    expect(await page.getByTestId('unit-row').count()).toBe(60);
    expect(await page.getByTestId('srm-reading').innerText()).toMatch(/样本比例/);
    await page.getByTestId('assignment').locator('svg .recharts-bar-rectangle').first().waitFor();

    // The outcome is read from the period's official scorecards (the demo's run of 2026-Q1); NPS is the default outcome indicator.
    const outcomes = await app.api<{ verdict: { text: { zh: string; en: string } }; welch: { status: string } }>('admin', `/experiments/${splitId}/outcomes?period=2026-Q1&indicator=nps`);
    await page.getByTestId('verdict').getByText(outcomes.verdict.text.zh).waitFor();
    const chart = page.getByTestId('outcome-chart');
    await chart.locator('svg .recharts-bar-rectangle').first().waitFor();
    expect(await chart.locator('svg .recharts-bar-rectangle').count()).toBe(2);
    expect(await chart.innerText()).toContain('95% 置信区间');
    if (outcomes.welch.status === 'estimated') {
      expect(await chart.locator('svg .recharts-errorBar').count()).toBeGreaterThanOrEqual(2);
      expect(await page.getByTestId('difference-text').innerText()).toMatch(/挑战 − 现行：[+−]?\d/);
    }
    await app.screenshot(page, 'experiment-split-report-zh-CN');

    await switchLanguage(page, 'English');
    await page.getByTestId('verdict').getByText(outcomes.verdict.text.en).waitFor();
    expect(await page.getByTestId('outcome-chart').innerText()).toContain('per arm: mean with 95% interval');
    await app.screenshot(page, 'experiment-split-report-en');
  });
});

async function experimentId(key: string): Promise<string> {
  const [experiment] = await app.api<Array<{ id: string }>>('admin', `/experiments?filter=${encodeURIComponent(JSON.stringify({ q: key }))}`);
  return experiment.id;
}
