import { main } from './main';

// The entry point of the bundled CLI (dist/cli/carescore.js, see scripts/build.mjs).
main(process.argv.slice(2));
