import { type Account, accountLabel, accountOtpauthUri, planPhoneTransfer } from '@mfa-companion/vault';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { recordBackup } from '../backup-health/health';
import { PassphrasePrompt } from '../ui/PassphrasePrompt';
import { countText } from '../ui/plural';
import { type QrImage, qrImage } from '../ui/qr-image';
import { SHOW_QR_HASH } from '../ui/show-qr';
import { localArea } from '../vault/browser-store';
import { SESSION_KEYS } from '../vault/storage-keys';

/** How long a QR code full of secrets stays on screen: long enough to scan, short enough to be forgotten. */
export const QR_VISIBLE_MS = 60_000;

type Request = { kind: 'single'; accountId: string } | { kind: 'transfer'; accountIds: string[] };

interface ShownCode {
  image: QrImage;
  accounts: Account[];
}

type Display =
  | { kind: 'single'; account: Account; code: ShownCode }
  | { kind: 'transfer'; codes: ShownCode[]; index: number; skipped: Array<{ account: Account; code: string }> };

function label(account: Account): string {
  return accountLabel(account) || i18n.t('list.unnamed');
}

/** Why a migration code cannot carry an account, in words (the OTP library's code → our explanation). */
function skipReason(account: Account, code: string): string {
  if (account.type === 'steam') return i18n.t('phone.skippedSteam');
  if (code === 'INVALID_PERIOD' || code === 'INVALID_DIGITS') return i18n.t('phone.skippedParameters');
  return i18n.t('phone.skippedOther');
}

/**
 * "Back to a phone": one account's otpauth:// QR code, or the selected accounts as Google Authenticator migration
 * QR codes. Secrets appear only here (an extension page, never a web page), only after the passphrase is typed
 * again, and disappear after QR_VISIBLE_MS or as soon as the page is hidden.
 */
