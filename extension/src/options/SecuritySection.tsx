import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { writeSettings } from '../vault/browser-store';
import { SETTINGS_LIMITS, type VaultSettings } from '../vault/settings';

/** Chrome tells extensions when the screen locks; Firefox's idle API knows only "active" and "idle". */
const SCREEN_LOCK_REPORTED =
  (browser.idle as unknown as { IdleState?: { LOCKED?: string } } | undefined)?.IdleState?.LOCKED === 'locked';

export function SecuritySection(props: { settings: VaultSettings; onSaved(settings: VaultSettings): void }) {
  const [draft, setDraft] = useState(props.settings);
  const [saved, setSaved] = useState(false);
  const [clipboardAllowed, setClipboardAllowed] = useState(false);
  useEffect(() => setDraft(props.settings), [props.settings]);
  useEffect(() => {
    void browser.permissions.contains({ permissions: ['clipboardRead'] }).then(setClipboardAllowed);
  }, []);
  const save = async (next: VaultSettings) => {
    setDraft(next);
    await writeSettings(next);
    props.onSaved(next);
    setSaved(true);
  };
  return (
    <section class="stack" aria-labelledby="security-title">
      <h2 id="security-title">{i18n.t('options.security')}</h2>
      <label for="auto-lock">{i18n.t('options.autoLock')}</label>
      <input
        id="auto-lock"
        type="number"
        min={0}
        max={SETTINGS_LIMITS.maxAutoLockMinutes}
        value={draft.autoLockMinutes}
        onChange={(event) => void save({ ...draft, autoLockMinutes: Number(event.currentTarget.value) })}
      />
      {SCREEN_LOCK_REPORTED ? (
        <label class="checkbox">
          <input
            type="checkbox"
            checked={draft.lockOnSystemLock}
            onChange={(event) => void save({ ...draft, lockOnSystemLock: event.currentTarget.checked })}
          />
          {i18n.t('options.lockOnSystemLock')}
        </label>
      ) : (
        <p class="note">{i18n.t('options.lockOnSystemLockUnavailable')}</p>
      )}
      <label for="clipboard-clear">{i18n.t('options.clipboardClear')}</label>
      <input
        id="clipboard-clear"
        type="number"
        min={0}
        max={SETTINGS_LIMITS.maxClipboardClearSeconds}
        value={draft.clipboardClearSeconds}
        onChange={(event) => void save({ ...draft, clipboardClearSeconds: Number(event.currentTarget.value) })}
      />
      {draft.clipboardClearSeconds > 0 &&
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
      <p class="note" role="status">
        {saved ? i18n.t('options.saved') : ''}
      </p>
    </section>
  );
}
