import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { constrainAutoLock, effectiveVaultSettings } from '../managed/effective';
import { ManagedBadge } from '../managed/ManagedBadge';
import { useManagedPolicy } from '../managed/useManagedPolicy';
import { describeError } from '../ui/errors';
import { countText } from '../ui/plural';
import { writeSettings } from '../vault/browser-store';
import { SETTINGS_LIMITS, type VaultSettings } from '../vault/settings';

/** Chrome tells extensions when the screen locks; Firefox's idle API knows only "active" and "idle". */
export const SCREEN_LOCK_REPORTED =
  (browser.idle as unknown as { IdleState?: { LOCKED?: string } } | undefined)?.IdleState?.LOCKED === 'locked';

/** `settings` are the user's own choices; what the organisation sets is shown in their place, locked. */
export function SecuritySection(props: {
  settings: VaultSettings;
  /** The vault is locked: the settings are shown, and nothing can be changed until it is unlocked. */
  locked?: boolean;
  onSaved(settings: VaultSettings): void;
}) {
  const { policy } = useManagedPolicy();
  const [draft, setDraft] = useState(props.settings);
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [clipboardAllowed, setClipboardAllowed] = useState(false);
  useEffect(() => setDraft(props.settings), [props.settings]);
  useEffect(() => {
    void browser.permissions.contains({ permissions: ['clipboardRead'] }).then(setClipboardAllowed);
  }, []);
  const shown = effectiveVaultSettings(draft, policy);
  const maxAutoLock = policy.autoLockMaxMinutes;
  const save = async (change: Partial<VaultSettings>) => {
    const next = { ...draft, ...change };
    // Stored as asked, except an auto-lock the policy would not allow: saved as the longest it allows.
    if (change.autoLockMinutes !== undefined) next.autoLockMinutes = constrainAutoLock(change.autoLockMinutes, policy);
    setSaved(false);
    setProblem(undefined);
    try {
      // Refused while the vault is locked (the page disables the fields; the write checks again).
      await writeSettings(next);
    } catch (caught) {
      setDraft({ ...draft });
      setProblem(describeError(caught));
      return;
    }
    setDraft(next);
    props.onSaved(next);
    setSaved(true);
  };
  return (
    <section class="stack" aria-labelledby="security-title">
      <h2 id="security-title">{i18n.t('options.security')}</h2>
      <fieldset class="stack" disabled={props.locked}>
        <label for="auto-lock">
          {i18n.t('options.autoLock')}
          {maxAutoLock !== undefined && <ManagedBadge />}
        </label>
        <input
          id="auto-lock"
          type="number"
          min={maxAutoLock === undefined ? 0 : 1}
          max={maxAutoLock ?? SETTINGS_LIMITS.maxAutoLockMinutes}
          value={shown.autoLockMinutes}
          aria-describedby={maxAutoLock === undefined ? undefined : 'auto-lock-max'}
          onChange={(event) => void save({ autoLockMinutes: Number(event.currentTarget.value) })}
        />
        {maxAutoLock !== undefined && (
          <p id="auto-lock-max" class="note">
            {countText('managed.autoLockMax', maxAutoLock)}
          </p>
        )}
        {SCREEN_LOCK_REPORTED ? (
          <label class="checkbox">
            <input
              type="checkbox"
              checked={shown.lockOnSystemLock}
              disabled={policy.lockOnSystemLock !== undefined}
              onChange={(event) => void save({ lockOnSystemLock: event.currentTarget.checked })}
            />
            {i18n.t('options.lockOnSystemLock')}
            {policy.lockOnSystemLock !== undefined && <ManagedBadge />}
          </label>
        ) : (
          <p class="note">{i18n.t('options.lockOnSystemLockUnavailable')}</p>
        )}
        <label for="clipboard-clear">
          {i18n.t('options.clipboardClear')}
          {policy.clipboardClearSeconds !== undefined && <ManagedBadge />}
        </label>
        <input
          id="clipboard-clear"
          type="number"
          min={0}
          max={SETTINGS_LIMITS.maxClipboardClearSeconds}
          value={shown.clipboardClearSeconds}
          disabled={policy.clipboardClearSeconds !== undefined}
          onChange={(event) => void save({ clipboardClearSeconds: Number(event.currentTarget.value) })}
        />
        {shown.clipboardClearSeconds > 0 &&
          (clipboardAllowed ? (
            <p class="note">{i18n.t('options.clipboardAllowed')}</p>
          ) : (
            <div class="stack">
              <p class="note">{i18n.t('options.clipboardPermission')}</p>
              <button
                type="button"
                onClick={() =>
                  void browser.permissions.request({ permissions: ['clipboardRead'] }).then(setClipboardAllowed)
                }
              >
                {i18n.t('options.clipboardAllow')}
              </button>
            </div>
          ))}
      </fieldset>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      <p class="note" role="status">
        {saved ? i18n.t('options.saved') : ''}
      </p>
    </section>
  );
}
