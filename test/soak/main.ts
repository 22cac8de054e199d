import { startProduct } from './product';
import { formatSummary, walkConsole } from './walk';

/**
 * `npm run soak`: the product exactly as the README starts it, walked in Chromium by every demo
 * login with idle pauses past the database pool's timeouts. Exits 1 on any problem.
 *   SOAK_IDLE_MS     the idle pause (default 12000; pg's pool drops idle connections after 10 s)
 *   SOAK_IDLE_EVERY  steps between idle pauses (default 4)
 *   SOAK_STEP_MS     the pause between other steps (default 300)
 *   SOAK_ROUNDS      walks of all five logins (default 1)
 */
function numberFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0, got "${raw}"`);
  return value;
}

async function main(): Promise<number> {
  const options = {
    idleMs: numberFrom('SOAK_IDLE_MS', 12_000),
    idleEvery: numberFrom('SOAK_IDLE_EVERY', 4),
    stepMs: numberFrom('SOAK_STEP_MS', 300),
    rounds: Math.max(1, Math.floor(numberFrom('SOAK_ROUNDS', 1))),
  };
  const started = Date.now();
  console.log(`soak: starting \`npm start\` (embedded, fresh data dir) …`);
  const product = await startProduct({ log: process.env.SOAK_VERBOSE ? (line) => console.log(`  [npm start] ${line}`) : undefined });
  console.log(`soak: ${product.baseUrl} is up after ${Math.round((Date.now() - started) / 1000)} s (data in ${product.dataDir})`);
  try {
    const walkStarted = Date.now();
    const summary = await walkConsole({ baseUrl: product.baseUrl, ...options, maxIdles: Number.POSITIVE_INFINITY, log: (line) => console.log(line) });
    if (product.exited() !== null) summary.problems.push(`the server exited (${product.exited()}) during the walk`);
    console.log(formatSummary(summary, Date.now() - walkStarted));
    if (summary.problems.length > 0) console.log(`server output (last lines):\n${product.output().split('\n').slice(-40).join('\n')}`);
    return summary.problems.length === 0 ? 0 : 1;
  } finally {
    await product.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`soak: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
