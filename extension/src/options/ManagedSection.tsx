import { i18n } from '#i18n';
import { ManagedBadge } from '../managed/ManagedBadge';
import {
  type ManagedPolicy,
  type PasskeyUnlockPolicy,
  POLICY_KEYS,
  type PolicyKey,
  type PolicyProblem,
} from '../managed/policy';
import { useManagedPolicy } from '../managed/useManagedPolicy';
import { toolAccountsText } from '../nmc/managed-hosts';
import { countText } from '../ui/plural';
import { SCREEN_LOCK_REPORTED } from './SecuritySection';

/**
 * What the organisation set, in one place at the top of the options page, and which of its values were ignored
 * as invalid. Controls that live elsewhere (security settings, export, the popup's switches) are locked there too.
 */
export function ManagedSection() {
  const { policy, problems, loaded } = useManagedPolicy();
  if (!loaded) return null;
  const managedKeys = POLICY_KEYS.filter((key) => policy[key] !== undefined);
  if (managedKeys.length === 0 && problems.length === 0) return null;
  return (
    <section class="stack" aria-labelledby="managed-title" data-managed-section>
      <h2 id="managed-title">
        {i18n.t('managed.title')}
        <ManagedBadge />
      </h2>
      {problems.length > 0 && (
        <div class="managed-notice stack" role="alert">
          <p>
            <strong>{i18n.t('managed.invalidTitle')}</strong>
          </p>
          <p class="note">{i18n.t('managed.invalidIntro')}</p>
          <ul>
            {problems.map((problem) => (
              <li key={`${problem.path}:${problem.code}`} data-policy-problem={problem.path}>
                {problemText(problem)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {managedKeys.length > 0 && (
        <>
          <p class="note">{i18n.t('managed.intro')}</p>
          <ul class="managed-list stack">
            {managedKeys.map((key) => (
              <li key={key} data-policy={key}>
                <ManagedValue name={key} policy={policy} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function problemText(problem: PolicyProblem): string {
  return i18n.t(`managed.problem.${problem.code}`, [problem.path || '3rdparty']);
}

const PASSKEY_POLICY_TEXT: Record<PasskeyUnlockPolicy, () => string> = {
  allowed: () => i18n.t('managed.passkeyUnlock.allowed'),
  'security-keys-only': () => i18n.t('managed.passkeyUnlock.securityKeysOnly'),
  forbidden: () => i18n.t('managed.passkeyUnlock.forbidden'),
};

const onOff = (value: boolean) => (value ? i18n.t('managed.on') : i18n.t('managed.off'));

/** A locked switch: the value as the organisation set it, not changeable here or anywhere else. */
function LockedSwitch(props: { checked: boolean; label: string }) {
  return (
    <label class="checkbox">
      <input type="checkbox" checked={props.checked} disabled />
      {props.label}
    </label>
  );
}

function ManagedValue({ name, policy }: { name: PolicyKey; policy: ManagedPolicy }) {
  switch (name) {
    case 'autoLockMaxMinutes':
      return <>{countText('managed.autoLockMax', policy.autoLockMaxMinutes ?? 0)}</>;
    case 'lockOnSystemLock':
      // Shown as set even where the browser cannot report a locked screen (Firefox), with that said.
      return (
        <>
          {`${i18n.t('options.lockOnSystemLock')}: ${onOff(policy.lockOnSystemLock === true)}`}
          {!SCREEN_LOCK_REPORTED && <span class="note"> {i18n.t('options.lockOnSystemLockUnavailable')}</span>}
        </>
      );
    case 'clipboardClearSeconds':
      return (
        <>
          {policy.clipboardClearSeconds
            ? countText('managed.clipboardClear', policy.clipboardClearSeconds)
            : i18n.t('managed.clipboardNever')}
        </>
      );
    case 'allowUnencryptedExport':
      return <LockedSwitch checked={policy.allowUnencryptedExport === true} label={i18n.t('managed.allowExport')} />;
    case 'allowInFieldButton':
      return <LockedSwitch checked={policy.allowInFieldButton === true} label={i18n.t('managed.allowInFieldButton')} />;
    case 'exactHostOnly':
      return <LockedSwitch checked={policy.exactHostOnly === true} label={i18n.t('managed.exactHostOnly')} />;
    case 'issuerSites':
      return (
        <>
          {i18n.t('managed.issuerSites')}
          <ul>
            {policy.issuerSites?.map((entry) => (
              <li key={entry.issuer} data-issuer={entry.issuer}>
                {i18n.t('managed.issuerSitesEntry', [entry.issuer, entry.sites.join(', ')])}
              </li>
            ))}
          </ul>
        </>
      );
    case 'nmcHosts':
      return (
        <>
          {i18n.t('managed.nmcHosts')}
          <ul>
            {policy.nmcHosts?.map((host) => (
              <li key={host.origin} data-origin={host.origin}>
                {host.toolAccounts.length > 0
                  ? i18n.t('managed.nmcHostEntry', [host.origin, toolAccountsText(host.toolAccounts)])
                  : host.origin}
              </li>
            ))}
          </ul>
        </>
      );
    case 'passkeyUnlock':
      return <>{PASSKEY_POLICY_TEXT[policy.passkeyUnlock ?? 'allowed']()}</>;
    case 'backupReminderDays':
      return (
        <>
          {policy.backupReminderDays
            ? i18n.t('managed.backupReminder', policy.backupReminderDays, [policy.backupReminderDays])
            : i18n.t('managed.backupReminderOff')}
        </>
      );
    case 'docsBaseUrl':
      return (
        <>
          {i18n.t('managed.docsBaseUrl')}{' '}
          <a href={policy.docsBaseUrl} target="_blank" rel="noopener noreferrer">
            {policy.docsBaseUrl}
          </a>
        </>
      );
  }
}
