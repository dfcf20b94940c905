// Runs while the popup's HTML is parsed, before its (larger) module code has even loaded: starts the
// storage reads the first paint waits for. Plain script on purpose (no bundling, no imports); the keys
// must match src/vault/storage-keys.ts (checked by test/prefetch.test.ts).
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  if (!api?.storage?.session) return;
  globalThis.__mfaVaultReads = Promise.all([
    api.storage.local.get(['vault.current', 'vault.previous', 'settings.vault']),
    api.storage.session.get(['vault.key', 'vault.lastActivity', 'vault.accounts']),
  ]);
})();
