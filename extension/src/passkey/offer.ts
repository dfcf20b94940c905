import { listSlots, type SlotSummary } from '@mfa-companion/vault';
import type { ManagedPolicy } from '../managed/policy';
import type { StorageAreaLike } from '../vault/storage-area';
import { failedPasskeyAttempts } from './attempts';
import { allowedPasskeys, passkeysAvailable } from './webauthn';

export interface PasskeyOffer {
  passkeys: SlotSummary['passkeys'];
  failedAttempts: number;
}

/**
 * What the locked popup offers besides the passphrase: the stored passkeys this browser can use and the policy
 * allows, and the count of failed attempts. Read only when locked; a damaged vault offers none (never throws).
 */
export async function passkeyOffer(
  storedVault: unknown,
  policy: ManagedPolicy,
  local: StorageAreaLike,
): Promise<PasskeyOffer> {
  if (typeof storedVault !== 'string' || !passkeysAvailable()) return { passkeys: [], failedAttempts: 0 };
  let passkeys: SlotSummary['passkeys'] = [];
  try {
    passkeys = allowedPasskeys(listSlots(storedVault).passkeys, policy.passkeyUnlock);
  } catch {
    return { passkeys: [], failedAttempts: 0 };
  }
  return { passkeys, failedAttempts: passkeys.length > 0 ? await failedPasskeyAttempts(local) : 0 };
}
