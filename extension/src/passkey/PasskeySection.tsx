import type { PasskeyAttachment, SlotSummary } from '@mfa-companion/vault';
import { useEffect, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { ManagedBadge } from '../managed/ManagedBadge';
import { useManagedPolicy } from '../managed/useManagedPolicy';
import { describeError } from '../ui/errors';
import { PassphrasePrompt } from '../ui/PassphrasePrompt';
import { StatusMessage, type StatusText } from '../ui/StatusMessage';
import { vaultStore } from '../vault/browser-store';
import { VaultSlots } from '../vault/slots';
import { passkeysAvailable, registerPasskey } from './webauthn';

const KIND_TEXT: Record<PasskeyAttachment, () => string> = {
  platform: () => i18n.t('passkey.kind.platform'),
  'cross-platform': () => i18n.t('passkey.kind.crossPlatform'),
  unknown: () => i18n.t('passkey.kind.unknown'),
};

const dateFormat = () => new Intl.DateTimeFormat(i18n.t('extension.lang') || 'en', { dateStyle: 'medium' });

/**
 * "Unlock with a passkey or security key" on the options page: the passkeys that can unlock the vault, each
 * removable, and "Add a passkey or security key" after the passphrase is typed again. Says plainly when the
 * browser or the organisation does not allow it, and offers nothing then.
 */
export function PasskeySection() {
  const slots = new VaultSlots(vaultStore());
  const { policy, loaded } = useManagedPolicy();
  const [summary, setSummary] = useState<SlotSummary | undefined>();
  const [adding, setAdding] = useState(false);
  const [label, setLabel] = useState('');
  const [message, setMessage] = useState<StatusText | undefined>();
  const refresh = async () => setSummary(await slots.list());
  useEffect(() => {
    void refresh();
  }, []);
  const available = passkeysAvailable();
  const forbidden = policy.passkeyUnlock === 'forbidden';
  return (
    <section class="stack" aria-labelledby="passkey-title" data-passkeys>
      <h2 id="passkey-title">{i18n.t('passkey.title')}</h2>
      <p class="note">{i18n.t('passkey.intro')}</p>
      {!available && (
        <p class="note" data-passkey-unavailable>
          {i18n.t('passkey.unavailable')}
        </p>
      )}
      {available && loaded && forbidden && (
        <p class="note" data-managed="passkeyUnlock">
          {i18n.t('passkey.forbidden')}
          <ManagedBadge />
        </p>
      )}
      {available && loaded && policy.passkeyUnlock === 'security-keys-only' && (
        <p class="note" data-managed="passkeyUnlock">
          {i18n.t('passkey.securityKeysOnly')}
          <ManagedBadge />
        </p>
      )}
      {summary && (summary.passkeys.length > 0 || summary.damaged.length > 0) && (
        <ul class="passkey-list stack" aria-label={i18n.t('passkey.listLabel')}>
          {summary.passkeys.map((passkey) => (
            <li key={passkey.id} class="passkey-row" data-slot={passkey.id}>
              <span>
                <strong>{passkey.label || i18n.t('passkey.defaultLabel')}</strong>{' '}
                <span class="note">
                  {KIND_TEXT[passkey.attachment]()}
                  {passkey.createdAt > 0 && ` · ${i18n.t('passkey.added', [dateFormat().format(passkey.createdAt)])}`}
                </span>
              </span>
              <RemoveButton
                name={passkey.label || i18n.t('passkey.defaultLabel')}
                onRemove={async () => {
                  await slots.remove(passkey.id);
                  setMessage({ text: i18n.t('passkey.removed'), error: false });
                  await refresh();
                }}
                onError={(caught) => setMessage({ text: describeError(caught), error: true })}
              />
            </li>
          ))}
          {summary.damaged.map((slot, index) => (
            <li key={slot.id ?? `damaged-${index}`} class="passkey-row" data-damaged-slot>
              <span class="error">{i18n.t('passkey.damaged')}</span>
              {slot.id && slot.id !== 'passphrase' && (
                <RemoveButton
                  name={i18n.t('passkey.damagedName')}
                  onRemove={async () => {
                    await slots.remove(slot.id as string);
                    await refresh();
                  }}
                  onError={(caught) => setMessage({ text: describeError(caught), error: true })}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {available && loaded && !forbidden && !adding && (
        <div class="buttons">
          <button
            type="button"
            onClick={() => {
              setMessage(undefined);
              setAdding(true);
            }}
          >
            {i18n.t('passkey.add')}
          </button>
        </div>
      )}
      {adding && (
        <div class="stack">
          <label for="passkey-label">{i18n.t('passkey.labelField')}</label>
          <input
            id="passkey-label"
            type="text"
            maxLength={64}
            value={label}
            placeholder={i18n.t('passkey.labelPlaceholder')}
            onInput={(event) => setLabel(event.currentTarget.value)}
          />
          <PassphrasePrompt
            id="passkey"
            prompt={i18n.t('passkey.confirmIntro')}
            submitLabel={i18n.t('passkey.create')}
            onCancel={() => setAdding(false)}
            onVerified={async () => {
              // The passphrase was just proven (the one verification function); the vault key wrapped for the new
              // passkey is the unlocked one, read under the writer's lock.
              const passkey = await registerPasskey({
                userName: 'MFA Companion',
                label: label.trim() || i18n.t('passkey.defaultLabel'),
                ...(policy.passkeyUnlock ? { policy: policy.passkeyUnlock } : {}),
              });
              await slots.addPasskey(passkey);
              setAdding(false);
              setLabel('');
              setMessage({ text: i18n.t('passkey.addedMessage'), error: false });
              await refresh();
            }}
          />
        </div>
      )}
      <StatusMessage message={message} />
    </section>
  );
}

function RemoveButton(props: { name: string; onRemove(): Promise<void>; onError(error: unknown): void }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      aria-label={i18n.t('passkey.removeLabel', [props.name])}
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await props.onRemove();
        } catch (caught) {
          props.onError(caught);
        } finally {
          setBusy(false);
        }
      }}
    >
      {i18n.t('passkey.remove')}
    </button>
  );
}
