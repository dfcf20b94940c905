import { type Account, secretFingerprint } from './account.js';

/** How an encrypted backup compares with the vault ("Check a backup file"): nothing is imported. */
export interface BackupComparison {
  /** Vault accounts the backup holds with the same secret and OTP settings. */
  matched: number;
  /** Vault accounts the backup does not hold at all. */
  missing: Account[];
  /** Vault accounts the backup holds (same id) with another secret or other OTP settings: its codes would differ. */
  differing: Account[];
  /** Accounts only in the backup (deleted from the vault since, or from elsewhere). */
  onlyInBackup: Account[];
}

/** The fields that decide which codes an account gives (names, sites and order do not). */
function codeIdentity(account: Account): string {
  return [secretFingerprint(account.secret), account.type, account.algorithm, account.digits, account.period].join(
    '\u0000',
  );
}

/**
 * Compares by account id first, then by code identity (the same secret with the same settings, whatever the id:
 * a backup restored and made again elsewhere). Every vault account is counted once: matched, missing or differing.
 */
export function compareBackup(vault: readonly Account[], backup: readonly Account[]): BackupComparison {
  const backupById = new Map(backup.map((account) => [account.id, account]));
  const backupByIdentity = new Map<string, Account[]>();
  for (const account of backup) {
    const key = codeIdentity(account);
    backupByIdentity.set(key, [...(backupByIdentity.get(key) ?? []), account]);
  }
  const used = new Set<Account>();
  const comparison: BackupComparison = { matched: 0, missing: [], differing: [], onlyInBackup: [] };
  for (const account of vault) {
    const sameId = backupById.get(account.id);
    if (sameId && codeIdentity(sameId) === codeIdentity(account)) {
      used.add(sameId);
      comparison.matched++;
      continue;
    }
    const sameCodes = backupByIdentity.get(codeIdentity(account))?.find((candidate) => !used.has(candidate));
    if (sameCodes) {
      used.add(sameCodes);
      comparison.matched++;
    } else if (sameId) {
      used.add(sameId);
      comparison.differing.push(account);
    } else {
      comparison.missing.push(account);
    }
  }
  comparison.onlyInBackup = backup.filter((account) => !used.has(account));
  return comparison;
}
