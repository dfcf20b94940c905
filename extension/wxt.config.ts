import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { CLIPBOARD_CLEAR_PERMISSION, FIREFOX_MIN_VERSION } from './src/browser-support.ts';

// Extension pages may only run their own bundled code; 'wasm-unsafe-eval' is what lets the bundled
// QR decoder (zxing-wasm) instantiate its .wasm file, and nothing is ever fetched from elsewhere.
const EXTENSION_PAGES_CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'";

export default defineConfig({
  modules: ['@wxt-dev/i18n/module'],
  zip: {
    artifactTemplate: 'mfa-companion-{{version}}-{{browser}}.zip',
    sourcesTemplate: 'mfa-companion-{{version}}-sources.zip',
  },
  // One source, MV3 everywhere: Chrome and Firefox (FIREFOX_MIN_VERSION+, for data_collection_permissions) share the same manifest shape and storage.session.
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // WXT builds every HTML page in one Rollup run, so the popup would load the module chunks it shares with
    // the options page one by one. Built on its own, its static imports become one file and the first code
    // paints sooner (test/bench/popup.bench.ts; figures in README.md).
    'entrypoints:grouped': (_wxt, groups) => {
      for (const group of groups) {
        if (!Array.isArray(group)) continue;
        const popupIndex = group.findIndex((entrypoint) => entrypoint.type === 'popup');
        if (popupIndex === -1 || group.length === 1) continue;
        groups.push(group.splice(popupIndex, 1));
        return;
      }
    },
  },
  manifest: ({ browser }) => ({
    default_locale: 'en',
    name: '__MSG_extension_name__',
    description: '__MSG_extension_description__',
    permissions: [
      'storage', // encrypted vault in storage.local, unlocked key in storage.session (memory only)
      'unlimitedStorage', // a large vault must never hit the 10 MB storage.local quota mid-write
      'activeTab', // capture the visible tab for QR scanning and inject autofill only when the user asks
      'scripting', // inject the autofill / NMC checker content scripts on demand
      'clipboardWrite', // copy codes
      'contextMenus', // "Fill one-time code" on an input
      'alarms', // auto-lock after idle time and clipboard clearing when the popup is closed
      'idle', // lock as soon as the computer is locked
      ...(browser === 'firefox' ? [] : ['offscreen']), // Chrome MV3 clears the clipboard from an offscreen document
    ],
    // Asked for only when the user enables "clear clipboard": we clear it only if it still holds the code.
    optional_permissions: [CLIPBOARD_CLEAR_PERMISSION],
    // No host access by default: per-site access is requested at runtime ("always detect on this site",
    // "watch this NMC"). NMC cards live on plain-http LAN addresses, hence http too.
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
    // The organisation's policy (storage.managed): Chrome and Edge check it against this schema and need it to
    // deliver any; Firefox takes 3rdparty policies from policies.json without one. Both are validated again
    // in src/managed/policy.ts.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    commands: {
      'fill-otp': {
        suggested_key: { default: 'Alt+Shift+O' },
        description: '__MSG_commands_fillOtp__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'mfa-companion@mfa-companion.dev',
              strict_min_version: `${FIREFOX_MIN_VERSION}.0`,
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
