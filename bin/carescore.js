#!/usr/bin/env node
'use strict';
// Runs the TypeScript CLI (apps/cli/src/main.ts) through tsx, without a build step.
const path = require('node:path');

const root = path.join(__dirname, '..');
// Use the project's tsconfig whatever the caller's working directory is.
process.env.TSX_TSCONFIG_PATH = path.join(root, 'tsconfig.json');

let cli;
try {
  require('tsx/cjs/api').register();
  cli = require(path.join(root, 'apps/cli/src/main.ts'));
} catch (error) {
  process.stderr.write(`carescore: cannot start: ${error && error.message ? error.message.split('\n')[0] : String(error)}\n`);
  process.exit(1);
}
cli.main(process.argv.slice(2));
