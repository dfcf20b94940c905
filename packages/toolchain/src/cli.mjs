#!/usr/bin/env node
// The README's two commands, `npm start` and `npm test`, land here on any Node the host has.
// Anything that needs Node >= 22 runs in a child process started with the Node from `.tools/`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureToolchain, repoRoot } from './bootstrap.mjs';

const USAGE = 'usage: cli.mjs <start|test|bench>';

function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (!['start', 'test', 'bench'].includes(command ?? '')) {
    console.error(USAGE);
    return 2;
  }
  const root = repoRoot();
  const toolchain = ensureToolchain(root);
  const runner = fileURLToPath(new URL('./tasks.mjs', import.meta.url));
  // `node` on the toolchain PATH is the one from .tools/ when the host's is too old.
  const result = spawnSync('node', [runner, command, ...rest], { stdio: 'inherit', env: toolchain.env, cwd: root });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

process.exitCode = main();
