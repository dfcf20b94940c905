/** storage.local keys. Only ciphertext lives there. */
export const LOCAL_KEYS = {
  vault: 'vault.current',
  previous: 'vault.previous',
  pending: 'vault.pending',
  /**
   * The nonce of `vault.current`, written with it in the same set by the one writer: it names the stored copy, so
   * the popup can tell that the session cache is that copy's without reading (and deserialising) the ciphertext.
   */
  currentNonce: 'vault.currentNonce',
} as const;

/** storage.session keys: memory only, cleared when the browser closes, invisible to content scripts. */
export const SESSION_KEYS = {
  key: 'vault.key',
  lastActivity: 'vault.lastActivity',
  /** The decrypted accounts, tagged with the nonce of the vault copy they came from. */
  accounts: 'vault.accounts',
} as const;

export const SETTINGS_KEY = 'settings.vault';

/** The raw reads the popup needs to paint, started as early as possible. */
export type LoadReads = Promise<[Record<string, unknown>, Record<string, unknown>]>;
