import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleApp, go, startConsoleApp, switchLanguage } from './support/console-app';

/**
 * Awards (SPEC §6) in the console on the demo data: one team's 2026-Q2 is scored by hm-3d9i with two awards (one for
 * everyone scored, one for a composite up on 2026-Q1), then the quality officer reads the team's honour roll (光荣榜)
 * and a scorecard's award chips in Chinese and English.
 */
interface HonourRoll {
  entries: Array<{ staffCode: string; scorecardId: string | null; awards: Array<{ id: string }> }>;
}

const AWARDS = [
  { id: 'taking_part', name: { zh: '参与奖', en: 'Taking-part award' }, description: { zh: '本期有综合得分', en: 'Scored this period' }, when: { all: [{ fact: 'composite', operator: 'greaterThanInclusive', value: 0 }] } },
  { id: 'progress', name: { zh: '进步奖', en: 'Progress award' }, when: { all: [{ fact: 'change', path: '$.composite', operator: 'greaterThan', value: 0 }] } },
];

let app: ConsoleApp;
let quality: Page;
let teamId: string;

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${app.baseUrl}/api${path}`, {
    method,
    headers: { 'content-type': 'application/json', Authorization: `Bearer ${await app.token('admin')}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

beforeAll(async () => {
  app = await startConsoleApp();
  const [hm] = await app.api<Array<{ id: string }>>('admin', `/documents?filter=${encodeURIComponent(JSON.stringify({ key: 'hm-3d9i' }))}`);
  const source = await app.api<{ content: Record<string, unknown> }>('admin', `/documents/${hm.id}/versions/2`);
  const { version: _version, status: _status, ...content } = source.content;
  const created = await call<{ id: string; revision: number }>('POST', '/documents', { content: { ...content, key: 'hm-3d9i-awards', awards: AWARDS } });
  await call('POST', `/documents/${created.id}/publish`, { revision: created.revision });
  const [team] = await app.api<Array<{ id: string }>>('admin', '/teams');
  teamId = team.id;
  await call('POST', '/bindings', { period: '2026-Q2', teamId, documentId: created.id, version: 1 });
  const run = await call<{ id: string }>('POST', '/evaluations', { period: '2026-Q2', teamId });
  for (let waited = 0; ; waited += 250) {
    const { status } = await app.api<{ status: string }>('admin', `/evaluations/${run.id}`);
    if (status === 'succeeded') break;
    if (status === 'failed' || waited > 60_000) throw new Error(`the run of 2026-Q2 is ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  quality = await app.signIn('quality_officer');
}, 180_000);

afterAll(async () => {
  await app?.close();
});

describe('awards', () => {
  it('the honour roll lists the team’s staff with their award chips, as the API does', async () => {
    const roll = await app.api<HonourRoll>('quality_officer', `/teams/${teamId}/honour-roll?period=2026-Q2`);
    expect(roll.entries.length).toBeGreaterThan(0);
    expect(roll.entries.every((entry) => entry.awards[0].id === 'taking_part')).toBe(true);
    await go(quality, `/honour-roll/${teamId}?period=2026-Q2`);
    await quality.getByTestId('honour-roll').waitFor();
    const first = quality.getByTestId(`honour-roll-${roll.entries[0].staffCode}`);
    await first.getByTestId('award-taking_part').waitFor();
    expect(await first.getByTestId('award-taking_part').innerText()).toBe('参与奖');
    expect(await quality.getByTestId('honour-roll').locator('[data-testid="award-taking_part"]').count()).toBe(roll.entries.length);
    const progressed = roll.entries.filter((entry) => entry.awards.some((award) => award.id === 'progress')).length;
    expect(await quality.getByTestId('honour-roll').locator('[data-testid="award-progress"]').count()).toBe(progressed);
    await app.screenshot(quality, 'honour-roll');
  });

  it('a scorecard shows its awards as chips in the console’s language', async () => {
    const roll = await app.api<HonourRoll>('quality_officer', `/teams/${teamId}/honour-roll?period=2026-Q2`);
    await go(quality, `/scorecards/${roll.entries[0].scorecardId}/show`);
    const chips = quality.getByTestId('scorecard').getByTestId('award-chips');
    await chips.getByTestId('award-taking_part').waitFor();
    expect(await chips.getByTestId('award-taking_part').innerText()).toBe('参与奖');
    await quality.getByTestId('open-honour-roll').waitFor();
    await app.screenshot(quality, 'scorecard-awards');
    await switchLanguage(quality, 'English');
    await expect.poll(() => chips.getByTestId('award-taking_part').innerText(), { timeout: 30_000 }).toBe('Taking-part award');
    await switchLanguage(quality, '简体中文');
  });
});
