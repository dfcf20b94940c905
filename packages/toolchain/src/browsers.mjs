import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The browsers the end-to-end suites drive: Debian's packages, found by path (an environment variable first),
 * installed with apt when missing and we may (root with apt-get), otherwise an error with the exact command.
 */
export const BROWSERS = {
  chromium: {
    label: 'Chromium',
    env: 'CHROMIUM_PATH',
    paths: ['/usr/bin/chromium', '/usr/bin/chromium-browser'],
    apt: 'chromium',
  },
  firefox: { label: 'Firefox ESR', env: 'FIREFOX_PATH', paths: ['/usr/bin/firefox-esr'], apt: 'firefox-esr' },
};

export function findBrowser(name) {
  const browser = BROWSERS[name];
  const fromEnv = process.env[browser.env];
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return browser.paths.find((path) => existsSync(path));
}

/** Installs every missing browser with one `apt-get update` and one `apt-get install`. */
export function ensureBrowsers(names = Object.keys(BROWSERS)) {
  const missing = names.filter((name) => !findBrowser(name));
  if (missing.length === 0) return;
  const packages = missing.map((name) => BROWSERS[name].apt);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    const variables = missing.map((name) => BROWSERS[name].env).join(' or ');
    throw new Error(
      `${missing.map((name) => BROWSERS[name].label).join(' and ')} missing. Install with: ` +
        `sudo apt-get update && sudo apt-get install -y ${packages.join(' ')} (or set ${variables}).`,
    );
  }
  console.log(`[toolchain] installing Debian ${packages.join(', ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', ...packages]]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
  }
  const stillMissing = missing.filter((name) => !findBrowser(name));
  if (stillMissing.length > 0) throw new Error(`apt-get ran but no binary was found for ${stillMissing.join(', ')}`);
}
