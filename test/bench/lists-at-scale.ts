import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { root, type ServerProcess, startServer, tsx, waitForHealth } from '../support/server-process';
import { createListDataset } from './list-dataset';

type Load = { p50: number; p95: number; p99: number; perSecond: number; meanBytes: number };

export interface ListsBenchOptions {
  serverUrl: string;
  clients: number;
  readLoad(port: number, paths: string[], bearer: string, reads: number): Promise<Load>;
}

const READS = Number(process.env.BENCH_LIST_READS ?? 3_000);
const LIST_TARGET_MS = 100;
const SEARCH_TARGET_MS = 50;

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (ok: boolean) => (ok ? 'meets the target' : 'MISSES the target');
const query = (params: Record<string, unknown>) =>
  Object.entries(params)
    .map(([key, value]) => `${key}=${encodeURIComponent(JSON.stringify(value))}`)
    .join('&');

/**
 * Section 4 of the platform bench (issue 13, "lists at the scale of a real institution"): one API process on a
 * database holding an institution of 50 060 staff and 200 240 current scorecards (test/bench/list-dataset.ts),
 * read by 50 concurrent clients:
 *   - GET /api/scorecards?filter={"period"}&sort=["composite","DESC"] as an admin (the first ten pages of each of
 *     four periods) and as a manager whose one team holds 20 staff (each period);
 *   - GET /api/staff?filter={"q"} as an admin, searches from two characters matching everyone (`D0`, the finding)
 *     to a code matching ten.
 * Each load is warmed up once (the first request of each query counts its total; printed on its own), then measured.
 */
export async function listsAtScale(admin: Client, options: ListsBenchOptions): Promise<void> {
  const name = `carescore_bench_lists_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(options.serverUrl);
  url.pathname = `/${name}`;
  const env: NodeJS.ProcessEnv = { DATABASE_URL: url.toString(), JWT_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'warn' };
  let api: ServerProcess | undefined;
  const db = new Client({ connectionString: env.DATABASE_URL });
  try {
    let password = '';
    for (const [script, args] of [
      ['migrate', []],
      ['create-admin', ['--institution', 'Big Hospital', '--email', 'lists@bench.test']],
    ] as const) {
      const result = spawnSync(tsx, [`apps/api/src/cli/${script}.ts`, ...args], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`${script}: ${result.stderr}`);
      if (script === 'create-admin') password = /password \(shown once\): (\S+)/.exec(result.stdout)?.[1] ?? '';
    }
    api = startServer(env);
    await waitForHealth(api);
    const port = api.port;
    const call = async <T>(method: string, path: string, bearer: string, body?: unknown): Promise<T> => {
      const response = await fetch(`http://127.0.0.1:${port}/api${path}`, { method, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
      return JSON.parse(text) as T;
    };
    const login = async (email: string, secret: string) => (await call<{ token: string }>('POST', '/auth/login', '', { email, password: secret })).token;
    const adminToken = await login('lists@bench.test', password);
    const managerPassword = randomBytes(12).toString('hex');
    const manager = await call<{ id: string }>('POST', '/users', adminToken, { email: 'manager@bench.test', name: 'Ward manager', password: managerPassword, role: 'manager' });
    const document = await call<{ id: string; revision: number }>('POST', '/documents', adminToken, { template: 'hm-3d9i' });
    await call('POST', `/documents/${document.id}/publish`, adminToken, { revision: document.revision });

    await db.connect();
    const {
      rows: [ids],
    } = await db.query<{ institutionId: string; versionId: string }>(
      `SELECT d.institution_id AS "institutionId", v.id AS "versionId" FROM documents d JOIN document_versions v ON v.document_id = d.id WHERE d.id = $1`,
      [document.id],
    );
    const generating = performance.now();
    const dataset = await createListDataset(db, ids.institutionId, manager.id, ids.versionId);
    console.log(
      `\n## Lists at the scale of a real institution (PostgreSQL, one API process; ${fmt(dataset.staff)} staff, ${fmt(dataset.scorecards)} current scorecards in ${dataset.periods.length} periods, generated in ${fmt((performance.now() - generating) / 1000, 1)} s)\n`,
    );
    const managerToken = await login('manager@bench.test', managerPassword);

    const scorecardPaths = (pages: number) =>
      dataset.periods.flatMap((period) =>
        Array.from({ length: pages }, (_, page) => `/api/scorecards?${query({ filter: { period }, sort: ['composite', 'DESC'], range: [page * 25, page * 25 + 24] })}`),
      );
    const searches = ['D0', 'D01', 'D049', 'Wang', 'zhang 4', 'D04812'];
    const searchPaths = searches.flatMap((q) => [0, 1].map((page) => `/api/staff?${query({ filter: { q }, sort: ['code', 'ASC'], range: [page * 25, page * 25 + 24] })}`));
    const loads: Array<{ label: string; paths: string[]; bearer: string; target: number }> = [
      { label: `GET /api/scorecards?filter={"period"}&sort=["composite","DESC"] as admin (${dataset.periods.length} periods × 10 pages)`, paths: scorecardPaths(10), bearer: adminToken, target: LIST_TARGET_MS },
      { label: `GET /api/scorecards?filter={"period"}&sort=["composite","DESC"] as a manager of 20 staff (${dataset.periods.length} periods)`, paths: scorecardPaths(1), bearer: managerToken, target: LIST_TARGET_MS },
      { label: `GET /api/staff?filter={"q"} as admin (${searches.map((q) => `"${q}"`).join(', ')}; 2 pages each)`, paths: searchPaths, bearer: adminToken, target: SEARCH_TARGET_MS },
    ];
    for (const load of loads) {
      // The first request of each query alone: it counts the total, which later requests of the same query reuse.
      const firsts: number[] = [];
      const step = Math.max(1, Math.floor(load.paths.length / 4));
      for (const path of load.paths.filter((_, i) => i % step === 0).slice(0, 4)) {
        const begin = performance.now();
        const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${load.bearer}` } });
        if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
        firsts.push(performance.now() - begin);
        const total = response.headers.get('content-range')?.split('/')[1];
        if (load === loads[1] && total !== '20') throw new Error(`the manager's scope should hold 20 scorecards a period, not ${total}`);
      }
      await options.readLoad(port, load.paths, load.bearer, Math.min(READS, 1_000));
      const measured = await options.readLoad(port, load.paths, load.bearer, READS);
      console.log(
        `list    ${load.label}, ${options.clients} concurrent clients, ${fmt(READS)} requests: p50 ${fmt(measured.p50, 1)} ms, p95 ${fmt(measured.p95, 1)} ms, p99 ${fmt(measured.p99, 1)} ms, ${fmt(measured.perSecond)} req/s — ${verdict(measured.p95 <= load.target)} (p95 ≤ ${load.target} ms); a first request alone ${firsts.map((ms) => fmt(ms, 1)).join(', ')} ms`,
      );
    }
    // The floor on this machine at this moment: the same clients on the lightest signed-in read (two primary-key lookups).
    const floor = await options.readLoad(port, ['/api/auth/me'], adminToken, READS);
    console.log(`list    for reference, GET /api/auth/me (two primary-key lookups), same clients: p50 ${fmt(floor.p50, 1)} ms, p95 ${fmt(floor.p95, 1)} ms, ${fmt(floor.perSecond)} req/s`);
  } finally {
    await db.end().catch(() => undefined);
    await api?.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
