import {
  addPasskeySlot,
  isSlotVault,
  listSlots,
  type NewPasskey,
  removeSlot,
  type SlotSummary,
  unlockVault,
  unlockVaultWithPasskey,
  VaultError,
} from '@mfa-companion/vault';
import type { OpenedVault, VaultStore } from './store';

/** The vault key proven by the passphrase just typed, for the one slot change that follows (kept in memory only). */
export interface ProvenVaultKey {
  vaultKey: Uint8Array;
  /** The stored text the key was proven on: a change made meanwhile elsewhere makes the write refuse. */
  text: string;
}

/**
 * Key slots of the stored vault: list them (also while locked: the popup needs the credential ids to ask for a
 * passkey), add a passkey after the passphrase was typed again, remove one, unlock with one. Every change goes
 * through the store's verified commit; the passphrase slot is never removed.
 */
export class VaultSlots {
  constructor(private readonly store: VaultStore) {}

  async list(): Promise<SlotSummary> {
    return listSlots(await this.store.storedVault());
  }

  /**
   * Proves the passphrase (the full KDF, as at unlock) and returns the vault key. A format-1 vault is first
   * migrated by a regular unlock, so the key returned is always a slot vault's.
   */
  async proveVaultKey(passphrase: string): Promise<ProvenVaultKey> {
    let text = await this.store.storedVault();
    if (!isSlotVault(text)) {
      await this.store.unlock(passphrase);
      text = await this.store.storedVault();
      if (!isSlotVault(text)) throw new VaultError('CORRUPT_VAULT', 'The vault could not be migrated to key slots.');
    }
    const { unlocked } = await unlockVault(text, passphrase);
    return { vaultKey: unlocked.key, text };
  }

  /** Wraps the proven vault key for a new passkey (its PRF output) and stores the slot. */
  async addPasskey(proven: ProvenVaultKey, passkey: NewPasskey): Promise<void> {
    const { text } = await addPasskeySlot(proven.text, proven.vaultKey, passkey);
    await this.store.replaceVault(text, proven.vaultKey, proven.text);
  }

  /** Removes a passkey slot (the vault is unlocked: its key verifies the written copy). */
  async remove(slotId: string): Promise<void> {
    const vaultKey = await this.store.sessionVaultKey();
    const current = await this.store.storedVault();
    await this.store.replaceVault(removeSlot(current, slotId), vaultKey, current);
  }

  /** Unlocks with a passkey: its PRF output unwraps the vault key (no KDF), kept in session memory like a passphrase unlock. */
  async unlockWithPasskey(slotId: string, prfOutput: Uint8Array): Promise<OpenedVault> {
    const text = await this.store.storedVault();
    const { data, unlocked } = await unlockVaultWithPasskey(text, slotId, prfOutput);
    await this.store.keepUnlockedWith(unlocked, text, data.accounts);
    return { accounts: data.accounts, recoveredFromPrevious: false };
  }
}
