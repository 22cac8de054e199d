import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The directory `relativePath` (e.g. `rule-templates`) in `start` or the nearest folder above it that has one, or
 * null. Files found this way are found alike from the sources (apps/api/src/…) and from a build (dist/api/main.js).
 */
export function findUpDirectory(relativePath: string, start: string = __dirname): string | null {
  let dir = start;
  for (;;) {
    const candidate = join(dir, relativePath);
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
