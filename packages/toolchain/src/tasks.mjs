// Runs under Node >= 22 with the pinned pnpm on PATH (see cli.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * Warnings every build prints that ask nothing of whoever runs it; counted in the summary, not shown. One line of
 * reason each.
 */
const HARMLESS_WARNINGS = [
  {
    // Rollup drops "use client"/"use strict"-style directives at the top of bundled dependency modules (Preact
    // ecosystem packages ship them for React Server Components, which a browser extension does not use).
    pattern: /MODULE_LEVEL_DIRECTIVE|Module level directives cause errors when bundled/,
    reason: 'module-level directives ("use client") in dependencies, dropped by the bundler as intended',
  },
  {
    // WXT lists entrypoints a browser target does not build (the Chrome-only offscreen document in Firefox).
    pattern: /The following entrypoints have been skipped|^\s*- .*entrypoints\/.*\(excluded\)|^\s+- entrypoints\//,
    reason: 'entrypoints built for one browser only (WXT lists them)',
  },
];

/** Runs a command with its output kept, not printed; calls onLine for each line as it comes. */
function quietly(command, args, onLine = () => undefined) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
    const lines = [];
    let pending = '';
    const take = (chunk) => {
      pending += chunk;
      const parts = pending.split(/\r?\n/);
      pending = parts.pop() ?? '';
      for (const raw of parts) {
        // Some tools colour their output even when told not to: the summary quotes it as plain text.
        const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
        lines.push(line);
        onLine(line);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('close', (code) => {
      if (pending) lines.push(pending.replace(/\x1b\[[0-9;]*m/g, ''));
      resolve({ status: code ?? 1, lines });
    });
  });
}

/** `npm start`'s build: one line per workspace, then the warnings worth reading; everything else in a log file. */
async function quietBuild() {
  const startedAt = Date.now();
  const install = await quietly('pnpm', ['install', '--frozen-lockfile', '--config.confirmModulesPurge=false']);
  if (install.status !== 0) {
    console.error(install.lines.join('\n'));
    throw new Error('pnpm install failed');
  }
  console.log('dependencies   installed from the lockfile');
  // One workspace at a time: pnpm announces each with "> @scope/name@version build /its/dir".
  let current;
  const finish = () => {
    if (current) console.log(`built          ${current.name} (${((Date.now() - current.since) / 1000).toFixed(1)} s)`);
    current = undefined;
  };
  const result = await quietly('pnpm', ['-r', '--workspace-concurrency=1', 'run', 'build'], (line) => {
    const header = /^> (@?[^@\s]+)@\S+ build /.exec(line);
    if (header) {
      finish();
      current = { name: header[1], since: Date.now() };
    }
  });
  if (result.status === 0) finish();
  const log = join(tmpdir(), 'mfa-companion-build.log');
  writeFileSync(log, result.lines.join('\n'));
  const harmless = new Map(HARMLESS_WARNINGS.map((entry) => [entry.reason, 0]));
  const worthReading = new Set();
  for (const line of result.lines) {
    const known = HARMLESS_WARNINGS.find((entry) => entry.pattern.test(line));
    if (known) harmless.set(known.reason, (harmless.get(known.reason) ?? 0) + 1);
    else if (/\bwarn(ing)?\b/i.test(line)) worthReading.add(line.trim());
  }
  if (result.status !== 0) {
    console.error(result.lines.slice(-60).join('\n'));
    console.error(`\nbuild failed (full output: ${log})`);
    return 1;
  }
  for (const line of [...worthReading].slice(0, 20)) console.log(`warning        ${line}`);
  if (worthReading.size > 20) console.log(`warning        … and ${worthReading.size - 20} more in ${log}`);
  const hidden = [...harmless].filter(([, count]) => count > 0);
  for (const [reason, count] of hidden) console.log(`not shown      ${count} lines: ${reason}`);
  console.log(
    `build          done in ${Math.round((Date.now() - startedAt) / 1000)} s, ${worthReading.size} ${worthReading.size === 1 ? 'warning' : 'warnings'} to read; full output: ${log}`,
  );
  return 0;
}

async function start() {
  if ((await quietBuild()) !== 0) {
    console.error('build failed; nothing to serve');
    return 1;
  }
  const child = spawn('pnpm', ['--silent', '--dir', join(root, 'test'), 'run', 'serve'], {
    stdio: 'inherit',
    env: process.env,
  });
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
