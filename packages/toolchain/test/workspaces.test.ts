import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pinnedPnpmVersion } from '../src/bootstrap.mjs';
import { listWorkspaces } from '../src/workspaces.mjs';

function makeRepo(packageManager = 'pnpm@10.34.9') {
  const root = mkdtempSync(join(tmpdir(), 'toolchain-test-'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ packageManager }));
  writeFileSync(
    join(root, 'pnpm-workspace.yaml'),
    'packages:\n  - packages/*\n  - extension\n  - test\nonlyBuiltDependencies:\n  - esbuild\n',
  );
  const add = (dir: string, name: string, scripts: Record<string, string> = {}) => {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, 'package.json'), JSON.stringify({ name, scripts }));
  };
  return { root, add };
}

describe('listWorkspaces', () => {
  it('lists libraries alphabetically, then the other workspaces in file order, e2e last', () => {
    const { root, add } = makeRepo();
    add('packages/policy', '@x/policy', { test: 'vitest run' });
    add('packages/otp', '@x/otp', { test: 'vitest run' });
    add('extension', '@x/extension', { 'check:firefox': 'web-ext lint' });
    add('test', '@x/e2e', { test: 'vitest run' });
    mkdirSync(join(root, 'packages/not-a-package'));
    const names = listWorkspaces(root).map((w: { name: string }) => w.name);
    expect(names).toEqual(['@x/otp', '@x/policy', '@x/extension', '@x/e2e']);
  });

  it('does not mistake other YAML lists for workspace globs', () => {
    const { root, add } = makeRepo();
    add('test', '@x/e2e');
    expect(listWorkspaces(root).map((w: { dir: string }) => w.dir)).toEqual([join(root, 'test')]);
  });
});

describe('pinnedPnpmVersion', () => {
  it('reads the exact pin', () => {
    expect(pinnedPnpmVersion(makeRepo().root)).toBe('10.34.9');
  });

  it('refuses a range, so every machine runs the same pnpm', () => {
    expect(() => pinnedPnpmVersion(makeRepo('pnpm@^10').root)).toThrow(/pin/);
  });
});
