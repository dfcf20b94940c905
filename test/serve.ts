// `npm start` ends here once everything is built: serve the docs and the fixture pages, point at the extension.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './lib/browser.ts';
import { DOCS_DIST_DIR, startFixtureServers } from './lib/fixture-servers.ts';
import { serveDirectory } from './lib/static-server.ts';

const DOCS_PORT = Number(process.env.DOCS_PORT ?? 4321);
const FIXTURES_PORT = Number(process.env.FIXTURES_PORT ?? 4400);
const DOCS_BASE = process.env.DOCS_BASE ?? '/';

const docs = existsSync(DOCS_DIST_DIR)
  ? await serveDirectory({ root: DOCS_DIST_DIR, port: DOCS_PORT, basePath: DOCS_BASE })
  : undefined;
const fixtures = await startFixtureServers({ primary: FIXTURES_PORT, secondary: FIXTURES_PORT + 1 });

const extensionOutput = join(REPO_ROOT, 'extension/.output');
const zips = existsSync(extensionOutput) ? readdirSync(extensionOutput).filter((f) => f.endsWith('.zip')) : [];

console.log('\nMFA Companion is up:');
console.log(`  docs site       ${docs ? docs.url : '(not built)'}`);
console.log(`  fixture pages   ${fixtures.primary.url}  (second origin: ${fixtures.secondary.url})`);
console.log(`  extension       ${join(extensionOutput, 'chrome-mv3')}  (Chrome: chrome://extensions → Load unpacked)`);
console.log(
  `                  ${join(extensionOutput, 'firefox-mv3')}  (Firefox: about:debugging → Load Temporary Add-on)`,
);
for (const zip of zips) console.log(`  zip             ${join(extensionOutput, zip)}`);
console.log('\nPress Ctrl+C to stop.');

const shutdown = async () => {
  await Promise.all([docs?.close(), fixtures.close()]);
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
