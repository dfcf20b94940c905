import {
  DEFAULT_ALGORITHM,
  DEFAULT_DIGITS,
  DEFAULT_PERIOD,
  groupCode,
  isOtpError,
  OTP_ALGORITHMS,
  type OtpAlgorithm,
  type OtpErrorCode,
  totpTimeStep,
} from '@mfa-companion/otp';
import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import type { Lang } from '../lib/locale.ts';
import { plural } from '../lib/plural.ts';
import { explainOtpError } from './otp-errors.ts';
import { type CodeRow, codeRows, parsePinnedTime, type ReadInput, readSecretInput } from './totp-model.ts';

const TEXT = {
  en: {
    input: 'Secret key or otpauth:// link',
    inputHint: 'Base32 secret (e.g. JBSWY3DPEHPK3PXP), an otpauth://totp/… link or a Google Authenticator export link.',
    algorithm: 'Algorithm',
    digits: 'Digits',
    period: 'Period (seconds)',
    manualNote: 'Used for a bare secret; a link sets its own values.',
    steps: 'Steps shown before and after now',
    time: 'Pinned time (optional)',
    timeHint:
      'Unix seconds or an ISO date such as 2026-01-31T12:00:00Z. Empty = live clock. Also settable with ?t= in the address.',
    empty: 'Paste a secret to see its codes.',
    current: 'Code now',
    remaining: (seconds: number) => `changes in ${seconds} s`,
    pinned: 'time pinned',
    from: (origin: string, count: number) =>
      origin === 'migration'
        ? plural('en', count, {
            one: 'Read from a Google Authenticator export link holding {count} account.',
            other: 'Read from a Google Authenticator export link holding {count} accounts; showing the first.',
          })
        : origin === 'otpauth'
          ? 'Read from an otpauth:// link; its own algorithm, digits and period are used.'
          : 'Read as a bare base32 secret with the settings below.',
    tableCaption: 'Codes around the chosen time',
    delta: 'Step',
    counter: 'Counter',
    code: 'Code',
    validFrom: 'Valid from (UTC)',
    now: 'now',
    hotpNote: 'HOTP: codes for the stored counter and the next ones; they do not depend on time.',
    params: (algorithm: string, digits: number, period: number) => `${algorithm}, ${digits} digits, ${period} s period`,
  },
  fr: {
    input: 'Clé secrète ou lien otpauth://',
    inputHint:
      'Secret en base32 (par ex. JBSWY3DPEHPK3PXP), lien otpauth://totp/… ou lien d’export Google Authenticator.',
    algorithm: 'Algorithme',
    digits: 'Chiffres',
    period: 'Période (secondes)',
    manualNote: 'Utilisés pour un secret seul ; un lien impose ses propres valeurs.',
    steps: 'Pas affichés avant et après maintenant',
    time: 'Instant figé (facultatif)',
    timeHint:
      'Secondes Unix ou date ISO comme 2026-01-31T12:00:00Z. Vide = horloge en direct. Réglable aussi avec ?t= dans l’adresse.',
    empty: 'Collez un secret pour voir ses codes.',
    current: 'Code actuel',
    remaining: (seconds: number) => `change dans ${seconds} s`,
    pinned: 'instant figé',
    from: (origin: string, count: number) =>
      origin === 'migration'
        ? plural('fr', count, {
            one: 'Lu depuis un lien d’export Google Authenticator contenant {count} compte.',
            other:
              'Lu depuis un lien d’export Google Authenticator contenant {count} comptes ; le premier est affiché.',
          })
        : origin === 'otpauth'
          ? 'Lu depuis un lien otpauth:// ; son algorithme, ses chiffres et sa période sont utilisés.'
          : 'Lu comme un secret base32 seul, avec les réglages ci-dessous.',
    tableCaption: 'Codes autour de l’instant choisi',
    delta: 'Pas',
    counter: 'Compteur',
    code: 'Code',
    validFrom: 'Valable à partir de (UTC)',
    now: 'maintenant',
    hotpNote: 'HOTP : codes du compteur enregistré et des suivants ; ils ne dépendent pas de l’heure.',
    params: (algorithm: string, digits: number, period: number) =>
      `${algorithm}, ${digits} chiffres, période de ${period} s`,
  },
} as const;

