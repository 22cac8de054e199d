import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdjustableClock } from '../../apps/api/src/modules/cases/clock';
import { LOGIN_CLOCK } from '../../apps/api/src/modules/auth/login-throttle';
import { auditEntries } from './support/audit-entries';
import { createInstitution, PASSWORD, type TestInstitution } from './support/fixtures';
import { deleteKeys, REDIS_URL, testPrefix } from './support/redis-stand-ins';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Sign-in throttling: at most 5 failures per account and 20 per client address in 15 minutes (the defaults),
 * counted before the password is checked, so bursts get no further; 429 with Retry-After; windows pinned with the
 * throttle's clock. Client addresses come from X-Forwarded-For, which the app trusts from loopback here, as it would
 * from a reverse proxy with TRUST_PROXY.
 */
// A day ahead of the real clock: the fixtures' own sign-ins (at the real time) opened windows that must be over by then.
const T0 = Math.ceil(Date.now() / 1000) * 1000 + 86_400_000;
const WINDOW_MS = 15 * 60 * 1000;
const WRONG = 'not the password';

const clockOf = (t: TestApp) => t.app.get<AdjustableClock>(LOGIN_CLOCK);
const signIn = (t: TestApp, address: string, email: string, password: string) =>
  t.http().post('/api/auth/login').set('X-Forwarded-For', address).send({ email, password });
const countBy = (statuses: number[]) => statuses.reduce<Record<number, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});

function expectLimited(response: { status: number; headers: Record<string, string>; body: { message: string } }, retryAfterSeconds: number): void {
  expect(response.status, JSON.stringify(response.body)).toBe(429);
  expect(response.headers['retry-after']).toBe(String(retryAfterSeconds));
  expect(response.body).toEqual({ statusCode: 429, error: 'TooManyRequests', message: `too many failed sign-ins; try again in ${retryAfterSeconds} s`, details: [] });
}

describe('sign-in throttling in one API process', () => {
  let t: TestApp;
  let clinic: TestInstitution;

  beforeAll(async () => {
    t = await startTestApp({ trustProxy: 'loopback' });
    clinic = await createInstitution(t, 'Locks');
  });
  afterAll(async () => t?.close());

  it('refuses an address after 20 failures, whatever the emails, until its window ends', async () => {
    clockOf(t).set(new Date(T0));
    const address = '198.51.100.1';
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const response = await signIn(t, address, `sprayed-${i}@nowhere.test`, WRONG);
      statuses.push(response.status);
      if (response.status === 429) expectLimited(response, 900);
    }
    expect(statuses).toEqual([...Array<number>(20).fill(401), ...Array<number>(10).fill(429)]);
    // Even a right password is refused from there; other addresses are not affected.
    expectLimited(await signIn(t, address, clinic.admin.email, PASSWORD), 900);
    expect((await signIn(t, '198.51.100.2', clinic.admin.email, PASSWORD)).status).toBe(200);

    clockOf(t).set(new Date(T0 + WINDOW_MS - 1));
    expectLimited(await signIn(t, address, 'sprayed-30@nowhere.test', WRONG), 1);
    clockOf(t).set(new Date(T0 + WINDOW_MS));
    expect((await signIn(t, address, 'sprayed-30@nowhere.test', WRONG)).status).toBe(401);
  });

  it('lets exactly 5 of 40 parallel wrong passwords for one account reach the password check; refusals are not audited', async () => {
    clockOf(t).set(new Date(T0));
    const failuresBefore = (await auditEntries(t, clinic.admin, { action: 'login_failed' })).length;
    const responses = await Promise.all(Array.from({ length: 40 }, () => signIn(t, '198.51.100.3', clinic.manager.email, WRONG)));
    expect(countBy(responses.map((response) => response.status))).toEqual({ 401: 5, 429: 35 });
    for (const response of responses.filter((r) => r.status === 429)) expectLimited(response, 900);
    const failures = await auditEntries(t, clinic.admin, { action: 'login_failed' });
    expect(failures).toHaveLength(failuresBefore + 5);
    expect(failures.slice(0, 5).every((entry) => entry.changes.reason === 'wrong password')).toBe(true);
    // The account is locked from every address, not only the one that guessed.
    expectLimited(await signIn(t, '198.51.100.4', clinic.manager.email, PASSWORD), 900);
  });

  it('refuses the right password after a lock-out until the window ends, to the millisecond; then signs in, audited', async () => {
    clockOf(t).set(new Date(T0));
    const address = '198.51.100.5';
    for (let i = 0; i < 5; i += 1) expect((await signIn(t, address, clinic.quality.email, WRONG)).status).toBe(401);
    clockOf(t).set(new Date(T0 + 60_000));
    expectLimited(await signIn(t, address, clinic.quality.email, PASSWORD), 840);
    clockOf(t).set(new Date(T0 + WINDOW_MS - 1));
    expectLimited(await signIn(t, address, clinic.quality.email, PASSWORD), 1);
    clockOf(t).set(new Date(T0 + WINDOW_MS));
    const signedIn = await signIn(t, address, clinic.quality.email, PASSWORD);
    expect(signedIn.status).toBe(200);

    const [entry] = await auditEntries(t, clinic.admin, { action: 'login', actorId: clinic.quality.id });
    expect(entry).toMatchObject({ action: 'login', entityType: 'user', entityId: clinic.quality.id, actorId: clinic.quality.id, actorEmail: clinic.quality.email, ip: address });
  });

  it('does not count successful sign-ins: 4 failures, 3 sign-ins, then exactly 1 more failure', async () => {
    clockOf(t).set(new Date(T0));
    const address = '198.51.100.6';
    for (let i = 0; i < 4; i += 1) expect((await signIn(t, address, clinic.staff.email, WRONG)).status).toBe(401);
    for (let i = 0; i < 3; i += 1) expect((await signIn(t, address, clinic.staff.email, PASSWORD)).status).toBe(200);
    expect((await signIn(t, address, clinic.staff.email, WRONG)).status).toBe(401);
    expectLimited(await signIn(t, address, clinic.staff.email, WRONG), 900);
    expect(await auditEntries(t, clinic.admin, { action: 'login', actorId: clinic.staff.id })).toHaveLength(3 + 1); // + the fixture's own sign-in
  });

  it('limits an email nobody has exactly like an existing account, so limits reveal no accounts', async () => {
    clockOf(t).set(new Date(T0));
    const unknown = `nobody-${Date.now()}@locks.test`;
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push((await signIn(t, '198.51.100.7', unknown, WRONG)).body);
    expect(new Set(answers.map((body) => JSON.stringify(body)))).toEqual(new Set([JSON.stringify({ statusCode: 401, error: 'Unauthenticated', message: 'wrong email or password', details: [] })]));
    expectLimited(await signIn(t, '198.51.100.8', unknown, WRONG), 900);
  });
});

