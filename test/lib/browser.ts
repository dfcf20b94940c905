import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findChromium } from '@mfa-companion/toolchain/chromium';
import { type BrowserContext, chromium, type Request, type Worker } from 'playwright-core';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const CHROME_EXTENSION_DIR = join(REPO_ROOT, 'extension/.output/chrome-mv3');

export interface LaunchOptions {
  /** Load the built extension (default: the Chrome MV3 build). */
  extension?: boolean | string;
  /**
   * Host names to resolve to 127.0.0.1, so fixtures can live on `nmc3.lan`, look-alike domains or a
   * cross-origin frame host while every byte stays on the loopback interface.
   */
  hosts?: string[];
  /**
   * Host permissions written into the private copy of the extension's manifest, e.g. `http://*.lan/*`.
   * Headless Chromium can neither grant `activeTab` (no toolbar to click) nor answer a `permissions.request`
   * prompt; an unpacked extension gets its manifest's host permissions at install, which is the state a user
   * reaches by granting the optional per-site permission.
   */
  grantHostPermissions?: string[];
  /**
   * A public key (base64 DER SubjectPublicKeyInfo) written as the copy's manifest `key`: the extension id then
   * follows from it and is known before launch, as managed policy needs (see test/lib/managed-policy.ts).
   */
  manifestKey?: string;
  /**
   * Files written into the private copy of the extension (path inside it → text): reference pages a benchmark
   * measures next to the product's, e.g. the popup's paint floor. Never part of the built product.
   */
  extraFiles?: Record<string, string>;
  /** Extra Chromium switches. */
  args?: string[];
  colorScheme?: 'light' | 'dark';
  locale?: string;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  /** Set when the extension is loaded. */
  extensionId?: string;
  /** The extension's background service worker, when loaded. */
  serviceWorker?: Worker;
  /**
   * The private copy of the extension this browser loaded (unpacked, so its files are read when requested): a
   * benchmark can add a reference page built from what it measured in the same run.
   */
  extensionDir?: string;
  close(): Promise<void>;
}

/** Chromium's connections to the outside are refused here; these switches keep it from trying. */
const QUIET_SWITCHES = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--metrics-recording-only',
  '--password-store=basic',
];

/** The one way every E2E suite starts a browser: system Chromium, new headless, fresh profile. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
  const userDataDir = mkdtempSync(join(tmpdir(), 'mfa-companion-profile-'));
  const builtExtension =
    options.extension === true ? CHROME_EXTENSION_DIR : options.extension ? resolve(options.extension) : undefined;
  // A private copy, so a rebuild of the extension during a run cannot change what this browser loaded.
  const extensionDir =
    builtExtension &&
    copyExtension(builtExtension, userDataDir, {
      hostPermissions: options.grantHostPermissions ?? [],
      ...(options.manifestKey ? { key: options.manifestKey } : {}),
    });
  for (const [path, text] of Object.entries(options.extraFiles ?? {})) {
    if (extensionDir) writeFileSync(join(extensionDir, path), text);
  }
  const args = [...QUIET_SWITCHES, ...(options.args ?? [])];
  if (options.hosts?.length) {
    const rules = options.hosts.map((host) => `MAP ${host} 127.0.0.1`).join(', ');
    args.push(`--host-resolver-rules=${rules}`);
  }
  if (extensionDir) {
    args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  }
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args,
    // Playwright's defaults disable every extension; we load exactly one.
    ignoreDefaultArgs: extensionDir ? ['--disable-extensions'] : [],
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'en-US',
    viewport: { width: 1280, height: 800 },
  });
  const close = async () => {
    await context.close().catch(() => undefined);
    rmSync(userDataDir, { recursive: true, force: true });
    if (extensionDir) rmSync(extensionDir, { recursive: true, force: true });
  };
  if (!extensionDir) return { context, close };
  try {
    const serviceWorker =
      context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const extensionId = new URL(serviceWorker.url()).host;
    return { context, extensionId, serviceWorker, extensionDir, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function copyExtension(
  builtDir: string,
  userDataDir: string,
  changes: { hostPermissions: string[]; key?: string },
): string {
  if (!existsSync(join(builtDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${builtDir}: run the build first (pnpm --dir extension build)`);
  }
  const copy = `${userDataDir}-extension`;
  cpSync(builtDir, copy, { recursive: true });
  if (changes.hostPermissions.length > 0 || changes.key) {
    const manifestPath = join(copy, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[]; key?: string };
    manifest.host_permissions = [...(manifest.host_permissions ?? []), ...changes.hostPermissions];
    if (changes.key) manifest.key = changes.key;
    writeFileSync(manifestPath, JSON.stringify(manifest));
  }
  return copy;
}

/** Records every request any page, frame or worker of the context makes, to prove what went out. */
export function recordRequests(context: BrowserContext): Request[] {
  const requests: Request[] = [];
  context.on('request', (request) => requests.push(request));
  return requests;
}
