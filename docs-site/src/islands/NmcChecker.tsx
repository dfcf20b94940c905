import {
  evaluateNmcUsers,
  NmcParseError,
  type NmcParseErrorCode,
  type NmcUser,
  parseNmcUserList,
} from '@mfa-companion/policy';
import { useId, useState } from 'preact/hooks';
import type { Lang } from '../lib/locale.ts';
import { plural } from '../lib/plural.ts';
import { EXAMPLE_LISTS } from './nmc-examples.ts';
import { describeFinding, fixSteps, PARSE_ERROR_TEXT, STATUS_TEXT } from './nmc-messages.ts';

type MfaChoice = 'on' | 'off' | 'unknown';

const TEXT = {
  en: {
    list: 'Local Users list (copied from the Web UI)',
    listHint: 'Tab- or space-separated, header row first. English and French column names are recognised.',
    mfa: 'Is MFA enabled on the card?',
    mfaOn: 'Yes',
    mfaOff: 'No',
    mfaUnknown: 'I do not know',
    firmware: 'AOS firmware version (optional)',
    firmwareHint: 'As shown on the About page, e.g. v3.4.0.1. Helps when you do not know whether MFA is on.',
    check: 'Check the list',
    exampleAtRisk: 'Example: at risk',
    exampleOk: 'Example: OK',
    usersRead: (count: number) =>
      plural('en', count, { one: '{count} user read from the list.', other: '{count} users read from the list.' }),
    candidates: 'Users the update tools can sign in with:',
    fix: 'How to fix it',
    severity: { error: 'Problem:', warning: 'Warning:', info: 'Note:' },
  },
  fr: {
    list: 'Liste des utilisateurs locaux (copiée depuis l’interface Web)',
    listHint:
      'Colonnes séparées par des tabulations ou des espaces, ligne d’en-tête en premier. Les en-têtes anglais et français sont reconnus.',
    mfa: 'La MFA est-elle activée sur la carte ?',
    mfaOn: 'Oui',
    mfaOff: 'Non',
    mfaUnknown: 'Je ne sais pas',
    firmware: 'Version du firmware AOS (facultatif)',
    firmwareHint: 'Telle qu’affichée sur la page About, par ex. v3.4.0.1. Utile si vous ignorez si la MFA est active.',
    check: 'Vérifier la liste',
    exampleAtRisk: 'Exemple : à risque',
    exampleOk: 'Exemple : OK',
    usersRead: (count: number) =>
      plural('fr', count, {
        one: '{count} utilisateur lu dans la liste.',
        other: '{count} utilisateurs lus dans la liste.',
      }),
    candidates: 'Utilisateurs avec lesquels les outils de mise à jour peuvent se connecter :',
    fix: 'Comment corriger',
    severity: { error: 'Problème :', warning: 'Attention :', info: 'Remarque :' },
  },
} as const;

type Outcome =
  | { kind: 'parse-error'; code: NmcParseErrorCode }
  | { kind: 'result'; users: NmcUser[]; evaluation: ReturnType<typeof evaluateNmcUsers> };

/** Runs the pasted NMC3 user list through `parseNmcUserList` and `evaluateNmcUsers`, all in the page. */
export default function NmcChecker({ lang }: { lang: Lang }) {
  const t = TEXT[lang];
  const id = useId();
  const [text, setText] = useState('');
  const [mfa, setMfa] = useState<MfaChoice>('on');
  const [firmware, setFirmware] = useState('');
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);

  const run = (listText: string) => {
    try {
      const users = parseNmcUserList(listText);
      const evaluation = evaluateNmcUsers({
        mfaEnabled: mfa === 'unknown' ? 'unknown' : mfa === 'on',
        ...(firmware.trim() === '' ? {} : { firmwareVersion: firmware }),
        users,
      });
      setOutcome({ kind: 'result', users, evaluation });
    } catch (error) {
      if (error instanceof NmcParseError) setOutcome({ kind: 'parse-error', code: error.code });
      else throw error;
    }
  };

  const loadExample = (example: string) => {
    setText(example);
    run(example);
  };

  return (
    <div class="tool not-content" data-testid="nmc-checker">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          run(text);
        }}
      >
        <label for={`${id}-list`}>{t.list}</label>
        <textarea
          id={`${id}-list`}
          data-testid="nmc-input"
          rows={7}
          spellcheck={false}
          aria-describedby={`${id}-list-hint`}
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <p class="hint" id={`${id}-list-hint`}>
          {t.listHint}
        </p>
        <div class="tool-grid">
          <div>
            <label for={`${id}-mfa`}>{t.mfa}</label>
            <select
              id={`${id}-mfa`}
              data-testid="nmc-mfa"
              value={mfa}
              onChange={(event) => setMfa(event.currentTarget.value as MfaChoice)}
            >
              <option value="on">{t.mfaOn}</option>
              <option value="off">{t.mfaOff}</option>
              <option value="unknown">{t.mfaUnknown}</option>
            </select>
          </div>
          <div>
            <label for={`${id}-firmware`}>{t.firmware}</label>
            <input
              id={`${id}-firmware`}
              data-testid="nmc-firmware"
              type="text"
              autocomplete="off"
              aria-describedby={`${id}-firmware-hint`}
              value={firmware}
              onInput={(event) => setFirmware(event.currentTarget.value)}
            />
          </div>
        </div>
        <p class="hint" id={`${id}-firmware-hint`}>
          {t.firmwareHint}
        </p>
        <div class="tool-actions">
          <button type="submit" data-testid="nmc-check">
            {t.check}
          </button>
          <button type="button" class="secondary" onClick={() => loadExample(EXAMPLE_LISTS.atRisk)}>
            {t.exampleAtRisk}
          </button>
          <button type="button" class="secondary" onClick={() => loadExample(EXAMPLE_LISTS.ok)}>
            {t.exampleOk}
          </button>
        </div>
      </form>

      <div aria-live="polite" data-testid="nmc-output">
        {outcome?.kind === 'parse-error' && (
          <p class="error" data-testid="nmc-error" data-code={outcome.code}>
            {PARSE_ERROR_TEXT[outcome.code][lang]}
          </p>
        )}
        {outcome?.kind === 'result' && <NmcResult lang={lang} users={outcome.users} evaluation={outcome.evaluation} />}
      </div>
    </div>
  );
}

function NmcResult({
  lang,
  users,
  evaluation,
}: {
  lang: Lang;
  users: NmcUser[];
  evaluation: ReturnType<typeof evaluateNmcUsers>;
}) {
  const t = TEXT[lang];
  const status = STATUS_TEXT[evaluation.status][lang];
  const steps = fixSteps(evaluation, lang);
  return (
    <>
      <p class={status.tone} data-testid="nmc-status" data-status={evaluation.status}>
        <strong>{status.title}</strong>
        <br />
        <span class="hint">{t.usersRead(users.length)}</span>
      </p>
      {evaluation.candidates.length > 0 && (
        <p data-testid="nmc-candidates">
          {t.candidates} <strong>{evaluation.candidates.join(', ')}</strong>
        </p>
      )}
      <ul>
        {evaluation.findings.map((finding, index) => (
          <li key={`${finding.code}-${index}`} data-testid="nmc-finding" data-code={finding.code}>
            <strong>{t.severity[finding.severity]}</strong> {describeFinding(finding, users, lang)}
          </li>
        ))}
      </ul>
      {steps.length > 0 && (
        <section data-testid="nmc-fix">
          <h3>{t.fix}</h3>
          <ol>
            {steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
