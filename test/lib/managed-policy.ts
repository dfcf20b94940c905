/**
 * Real browser policy for the E2E suites: the files an administrator's deployment tool writes, written and removed
 * by the test itself. Each call touches exactly one file of its own (plus the policy directories it had to create,
 * removed again when empty); anything it did not create is never changed or deleted.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, realpathSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where Chromium on Linux reads mandatory policy; every *.json file there is merged. */
export const CHROMIUM_MANAGED_POLICY_DIR = '/etc/chromium/policies/managed';

export interface ExtensionIdentity {
  /** base64 DER SubjectPublicKeyInfo, for the manifest's `key`. */
  manifestKey: string;
  /** The id Chromium derives from that key. */
  id: string;
}

/**
 * A fresh key pair per run: the id is known before launch and no other test (nor a parallel run) shares it, so
 * the policy written for it reaches this test's browser only. Only the public half is ever used.
 */
export function newExtensionIdentity(): ExtensionIdentity {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  // Chromium's id: the first 128 bits of SHA-256 of the key, each hex digit mapped 0-f → a-p.
  const hex = createHash('sha256').update(der).digest('hex').slice(0, 32);
  const id = [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
  return { manifestKey: der.toString('base64'), id };
}

export interface WrittenPolicy {
  path: string;
  /** Removes the file, and the directories this call created if they are empty again. */
  remove(): void;
}

/** Creates `dir` and its missing parents, returning the ones created (deepest first), so they can be removed. */
function makeDirectories(dir: string): string[] {
  const created: string[] = [];
  for (let current = dir; !existsSync(current); current = dirname(current)) created.push(current);
  mkdirSync(dir, { recursive: true });
  return created;
}

function writeOwnFile(path: string, content: unknown): WrittenPolicy {
  if (existsSync(path)) {
    throw new Error(`${path} already exists and is not this test's to replace: remove it or run the test elsewhere.`);
  }
  const created = makeDirectories(dirname(path));
  writeFileSync(path, `${JSON.stringify(content, null, 2)}\n`, { flag: 'wx' });
  let removed = false;
  return {
    path,
    remove() {
      if (removed) return;
      removed = true;
      rmSync(path, { force: true });
      for (const dir of created) {
        if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
      }
    },
  };
}

/** `{"3rdparty": {"extensions": {"<id>": policy}}}` in a file named after the extension id. */
export function writeChromiumExtensionPolicy(extensionId: string, policy: unknown): WrittenPolicy {
  const path = join(CHROMIUM_MANAGED_POLICY_DIR, `mfa-companion-e2e-${extensionId}.json`);
  return writeOwnFile(path, { '3rdparty': { extensions: { [extensionId]: policy } } });
}

/**
 * Where Firefox on Linux looks for policies.json, in order (EnterprisePoliciesParent.sys.mjs): the system config
 * directory first (`/etc/firefox/policies/`, read only when it exists), then `distribution/` in its installation.
 */
export function firefoxPolicyFiles(firefoxExecutable: string): string[] {
  return [
    '/etc/firefox/policies/policies.json',
    join(dirname(realpathSync(firefoxExecutable)), 'distribution/policies.json'),
  ];
}

/**
 * Firefox reads one policies.json for every profile. Written only where none exists, at the place it reads first:
 * an administrator's own file is never replaced or shadowed (the test fails with a clear message instead). The
 * file names only this test's add-on id, so other Firefox instances started meanwhile are unaffected.
 */
export function writeFirefoxExtensionPolicy(
  firefoxExecutable: string,
  addonId: string,
  policy: unknown,
): WrittenPolicy {
  const [first, ...others] = firefoxPolicyFiles(firefoxExecutable) as [string, ...string[]];
  const existing = [first, ...others].find((path) => existsSync(path));
  if (existing) {
    throw new Error(
      `${existing} exists: Firefox reads a single policies.json, and this one is not the test's to change. ` +
        'Move it away while the managed-policy test runs.',
    );
  }
  return writeOwnFile(first, { policies: { '3rdparty': { Extensions: { [addonId]: policy } } } });
}
