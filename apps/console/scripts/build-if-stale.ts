import { ensureConsoleBuilt } from './console-build';

// `npm start` runs this first (prestart): the API serves apps/console/dist at `/`.
try {
  ensureConsoleBuilt();
} catch (error) {
  console.error(`carescore: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
