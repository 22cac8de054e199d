import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createInstitution, type TestInstitution } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/** CORS is closed unless CORS_ORIGIN lists origins; then exactly those origins get CORS headers. */
const HOSTILE = 'https://evil.example';
const CONSOLE = 'https://console.example.org';

let closed: TestApp;
let open: TestApp;
let closedAlpha: TestInstitution;
let openAlpha: TestInstitution;

beforeAll(async () => {
  closed = await startTestApp();
  closedAlpha = await createInstitution(closed, 'Alpha');
  open = await startTestApp({ corsOrigins: [CONSOLE, 'http://localhost:5173'] });
  openAlpha = await createInstitution(open, 'Alpha');
});

afterAll(async () => {
  await closed?.close();
  await open?.close();
});

describe('CORS', () => {
  it('sends no CORS headers by default, to any origin, on simple and preflight requests', async () => {
    const read = await closed.http().get('/api/teams').set(bearer(closedAlpha.admin)).set('Origin', HOSTILE).expect(200);
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
    expect(read.headers['access-control-allow-credentials']).toBeUndefined();
    const preflight = await closed.http().options('/api/teams').set('Origin', HOSTILE).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
    const login = await closed.http().post('/api/auth/login').set('Origin', HOSTILE).send({ email: closedAlpha.admin.email, password: 'wrong password' });
    expect(login.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('with CORS_ORIGIN, allows exactly the listed origins and exposes the headers clients read', async () => {
    const read = await open.http().get('/api/teams').set(bearer(openAlpha.admin)).set('Origin', CONSOLE).expect(200);
    expect(read.headers['access-control-allow-origin']).toBe(CONSOLE);
    const exposed = String(read.headers['access-control-expose-headers']).split(',');
    expect(exposed.sort()).toEqual(['Content-Range', 'ETag', 'Idempotent-Replayed', 'Location', 'Retry-After']);
    const preflight = await open.http().options('/api/teams').set('Origin', 'http://localhost:5173').set('Access-Control-Request-Method', 'POST').expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const hostile = await open.http().get('/api/teams').set(bearer(openAlpha.admin)).set('Origin', HOSTILE).expect(200);
    expect(hostile.headers['access-control-allow-origin']).toBeUndefined();
  });
});