export function PhoneSection(props: { accounts: Account[] }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [request, setRequest] = useState<Request | undefined>();
  const [display, setDisplay] = useState<Display | undefined>();
  const [expiresAt, setExpiresAt] = useState(0);
  const [now, setNow] = useState(Date.now());

  const hide = () => {
    setDisplay(undefined);
    setExpiresAt(0);
  };

  // Opened from the popup's account menu: ask for the passphrase for that account straight away.
  useEffect(() => {
    const hash = globalThis.location?.hash ?? '';
    if (!hash.startsWith(SHOW_QR_HASH)) return;
    const accountId = decodeURIComponent(hash.slice(SHOW_QR_HASH.length));
    if (props.accounts.some((account) => account.id === accountId)) {
      setRequest({ kind: 'single', accountId });
      document.getElementById('phone-title')?.scrollIntoView();
    }
  }, []);

  // The countdown, and the hiding itself.
  useEffect(() => {
    if (!display) return;
    const tick = () => {
      const current = Date.now();
      if (current >= expiresAt) hide();
      else setNow(current);
    };
    tick();
    const timer = setInterval(tick, 1000);
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') hide();
    };
    // The vault locking (idle timer, computer locked, the popup's Lock) hides the codes too.
    const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'session' && SESSION_KEYS.key in changes && !changes[SESSION_KEYS.key]?.newValue) hide();
    };
    document.addEventListener('visibilitychange', onVisibility);
    browser.storage.onChanged.addListener(onStorage);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      browser.storage.onChanged.removeListener(onStorage);
    };
  }, [display, expiresAt]);

  const show = (next: Display) => {
    setDisplay(next);
    setExpiresAt(Date.now() + QR_VISIBLE_MS);
    setNow(Date.now());
  };

  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };

  const selectedIds = props.accounts.filter((account) => selected.has(account.id)).map((account) => account.id);

  return (
    <section class="stack phone" aria-labelledby="phone-title">
      <h2 id="phone-title">{i18n.t('phone.title')}</h2>
      <p class="note">{i18n.t('phone.intro')}</p>
      {display ? (
        <ShownCodes
          display={display}
          secondsLeft={Math.max(0, Math.ceil((expiresAt - now) / 1000))}
          onMove={(index) => {
            if (display.kind !== 'transfer') return;
            setDisplay({ ...display, index });
            // Moving on to the next code is scanning in progress: give it the full time again.
            setExpiresAt(Date.now() + QR_VISIBLE_MS);
          }}
          onHide={hide}
        />
      ) : request ? (
        <PassphrasePrompt
          id="phone"
          prompt={i18n.t('phone.confirmFor', [requestLabel(request, props.accounts)])}
          submitLabel={i18n.t('phone.reveal')}
          onCancel={() => setRequest(undefined)}
          onVerified={(accounts) => {
            const next = buildDisplay(request, accounts);
            // A transfer to a phone is a backup too (backup health counts from here), once the passphrase is proven.
            if (next.kind === 'transfer' && next.codes.length > 0) void recordBackup(localArea, 'phone');
            setRequest(undefined);
            show(next);
          }}
        />
      ) : (
        <>
          <fieldset class="stack phone-accounts">
            <legend>{i18n.t('phone.accountsLegend')}</legend>
            {props.accounts.length === 0 && <p class="note">{i18n.t('list.empty')}</p>}
            {props.accounts.map((account) => (
              <div class="phone-account" key={account.id}>
                <label class="checkbox">
                  <input
                    type="checkbox"
                    checked={selected.has(account.id)}
                    onChange={(event) => toggle(account.id, event.currentTarget.checked)}
                  />
                  {label(account)}
                  {account.type === 'steam' && <span class="note"> ({i18n.t('fields.steam')})</span>}
                </label>
                <button
                  type="button"
                  class="small"
                  aria-label={i18n.t('phone.showQrFor', [label(account)])}
                  onClick={() => setRequest({ kind: 'single', accountId: account.id })}
                >
                  {i18n.t('phone.showQr')}
                </button>
              </div>
            ))}
          </fieldset>
          <div class="buttons">
            <button
              type="button"
              onClick={() =>
                setSelected(
                  selectedIds.length === props.accounts.length
                    ? new Set()
                    : new Set(props.accounts.map((account) => account.id)),
                )
              }
              disabled={props.accounts.length === 0}
            >
              {selectedIds.length === props.accounts.length && props.accounts.length > 0
                ? i18n.t('phone.selectNone')
                : i18n.t('phone.selectAll')}
            </button>
            <button
              type="button"
              class="primary"
              disabled={selectedIds.length === 0}
              onClick={() => setRequest({ kind: 'transfer', accountIds: selectedIds })}
            >
              {countText('phone.transfer', selectedIds.length)}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/** What the passphrase prompt names: the one account, or how many are selected. */
function requestLabel(request: Request, accounts: Account[]): string {
  if (request.kind === 'transfer') {
    return countText('phone.selectedCount', request.accountIds.length);
  }
  const single = accounts.find((account) => account.id === request.accountId);
  return single ? label(single) : i18n.t('list.unnamed');
}

/** Builds what is shown from the accounts the re-typed passphrase decrypted (not from what the page held). */
function buildDisplay(request: Request, accounts: Account[]): Display {
  if (request.kind === 'single') {
    const account = accounts.find((candidate) => candidate.id === request.accountId);
    if (!account) throw new Error(i18n.t('phone.accountGone'));
    return { kind: 'single', account, code: { image: qrImage(accountOtpauthUri(account)), accounts: [account] } };
  }
  const wanted = new Set(request.accountIds);
  const plan = planPhoneTransfer(accounts.filter((account) => wanted.has(account.id)));
  return {
    kind: 'transfer',
    index: 0,
    codes: plan.codes.map((code) => ({ image: qrImage(code.uri), accounts: code.accounts })),
    skipped: plan.skipped.map(({ account, code }) => ({ account, code })),
  };
}

function ShownCodes(props: { display: Display; secondsLeft: number; onMove(index: number): void; onHide(): void }) {
  const { display } = props;
  const current = display.kind === 'single' ? display.code : display.codes[display.index];
  const total = display.kind === 'transfer' ? display.codes.length : 1;
  const position = display.kind === 'transfer' ? display.index + 1 : 1;
  return (
    <div class="stack phone-shown">
      <p class="error phone-warning" role="alert">
        {i18n.t('phone.warning')}
      </p>
      {display.kind === 'single' && (
        <p class="note">
          {display.account.type === 'steam' ? i18n.t('phone.singleSteamHint') : i18n.t('phone.singleHint')}
        </p>
      )}
      {display.kind === 'transfer' && current && <p class="note">{i18n.t('phone.transferHint')}</p>}
      {current ? (
        <figure class="phone-qr">
          <img
            src={current.image.url}
            width={current.image.size}
            height={current.image.size}
            alt={
              display.kind === 'single'
                ? i18n.t('phone.qrAltSingle', [label(display.account)])
                : i18n.t('phone.qrAltTransfer', [position, total])
            }
          />
          <figcaption>
            {display.kind === 'transfer' && <strong>{i18n.t('phone.position', [position, total])} </strong>}
            {current.accounts.map(label).join(', ')}
          </figcaption>
        </figure>
      ) : (
        <p class="note">{i18n.t('phone.nothingTransferable')}</p>
      )}
      {display.kind === 'transfer' && display.skipped.length > 0 && (
        <div class="stack">
          <p>{i18n.t('phone.skippedTitle')}</p>
          <ul class="phone-skipped">
            {display.skipped.map(({ account, code }) => (
              <li key={account.id}>
                {label(account)}: {skipReason(account, code)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p class="note" aria-live="off">
        {i18n.t('phone.hidesIn', [props.secondsLeft])}
      </p>
      <div class="buttons">
        {display.kind === 'transfer' && total > 1 && (
          <>
            <button type="button" disabled={display.index === 0} onClick={() => props.onMove(display.index - 1)}>
              {i18n.t('phone.previous')}
            </button>
            <button
              type="button"
              class="primary"
              disabled={display.index === total - 1}
              onClick={() => props.onMove(display.index + 1)}
            >
              {i18n.t('phone.next')}
            </button>
          </>
        )}
        <button type="button" onClick={props.onHide}>
          {i18n.t('phone.hide')}
        </button>
      </div>
    </div>
  );
}