const DIGIT_CHOICES = [6, 7, 8, 9, 10];

type PinnedTime = { kind: 'time'; ms: number | undefined } | { kind: 'error'; code: OtpErrorCode };
type Computation = { kind: 'codes'; read: ReadInput; rows: CodeRow[] } | { kind: 'error'; code: OtpErrorCode };

function initialPinnedTime(): string {
  if (typeof location === 'undefined') return '';
  return new URLSearchParams(location.search).get('t') ?? '';
}

/** Shows the TOTP/HOTP codes of a pasted secret around now (or a pinned time). Computes locally; sends nothing. */
export default function TotpDebugger({ lang }: { lang: Lang }) {
  const t = TEXT[lang];
  const id = useId();
  const [input, setInput] = useState('');
  const [algorithm, setAlgorithm] = useState<OtpAlgorithm>(DEFAULT_ALGORITHM);
  const [digits, setDigits] = useState(DEFAULT_DIGITS);
  const [period, setPeriod] = useState(String(DEFAULT_PERIOD));
  const [steps, setSteps] = useState(2);
  const [pinnedText, setPinnedText] = useState('');
  const [now, setNow] = useState(() => Date.now());

  // The query parameter is read after hydration so the static HTML stays identical for every visitor.
  useEffect(() => setPinnedText(initialPinnedTime()), []);

  const pinned = useMemo((): PinnedTime => {
    try {
      return { kind: 'time', ms: parsePinnedTime(pinnedText) };
    } catch (error) {
      return { kind: 'error', code: isOtpError(error) ? error.code : 'INVALID_TIME' };
    }
  }, [pinnedText]);

  const live = pinned.kind === 'time' && pinned.ms === undefined;
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [live]);

  const time = (pinned.kind === 'time' ? pinned.ms : undefined) ?? now;
  const result = useMemo((): Computation | undefined => {
    if (input.trim() === '') return undefined;
    try {
      const read = readSecretInput(input, { algorithm, digits, period: Number(period) });
      return { kind: 'codes', read, rows: codeRows(read.account, time, steps) };
    } catch (error) {
      if (isOtpError(error)) return { kind: 'error', code: error.code };
      throw error;
    }
  }, [input, algorithm, digits, period, steps, time]);

  const current = result?.kind === 'codes' ? result.rows.find((row) => row.delta === 0) : undefined;
  const account = result?.kind === 'codes' ? result.read.account : undefined;
  const remainingSeconds =
    account && account.type !== 'hotp'
      ? Math.ceil(totpTimeStep({ time, period: account.period }).remainingMs / 1000)
      : undefined;

  return (
    <div class="tool not-content" data-testid="totp-debugger">
      <label for={`${id}-input`}>{t.input}</label>
      <textarea
        id={`${id}-input`}
        data-testid="totp-input"
        rows={2}
        spellcheck={false}
        autocomplete="off"
        aria-describedby={`${id}-input-hint`}
        value={input}
        onInput={(event) => setInput(event.currentTarget.value)}
      />
      <p class="hint" id={`${id}-input-hint`}>
        {t.inputHint}
      </p>

      <fieldset>
        <legend class="hint">{t.manualNote}</legend>
        <div class="tool-grid">
          <div>
            <label for={`${id}-algorithm`}>{t.algorithm}</label>
            <select
              id={`${id}-algorithm`}
              data-testid="totp-algorithm"
              value={algorithm}
              onChange={(event) => setAlgorithm(event.currentTarget.value as OtpAlgorithm)}
            >
              {OTP_ALGORITHMS.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for={`${id}-digits`}>{t.digits}</label>
            <select
              id={`${id}-digits`}
              data-testid="totp-digits"
              value={String(digits)}
              onChange={(event) => setDigits(Number(event.currentTarget.value))}
            >
              {DIGIT_CHOICES.map((value) => (
                <option key={value} value={String(value)}>
                  {value}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for={`${id}-period`}>{t.period}</label>
            <input
              id={`${id}-period`}
              data-testid="totp-period"
              type="number"
              min={1}
              value={period}
              onInput={(event) => setPeriod(event.currentTarget.value)}
            />
          </div>
          <div>
            <label for={`${id}-steps`}>{t.steps}</label>
            <input
              id={`${id}-steps`}
              data-testid="totp-steps"
              type="number"
              min={0}
              max={10}
              value={String(steps)}
              onInput={(event) => setSteps(Math.min(10, Math.max(0, Number(event.currentTarget.value) || 0)))}
            />
          </div>
        </div>
      </fieldset>

      <label for={`${id}-time`}>{t.time}</label>
      <input
        id={`${id}-time`}
        data-testid="totp-time"
        type="text"
        autocomplete="off"
        aria-describedby={`${id}-time-hint`}
        value={pinnedText}
        onInput={(event) => setPinnedText(event.currentTarget.value)}
      />
      <p class="hint" id={`${id}-time-hint`}>
        {t.timeHint}
      </p>

      <div data-testid="totp-output">
        {pinned.kind === 'error' && (
          <p class="error" role="alert" data-testid="totp-error" data-code={pinned.code}>
            {explainOtpError(pinned.code, lang)}
          </p>
        )}
        {pinned.kind === 'time' && result === undefined && <p class="hint">{t.empty}</p>}
        {pinned.kind === 'time' && result?.kind === 'error' && (
          <p class="error" role="alert" data-testid="totp-error" data-code={result.code}>
            {explainOtpError(result.code, lang)}
          </p>
        )}
        {pinned.kind === 'time' && result?.kind === 'codes' && account && (
          <>
            <p class="hint" data-testid="totp-origin">
              {t.from(result.read.origin, result.read.accountsInLink)}{' '}
              {[account.issuer, account.account].filter(Boolean).join(' — ')} (
              {t.params(account.algorithm, account.digits, account.period)})
            </p>
            <p class="ok">
              {t.current}:{' '}
              <strong class="code" data-testid="totp-current-code" data-code={current?.code}>
                {current ? groupCode(current.code) : '—'}
              </strong>{' '}
              {remainingSeconds !== undefined && (
                <span data-testid="totp-remaining" data-seconds={remainingSeconds}>
                  ({live ? t.remaining(remainingSeconds) : t.pinned})
                </span>
              )}
            </p>
            {account.type !== 'hotp' && remainingSeconds !== undefined && (
              <progress
                max={account.period}
                value={account.period - remainingSeconds}
                aria-label={t.remaining(remainingSeconds)}
              />
            )}
            {account.type === 'hotp' && <p class="hint">{t.hotpNote}</p>}
            <table>
              <caption class="sr-only">{t.tableCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.delta}</th>
                  <th scope="col">{t.counter}</th>
                  <th scope="col">{t.code}</th>
                  {account.type !== 'hotp' && <th scope="col">{t.validFrom}</th>}
                </tr>
              </thead>
              <tbody>
                {result.rows.map((row) => (
                  <tr
                    key={String(row.counter)}
                    class={row.delta === 0 ? 'current-row' : undefined}
                    data-testid="totp-row"
                    data-delta={row.delta}
                    data-code={row.code}
                  >
                    <td>{row.delta === 0 ? t.now : row.delta > 0 ? `+${row.delta}` : `−${-row.delta}`}</td>
                    <td>{String(row.counter)}</td>
                    <td class="code">{groupCode(row.code)}</td>
                    {row.startMs !== undefined && (
                      <td>{new Date(row.startMs).toISOString().slice(0, 19).replace('T', ' ')}</td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
    </div>
  );
}
