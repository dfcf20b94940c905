import { listSlots, type NewPasskey, type SlotSummary } from '@mfa-companion/vault';
import type { OpenedVault, VaultStore } from './store';

/**
 * Key slots of the stored vault, for the passkey UI: list them (also while locked: the popup needs the credential
 * ids to ask for a passkey), add a passkey once the passphrase was proven again (`PassphrasePrompt`, i.e.
 * `VaultStore.verifyPassphrase`), remove one, unlock with one. Every change is a transition of the vault's one
 * writer (see store.ts and writer.ts); the passphrase slot is never removed.
 */
export class VaultSlots {
  constructor(private readonly store: VaultStore) {}

  async list(): Promise<SlotSummary> {
    return listSlots(await this.store.storedVault());
  }

  /** Wraps the unlocked vault key for a new passkey (its PRF output) and stores the slot, in one write. */
  async addPasskey(passkey: NewPasskey): Promise<void> {
    await this.store.addPasskeySlot(passkey);
  }

  /** Removes a passkey slot (the vault is unlocked: its key verifies the written copy). */
  async remove(slotId: string): Promise<void> {
    await this.store.removeSlot(slotId);
  }

  /** Unlocks with a passkey: its PRF output unwraps the vault key (no KDF), kept in session memory like a passphrase unlock. */
  async unlockWithPasskey(slotId: string, prfOutput: Uint8Array): Promise<OpenedVault> {
    return this.store.unlockWithPasskey(slotId, prfOutput);
  }
}
