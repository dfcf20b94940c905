import { formatOtpauthUri } from '@mfa-companion/otp';
import { type Account, toOtpAccount } from './account.js';
import { createKey, openEnvelope, sealEnvelope } from './envelope.js';
import type { KdfCost } from './kdf.js';
import { parseVaultData } from './vault.js';

/** Content of an encrypted backup file. */
export interface BackupPayload {
  exportedAt: number;
  accounts: Account[];
}

/** Encrypted backup under its own passphrase (may differ from the vault's). */
export async function exportEncryptedBackup(
  accounts: readonly Account[],
  passphrase: string,
  options: { cost?: KdfCost; now?: number } = {},
): Promise<string> {
  const unlocked = await createKey(passphrase, options.cost);
  const payload: BackupPayload = { exportedAt: options.now ?? Date.now(), accounts: [...accounts] };
  return sealEnvelope('backup', payload, unlocked);
}

export async function readEncryptedBackup(text: string, passphrase: string): Promise<BackupPayload> {
  const { payload } = await openEnvelope('backup', text, passphrase);
  const { accounts } = parseVaultData(payload);
  const exportedAt = (payload as { exportedAt?: unknown }).exportedAt;
  return { accounts, exportedAt: typeof exportedAt === 'number' ? exportedAt : 0 };
}

/** Plain text, one otpauth:// URI per line: readable by every authenticator app, and by anyone. */
export function exportOtpauthList(accounts: readonly Account[]): string {
  return `${accounts.map((account) => formatOtpauthUri(toOtpAccount(account))).join('\n')}\n`;
}
