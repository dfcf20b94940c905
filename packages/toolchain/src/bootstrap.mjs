// Runs on whatever Node the host has (Node 20 on a fresh machine), so: plain ESM, no dependencies.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const MIN_NODE_MAJOR = 22;
const NODE_PACKAGE = 'node@24';

export function repoRoot() {
  return new URL('../../../', import.meta.url).pathname.replace(/\/$/, '');
}

export function pinnedPnpmVersion(root) {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const match = /^pnpm@(\d+\.\d+\.\d+)$/.exec(manifest.packageManager ?? '');
  if (!match) throw new Error('package.json must pin "packageManager": "pnpm@x.y.z"');
  return match[1];
}

function installedVersion(toolsDir, name) {
  const file = join(toolsDir, 'node_modules', name, 'package.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')).version;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/**
 * Makes sure `.tools/` holds a Node >= 22 (when the host's is older) and the pinned pnpm,
 * and returns the environment in which `node` and `pnpm` resolve to them.
 */
export function ensureToolchain(root) {
  const toolsDir = join(root, '.tools');
  const binDir = join(toolsDir, 'node_modules', '.bin');
  const pnpmVersion = pinnedPnpmVersion(root);
  const hostMajor = Number(process.versions.node.split('.')[0]);
  const wanted = [];
  if (hostMajor < MIN_NODE_MAJOR && !existsSync(join(binDir, 'node'))) wanted.push(NODE_PACKAGE);
  if (installedVersion(toolsDir, 'pnpm') !== pnpmVersion) wanted.push(`pnpm@${pnpmVersion}`);
  if (wanted.length > 0) {
    console.log(`[toolchain] installing ${wanted.join(', ')} into .tools/`);
    const status = run(
      'npm',
      ['install', '--prefix', toolsDir, '--no-audit', '--no-fund', '--loglevel=error', ...wanted],
      {
        shell: process.platform === 'win32',
      },
    );
    if (status !== 0) throw new Error(`npm install ${wanted.join(' ')} failed (exit ${status})`);
  }
  const env = { ...process.env, PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}` };
  return { env, binDir, pnpmVersion, needsNodeSwitch: hostMajor < MIN_NODE_MAJOR };
}
