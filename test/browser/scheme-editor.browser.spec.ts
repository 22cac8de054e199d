import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleApp, go, startConsoleApp, switchLanguage } from './support/console-app';

/**
 * The scheme editor (issue #5 items 2 and 8): an admin edits a draft scheme in forms, sees the
 * weight-sum check and the formula check react as they type, sees the server's verdict on the
 * field it names, previews the draft against real staff beside the published version, and
 * publishes it.
 */

interface DocumentDetail {
  id: string;
  key: string;
  revision: number;
  version: number;
  draftVersion: number | null;
  content: Record<string, unknown> & { dimensions: Array<{ id: string; weight: number }>; indicators: Array<{ id: string; formula: string }> };
}
interface PreviewResult {
  scorecards: Array<{ staffId: string; composite: number | null }>;
}

const KEY = 'hm-3d9i-pilot';

let app: ConsoleApp;
let admin: Page;
let doc: DocumentDetail;

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${app.baseUrl}/api${path}`, {
    method,
    headers: { 'content-type': 'application/json', Authorization: `Bearer ${await app.token('admin')}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The editor's field for a document path, and its text (value label and error). */
const field = (path: string) => admin.getByTestId(`field-${path}`);
const input = (path: string) => admin.getByTestId(`input-${path}`);

/** Waits for a state of the page (vitest's default of one second is too short on a busy machine). */
const poll = <T,>(read: () => Promise<T>) => expect.poll(read, { timeout: 30_000, interval: 100 });

