import {
  type Account,
  type AccountInput,
  AccountValidationError,
  createAccount,
  findDuplicate,
  type ImportPreview,
  steamSecretFromText,
  validateAccountInput,
} from '@mfa-companion/vault';
import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { previewAddition, previewPastedText } from '../add/parse-text';
import { describeError, messageForCode } from '../ui/errors';
import { ImportPreviewView } from '../ui/ImportPreviewView';
import { countText } from '../ui/plural';
import { captureVisibleTab } from './tab';

export interface AddAccountProps {
  accounts: readonly Account[];
  tabOrigin: string | undefined;
  tabWindowId: number | undefined;
  onAdd(accounts: Account[]): Promise<void>;
  onCancel(): void;
}

interface ManualFields {
  issuer: string;
  account: string;
  secret: string;
  type: 'totp' | 'hotp' | 'steam';
  algorithm: 'SHA1' | 'SHA256' | 'SHA512';
  digits: string;
  period: string;
  counter: string;
}

const EMPTY_MANUAL: ManualFields = {
  issuer: '',
  account: '',
  secret: '',
  type: 'totp',
  algorithm: 'SHA1',
  digits: '6',
  period: '30',
  counter: '0',
};

function manualInput(fields: ManualFields, sites: string[]): AccountInput {
  if (fields.type === 'steam') {
    // Steam fixes algorithm, length and period; the secret may be a maFile's base64 shared_secret.
    return {
      issuer: fields.issuer.trim() === '' ? 'Steam' : fields.issuer,
      account: fields.account,
      secret: steamSecretFromText(fields.secret),
      type: 'steam',
      sites,
    };
  }
  return {
    issuer: fields.issuer,
    account: fields.account,
    secret: fields.secret,
    type: fields.type,
    algorithm: fields.algorithm,
    digits: Number(fields.digits),
    period: Number(fields.period),
    counter: fields.counter.trim() === '' ? 0 : Number(fields.counter),
    sites,
  };
}

