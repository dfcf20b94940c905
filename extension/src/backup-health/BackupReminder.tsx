import type { Account } from '@mfa-companion/vault';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { ManagedPolicy } from '../managed/policy';
import { localArea } from '../vault/browser-store';
import { effectiveReminderDays, isReminderDue, readBackupHealth, summarizeBackupHealth } from './health';
import { reminderText } from './text';

/**
 * The popup's quiet backup reminder: one line under the list, only when accounts exist that no backup holds and
 * the last backup is older than the reminder delay. Read after the first paint; never in the way of a code.
 */
export function BackupReminder(props: { accounts: readonly Account[]; policy: ManagedPolicy }) {
  const [text, setText] = useState<string | undefined>();
  useEffect(() => {
    void readBackupHealth(localArea).then((record) => {
      const summary = summarizeBackupHealth(props.accounts, record);
      const days = effectiveReminderDays(record, props.policy);
      setText(isReminderDue(summary, days, Date.now()) ? reminderText(summary) : undefined);
    });
  }, [props.accounts, props.policy]);
  if (!text) return null;
  return (
    <p class="note backup-reminder" data-backup-reminder>
      {text}{' '}
      <a
        href={browser.runtime.getURL('/options.html#backup-title')}
        onClick={(event) => {
          event.preventDefault();
          void browser.runtime.openOptionsPage();
          window.close();
        }}
      >
        {i18n.t('backupHealth.backUpNow')}
      </a>
    </p>
  );
}
