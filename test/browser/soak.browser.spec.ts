import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProduct, startProduct } from '../soak/product';
import { formatSummary, SOAK_USERS, walkConsole, type WalkSummary } from '../soak/walk';

/**
 * `npm run soak` in short: the product started exactly as the README says (`npm start`, no
 * database environment, a fresh data directory), every menu screen of every demo login walked in
 * Chromium, with one idle pause past the database pool's 10 s idle timeout. Any page error,
 * console error, 5xx or unexpected 4xx fails it.
 */
let product: RunningProduct;
let summary: WalkSummary;

beforeAll(async () => {
  product = await startProduct({ startTimeoutMs: 300_000 });
}, 320_000);

afterAll(async () => {
  await product?.stop();
}, 60_000);

describe('the shipped product, walked by every demo login', () => {
  it(
    'shows every screen without a page error, a 5xx or an unexpected 4xx, across an idle pause',
    async () => {
      const started = Date.now();
      summary = await walkConsole({ baseUrl: product.baseUrl, idleMs: 11_000, idleEvery: 3, maxIdles: 1, stepMs: 0, rounds: 1, quietMs: 500 });
      console.log(formatSummary(summary, Date.now() - started));
      expect(summary.problems).toEqual([]);
      expect(product.exited()).toBeNull();
      expect(summary.idles).toBe(1);
      expect(summary.serverErrors).toBe(0);
      expect(summary.roles.map((role) => role.role)).toEqual(SOAK_USERS.map((user) => user.label));
      for (const role of summary.roles) {
        // sign-in, the dashboard, a language switch and at least the role's own scorecards or cases.
        expect(role.screens.length, role.role).toBeGreaterThanOrEqual(4);
        expect(role.screens).toContain('/');
      }
      const admin = summary.roles[0];
      expect(admin.screens).toEqual(expect.arrayContaining(['/cases', '/cases → first record', '/cases/inbox', '/cases/dashboard', '/scorecards → first record', '/audit-log']));
    },
    600_000,
  );
});