beforeAll(async () => {
  app = await startConsoleApp();
  admin = await app.signIn('admin');
  // A new scheme from the demo's quarterly hm-3d9i (its facts are quarterly), published as v1,
  // then edited once through the API so that it has a draft v2 to open.
  const [hm] = await app.api<Array<{ id: string }>>('admin', `/documents?filter=${encodeURIComponent(JSON.stringify({ key: 'hm-3d9i' }))}`);
  const source = await app.api<{ content: Record<string, unknown> }>('admin', `/documents/${hm.id}/versions/2`);
  const { version: _version, status: _status, ...content } = source.content;
  const created = await call<DocumentDetail>('POST', '/documents', { content: { ...content, key: KEY, name: { zh: '三维九项（试点）', en: 'Three dimensions (pilot)' } } });
  const published = await call<DocumentDetail>('POST', `/documents/${created.id}/publish`, { revision: created.revision });
  doc = await call<DocumentDetail>('PUT', `/documents/${created.id}`, { content: { ...content, key: KEY, name: { zh: '三维九项（试点 2026）', en: 'Three dimensions (pilot 2026)' } }, revision: published.revision });
  expect(doc.draftVersion).toBe(2);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('scheme editor', () => {
  it('opens the draft from the document page', async () => {
    await go(admin, `/documents/${doc.id}/show`);
    await admin.getByTestId('edit-draft').click();
    await admin.getByTestId('editor-title').getByText('三维九项（试点 2026）').waitFor();
    await poll(() => admin.getByTestId('editor-version').innerText()).toMatch(/2/);
    await admin.getByTestId('editor-status').waitFor();
    await app.screenshot(admin, 'scheme-editor-general');
  });

  it('checks that each level of dimensions sums to 100 as weights change, and blocks saving until it does', async () => {
    await admin.getByTestId('tab-dimensions').click();
    const top = admin.getByTestId('sum-dimensions');
    await poll(() => top.getAttribute('data-ok')).toBe('true');
    const [first, second] = doc.content.dimensions;

    await input('dimensions.0.weight').fill(String(first.weight + 5));
    await poll(() => top.getAttribute('data-ok')).toBe('false');
    expect(await top.innerText()).toContain('105');
    // The admin works in Chinese (the demo users' language): the engine's own catalog words the issue (code
    // weights.sum) in it, and in English after a switch; the rest of this file runs in English.
    await admin.getByTestId('local-issues').getByText('顶层维度的权重之和必须为 100，当前为 105').waitFor();
    await switchLanguage(admin, 'English');
    // The switch may render the editor afresh from the stored draft: the same change again, now in English.
    await admin.getByTestId('tab-dimensions').click();
    await input('dimensions.0.weight').fill(String(first.weight + 5));
    await poll(() => top.getAttribute('data-ok')).toBe('false');
    await admin.getByTestId('local-issues').getByText('weights of the top-level dimensions must sum to 100, they sum to 105').waitFor();
    expect(await admin.getByTestId('editor-save').isDisabled()).toBe(true);
    // The children of a dimension are a level of their own, untouched by the change above.
    expect(await admin.getByTestId('sum-dimensions.0.indicators').getAttribute('data-ok')).toBe('true');
    await app.screenshot(admin, 'scheme-editor-weights-sum');

    await input('dimensions.1.weight').fill(String(second.weight - 5));
    await poll(() => top.getAttribute('data-ok')).toBe('true');
    await admin.getByTestId('editor-status').waitFor();
    expect(await admin.getByTestId('editor-save').isEnabled()).toBe(true);
  });

  it('validates a formula against the declared inputs as it is typed, on that field', async () => {
    await admin.getByTestId('tab-indicators').click();
    const original = doc.content.indicators[0].formula;
    await input('indicators.0.formula').fill(`${original} + visits_planned`);
    await poll(() => field('indicators.0.formula').innerText()).toContain('unknown name visits_planned');
    expect(await admin.getByTestId('editor-save').isDisabled()).toBe(true);
    await app.screenshot(admin, 'scheme-editor-formula-error');

    await input('indicators.0.formula').fill(original);
    await poll(() => field('indicators.0.formula').innerText()).not.toContain('unknown name');
    await admin.getByTestId('editor-status').waitFor();
  });

  it('builds zone conditions, checking each value against its operator on that field', async () => {
    await admin.getByTestId('tab-rules').click();
    await admin.getByTestId('group-zones.0.when').waitFor();
    const value = 'zones.0.when.all.0.value';
    const original = await input(value).inputValue();
    await input(value).fill('many');
    await poll(() => field(value).innerText()).toContain('needs a number value');
    expect(await admin.getByTestId('editor-save').isDisabled()).toBe(true);
    await app.screenshot(admin, 'scheme-editor-conditions');

    await input(value).fill(original);
    await poll(() => field(value).innerText()).not.toContain('needs a number value');
    await admin.getByTestId('editor-status').waitFor();
  });

  it('shows what the server rejects on the field it names, and saves once it is put right', async () => {
    await admin.getByTestId('tab-general').click();
    await input('key').fill('hm-3d9i-renamed');
    await admin.getByTestId('editor-save').click();
    await admin.getByTestId('server-error').waitFor();
    await poll(() => field('key').innerText()).toContain(`must stay ${KEY}`);
    await app.screenshot(admin, 'scheme-editor-server-error');

    await input('key').fill(KEY);
    await poll(() => field('key').innerText()).not.toContain('must stay');
    await admin.getByTestId('editor-save').click();
    await admin.getByTestId('editor-status').waitFor();
    await poll(() => admin.getByTestId('editor-save').isDisabled()).toBe(true);
    const stored = await app.api<DocumentDetail>('admin', `/documents/${doc.id}`);
    expect(stored.version).toBe(2);
    expect(stored.content.dimensions.slice(0, 2).map((dimension) => dimension.weight)).toEqual([doc.content.dimensions[0].weight + 5, doc.content.dimensions[1].weight - 5]);
  });

  it('previews the draft beside the published version on real staff of a period', async () => {
    await admin.getByTestId('tab-preview').click();
    const period = admin.getByTestId('preview-period');
    await period.fill('2026-Q2');
    await admin.getByTestId('preview-run').click();
    await admin.getByTestId('preview-table').waitFor();

    const scorecards = async (version: number | 'draft') =>
      (await call<PreviewResult>('POST', `/documents/${doc.id}/preview`, { version, period: '2026-Q2', sample: 20 })).scorecards;
    const draft = await scorecards('draft');
    const published = new Map((await scorecards(1)).map((card) => [card.staffId, card.composite]));
    // A staff member whose composite the new weights move.
    const moved = draft.find((card) => card.composite !== null && published.get(card.staffId) != null && Math.abs(card.composite - (published.get(card.staffId) as number)) > 0.1);
    if (!moved) throw new Error('the new weights change nobody’s composite');
    const row = admin.getByTestId(`preview-row-${moved.staffId}`);
    expect(await row.getByTestId('draft-score').innerText()).toContain((moved.composite as number).toFixed(1));
    expect(await row.getByTestId('published-score').innerText()).toContain((published.get(moved.staffId) as number).toFixed(1));
    expect(await admin.getByTestId('preview-table').locator('tbody tr').count()).toBe(draft.length);
    await app.screenshot(admin, 'scheme-editor-preview');
  });

  it('publishes the draft, which then shows in the version history', async () => {
    await admin.getByTestId('editor-back').click();
    await admin.getByTestId('document-name').waitFor();
    await admin.getByRole('button', { name: /^(Publish draft|发布草稿)$/ }).click();
    await admin.getByRole('button', { name: /^(Confirm|确认)$/ }).click();
    await admin.getByRole('button', { name: /^(Publish draft|发布草稿)$/ }).waitFor({ state: 'detached' });
    await admin.getByRole('tab', { name: /^(Versions|版本历史)$/ }).click();
    await admin.getByTestId('version-2').waitFor();
    await poll(() => admin.getByTestId('version-2').innerText()).toMatch(/Published|已发布/);
    const versions = await app.api<Array<{ version: number; status: string }>>('admin', `/documents/${doc.id}/versions`);
    expect(versions.map((v) => `${v.version}:${v.status}`)).toEqual(['2:published', '1:published']);
    await app.screenshot(admin, 'scheme-editor-published');
  });
});
