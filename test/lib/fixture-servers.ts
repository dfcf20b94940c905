import { join } from 'node:path';
import { REPO_ROOT } from './browser.ts';
import { type RunningServer, serveDirectory } from './static-server.ts';

export const FIXTURES_DIR = join(REPO_ROOT, 'test/fixtures');
export const DOCS_DIST_DIR = join(REPO_ROOT, 'docs-site/dist');

/**
 * The fixture pages are served from the same directory on several ports, so a page and a frame can be
 * different origins (port differs) and, with `--host-resolver-rules`, carry any host name.
 */
export interface FixtureServers {
  primary: RunningServer;
  secondary: RunningServer;
  close(): Promise<void>;
}

export async function startFixtureServers(
  ports: { primary?: number; secondary?: number } = {},
): Promise<FixtureServers> {
  const primary = await serveDirectory({ root: FIXTURES_DIR, port: ports.primary ?? 0 });
  const secondary = await serveDirectory({ root: FIXTURES_DIR, port: ports.secondary ?? 0 });
  return {
    primary,
    secondary,
    close: async () => {
      await Promise.all([primary.close(), secondary.close()]);
    },
  };
}
