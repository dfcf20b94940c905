import {
  createKey,
  type KdfCost,
  kdfNeedsUpgrade,
  migrateVaultRecord,
  rewrapPassphraseSlot,
  type SealedVault,
  type UnlockedKey,
} from '@mfa-companion/vault';

/**
 * What one passphrase unlock may change in the stored vault, as a pure step (stored text in, text to store out;
 * the caller writes it in one verified commit):
 * - a format-1 vault becomes a slot vault (format 2) holding the same accounts. The passphrase key that opened it
 *   wraps the new vault key, so no second KDF runs — unless its settings are below `target`: then one fresh
 *   derivation serves both steps;
 * - a slot vault whose passphrase slot is below `target` gets that one slot rewrapped under a new salt.
 * `dropPrevious` says the previous copy would open with weaker settings and must not be kept.
 */
export async function sealOnUnlock(
  current: string,
  version: 1 | 2,
  passphrase: string,
  unlocked: UnlockedKey,
  target: KdfCost,
): Promise<{ sealed: SealedVault; dropPrevious: boolean } | undefined> {
  const raise = kdfNeedsUpgrade(unlocked.kdf, target);
  if (version === 2 && !raise) return undefined;
  const passphraseKey = raise ? await createKey(passphrase, target) : unlocked;
  if (version === 1) {
    const migrated = await migrateVaultRecord(current, unlocked.key, passphraseKey);
    return {
      sealed: { text: migrated.text, unlocked: { key: migrated.vaultKey, kdf: passphraseKey.kdf } },
      dropPrevious: raise,
    };
  }
  const text = await rewrapPassphraseSlot(current, unlocked.key, passphraseKey);
  return { sealed: { text, unlocked: { key: unlocked.key, kdf: passphraseKey.kdf } }, dropPrevious: true };
}
