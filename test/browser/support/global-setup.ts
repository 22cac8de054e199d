import { ensureConsoleBuilt } from '../../../apps/console/scripts/console-build';

/** The browser tests drive the built console as the API serves it: build it first when stale. */
export default function setup(): void {
  ensureConsoleBuilt((line) => console.log(`[browser tests] ${line}`));
}
