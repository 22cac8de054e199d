import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONSOLE_DIST } from '../bootstrap';
import { findUpDirectory } from './find-up-directory';

describe('findUpDirectory: what the API reads at run time, from the sources and from the build alike', () => {
  const project = mkdtempSync(join(tmpdir(), 'carescore-find-up-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));
  for (const dir of ['apps/console/dist', 'apps/api/src/common', 'dist/api', 'rule-templates']) mkdirSync(join(project, dir), { recursive: true });
  // A file of that name is not the directory.
  mkdirSync(join(project, 'dist/api/apps'), { recursive: true });
  writeFileSync(join(project, 'dist/api/apps/console'), '');

  it('finds the nearest folder above the start that has it: from src/ and from dist/api/', () => {
    expect(findUpDirectory('apps/console', join(project, 'apps/api/src/common'))).toBe(join(project, 'apps/console'));
    expect(findUpDirectory('apps/console', join(project, 'dist/api'))).toBe(join(project, 'apps/console'));
    expect(findUpDirectory('rule-templates', join(project, 'dist/api'))).toBe(join(project, 'rule-templates'));
  });

  it('is null when no folder above has it', () => {
    expect(findUpDirectory(`no-such-${Date.now()}`, join(project, 'dist/api'))).toBeNull();
  });

  it('the console the API serves is apps/console/dist of this project', () => {
    expect(CONSOLE_DIST).toBe(resolve(__dirname, '../../../console/dist'));
  });
});
