#!/usr/bin/env node
'use strict';
// `npm start`, `npm run worker`, `npm run migrate`, `npm run seed`, `npm run create-admin`, `npm run audit:verify`:
//   node scripts/start.cjs api|worker|migrate|seed|create-admin|audit-verify [args…]
// With NODE_ENV=production it runs the compiled build (`npm run build`, dist/) and refuses to
// start without one; otherwise the TypeScript sources through tsx, and `npm start` first builds
// the console when it is missing or older than its sources.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const PROGRAMS = {
  api: { compiled: 'dist/api/main.js', source: 'apps/api/src/main.ts' },
  worker: { compiled: 'dist/worker/main.js', source: 'apps/worker/src/main.ts' },
  migrate: { compiled: 'dist/api/migrate.js', source: 'apps/api/src/cli/migrate.ts' },
  seed: { compiled: 'dist/api/seed.js', source: 'apps/api/src/cli/seed.ts' },
  'create-admin': { compiled: 'dist/api/create-admin.js', source: 'apps/api/src/cli/create-admin.ts' },
  'audit-verify': { compiled: 'dist/api/audit-verify.js', source: 'apps/api/src/cli/audit-verify.ts' },
};

const name = process.argv[2];
const program = PROGRAMS[name];
if (!program) {
  process.stderr.write(`usage: node scripts/start.cjs ${Object.keys(PROGRAMS).join('|')} [args…]\n`);
  process.exit(2);
}
// The program sees its own arguments as if started directly (`npm run create-admin -- --email …`).
process.argv.splice(2, 1);

if (process.env.NODE_ENV === 'production') {
  const compiled = path.join(root, program.compiled);
  if (!fs.existsSync(compiled)) {
    process.stderr.write(`carescore: NODE_ENV=production runs the compiled build, and ${program.compiled} is missing: run \`npm run build\` first (or unset NODE_ENV to run the TypeScript sources)\n`);
    process.exit(1);
  }
  require(compiled);
} else {
  process.env.TSX_TSCONFIG_PATH = path.join(root, 'tsconfig.json');
  require('tsx/cjs/api').register();
  if (name === 'api') require(path.join(root, 'apps/console/scripts/build-if-stale.ts'));
  require(path.join(root, program.source));
}
