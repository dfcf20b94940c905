import {
  base32Encode,
  isOtpError,
  type OtpAccount,
  type OtpError,
  parseMigrationUri,
  parseOtpauthUri,
} from '@mfa-companion/otp';
import { useId, useMemo, useState } from 'preact/hooks';
import type { Lang } from '../lib/locale.ts';
import { plural } from '../lib/plural.ts';
import { explainOtpError } from './otp-errors.ts';

const TEXT = {
  en: {
    input: 'otpauth:// or otpauth-migration:// link',
    hint: 'Paste the text a set-up QR code contains. Nothing is sent anywhere.',
    empty: 'Paste a link to decode it.',
    valid: (count: number) =>
      plural('en', count, { one: 'Valid link: {count} account.', other: 'Valid link: {count} accounts.' }),
    error: 'This link cannot be used',
    errorCode: 'Error code',
    account: (index: number) => `Account ${index}`,
    fields: {
      type: 'Type',
      issuer: 'Issuer',
      account: 'Account',
      secret: 'Secret (base32)',
      secretLength: 'Secret length',
      algorithm: 'Algorithm',
      digits: 'Digits',
      period: 'Period',
      counter: 'Counter',
    },
    none: '(none)',
    bytes: (count: number) =>
      `${plural('en', count, { one: '{count} byte', other: '{count} bytes' })} (${count * 8} bits)${count < 16 ? ' — shorter than the recommended 128 bits' : ''}`,
    seconds: (count: number) => `${count} s`,
    typeText: {
      totp: 'TOTP (time-based)',
      hotp: 'HOTP (counter-based)',
      steam: 'Steam Guard (time-based, 5 characters)',
    },
    reveal: 'Show the secret',
  },
  fr: {
    input: 'Lien otpauth:// ou otpauth-migration://',
    hint: 'Collez le texte contenu dans un QR code de configuration. Rien n’est envoyé nulle part.',
    empty: 'Collez un lien pour le décoder.',
    valid: (count: number) =>
      plural('fr', count, { one: 'Lien valide : {count} compte.', other: 'Lien valide : {count} comptes.' }),
    error: 'Ce lien est inutilisable',
    errorCode: 'Code d’erreur',
    account: (index: number) => `Compte ${index}`,
    fields: {
      type: 'Type',
      issuer: 'Émetteur',
      account: 'Compte',
      secret: 'Secret (base32)',
      secretLength: 'Longueur du secret',
      algorithm: 'Algorithme',
      digits: 'Chiffres',
      period: 'Période',
      counter: 'Compteur',
    },
    none: '(aucun)',
    bytes: (count: number) =>
      `${plural('fr', count, { one: '{count} octet', other: '{count} octets' })} (${count * 8} bits)${count < 16 ? ' — plus court que les 128 bits recommandés' : ''}`,
    seconds: (count: number) => `${count} s`,
    typeText: {
      totp: 'TOTP (basé sur l’heure)',
      hotp: 'HOTP (basé sur un compteur)',
      steam: 'Steam Guard (basé sur l’heure, 5 caractères)',
    },
    reveal: 'Afficher le secret',
  },
} as const;

type Decoded = { kind: 'accounts'; accounts: OtpAccount[] } | { kind: 'error'; error: OtpError };

function decode(text: string): OtpAccount[] {
  const trimmed = text.trim();
  return /^otpauth-migration:/i.test(trimmed) ? parseMigrationUri(trimmed) : [parseOtpauthUri(trimmed)];
}

/** Decodes otpauth links field by field and explains the library's typed errors in the reader's language. */
export default function OtpauthInspector({ lang }: { lang: Lang }) {
  const t = TEXT[lang];
  const id = useId();
  const [text, setText] = useState('');
  const [showSecret, setShowSecret] = useState(false);

  const result = useMemo((): Decoded | undefined => {
    if (text.trim() === '') return undefined;
    try {
      return { kind: 'accounts', accounts: decode(text) };
    } catch (error) {
      if (isOtpError(error)) return { kind: 'error', error };
      throw error;
    }
  }, [text]);

  return (
    <div class="tool not-content" data-testid="otpauth-inspector">
      <label for={`${id}-input`}>{t.input}</label>
      <textarea
        id={`${id}-input`}
        data-testid="otpauth-input"
        rows={3}
        spellcheck={false}
        autocomplete="off"
        aria-describedby={`${id}-hint`}
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
      />
      <p class="hint" id={`${id}-hint`}>
        {t.hint}
      </p>
      <label class="inline">
        <input type="checkbox" checked={showSecret} onChange={(event) => setShowSecret(event.currentTarget.checked)} />{' '}
        {t.reveal}
      </label>
      <div aria-live="polite" data-testid="otpauth-output">
        {result === undefined && <p class="hint">{t.empty}</p>}
        {result?.kind === 'error' && (
          <div class="error" data-testid="otpauth-error" data-code={result.error.code}>
            <p>
              <strong>{t.error}.</strong> {explainOtpError(result.error.code, lang)}
            </p>
            <p class="hint">
              {t.errorCode}: <code>{result.error.code}</code>
              {lang === 'en' ? ` — ${result.error.message}` : ''}
            </p>
          </div>
        )}
        {result?.kind === 'accounts' && (
          <>
            <p class="ok" data-testid="otpauth-valid">
              {t.valid(result.accounts.length)}
            </p>
            {result.accounts.map((account, index) => (
              <AccountFields key={index} lang={lang} account={account} index={index + 1} showSecret={showSecret} />
            ))}
          </>
        )}
      </div>
    </div>
  );
}

function AccountFields({
  lang,
  account,
  index,
  showSecret,
}: {
  lang: Lang;
  account: OtpAccount;
  index: number;
  showSecret: boolean;
}) {
  const t = TEXT[lang];
  const secret = base32Encode(account.secret);
  const rows: Array<[keyof typeof t.fields, string]> = [
    ['type', t.typeText[account.type]],
    ['issuer', account.issuer ?? t.none],
    ['account', account.account === '' ? t.none : account.account],
    ['secret', showSecret ? secret : '•'.repeat(Math.min(secret.length, 32))],
    ['secretLength', t.bytes(account.secret.length)],
    ['algorithm', account.algorithm],
    ['digits', String(account.digits)],
    account.type === 'hotp' ? ['counter', String(account.counter ?? 0)] : ['period', t.seconds(account.period)],
  ];
  return (
    <table data-testid="otpauth-account">
      <caption>{t.account(index)}</caption>
      <tbody>
        {rows.map(([field, value]) => (
          <tr key={field} data-field={field}>
            <th scope="row">{t.fields[field]}</th>
            <td data-testid={`otpauth-field-${field}`}>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
