// The popup document's first script. It runs while the HTML is still parsed, long before the (larger)
// module code has loaded, and starts what the first paint waits for: the storage reads, the organisation's
// policy and the query for the tab the popup is about. Plain script on purpose (no bundling, no imports); the
// keys must match src/vault/storage-keys.ts and src/autofill/settings.ts (checked by test/prefetch.test.ts),
// the tab query activeWebTab() in src/popup/tab.ts, the policy reading loadManagedPolicy().
(() => {
  performance.mark('popup-prefetch-start');
  const api = globalThis.browser ?? globalThis.chrome;
  if (!api?.storage?.session) return;
  globalThis.__mfaVaultReads = Promise.all([
    api.storage.local.get(['vault.currentNonce', 'settings.vault', 'autofill.settings']),
    api.storage.session.get(['vault.key', 'vault.lastActivity', 'vault.accounts']),
  ]);
  // The organisation's policy (its own storage area): rejects when there is none, which the module reads as none.
  const managed = api.storage.managed;
  globalThis.__mfaManaged = managed
    ? managed.get(null).then(
        (raw) => ({ raw }),
        () => ({ raw: undefined }),
      )
    : undefined;
  if (!api.tabs) return;
  const named = Number(new URLSearchParams(location.search).get('tabId'));
  globalThis.__mfaTab = (
    Number.isInteger(named) && named > 0
      ? api.tabs.get(named)
      : api.tabs.query({ active: true, lastFocusedWindow: true, windowType: 'normal' }).then((tabs) => tabs[0])
  ).catch(() => null);
})();