describe('sign-in throttling shared by two API processes through Redis', () => {
  const prefix = testPrefix('login');
  let a: TestApp;
  let b: TestApp;
  let clinic: TestInstitution;

  beforeAll(async () => {
    a = await startTestApp({ redisUrl: REDIS_URL, queuePrefix: prefix, trustProxy: 'loopback' });
    b = await startTestApp({ redisUrl: REDIS_URL, queuePrefix: prefix, trustProxy: 'loopback' });
    clinic = await createInstitution(a, 'Shared');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await deleteKeys(prefix);
  });

  const setClocks = (at: number) => {
    for (const app of [a, b]) clockOf(app).set(new Date(at));
  };

  it('lets 5 of 40 parallel wrong passwords through across both processes, not 5 each', async () => {
    setClocks(T0);
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(i % 2 === 0 ? a : b, '203.0.113.1', clinic.manager.email, WRONG)));
    expect(countBy(responses.map((response) => response.status))).toEqual({ 401: 5, 429: 35 });
  });

  it('locks the account in both processes until the window shared by both ends', async () => {
    setClocks(T0 + 1000);
    expectLimited(await signIn(b, '203.0.113.2', clinic.manager.email, PASSWORD), 899);
    setClocks(T0 + WINDOW_MS - 1);
    expectLimited(await signIn(a, '203.0.113.2', clinic.manager.email, PASSWORD), 1);
    setClocks(T0 + WINDOW_MS);
    expect((await signIn(a, '203.0.113.2', clinic.manager.email, PASSWORD)).status).toBe(200);
  });

  it('counts an address across both processes: 20 failures in all, whatever the emails', async () => {
    setClocks(T0);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) statuses.push((await signIn(i % 2 === 0 ? a : b, '203.0.113.3', `sprayed-${i}@nowhere.test`, WRONG)).status);
    expect(statuses).toEqual([...Array<number>(20).fill(401), ...Array<number>(10).fill(429)]);
  });
});
