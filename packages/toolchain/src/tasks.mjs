// Runs under Node >= 22 with the pinned pnpm on PATH (see cli.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './bootstrap.mjs';
import { ensureBrowsers } from './browsers.mjs';
import { Tally } from './summary.mjs';
import { listWorkspaces } from './workspaces.mjs';

const root = repoRoot();

function sh(command, args, { cwd = root, allowFailure = false } = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd, env: process.env });
  if (result.error) throw result.error;
  const status = result.status ?? 1;
  if (status !== 0 && !allowFailure) {
    throw new Error(`${command} ${args.join(' ')} exited with ${status}`);
  }
  return status;
}

function banner(title) {
  console.log(`\n━━ ${title} ${'━'.repeat(Math.max(0, 70 - title.length))}`);
}

function installDependencies() {
  banner('install dependencies (frozen lockfile)');
  sh('pnpm', ['install', '--frozen-lockfile', '--config.confirmModulesPurge=false']);
}

function build() {
  banner('build');
  return sh('pnpm', ['-r', '--workspace-concurrency=1', 'run', 'build'], { allowFailure: true });
}

function runVitest(tally, workspace, reportDir) {
  banner(`tests: ${workspace.name}`);
  const report = join(reportDir, `${workspace.name.replace(/[^a-z0-9]+/gi, '_')}.json`);
  const status = sh(
    'pnpm',
    ['--dir', workspace.dir, 'run', 'test', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { allowFailure: true },
  );
  tally.vitest(
    `tests ${workspace.name}`,
    status,
    existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : undefined,
  );
}

function test() {
  ensureBrowsers(['chromium', 'firefox']);
  installDependencies();
  const tally = new Tally();
  const workspaces = listWorkspaces(root);
  const built = build() === 0;
  tally.check('build (all workspaces)', built);

  banner('typecheck');
  tally.check('typecheck', sh('pnpm', ['run', 'typecheck'], { allowFailure: true }) === 0);
  banner('lint');
  tally.check('lint (biome)', sh('pnpm', ['run', 'lint'], { allowFailure: true }) === 0);

  for (const workspace of workspaces) {
    for (const script of Object.keys(workspace.scripts).filter((s) => s.startsWith('check:'))) {
      banner(`${script}: ${workspace.name}`);
      const status = sh('pnpm', ['--dir', workspace.dir, 'run', script], { allowFailure: true });
      tally.check(`${script} ${workspace.name}`, status === 0);
    }
  }

  const reportDir = mkdtempSync(join(tmpdir(), 'mfa-companion-reports-'));
  try {
    for (const workspace of workspaces.filter((w) => w.scripts.test)) {
      runVitest(tally, workspace, reportDir);
    }
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
  banner('summary');
  console.log(tally.report());
  return tally.failed === 0 ? 0 : 1;
}

function bench() {
  installDependencies();
  if (build() !== 0) return 1;
  ensureBrowsers(['chromium']);
  banner('benchmarks');
  return sh('pnpm', ['-r', '--workspace-concurrency=1', '--if-present', 'run', 'bench'], { allowFailure: true });
}

async function start() {
  installDependencies();
  if (build() !== 0) {
    console.error('build failed; nothing to serve');
    return 1;
  }
  banner('serve');
  const child = spawn('pnpm', ['--dir', join(root, 'test'), 'run', 'serve'], { stdio: 'inherit', env: process.env });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return await new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
}

const tasks = { start, test, bench };
const name = process.argv[2];
try {
  process.exitCode = await tasks[name]();
} catch (error) {
  console.error(`[${name}] ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
}
