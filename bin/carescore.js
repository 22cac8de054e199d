#!/usr/bin/env node
'use strict';
// The carescore command. Runs the prebuilt one-file bundle dist/cli/carescore.js (`npm install`
// builds it, and so does `npm run build`), which starts in a fraction of the time the TypeScript
// sources take through tsx. When the bundle is missing, or any source it was built from has
// changed since, it runs apps/cli/src/main.ts through tsx instead: never a stale bundle.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const bundle = path.join(root, 'dist', 'cli', 'carescore.js');

/** True when the bundle exists and none of its inputs (listed beside it by the build) is newer. */
function bundleIsCurrent() {
  let built;
  let inputs;
  try {
    built = fs.statSync(bundle).mtimeMs;
    inputs = JSON.parse(fs.readFileSync(path.join(root, 'dist', 'cli', 'carescore.inputs.json'), 'utf8'));
  } catch {
    return false;
  }
  // Without the sources (an image with only the build) the bundle is all there is.
  if (!fs.existsSync(path.join(root, 'apps/cli/src/main.ts'))) return true;
  return inputs.every((input) => {
    const stat = fs.statSync(path.join(root, input), { throwIfNoEntry: false });
    return stat === undefined || stat.mtimeMs <= built;
  });
}

/**
 * Runs the bundle as `require` would, with V8's code cache the build made beside it (carescore.js.cache): most of
 * what the bundle's functions cost to compile at start is then read instead. A cache from another Node is ignored.
 */
function runBundle() {
  const Module = require('node:module');
  const vm = require('node:vm');
  let cachedData;
  try {
    cachedData = fs.readFileSync(`${bundle}.cache`);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
  const bundled = { exports: {} };
  script.runInThisContext()(bundled.exports, require, bundled, bundle, path.dirname(bundle));
}

if (bundleIsCurrent()) {
  runBundle();
} else {
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
}