/** Every way to add an account: QR on the page, image file, pasted URI, or typed by hand. */
export function AddAccount(props: AddAccountProps) {
  const [bindSite, setBindSite] = useState(props.tabOrigin !== undefined);
  const [pasted, setPasted] = useState('');
  const [preview, setPreview] = useState<ImportPreview | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [manual, setManual] = useState<ManualFields>(EMPTY_MANUAL);
  const [manualTouched, setManualTouched] = useState(false);
  const site = bindSite ? props.tabOrigin : undefined;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };

  const previewTexts = async (texts: string[]) => {
    if (texts.length === 0) {
      setError(messageForCode('NO_QR_FOUND'));
      return;
    }
    setPreview(await previewAddition(texts, props.accounts, site));
  };

  const decodeImage = (image: Blob) =>
    run(async () => {
      const { decodeQrCodes } = await import('../add/qr');
      await previewTexts(await decodeQrCodes(image));
    });

  const scanPage = () =>
    run(async () => {
      let image: Blob;
      try {
        image = await captureVisibleTab(props.tabWindowId);
      } catch {
        setError(messageForCode('CAPTURE_FAILED'));
        return;
      }
      const { decodeQrCodes } = await import('../add/qr');
      await previewTexts(await decodeQrCodes(image));
    });

  let manualProblem: string | undefined;
  let manualDuplicate: Account | undefined;
  try {
    const fields = validateAccountInput(manualInput(manual, []));
    manualDuplicate = findDuplicate(props.accounts, fields.secret);
  } catch (caught) {
    if (caught instanceof AccountValidationError) manualProblem = messageForCode(caught.code);
    else throw caught;
  }

  if (preview) {
    return (
      <section class="stack add" aria-labelledby="add-title">
        <h1 id="add-title">{i18n.t('add.previewTitle')}</h1>
        <ImportPreviewView preview={preview} />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="buttons">
          <button type="button" onClick={() => setPreview(undefined)}>
            {i18n.t('common.back')}
          </button>
          <button
            type="button"
            class="primary"
            disabled={preview.toAdd.length === 0 || busy}
            onClick={() => run(() => props.onAdd(preview.toAdd))}
          >
            {countText('add.confirm', preview.toAdd.length)}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section class="stack add" aria-labelledby="add-title">
      <h1 id="add-title">{i18n.t('add.title')}</h1>
      {props.tabOrigin && (
        <label class="checkbox">
          <input type="checkbox" checked={bindSite} onChange={(event) => setBindSite(event.currentTarget.checked)} />
          {i18n.t('add.bindSite', [new URL(props.tabOrigin).host])}
        </label>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="buttons">
        <button type="button" class="primary" onClick={scanPage} disabled={busy} aria-busy={busy}>
          {i18n.t('add.scanPage')}
        </button>
        <label class="button file-button">
          {i18n.t('add.chooseImage')}
          <input
            type="file"
            accept="image/*"
            class="visually-hidden"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              if (file) void decodeImage(file);
              event.currentTarget.value = '';
            }}
          />
        </label>
      </div>
      <section
        class="drop-zone"
        aria-label={i18n.t('add.dropLabel')}
        onDragOver={(event) => event.preventDefault()}
        onDrop={(event) => {
          event.preventDefault();
          const file = event.dataTransfer?.files[0];
          if (file) void decodeImage(file);
        }}
      >
        {i18n.t('add.drop')}
      </section>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => setPreview(await previewPastedText(pasted, props.accounts, site)));
        }}
      >
        <label for="add-uri">{i18n.t('add.pasteLabel')}</label>
        <textarea
          id="add-uri"
          rows={2}
          spellcheck={false}
          placeholder="otpauth://totp/…"
          value={pasted}
          onInput={(event) => setPasted(event.currentTarget.value)}
        />
        <button type="submit" disabled={pasted.trim() === '' || busy}>
          {i18n.t('add.pasteSubmit')}
        </button>
      </form>
      <form
        class="stack manual"
        aria-labelledby="manual-title"
        onSubmit={(event) => {
          event.preventDefault();
          setManualTouched(true);
          if (manualProblem || manualDuplicate) return;
          void run(() => props.onAdd([createAccount(manualInput(manual, site ? [site] : []), props.accounts)]));
        }}
      >
        <h2 id="manual-title">{i18n.t('add.manualTitle')}</h2>
        <label for="manual-issuer">{i18n.t('fields.issuer')}</label>
        <input
          id="manual-issuer"
          value={manual.issuer}
          onInput={(event) => setManual({ ...manual, issuer: event.currentTarget.value })}
        />
        <label for="manual-account">{i18n.t('fields.account')}</label>
        <input
          id="manual-account"
          value={manual.account}
          onInput={(event) => setManual({ ...manual, account: event.currentTarget.value })}
        />
        <label for="manual-secret">{i18n.t(manual.type === 'steam' ? 'fields.steamSecret' : 'fields.secret')}</label>
        <input
          id="manual-secret"
          autocomplete="off"
          spellcheck={false}
          value={manual.secret}
          aria-invalid={manualTouched && manualProblem !== undefined}
          aria-describedby="manual-hint manual-status"
          onInput={(event) => {
            setManualTouched(true);
            setManual({ ...manual, secret: event.currentTarget.value });
          }}
        />
        <p id="manual-hint" class="hint">
          {i18n.t(manual.type === 'steam' ? 'fields.steamSecretHint' : 'fields.secretHint')}
        </p>
        <details>
          <summary>{i18n.t('add.advanced')}</summary>
          <div class="stack">
            <label for="manual-type">{i18n.t('fields.type')}</label>
            <select
              id="manual-type"
              value={manual.type}
              onChange={(event) => setManual({ ...manual, type: event.currentTarget.value as ManualFields['type'] })}
            >
              <option value="totp">{i18n.t('fields.totp')}</option>
              <option value="hotp">{i18n.t('fields.hotp')}</option>
              <option value="steam">{i18n.t('fields.steam')}</option>
            </select>
            {manual.type === 'steam' ? (
              <p class="note">{i18n.t('fields.steamFixed')}</p>
            ) : (
              <ManualOtpParameters manual={manual} setManual={setManual} />
            )}
          </div>
        </details>
        <p id="manual-status" class={manualProblem || manualDuplicate ? 'error' : 'note'} aria-live="polite">
          {manualTouched && manualProblem
            ? manualProblem
            : manualDuplicate
              ? i18n.t('add.alreadyAdded')
              : manualTouched && !manualProblem
                ? i18n.t('add.manualValid')
                : ''}
        </p>
        <button
          type="submit"
          class="primary"
          disabled={busy || manualProblem !== undefined || manualDuplicate !== undefined}
        >
          {i18n.t('add.manualSubmit')}
        </button>
      </form>
      <button type="button" onClick={props.onCancel}>
        {i18n.t('common.cancel')}
      </button>
    </section>
  );
}

/** Algorithm, digits and period or counter: what TOTP and HOTP accounts may choose (Steam fixes them). */
function ManualOtpParameters(props: { manual: ManualFields; setManual(fields: ManualFields): void }) {
  const { manual, setManual } = props;
  return (
    <>
      <label for="manual-algorithm">{i18n.t('fields.algorithm')}</label>
      <select
        id="manual-algorithm"
        value={manual.algorithm}
        onChange={(event) =>
          setManual({ ...manual, algorithm: event.currentTarget.value as ManualFields['algorithm'] })
        }
      >
        <option value="SHA1">SHA-1</option>
        <option value="SHA256">SHA-256</option>
        <option value="SHA512">SHA-512</option>
      </select>
      <label for="manual-digits">{i18n.t('fields.digits')}</label>
      <input
        id="manual-digits"
        class="narrow"
        inputMode="numeric"
        value={manual.digits}
        onInput={(event) => setManual({ ...manual, digits: event.currentTarget.value })}
      />
      {manual.type === 'totp' ? (
        <>
          <label for="manual-period">{i18n.t('fields.period')}</label>
          <input
            id="manual-period"
            class="narrow"
            inputMode="numeric"
            value={manual.period}
            onInput={(event) => setManual({ ...manual, period: event.currentTarget.value })}
          />
        </>
      ) : (
        <>
          <label for="manual-counter">{i18n.t('fields.counter')}</label>
          <input
            id="manual-counter"
            class="narrow"
            inputMode="numeric"
            value={manual.counter}
            onInput={(event) => setManual({ ...manual, counter: event.currentTarget.value })}
          />
        </>
      )}
    </>
  );
}
