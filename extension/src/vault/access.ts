import type { Account } from '@mfa-companion/vault';
import { vaultStore } from './browser-store';
import { hotpCode, isTimeBased, totpView } from './codes';

/**
 * Read access for other features (autofill): the unlocked accounts, or `undefined` when locked.
 * Nothing here ever returns or logs the key.
 */
export async function unlockedAccounts(): Promise<Account[] | undefined> {
  const store = vaultStore();
  if ((await store.status()) !== 'unlocked') return undefined;
  const { accounts } = await store.open();
  await store.touch();
  return accounts;
}

/**
 * The code to fill for an account right now. For HOTP the counter is advanced and saved *before* the code
 * is returned, so a code is never used twice; the counter is read from the vault as stored, under the writer's
 * lock, so two fills at once never hand out the same code.
 */
export async function codeForFill(accountId: string, now = Date.now()): Promise<string | undefined> {
  const store = vaultStore();
  const { accounts } = await store.open();
  const account = accounts.find((candidate) => candidate.id === accountId);
  if (!account) return undefined;
  if (isTimeBased(account)) return totpView(account, now).code;
  let code: string | undefined;
  await store.update((stored) =>
    stored.map((entry) => {
      if (entry.id !== account.id) return entry;
      code = hotpCode(entry);
      return { ...entry, counter: entry.counter + 1, updatedAt: now };
    }),
  );
  return code;
}
